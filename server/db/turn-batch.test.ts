import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test/harness.ts';
import { createUser } from '../test/factories.ts';
import type { Executor } from './index.ts';
import { turnBatch } from './turn-batch.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  await env?.close();
});

describe('turnBatch', () => {
  it('reads the keys asked for in one turn with one query; each caller gets its own value, a missing key undefined', async () => {
    const db = env.database.db;
    const users = await Promise.all([1, 2, 3].map(() => createUser(db)));
    const calls: string[][] = [];
    const nameOf = turnBatch(async (d: Executor, ids: string[]) => {
      calls.push(ids);
      const rows = await d.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
      return new Map(rows.map((r) => [r.id, r.name]));
    });
    const ids = [users[0]!.id, users[1]!.id, users[0]!.id, 'no-such-user', users[2]!.id];
    const names = await Promise.all(ids.map((id) => nameOf(db, id)));
    expect(calls).toEqual([[users[0]!.id, users[1]!.id, 'no-such-user', users[2]!.id]]);
    expect(names).toEqual([users[0]!.name, users[1]!.name, users[0]!.name, undefined, users[2]!.name]);
    // A later turn is a new batch.
    expect(await nameOf(db, users[1]!.id)).toBe(users[1]!.name);
    expect(calls).toHaveLength(2);
  });

  it('sends a batch as soon as 32 keys wait, and a failed read fails only its own callers', async () => {
    const calls: number[] = [];
    const fake = {} as Executor;
    const load = turnBatch(async (_d: Executor, keys: number[]) => {
      calls.push(keys.length);
      if (keys.includes(70)) throw new Error('boom');
      return new Map(keys.map((k) => [k, k * 2]));
    });
    const results = await Promise.allSettled(Array.from({ length: 71 }, (_, k) => load(fake, k)));
    expect(calls).toEqual([32, 32, 7]);
    expect(results.slice(0, 64).every((r) => r.status === 'fulfilled')).toBe(true);
    expect(results[63]).toEqual({ status: 'fulfilled', value: 126 });
    expect(results.slice(64).every((r) => r.status === 'rejected')).toBe(true);
    expect(results[70]).toMatchObject({ status: 'rejected', reason: new Error('boom') });
  });
});
