import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRAFT_MAX_BYTES } from '../../../common/contracts/drafts.ts';
import { Client, createTestEnv, problem, testDialect, type TestEnv } from '../../test/harness.ts';
import { createUserWithRole } from '../../test/factories.ts';

let env: TestEnv;
let alice: Client;
let bob: Client;

const signIn = async (u: { email: string; password: string }) => {
  const c = new Client(env.app);
  expect((await c.login(u.email, u.password)).statusCode).toBe(200);
  return c;
};

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-12-16T02:00:00Z' });
  alice = await signIn(await createUserWithRole(env.database.db, 'base_admin'));
  bob = await signIn(await createUserWithRole(env.database.db, 'base_admin'));
});
afterAll(async () => {
  await env?.close();
});

const KEY = 'plan:7b0c9a52-3f7e-4d1e-9a3b-0c1d2e3f4a5b';

describe(`form drafts (${testDialect()})`, () => {
  it('keeps a draft per user and key: saved, read back, replaced, deleted', async () => {
    expect((await alice.get(`/api/form-drafts/${KEY}`)).statusCode).toBe(404);

    const data = {
      theme: '能源互联网',
      body: '正文'.repeat(400),
      areas: { roadshow: { on: true, description: '路演' } },
    };
    const put = await alice.put(`/api/form-drafts/${KEY}`, { data });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual({ key: KEY, updatedAt: '2026-12-16T02:00:00.000Z' });

    const got = await alice.get(`/api/form-drafts/${KEY}`);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual({ key: KEY, data, updatedAt: '2026-12-16T02:00:00.000Z' });

    env.clock.advance(5_000);
    expect((await alice.put(`/api/form-drafts/${KEY}`, { data: { theme: '第二稿' } })).statusCode).toBe(200);
    expect((await alice.get(`/api/form-drafts/${KEY}`)).json()).toEqual({
      key: KEY,
      data: { theme: '第二稿' },
      updatedAt: '2026-12-16T02:00:05.000Z',
    });
    const rows = await env.database.db.selectFrom('form_drafts').selectAll().where('key', '=', KEY).execute();
    expect(rows).toHaveLength(1);

    expect((await alice.delete(`/api/form-drafts/${KEY}`)).statusCode).toBe(204);
    expect((await alice.get(`/api/form-drafts/${KEY}`)).statusCode).toBe(404);
    // Deleting again is not an error: the draft is gone either way.
    expect((await alice.delete(`/api/form-drafts/${KEY}`)).statusCode).toBe(204);
  });

  it("never shows, replaces or deletes another person's draft: the same key is a different draft per user", async () => {
    await alice.put(`/api/form-drafts/${KEY}`, { data: { theme: 'Alice 的草稿' } });
    const r = await bob.get(`/api/form-drafts/${KEY}`);
    expect(problem(r)).toMatchObject({ status: 404, code: 'not_found' });

    await bob.put(`/api/form-drafts/${KEY}`, { data: { theme: 'Bob 的草稿' } });
    await bob.delete(`/api/form-drafts/${KEY}`);
    expect((await alice.get(`/api/form-drafts/${KEY}`)).json()).toMatchObject({ data: { theme: 'Alice 的草稿' } });
  });

  it('refuses a draft larger than 64 KB with 413 and keeps the previous one', async () => {
    const k = 'activity-plan:0a1b2c3d';
    await alice.put(`/api/form-drafts/${k}`, { data: { title: '上一稿' } });
    // 中 is 3 bytes in UTF-8: under the limit in characters, over it in bytes.
    const big = { body: '中'.repeat(Math.ceil(DRAFT_MAX_BYTES / 3) + 10) };
    const r = await alice.put(`/api/form-drafts/${k}`, { data: big });
    expect(problem(r)).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(problem(r).detail).toMatch(/草稿过大/);
    expect((await alice.get(`/api/form-drafts/${k}`)).json()).toMatchObject({ data: { title: '上一稿' } });
    // Just under the limit is kept.
    const fits = { body: 'x'.repeat(DRAFT_MAX_BYTES - 20) };
    expect((await alice.put(`/api/form-drafts/${k}`, { data: fits })).statusCode).toBe(200);
  });

  it('refuses malformed keys and bodies with 400', async () => {
    for (const bad of [
      'plan',
      'Plan:1',
      'plan:',
      ':1',
      'plan:a b',
      'plan:1:2',
      `plan:${'a'.repeat(65)}`,
      '..%2Fusers:1',
    ]) {
      const r = await alice.put(`/api/form-drafts/${bad}`, { data: { a: 1 } });
      expect([400, 404], bad).toContain(r.statusCode);
      if (r.statusCode === 400) expect(problem(r).code, bad).toBe('validation_failed');
    }
    expect(problem(await alice.get('/api/form-drafts/plan:a%20b'))).toMatchObject({
      status: 400,
      code: 'validation_failed',
    });
    for (const body of [{}, { data: 'text' }, { data: [1, 2] }, { data: null }]) {
      const r = await alice.put(`/api/form-drafts/${KEY}`, body);
      expect(problem(r), JSON.stringify(body)).toMatchObject({ status: 400, code: 'validation_failed' });
    }
  });

  it('answers 401 to anonymous callers on every method', async () => {
    const anon = new Client(env.app);
    for (const r of [
      await anon.get(`/api/form-drafts/${KEY}`),
      await anon.put(`/api/form-drafts/${KEY}`, { data: { a: 1 } }),
      await anon.delete(`/api/form-drafts/${KEY}`),
    ]) {
      expect(r.statusCode).toBe(401);
    }
    expect((await alice.get(`/api/form-drafts/${KEY}`)).json()).toMatchObject({ data: { theme: 'Alice 的草稿' } });
  });

  it('drops drafts untouched for 30 days when the owner saves another', async () => {
    const old = 'plan:old-one';
    await bob.put(`/api/form-drafts/${old}`, { data: { theme: '旧草稿' } });
    // Written 31 days ago (moving the clock would end the test sessions instead).
    await env.database.db
      .updateTable('form_drafts')
      .set({ updated_at: new Date(env.clock.now().getTime() - 31 * 86_400_000).toISOString() })
      .where('key', '=', old)
      .execute();
    await bob.put('/api/form-drafts/plan:new-one', { data: { theme: '新草稿' } });
    expect((await bob.get(`/api/form-drafts/${old}`)).statusCode).toBe(404);
    expect((await bob.get('/api/form-drafts/plan:new-one')).statusCode).toBe(200);
    // Another user's old draft is theirs to keep until they save again.
    expect((await alice.get(`/api/form-drafts/${KEY}`)).statusCode).toBe(200);
  });
});
