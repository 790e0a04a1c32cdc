/**
 * The demo's third-party evaluation (server/demo/evaluation.ts), seeded with the whole demo and read back
 * through the API: evaluator@ sees the in-progress evaluation of the five 2020 theme days and last year's, with
 * indicators computed for each (satisfaction included for 2020), two years to compare, and some scores, and can
 * download the report; NDRC sees it too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluationList, EvaluationView, IndicatorsView } from '../../common/contracts/evaluation.ts';
import { unzip } from '../lib/zip.ts';
import { createTestEnv, type TestEnv } from '../test/harness.ts';
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

describe(`demo evaluation (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('gives evaluator@ an evaluation of the 2020 theme days and last year’s in progress, with figures and a report', async () => {
    const evaluator = await signIn('evaluator@demo.rongtong.cn');
    const list = (await evaluator.get('/api/evaluations')).json<EvaluationList>();
    expect(list.items).toHaveLength(1);
    const e = list.items[0]!;
    expect(e.status).toBe('in_progress');
    expect(e.themeDays).toHaveLength(6);
    expect(e.themeDays.slice(0, 5).every((t) => t.year === 2020)).toBe(true);
    const lastYear = e.themeDays[5]!.year;
    expect(lastYear).toBeGreaterThan(2020);
    expect(e.indicators.map((i) => i.key)).toEqual(['projects', 'stability', 'satisfaction']);

    const view = (await evaluator.get(`/api/evaluations/${e.id}`)).json<EvaluationView>();
    expect(view.abilities.score).toBe(true);
    expect(view.scores.length).toBe(7);
    expect(view.scores.every((s) => s.comment.length > 0)).toBe(true);
    expect(view.totals.filter((t) => t.total !== null)).toHaveLength(2);

    const ind = await evaluator.get(`/api/evaluations/${e.id}/indicators`);
    expect(ind.statusCode).toBe(200);
    const iv = ind.json<IndicatorsView>();
    expect(iv.themeDays).toHaveLength(6);
    // Two years side by side: 2020's five theme days and last year's one.
    expect(iv.years.map((y) => y.year)).toEqual([2020, lastYear]);
    expect(iv.years[0]!.projects.projects).toBe(iv.themeDays.slice(0, 5).reduce((n, t) => n + t.projects.projects, 0));
    expect(iv.years[1]!.headcounts.sessions).toBeGreaterThan(0);
    expect(iv.years[1]!.headcounts.registered).toBeGreaterThan(0);
    for (const t of iv.themeDays.slice(0, 5)) {
      expect(t.year).toBe(2020);
      expect(t.satisfaction, t.label).not.toBeNull();
      expect(t.satisfaction!.answers).toBeGreaterThan(0);
      // What happened on the day (server/demo/history2020.ts): registrations, check-ins and held 1:1 meetings.
      expect(t.participation.registrations, t.label).toBeGreaterThan(0);
      expect(t.participation.checkIns, t.label).toBeGreaterThan(0);
      expect(t.participation.checkIns, t.label).toBeLessThanOrEqual(t.participation.registrations);
      expect(t.meetings.held, t.label).toBeGreaterThan(0);
      expect(t.meetings.held, t.label).toBeLessThanOrEqual(t.meetings.scheduled);
      // Every 2020 session has an on-site limit from the plan (200) and stays within it.
      expect(t.headcounts.sessions, t.label).toBeGreaterThan(0);
      expect(t.headcounts.overLimit, t.label).toBe(0);
      expect(t.headcounts.checkedIn, t.label).toBe(t.participation.checkIns);
    }
    const withIntents = iv.themeDays.filter((t) => t.roadshows.projects > 0 && t.roadshows.intents > 0);
    expect(withIntents.length).toBeGreaterThanOrEqual(2);
    for (const t of withIntents) expect(t.roadshows.intentMaxWan, t.label).toBeGreaterThan(0);
    expect(iv.total.projects.projects).toBeGreaterThan(0);

    const docx = await evaluator.get(`/api/evaluations/${e.id}/report.docx`);
    expect(docx.statusCode).toBe(200);
    const files = unzip(docx.rawPayload);
    expect(files.has('word/document.xml')).toBe(true);
    expect([...files.keys()].some((k) => k.startsWith('word/media/'))).toBe(true);
    const xlsx = await evaluator.get(`/api/evaluations/${e.id}/report.xlsx`);
    expect(xlsx.statusCode).toBe(200);

    const owner = await signIn('owner@demo.rongtong.cn');
    const all = (await owner.get('/api/evaluations')).json<EvaluationList>();
    expect(all.items.map((x) => x.id)).toContain(e.id);
    expect(all.items[0]!.abilities.accept).toBe(false);
  });
});
