/**
 * The browser tests' clock (server/plugins/test-clock.ts): absent unless TEST_CLOCK=1, refused in production,
 * and when enabled it moves the time every request reads (here: a project's follow-up state).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { buildApp } from '../app.ts';
import { createTestEnv, openTestDatabase, type TestEnv } from '../test/harness.ts';
import { MovableClock, testClockFor, testClockRoutes } from './test-clock.ts';

describe('test clock', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(async () => {
    await env.close();
  });

  it('is absent by default (404)', async () => {
    const res = await env.app.inject({ method: 'POST', url: '/api/test/clock', payload: { advanceDays: 90 } });
    expect(res.statusCode).toBe(404);
    expect(testClockFor(env.config)).toBeUndefined();
  });

  it('cannot be enabled in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', TEST_CLOCK: '1' })).toThrow(/TEST_CLOCK/);
    expect(() =>
      testClockFor({ ...loadConfig({ NODE_ENV: 'development' }), NODE_ENV: 'production', TEST_CLOCK: '1' }),
    ).toThrow(/production/);
    expect(loadConfig({ NODE_ENV: 'production' }).TEST_CLOCK).toBe('0');
  });

  it('moves the app clock when enabled (advanceDays and now)', async () => {
    const { database, drop } = await openTestDatabase();
    const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', TEST_CLOCK: '1' });
    const clock = testClockFor(config);
    expect(clock).toBeInstanceOf(MovableClock);
    const app = await buildApp({ config, database, clock, webRoot: '/nonexistent' });
    await app.register(testClockRoutes(clock!), { prefix: '/api' });
    await app.ready();
    try {
      const before = Date.now();
      const moved = await app.inject({ method: 'POST', url: '/api/test/clock', payload: { advanceDays: 90 } });
      expect(moved.statusCode).toBe(200);
      const body = moved.json<{ now: string; today: string; reminders: number }>();
      expect(new Date(body.now).getTime() - before).toBeGreaterThanOrEqual(90 * 86_400_000);
      expect(body.reminders).toBe(0);
      expect(app.clock.now().getTime() - Date.now()).toBeGreaterThan(89 * 86_400_000);

      const set = await app.inject({
        method: 'POST',
        url: '/api/test/clock',
        payload: { now: '2030-01-31T04:00:00Z' },
      });
      expect(set.json<{ today: string }>().today).toBe('2030-01-31');
      const bad = await app.inject({ method: 'POST', url: '/api/test/clock', payload: {} });
      expect(bad.statusCode).toBe(400);
    } finally {
      await app.close();
      await drop();
    }
  });
});
