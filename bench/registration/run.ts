/**
 * Registration benchmark: `npx tsx bench/registration/run.ts [--users N] [--capacity C] [--connections K]
 * [--db sqlite|postgres]`.
 *
 * For SQLite and then PostgreSQL (a throwaway cluster started with scripts/pg-throwaway.sh and stopped
 * afterwards), it builds the real app on a fresh migrated database, listens on a real port, creates one
 * session with C offline places and N signed-in users (sessions minted in the sessions table; argon2 is not
 * what is measured), and fires N registrations — each user once — through autocannon with K concurrent
 * connections. A bare Fastify route (POST returning a small JSON body, no session) runs in the same process
 * and the same way: issue 15's targets are relative to it (registrations ≥ 25% of its req/s, p99 ≤ 3× its
 * p99). A signed-in no-op route on the real app (session lookup, CSRF check, the app's hooks; no handler
 * work) runs too, to show how much of the gap is the request layer every signed-in write pays. Afterwards
 * it checks that no session holds more registrations than its capacity, that seqs are unique and that the
 * waitlist has no gaps. Prints one table; exits 1 if a check fails (a missed target is printed, not fatal).
 * The load generator shares the server's process and event loop, as before.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';
import { defaultRules2020 } from '../../common/programme-rules.ts';
import { loadConfig } from '../../server/config.ts';
import { openDatabase, type Database } from '../../server/db/index.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { buildApp } from '../../server/app.ts';
import { newId, nowIso } from '../../server/lib/ids.ts';
import { tokenHash } from '../../server/plugins/session.ts';
import { hashPassword } from '../../server/lib/passwords.ts';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AutocannonRequest) => AutocannonRequest;
  onResponse?: (status: number, body: string) => void;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  amount: number;
  pipelining?: number;
  timeout?: number;
  requests?: AutocannonRequest[];
}) => Promise<AutocannonResult>;
const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as Autocannon;

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : def;
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive integer`);
  return v;
}
const USERS = arg('users', 3000);
const CAPACITY = arg('capacity', 500);
const CONNECTIONS = arg('connections', 200);
/** `--db sqlite` or `--db postgres` runs one half only (both by default). */
const DB = process.argv.includes('--db') ? process.argv[process.argv.indexOf('--db') + 1] : 'both';
if (DB !== 'both' && DB !== 'sqlite' && DB !== 'postgres') throw new Error('--db must be sqlite or postgres');

