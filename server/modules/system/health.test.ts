import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  await env?.close();
});

const get = (e: TestEnv, url: string) => e.app.inject({ method: 'GET', url });

describe(`liveness and readiness (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('answers live and ready on a healthy server, and keeps /api/health as it was', async () => {
    const live = await get(env, '/api/health/live');
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'alive', time: env.clock.now().toISOString() });
    const ready = await get(env, '/api/health/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({
      status: 'ready',
      reasons: [],
      database: { dialect: env.dialect, reachable: true, pending: [] },
    });
    expect(ready.json().database.latencyMs).toBeGreaterThanOrEqual(0);
    const health = (await get(env, '/api/health')).json();
    expect(health).toMatchObject({ status: 'ok', database: { dialect: env.dialect, pending: [] } });
    expect(health.time).toBe(env.clock.now().toISOString());
  });

  it('is not ready while a migration is pending, but still alive', async () => {
    const db = env.database.db;
    const last = await db
      .selectFrom('kysely_migration' as never)
      .selectAll()
      .orderBy('name' as never, 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const row = last as { name: string; timestamp: string };
    await db
      .deleteFrom('kysely_migration' as never)
      .where('name' as never, '=', row.name as never)
      .execute();
    try {
      const r = await get(env, '/api/health/ready');
      expect(r.statusCode).toBe(503);
      expect(r.json()).toMatchObject({
        status: 'not_ready',
        reasons: ['migrations_pending'],
        database: { reachable: true, pending: [row.name] },
      });
      expect((await get(env, '/api/health/live')).statusCode).toBe(200);
    } finally {
      await db
        .insertInto('kysely_migration' as never)
        .values(row)
        .execute();
    }
    expect((await get(env, '/api/health/ready')).statusCode).toBe(200);
  });

  it('is not ready when the database is gone, without internals, while liveness still answers', async () => {
    const broken = await createTestEnv();
    try {
      await broken.database.db.destroy();
      const r = await get(broken, '/api/health/ready');
      expect(r.statusCode).toBe(503);
      expect(r.json()).toMatchObject({
        status: 'not_ready',
        reasons: ['database_unreachable'],
        database: { reachable: false, latencyMs: null },
      });
      expect(r.body).not.toMatch(/stack|destroy|kysely|pool|Error:/i);
      expect((await get(broken, '/api/health/live')).statusCode).toBe(200);
    } finally {
      await broken.app.close();
    }
  });
});
