/**
 * Two-server load test: `npm run bench:cluster [-- --users N --capacity C --connections K]`.
 *
 * Starts a throwaway PostgreSQL (scripts/pg-throwaway.sh), migrates it and seeds one theme day with two
 * identical offline sessions of C places and 2×N signed-in users (sessions minted in the sessions table;
 * argon2 is not what is measured). Then it runs the same registration surge — N registrations, each user once,
 * K concurrent connections, autocannon — twice:
 *   (a) against one app process (`node --import tsx server/main.ts`) directly, on session 1;
 *   (b) through nginx (the Debian package, /usr/sbin/nginx, run in the foreground with a temporary prefix,
 *       config, pid and logs) in front of two app processes on the same database, on session 2.
 * Every process is started and stopped by this script (by its own pid). After each run, SQL checks that no
 * session holds more registered places than its capacity and that the session's sequence counter matches its
 * registrations (seqs 1..n, unique); each app's GET /metrics tells how many registrations it served.
 * Prints one table; exits 1 if a check fails.
 *
 * The seeding is shared with bench/registration (bench/lib/registration-world.ts), with dates relative to the
 * wall clock because the app processes read it.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase, type Database } from '../../server/db/index.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import {
  arg,
  autocannon,
  seedRegistrationWorld,
  type AutocannonResult,
  type BenchUser,
} from '../lib/registration-world.ts';
import { nowIso } from '../../server/lib/ids.ts';
import { markdownTable } from '../lib/table.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const NGINX = '/usr/sbin/nginx';

const USERS = arg('users', 3000);
const CAPACITY = arg('capacity', 1000);
const CONNECTIONS = arg('connections', 200);

type User = BenchUser;

// -------------------------------------------------------------------------------------------------------
// Seeding (bench/lib/registration-world.ts, with dates relative to the wall clock: the app processes read it)
// -------------------------------------------------------------------------------------------------------

/** Programme, host base, theme day, approved activity plan, two sessions, and 2×(N + spare) signed-in users. */
async function seed(database: Database, now: Date): Promise<{ sessionIds: [string, string]; users: [User[], User[]] }> {
  const day = (d: number) => new Date(now.getTime() + d * 86_400_000);
  const at = (hours: number) => nowIso(new Date(day(8).getTime() + hours * 3600_000));
  const w = await seedRegistrationWorld(database, {
    now,
    year: now.getUTCFullYear(),
    startDate: nowIso(day(8)).slice(0, 10),
    endDate: nowIso(day(9)).slice(0, 10),
    label: '集群',
    capacity: CAPACITY,
    sessions: [0, 1].map((k) => ({
      title: `集群基准路演${k + 1}`,
      startsAt: at(k * 4),
      endsAt: at(k * 4 + 2),
      opensAt: nowIso(day(-1)),
      closesAt: nowIso(day(7)),
    })),
    // autocannon also calls setupRequest once per connection while preparing it, so keep spare users.
    usersPerSession: USERS + 2 * CONNECTIONS,
    emailPrefix: 'cluster',
  });
  return { sessionIds: [w.sessionIds[0]!, w.sessionIds[1]!], users: [w.users[0]!, w.users[1]!] };
}

// -------------------------------------------------------------------------------------------------------
// Processes
// -------------------------------------------------------------------------------------------------------

const children: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

function start(cmd: string, args: string[], env: NodeJS.ProcessEnv, log: string): ChildProcess {
  const fd = openSync(log, 'a');
  const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', fd, fd] });
  children.push(child);
  return child;
}

async function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function waitUntil(url: string, child: ChildProcess, log: string, expect = 200): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`process exited (${child.exitCode}):\n${tail(log)}`);
    try {
      const r = await fetch(url);
      if (r.status === expect) return;
    } catch {
      // not listening yet
    }
    if (Date.now() - t0 > 60_000) throw new Error(`${url} not ready after 60 s:\n${tail(log)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const tail = (file: string) => readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');

/** One app server as production runs it: its own process, its own pool, the same database. */
async function startApp(databaseUrl: string, dir: string, k: number): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const log = join(dir, `app${k}.log`);
  const child = start(
    process.execPath,
    ['--import', 'tsx', 'server/main.ts'],
    {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      DEMO_SEED: 'false',
      LOG_LEVEL: 'warn',
      COOKIE_SECURE: 'false',
      TRUST_PROXY: 'true',
      WEB_ROOT: join(dir, 'no-web'),
    },
    log,
  );
  await waitUntil(`http://127.0.0.1:${port}/metrics`, child, log);
  return { port, child };
}