/** The world: programme, host base, theme day, approved activity plan, one session, N users with sessions. */
async function seed(
  database: Database,
  now: Date,
): Promise<{ sessionId: string; users: { cookie: string; csrf: string }[] }> {
  const db = database.db;
  const t = nowIso(now);
  const hash = await hashPassword('Bench@2020x');
  const ids = {
    programme: newId(),
    org: newId(),
    base: newId(),
    plan: newId(),
    themeDay: newId(),
    activityPlan: newId(),
    session: newId(),
    host: newId(),
  };
  const users: { cookie: string; csrf: string }[] = [];
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('programmes')
      .values({
        id: ids.programme,
        year: 2020,
        name: '基准测试方案',
        rules: JSON.stringify({ ...defaultRules2020, planDeadline: '2020-06-30T23:59:59' }),
        status: 'open',
        opened_at: t,
        closed_at: null,
        created_at: t,
        updated_at: t,
      })
      .execute();
    await trx
      .insertInto('organisations')
      .values({
        id: ids.org,
        name: '基准测试企业',
        uscc: `BENCH${randomBytes(6).toString('hex')}`,
        uscc_status: 'valid',
        kind: 'enterprise',
        region_code: '370200',
        industry_code: '39',
        employees: null,
        revenue_wan: null,
        assets_wan: null,
        size_class: null,
        department_code: null,
        created_at: t,
        updated_at: t,
      })
      .execute();
    await trx
      .insertInto('bases')
      .values({
        id: ids.base,
        name: '基准测试基地',
        short_name: '基准',
        kind: 'enterprise',
        batch: 2,
        region_code: '370200',
        supervising_department: null,
        organisation_id: ids.org,
        description: null,
        created_at: t,
        updated_at: t,
      })
      .execute();
    await trx
      .insertInto('preliminary_plans')
      .values({
        id: ids.plan,
        programme_id: ids.programme,
        base_id: ids.base,
        status: 'selected',
        theme: '工业互联网',
        title: 't',
        body: 'b',
        partner_base_ids: '[]',
        areas: '[]',
        planned_months: '[9]',
        epidemic_measures: null,
        submitted_at: t,
        return_reason: null,
        created_by: ids.host,
        created_at: t,
        updated_at: t,
      })
      .execute();
    await trx
      .insertInto('theme_days')
      .values({
        id: ids.themeDay,
        programme_id: ids.programme,
        plan_id: ids.plan,
        base_id: ids.base,
        title: '基准主题日',
        theme: '工业互联网',
        start_date: '2020-09-15',
        end_date: '2020-09-16',
        partner_base_ids: '[]',
        created_at: t,
        updated_at: t,
      })
      .execute();
    await trx
      .insertInto('activity_plans')
      .values({
        id: ids.activityPlan,
        theme_day_id: ids.themeDay,
        status: 'approved',
        title: '基准融通创新主题日活动方案',
        content: JSON.stringify({
          headcountLimit: CAPACITY,
          onlineChannel: 'https://live.example.cn',
          emergencyPlan: '应急预案',
          supportOrganisationIds: [],
        }),
        submitted_at: t,
        decided_at: t,
        return_reason: null,
        created_at: t,
        updated_at: t,
      })
      .execute();
    await trx
      .insertInto('event_sessions')
      .values({
        id: ids.session,
        theme_day_id: ids.themeDay,
        title: '基准路演',
        kind: 'roadshow',
        mode: 'offline',
        description: null,
        starts_at: '2020-09-15T01:00:00.000Z',
        ends_at: '2020-09-15T03:00:00.000Z',
        venue: '主会场',
        venue_capacity: null,
        capacity: CAPACITY,
        online_limit: null,
        online_channel: null,
        registration_opens_at: '2020-01-01T00:00:00.000Z',
        registration_closes_at: '2020-09-14T10:00:00.000Z',
        questions: '[]',
        next_seq: 1,
        created_by: ids.host,
        created_at: t,
        updated_at: t,
      })
      .execute();
    const expires = nowIso(new Date(now.getTime() + 12 * 3600_000));
    // autocannon also calls setupRequest once per connection while preparing it, so keep spare users:
    // every request that is sent still goes out under a user nobody else used.
    for (let i = 0; i < USERS + 2 * CONNECTIONS; i++) {
      const userId = newId();
      const token = randomBytes(32).toString('base64url');
      const csrf = randomBytes(24).toString('base64url');
      await trx
        .insertInto('users')
        .values({
          id: userId,
          name: `报名者${i}`,
          email: `bench${i}@example.cn`,
          mobile: null,
          password_hash: hash,
          locked_until: null,
          created_at: t,
          updated_at: t,
        })
        .execute();
      await trx
        .insertInto('memberships')
        .values({ id: newId(), user_id: userId, organisation_id: ids.org, role: 'member', created_at: t })
        .execute();
      await trx
        .insertInto('sessions')
        .values({
          id: tokenHash(token),
          user_id: userId,
          membership_id: null,
          csrf_token: csrf,
          ip: '127.0.0.1',
          user_agent: 'bench',
          created_at: t,
          last_seen_at: t,
          expires_at: expires,
        })
        .execute();
      users.push({ cookie: `rt_sid=${token}`, csrf });
    }
  });
  return { sessionId: ids.session, users };
}

interface Row {
  database: string;
  route: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  failed: number;
  /** Process CPU per request (µs), and the share of the run's wall time the process did not use the CPU. */
  cpu: number;
  idle: string;
  /** req/s as a share of the bare route's, and p99 as a multiple of the bare route's (issue 15's targets). */
  share: string;
  p99x: string;
  check: string;
}

/** A run with its real length and the process CPU it used (server and load generator: one process). */
type Fired = AutocannonResult & { seconds: number; cpuMs: number };

