/**
 * The per-project facts behind the numbers (migration 2026-12-11T10-project-facts, repository.ts
 * `refreshStaleFacts`) stay honest whoever writes: database triggers mark a project stale when its follow-ups,
 * its parties or a party organisation's size class or region change, and the next stats request recomputes it.
 * Each change is made once straight in SQL (as a seeder, a script or another module would) and once through the
 * API, and the figures are checked to follow.
 *
 * Today 2027-09-10. A small (Shandong), B large (Beijing), C medium (Beijing), D micro (Guangdong), E large.
 *   P1 A+B signed 2026-08-31: points 3, 6, 12 all due (2026-11-30, 2027-02-28, 2027-08-31), unanswered.
 *   P3 B+E signed 2027-07-01 (no point due yet).
 *   P4 C+D intent (confirmed, not signed: counted by the organisations' size class today).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness.ts';
import { newId } from '../../lib/ids.ts';
import { meetingWorld } from '../meetings/testkit.ts';
import { party, projectBody, type Party } from './testkit.ts';

let env: TestEnv;
let w: Awaited<ReturnType<typeof meetingWorld>>;
let A: Party, B: Party, C: Party, D: Party, E: Party;
const ids: Record<string, string> = {};

async function make(key: string, lead: Party, other: Party, sign?: string, confirm = true) {
  const r = await lead.client.post('/api/projects', projectBody([lead, other], { themeDayId: w.themeDayId }));
  expect(r.statusCode).toBe(201);
  ids[key] = r.json().id;
  if (confirm) expect((await other.client.post(`/api/projects/${ids[key]}/confirm`, {})).statusCode).toBe(200);
  if (sign)
    expect(
      (
        await lead.client.post(`/api/projects/${ids[key]}/stage`, {
          stage: 'signed',
          date: sign,
          contractedAmount: 100_000,
        })
      ).statusCode,
    ).toBe(200);
  env.clock.advance(1000);
}

const stats = async (q = '') => {
  const r = await w.owner.client.get(`/api/projects/stats${q}`);
  expect(r.statusCode).toBe(200);
  return r.json<{
    total: {
      projects: number;
      candidates: number;
      stability: { months: number; numerator: number; denominator: number }[];
      repeatCooperation: { numerator: number; denominator: number };
      smeShare: { numerator: number; denominator: number };
      overdueFollowUps: number;
    };
    groups: { key: string; projects: number; candidates: number }[];
  }>();
};
const stability = async () =>
  (await stats()).total.stability.map((s) => `${s.months}: ${s.numerator}/${s.denominator}`);
const groups = async (by: string) =>
  Object.fromEntries((await stats(`?groupBy=${by}`)).groups.map((g) => [g.key, `${g.projects}+${g.candidates}`]));

const answerInSql = async (key: string, org: Party, point: number, status: string | null) => {
  const r = await env.database.db
    .updateTable('project_follow_ups')
    .set({ status: status as 'on_track' | null, answered_at: status ? '2027-09-01T00:00:00.000Z' : null })
    .where('project_id', '=', ids[key]!)
    .where('organisation_id', '=', org.org.id)
    .where('point_months', '=', point)
    .executeTakeFirst();
  expect(Number(r.numUpdatedRows)).toBe(1);
};

beforeAll(async () => {
  env = await createTestEnv({ now: '2027-09-10T02:00:00Z' });
  w = await meetingWorld(env);
  A = await party(env, { sizeClass: 'small', regionCode: '370211' });
  B = await party(env, { sizeClass: 'large', regionCode: '110108' });
  C = await party(env, { sizeClass: 'medium', regionCode: '110108' });
  D = await party(env, { sizeClass: 'micro', regionCode: '440300' });
  E = await party(env, { sizeClass: 'large', regionCode: '440300' });
  await make('P1', A, B, '2026-08-31');
  await make('P3', B, E, '2027-07-01');
  await make('P4', C, D);
});
afterAll(async () => {
  await env?.close();
});

describe('facts kept by triggers', () => {
  it('follows follow-up answers written in SQL and through the API', async () => {
    expect(await stability()).toEqual(['3: 0/1', '6: 0/1', '12: 0/1']);
    expect((await stats()).total.overdueFollowUps).toBe(6);
    await answerInSql('P1', A, 3, 'on_track');
    await answerInSql('P1', B, 3, 'completed');
    expect(await stability()).toEqual(['3: 1/1', '6: 0/1', '12: 0/1']);
    expect((await stats()).total.overdueFollowUps).toBe(4);
    const answer = { status: 'completed', receivedAmount: 0, jobsCreated: 0, milestones: '验收完成' };
    expect((await A.client.put(`/api/projects/${ids.P1}/follow-ups/12`, answer)).statusCode).toBe(200);
    expect((await stats()).total.overdueFollowUps).toBe(3);
    expect((await B.client.put(`/api/projects/${ids.P1}/follow-ups/12`, answer)).statusCode).toBe(200);
    expect(await stability()).toEqual(['3: 1/1', '6: 0/1', '12: 1/1']);
    expect((await stats()).total.overdueFollowUps).toBe(2);
    await answerInSql('P1', B, 3, 'delayed');
    expect(await stability()).toEqual(['3: 0/1', '6: 0/1', '12: 1/1']);
    await answerInSql('P1', B, 3, null);
    expect((await stats()).total.overdueFollowUps).toBe(3);
    // A deleted follow-up row leaves its point's denominator alone but no longer counts as overdue.
    await env.database.db
      .deleteFrom('project_follow_ups')
      .where('project_id', '=', ids.P1!)
      .where('organisation_id', '=', B.org.id)
      .where('point_months', '=', 3)
      .execute();
    expect((await stats()).total.overdueFollowUps).toBe(2);
  });

  it("follows parties changed in SQL: a party's class at signing, a party added and removed", async () => {
    // SME share: P1 (A small) ✓, P3 (B, E large) ✗.
    expect((await stats()).total.smeShare).toMatchObject({ numerator: 1, denominator: 2 });
    await env.database.db
      .updateTable('project_parties')
      .set({ size_class: 'small' })
      .where('project_id', '=', ids.P3!)
      .where('organisation_id', '=', E.org.id)
      .execute();
    expect((await stats()).total.smeShare).toMatchObject({ numerator: 2, denominator: 2 });
    // Pairs: P1 A–B, P3 B–E, P4 C–D → 3; a third party in P3 adds B–C and C–E.
    expect((await stats()).total.repeatCooperation).toMatchObject({ numerator: 0, denominator: 3 });
    const t = '2027-09-10T02:00:00.000Z';
    const partyId = newId();
    await env.database.db
      .insertInto('project_parties')
      .values({
        id: partyId,
        project_id: ids.P3!,
        organisation_id: C.org.id,
        role: 'participant',
        size_class: 'medium',
        kind: 'enterprise',
        confirmation: 'confirmed',
        decline_reason: null,
        confirmed_by: null,
        confirmed_at: t,
        publish_consent: 0,
        amounts_consent: 0,
        created_at: t,
        updated_at: t,
      })
      .execute();
    expect((await stats()).total.repeatCooperation).toMatchObject({ numerator: 0, denominator: 5 });
    await env.database.db.deleteFrom('project_parties').where('id', '=', partyId).execute();
    expect((await stats()).total.repeatCooperation).toMatchObject({ numerator: 0, denominator: 3 });
  });

  it("follows an organisation's size class and region, edited in SQL and through the API", async () => {
    // P4 is not signed: its groups are its organisations' classes today (C medium, D micro).
    expect(await groups('sizeClass')).toMatchObject({ medium: '1+0', micro: '1+0' });
    await env.database.db
      .updateTable('organisations')
      .set({ size_class: 'small' })
      .where('id', '=', D.org.id)
      .execute();
    const g = await groups('sizeClass');
    expect(g.micro).toBeUndefined();
    expect(g.small).toBe('3+0'); // P1 (A at signing), P3 (E at signing, test above) and P4 (D today)
    // Through the API the class follows the enterprise's figures (2017 rules): 5 employees in software → micro.
    const r = await w.owner.client.patch(`/api/organisations/${D.org.id}`, {
      industryCode: '65',
      employees: 5,
      revenueWan: null,
      assetsWan: null,
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().sizeClass).toBe('micro');
    expect(await groups('sizeClass')).toMatchObject({ small: '2+0', micro: '1+0' });
    // Region: the lead party's province. P4's lead is C (Beijing 110000); P1's lead A (Shandong 370000); P3's lead B.
    expect(await groups('region')).toMatchObject({ '110000': '2+0', '370000': '1+0' });
    await env.database.db
      .updateTable('organisations')
      .set({ region_code: '310115' })
      .where('id', '=', C.org.id)
      .execute();
    expect(await groups('region')).toMatchObject({ '110000': '1+0', '310000': '1+0', '370000': '1+0' });
    const back = await w.owner.client.patch(`/api/organisations/${C.org.id}`, { regionCode: '110108' });
    expect(back.statusCode).toBe(200);
    expect(await groups('region')).toMatchObject({ '110000': '2+0', '370000': '1+0' });
  });

  it('follows merges, through the API and in SQL', async () => {
    // Candidates (the other side has not confirmed): Q1 A+B, Q2 A+D. Merged: Q1 gains D (pending).
    await make('Q1', A, B, undefined, false);
    await make('Q2', A, D, undefined, false);
    const before = await groups('sizeClass');
    expect(before.micro).toBe('1+1'); // P4 (D) and Q2
    expect((await A.client.post(`/api/projects/${ids.Q1}/merge`, { otherId: ids.Q2 })).statusCode).toBe(200);
    const after = await groups('sizeClass');
    expect(after.micro).toBe('1+1'); // P4 and now Q1, which has D as a party
    expect(after.small).toBe(before.small!.replace(/\+(\d+)$/, (_m, n: string) => `+${Number(n) - 1}`));
    expect(after.large).toBe(before.large); // Q1 (B) still
    // The same by hand: Q3 A+E merged into Q4 A+C in SQL (E's party moved over, Q3 pointing at Q4).
    await make('Q3', A, E, undefined, false);
    await make('Q4', A, C, undefined, false);
    const mid = await groups('sizeClass');
    await env.database.db
      .updateTable('project_parties')
      .set({ project_id: ids.Q4!, confirmation: 'pending' })
      .where('project_id', '=', ids.Q3!)
      .where('organisation_id', '=', E.org.id)
      .execute();
    await env.database.db
      .updateTable('cooperation_projects')
      .set({ merged_into_id: ids.Q4! })
      .where('id', '=', ids.Q3!)
      .execute();
    const end = await groups('sizeClass');
    expect(end.large).toBe(mid.large); // Q3's E now counted through Q4
    expect(end.medium).toBe(mid.medium); // Q4 (C)
    expect(end.small).toBe(mid.small!.replace(/\+(\d+)$/, (_m, n: string) => `+${Number(n) - 1}`));
    const total = (await stats()).total;
    expect(total.candidates).toBe(2); // Q1 and Q4
  });

  it('stays right when the numbers are read while answers are written (no deadlock, no aborted write)', async () => {
    await make('P5', A, E, '2026-08-31'); // points 3, 6, 12 due and unanswered
    const before = (await stats()).total.overdueFollowUps;
    const writes = [3, 6].flatMap((point) => [A, E].map((o) => answerInSql('P5', o, point, 'on_track')));
    const reads = Array.from({ length: 6 }, () => stats());
    await Promise.all([...writes, ...reads]);
    expect((await stats()).total.overdueFollowUps).toBe(before - 4);
  });
});
