/**
 * JS budgets of the portal (issue 16), from the manifest of a fresh production build (made here into a temporary
 * folder, so the check is of the current source, never of a stale dist/): what a public page and the workspace
 * shell load before first interaction, gzipped, and that no public page loads ECharts or the workspace's code.
 *
 * The budgets: public pages ≤ 200 KB, the workspace shell ≤ 350 KB. The entry (React, the router,
 * TanStack Query, the Chinese strings, the plain portal shell) is about 165 KB, so a public page meets its budget
 * only without antd: every public page is a light route (plain markup; antd only for what a reader opens or
 * scrolls to) and must stay so.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ANTD_SCOPE,
  LIGHT_PAGES,
  PUBLIC_BUDGET,
  PUBLIC_PAGES,
  WORKSPACE_BUDGET,
  WORKSPACE_SHELL,
  publicPageModules,
  readManifest,
  routeJs,
  type Manifest,
} from './build-budget.ts';

const KB = 1024;
let out = '';
let m: Manifest;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'rt-budget-'));
  const r = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'error'], {
    cwd: join(import.meta.dirname, '..'),
    // vitest sets NODE_ENV=test, under which React's development build would be bundled.
    env: { ...process.env, NODE_ENV: 'production', WEB_OUT_DIR: out },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`vite build failed: ${r.stderr}`);
  m = readManifest(out);
}, 300_000);
afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

const kb = (n: number) => `${(n / KB).toFixed(1)} KB`;

describe('JS budgets from the build manifest', () => {
  it.each(PUBLIC_PAGES)('%s loads no ECharts or workspace code and stays within its budget', (page) => {
    const r = routeJs(out, m, publicPageModules(page));
    console.log(`${page}: ${kb(r.gzipBytes)} gzip of JS before first interaction (budget ${kb(PUBLIC_BUDGET)})`);
    expect(r.files.filter((f) => /echarts|WorkspaceLayout|DashboardPage/.test(f))).toEqual([]);
    expect(r.gzipBytes).toBeLessThanOrEqual(PUBLIC_BUDGET);
  });

  it('every public page is light: within the public budget and loading no antd', () => {
    expect([...LIGHT_PAGES].sort()).toEqual([...PUBLIC_PAGES].sort());
    const antd = new Set(routeJs(out, m, [ANTD_SCOPE]).files);
    const entry = new Set(routeJs(out, m, []).files);
    for (const page of LIGHT_PAGES) {
      const r = routeJs(out, m, publicPageModules(page));
      expect(r.gzipBytes, page).toBeLessThanOrEqual(PUBLIC_BUDGET);
      // Nothing of antd's providers or its runtime, beyond what the entry shares with it (React).
      expect(r.files.filter((f) => antd.has(f) && !entry.has(f))).toEqual([]);
    }
  });

  it('the entry carries neither antd, the workspace, the sign-in page nor the English strings', () => {
    const entry = routeJs(out, m, []);
    console.log(`entry: ${kb(entry.gzipBytes)}`);
    expect(entry.files.filter((f) => /WorkspaceLayout|LoginPage|echarts|AntdScope|en-US|en_US/.test(f))).toEqual([]);
    const antdOnly = routeJs(out, m, [ANTD_SCOPE]).files.filter((f) => !entry.files.includes(f));
    expect(antdOnly.length).toBeGreaterThan(0);
    // The English strings are a chunk of their own, loaded on switching language.
    expect(Object.values(m).some((c) => c.isDynamicEntry && /en-US/.test(c.file))).toBe(true);
  });

  it('the workspace shell stays within its budget; it is loaded on demand', () => {
    const r = routeJs(out, m, WORKSPACE_SHELL);
    console.log(`workspace shell: ${kb(r.gzipBytes)} (budget ${kb(WORKSPACE_BUDGET)})`);
    expect(r.gzipBytes).toBeLessThanOrEqual(WORKSPACE_BUDGET);
    for (const k of WORKSPACE_SHELL) expect(m[k]?.isDynamicEntry, k).toBe(true);
  });
});
