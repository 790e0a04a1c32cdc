/**
 * The demo's publicity (server/demo/publicity.ts), seeded with the whole demo and read through the API: the
 * portal lists the published news (programme-wide and theme days') and each opens; support@'s draft awaits
 * host@'s review; the published success case shows its parties and figures; 2020 has two benchmark enterprises;
 * NDRC sees nominations in three states, and the host only its theme day's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type {
  BenchmarkList,
  NewsList,
  NominationList,
  PublicCaseList,
  PublicCaseView,
  PublicNewsList,
  PublicNewsView,
} from '../../common/contracts/publicity.ts';
import { Client, createTestEnv, type TestEnv } from '../test/harness.ts';
import { seedDemoIfEmpty } from './seed.ts';
import { signInDemo } from './testkit.ts';

const NOW = '2026-12-05T02:00:00Z';
let env: TestEnv;

const signIn = (email: string) => signInDemo(env, email);

beforeAll(async () => {
  env = await createTestEnv({ now: NOW });
  expect(await seedDemoIfEmpty(env.database.db, env.clock.now())).toBe(true);
});
afterAll(async () => {
  await env?.close();
});

describe(`demo publicity (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('publishes news for the programme and three 2020 theme days on the portal', async () => {
    const anon = new Client(env.app);
    const list = (await anon.get('/api/public/news')).json<z.infer<typeof PublicNewsList>>();
    expect(list.total).toBe(4);
    expect(list.items.filter((n) => n.themeDay === null)).toHaveLength(1);
    expect(list.items.map((n) => n.publishedAt)).toEqual([...list.items.map((n) => n.publishedAt)].sort().reverse());
    for (const n of list.items) {
      const v = (await anon.get(`/api/public/news/${n.id}`)).json<PublicNewsView>();
      expect(v.body).toContain('<p>');
      expect(v.body).not.toMatch(/<script|javascript:/i);
    }
    const atom = await anon.get('/api/public/news.atom');
    expect(atom.statusCode).toBe(200);
    expect(atom.body.match(/<entry>/g)).toHaveLength(4);
  });

  it("has support@'s draft awaiting host@'s review, not on the portal", async () => {
    const host = await signIn('host@demo.rongtong.cn');
    const review = (await host.get('/api/news?box=review')).json<z.infer<typeof NewsList>>();
    expect(review.items).toHaveLength(1);
    const draft = review.items[0]!;
    expect(draft.authorKind).toBe('support');
    expect(draft.status).toBe('submitted');
    expect(draft.abilities.approve).toBe(true);
    expect(draft.abilities.return).toBe(true);
    expect((await new Client(env.app).get(`/api/public/news/${draft.id}`)).statusCode).toBe(404);
    const support = await signIn('support@demo.rongtong.cn');
    const mine = (await support.get('/api/news')).json<z.infer<typeof NewsList>>();
    expect(mine.items.map((n) => n.id)).toContain(draft.id);
  });

  it('shows a published success case with every party and its figures', async () => {
    const anon = new Client(env.app);
    const cases = (await anon.get('/api/public/cases')).json<z.infer<typeof PublicCaseList>>();
    expect(cases.total).toBe(1);
    const c = (await anon.get(`/api/public/cases/${cases.items[0]!.id}`)).json<z.infer<typeof PublicCaseView>>();
    expect(c.parties.map((p) => p.name).sort()).toEqual(['星河电力集团有限公司', '智芯微电子科技有限公司'].sort());
    expect(c.figures.length).toBeGreaterThanOrEqual(3);
    expect(c.story).toContain('<h3>');
  });

  it('names two benchmark enterprises for 2020', async () => {
    const b = (await new Client(env.app).get('/api/public/benchmarks?year=2020')).json<z.infer<typeof BenchmarkList>>();
    expect(b.items).toHaveLength(2);
    expect(b.years).toContain(2020);
    for (const x of b.items) expect(x.reason.length).toBeGreaterThan(20);
  });

  it('has nominations in different states; NDRC decides the host’s proposal', async () => {
    const owner = await signIn('owner@demo.rongtong.cn');
    const all = (await owner.get('/api/nominations')).json<z.infer<typeof NominationList>>();
    expect(all.items.map((n) => n.status).sort()).toEqual(['accepted', 'nominated', 'proposed']);
    const proposed = all.items.find((n) => n.status === 'proposed')!;
    expect(proposed.nextStatuses).toEqual(expect.arrayContaining(['nominated', 'declined']));
    const host = await signIn('host@demo.rongtong.cn');
    const mine = (await host.get('/api/nominations')).json<z.infer<typeof NominationList>>();
    expect(mine.items.length).toBeGreaterThanOrEqual(1);
    expect(mine.items.every((n) => n.themeDay?.title.includes('华晟通信'))).toBe(true);
    const dossier = await owner.get('/api/nominations/dossier.xlsx?event=innovation_week&year=2020');
    expect(dossier.statusCode).toBe(200);
  });
});
