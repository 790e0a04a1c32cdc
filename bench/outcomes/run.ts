/**
 * Outcomes benchmark (issue 10): `npx tsx bench/outcomes/run.ts [--reps 30] [--only sqlite|postgres] [--dump DIR]`.
 *
 * For SQLite (a file in a tmpdir) and then PostgreSQL (a throwaway cluster started with
 * scripts/pg-throwaway.sh and stopped afterwards), at 1/10 and at full scale of a national year (world.ts:
 * 50 theme days, 2,000 organisations, 20,000 projects, 60,000 follow-up answers), it builds the real app on a
 * fresh migrated database, mints an NDRC session and a host base administrator's session, and measures, each
 * `reps` times in turn after two warm-up rounds, through `app.inject` (the whole Fastify request path:
 * session lookup, validation, handler, serialisation; no socket):
 * - NDRC's programme overview: stats by theme day, stats by size class, the overdue follow-ups (page 1);
 * - the host's theme-day results page: stats of its theme day, its projects (page 1), its overdue follow-ups;
 * - the overview again with a follow-up answer corrected before each request (cache invalidated: the real case);
 * - the baseline: GET /api/auth/me with the same session (the cheapest signed-in request), measured the same
 *   way and interleaved with the others, so "× baseline" is the figure that travels between machines.
 * Growth is full-scale p50 ÷ tenth-scale p50 of the same endpoint on the same database.
 * It also checks that both databases return identical figures (the stats bodies) at each scale.
 * Prints one table; exits 1 if any p95 is above 200 ms or the databases disagree.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'kysely';
import { loadConfig } from '../../server/config.ts';
import { openDatabase, type Database } from '../../server/db/index.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { buildApp } from '../../server/app.ts';
import { refreshStaleFacts } from '../../server/modules/projects/repository.ts';
import { generate, type World } from './world.ts';
import { markdownTable } from '../lib/table.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const argOf = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const REPS = Number(argOf('reps') ?? 30);
const ONLY = argOf('only');
/** `--dump DIR` writes every endpoint's response body there (to compare figures before and after a change). */
const DUMP = argOf('dump');
const LIMIT_MS = 200;
const SCALES = [
  { label: '1/10', scale: 0.1 },
  { label: 'full', scale: 1 },
] as const;

interface Endpoint {
  page: 'baseline' | 'NDRC overview' | 'host results page';
  name: string;
  who: 'ndrc' | 'host';
  url: (w: World) => string;
  /** Compared across the databases. */
  figures?: boolean;
  /** Runs before each request, outside the timing (e.g. a write that invalidates the cached figures). */
  before?: (db: Database['db'], rep: number) => Promise<void>;
}

/**
 * Between two overview requests a party corrects a follow-up answer: the project's facts go stale (database
 * trigger), so the request refreshes them and recomputes the figures instead of answering from its cache — the
 * realistic case of a live programme, measured next to the steady state. The answers toggled are the first 64
 * answered follow-ups by id (the generator's ids are the same on both databases), each flipped and flipped back.
 */
