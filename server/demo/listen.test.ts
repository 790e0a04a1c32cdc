import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../test/factories.ts';
import { createTestEnv, type TestEnv } from '../test/harness.ts';
import { chooseListenHost, countDemoAccounts } from './listen.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  await env?.close();
});

describe(`listen address with demo accounts (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('counts the demo accounts present, and only those', async () => {
    await createUser(env.database.db, { email: 'someone@example.cn' });
    expect(await countDemoAccounts(env.database.db)).toBe(0);
    await createUser(env.database.db, { email: 'admin@demo.rongtong.cn' });
    await createUser(env.database.db, { email: 'owner@demo.rongtong.cn' });
    expect(await countDemoAccounts(env.database.db)).toBe(2);
  });

  it('listens on loopback only while demo accounts exist and HOST is unset, and says so', () => {
    const r = chooseListenHost(undefined, 16);
    expect(r.host).toBe('127.0.0.1');
    expect(r.notice).toMatch(/127\.0\.0\.1 only.*HOST=0\.0\.0\.0/);
  });

  it('listens everywhere without demo accounts, silently', () => {
    expect(chooseListenHost(undefined, 0)).toEqual({ host: '0.0.0.0', notice: null });
  });

  it('obeys an explicit HOST but warns when it exposes the demo accounts', () => {
    expect(chooseListenHost('0.0.0.0', 16)).toMatchObject({
      host: '0.0.0.0',
      notice: expect.stringMatching(/WARNING/),
    });
    expect(chooseListenHost('127.0.0.1', 16)).toEqual({ host: '127.0.0.1', notice: null });
    expect(chooseListenHost('10.0.0.5', 0)).toEqual({ host: '10.0.0.5', notice: null });
  });
});
