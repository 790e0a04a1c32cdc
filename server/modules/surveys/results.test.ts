/**
 * Survey results (issue 11 §1) on a fixture computed by hand, the suppression of small groups, and version
 * stability of results.
 *
 * Fixture: an anonymous survey, 20 invitations (enterprises: 6 small, 5 medium, 4 large, 3 micro; 2 universities
 * without a size class); 16 answer (every small and medium one, 3 large, 2 micro; no university):
 *   overall    small 5 5 5 5 4 4 | medium 4 4 4 3 3 | large 3 2 2 | micro 1 5
 *   recommend  small 10 10 9 9 9 8 | medium 8 7 7 6 6 | large 5 3 10 | micro 9 0
 * By hand (z = 1.959964, z² = 3.841459):
 *   response rate 16/20 = 0.8;  Wilson: denom 1 + z²/20 = 1.19207, centre (0.8 + 0.096036)/1.19207 = 0.75166,
 *     half 1.959964·√(0.8·0.2/20 + z²/1600)/1.19207 = 0.16764 → [0.5840, 0.9193]
 *   CSAT (4–5 on overall) 10/16 = 0.625;  denom 1.24009, centre (0.625 + 0.120046)/1.24009 = 0.60080,
 *     half 1.959964·√(0.625·0.375/16 + z²/1024)/1.24009 = 0.21439 → [0.3864, 0.8152]
 *   NPS: promoters (9–10) 7, passives 4, detractors (0–6) 5 → (7 − 5)/16 = 12.5 points;
 *     Var = (7/16 + 5/16 − 0.125²)/16 = 0.0458984, z·√Var = 0.41990 → [−29.49, 54.49]
 *   overall distribution 1:1 2:2 3:3 4:5 5:5, mean 59/16 = 3.69
 *   by size: small (6) CSAT 6/6 → Wilson [0.6097, 1], NPS (5 − 0)/6 = 83.33, ±0.29821 → [53.51, 100 (clamped)];
 *            medium (5) CSAT 3/5 = 0.6 → [0.2307, 0.8824], NPS (0 − 2)/5 = −40 → [−82.94, 2.94];
 *            large (3), micro (2), unknown (0): 样本不足 (hidden together 5, so no secondary suppression)
 *   by kind: enterprise (16) shown; university and the rest 样本不足
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORE_INSTRUMENT_V1 } from '../../../common/survey-instrument.ts';
import type { SurveyResults } from '../../../common/contracts/surveys.ts';
import { createTestEnv, type TestEnv } from '../../test/harness.ts';
import { meetingWorld } from '../meetings/testkit.ts';
import { at, commissionEvaluation, party, type Party } from '../projects/testkit.ts';
import { split } from './rules.ts';
import { answer, eventSession, fullAnswers, registrant, tokensByUser, type Participant } from './testkit.ts';

let env: TestEnv;
let w: Awaited<ReturnType<typeof meetingWorld>>;
let evaluator: Party;
let surveyId: string;
const respondents: { p: Participant; overall: number; recommend: number; text?: string }[] = [];

const results = async (): Promise<SurveyResults> => {
  const r = await evaluator.client.get(`/api/surveys/${surveyId}/results`);
  expect(r.statusCode).toBe(200);
  return r.json<SurveyResults>();
};

beforeAll(async () => {
  env = await createTestEnv({ now: '2020-09-01T02:00:00Z' });
  w = await meetingWorld(env);
  evaluator = await party(env, { role: 'evaluator' });
  await commissionEvaluation(w.owner, evaluator, [w.themeDayId]);
  const session = await eventSession(env, w.themeDayId, w.host.user.id);
  const groups: ['small' | 'medium' | 'large' | 'micro', number[], number[], number][] = [
    ['small', [5, 5, 5, 5, 4, 4], [10, 10, 9, 9, 9, 8], 0],
    ['medium', [4, 4, 4, 3, 3], [8, 7, 7, 6, 6], 0],
    ['large', [3, 2, 2], [5, 3, 10], 1],
    ['micro', [1, 5], [9, 0], 1],
  ];
  for (const [sizeClass, overall, recommend, silent] of groups) {
    for (let i = 0; i < overall.length; i++)
      respondents.push({
        p: await registrant(env, session, { sizeClass }),
        overall: overall[i]!,
        recommend: recommend[i]!,
        ...(sizeClass === 'small' && i < 2 ? { text: `建议${i + 1}：增加对接场次` } : {}),
      });
    for (let i = 0; i < silent; i++) await registrant(env, session, { sizeClass });
  }
  for (let i = 0; i < 2; i++) await registrant(env, session, { kind: 'university' });
  await at(env, '2020-09-12T02:00:00Z', [w.host, evaluator]);
  const r = await w.host.client.post(`/api/theme-days/${w.themeDayId}/survey`, { anonymous: true });
  expect(r.json()).toMatchObject({ invitations: 20 });
  surveyId = r.json().id;
});

afterAll(async () => {
  await env?.close();
});

describe('results', () => {
  it('below 5 answers shows the response rate but no figures (样本不足)', async () => {
    const tokens = await tokensByUser(env);
    for (const [i, x] of respondents.slice(0, 4).entries()) {
      const r = await answer(
        env,
        tokens.get(x.p.userId)!,
        fullAnswers({ overall: x.overall, recommend: x.recommend, ...(x.text ? { suggestions: x.text } : {}) }),
        `10.1.0.${i + 1}`,
      );
      expect(r.statusCode).toBe(201);
    }
    const res = await results();
    expect(res.answers).toBe(4);
    expect(res.responseRate).toMatchObject({ value: 0.2, n: 20 });
    expect(res.overall).toEqual({ suppressed: true, label: '样本不足' });
    expect(JSON.stringify(res.bySize)).not.toContain('"answers"');
  });

  it('computes response rate, CSAT and NPS with their 95% intervals as by hand', async () => {
    const tokens = await tokensByUser(env);
    for (const [i, x] of respondents.slice(4).entries())
      expect(
        (
          await answer(
            env,
            tokens.get(x.p.userId)!,
            fullAnswers({ overall: x.overall, recommend: x.recommend }),
            `10.1.1.${i + 1}`,
          )
        ).statusCode,
      ).toBe(201);
    const res = await results();
    expect(res.invitations).toBe(20);
    expect(res.answers).toBe(16);
    expect(res.responseRate).toEqual({ value: 0.8, low: 0.584, high: 0.9193, n: 20 });
    if (res.overall.suppressed) throw new Error('overall suppressed');
    expect(res.overall.answers).toBe(16);
    expect(res.overall.csat).toEqual({ value: 0.625, low: 0.3864, high: 0.8152, n: 16 });
    expect(res.overall.nps).toEqual({
      value: 12.5,
      low: -29.49,
      high: 54.49,
      n: 16,
      promoters: 7,
      passives: 4,
      detractors: 5,
    });
    const overall = res.overall.questions.find((q) => q.key === 'overall')!;
    expect(overall.counts!.map((c) => [c.value, c.count])).toEqual([
      ['1', 1],
      ['2', 2],
      ['3', 3],
      ['4', 5],
      ['5', 5],
    ]);
    expect(overall.counts![4]!.label).toBe('非常满意');
    expect(overall.mean).toBe(3.69);
    const gains = res.overall.questions.find((q) => q.key === 'gains')!;
    expect(gains.counts!.find((c) => c.value === 'partner_found')!.count).toBe(16);
    expect(res.overall.questions.find((q) => q.key === 'suggestions')!.texts!.sort()).toEqual([
      '建议1：增加对接场次',
      '建议2：增加对接场次',
    ]);
    expect(res.overall.questions.map((q) => q.key)).toEqual(CORE_INSTRUMENT_V1.questions.map((q) => q.key));
    expect(res.definitions.nps).toContain('推荐者');
  });

  it('splits by size class and kind, with groups under 5 answers shown only as 样本不足', async () => {
    const res = await results();
    const size = Object.fromEntries(res.bySize.map((g) => [g.key, g]));
    expect(res.bySize.map((g) => g.key)).toEqual(['large', 'medium', 'small', 'micro', 'unknown']);
    for (const k of ['large', 'micro', 'unknown'])
      expect(size[k]!.figures).toEqual({ suppressed: true, label: '样本不足' });
    const small = size.small!.figures;
    const medium = size.medium!.figures;
    if (small.suppressed || medium.suppressed) throw new Error('suppressed');
    expect(small).toMatchObject({
      answers: 6,
      csat: { value: 1, low: 0.6097, high: 1, n: 6 },
      nps: { value: 83.33, low: 53.51, high: 100, promoters: 5, detractors: 0 },
    });
    expect(medium).toMatchObject({
      answers: 5,
      csat: { value: 0.6, low: 0.2307, high: 0.8824 },
      nps: { value: -40, low: -82.94, high: 2.94, promoters: 0, detractors: 2 },
    });
    // Free text never appears in a group.
    expect(small.questions.find((q) => q.key === 'suggestions')!.texts).toBeUndefined();
    const kind = Object.fromEntries(res.byKind.map((g) => [g.key, g.figures]));
    expect(kind.enterprise).toMatchObject({ suppressed: false, answers: 16 });
    expect(kind.university).toEqual({ suppressed: true, label: '样本不足' });
  });

  it('hides one more group when a lone small group could be recovered by subtraction', () => {
    const qs = CORE_INSTRUMENT_V1.questions.map((q) => ({ q, core: true }));
    const rows = (group: string, n: number) => Array.from({ length: n }, () => ({ group, answers: { overall: 4 } }));
    const groups = ['a', 'b', 'c'].map((key) => ({ key, label: key }));
    // a 8, b 6, c 2: total − a − b = c's 2 answers, so the smaller of a and b goes too.
    const out = split(qs, [...rows('a', 8), ...rows('b', 6), ...rows('c', 2)], groups);
    expect(out.map((g) => g.figures.suppressed)).toEqual([false, true, true]);
    // c with 0 answers needs nothing more.
    expect(split(qs, [...rows('a', 8), ...rows('b', 6)], groups).map((g) => g.figures.suppressed)).toEqual([
      false,
      false,
      true,
    ]);
  });

  it('a new core version changes neither the questions nor the figures of this survey', async () => {
    const before = await results();
    const v2 = CORE_INSTRUMENT_V1.questions
      .filter((q) => q.key !== 'gains')
      .map((q) => (q.key === 'overall' ? { ...q, text: '总体满意度（2021年版）' } : q));
    await at(env, env.clock.now().toISOString(), [w.owner]);
    expect((await w.owner.client.post('/api/surveys/instrument', { questions: v2, note: '2021年版' })).statusCode).toBe(
      201,
    );
    const after = await results();
    expect(after).toEqual(before);
    expect(after.survey.coreVersion).toBe(1);
  });
});
