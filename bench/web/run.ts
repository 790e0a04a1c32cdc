/**
 * Lighthouse check of the public portal (issue 16): `npx tsx bench/web/run.ts [--url http://localhost:3000]
 * [--theme-day ID] [--runs N]`.
 *
 * Builds nothing and starts nothing: it runs against a production server someone started (`npm run build:web`,
 * a database with the demo (`npm run demo`), then `NODE_ENV=production tsx server/main.ts`). Lighthouse 12
 * (the pinned devDependency) drives Debian's Chromium (/usr/bin/chromium, or CHROMIUM_PATH) through
 * chrome-launcher with its default mobile emulation (Moto G Power) and simulated slow-4G throttling, on the home
 * page and a theme-day page (the first public one, or --theme-day). Each page is loaded cold (Lighthouse resets
 * the cache and storage), `--runs` times (default 1); the median run's scores are printed with the cold transfer
 * size (total-byte-weight: every byte the page fetched, as sent over the wire) and its JavaScript share.
 *
 * It also prints the JavaScript each public route and the workspace shell load before first interaction, from
 * the build's manifest (`--web-root`, default dist/web: the build the server serves), as web/build-budget.test.ts
 * counts it.
 *
 * Targets: performance ≥ 90, accessibility, best practices and SEO ≥ 95, cold home page ≤ 400 KB. Exits 1 when
 * a target is missed (after printing everything), 2 when the server cannot be reached.
 */
import { request } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import {
  PUBLIC_BUDGET,
  PUBLIC_PAGES,
  WORKSPACE_BUDGET,
  WORKSPACE_SHELL,
  publicPageModules,
  readManifest,
  routeJs,
} from '../../web/build-budget.ts';

type Category = 'performance' | 'accessibility' | 'best-practices' | 'seo';
const CATEGORIES: Category[] = ['performance', 'accessibility', 'best-practices', 'seo'];
const TARGET: Record<Category, number> = { performance: 90, accessibility: 95, 'best-practices': 95, seo: 95 };
const HOME_BYTES_TARGET = 400 * 1024;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface Run {
  scores: Record<Category, number>;
  bytes: number;
  jsBytes: number;
  lcpMs: number;
  tbtMs: number;
  fcpMs: number;
  cls: number;
  lcpElement: string;
  failing: string[];
  /** The same requests as a browser on HTTPS would make them (it asks for brotli there; on http:// only gzip). */
  brBytes: number;
}

/** Bytes on the wire of one GET asking for brotli (headers excluded), or null for another origin. */
function brotliBytes(url: string, origin: string): Promise<number | null> {
  if (!url.startsWith(origin)) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
      let n = 0;
      res.on('data', (c: Buffer) => (n += c.length));
      res.on('end', () => resolve(n));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function audit(url: string, port: number, origin: string): Promise<Run> {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: CATEGORIES,
  });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const lhr = result.lhr;
  if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const scores = Object.fromEntries(
    CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]),
  ) as Record<Category, number>;
  const items =
    (
      lhr.audits['network-requests']?.details as {
        items?: { url: string; transferSize?: number; resourceType?: string }[];
      }
    )?.items ?? [];
  let brBytes = 0;
  for (const i of items) brBytes += (await brotliBytes(i.url, origin)) ?? i.transferSize ?? 0;
  const jsBytes = items.filter((i) => i.resourceType === 'Script').reduce((s, i) => s + (i.transferSize ?? 0), 0);
  // The audits that cost points outside performance (what to fix next).
  const failing = CATEGORIES.filter((c) => c !== 'performance').flatMap((c) =>
    (lhr.categories[c]?.auditRefs ?? [])
      .filter((r) => r.weight > 0 && (lhr.audits[r.id]?.score ?? 1) < 1)
      .map((r) => {
        const item = JSON.stringify(lhr.audits[r.id]?.details ?? {}).match(
          /"(?:snippet|url|description)":"([^"]{0,100})/,
        )?.[1];
        return `${c}: ${r.id}${item ? ` (${item})` : ''}`;
      }),
  );
  return {
    scores,
    bytes: lhr.audits['total-byte-weight']?.numericValue ?? 0,
    jsBytes,
    lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? 0,
    tbtMs: lhr.audits['total-blocking-time']?.numericValue ?? 0,
    fcpMs: lhr.audits['first-contentful-paint']?.numericValue ?? 0,
    cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? 0,
    lcpElement:
      JSON.stringify(lhr.audits['largest-contentful-paint-element']?.details ?? {}).match(
        /"snippet":"([^"]{0,80})/,
      )?.[1] ?? '',
    failing,
    brBytes,
  };
}