let answered: string[] = [];
async function correctOneAnswer(db: Database['db'], rep: number): Promise<void> {
  if (!answered.length)
    answered = (
      await db
        .selectFrom('project_follow_ups')
        .select('id')
        .where('status', '=', 'on_track')
        .orderBy('id')
        .limit(64)
        .execute()
    ).map((r) => r.id);
  const id = answered[Math.floor((rep + 2) / 2) % answered.length]!;
  await db
    .updateTable('project_follow_ups')
    .set({ status: (rep + 2) % 2 === 0 ? 'delayed' : 'on_track' })
    .where('id', '=', id)
    .execute();
}
const ENDPOINTS: Endpoint[] = [
  { page: 'baseline', name: 'GET /api/auth/me', who: 'ndrc', url: () => '/api/auth/me' },
  {
    page: 'NDRC overview',
    name: 'stats groupBy=themeDay',
    who: 'ndrc',
    url: () => '/api/projects/stats?groupBy=themeDay',
    figures: true,
  },
  {
    page: 'NDRC overview',
    name: 'stats groupBy=sizeClass',
    who: 'ndrc',
    url: () => '/api/projects/stats?groupBy=sizeClass',
    figures: true,
  },
  {
    page: 'NDRC overview',
    name: 'overdue follow-ups p.1',
    who: 'ndrc',
    url: () => '/api/project-follow-ups?state=overdue&page=1&pageSize=20',
    figures: true,
  },
  {
    page: 'host results page',
    name: 'stats themeDayId',
    who: 'host',
    url: (w) => `/api/projects/stats?themeDayId=${w.hostThemeDayId}`,
    figures: true,
  },
  {
    page: 'host results page',
    name: 'projects p.1',
    who: 'host',
    url: (w) => `/api/projects?themeDayId=${w.hostThemeDayId}&page=1&pageSize=20`,
    figures: true,
  },
  {
    page: 'host results page',
    name: 'overdue follow-ups p.1',
    who: 'host',
    url: (w) => `/api/project-follow-ups?themeDayId=${w.hostThemeDayId}&state=overdue&page=1&pageSize=20`,
    figures: true,
  },
  // Last, so the other endpoints' bodies (captured in the first warm-up round) precede every write.
  {
    page: 'NDRC overview',
    name: 'stats groupBy=themeDay, an answer corrected before each',
    who: 'ndrc',
    url: () => '/api/projects/stats?groupBy=themeDay',
    before: correctOneAnswer,
  },
];

interface Measured {
  db: string;
  scale: string;
  endpoint: Endpoint;
  p50: number;
  p95: number;
  digest: string;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
};

/** Ids are the generator's (deterministic); the session-bound and time-bound parts are not in the figures. */
const digestOf = (body: string) => createHash('sha256').update(body).digest('hex').slice(0, 12);

