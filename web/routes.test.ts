/**
 * Every link the server sends (common/links.ts: notifications, to-do items, search hits) must open a real
 * page of the SPA: it matches a declared route other than the catch-all 404.
 */
import { createRoutesFromElements, matchRoutes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { links } from '../common/links.ts';

// Some pages read window.location while their module loads (the login page's demo hint): give them one.
Object.assign(globalThis, { window: globalThis.window ?? { location: new URL('http://localhost/') } });
const { appRoutes } = await import('./App.tsx');
const routes = createRoutesFromElements(appRoutes);

/** The route a path lands on (the deepest match), or null. */
function landing(path: string): string | null {
  const matches = matchRoutes(routes, path.split('?')[0]!);
  const leaf = matches?.[matches.length - 1];
  if (!leaf) return null;
  return leaf.route.path ?? (leaf.route.index ? '(index)' : null);
}

describe('links', () => {
  for (const [name, build] of Object.entries(links)) {
    it(`${name} opens a declared page`, () => {
      const path = build('00000000-0000-4000-8000-000000000001', 3);
      expect(path.startsWith('/')).toBe(true);
      const at = landing(path);
      expect(at, `${name} → ${path}`).not.toBeNull();
      expect(at, `${name} → ${path} lands on the 404 page`).not.toBe('*');
    });
  }

  it('an unknown path lands on the 404 page (the check above can fail)', () => {
    expect(landing('/no-such-page/1')).toBe('*');
    expect(landing('/workspace/no-such-page')).toBe('*');
  });
});