/** nginx in the foreground with everything under `dir`: config, pid, logs, temp files. */
async function startNginx(dir: string, upstreamPorts: number[]): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const prefix = join(dir, 'nginx');
  mkdirSync(join(prefix, 'logs'), { recursive: true });
  for (const t of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(prefix, 'tmp', t), { recursive: true });
  // Run as root, nginx's workers drop to `nobody`: let them into the temporary prefix.
  for (const d of [dir, prefix, join(prefix, 'tmp')]) chmodSync(d, 0o755);
  for (const t of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) chmodSync(join(prefix, 'tmp', t), 0o777);
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon off;
master_process on;
worker_processes 1;
pid ${join(prefix, 'nginx.pid')};
error_log ${join(prefix, 'logs', 'error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${join(prefix, 'tmp', 'body')};
  proxy_temp_path ${join(prefix, 'tmp', 'proxy')};
  fastcgi_temp_path ${join(prefix, 'tmp', 'fastcgi')};
  uwsgi_temp_path ${join(prefix, 'tmp', 'uwsgi')};
  scgi_temp_path ${join(prefix, 'tmp', 'scgi')};
  upstream rongtong {
${upstreamPorts.map((p) => `    server 127.0.0.1:${p};`).join('\n')}
    keepalive 128;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://rongtong;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_read_timeout 120s;
    }
  }
}
`,
  );
  const log = join(prefix, 'logs', 'stdout.log');
  const child = start(NGINX, ['-p', prefix, '-c', conf, '-e', join(prefix, 'logs', 'error.log')], {}, log);
  // Through the proxy /metrics is refused (forwarded): a 404 from an app proves nginx → app works.
  await waitUntil(`http://127.0.0.1:${port}/metrics`, child, log, 404);
  return { port, child };
}

// -------------------------------------------------------------------------------------------------------
// Load and checks
// -------------------------------------------------------------------------------------------------------

const samples: string[] = [];

function surge(
  url: string,
  sessionId: string,
  users: User[],
  amount: number,
  method = 'POST',
): Promise<AutocannonResult> {
  let i = 0;
  return autocannon({
    url,
    connections: CONNECTIONS,
    amount,
    timeout: 60,
    requests: [
      {
        method,
        path: method === 'POST' ? `/api/event-sessions/${sessionId}/registrations` : '/api/my/event-registrations',
        setupRequest: (req) => {
          const u = users[i++ % users.length]!;
          return {
            ...req,
            headers: { 'content-type': 'application/json', cookie: u.cookie, 'x-csrf-token': u.csrf },
            ...(method === 'POST' ? { body: JSON.stringify({ answers: {} }) } : {}),
          };
        },
        onResponse: (status, body) => {
          if (status >= 300 && samples.length < 3) samples.push(`${status} ${body.slice(0, 200)}`);
        },
      },
    ],
  });
}

