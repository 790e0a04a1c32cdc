import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createUser } from '../../test/factories.ts';
import { Client, createTestEnv, problem, type TestEnv } from '../../test/harness.ts';

/** Two app servers on one database, as behind a load balancer: limits of 3 a minute per address and per account. */
let env: TestEnv;
let second: FastifyInstance;
beforeAll(async () => {
  env = await createTestEnv({
    env: { LOGIN_RATE_LIMIT_PER_MINUTE: '3', LOGIN_ACCOUNT_RATE_LIMIT_PER_MINUTE: '3' },
  });
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    LOGIN_RATE_LIMIT_PER_MINUTE: '3',
    LOGIN_ACCOUNT_RATE_LIMIT_PER_MINUTE: '3',
  });
  second = await buildApp({ config, database: env.database, clock: env.clock, webRoot: '/nonexistent' });
  await second.ready();
});
afterAll(async () => {
  await second?.close();
  await env?.close();
});

const servers = () => [env.app, second];
let n = 0;
/** A fresh address for each test, so tests do not share a window. */
const freshIp = () => `10.20.${Math.floor(++n / 200)}.${n % 200}`;
const freshAccount = () => `someone${++n}@example.cn`;

describe(`sign-in rate limits in the database (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('holds the per-address limit across two app servers', async () => {
    const ip = freshIp();
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const app = servers()[i % 2]!;
      codes.push((await new Client(app, ip).login(freshAccount(), 'bad')).statusCode);
    }
    // An in-memory limiter would let 3 through on each server (6 × 401).
    expect(codes).toEqual([401, 401, 401, 429, 429, 429]);
    const r = await new Client(second, ip).login(freshAccount(), 'bad');
    expect(problem(r)).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(r.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Another address is not affected.
    expect((await new Client(env.app, freshIp()).login(freshAccount(), 'bad')).statusCode).toBe(401);
  });

  it('holds the per-account limit across addresses and servers, for unknown accounts the same way', async () => {
    const u = await createUser(env.database.db, {});
    for (const identifier of [u.email, freshAccount()]) {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const app = servers()[i % 2]!;
        codes.push((await new Client(app, freshIp()).login(identifier, 'bad')).statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    }
    // Even the right password waits for the window to end…
    expect(problem(await new Client(second, freshIp()).login(u.email, u.password)).code).toBe('rate_limited');
    // …and the same identifier written differently is the same account.
    expect(problem(await new Client(second, freshIp()).login(u.email.toUpperCase(), u.password)).code).toBe(
      'rate_limited',
    );
    env.clock.advance(61_000);
    expect((await new Client(second, freshIp()).login(u.email, u.password)).statusCode).toBe(200);
  });

  it('lets exactly the limit through when attempts race on both servers', async () => {
    const ip = freshIp();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => new Client(servers()[i % 2]!, ip).login(freshAccount(), 'bad')),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(3);
    expect(codes.filter((c) => c === 429)).toHaveLength(9);
  });

  it('counts in one shared row per key and window', async () => {
    const ip = freshIp();
    await new Client(env.app, ip).login(freshAccount(), 'bad');
    await new Client(second, ip).login(freshAccount(), 'bad');
    const rows = await env.database.db
      .selectFrom('rate_limit_hits')
      .select(['key', 'hits'])
      .where('key', '=', `login:ip:${ip}`)
      .execute();
    expect(rows.map((r) => Number(r.hits))).toEqual([2]);
  });
});
