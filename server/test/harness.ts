/**
 * Integration-test harness: a real database per test file — a fresh SQLite file, or a fresh
 * PostgreSQL database when TEST_DATABASE_URL is set (scripts/test.ts runs the suite both ways) —
 * migrated, with the app built in-process and a clock the test can move.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../config.ts';
import { openDatabase, type Database } from '../db/index.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { buildApp } from '../app.ts';
import { useFactoryClock } from './factories.ts';

export class TestClock {
  constructor(public t: Date) {}
  now(): Date {
    return new Date(this.t);
  }
  set(iso: string | Date) {
    this.t = new Date(iso);
  }
  advance(ms: number) {
    this.t = new Date(this.t.getTime() + ms);
  }
}

export interface TestEnv {
  app: FastifyInstance;
  database: Database;
  clock: TestClock;
  config: Config;
  dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

export const testDialect = (): 'sqlite' | 'postgres' => (process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite');

/** Opens a fresh, migrated database for one test file. */
export async function openTestDatabase(): Promise<{
  database: Database;
  /** Where it is: `url` for PostgreSQL, else the SQLite file. */
  location: { url?: string; sqlitePath: string };
  drop: () => Promise<void>;
}> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `rt_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`); // name is generated above, never user input
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = openDatabase({ url: u.toString(), sqlitePath: '', poolSize: 20 });
    await migrateToLatest(database.db);
    return {
      database,
      location: { url: u.toString(), sqlitePath: '' },
      async drop() {
        await database.close();
        const a = new pg.Client({ connectionString: url });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'rt-test-'));
  const database = openDatabase({ sqlitePath: join(dir, 'test.db') });
  await migrateToLatest(database.db);
  return {
    database,
    location: { sqlitePath: join(dir, 'test.db') },
    async drop() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Builds the app on a fresh database with a movable clock (default 2020-05-20 10:00 Shanghai). */
export async function createTestEnv(
  opts: { now?: string; env?: Record<string, string>; webRoot?: string } = {},
): Promise<TestEnv> {
  const { database, drop } = await openTestDatabase();
  const clock = new TestClock(new Date(opts.now ?? '2020-05-20T02:00:00Z'));
  // Rows the factories write carry the same (movable) time as rows the app writes.
  useFactoryClock(clock);
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    LOGIN_ACCOUNT_RATE_LIMIT_PER_MINUTE: '10000',
    ...(opts.env ?? {}),
  });
  const app = await buildApp({ config, database, clock, webRoot: opts.webRoot ?? '/nonexistent' });
  await app.ready();
  return {
    app,
    database,
    clock,
    config,
    dialect: database.dialect,
    async close() {
      await app.close();
      await drop();
    },
  };
}

/** A signed-in test client: carries the session cookie and CSRF token on every request. */
export class Client {
  cookie: string | null = null;
  csrf: string | null = null;
  constructor(
    readonly app: FastifyInstance,
    readonly ip = '127.0.0.1',
  ) {}

  async login(identifier: string, password: string): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { identifier, password },
      remoteAddress: this.ip,
    });
    if (res.statusCode === 200) {
      const c = res.cookies.find((x) => x.name === 'rt_sid');
      this.cookie = c ? `rt_sid=${c.value}` : null;
      this.csrf = res.json<{ csrfToken: string }>().csrfToken;
    }
    return res;
  }

  request(opts: InjectOptions & { method: string; url: string }): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...((opts.headers as Record<string, string>) ?? {}) };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && opts.method !== 'GET' && !('x-csrf-token' in headers)) headers['x-csrf-token'] = this.csrf;
    return this.app.inject({ ...opts, headers, remoteAddress: this.ip });
  }

  get(url: string) {
    return this.request({ method: 'GET', url });
  }
  post(url: string, payload?: unknown) {
    return this.request({ method: 'POST', url, ...(payload === undefined ? {} : { payload: payload as object }) });
  }
  put(url: string, payload?: unknown) {
    return this.request({ method: 'PUT', url, ...(payload === undefined ? {} : { payload: payload as object }) });
  }
  patch(url: string, payload?: unknown) {
    return this.request({ method: 'PATCH', url, ...(payload === undefined ? {} : { payload: payload as object }) });
  }
  delete(url: string) {
    return this.request({ method: 'DELETE', url });
  }
}

/** Asserts-friendly view of a problem response. */
export function problem(res: LightMyRequestResponse): {
  status: number;
  code: string;
  detail?: string;
  errors?: { field: string; code: string; message: string }[];
} {
  const body = res.json<{
    code: string;
    detail?: string;
    errors?: { field: string; code: string; message: string }[];
  }>();
  return { status: res.statusCode, code: body.code, detail: body.detail, errors: body.errors };
}

/** Audit rows of one entity, oldest first. */
export async function auditRows(env: TestEnv, entityType: string, entityId: string) {
  return env.database.db
    .selectFrom('audit_events')
    .selectAll()
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** The audit actions on an entity, sorted (rows written at the same clock instant have no inherent order). */
export async function auditActions(env: TestEnv, entityType: string, entityId: string): Promise<string[]> {
  return (await auditRows(env, entityType, entityId)).map((a) => a.action).sort();
}