/** Registered places ≤ capacity in every session; seqs 1..n unique; counters (next_seq, taken/waiting if present) match the rows. */
async function check(database: Database, sessionId: string): Promise<{ over: number; verdict: string }> {
  const db = database.db;
  let over = 0;
  for (const s of await db.selectFrom('event_sessions').select(['id', 'capacity']).execute()) {
    const n = await db
      .selectFrom('event_registrations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('session_id', '=', s.id)
      .where('status', '=', 'registered')
      .where('attendance', '=', 'offline')
      .executeTakeFirstOrThrow();
    if (s.capacity != null && Number(n.n) > s.capacity) over += Number(n.n) - s.capacity;
  }
  const rows = await db
    .selectFrom('event_registrations')
    .select(['status', 'seq'])
    .where('session_id', '=', sessionId)
    .orderBy('seq')
    .execute();
  // selectAll: the place counters (taken / waiting, kept by the registration work of issue 15) are checked
  // too where the schema has them.
  const session = (await db
    .selectFrom('event_sessions')
    .selectAll()
    .where('id', '=', sessionId)
    .executeTakeFirstOrThrow()) as unknown as Record<string, unknown>;
  const problems: string[] = [];
  if (over) problems.push(`${over} over capacity`);
  if (rows.some((r, k) => Number(r.seq) !== k + 1)) problems.push('seq gaps/duplicates');
  if (Number(session.next_seq) !== rows.length + 1)
    problems.push(`counter next_seq=${String(session.next_seq)} for ${rows.length} registrations`);
  const registeredRows = rows.filter((r) => r.status === 'registered').length;
  const waitlistedRows = rows.filter((r) => r.status === 'waitlisted').length;
  if ('taken' in session && Number(session.taken) !== registeredRows)
    problems.push(`counter taken=${String(session.taken)} for ${registeredRows} registered`);
  if ('waiting' in session && Number(session.waiting) !== waitlistedRows)
    problems.push(`counter waiting=${String(session.waiting)} for ${waitlistedRows} waitlisted`);
  if (rows.length !== USERS) problems.push(`${rows.length} registrations for ${USERS} users`);
  const registered = rows.filter((r) => r.status === 'registered').length;
  if (registered !== Math.min(CAPACITY, rows.length)) problems.push(`registered ${registered}`);
  return {
    over,
    verdict: problems.length
      ? `FAIL: ${problems.join('; ')}`
      : `ok: ${registered}/${CAPACITY} registered, ${rows.length - registered} waitlisted, counters consistent${'taken' in session ? ' (next_seq, taken, waiting)' : ' (next_seq)'}`,
  };
}

/** POST registrations this app process answered, from its own GET /metrics (loopback, so allowed). */
async function servedBy(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  let n = 0;
  for (const line of text.split('\n'))
    if (
      line.startsWith('http_requests_total{') &&
      line.includes('method="POST"') &&
      line.includes('route="/api/event-sessions/:id/registrations"')
    )
      n += Number(line.split(' ').pop());
  return n;
}

interface Row {
  setup: string;
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  over: number;
  split: string;
  check: string;
}

async function measure(
  setup: string,
  url: string,
  ports: number[],
  database: Database,
  sessionId: string,
  users: User[],
): Promise<Row> {
  // Warm-up: the same signed-in read through the same path, so JIT and pools are not part of the surge.
  await surge(url, sessionId, users, 1000, 'GET');
  const r = await surge(url, sessionId, users, USERS);
  const { over, verdict } = await check(database, sessionId);
  const served = await Promise.all(ports.map(servedBy));
  return {
    setup,
    connections: CONNECTIONS,
    requests: r.requests.total,
    rps: Math.round(r.requests.total / Math.max(0.001, r.duration)),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.non2xx + r.errors + r.timeouts,
    over,
    split: served.join(' / '),
    check: verdict,
  };
}

function table(rows: Row[]): string {
  const head = [
    'setup',
    'connections',
    'requests',
    'registrations/s',
    'p50 ms',
    'p99 ms',
    'errors',
    'over capacity',
    'served per app',
    'SQL check',
  ];
  const cells = rows.map((r) => [
    r.setup,
    String(r.connections),
    String(r.requests),
    String(r.rps),
    String(r.p50),
    String(r.p99),
    String(r.errors),
    String(r.over),
    r.split,
    r.check,
  ]);
  return markdownTable(head, cells);
}

async function main() {
  const loadBefore = loadavg()[0]!.toFixed(1);
  const out = execFileSync('bash', [join(root, 'scripts', 'pg-throwaway.sh')], { encoding: 'utf8' }).trim();
  const [pgPort, pgDir] = out.split(/\s+/);
  const dir = mkdtempSync(join(tmpdir(), 'rt-bench-cluster-'));
  const rows: Row[] = [];
  try {
    const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${pgPort}/postgres` });
    await admin.connect();
    await admin.query('create database rt_cluster');
    await admin.end();
    const url = `postgres://postgres@127.0.0.1:${pgPort}/rt_cluster`;
    const database = openDatabase({ url, sqlitePath: '', poolSize: 4 });
    try {
      await migrateToLatest(database.db);
      const { sessionIds, users } = await seed(database, new Date());

      // (a) one app process, directly.
      const one = await startApp(url, dir, 1);
      try {
        rows.push(
          await measure('1 app process', `http://127.0.0.1:${one.port}`, [one.port], database, sessionIds[0], users[0]),
        );
      } finally {
        await stop(one.child);
      }

      // (b) two app processes behind nginx.
      const apps = [await startApp(url, dir, 2), await startApp(url, dir, 3)];
      try {
        const nginx = await startNginx(
          dir,
          apps.map((a) => a.port),
        );
        try {
          rows.push(
            await measure(
              '2 app processes + nginx',
              `http://127.0.0.1:${nginx.port}`,
              apps.map((a) => a.port),
              database,
              sessionIds[1],
              users[1],
            ),
          );
        } finally {
          await stop(nginx.child, 'SIGQUIT');
        }
      } finally {
        await Promise.all(apps.map((a) => stop(a.child)));
      }
    } finally {
      await database.close().catch(() => undefined);
    }
  } finally {
    await Promise.all(children.map((c) => stop(c, 'SIGKILL')));
    execFileSync('bash', [join(root, 'scripts', 'pg-throwaway.sh'), 'stop', pgDir ?? '']);
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `Registration surge on one PostgreSQL: ${USERS} distinct signed-in users, one registration each, ${CONNECTIONS} connections, session capacity ${CAPACITY}`,
  );
  console.log(table(rows));
  console.log(
    `PostgreSQL is a throwaway cluster with fsync=off; each app process has its own pool of 10; ${spawnSync(NGINX, ['-v'], { encoding: 'utf8' }).stderr.trim().replace('nginx version: ', '')} with 1 worker; load generator, nginx, apps and database share this machine's ${availableParallelism()} cores (1-minute load average ${loadBefore} before the run). Node`,
    process.version,
  );
  if (samples.length) console.log('first failures:', samples);
  if (rows.some((r) => r.check.startsWith('FAIL') || r.errors > 0)) process.exit(1);
}

main().catch(async (err) => {
  console.error(err);
  await Promise.all(children.map((c) => stop(c, 'SIGKILL')));
  process.exit(1);
});
