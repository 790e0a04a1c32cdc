import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { createTestEnv, type TestEnv } from '../../test/harness.ts';
import { person, type Person } from '../events/testkit.ts';

// The index lifecycle with the real background refresher (a short interval) instead of forced refreshes.
let env: TestEnv;
let large: Person;
beforeAll(async () => {
  env = await createTestEnv({ env: { SEARCH_REFRESH_SECONDS: '0.05' } });
  large = await person(env, 'member', undefined, { sizeClass: 'large' });
});
afterAll(async () => {
  await env?.close();
});

async function publish(title: string): Promise<string> {
  const r = await large.client.post('/api/resources', {
    type: 'lab',
    title,
    description: `${title}，面向中小企业开放。`,
    priceModel: 'free',
  });
  expect(r.statusCode, r.body).toBe(201);
  const id = r.json<{ id: string }>().id;
  expect((await large.client.post(`/api/resources/${id}/publish`)).statusCode).toBe(200);
  return id;
}

const found = async (app: TestEnv['app'], text: string): Promise<string[]> =>
  (await app.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(text)}` }))
    .json<{ items: { id: string }[] }>()
    .items.map((i) => i.id);

async function eventually(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the index lifecycle', () => {
  it('brings a publication into the search by itself within the refresh interval', async () => {
    const id = await publish('氢燃料电池电堆测试台');
    await eventually(async () => (await found(env.app, '电堆')).includes(id));
    expect((await large.client.post(`/api/resources/${id}/close`)).statusCode).toBe(200);
    await eventually(async () => !(await found(env.app, '电堆')).includes(id));
  });

  it('builds a second app server’s index from the database at start', async () => {
    const id = await publish('高通量基因测序平台');
    const second = await buildApp({
      config: { ...env.config, SEARCH_REFRESH_SECONDS: 0 },
      database: env.database,
      clock: env.clock,
      webRoot: '/nonexistent',
    });
    try {
      await second.ready();
      // no refresh was forced on this server: the start-up build read the database
      expect(await found(second, '基因测序')).toEqual([id]);
    } finally {
      await second.close();
    }
  });
});
