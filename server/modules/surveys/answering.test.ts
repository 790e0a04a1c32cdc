/**
 * Satisfaction surveys (issue 11 §1): opening after the theme day, invitations to everyone who took part (once per
 * person) by a personal link, answering without signing in (validation, one answer per invitation under parallel
 * submits, expired and unknown links), anonymity in the database, host questions after the immutable core,
 * core versions, and who may see a survey (404 for everyone else).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORE_INSTRUMENT_V1 } from '../../../common/survey-instrument.ts';
import { createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { meetingWorld, type Person } from '../meetings/testkit.ts';
import { at, commissionEvaluation, party, type Party } from '../projects/testkit.ts';
import {
  answer,
  eventSession,
  fullAnswers,
  registrant,
  registration,
  tokensByUser,
  type Participant,
} from './testkit.ts';

let env: TestEnv;
let w: Awaited<ReturnType<typeof meetingWorld>>;
let outsider: Party, evaluator: Party, drcBeijing: Party, drcShandong: Party, sasac: Party, miit: Party;
const people: Participant[] = [];
let surveyId: string;
let tokens: Map<string, string>;
const hostQuestion = {
  key: 'host_venue',
  type: 'single',
  text: '您对本基地会场及参观安排是否满意？',
  required: true,
  options: [
    { key: 'yes', label: '满意' },
    { key: 'no', label: '不满意' },
  ],
};

const signedIn = () =>
  [w.host, w.owner, w.support, outsider, evaluator, drcBeijing, drcShandong, sasac, miit] as Party[];
const tokenOf = (i: number) => tokens.get(people[i]!.userId)!;

beforeAll(async () => {
  env = await createTestEnv({ now: '2020-09-01T02:00:00Z' });
  w = await meetingWorld(env);
  outsider = await party(env);
  evaluator = await party(env, { role: 'evaluator' });
  await commissionEvaluation(w.owner, evaluator, [w.themeDayId]);
  drcBeijing = await party(env, { role: 'local_drc', regionCode: '110000' });
  drcShandong = await party(env, { role: 'local_drc', regionCode: '370000' });
  sasac = await party(env, { role: 'department_reviewer', departmentCode: 'SASAC' });
  miit = await party(env, { role: 'department_reviewer', departmentCode: 'MIIT' });

  // 8 registrants (one checked in, one only on the waitlist, one cancelled), one of whom also responded to a
  // demand and visited a booth; one host staff member registered too (an organiser, not invited).
  const session = await eventSession(env, w.themeDayId, w.host.user.id);
  for (let i = 0; i < 6; i++) people.push(await registrant(env, session, { sizeClass: 'small', checkedIn: i === 0 }));
  await registrant(env, session, { status: 'waitlisted' });
  await registrant(env, session, { status: 'cancelled' });
  await registration(env, session, { userId: w.host.user.id, orgId: w.host.org.id });
  const db = env.database.db;
  const now = env.clock.now().toISOString();
  const demandId = 'd-' + Math.random().toString(36).slice(2);
  await db
    .insertInto('demands')
    .values({
      id: demandId,
      kind: 'demand',
      organisation_id: w.host.org.id,
      theme_day_id: w.themeDayId,
      title: '工业视觉质检需求',
      field_code: '39',
      description: '需求说明',
      indicators: null,
      budget_min_wan: null,
      budget_max_wan: null,
      cooperation_mode: 'joint_rd',
      deadline: '2020-12-31',
      ip_terms: null,
      status: 'published',
      published_at: now,
      created_by: w.host.user.id,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('demand_responses')
    .values({
      id: 'r-' + Math.random().toString(36).slice(2),
      demand_id: demandId,
      organisation_id: people[1]!.orgId,
      user_id: people[1]!.userId,
      proposal: '方案',
      attachments: '[]',
      status: 'submitted',
      created_at: now,
      updated_at: now,
    })
    .execute();
});

afterAll(async () => {
  await env?.close();
});

describe('opening a survey', () => {
  it('is refused before the theme day ends (409 theme_day_not_over)', async () => {
    const r = await w.host.client.post(`/api/theme-days/${w.themeDayId}/survey`, { anonymous: true });
    expect(problem(r)).toMatchObject({ status: 409, code: 'theme_day_not_over' });
    expect(problem(r).detail).toContain('主题日活动结束');
  });

  it('is 404 for people who cannot see the theme day’s surveys, 403 for those who see but may not open', async () => {
    await at(env, '2020-09-11T08:00:00Z', signedIn());
    for (const p of [outsider, w.support, drcShandong, miit])
      expect((await p.client.post(`/api/theme-days/${w.themeDayId}/survey`, { anonymous: true })).statusCode).toBe(404);
    expect(
      (await evaluator.client.post(`/api/theme-days/${w.themeDayId}/survey`, { anonymous: true })).statusCode,
    ).toBe(403);
  });

  it('refuses host questions that would take a core key', async () => {
    const r = await w.host.client.post(`/api/theme-days/${w.themeDayId}/survey`, {
      anonymous: true,
      hostQuestions: [{ ...hostQuestion, key: 'overall' }],
    });
    expect(r.statusCode).toBe(400);
    expect(problem(r).errors?.some((e) => e.field.startsWith('hostQuestions.0.key'))).toBe(true);
  });

  it('on the last day, the host opens it and everyone who took part gets one personal link', async () => {
    const r = await w.host.client.post(`/api/theme-days/${w.themeDayId}/survey`, {
      anonymous: true,
      days: 7,
      hostQuestions: [hostQuestion],
    });
    expect(r.statusCode).toBe(201);
    const s = r.json();
    surveyId = s.id;
    expect(s).toMatchObject({ status: 'open', anonymous: true, coreVersion: 1, invitations: 6, answers: 0 });
    expect(s.invitedBy).toMatchObject({ registration: 5, check_in: 1, demand_response: 1, booth_visit: 0 });
    expect(s.closesAt).toBe('2020-09-18T15:59:59.999Z'); // 7 days after 2020-09-11, end of day in Shanghai
    expect(s.hostQuestions.map((q: { key: string }) => q.key)).toEqual(['host_venue']);
    expect(s.abilities).toEqual({ editQuestions: true, inviteMore: true, close: true, seeResults: true });

    tokens = await tokensByUser(env);
    expect(tokens.size).toBe(6);
    expect(tokens.has(w.host.user.id)).toBe(false);
    // Only the hash is stored with the invitation; the token appears nowhere in the survey tables.
    const inv = await env.database.db.selectFrom('survey_invitations').selectAll().execute();
    expect(inv).toHaveLength(6);
    for (const [userId, token] of tokens) {
      const row = inv.find((i) => i.user_id === userId)!;
      expect(row.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
      expect(JSON.stringify(inv)).not.toContain(token);
    }
    const again = await w.owner.client.post(`/api/theme-days/${w.themeDayId}/survey`, { anonymous: false });
    expect(problem(again)).toMatchObject({ status: 409, code: 'survey_exists' });
  });

  it('invites people found later, once', async () => {
    const session = (await env.database.db.selectFrom('event_sessions').select('id').executeTakeFirstOrThrow()).id;
    const late = await registrant(env, session, { sizeClass: 'micro' });
    // A second session where someone already invited registers again.
    await registration(env, await eventSession(env, w.themeDayId, w.host.user.id), people[0]!);
    const r = await w.owner.client.post(`/api/surveys/${surveyId}/invite`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ invited: 1, survey: { invitations: 7 } });
    expect((await w.owner.client.post(`/api/surveys/${surveyId}/invite`)).json()).toMatchObject({ invited: 0 });
    people.push(late);
    tokens = await tokensByUser(env);
    expect(tokens.size).toBe(7);
  });
});

describe('answering by link, without signing in', () => {
  it('shows the core questions of the survey’s version, then the host’s', async () => {
    const r = await env.app.inject({ method: 'GET', url: `/api/public/surveys/by-token/${tokenOf(0)}` });
    expect(r.statusCode).toBe(200);
    const v = r.json();
    expect(v.coreCount).toBe(CORE_INSTRUMENT_V1.questions.length);
    expect(v.questions.map((q: { key: string }) => q.key)).toEqual([
      ...CORE_INSTRUMENT_V1.questions.map((q) => q.key),
      'host_venue',
    ]);
    expect(v).toMatchObject({ anonymous: true, themeDayTitle: expect.stringContaining('融通创新主题日') });
    expect(r.headers['cache-control']).toContain('no-store');
  });

  it('rejects invalid answers with every field error, in Chinese', async () => {
    const r = await answer(env, tokenOf(0), {
      participation_mode: 'by_boat',
      organisation: 6,
      matchmaking_value: 2.5,
      gains: ['partner_found', 'partner_found'],
      recommend: 11,
      suggestions: '很'.repeat(501),
      nonsense: 1,
    });
    const p = problem(r);
    expect(p).toMatchObject({ status: 400, code: 'validation_failed' });
    const byField = Object.fromEntries(p.errors!.map((e) => [e.field, e.code]));
    expect(byField).toEqual({
      'answers.nonsense': 'unknown_question',
      'answers.participation_mode': 'invalid_choice',
      'answers.organisation': 'out_of_range',
      'answers.matchmaking_value': 'out_of_range',
      'answers.gains': 'invalid_choice',
      'answers.overall': 'required',
      'answers.recommend': 'out_of_range',
      'answers.suggestions': 'too_long',
      'answers.host_venue': 'required',
    });
    expect(p.errors!.find((e) => e.field === 'answers.overall')!.message).toBe('此题为必答题');
    expect(p.errors!.find((e) => e.field === 'answers.recommend')!.message).toBe('请选择0—10分之间的整数分值');
    // A refused answer does not use the invitation up.
    expect(
      (await env.app.inject({ method: 'GET', url: `/api/public/surveys/by-token/${tokenOf(0)}` })).statusCode,
    ).toBe(200);
  });

  it('takes exactly one of five parallel submits of one link; the others get 409 survey_already_answered', async () => {
    const token = tokenOf(0);
    const rs = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        answer(env, token, fullAnswers({ host_venue: 'yes', overall: 4 + (i % 2) }), `10.0.1.${i + 1}`),
      ),
    );
    const codes = rs.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 409, 409, 409, 409]);
    for (const r of rs.filter((x) => x.statusCode === 409))
      expect(problem(r)).toMatchObject({ code: 'survey_already_answered', detail: '您已提交过本问卷，感谢您的参与' });
    expect(rs.find((r) => r.statusCode === 201)!.json().message).toContain('提交成功');
    const answers = await env.database.db.selectFrom('survey_answers').selectAll().execute();
    expect(answers).toHaveLength(1);
    const opened = await env.app.inject({ method: 'GET', url: `/api/public/surveys/by-token/${token}` });
    expect(problem(opened)).toMatchObject({ status: 409, code: 'survey_already_answered' });
  });

  it('stores an anonymous answer with nothing that joins it to its invitation or person', async () => {
    env.clock.advance(3 * 3600_000 + 17_000);
    const r = await answer(env, tokenOf(1), fullAnswers({ host_venue: 'no', suggestions: '建议增加线上对接场次' }));
    expect(r.statusCode).toBe(201);
    const db = env.database.db;
    const answers = await db.selectFrom('survey_answers').selectAll().execute();
    const invitations = await db.selectFrom('survey_invitations').selectAll().execute();
    // No column names an invitation, a user, a token or an instant; the organisation is withheld.
    for (const a of answers) {
      expect(Object.keys(a).sort()).toEqual(
        [
          'answered_on',
          'answers',
          'core_version',
          'id',
          'org_kind',
          'organisation_id',
          'size_class',
          'survey_id',
        ].sort(),
      );
      expect(a.organisation_id).toBeNull();
      expect(a.answered_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(a.size_class).toBe('small');
      expect(a.org_kind).toBe('enterprise');
      for (const i of invitations) {
        for (const v of Object.values(a)) {
          expect(
            v === i.id || v === i.user_id || v === i.token_hash || (!!i.organisation_id && v === i.organisation_id),
          ).toBe(false);
        }
      }
    }
    // The used invitations carry a flag, no time; their only instant is when they were sent (at opening).
    const used = invitations.filter((i) => i.used === 1);
    expect(used).toHaveLength(2);
    expect(
      Object.keys(used[0]!)
        .filter((k) => k.endsWith('_at'))
        .sort(),
    ).toEqual(['created_at', 'expires_at']);
    for (const u of used) expect(u.created_at < '2020-09-11T09:00:00Z').toBe(true);
    // No audit row was written for the anonymous answers (its instant, IP or ids would be the join).
    const audits = await db.selectFrom('audit_events').selectAll().execute();
    const text = JSON.stringify(audits);
    for (const a of answers) expect(text).not.toContain(a.id);
    expect(audits.filter((x) => x.entity_type === 'survey_answer')).toHaveLength(0);
    expect(audits.some((x) => x.entity_type === 'survey_invitation')).toBe(false);
    await at(env, env.clock.now().toISOString(), signedIn());
  });

  it('answers 404 for an unknown link and 410 for an expired one, in Chinese', async () => {
    const unknown = await env.app.inject({ method: 'GET', url: '/api/public/surveys/by-token/no-such-token' });
    expect(problem(unknown)).toMatchObject({ status: 404, code: 'survey_link_invalid' });
    expect(problem(unknown).detail).toContain('问卷链接无效');
    expect(problem(await answer(env, 'no-such-token', fullAnswers()))).toMatchObject({ code: 'survey_link_invalid' });

    const saved = env.clock.now();
    env.clock.set('2020-09-18T16:00:00Z'); // 2020-09-19 00:00 in Shanghai: the last day is over
    const expired = await env.app.inject({ method: 'GET', url: `/api/public/surveys/by-token/${tokenOf(2)}` });
    expect(problem(expired)).toMatchObject({
      status: 410,
      code: 'survey_link_expired',
      detail: '问卷链接已过期，感谢您的关注',
    });
    expect(problem(await answer(env, tokenOf(2), fullAnswers({ host_venue: 'yes' })))).toMatchObject({
      status: 410,
      code: 'survey_link_expired',
    });
    env.clock.set(saved);
  });

  it('needs no CSRF token even when the browser also holds a session', async () => {
    const r = await env.app.inject({
      method: 'POST',
      url: `/api/public/surveys/by-token/${tokenOf(2)}`,
      payload: { answers: fullAnswers({ host_venue: 'yes' }) },
      headers: { cookie: outsider.client.cookie! },
      remoteAddress: '10.0.2.1',
    });
    expect(r.statusCode).toBe(201);
  });

  it('is rate limited per address', async () => {
    let last = 0;
    for (let i = 0; i < 61; i++)
      last = (
        await env.app.inject({ method: 'GET', url: `/api/public/surveys/by-token/x${i}`, remoteAddress: '10.9.9.9' })
      ).statusCode;
    expect(last).toBe(429);
  });
});

describe('host questions and the core', () => {
  it('the host’s own questions follow the core; once answers arrive they are fixed (409)', async () => {
    const r = await w.host.client.put(`/api/surveys/${surveyId}/host-questions`, { questions: [hostQuestion] });
    expect(problem(r)).toMatchObject({ status: 409, code: 'survey_has_answers' });
  });

  it('NDRC publishes a new core version; the open survey and its answers keep version 1', async () => {
    const v2 = CORE_INSTRUMENT_V1.questions.map((q) =>
      q.key === 'overall' ? { ...q, text: '总体而言，您对本年度主题日活动的满意程度如何？' } : q,
    );
    v2.splice(2, 0, { key: 'online_platform', type: 'rating', text: '您对线上对接平台是否满意？', required: false });
    expect((await w.host.client.post('/api/surveys/instrument', { questions: v2, note: '2021年版' })).statusCode).toBe(
      403,
    );
    const bad = await w.owner.client.post('/api/surveys/instrument', {
      questions: v2.filter((q) => q.key !== 'recommend'),
      note: '缺少推荐题',
    });
    expect(bad.statusCode).toBe(400);
    const ok = await w.owner.client.post('/api/surveys/instrument', {
      questions: v2,
      note: '2021年版：增加线上平台评价',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ version: 2, current: true });
    const list = (await outsider.client.get('/api/surveys/instrument')).json();
    expect(list.items.map((i: { version: number; current: boolean }) => [i.version, i.current])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(list.abilities.publish).toBe(false);

    const open = await env.app.inject({ method: 'GET', url: `/api/public/surveys/by-token/${tokenOf(3)}` });
    const keys = open.json().questions.map((q: { key: string }) => q.key);
    expect(keys).not.toContain('online_platform');
    expect(open.json().questions.find((q: { key: string }) => q.key === 'overall').text).toBe(
      CORE_INSTRUMENT_V1.questions.find((q) => q.key === 'overall')!.text,
    );
    const s = (await w.owner.client.get(`/api/surveys/${surveyId}`)).json();
    expect(s.coreVersion).toBe(1);
    const answers = await env.database.db.selectFrom('survey_answers').select('core_version').execute();
    expect(answers.map((a) => a.core_version)).toEqual([1, 1, 1]);
  });

  it('a survey opened afterwards takes the new version; its host edits questions until the first answer', async () => {
    const w2 = await meetingWorld(env);
    await at(env, env.clock.now().toISOString(), [w2.host, w2.owner] as Person[]);
    const session = await eventSession(env, w2.themeDayId, w2.host.user.id);
    const p = await registrant(env, session, { sizeClass: 'medium' });
    const r = await w2.host.client.post(`/api/theme-days/${w2.themeDayId}/survey`, { anonymous: false });
    expect(r.json()).toMatchObject({ coreVersion: 2, invitations: 1, anonymous: false });
    const id = r.json().id as string;
    expect(r.json().coreQuestions.map((q: { key: string }) => q.key)).toContain('online_platform');

    const notHost = await w2.owner.client.put(`/api/surveys/${id}/host-questions`, { questions: [hostQuestion] });
    expect(notHost.statusCode).toBe(403);
    const coreKey = await w2.host.client.put(`/api/surveys/${id}/host-questions`, {
      questions: [{ ...hostQuestion, key: 'recommend' }],
    });
    expect(coreKey.statusCode).toBe(400);
    expect(problem(coreKey).errors![0]!.message).toContain('不能修改或替换核心题目');
    const put = await w2.host.client.put(`/api/surveys/${id}/host-questions`, { questions: [hostQuestion] });
    expect(put.statusCode).toBe(200);
    expect(put.json().coreQuestions.find((q: { key: string }) => q.key === 'overall').text).toBe(
      '总体而言，您对本年度主题日活动的满意程度如何？',
    );

    // Non-anonymous: the answer keeps the organisation and is audited.
    const token = (await tokensByUser(env)).get(p.userId)!;
    expect((await answer(env, token, fullAnswers({ host_venue: 'yes' }))).statusCode).toBe(201);
    const row = await env.database.db
      .selectFrom('survey_answers')
      .selectAll()
      .where('survey_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ organisation_id: p.orgId, size_class: 'medium', core_version: 2 });
    const audit = await env.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_type', '=', 'survey_answer')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_user_id).toBe(p.userId);

    const closed = await w2.host.client.post(`/api/surveys/${id}/close`);
    expect(closed.json()).toMatchObject({ status: 'closed', abilities: { close: false, inviteMore: false } });
  });
});

describe('who sees a survey', () => {
  it('NDRC, the host, its commissioned evaluator, the supervising department and the local DRC; 404 for everyone else', async () => {
    for (const p of [w.owner, w.host, evaluator, sasac, drcBeijing] as Party[]) {
      expect((await p.client.get(`/api/surveys/${surveyId}`)).statusCode).toBe(200);
      expect((await p.client.get(`/api/surveys/${surveyId}/results`)).statusCode).toBe(200);
    }
    const evaluatorElsewhere = await party(env, { role: 'evaluator' });
    for (const p of [outsider, w.support, miit, drcShandong, evaluatorElsewhere] as Party[]) {
      expect((await p.client.get(`/api/surveys/${surveyId}`)).statusCode).toBe(404);
      expect((await p.client.get(`/api/surveys/${surveyId}/results`)).statusCode).toBe(404);
      expect((await p.client.post(`/api/surveys/${surveyId}/close`)).statusCode).toBe(404);
      expect((await p.client.get('/api/surveys')).json().items).toEqual([]);
    }
    const ev = (await evaluator.client.get(`/api/surveys/${surveyId}`)).json();
    expect(ev.abilities).toEqual({ editQuestions: false, inviteMore: false, close: false, seeResults: true });
    expect((await evaluator.client.post(`/api/surveys/${surveyId}/close`)).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'GET', url: `/api/surveys/${surveyId}` })).statusCode).toBe(401);
  });

  it('closing ends the links (410 survey_closed)', async () => {
    expect((await w.owner.client.post(`/api/surveys/${surveyId}/close`)).statusCode).toBe(200);
    const r = await env.app.inject({ method: 'GET', url: `/api/public/surveys/by-token/${tokenOf(4)}` });
    expect(problem(r)).toMatchObject({ status: 410, code: 'survey_closed' });
  });
});
