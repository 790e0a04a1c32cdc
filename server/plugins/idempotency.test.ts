/**
 * Idempotency-Key (server/plugins/idempotency.ts) on the demo data: a retry with the same key and body gets
 * the first response back, a different body under the same key is refused (422), a request still running
 * makes its twin wait (409), keys are per user, expire after 24 h, and a claim left by a crashed request is
 * taken over after its lease. Then, for every create route in the OpenAPI document, the same request fired
 * twice in parallel with one key leaves exactly one record (./idempotency-routes.ts holds the fixtures).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestEnv, problem, type Client, type TestEnv } from '../test/harness.ts';
import { seedDemoIfEmpty } from '../demo/seed.ts';
import { signInDemo } from '../demo/testkit.ts';
import { nowIso } from '../lib/ids.ts';
import { PNG } from '../modules/publicity/testkit.ts';
import { LEASE_MS, REPLAYED_HEADER, TTL_MS, fingerprint, sweepIdempotencyKeys } from './idempotency.ts';

const NOW = '2026-12-05T02:00:00Z';
let env: TestEnv;
let base: Client;
let host: Client;
let n = 0;

beforeAll(async () => {
  env = await createTestEnv({ now: NOW });
  expect(await seedDemoIfEmpty(env.database.db, env.clock.now())).toBe(true);
  base = await signInDemo(env, 'base@demo.rongtong.cn');
  host = await signInDemo(env, 'host@demo.rongtong.cn');
});
afterAll(async () => {
  await env?.close();
});

/** A demand body with a title no other test uses. */
function demand(over: Record<string, unknown> = {}) {
  n += 1;
  return {
    kind: 'demand',
    title: `变电站巡检视觉芯片联合攻关（幂等测试${n}）`,
    fieldCode: 'C39',
    description: '为变电站智能巡检机器人研制专用视觉识别芯片。',
    indicators: '识别准确率≥98%',
    budgetMinWan: 300,
    budgetMaxWan: 800,
    cooperationMode: 'joint_rd',
    deadline: '2027-01-31',
    ipTerms: '背景知识产权归各自所有',
    ...over,
  };
}

const postWithKey = (c: Client, url: string, payload: unknown, key: string) =>
  c.request({ method: 'POST', url, payload: payload as object, headers: { 'idempotency-key': key } });

