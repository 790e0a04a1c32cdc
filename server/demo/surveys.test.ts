/**
 * The demo's satisfaction surveys (server/demo/surveys.ts), seeded with the whole demo and read back through
 * the API: every 2020 theme day has a survey whose results show figures (not 样本不足) with intervals and
 * split groups; one is anonymous (no organisation on its answers); member@ has an unused invitation to the
 * open survey in its notifications, and the link opens the questions and takes an answer once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicSurveyView, SurveyList, SurveyResults } from '../../common/contracts/surveys.ts';
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

describe(`demo satisfaction surveys (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('gives every 2020 theme day a survey with full results', async () => {
    const owner = await signIn('owner@demo.rongtong.cn');
    const list = (await owner.get('/api/surveys')).json<SurveyList>();
    expect(list.items).toHaveLength(5);
    expect(list.items.filter((s) => s.status === 'open')).toHaveLength(1);
    expect(list.items.some((s) => s.anonymous)).toBe(true);
    for (const s of list.items) {
      expect(s.answers).toBeGreaterThanOrEqual(20);
      expect(s.answers).toBeLessThanOrEqual(60);
      const res = await owner.get(`/api/surveys/${s.id}/results`);
      expect(res.statusCode).toBe(200);
      const r = res.json<SurveyResults>();
      expect(r.responseRate!.value).toBeGreaterThan(0.5);
      expect(r.overall.suppressed, s.themeDay?.title).toBe(false);
      if (r.overall.suppressed) continue;
      expect(r.overall.csat!.value).toBeGreaterThan(0.5);
      expect(r.overall.csat!.value).toBeLessThan(1);
      expect(r.overall.csat!.low).toBeLessThan(r.overall.csat!.value);
      expect(r.overall.nps!.n).toBe(r.answers);
      expect(r.overall.nps!.detractors).toBeGreaterThan(0);
      // SMEs dominate: at least two size groups show figures.
      expect(r.bySize.filter((g) => !g.figures.suppressed).length).toBeGreaterThanOrEqual(2);
      expect(r.byKind.some((g) => g.key === 'enterprise' && !g.figures.suppressed)).toBe(true);
      const texts = r.overall.questions.find((q) => q.key === 'suggestions');
      expect(texts?.texts?.length ?? 0).toBeGreaterThan(0);
    }
    const anonymous = list.items.find((s) => s.anonymous)!;
    const rows = await env.database.db
      .selectFrom('survey_answers')
      .select('organisation_id')
      .where('survey_id', '=', anonymous.id)
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((x) => x.organisation_id === null)).toBe(true);
  });

  it('lets the evaluator and the host read results', async () => {
    const evaluator = await signIn('evaluator@demo.rongtong.cn');
    expect((await evaluator.get('/api/surveys')).json<SurveyList>().items).toHaveLength(5);
    const host = await signIn('host@demo.rongtong.cn');
    const mine = (await host.get('/api/surveys')).json<SurveyList>().items;
    expect(mine).toHaveLength(1);
    expect(mine[0]!.status).toBe('open');
    expect(mine[0]!.hostQuestions.length).toBe(2);
    expect(mine[0]!.abilities).toMatchObject({ inviteMore: true, close: true, seeResults: true });
  });

  it("gives member@ an unused invitation to the open survey, answerable once from its notification's link", async () => {
    const member = await signIn('member@demo.rongtong.cn');
    const notes = await env.database.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['n.link', 'n.title'])
      .where('u.email', '=', 'member@demo.rongtong.cn')
      .where('n.kind', '=', 'survey_invitation')
      .execute();
    expect(notes).toHaveLength(1);
    const token = /^\/survey\/([A-Za-z0-9_-]+)$/.exec(notes[0]!.link ?? '')![1]!;
    expect(member).toBeDefined();
    const anon = new Client(env.app);
    const open = await anon.get(`/api/public/surveys/by-token/${token}`);
    expect(open.statusCode).toBe(200);
    const view = open.json<PublicSurveyView>();
    expect(view.questions.length).toBe(view.coreCount + 2);
    const post = () =>
      env.app.inject({
        method: 'POST',
        url: `/api/public/surveys/by-token/${token}`,
        payload: {
          answers: { participation_mode: 'offline', organisation: 5, matchmaking_value: 4, overall: 5, recommend: 9 },
        },
      });
    expect((await post()).statusCode).toBe(201);
    expect((await post()).statusCode).toBe(409);
  });
});