async function fire(
  url: string,
  path: string,
  users: { cookie: string; csrf: string }[] | null,
  amount: number,
): Promise<Fired> {
  let i = 0;
  // autocannon's own `duration` only advances on its 1-second ticker, which skews a 2-second run by up to
  // half; the run's real length is from the start to the last response.
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  let last = start;
  const res = await autocannon({
    url,
    connections: CONNECTIONS,
    amount,
    timeout: 60,
    requests: [
      {
        method: 'POST',
        path,
        setupRequest: (req) => {
          const u = users?.[i++ % users.length];
          return {
            ...req,
            headers: { 'content-type': 'application/json', ...(u ? { cookie: u.cookie, 'x-csrf-token': u.csrf } : {}) },
            body: JSON.stringify({ answers: {} }),
          };
        },
        onResponse: (status, body) => {
          last = performance.now();
          if (status >= 300 && samples.length < 3) samples.push(`${status} ${body.slice(0, 200)}`);
        },
      },
    ],
  });
  const cpu = process.cpuUsage(cpu0);
  return { ...res, seconds: (last - start) / 1000, cpuMs: (cpu.user + cpu.system) / 1000 };
}
/** The first few failed responses, printed when something fails. */
const samples: string[] = [];

/** No session above capacity; registered = min(capacity, N); seqs unique 1..N; waitlist = the rest in seq order. */
async function check(database: Database, sessionId: string, accepted: number): Promise<string> {
  const db = database.db;
  const sessions = await db.selectFrom('event_sessions').select(['id', 'capacity']).execute();
  const problems: string[] = [];
  for (const s of sessions) {
    const n = await db
      .selectFrom('event_registrations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('session_id', '=', s.id)
      .where('status', '=', 'registered')
      .where('attendance', '=', 'offline')
      .executeTakeFirstOrThrow();
    if (s.capacity != null && Number(n.n) > s.capacity) problems.push(`over capacity ${n.n}/${s.capacity}`);
  }
  const rows = await db
    .selectFrom('event_registrations')
    .select(['status', 'seq'])
    .where('session_id', '=', sessionId)
    .orderBy('seq')
    .execute();
  const seqs = rows.map((r) => Number(r.seq));
  if (new Set(seqs).size !== seqs.length || seqs.some((s, k) => s !== k + 1)) problems.push('seq gaps/duplicates');
  const firstWait = rows.findIndex((r) => r.status === 'waitlisted');
  if (firstWait >= 0 && rows.slice(firstWait).some((r) => r.status !== 'waitlisted'))
    problems.push('waitlist out of order');
  if (rows.length !== accepted || rows.length !== USERS)
    problems.push(`${rows.length} rows for ${accepted} accepted requests`);
  const registered = rows.filter((r) => r.status === 'registered').length;
  if (registered !== Math.min(CAPACITY, rows.length)) problems.push(`registered ${registered}`);
  return problems.length
    ? `FAIL: ${problems.join('; ')}`
    : `ok: ${registered}/${CAPACITY} registered, ${rows.length - registered} waitlisted`;
}

async function runOne(label: 'sqlite' | 'postgres', url: string | undefined): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'rt-bench-reg-'));
  const database = openDatabase({ url, sqlitePath: join(dir, 'bench.db'), poolSize: 20 });
  try {
    await migrateToLatest(database.db);
    const now = new Date('2020-05-20T02:00:00Z');
    const { sessionId, users } = await seed(database, now);
    const config = loadConfig({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      SQLITE_PATH: join(dir, 'bench.db'),
      COOKIE_SECURE: 'false',
    });
    const app = await buildApp({ config, database, clock: { now: () => new Date(now) }, webRoot: '/nonexistent' });
    // The app's own request work without the registration: session lookup, CSRF check, a 201 with a small
    // body. Not the target's reference (that is the bare route, as in issue 15); it shows where time goes.
    app.post('/api/bench/signed-in-noop', async (req, reply) => {
      if (!req.actor) return reply.code(401).send({ ok: false });
      return reply.code(201).send({ ok: true, status: 'registered' });
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const bare = Fastify({ logger: false });
    bare.post('/bare', async (_req, reply) => reply.code(201).send({ ok: true, status: 'registered' }));
    await bare.listen({ host: '127.0.0.1', port: 0 });
    const addr = (a: ReturnType<typeof app.server.address>) =>
      typeof a === 'object' && a ? `http://127.0.0.1:${a.port}` : '';
    try {
      // The bare route gets more requests so its run is not dominated by opening 200 connections.
      const b = await fire(addr(bare.server.address()), '/bare', null, USERS * 5);
      const n = await fire(addr(app.server.address()), '/api/bench/signed-in-noop', users, USERS * 2);
      const r = await fire(addr(app.server.address()), `/api/event-sessions/${sessionId}/registrations`, users, USERS);
      const verdict = await check(database, sessionId, r.requests.total - r.non2xx - r.errors - r.timeouts);
      const rps = (x: Fired) => x.requests.total / Math.max(0.001, x.seconds);
      const row = (route: string, x: Fired, c: string): Row => ({
        database: label,
        route,
        requests: x.requests.total,
        rps: Math.round(rps(x)),
        p50: x.latency.p50,
        p99: x.latency.p99,
        failed: x.non2xx + x.errors + x.timeouts,
        cpu: Math.round((1000 * x.cpuMs) / Math.max(1, x.requests.total)),
        idle: `${Math.max(0, Math.round(100 - (100 * x.cpuMs) / (1000 * x.seconds)))}%`,
        share: x === b ? '100%' : `${((100 * rps(x)) / rps(b)).toFixed(1)}%`,
        p99x: x === b ? '1.0×' : `${(x.latency.p99 / Math.max(1, b.latency.p99)).toFixed(1)}×`,
        check: c,
      });
      const met = rps(r) >= 0.25 * rps(b) && r.latency.p99 <= 3 * b.latency.p99;
      return [
        row('bare Fastify POST', b, ''),
        row('signed-in no-op POST', n, ''),
        row('POST registrations', r, `${verdict}; target ${met ? 'met' : 'MISSED'}`),
      ];
    } finally {
      await app.close();
      await bare.close();
    }
  } finally {
    await database.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

function table(rows: Row[]): string {
  const head = [
    'database',
    'route',
    'requests',
    'req/s',
    'p50 ms',
    'p99 ms',
    'failed',
    'CPU µs/req',
    'CPU idle',
    'req/s vs bare',
    'p99 vs bare',
    'check (target: ≥25% req/s, ≤3× p99)',
  ];
  const cells = rows.map((r) => [
    r.database,
    r.route,
    String(r.requests),
    String(r.rps),
    String(r.p50),
    String(r.p99),
    String(r.failed),
    String(r.cpu),
    r.idle,
    r.share,
    r.p99x,
    r.check,
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(w[i] ?? 0)).join(' | ')} |`;
  return [line(head), `|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

async function main() {
  const rows: Row[] = [];
  if (DB !== 'postgres') rows.push(...(await runOne('sqlite', undefined)));
  if (DB !== 'sqlite') rows.push(...(await runPostgres()));
  report(rows);
}

/** The PostgreSQL half on a throwaway cluster (scripts/pg-throwaway.sh), stopped afterwards. */
async function runPostgres(): Promise<Row[]> {
  const out = execFileSync('bash', [join(root, 'scripts', 'pg-throwaway.sh')], { encoding: 'utf8' }).trim();
  const [port, dir] = out.split(/\s+/);
  try {
    const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await admin.connect();
    await admin.query('create database rt_bench');
    await admin.end();
    return await runOne('postgres', `postgres://postgres@127.0.0.1:${port}/rt_bench`);
  } finally {
    execFileSync('bash', [join(root, 'scripts', 'pg-throwaway.sh'), 'stop', dir ?? '']);
  }
}

function report(rows: Row[]) {
  console.log(
    `Registration benchmark: ${USERS} distinct signed-in users, one registration each, ${CONNECTIONS} connections, session capacity ${CAPACITY}`,
  );
  console.log(table(rows));
  console.log(
    'PostgreSQL is a throwaway cluster with fsync=off; SQLite runs WAL with synchronous=NORMAL. Node',
    process.version,
  );
  if (samples.length) console.log('first failures:', samples);
  if (rows.some((r) => r.check.startsWith('FAIL') || (r.route === 'POST registrations' && r.failed > 0)))
    process.exit(1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