async function demandsTitled(title: string): Promise<number> {
  const r = await env.database.db
    .selectFrom('demands')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('title', '=', title)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const replayed = (r: LightMyRequestResponse) => r.headers[REPLAYED_HEADER] === 'true';

describe(`Idempotency-Key (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('replays the first response to a retry with the same key and body, without creating again', async () => {
    const body = demand();
    const first = await postWithKey(base, '/api/demands', body, '"k-replay-1"');
    expect(first.statusCode, first.body).toBe(201);
    expect(replayed(first)).toBe(false);
    const again = await postWithKey(base, '/api/demands', body, '"k-replay-1"');
    expect(again.statusCode).toBe(201);
    expect(replayed(again)).toBe(true);
    expect(again.headers['content-type']).toMatch(/application\/json/);
    expect(again.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);
    expect(await demandsTitled(body.title)).toBe(1);
  });

  it('treats the same JSON with its keys in another order as the same request', async () => {
    const body = demand();
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const first = await postWithKey(base, '/api/demands', body, 'k-order-1');
    const again = await postWithKey(base, '/api/demands', reordered, 'k-order-1');
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect(replayed(again)).toBe(true);
    expect(await demandsTitled(body.title)).toBe(1);
  });

  it('refuses a different body under the same key with 422 idempotency_key_reused', async () => {
    const body = demand();
    expect((await postWithKey(base, '/api/demands', body, 'k-reuse-1')).statusCode).toBe(201);
    const other = demand();
    const r = await postWithKey(base, '/api/demands', other, 'k-reuse-1');
    expect(problem(r)).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(problem(r).detail).toMatch(/Idempotency-Key 已用于另一个请求/);
    expect(await demandsTitled(other.title)).toBe(0);
  });

  it('refuses the same key on another path (publishing another demand) with 422', async () => {
    const a = (await base.post('/api/demands', demand())).json<{ id: string }>().id;
    const b = (await base.post('/api/demands', demand())).json<{ id: string }>().id;
    expect((await postWithKey(base, `/api/demands/${a}/publish`, {}, 'k-path-1')).statusCode).toBe(200);
    const r = await postWithKey(base, `/api/demands/${b}/publish`, {}, 'k-path-1');
    expect(problem(r)).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
    const row = await env.database.db.selectFrom('demands').select('status').where('id', '=', b).executeTakeFirst();
    expect(row?.status).toBe('draft');
  });

  it('keeps keys per user: another user’s same key and body is a request of its own', async () => {
    const body = demand();
    const mine = await postWithKey(base, '/api/demands', body, 'k-shared-1');
    const theirs = await postWithKey(host, '/api/demands', body, 'k-shared-1');
    expect([mine.statusCode, theirs.statusCode]).toEqual([201, 201]);
    expect(replayed(theirs)).toBe(false);
    expect(theirs.json<{ id: string }>().id).not.toBe(mine.json<{ id: string }>().id);
    expect(await demandsTitled(body.title)).toBe(2);
  });

  it('answers 409 idempotency_request_in_progress while the first request still holds the key', async () => {
    const body = demand();
    const userId = (await base.get('/api/auth/me')).json<{ user: { id: string } }>().user.id;
    // The first request's claim, as the plugin writes it before the handler runs.
    const now = env.clock.now();
    await env.database.db
      .insertInto('idempotency_keys')
      .values({
        scope: userId,
        key: 'k-busy-1',
        fingerprint: 'of-the-first-request',
        method: 'POST',
        path: '/api/demands',
        state: 'pending',
        response_status: null,
        response_headers: null,
        response_body: null,
        created_at: nowIso(now),
        locked_until: nowIso(new Date(now.getTime() + LEASE_MS)),
        expires_at: nowIso(new Date(now.getTime() + TTL_MS)),
      })
      .execute();
    const r = await postWithKey(base, '/api/demands', body, 'k-busy-1');
    // A different body under a pending key is still a reuse; the same body waits. Here the fingerprint differs.
    expect(problem(r)).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
    await env.database.db
      .updateTable('idempotency_keys')
      .set({ fingerprint: fingerprint('POST', '/api/demands', body) })
      .where('key', '=', 'k-busy-1')
      .execute();
    const busy = await postWithKey(base, '/api/demands', body, 'k-busy-1');
    expect(problem(busy)).toMatchObject({ status: 409, code: 'idempotency_request_in_progress' });
    expect(busy.headers['retry-after']).toBe('1');
    expect(await demandsTitled(body.title)).toBe(0);

    // The first request's server died: after the lease a retry takes the key over and runs.
    env.clock.advance(LEASE_MS + 1000);
    const retry = await postWithKey(base, '/api/demands', body, 'k-busy-1');
    expect(retry.statusCode, retry.body).toBe(201);
    expect(replayed(retry)).toBe(false);
    expect(await demandsTitled(body.title)).toBe(1);
    env.clock.set(NOW);
  });

  it('lets exactly one of two parallel requests with one key create, the other waits or replays', async () => {
    const body = demand();
    const rs = await Promise.all([
      postWithKey(base, '/api/demands', body, 'k-parallel-1'),
      postWithKey(base, '/api/demands', body, 'k-parallel-1'),
    ]);
    const created = rs.filter((r) => r.statusCode === 201 && !replayed(r));
    expect(created).toHaveLength(1);
    for (const r of rs.filter((x) => x !== created[0])) {
      if (r.statusCode === 201) expect(replayed(r)).toBe(true);
      else expect(problem(r)).toMatchObject({ status: 409, code: 'idempotency_request_in_progress' });
    }
    expect(await demandsTitled(body.title)).toBe(1);
  });

  it('without a key two parallel requests create twice (the header is optional, and is what protects)', async () => {
    const body = demand();
    const rs = await Promise.all([base.post('/api/demands', body), base.post('/api/demands', body)]);
    expect(rs.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(await demandsTitled(body.title)).toBe(2);
  });

  it('releases the key after an error, so the corrected submission can use it', async () => {
    // Refused by the schema (400), then by the service (budget range, 422): neither keeps the key.
    const r1 = await postWithKey(base, '/api/demands', demand({ title: '' }), 'k-error-1');
    expect(problem(r1)).toMatchObject({ status: 400, code: 'validation_failed' });
    const r2 = await postWithKey(base, '/api/demands', demand({ budgetMinWan: 900, budgetMaxWan: 100 }), 'k-error-1');
    expect(r2.statusCode).toBe(422);
    expect(problem(r2).code).not.toMatch(/^idempotency/);
    const good = demand();
    const ok = await postWithKey(base, '/api/demands', good, 'k-error-1');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(replayed(ok)).toBe(false);
    expect(await demandsTitled(good.title)).toBe(1);
  });

  it('forgets a key after 24 hours: the same key then creates again, and the sweep deletes old keys', async () => {
    const body = demand();
    expect((await postWithKey(base, '/api/demands', body, 'k-expiry-1')).statusCode).toBe(201);
    env.clock.advance(TTL_MS + 1000);
    base = await signInDemo(env, 'base@demo.rongtong.cn'); // the session itself lasts 12 h
    const later = await postWithKey(base, '/api/demands', body, 'k-expiry-1');
    expect(later.statusCode).toBe(201);
    expect(replayed(later)).toBe(false);
    expect(await demandsTitled(body.title)).toBe(2);
    env.clock.advance(TTL_MS + 1000);
    expect(await sweepIdempotencyKeys(env.database.db, env.clock.now())).toBeGreaterThan(0);
    const left = await env.database.db
      .selectFrom('idempotency_keys')
      .select('key')
      .where('expires_at', '<=', nowIso(env.clock.now()))
      .execute();
    expect(left).toEqual([]);
    env.clock.set(NOW);
    base = await signInDemo(env, 'base@demo.rongtong.cn');
  });

  it('refuses a malformed key with 400 idempotency_key_invalid', async () => {
    for (const key of ['', 'has space', '"', 'x'.repeat(256), '中文键']) {
      const r = await postWithKey(base, '/api/demands', demand(), key);
      expect(problem(r), JSON.stringify(key)).toMatchObject({ status: 400, code: 'idempotency_key_invalid' });
    }
  });

  it('ignores the header where it does not apply: sign-in is never replayed', async () => {
    const login = () =>
      env.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { identifier: 'member@demo.rongtong.cn', password: 'Rongtong@2020' },
        headers: { 'idempotency-key': 'k-login-1' },
      });
    const a = await login();
    const b = await login();
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(replayed(b)).toBe(false);
    const ca = a.cookies.find((c) => c.name === 'rt_sid')?.value;
    const cb = b.cookies.find((c) => c.name === 'rt_sid')?.value;
    expect(ca).toBeTruthy();
    expect(cb).not.toBe(ca);
  });

  describe('multipart uploads (the publicity image upload)', () => {
    /** One file part, with a boundary of its own each call and a chosen preamble (a browser varies both). */
    const upload = (key: string | null, file: { name?: string; type?: string; data?: Buffer } = {}) => {
      const boundary = `----WebKitFormBoundary${Math.random().toString(36).slice(2)}`;
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name ?? '封面.png'}"\r\nContent-Type: ${file.type ?? 'image/png'}\r\n\r\n`,
        ),
        file.data ?? PNG,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const headers: Record<string, string> = { 'content-type': `multipart/form-data; boundary=${boundary}` };
      if (key) headers['idempotency-key'] = key;
      return host.request({ method: 'POST', url: '/api/publicity/images', payload, headers });
    };
    const images = async () =>
      Number(
        (
          await env.database.db
            .selectFrom('publicity_images')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    it('replays the same parts under a new boundary, with the first image id', async () => {
      const before = await images();
      const first = await upload('"mp-replay-1"');
      expect(first.statusCode, first.body).toBe(201);
      const again = await upload('"mp-replay-1"');
      expect(again.statusCode).toBe(201);
      expect(replayed(again)).toBe(true);
      expect(again.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);
      expect(await images()).toBe(before + 1);
    });

    it('refuses other bytes, another file name or another content type under the same key (422)', async () => {
      expect((await upload('"mp-reuse-1"')).statusCode).toBe(201);
      const before = await images();
      for (const other of [
        { data: Buffer.concat([PNG, Buffer.from([0])]) },
        { name: '另一张.png' },
        { type: 'application/octet-stream' },
      ]) {
        const r = await upload('"mp-reuse-1"', other);
        expect(problem(r), JSON.stringify(Object.keys(other))).toMatchObject({
          status: 422,
          code: 'idempotency_key_reused',
        });
      }
      expect(await images()).toBe(before);
    });

    it('answers a body the route refuses as before (its own 413, or 400 malformed) and leaves the key free', async () => {
      const before = await images();
      const big = await upload('"mp-bad-1"', { data: Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024 + 10)]) });
      expect(problem(big)).toMatchObject({ status: 413, code: 'image_too_large' });
      const broken = await host.request({
        method: 'POST',
        url: '/api/publicity/images',
        payload: Buffer.from('--x\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n'),
        headers: { 'content-type': 'multipart/form-data; boundary=x', 'idempotency-key': '"mp-bad-1"' },
      });
      expect(problem(broken)).toMatchObject({ status: 400, code: 'invalid_multipart' });
      // The key is still free: the corrected upload runs (not a replay, not a 422).
      const ok = await upload('"mp-bad-1"');
      expect(ok.statusCode, ok.body).toBe(201);
      expect(replayed(ok)).toBe(false);
      expect(await images()).toBe(before + 1);
    });
  });
});
