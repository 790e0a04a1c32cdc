/**
 * Links in notifications never lead to 页面不存在 (issue 12 §4). routes.test.ts proves that every link built by
 * common/links.ts opens a declared page; this test proves the server builds every notification and to-do link
 * through common/links.ts (directly or through a one-line helper that does), so no hand-written path can slip by.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', 'server', 'modules');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') && !/testkit|test-helpers|test-support/.test(p) ? [p] : [];
  });
}

const files = sources(ROOT).map((p) => ({ path: p, text: readFileSync(p, 'utf8') }));
const all = files.map((f) => f.text).join('\n');

/** Values that carry a link through unchanged (a stored row's link, an absent one). */
const PASS_THROUGH = /^(null|undefined|n\.link \?\? null|r\.link|row\.link)$/;

/** Whether a `link:` value is built from common/links.ts. */
function fromLinks(value: string, source: string): boolean {
  if (PASS_THROUGH.test(value)) return true;
  const helpers = [...value.matchAll(/\b(\w+Link)\(/g)].map((m) => m[1]!);
  const usesLinks = /\blinks\.\w+\(/.test(value);
  if (!usesLinks && !helpers.length) return false;
  // Each helper must be defined as a call into `links` (e.g. `const sessionLink = (id) => links.eventSession(id)`).
  return helpers.every((h) => new RegExp(`(const|function) ${h}\\b[^\\n]*(\\n[^\\n]*){0,3}?\\blinks\\.`).test(source));
}

/** The expression that starts at `at`, up to the first `,` `}` `;` or line end outside brackets and templates. */
function expressionAt(text: string, at: number): string {
  let depth = 0;
  let inTemplate = false;
  let i = at;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (c === '`') inTemplate = !inTemplate;
    else if (inTemplate) continue;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && (c === ',' || c === ';' || c === '\n')) break;
  }
  return text.slice(at, i).trim();
}

/** Every `link: …` property value in the server's modules (not `online_link`, not type declarations). */
const values = files.flatMap((f) =>
  [...f.text.matchAll(/(?<![\w_])link: /g)]
    .map((m) => expressionAt(f.text, m.index + m[0].length))
    .filter((v) => !/^string\b/.test(v))
    .map((v) => ({ file: f.path.slice(ROOT.length + 1), value: v })),
);

describe('notification links', () => {
  it('finds the links the server sends (the scan works)', () => {
    expect(values.length).toBeGreaterThan(40);
    expect(values.some((v) => v.value === 'links.plan(plan.id)')).toBe(true);
  });

  it('builds every one through common/links.ts', () => {
    const bad = values.filter((v) => !fromLinks(v.value, all));
    expect(bad).toEqual([]);
  });

  it('would flag a hand-written path or a helper that does not use links', () => {
    expect(fromLinks('`/workspace/nowhere/${id}`', all)).toBe(false);
    expect(fromLinks("'/workspace/plans'", all)).toBe(false);
    expect(fromLinks('madeUpLink(x.id)', 'const madeUpLink = (id) => `/x/${id}`;')).toBe(false);
    expect(fromLinks('sessionLink(s.id)', all)).toBe(true);
  });
});