async function runOne(label: 'sqlite' | 'postgres', url: string | undefined, scale: (typeof SCALES)[number]) {
  const dir = mkdtempSync(join(tmpdir(), 'rt-bench-outcomes-'));
  const database = openDatabase({ url, sqlitePath: join(dir, 'bench.db'), poolSize: 10 });
  try {
    await migrateToLatest(database.db);
    answered = [];
    const t0 = performance.now();
    const w = await generate(database, scale.scale);
    const genMs = Math.round(performance.now() - t0);
    // The per-project facts of the numbers (migration 2026-12-11T10-project-facts): the one-time backfill the
    // first stats request after the migration would do (inserted rows start stale). Timed apart.
    const b0 = performance.now();
    await refreshStaleFacts(database.db);
    const backfillMs = Math.round(performance.now() - b0);
    // PostgreSQL's autovacuum would vacuum and analyse tables this size within a minute (the backfill rewrote
    // every project row); do it now. SQLite is left as an app database is (no ANALYZE).
    if (database.dialect === 'postgres') await sql`vacuum analyze`.execute(database.db);
    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      SQLITE_PATH: join(dir, 'bench.db'),
      COOKIE_SECURE: 'false',
    });
    const app = await buildApp({ config, database, clock: { now: () => new Date(w.now) }, webRoot: '/nonexistent' });
    await app.ready();
    const times = new Map<Endpoint, number[]>(ENDPOINTS.map((e) => [e, []]));
    const bodies = new Map<Endpoint, string>();
    try {
      for (let rep = -2; rep < REPS; rep++)
        for (const e of ENDPOINTS) {
          await e.before?.(database.db, rep);
          const start = performance.now();
          const res = await app.inject({ method: 'GET', url: e.url(w), headers: { cookie: w[e.who].cookie } });
          const ms = performance.now() - start;
          if (res.statusCode !== 200) throw new Error(`${e.name}: ${res.statusCode} ${res.body.slice(0, 300)}`);
          if (rep >= 0) times.get(e)!.push(ms);
          else if (rep === -2) bodies.set(e, res.body);
        }
    } finally {
      await app.close();
    }
    if (DUMP) {
      mkdirSync(DUMP, { recursive: true });
      for (const [e, body] of bodies)
        writeFileSync(join(DUMP, `${label}-${scale.scale}-${ENDPOINTS.indexOf(e)}.json`), body);
    }
    console.error(
      `${label} ${scale.label}: ${w.counts.projects} projects, ${w.counts.parties} parties, ${w.counts.followUps} follow-ups (${w.counts.answers} answered), generated in ${genMs} ms, facts backfilled in ${backfillMs} ms`,
    );
    return ENDPOINTS.map((e): Measured => ({
      db: label,
      scale: scale.label,
      endpoint: e,
      p50: quantile(times.get(e)!, 0.5),
      p95: quantile(times.get(e)!, 0.95),
      digest: digestOf(bodies.get(e) ?? ''),
    }));
  } finally {
    await database.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

function table(rows: Measured[]): string {
  const head = ['db', 'scale', 'page', 'endpoint', 'p50 ms', 'p95 ms', '× baseline (p50)', 'growth full/tenth (p50)'];
  const cells = rows.map((m) => {
    const base = rows.find((x) => x.db === m.db && x.scale === m.scale && x.endpoint.page === 'baseline')!;
    const tenth = rows.find((x) => x.db === m.db && x.scale === '1/10' && x.endpoint === m.endpoint);
    return [
      m.db,
      m.scale,
      m.endpoint.page,
      m.endpoint.name,
      m.p50.toFixed(1),
      m.p95.toFixed(1),
      m.endpoint.page === 'baseline' ? '1.0' : (m.p50 / base.p50).toFixed(1),
      m.scale === 'full' && tenth ? `${(m.p50 / tenth.p50).toFixed(1)}×` : '',
    ];
  });
  return markdownTable(head, cells);
}

async function main() {
  const rows: Measured[] = [];
  if (ONLY !== 'postgres') for (const s of SCALES) rows.push(...(await runOne('sqlite', undefined, s)));
  if (ONLY !== 'sqlite') {
    const out = execFileSync('bash', [join(root, 'scripts', 'pg-throwaway.sh')], { encoding: 'utf8' }).trim();
    const [port, dir] = out.split(/\s+/);
    try {
      for (const [i, s] of SCALES.entries()) {
        const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
        await admin.connect();
        await admin.query(`create database rt_bench_${i}`);
        await admin.end();
        rows.push(...(await runOne('postgres', `postgres://postgres@127.0.0.1:${port}/rt_bench_${i}`, s)));
      }
    } finally {
      execFileSync('bash', [join(root, 'scripts', 'pg-throwaway.sh'), 'stop', dir ?? '']);
    }
  }
  console.log(
    `Outcomes benchmark: a national year (full = 50 theme days, 2,000 organisations, 20,000 projects, 60,000 follow-up answers; 1/10 of each), ${REPS} requests per endpoint via app.inject, Node ${process.version}`,
  );
  console.log(table(rows));
  const checks: string[] = [];
  const slow = rows.filter((m) => m.endpoint.page !== 'baseline' && m.p95 > LIMIT_MS);
  checks.push(
    slow.length
      ? `FAIL p95 ≤ ${LIMIT_MS} ms: ${slow.map((m) => `${m.db} ${m.scale} ${m.endpoint.name} ${m.p95.toFixed(0)} ms`).join('; ')}`
      : `ok   p95 ≤ ${LIMIT_MS} ms for every endpoint on ${[...new Set(rows.map((m) => m.db))].join(' and ')}`,
  );
  const differ: string[] = [];
  for (const m of rows.filter((x) => x.db === 'sqlite' && x.endpoint.figures)) {
    const other = rows.find((x) => x.db === 'postgres' && x.scale === m.scale && x.endpoint === m.endpoint);
    if (other && other.digest !== m.digest) differ.push(`${m.scale} ${m.endpoint.name}`);
  }
  if (rows.some((x) => x.db === 'postgres') && rows.some((x) => x.db === 'sqlite'))
    checks.push(
      differ.length
        ? `FAIL same response bodies on SQLite and PostgreSQL: differ for ${differ.join('; ')}`
        : 'ok   same response bodies (sha-256) on SQLite and PostgreSQL for every figures endpoint at both scales',
    );
  console.log(checks.join('\n'));
  console.log(
    'PostgreSQL: throwaway cluster (fsync off), VACUUM ANALYZEd after loading and the facts backfill. SQLite: WAL, synchronous=NORMAL, 64 MB page cache, no ANALYZE.',
  );
  if (checks.some((c) => c.startsWith('FAIL'))) process.exit(1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
