/**
 * The third-party evaluation (issue 11 §2): commissioning with validation, the evaluator's scope (404 outside),
 * the indicators on a hand-computed fixture, scoring and the submit lock, and the report as .docx and .xlsx.
 *
 * Fixture (today 2021-09-20, Shanghai). A small, B large, C medium, D large. Theme days TD1 and TD2:
 *   P1 A+B  TD1  joint_rd     intended 1,000,000  signed 2020-09-15 contracted 800,000
 *                              3 months: A on_track, B on_track; 6: A on_track, B delayed; 12: both silent
 *   P2 A+C  TD1  procurement  intended 500,000    intent only
 *   P3 C+D  TD1  candidate (never confirmed)
 *   P4 A+B  TD2  joint_rd     intended 300,000    signed 2021-03-01 contracted 200,000
 *                              3 months: A completed, B on_track; 6 months (due 2021-09-01): silent
 * Expected, by hand:
 *   TD1: projects 2, candidates 1; signed 1, intent 1; intended 1,500,000, contracted 800,000;
 *        stability 3: 1/1, 6: 0/1, 12: 0/1; SME share 1/1; repeat 1/2 (A–B again in P4; A–C not).
 *   TD2: projects 1; stability 3: 1/1, 6: 0/1, 12: 0/0; SME share 1/1; repeat 0/1.
 *   Total: projects 3; stability 3: 2/2, 6: 0/2, 12: 0/1; SME 2/2; repeat 1/2.
 *   Survey of TD1: 6 invitations, 5 answers; overall 5,5,4,3,2 → CSAT 3/5 = 0.6; recommend 10,9,7,6,0 → NPS 0.
 *   TD2: no survey → null.
 *   Activity session of TD2: A registered and checked in, B registered, C waitlisted (not counted)
 *   → TD2 registrations 2, check-ins 1; small 1/1, large 1/0; enterprise 2/1. TD1: none.
 *   TD1's activity plan describes collaborative_rd and resource_sharing (joint_commercialisation left blank);
 *   P1 and P2 are tagged collaborative_rd → content areas delivered 1/2. TD2's plan describes none → null.
 *   1:1 meetings of TD1: M1 A–B with an outcome (cooperation possible), M2 A–C with "did not take place",
 *   M3 B–C cancelled → scheduled 2, held 1.
 *   Roadshow on TD2's session: R1 accepted, R2 rejected; judge J1 intends to sign R1 (100–300万元), J2 scores R1
 *   without intent → projects 1, intents 1, 100–300.
 *   Head counts: TD2's session is offline, 100 places, venue 100, no plan limit → limit 100; registered 2 (A, B),
 *   checked in 1, waitlisted 1 (C); fill 1/100; not over. TD1: no session → 0 sessions, rates null.
 *   Years: both theme days are 2020 → one year, equal to the total.
 * Cross-year fixture (a second evaluation of TD1, TD2 and TD3, a 2021 theme day whose plan allows 100 people):
 *   S3a offline, venue 40, places cut to 2 after A, B, D checked in (C waitlisted) → limit min(2, 40, 100) = 2,
 *       registered 3, checked in 3, waitlisted 1, fill 1.5, over its limit.
 *   S3b hybrid, venue 30, places 10, online limit 1: A offline checked in; B, C online → limit 10, fill 0.1,
 *       online 2 > 1: over its online limit.
 *   S3c online, no limits: D online registered, A cancelled (not counted) → no on-site limit, online 1.
 *   TD3: sessions 3, on-site 2, limit 12, registered 4, checked in 4, waitlisted 1, online 3, fill 4/12,
 *        peak 1.5, over 1, online over 1; participation (registered or checked in, any attendance) 7 / 4.
 *   Years: 2020 = the first evaluation's total; 2021 = TD3 (no projects, no survey). A theme day out of scope
 *   (TD3 for the first evaluation) is in no year.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATOR_EXPORT_HEADER, type IndicatorsView } from '../../../common/contracts/evaluation.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { readXlsx } from '../../lib/xlsx.ts';
import { createTestEnv, type TestEnv } from '../../test/harness.ts';
import { meetingWorld } from '../meetings/testkit.ts';
import { party, projectBody, type Party } from '../projects/testkit.ts';
import { unzip } from '../../lib/zip.ts';
import { wilson } from '../surveys/rules.ts';
import ExcelJS from 'exceljs';
import { satisfactionOf } from './indicators.ts';
import { indicatorRows, yearRows } from './report.ts';
import { hostWorld } from '../themedays/test-helpers.ts';

let env: TestEnv;
let w1: Awaited<ReturnType<typeof meetingWorld>>;
let w2: Awaited<ReturnType<typeof meetingWorld>>;
let A: Party, B: Party, C: Party, D: Party, E: Party, E2: Party, other: Party;
const ids: Record<string, string> = {};
let evalId = '';

async function make(
  key: string,
  lead: Party,
  partner: Party,
  over: Record<string, unknown>,
  sign?: { date: string; contracted: number },
) {
  const r = await lead.client.post('/api/projects', projectBody([lead, partner], over));
  expect(r.statusCode, r.body).toBe(201);
  ids[key] = r.json().id;
  env.clock.advance(1000);
  if (key === 'P3') return;
  expect((await partner.client.post(`/api/projects/${ids[key]}/confirm`, {})).statusCode).toBe(200);
  if (sign) {
    const s = await lead.client.post(`/api/projects/${ids[key]}/stage`, {
      stage: 'signed',
      date: sign.date,
      contractedAmount: sign.contracted,
    });
    expect(s.statusCode, s.body).toBe(200);
  }
  env.clock.advance(1000);
}

async function answer(key: string, org: Party, point: number, status: 'on_track' | 'completed' | 'delayed') {
  const r = await env.database.db
    .updateTable('project_follow_ups')
    .set({ status, answered_at: '2021-09-01T00:00:00.000Z' })
    .where('project_id', '=', ids[key]!)
    .where('organisation_id', '=', org.org.id)
    .where('point_months', '=', point)
    .executeTakeFirst();
  expect(Number(r.numUpdatedRows)).toBe(1);
}

/** A closed survey of TD1 with 6 invitations and 5 answers written straight into the tables. */
async function survey() {
  const db = env.database.db;
  const now = nowIso(env.clock.now());
  const surveyId = newId();
  await db
    .insertInto('surveys')
    .values({
      id: surveyId,
      theme_day_id: w1.themeDayId,
      core_version: 1,
      host_questions: '[]',
      anonymous: 1,
      status: 'closed',
      opens_at: now,
      closes_at: now,
      closed_at: now,
      opened_by: w1.owner.user.id,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const people = [A, B, C, D, E, other];
  for (const p of people)
    await db
      .insertInto('survey_invitations')
      .values({
        id: newId(),
        survey_id: surveyId,
        user_id: p.user.id,
        organisation_id: p.org.id,
        token_hash: newId(),
        sources: '["registration"]',
        expires_at: now,
        used: 0,
        created_at: now,
      })
      .execute();
  const pairs: [number, number][] = [
    [5, 10],
    [5, 9],
    [4, 7],
    [3, 6],
    [2, 0],
  ];
  for (const [overall, recommend] of pairs)
    await db
      .insertInto('survey_answers')
      .values({
        id: newId(),
        survey_id: surveyId,
        core_version: 1,
        answered_on: '2021-09-20',
        organisation_id: null,
        size_class: 'small',
        org_kind: 'enterprise',
        answers: JSON.stringify({ overall, recommend }),
      })
      .execute();
}

type Reg = [Party, 'registered' | 'waitlisted' | 'cancelled', boolean, ('offline' | 'online')?];

/** An activity session of a theme day with its limits and registrations, written straight into the tables. */
async function session(
  themeDayId: string,
  s: {
    title: string;
    mode: 'offline' | 'online' | 'hybrid';
    venue: number | null;
    capacity: number | null;
    online: number | null;
    start: string;
  },
  regs: Reg[],
): Promise<string> {
  const db = env.database.db;
  const now = nowIso(env.clock.now());
  const sessionId = newId();
  await db
    .insertInto('event_sessions')
    .values({
      id: sessionId,
      theme_day_id: themeDayId,
      title: s.title,
      kind: 'opening',
      mode: s.mode,
      description: null,
      starts_at: s.start,
      ends_at: s.start.replace('T01:', 'T03:'),
      venue: '主会场',
      venue_capacity: s.venue,
      capacity: s.capacity,
      online_limit: s.online,
      online_channel: s.mode === 'offline' ? null : '直播',
      registration_opens_at: '2020-09-01T00:00:00.000Z',
      registration_closes_at: '2020-09-09T00:00:00.000Z',
      questions: '[]',
      created_by: w2.owner.user.id,
      created_at: now,
      updated_at: now,
    })
    .execute();
  let seq = 0;
  for (const [p, status, checkedIn, attendance] of regs)
    await db
      .insertInto('event_registrations')
      .values({
        id: newId(),
        session_id: sessionId,
        user_id: p.user.id,
        organisation_id: p.org.id,
        attendance: attendance ?? 'offline',
        status,
        seq: ++seq,
        answers: '{}',
        code: `C${seq}${newId().slice(-6)}`,
        checked_in_at: checkedIn ? s.start.replace('T01:00', 'T00:50') : null,
        checked_in_by: null,
        cancelled_at: status === 'cancelled' ? now : null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  return sessionId;
}

/** TD2's opening session (with the roadshow) and its registrations. */
async function registrations() {
  const sessionId = await session(
    w2.themeDayId,
    { title: '开幕式', mode: 'offline', venue: 100, capacity: 100, online: null, start: '2020-09-10T01:00:00.000Z' },
    [
      [A, 'registered', true],
      [B, 'registered', false],
      [C, 'waitlisted', false],
    ],
  );
  await roadshow(sessionId);
}

async function roadshow(sessionId: string) {
  const db = env.database.db;
  const now = nowIso(env.clock.now());
  const roadshowId = newId();
  await db
    .insertInto('roadshows')
    .values({
      id: roadshowId,
      session_id: sessionId,
      title: '创业项目路演',
      criteria: '[]',
      status: 'closed',
      applications_close_at: null,
      scoring_opened_at: null,
      closed_at: now,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const projectIds: string[] = [];
  for (const [p, status] of [
    [A, 'accepted'],
    [C, 'rejected'],
  ] as const) {
    const id = newId();
    projectIds.push(id);
    await db
      .insertInto('roadshow_projects')
      .values({
        id,
        roadshow_id: roadshowId,
        applicant_user_id: p.user.id,
        organisation_id: p.org.id,
        name: '智能质检',
        team: '团队',
        organisation_name: p.org.name,
        field: '工业互联网',
        stage: 'startup',
        financing_need_wan: 500,
        summary: null,
        bp_path: 'x.pdf',
        bp_name: 'x.pdf',
        bp_size: 1,
        status,
        screening_note: null,
        lineup_order: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  for (const [judge, intent] of [
    [B, true],
    [D, false],
  ] as const) {
    const judgeId = newId();
    await db
      .insertInto('roadshow_judges')
      .values({
        id: judgeId,
        roadshow_id: roadshowId,
        user_id: judge.user.id,
        organisation_id: judge.org.id,
        kind: 'investor',
        invited_at: now,
      })
      .execute();
    await db
      .insertInto('roadshow_scores')
      .values({
        id: newId(),
        roadshow_id: roadshowId,
        project_id: projectIds[0]!,
        judge_id: judgeId,
        scores: '{}',
        conflict_reason: null,
        intent_min_wan: intent ? 100 : null,
        intent_max_wan: intent ? 300 : null,
        intent_to_sign: intent ? 1 : 0,
        comment: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
}

/** A 1:1 meeting session of TD1 with three meetings and their outcomes, straight into the tables. */
async function meetings() {
  const db = env.database.db;
  const now = nowIso(env.clock.now());
  const sessionId = newId();
  await db
    .insertInto('meeting_sessions')
    .values({
      id: sessionId,
      theme_day_id: w1.themeDayId,
      title: '供需洽谈会',
      mode: 'self_booking',
      status: 'closed',
      date: '2020-09-10',
      slots: '[]',
      morning_slots: 4,
      tables: 2,
      online_rooms: 0,
      online_url_template: null,
      venue: null,
      request_limit: 5,
      request_ttl_hours: 24,
      fairness: 0,
      published_at: now,
      created_by: w1.owner.user.id,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const pid = new Map<Party, string>();
  for (const p of [A, B, C]) {
    const id = newId();
    pid.set(p, id);
    await db
      .insertInto('meeting_participants')
      .values({
        id,
        session_id: sessionId,
        user_id: p.user.id,
        organisation_id: p.org.id,
        unavailable_slots: '[]',
        request_limit: null,
        joined_at: now,
        updated_at: now,
      })
      .execute();
  }
  const meetingsOf: [Party, Party, 'scheduled' | 'cancelled', string | null][] = [
    [A, B, 'scheduled', 'cooperation_possible'],
    [A, C, 'scheduled', 'did_not_take_place'],
    [B, C, 'cancelled', 'cooperation_possible'],
  ];
  for (const [a, b, status, outcome] of meetingsOf) {
    const requestId = newId();
    await db
      .insertInto('meeting_requests')
      .values({
        id: requestId,
        session_id: sessionId,
        requester_id: pid.get(a)!,
        recipient_id: pid.get(b)!,
        message: null,
        cited_type: null,
        cited_id: null,
        status: 'accepted',
        open_key: null,
        expires_at: now,
        responded_at: now,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const meetingId = newId();
    await db
      .insertInto('meetings')
      .values({
        id: meetingId,
        session_id: sessionId,
        request_id: requestId,
        participant_a_id: pid.get(a)!,
        participant_b_id: pid.get(b)!,
        status,
        slot_index: null,
        location: null,
        online_link: null,
        fixed_slot: null,
        cancelled_by: null,
        cancelled_at: status === 'cancelled' ? now : null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    if (outcome)
      await db
        .insertInto('meeting_outcomes')
        .values({
          id: newId(),
          meeting_id: meetingId,
          participant_id: pid.get(a)!,
          outcome: outcome as 'cooperation_possible',
          note: null,
          recorded_at: now,
          updated_at: now,
        })
        .execute();
  }
}

const commission = (over: Record<string, unknown> = {}, who: { client: Party['client'] } = w1.owner) =>
  who.client.post('/api/evaluations', {
    evaluatorOrganisationId: E.org.id,
    themeDayIds: [w1.themeDayId, w2.themeDayId],
    periodStart: '2021-09-01',
    periodEnd: '2021-12-31',
    ...over,
  });

beforeAll(async () => {
  env = await createTestEnv({ now: '2021-09-20T02:00:00Z' });
  w1 = await meetingWorld(env);
  w2 = await meetingWorld(env);
  A = await party(env, { sizeClass: 'small', regionCode: '370211' });
  B = await party(env, { sizeClass: 'large', regionCode: '110108' });
  C = await party(env, { sizeClass: 'medium', regionCode: '110108' });
  D = await party(env, { sizeClass: 'large', regionCode: '440300' });
  E = await party(env, { role: 'evaluator' });
  other = await party(env, { role: 'evaluator' });
  const td1 = { themeDayId: w1.themeDayId };
  await make(
    'P1',
    A,
    B,
    { ...td1, type: 'joint_rd', intendedAmount: 1_000_000 },
    { date: '2020-09-15', contracted: 800_000 },
  );
  await make('P2', A, C, { ...td1, type: 'procurement', intendedAmount: 500_000 });
  await make('P3', C, D, { ...td1, type: 'other' });
  await make(
    'P4',
    A,
    B,
    { themeDayId: w2.themeDayId, type: 'joint_rd', intendedAmount: 300_000 },
    { date: '2021-03-01', contracted: 200_000 },
  );
  await answer('P1', A, 3, 'on_track');
  await answer('P1', B, 3, 'on_track');
  await answer('P1', A, 6, 'on_track');
  await answer('P1', B, 6, 'delayed');
  await answer('P4', A, 3, 'completed');
  await answer('P4', B, 3, 'on_track');
  await survey();
  await registrations();
  await meetings();
  await env.database.db
    .updateTable('activity_plans')
    .set({
      content: JSON.stringify({
        parts: [
          { key: 'collaborative_rd', description: '联合攻关' },
          { key: 'resource_sharing', description: '资源开放' },
          { key: 'joint_commercialisation', description: ' ' },
        ],
      }),
    })
    .where('theme_day_id', '=', w1.themeDayId)
    .execute();
  // E2 is a second person of E's organisation.
  E2 = await party(env, { role: 'evaluator', org: E.org });
});
afterAll(async () => {
  await env?.close();
});

describe('commissioning', () => {
  it('refuses anyone but NDRC, and reports every field error at once', async () => {
    expect((await commission({}, A)).statusCode).toBe(403);
    const bad = await commission({
      evaluatorOrganisationId: A.org.id,
      themeDayIds: [w1.themeDayId, 'nope'],
      periodStart: '2021-12-31',
      periodEnd: '2021-09-01',
      indicators: [
        { key: 'projects', name: '合作项目数量与质量', weight: 50 },
        { key: 'projects', name: '重复', weight: 20 },
      ],
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        'evaluatorOrganisationId:not_evaluator',
        'themeDayIds.1:not_found',
        'periodEnd:before_start',
        'indicators.1.key:duplicate',
        'indicators:weights_sum',
      ]),
    );
    const zod = await commission({ indicators: [{ key: 'x', name: '', weight: 0 }] });
    expect(zod.statusCode).toBe(400);
  });

  it('commissions with the notice three measures by default', async () => {
    const r = await commission();
    expect(r.statusCode, r.body).toBe(201);
    const v = r.json();
    evalId = v.id;
    expect(v.status).toBe('commissioned');
    expect(v.indicators.map((i: { key: string; weight: number }) => `${i.key}:${i.weight}`)).toEqual([
      'projects:40',
      'stability:30',
      'satisfaction:30',
    ]);
    expect(v.themeDays.map((t: { id: string }) => t.id)).toEqual([w1.themeDayId, w2.themeDayId]);
    expect(v.evaluator).toEqual({ id: E.org.id, name: E.org.name });
  });
});

describe('scope', () => {
  it('shows the evaluation to NDRC and the commissioned organisation only (404 elsewhere)', async () => {
    for (const p of [E, E2, w1.owner]) expect((await p.client.get(`/api/evaluations/${evalId}`)).statusCode).toBe(200);
    for (const p of [other, A, w1.host]) {
      for (const path of ['', '/indicators', '/report.docx', '/report.xlsx'])
        expect((await p.client.get(`/api/evaluations/${evalId}${path}`)).statusCode).toBe(404);
      expect(
        (
          await p.client.put(`/api/evaluations/${evalId}/scores`, {
            scores: [{ themeDayId: w1.themeDayId, indicatorKey: 'projects', score: 1 }],
          })
        ).statusCode,
      ).toBe(404);
    }
    expect((await E.client.get('/api/evaluations')).json().items.map((e: { id: string }) => e.id)).toEqual([evalId]);
    expect((await other.client.get('/api/evaluations')).json().items).toEqual([]);
    expect((await A.client.get('/api/evaluations')).json().items).toEqual([]);
    expect((await env.app.inject({ method: 'GET', url: `/api/evaluations/${evalId}` })).statusCode).toBe(401);
  });
});

describe('indicators', () => {
  let v: IndicatorsView;
  beforeAll(async () => {
    const r = await E.client.get(`/api/evaluations/${evalId}/indicators`);
    expect(r.statusCode, r.body).toBe(200);
    v = r.json();
  });
  const ratio = (n: number, d: number) => ({ numerator: n, denominator: d, rate: d ? n / d : null });
  const stab = (x: IndicatorsView['total']) =>
    x.projects.stability.map((s) => `${s.months}:${s.numerator}/${s.denominator}`);

  it('gives the hand-computed project figures per theme day and in total', () => {
    expect(v.followUpMonths).toEqual([3, 6, 12]);
    const [t1, t2] = v.themeDays;
    expect(t1!.themeDayId).toBe(w1.themeDayId);
    expect(t1!.projects).toMatchObject({
      projects: 2,
      candidates: 1,
      byStage: { signed: 1, intent: 1 },
      byType: { joint_rd: 1, procurement: 1 },
      amounts: { intended: 1_500_000, contracted: 800_000, received: 0 },
      repeatCooperation: ratio(1, 2),
      smeShare: ratio(1, 1),
    });
    expect(stab(t1!)).toEqual(['3:1/1', '6:0/1', '12:0/1']);
    expect(t2!.projects).toMatchObject({ projects: 1, repeatCooperation: ratio(0, 1), smeShare: ratio(1, 1) });
    expect(stab(t2!)).toEqual(['3:1/1', '6:0/1', '12:0/0']);
    expect(v.total.projects).toMatchObject({ projects: 3, repeatCooperation: ratio(1, 2), smeShare: ratio(2, 2) });
    expect(stab(v.total)).toEqual(['3:2/2', '6:0/2', '12:0/1']);
  });

  it('equals the projects figures grouped by theme day', async () => {
    const s = (await w1.owner.client.get('/api/projects/stats?groupBy=themeDay')).json();
    for (const d of v.themeDays) {
      const g = s.groups.find((x: { key: string }) => x.key === d.themeDayId);
      expect(d.projects).toEqual(g);
    }
  });

  it('gives satisfaction with intervals, null without a survey, and the other counts', () => {
    const [t1, t2] = v.themeDays;
    expect(t1!.satisfaction).toMatchObject({ surveys: 1, invitations: 6, answers: 5, suppressed: false });
    expect(t1!.satisfaction!.responseRate).toEqual(wilson(5, 6));
    expect(t1!.satisfaction!.csat).toEqual(wilson(3, 5));
    expect(t1!.satisfaction!.nps).toMatchObject({ value: 0, promoters: 2, detractors: 2, passives: 1, n: 5 });
    // Every respondent was a small enterprise: the SME figures equal the whole.
    expect(t1!.satisfaction!.sme).toEqual({
      answers: 5,
      suppressed: false,
      csat: t1!.satisfaction!.csat,
      nps: t1!.satisfaction!.nps,
    });
    expect(t2!.satisfaction).toBeNull();
    expect(v.total.satisfaction).toMatchObject({ surveys: 1, answers: 5, invitations: 6 });
    expect(t1!.participation).toEqual({ registrations: 0, checkIns: 0, bySize: {}, byKind: {} });
    const p2 = {
      registrations: 2,
      checkIns: 1,
      bySize: { small: { registrations: 1, checkIns: 1 }, large: { registrations: 1, checkIns: 0 } },
      byKind: { enterprise: { registrations: 2, checkIns: 1 } },
    };
    expect(t2!.participation).toEqual(p2);
    expect(v.total.participation).toEqual(p2);
    expect(t1!.content).toMatchObject({ planned: 2, delivered: 1, rate: 0.5 });
    expect(t1!.content.areas.filter((a) => a.planned).map((a) => `${a.key}:${a.projects}`)).toEqual([
      'resource_sharing:0',
      'collaborative_rd:2',
    ]);
    expect(t2!.content).toMatchObject({ planned: 0, delivered: 0, rate: null });
    expect(v.total.content).toMatchObject({ planned: 2, delivered: 1, rate: 0.5 });
    expect(t1!.meetings).toEqual({ scheduled: 2, held: 1 });
    expect(t2!.meetings).toEqual({ scheduled: 0, held: 0 });
    expect(v.total.meetings).toEqual({ scheduled: 2, held: 1 });
    expect(t1!.roadshows).toEqual({ projects: 0, intents: 0, intentMinWan: 0, intentMaxWan: 0 });
    expect(t2!.roadshows).toEqual({ projects: 1, intents: 1, intentMinWan: 100, intentMaxWan: 300 });
    expect(v.total.roadshows).toEqual({ projects: 1, intents: 1, intentMinWan: 100, intentMaxWan: 300 });
  });
});

describe('head counts against limits', () => {
  let v: IndicatorsView;
  beforeAll(async () => {
    v = (await E.client.get(`/api/evaluations/${evalId}/indicators`)).json();
  });

  it('gives each session its registrations and check-ins against its strictest limit', () => {
    const [t1, t2] = v.themeDays;
    expect(t1!.headcounts).toEqual({
      sessions: 0,
      onSiteSessions: 0,
      onSiteLimit: 0,
      registered: 0,
      checkedIn: 0,
      waitlisted: 0,
      onlineRegistered: 0,
      fillRate: null,
      peakFillRate: null,
      overLimit: 0,
      onlineOverLimit: 0,
      list: [],
    });
    expect(t2!.headcounts.list).toEqual([
      expect.objectContaining({
        title: '开幕式',
        mode: 'offline',
        capacity: 100,
        venueCapacity: 100,
        planLimit: null,
        onSiteLimit: 100,
        registered: 2,
        checkedIn: 1,
        waitlisted: 1,
        onlineRegistered: 0,
        onlineLimit: null,
        fillRate: 0.01,
        overLimit: false,
        onlineOverLimit: false,
      }),
    ]);
    expect(t2!.headcounts).toMatchObject({ sessions: 1, onSiteLimit: 100, checkedIn: 1, fillRate: 0.01, overLimit: 0 });
    expect(v.total.headcounts).toEqual({ ...t2!.headcounts, list: [] });
  });

  it('aggregates per year the theme days in scope only', () => {
    expect(v.years.map((y) => `${y.label}:${y.year}`)).toEqual(['2020年:2020']);
    const { label: _l, year: _y, projects, ...rest } = v.years[0]!;
    const { label: _tl, year: _ty, projects: tp, ...totalRest } = v.total;
    expect(rest).toEqual(totalRest);
    expect({ ...projects, key: 'x', label: 'x' }).toEqual({ ...tp, key: 'x', label: 'x' });
  });
});

describe('SME satisfaction suppression', () => {
  const rows = (sme: number, others: number) => [
    ...Array.from({ length: sme }, () => ({ overall: 5, recommend: 10, sme: true })),
    ...Array.from({ length: others }, () => ({ overall: 2, recommend: 3, sme: false })),
  ];
  it('withholds the SME group below 5 answers, and when the others (1–4) could be recovered by subtraction', () => {
    const f = (sme: number, others: number) =>
      satisfactionOf({ surveys: 1, invitations: 20, rows: rows(sme, others) })!;
    expect(f(4, 6).sme).toEqual({ answers: 4, suppressed: true, csat: null, nps: null });
    expect(f(6, 3).sme.suppressed).toBe(true);
    expect(f(6, 3).suppressed).toBe(false);
    expect(f(6, 5).sme).toMatchObject({ answers: 6, suppressed: false, csat: wilson(6, 6) });
    expect(f(6, 0).sme.suppressed).toBe(false);
    expect(f(2, 2)).toMatchObject({ answers: 4, suppressed: true, csat: null, nps: null });
    expect(satisfactionOf({ surveys: 0, invitations: 0, rows: [] })).toBeNull();
  });
});

describe('scoring, submission and the report', () => {
  const score = (themeDayId: string, indicatorKey: string, s: number, comment = '') => ({
    themeDayId,
    indicatorKey,
    score: s,
    comment,
  });

  it('validates scores, computes weighted totals and audits', async () => {
    const bad = await E.client.put(`/api/evaluations/${evalId}/scores`, {
      scores: [
        score('nope', 'projects', 50),
        score(w1.themeDayId, 'unknown', 50),
        score(w1.themeDayId, 'projects', 101),
      ],
    });
    expect(bad.statusCode).toBe(400);
    const ok = await E.client.put(`/api/evaluations/${evalId}/scores`, {
      scores: [
        score(w1.themeDayId, 'projects', 80, '项目数量较多'),
        score(w1.themeDayId, 'stability', 70),
        score(w1.themeDayId, 'satisfaction', 90),
        score(w2.themeDayId, 'projects', 60),
        score(w2.themeDayId, 'stability', 50),
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const v = ok.json();
    expect(v.status).toBe('in_progress');
    expect(v.totals).toEqual([
      { themeDayId: w1.themeDayId, total: 80 },
      { themeDayId: w2.themeDayId, total: null },
    ]);
    // Owner cannot score.
    expect(
      (
        await w1.owner.client.put(`/api/evaluations/${evalId}/scores`, {
          scores: [score(w1.themeDayId, 'projects', 1)],
        })
      ).statusCode,
    ).toBe(403);
    const audits = await env.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_type', '=', 'evaluation')
      .where('entity_id', '=', evalId)
      .execute();
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['commission', 'score']));
  });

  it('submits only when complete, then locks (409 evaluation_locked); NDRC accepts', async () => {
    const early = await E.client.post(`/api/evaluations/${evalId}/submit`, {});
    expect(early.statusCode).toBe(422);
    expect(early.json().code).toBe('evaluation_incomplete');
    expect(early.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining([`scores.${w2.themeDayId}.satisfaction`, 'conclusions']),
    );
    expect(
      (
        await E2.client.put(`/api/evaluations/${evalId}/scores`, {
          scores: [score(w2.themeDayId, 'satisfaction', 40, '未开展满意度调查')],
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await E.client.put(`/api/evaluations/${evalId}/conclusions`, {
          conclusions: '主题日活动总体成效明显。\n建议进一步加强合作项目跟踪服务。',
        })
      ).statusCode,
    ).toBe(200);
    expect((await w1.owner.client.post(`/api/evaluations/${evalId}/accept`, {})).json().code).toBe(
      'evaluation_not_submitted',
    );
    const sub = await E.client.post(`/api/evaluations/${evalId}/submit`, {});
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json().status).toBe('submitted');
    expect(sub.json().abilities).toEqual({ score: false, submit: false, accept: false });
    const again = await E.client.put(`/api/evaluations/${evalId}/scores`, {
      scores: [score(w1.themeDayId, 'projects', 10)],
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('evaluation_locked');
    const c = await E.client.put(`/api/evaluations/${evalId}/conclusions`, { conclusions: 'x' });
    expect(c.json().code).toBe('evaluation_locked');
    expect((await E.client.post(`/api/evaluations/${evalId}/submit`, {})).json().code).toBe('evaluation_locked');
    const view = (await w1.owner.client.get(`/api/evaluations/${evalId}`)).json();
    expect(view.abilities.accept).toBe(true);
    expect(view.totals[1]).toEqual({ themeDayId: w2.themeDayId, total: 51 }); // 0.4·60 + 0.3·50 + 0.3·40
    const acc = await w1.owner.client.post(`/api/evaluations/${evalId}/accept`, {});
    expect(acc.json().status).toBe('accepted');
  });

  it('renders the report .docx with the values and chart images', async () => {
    const r = await E.client.get(`/api/evaluations/${evalId}/report.docx`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('wordprocessingml');
    const files = unzip(r.rawPayload);
    const doc = files.get('word/document.xml')!.toString('utf8');
    for (const text of [
      '2020年大中小企业融通创新主题日活动第三方评估报告',
      '一、评估概况',
      '二、指标体系',
      '三、各主题日评估结果',
      '四、结论与建议',
      '100.0%（1/1）',
      '0.0%（0/1）',
      '50.0%（1/2）',
      '83.3%（5/6）',
      '60.0%',
      '项目数量较多',
      '建议进一步加强合作项目跟踪服务。',
      E.org.name,
      '2021年9月20日',
    ])
      expect(doc.includes(text), text).toBe(true);
    const pngs = [...files.keys()].filter((k) => k.startsWith('word/media/') && k.endsWith('.png'));
    expect(pngs.length).toBeGreaterThanOrEqual(2);
    expect(files.get(pngs[0]!)!.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('lays the report out as an official document (GB/T 9704-2012), read from the XML', async () => {
    // No .docx renderer (LibreOffice, pandoc) on the build machines: the layout is checked in the XML.
    const r = await E.client.get(`/api/evaluations/${evalId}/report.docx`);
    const files = unzip(r.rawPayload);
    const doc = files.get('word/document.xml')!.toString('utf8');
    const attrs = (tag: string) => {
      const m = new RegExp(`<${tag} ([^>]*)/>`).exec(doc);
      expect(m, tag).not.toBeNull();
      return Object.fromEntries([...m![1]!.matchAll(/w:(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    };
    // A4 portrait; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (1 mm = 56.7 twips).
    expect(attrs('w:pgSz')).toMatchObject({ w: '11906', h: '16838' });
    expect(attrs('w:pgMar')).toMatchObject({ top: '2098', bottom: '1985', left: '1588', right: '1474' });
    // Body paragraphs: 仿宋 三号 (sz 32) on exact 29 pt lines (580 twentieths), two characters of first-line indent.
    const paras = [...doc.matchAll(/<w:p>(.*?)<\/w:p>/g)].map((m) => m[1]!);
    const body = paras.find((p) => p.includes('受国家发展改革委委托'))!;
    expect(body).toContain('w:eastAsia="仿宋_GB2312"');
    expect(body).toMatch(/<w:sz w:val="32"\/>/);
    expect(body).toMatch(/<w:spacing w:line="580" w:lineRule="exact"\/>/);
    expect(body).toMatch(/<w:ind w:firstLine="640"\/>/);
    // The title: 方正小标宋简体 二号 (sz 44), centred.
    const title = paras.find((p) => p.includes('第三方评估报告'))!;
    expect(title).toContain('w:eastAsia="方正小标宋简体"');
    expect(title).toMatch(/<w:sz w:val="44"\/>/);
    expect(title).toMatch(/<w:jc w:val="center"\/>/);
    // Headings: 一、 in 黑体, （一） in 楷体.
    expect(paras.find((p) => p.includes('一、评估概况'))).toContain('w:eastAsia="黑体"');
    expect(paras.find((p) => p.includes('（一）总体比较'))).toContain('w:eastAsia="楷体_GB2312"');
    // 落款: the evaluator, then the date in Chinese, the last two paragraphs, right-aligned, in 仿宋 三号.
    const [issuer, date] = paras.slice(-2);
    expect(issuer).toContain(`>${E.org.name}<`);
    expect(date).toContain('>2021年9月20日<');
    for (const p of [issuer!, date!]) {
      expect(p).toMatch(/<w:jc w:val="right"\/>/);
      expect(p).toContain('w:eastAsia="仿宋_GB2312"');
      expect(p).toMatch(/<w:sz w:val="32"\/>/);
    }
    expect(date).toMatch(/<w:ind w:right="1280"\/>/); // four characters in from the right margin
    // Page numbers "— 1 —": a PAGE field between the dashes, 宋体 四号 (sz 28); odd pages right, even pages left.
    const rels = files.get('word/_rels/document.xml.rels')!.toString('utf8');
    const footer = (type: string) => {
      const ref = new RegExp(`<w:footerReference w:type="${type}" r:id="(\\w+)"`).exec(doc);
      expect(ref, type).not.toBeNull();
      const target = new RegExp(`Id="${ref![1]}"[^>]*Target="([^"]+)"`).exec(rels)![1]!;
      return files.get(`word/${target}`)!.toString('utf8');
    };
    for (const [type, align] of [
      ['default', 'right'],
      ['even', 'left'],
    ] as const) {
      const f = footer(type);
      expect(f, type).toMatch(/— <\/w:t>.*PAGE.*<w:t[^>]*> —/s);
      expect(f, type).toMatch(new RegExp(`<w:jc w:val="${align}"/>`));
      expect(f, type).toContain('w:eastAsia="宋体"');
      expect(f, type).toMatch(/<w:sz w:val="28"\/>/);
    }
    expect(files.get('word/settings.xml')!.toString('utf8')).toContain('evenAndOddHeaders');
  });

  it('puts the head counts and the years in the report .docx', async () => {
    const r = await E.client.get(`/api/evaluations/${evalId}/report.docx`);
    const doc = unzip(r.rawPayload).get('word/document.xml')!.toString('utf8');
    for (const text of [
      '（二）年度比较',
      '各场活动参加人数与限额',
      '签到超出线下限额的场次',
      '1 / 100（1.0%）',
      '2020年',
    ])
      expect(doc.includes(text), text).toBe(true);
  });

  it('exports every number as .xlsx, equal to the indicators endpoint', async () => {
    const v: IndicatorsView = (await E.client.get(`/api/evaluations/${evalId}/indicators`)).json();
    const r = await E.client.get(`/api/evaluations/${evalId}/report.xlsx`);
    expect(r.statusCode).toBe(200);
    const rows = await readXlsx(r.rawPayload, INDICATOR_EXPORT_HEADER);
    const s = (x: number | null) => (x === null ? '' : String(x));
    expect(rows.map((x) => x.cells)).toEqual(
      indicatorRows(v).map((x) => ({
        主题日: x.themeDay,
        指标: x.name,
        数值: s(x.value),
        分子: s(x.numerator),
        分母: s(x.denominator),
      })),
    );
    const get = (td: string, name: string) =>
      rows.find((x) => x.cells['主题日'] === td && x.cells['指标'] === name)!.cells;
    const t1 = v.themeDays[0]!.label;
    expect(get(t1, '合作项目数')['数值']).toBe('2');
    expect(get('合计', '合作机制稳定程度（3个月）')).toMatchObject({ 数值: '1', 分子: '2', 分母: '2' });
    expect(get(t1, '满意率（CSAT）')['数值']).toBe('0.6');
    const t2 = v.themeDays[1]!.label;
    expect(get(t2, '现场签到占限额比例')).toMatchObject({ 数值: '0.01', 分子: '1', 分母: '100' });
    expect(get(t2, '场次：开幕式（现场签到/限额）')).toMatchObject({ 数值: '0.01', 分子: '1', 分母: '100' });
    expect(get('合计', '签到超出线下限额的场次')).toMatchObject({ 数值: '0', 分子: '0', 分母: '1' });
    // The sheet 年度对比: the same figures per year.
    const years = await sheetRows(r.rawPayload, '年度对比');
    expect(years).toEqual(yearRows(v).map((x) => [x.themeDay, x.name, s(x.value), s(x.numerator), s(x.denominator)]));
    expect(years.find((x) => x[1] === '现场签到人次')).toEqual(['2020年', '现场签到人次', '1', '', '']);
  });
});

/** The rows of one sheet after its header, as text. */
async function sheetRows(buf: Buffer, name: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(name);
  expect(ws, name).toBeDefined();
  const out: string[][] = [];
  ws!.eachRow((row, n) => {
    if (n === 1) return;
    out.push([1, 2, 3, 4, 5].map((c) => String(row.getCell(c).text ?? '')));
  });
  return out;
}

describe('across years', () => {
  let td3 = '';
  let crossId = '';
  let v: IndicatorsView;
  let first: IndicatorsView;

  beforeAll(async () => {
    const db = env.database.db;
    const w3 = await hostWorld(env, { year: 2021, regionCode: '110108' });
    td3 = newId();
    const now = nowIso(env.clock.now());
    await db
      .insertInto('theme_days')
      .values({
        id: td3,
        programme_id: w3.programme.id,
        plan_id: w3.plan.id,
        base_id: w3.host.base.id,
        title: `${w3.host.base.short_name}融通创新主题日`,
        theme: '智能制造',
        start_date: '2021-09-10',
        end_date: '2021-09-11',
        partner_base_ids: '[]',
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('activity_plans')
      .values({
        id: newId(),
        theme_day_id: td3,
        status: 'approved',
        title: '活动方案',
        content: JSON.stringify({ headcountLimit: 100 }),
        submitted_at: null,
        decided_at: null,
        return_reason: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await session(
      td3,
      { title: '开幕式', mode: 'offline', venue: 40, capacity: 2, online: null, start: '2021-09-10T01:00:00.000Z' },
      [
        [A, 'registered', true],
        [B, 'registered', true],
        [D, 'registered', true],
        [C, 'waitlisted', false],
      ],
    );
    await session(
      td3,
      { title: '对接会', mode: 'hybrid', venue: 30, capacity: 10, online: 1, start: '2021-09-10T05:00:00.000Z' },
      [
        [A, 'registered', true, 'offline'],
        [B, 'registered', false, 'online'],
        [C, 'registered', false, 'online'],
      ],
    );
    await session(
      td3,
      {
        title: '线上论坛',
        mode: 'online',
        venue: null,
        capacity: null,
        online: null,
        start: '2021-09-11T01:00:00.000Z',
      },
      [
        [D, 'registered', false, 'online'],
        [A, 'cancelled', false, 'online'],
      ],
    );
    const r = await commission({ themeDayIds: [w1.themeDayId, w2.themeDayId, td3] });
    expect(r.statusCode, r.body).toBe(201);
    crossId = r.json().id;
    v = (await E.client.get(`/api/evaluations/${crossId}/indicators`)).json();
    first = (await E.client.get(`/api/evaluations/${evalId}/indicators`)).json();
  });

  it('gives the 2021 theme day its sessions against their limits', () => {
    const t3 = v.themeDays[2]!;
    expect(t3.year).toBe(2021);
    const row = (title: string) => t3.headcounts.list.find((x) => x.title === title)!;
    expect(row('开幕式')).toMatchObject({
      planLimit: 100,
      onSiteLimit: 2,
      registered: 3,
      checkedIn: 3,
      waitlisted: 1,
      fillRate: 1.5,
      overLimit: true,
      onlineOverLimit: false,
    });
    expect(row('对接会')).toMatchObject({
      onSiteLimit: 10,
      registered: 1,
      checkedIn: 1,
      onlineRegistered: 2,
      onlineLimit: 1,
      fillRate: 0.1,
      overLimit: false,
      onlineOverLimit: true,
    });
    expect(row('线上论坛')).toMatchObject({
      planLimit: null,
      onSiteLimit: null,
      registered: 0,
      onlineRegistered: 1,
      onlineLimit: null,
      fillRate: null,
      overLimit: false,
      onlineOverLimit: false,
    });
    expect(t3.headcounts.list.map((x) => x.title)).toEqual(['开幕式', '对接会', '线上论坛']);
    const { list: _list, ...h } = t3.headcounts;
    expect(h).toEqual({
      sessions: 3,
      onSiteSessions: 2,
      onSiteLimit: 12,
      registered: 4,
      checkedIn: 4,
      waitlisted: 1,
      onlineRegistered: 3,
      fillRate: 4 / 12,
      peakFillRate: 1.5,
      overLimit: 1,
      onlineOverLimit: 1,
    });
    expect(t3.participation).toMatchObject({ registrations: 7, checkIns: 4 });
    expect(v.total.headcounts).toMatchObject({ sessions: 4, onSiteLimit: 112, checkedIn: 5, overLimit: 1, list: [] });
  });

  it('compares the years of the theme days in scope', () => {
    expect(v.years.map((y) => y.label)).toEqual(['2020年', '2021年']);
    const [y2020, y2021] = v.years;
    // 2020 is what the first evaluation (the two 2020 theme days) totals.
    const strip = (x: IndicatorsView['total']) => ({
      ...x,
      label: '',
      year: null,
      projects: { ...x.projects, key: '', label: '' },
    });
    expect(strip(y2020!)).toEqual(strip(first.total));
    expect(y2021).toMatchObject({ themeDayId: null, year: 2021, satisfaction: null });
    expect(y2021!.projects.projects).toBe(0);
    const { list: _a, ...h3 } = v.themeDays[2]!.headcounts;
    const { list: _b, ...hy } = y2021!.headcounts;
    expect(hy).toEqual(h3);
    expect(y2021!.participation).toEqual(v.themeDays[2]!.participation);
    // The first evaluation does not reach the 2021 theme day: no 2021 in its years.
    expect(first.years.map((y) => y.label)).toEqual(['2020年']);
  });

  it('puts the years in the .docx with a chart, and in the .xlsx sheet 年度对比', async () => {
    const d = await E.client.get(`/api/evaluations/${crossId}/report.docx`);
    const files = unzip(d.rawPayload);
    const doc = files.get('word/document.xml')!.toString('utf8');
    expect(doc).toContain('2020—2021年大中小企业融通创新主题日活动第三方评估报告');
    expect(doc).toContain('图3  各年度合作项目数与现场签到人次');
    expect(doc).toContain('线下超限');
    expect(doc).toContain('线上超限');
    expect([...files.keys()].filter((k) => k.startsWith('word/media/')).length).toBeGreaterThanOrEqual(3);
    const x = await E.client.get(`/api/evaluations/${crossId}/report.xlsx`);
    const rows = await sheetRows(x.rawPayload, '年度对比');
    const get = (y: string, name: string) => rows.find((r) => r[0] === y && r[1] === name);
    expect(get('2021年', '签到超出线下限额的场次')).toEqual(['2021年', '签到超出线下限额的场次', '1', '1', '2']);
    expect(get('2021年', '现场签到人次')).toEqual(['2021年', '现场签到人次', '4', '', '']);
    expect(get('2020年', '合作项目数')).toEqual(['2020年', '合作项目数', '3', '', '']);
  });

  it('keeps another evaluator out of the cross-year figures (404)', async () => {
    for (const path of ['/indicators', '/report.xlsx'])
      expect((await other.client.get(`/api/evaluations/${crossId}${path}`)).statusCode).toBe(404);
  });
});