const median = (runs: Run[]): Run => {
  const sorted = [...runs].sort((a, b) => a.scores.performance - b.scores.performance);
  return sorted[Math.floor(sorted.length / 2)] as Run;
};

const base = (arg('url') ?? 'http://localhost:3000').replace(/\/+$/, '');
const runs = Math.max(1, Number(arg('runs') ?? 1));

let themeDayId = arg('theme-day');
try {
  if (!themeDayId) {
    const r = await fetch(`${base}/api/public/theme-days?pageSize=200`);
    const body = (await r.json()) as { items: { id: string; endDate: string }[] };
    // The latest theme day (an upcoming one in the demo), else any.
    themeDayId = [...body.items].sort((a, b) => b.endDate.localeCompare(a.endDate))[0]?.id;
  }
} catch (err) {
  console.error(`Cannot reach ${base}: ${err instanceof Error ? err.message : String(err)}`);
  console.error(
    'Start a production server first: npm run build:web, npm run demo, NODE_ENV=production tsx server/main.ts',
  );
  process.exit(2);
}
if (!themeDayId) {
  console.error('No public theme day: seed the demo (npm run demo) or pass --theme-day ID.');
  process.exit(2);
}

const pages: [string, string][] = [
  ['home', `${base}/`],
  ['theme day', `${base}/theme-days/${themeDayId}`],
];

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const results: [string, Run][] = [];
try {
  for (const [name, url] of pages) {
    const all: Run[] = [];
    for (let i = 0; i < runs; i++) {
      // Lighthouse sometimes loses the trace on a busy machine (NO_NAVSTART …): try that run again, twice at most.
      for (let attempt = 1; ; attempt++) {
        try {
          all.push(await audit(url, chrome.port, base));
          break;
        } catch (err) {
          if (attempt >= 3) throw err;
          console.error(`retrying ${name}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    }
    results.push([name, median(all)]);
  }
} finally {
  chrome.kill();
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const misses: string[] = [];
console.log(`Lighthouse 12, mobile emulation, simulated throttling, ${runs} run(s) per page (median), ${base}`);
console.log('page        perf  a11y  best  seo   transfer  (JS)        FCP     LCP     TBT      CLS');
for (const [name, r] of results) {
  console.log(
    `${name.padEnd(10)}  ${String(r.scores.performance).padStart(4)}  ${String(r.scores.accessibility).padStart(4)}  ` +
      `${String(r.scores['best-practices']).padStart(4)}  ${String(r.scores.seo).padStart(4)}  ` +
      `${kb(r.bytes).padStart(8)}  (${kb(r.jsBytes)})`.padEnd(12) +
      `  ${(r.fcpMs / 1000).toFixed(1)} s   ${(r.lcpMs / 1000).toFixed(1)} s   ${String(Math.round(r.tbtMs)).padStart(4)} ms  ${r.cls.toFixed(3)}`,
  );
  console.log(`  LCP element: ${r.lcpElement}`);
  for (const c of CATEGORIES) {
    if (r.scores[c] < TARGET[c]) misses.push(`${name}: ${c} ${r.scores[c]} < ${TARGET[c]}`);
  }
  for (const f of r.failing) console.log(`  - ${name} ${f}`);
}
const home = results.find(([n]) => n === 'home')?.[1];
if (home) {
  console.log(
    `cold home page transfer: ${kb(home.bytes)} as measured (Chrome asks only for gzip on http://); ` +
      `${kb(home.brBytes)} bodies with brotli as on HTTPS (target ≤ ${kb(HOME_BYTES_TARGET)})`,
  );
  if (home.bytes > HOME_BYTES_TARGET) misses.push(`home: transfer ${kb(home.bytes)} > ${kb(HOME_BYTES_TARGET)}`);
}
const webRoot = arg('web-root') ?? join(import.meta.dirname, '..', '..', 'dist', 'web');
if (existsSync(join(webRoot, '.vite', 'manifest.json'))) {
  const m = readManifest(webRoot);
  console.log(
    `JS before first interaction, gzip (${webRoot}; budgets: public ${kb(PUBLIC_BUDGET)}, workspace ${kb(WORKSPACE_BUDGET)})`,
  );
  for (const p of PUBLIC_PAGES)
    console.log(`  ${p.padEnd(40)} ${kb(routeJs(webRoot, m, publicPageModules(p)).gzipBytes)}`);
  console.log(`  ${'workspace shell'.padEnd(40)} ${kb(routeJs(webRoot, m, WORKSPACE_SHELL).gzipBytes)}`);
}
if (misses.length) {
  console.log(`MISSED: ${misses.join('; ')}`);
  process.exitCode = 1;
} else {
  console.log('All targets met.');
}
