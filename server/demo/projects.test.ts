/**
 * The demo's cooperation projects (server/demo/projects.ts): seeded into a fresh database with the whole demo,
 * then read back through the API as NDRC (owner@) would on the programme overview, and as member@ on its
 * to-do. Every chart must have something to show: each 2020 theme day has projects at every stage, stability
 * at 3/6/12 months with a non-zero denominator and a rate strictly between 0 and 1, repeat cooperation and
 * SME share above 0; and the rows are consistent (stage dates in order, due dates = signing + N months).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_STAGES, type StatsView } from '../../common/contracts/projects.ts';
import { addCalendarMonths, shanghaiToday } from '../../common/time.ts';
import { Client, createTestEnv, type TestEnv } from '../test/harness.ts';
import { seedDemoIfEmpty } from './seed.ts';
import { signInDemo } from './testkit.ts';

const NOW = '2026-12-05T02:00:00Z';
let env: TestEnv;
let seedMs = 0;
let themeDays2020: { id: string; title: string }[] = [];

const signIn = (email: string) => signInDemo(env, email);

beforeAll(async () => {
  env = await createTestEnv({ now: NOW });
  const t = performance.now();
  expect(await seedDemoIfEmpty(env.database.db, env.clock.now())).toBe(true);
  seedMs = performance.now() - t;
  themeDays2020 = await env.database.db
    .selectFrom('theme_days as t')
    .innerJoin('programmes as p', 'p.id', 't.programme_id')
    .select(['t.id', 't.title'])
    .where('p.year', '=', 2020)
    .execute();
});
afterAll(async () => {
  await env?.close();
});

describe(`demo cooperation projects (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('seeds quickly', () => {
    console.log(`demo seed: ${Math.round(seedMs)} ms`);
    expect(seedMs).toBeLessThan(10_000);
  });

  it('gives NDRC figures for every 2020 theme day: all stages, stability between 0 and 1, repeats, SMEs', async () => {
    expect(themeDays2020).toHaveLength(5);
    const owner = await signIn('owner@demo.rongtong.cn');
    const r = await owner.get('/api/projects/stats?groupBy=themeDay');
    expect(r.statusCode).toBe(200);
    const s = r.json<StatsView>();
    expect(s.followUpMonths).toEqual([3, 6, 12]);
    for (const td of themeDays2020) {
      const g = s.groups.find((x) => x.key === td.id);
      expect(g, td.title).toBeDefined();
      if (!g) continue;
      expect(g.projects).toBeGreaterThanOrEqual(8);
      expect(g.candidates).toBeGreaterThanOrEqual(1);
      for (const stage of PROJECT_STAGES.filter((x) => x !== 'candidate'))
        expect(g.byStage[stage] ?? 0, `${td.title} ${stage}`).toBeGreaterThan(0);
      expect(Object.keys(g.byType).length).toBeGreaterThanOrEqual(5);
      for (const p of g.stability) {
        expect(p.denominator, `${td.title} ${p.months}`).toBeGreaterThan(0);
        expect(p.rate, `${td.title} ${p.months}`).toBeGreaterThan(0);
        expect(p.rate!, `${td.title} ${p.months}`).toBeLessThan(1);
      }
      expect(new Set(g.stability.map((p) => p.rate)).size, `${td.title} stability differs by point`).toBeGreaterThan(1);
      expect(g.repeatCooperation.numerator, td.title).toBeGreaterThan(0);
      expect(g.smeShare.rate, td.title).toBeGreaterThan(0.5);
      expect(g.amounts.contracted).toBeGreaterThan(0);
      expect(g.overdueFollowUps).toBeGreaterThan(0);
    }
    const t = s.total;
    for (const p of t.stability) {
      expect(p.rate!).toBeGreaterThanOrEqual(0.4);
      expect(p.rate!).toBeLessThanOrEqual(0.9);
    }
    expect(t.repeatCooperation.rate).toBeGreaterThan(0);
    expect(t.smeShare.rate).toBeGreaterThan(0);
    for (const v of [t.amounts.intended, t.amounts.contracted, t.amounts.received, t.jobsCreated])
      expect(Number.isInteger(v)).toBe(true);
    console.log(
      'demo stats:',
      JSON.stringify({
        projects: t.projects,
        candidates: t.candidates,
        byStage: t.byStage,
        byType: t.byType,
        stability: t.stability.map((p) => `${p.months}: ${p.numerator}/${p.denominator}`),
        repeat: `${t.repeatCooperation.numerator}/${t.repeatCooperation.denominator}`,
        sme: `${t.smeShare.numerator}/${t.smeShare.denominator}`,
        amounts: t.amounts,
        jobs: t.jobsCreated,
        overdue: t.overdueFollowUps,
        perThemeDay: s.groups.map(
          (g) =>
            `${g.label}: ${g.projects}+${g.candidates} ${g.stability.map((p) => `${p.numerator}/${p.denominator}`).join(' ')}`,
        ),
      }),
    );
  });

  it('shows published projects on a past theme day’s public page', async () => {
    for (const td of themeDays2020) {
      const r = await new Client(env.app).get(`/api/public/theme-days/${td.id}/results`);
      expect(r.statusCode).toBe(200);
      const body = r.json<{ projects: { amounts: unknown }[] }>();
      expect(body.projects.length, td.title).toBeGreaterThan(0);
      expect(body.projects.some((p) => p.amounts !== null)).toBe(true);
    }
  });

  it('puts a candidate to confirm and an open follow-up in member@’s to-do', async () => {
    const member = await signIn('member@demo.rongtong.cn');
    const r = await member.get('/api/todo');
    expect(r.statusCode).toBe(200);
    const kinds = r.json<{ items: { kind: string }[] }>().items.map((i) => i.kind);
    expect(kinds).toContain('project_to_confirm');
    expect(kinds).toContain('project_follow_up');
    const mine = await member.get('/api/projects?box=mine&pageSize=100');
    expect(mine.statusCode).toBe(200);
    expect(mine.json<{ total: number }>().total).toBeGreaterThanOrEqual(5);
    const notes = await env.database.db
      .selectFrom('notifications as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['n.kind', 'n.read_at'])
      .where('u.email', '=', 'member@demo.rongtong.cn')
      .where('n.kind', 'in', ['project_candidate', 'project_follow_up'])
      .execute();
    expect(notes.map((n) => n.kind).sort()).toEqual(['project_candidate', 'project_follow_up']);
    expect(notes.every((n) => n.read_at !== null)).toBe(true);
    // 启明星投资 (investor@'s organisation) invested in four SMEs at the theme days and one recently.
    const qiming = await env.database.db
      .selectFrom('project_parties as pp')
      .innerJoin('organisations as o', 'o.id', 'pp.organisation_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('o.name', '=', '启明星创业投资管理有限公司')
      .executeTakeFirstOrThrow();
    expect(Number(qiming.n)).toBeGreaterThanOrEqual(5);
  });

  it('keeps the rows consistent: stage dates in order, due dates = signing + N months, late and silent answers', async () => {
    const db = env.database.db;
    const today = shanghaiToday(env.clock.now());
    const projects = await db.selectFrom('cooperation_projects').selectAll().execute();
    const parties = await db.selectFrom('project_parties').selectAll().execute();
    const followUps = await db.selectFrom('project_follow_ups').selectAll().execute();
    for (const p of projects) {
      const dates = [p.intent_on, p.signed_on, p.started_on, p.completed_on ?? p.terminated_on].filter(
        (d): d is string => !!d,
      );
      expect([...dates].sort(), p.title).toEqual(dates);
      expect(dates.every((d) => d <= today)).toBe(true);
      expect(p.stage === 'candidate' ? p.intent_on === null : p.intent_on !== null, p.title).toBe(true);
      if (p.stage === 'terminated') expect(p.termination_reason, p.title).toBeTruthy();
      if (['signed', 'in_progress', 'completed'].includes(p.stage)) expect(p.signed_on, p.title).toBeTruthy();
      for (const a of [p.intended_amount, p.contracted_amount, p.received_amount])
        if (a !== null) expect(Number.isInteger(Number(a))).toBe(true);
      const mine = parties.filter((x) => x.project_id === p.id);
      expect(mine.length).toBeGreaterThanOrEqual(2);
      expect(mine.filter((x) => x.role === 'lead')).toHaveLength(1);
      if (p.stage !== 'candidate') expect(mine.every((x) => x.confirmation === 'confirmed')).toBe(true);
      for (const x of mine) expect(x.kind !== null, p.title).toBe(p.signed_on !== null);
      const fus = followUps.filter((f) => f.project_id === p.id);
      expect(fus).toHaveLength(p.signed_on ? mine.length * 3 : 0);
      for (const f of fus) expect(f.due_date).toBe(addCalendarMonths(p.signed_on!, Number(f.point_months)));
    }
    const answered = followUps.filter((f) => f.status);
    const late = answered.filter((f) => f.answered_at! > `${f.due_date}T16:00:00.000Z`);
    const silent = followUps.filter((f) => !f.status && f.due_date < today);
    expect(late.length).toBeGreaterThan(5);
    expect(silent.length).toBeGreaterThan(5);
    expect(new Set(answered.map((f) => f.status))).toEqual(
      new Set(['on_track', 'delayed', 'paused', 'terminated', 'completed']),
    );
    console.log(
      `demo rows: ${projects.length} projects, ${parties.length} parties, ${followUps.length} follow-ups ` +
        `(${answered.length} answered, ${late.length} late, ${silent.length} silent)`,
    );
  });

  // The follow-up open now depends on the seed's `now`: also at a month end late in the evening (Shanghai) and
  // just after New Year, the 3-month follow-up falls due within the week and shows in member@'s to-do.
  for (const now of ['2027-05-31T15:30:00Z', '2027-01-01T17:00:00Z']) {
    it(`opens member@'s follow-up when seeded at ${now}`, async () => {
      const other = await createTestEnv({ now });
      try {
        expect(await seedDemoIfEmpty(other.database.db, other.clock.now())).toBe(true);
        const c = await signInDemo(other, 'member@demo.rongtong.cn');
        const items = (await c.get('/api/todo')).json<{ items: { kind: string; detail: string }[] }>().items;
        const fu = items.filter((i) => i.kind === 'project_follow_up');
        expect(fu).toHaveLength(1);
        expect(fu[0]!.detail).toMatch(/^\d{4}-\d{2}-\d{2}到期$/);
        expect(items.some((i) => i.kind === 'project_to_confirm')).toBe(true);
      } finally {
        await other.close();
      }
    });
  }
});
