/**
 * The JavaScript a route needs before a reader can use it, from the build's .vite/manifest.json: the entry
 * (index.html's script) and the route's lazily loaded page — with antd's providers (components/AntdScope.tsx)
 * unless the route is light (renders without antd: PortalLayout) — each with every chunk it imports statically
 * (what main.tsx fetches before the first render; other dynamic imports load later), measured gzipped.
 * Used by web/build-budget.test.ts (the budgets) and bench/web/run.ts (the printout).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

/** Public portal pages (web/pages, routes of PortalLayout) whose first load the budget covers. */
export const PUBLIC_PAGES = [
  'pages/portal/HomePage.tsx',
  'pages/portal/ThemeDayPage.tsx',
  'pages/portal/BasesDirectoryPage.tsx',
  'pages/demands/DemandPage.tsx',
  'pages/demands/DemandsPortalPage.tsx',
  'pages/publicity/PortalNewsPages.tsx',
  'pages/demands/OrgPage.tsx',
  'pages/supply/ResourcesPortal.tsx',
  'pages/supply/ResultsPortal.tsx',
  'pages/roadshows/PublicRoadshowPage.tsx',
  'pages/invitations/InvitePage.tsx',
] as const;

/** Public pages that render without antd (`handle={{ light: true }}` in App.tsx). */
export const LIGHT_PAGES: readonly string[] = [
  'pages/portal/HomePage.tsx',
  'pages/portal/ThemeDayPage.tsx',
  'pages/portal/BasesDirectoryPage.tsx',
  'pages/demands/DemandsPortalPage.tsx',
  'pages/demands/DemandPage.tsx',
  'pages/demands/OrgPage.tsx',
  'pages/publicity/PortalNewsPages.tsx',
  'pages/supply/ResourcesPortal.tsx',
  'pages/supply/ResultsPortal.tsx',
  'pages/roadshows/PublicRoadshowPage.tsx',
  'pages/invitations/InvitePage.tsx',
];

/** antd's providers, loaded with every page that uses antd. */
export const ANTD_SCOPE = 'components/AntdScope.tsx';

/** The workspace's shell: its layout (in antd's providers) and the dashboard a signed-in user lands on. */
export const WORKSPACE_SHELL = [
  ANTD_SCOPE,
  'components/WorkspaceLayout.tsx',
  'pages/workspace/DashboardPage.tsx',
] as const;

/** What a public page loads before first interaction besides the entry: the page, and antd's providers unless light. */
export function publicPageModules(page: string): string[] {
  return LIGHT_PAGES.includes(page) ? [page] : [ANTD_SCOPE, page];
}

/** Budgets in bytes of gzipped JavaScript (issue 16). */
export const PUBLIC_BUDGET = 200 * 1024;
export const WORKSPACE_BUDGET = 350 * 1024;

export function readManifest(outDir: string): Manifest {
  return JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
}

/** The manifest key of the entry chunk (index.html's module script). */
export function entryKey(m: Manifest): string {
  const k = Object.keys(m).find((key) => m[key]?.isEntry);
  if (!k) throw new Error('the manifest has no entry');
  return k;
}

/** Every chunk file the given manifest keys load before they run (static imports, transitively). */
export function staticClosure(m: Manifest, keys: readonly string[]): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (k: string) => {
    if (seen.has(k)) return;
    seen.add(k);
    const c = m[k];
    if (!c) throw new Error(`the manifest has no chunk ${k}`);
    files.add(c.file);
    for (const i of c.imports ?? []) visit(i);
  };
  for (const k of keys) visit(k);
  return files;
}

const gzCache = new Map<string, number>();
/** Gzipped size (level 9) of a built file. */
export function gzipSize(outDir: string, file: string): number {
  const p = join(outDir, file);
  let n = gzCache.get(p);
  if (n === undefined) {
    n = gzipSync(readFileSync(p), { level: 9 }).length;
    gzCache.set(p, n);
  }
  return n;
}

export interface RouteJs {
  files: string[];
  gzipBytes: number;
}

/** The JS of a route before first interaction: the entry and these modules, with their static imports. */
export function routeJs(outDir: string, m: Manifest, pages: readonly string[]): RouteJs {
  const files = [...staticClosure(m, [entryKey(m), ...pages])].filter((f) => f.endsWith('.js'));
  return { files, gzipBytes: files.reduce((s, f) => s + gzipSize(outDir, f), 0) };
}
