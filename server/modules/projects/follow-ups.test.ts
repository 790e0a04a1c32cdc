/**
 * Follow-ups of cooperation projects (issue 10): due dates in calendar months (Asia/Shanghai, clamped at month
 * ends, across the year boundary), the answer window with audited corrections, and reminders sent once each.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../lib/context.ts';
import { auditActions, createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { meetingWorld } from '../meetings/testkit.ts';
import { followUpDueDate } from './rules.ts';
import { MAX_EVIDENCE, sendFollowUpReminders } from './service.ts';
import { at, notificationKinds, party, projectBody, type Party } from './testkit.ts';

interface FollowUp {
  organisation: { id: string };
  point: number;
  dueDate: string;
  state: string;
  status: string | null;
}

/** Proposes (a), confirms (b), signs on `signedOn`; returns the project id. */
async function signed(a: Party, b: Party, signedOn: string, over: Record<string, unknown> = {}): Promise<string> {
  const p = (await a.client.post('/api/projects', projectBody([a, b], over))).json();
  expect((await b.client.post(`/api/projects/${p.id}/confirm`, {})).statusCode).toBe(200);
  const s = await a.client.post(`/api/projects/${p.id}/stage`, {
    stage: 'signed',
    date: signedOn,
    contractedAmount: 800_000,
  });
  expect(s.statusCode).toBe(200);
  return p.id;
}

function form(file: { name: string; data: Buffer }) {
  const boundary = `----rt${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const dues = (followUps: FollowUp[], orgId: string) =>
  followUps.filter((f) => f.organisation.id === orgId).map((f) => [f.point, f.dueDate]);

describe('due dates', () => {
  it('adds calendar months, clamped at month ends', () => {
    expect(followUpDueDate('2026-08-31', 6)).toBe('2027-02-28');
    expect(followUpDueDate('2026-08-31', 3)).toBe('2026-11-30');
    expect(followUpDueDate('2026-10-31', 3)).toBe('2027-01-31');
    expect(followUpDueDate('2023-11-30', 3)).toBe('2024-02-29');
    expect(followUpDueDate('2026-12-15', 12)).toBe('2027-12-15');
  });
});

describe('follow-ups and the answer window', () => {
  let env: TestEnv;
  let a: Party;
  let b: Party;
  let outsider: Party;
  const uploads = mkdtempSync(join(tmpdir(), 'rt-projects-'));
  beforeAll(async () => {
    env = await createTestEnv({ now: '2026-12-01T02:00:00Z', env: { SQLITE_PATH: join(uploads, 'app.db') } });
    a = await party(env, { sizeClass: 'small' });
    b = await party(env, { sizeClass: 'large' });
    outsider = await party(env, {});
  });
  afterAll(async () => {
    await env?.close();
    rmSync(uploads, { recursive: true, force: true });
  });

  it('creates every party’s follow-ups at 3/6/12 months after signing, at month ends and across the year boundary', async () => {
    const p = await signed(a, b, '2026-08-31');
    const view = (await a.client.get(`/api/projects/${p}`)).json();
    expect(view).toMatchObject({ stage: 'signed', dates: { signedOn: '2026-08-31' }, contractedAmount: 800_000 });
    for (const org of [a, b]) {
      expect(dues(view.followUps, org.org.id)).toEqual([
        [3, '2026-11-30'],
        [6, '2027-02-28'],
        [12, '2027-08-31'],
      ]);
    }
    // Size class and kind are copied at signing.
    expect(view.parties.map((x: { sizeClass: string; kind: string }) => [x.sizeClass, x.kind])).toEqual([
      ['small', 'enterprise'],
      ['large', 'enterprise'],
    ]);
    await env.database.db
      .updateTable('organisations')
      .set({ size_class: 'medium' })
      .where('id', '=', a.org.id)
      .execute();
    expect((await a.client.get(`/api/projects/${p}`)).json().parties[0].sizeClass).toBe('small');
    await env.database.db
      .updateTable('organisations')
      .set({ size_class: 'small' })
      .where('id', '=', a.org.id)
      .execute();

    const q = (await a.client.get(`/api/projects/${await signed(a, b, '2026-10-31')}`)).json();
    expect(dues(q.followUps, b.org.id)).toEqual([
      [3, '2027-01-31'],
      [6, '2027-04-30'],
      [12, '2027-10-31'],
    ]);
    const r = (await a.client.get(`/api/projects/${await signed(a, b, '2026-11-30')}`)).json();
    expect(dues(r.followUps, a.org.id)).toEqual([
      [3, '2027-02-28'],
      [6, '2027-05-30'],
      [12, '2027-11-30'],
    ]);
  });

  it('keeps the dates of each stage in order (signing may predate the handshake)', async () => {
    const p = await signed(a, b, '2026-08-31', { title: '阶段日期' });
    expect(
      problem(await a.client.post(`/api/projects/${p}/stage`, { stage: 'in_progress', date: '2026-08-30' })),
    ).toMatchObject({ status: 422, code: 'date_before_previous_stage' });
    expect(
      (await a.client.post(`/api/projects/${p}/stage`, { stage: 'in_progress', date: '2026-09-15' })).json(),
    ).toMatchObject({
      stage: 'in_progress',
      dates: { intentOn: '2026-12-01', signedOn: '2026-08-31', startedOn: '2026-09-15' },
    });
    expect(
      problem(await b.client.post(`/api/projects/${p}/stage`, { stage: 'completed', date: '2026-09-01' })),
    ).toMatchObject({ status: 422, code: 'date_before_previous_stage' });
    expect(
      (await b.client.post(`/api/projects/${p}/stage`, { stage: 'completed', date: '2026-11-30' })).json(),
    ).toMatchObject({
      stage: 'completed',
      dates: { completedOn: '2026-11-30' },
      abilities: { edit: false, changeStage: false },
    });
    expect(
      problem(
        await b.client.post(`/api/projects/${p}/stage`, {
          stage: 'terminated',
          date: '2026-12-01',
          reason: '已完成后不可终止',
        }),
      ),
    ).toMatchObject({ status: 403, code: 'forbidden' });
  });

  it('takes answers within the window, keeps corrections audited, and refuses outside it', async () => {
    const p = await signed(a, b, '2026-08-31', { title: '回访窗口' });
    // 3-month point: due 2026-11-30, open 2026-11-16 … 2026-12-30; today is 2026-12-01 (overdue, still open).
    let view = (await a.client.get(`/api/projects/${p}`)).json();
    expect(view.followUps.find((f: FollowUp) => f.point === 3 && f.organisation.id === a.org.id)).toMatchObject({
      state: 'overdue',
      opensOn: '2026-11-16',
      closesOn: '2026-12-30',
    });
    expect(view.followUps.find((f: FollowUp) => f.point === 6 && f.organisation.id === a.org.id)).toMatchObject({
      state: 'upcoming',
    });
    const answer = {
      status: 'on_track',
      receivedAmount: 200_000,
      jobsCreated: 5,
      milestones: '完成样机',
      problems: '缺少测试场地',
      helpNeeded: ['host', 'guidance_fund'],
    };
    expect(
      problem(await a.client.put(`/api/projects/${p}/follow-ups/3`, { ...answer, receivedAmount: 0.5 })),
    ).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(problem(await a.client.put(`/api/projects/${p}/follow-ups/3`, { ...answer, status: 'fine' }))).toMatchObject(
      { status: 400, code: 'validation_failed' },
    );
    expect(problem(await a.client.put(`/api/projects/${p}/follow-ups/6`, answer))).toMatchObject({
      status: 409,
      code: 'follow_up_not_open',
    });
    expect(problem(await a.client.put(`/api/projects/${p}/follow-ups/5`, answer))).toMatchObject({
      status: 404,
      code: 'follow_up_not_found',
    });
    expect(problem(await outsider.client.put(`/api/projects/${p}/follow-ups/3`, answer))).toMatchObject({
      status: 404,
    });

    view = (await a.client.put(`/api/projects/${p}/follow-ups/3`, answer)).json();
    expect(view.followUps.find((f: FollowUp) => f.point === 3 && f.organisation.id === a.org.id)).toMatchObject({
      state: 'answered',
      status: 'on_track',
      receivedAmount: 200_000,
      helpNeeded: ['host', 'guidance_fund'],
    });
    // The other party's answer is its own.
    expect(view.followUps.find((f: FollowUp) => f.point === 3 && f.organisation.id === b.org.id)).toMatchObject({
      state: 'overdue',
      status: null,
    });
    const corrected = (await a.client.put(`/api/projects/${p}/follow-ups/3`, { ...answer, status: 'delayed' })).json();
    expect(corrected.followUps.find((f: FollowUp) => f.point === 3 && f.organisation.id === a.org.id).status).toBe(
      'delayed',
    );
    expect(await auditActions(env, 'cooperation_project', p)).toEqual([
      'answer_follow_up',
      'confirm',
      'correct_follow_up',
      'counted',
      'propose',
      'stage_signed',
    ]);

    await at(env, '2026-12-31T02:00:00Z', [a, b]);
    expect(problem(await a.client.put(`/api/projects/${p}/follow-ups/3`, answer))).toMatchObject({
      status: 409,
      code: 'follow_up_window_closed',
    });
    view = (await b.client.get(`/api/projects/${p}`)).json();
    expect(view.followUps.find((f: FollowUp) => f.point === 3 && f.organisation.id === b.org.id)).toMatchObject({
      state: 'missed',
      status: null,
    });
  });
});

describe('evidence', () => {
  let env: TestEnv;
  let a: Party;
  let b: Party;
  let outsider: Party;
  const uploads = mkdtempSync(join(tmpdir(), 'rt-projects-'));
  beforeAll(async () => {
    env = await createTestEnv({ now: '2026-12-01T02:00:00Z', env: { SQLITE_PATH: join(uploads, 'app.db') } });
    a = await party(env, {});
    b = await party(env, {});
    outsider = await party(env, {});
  });
  afterAll(async () => {
    await env?.close();
    rmSync(uploads, { recursive: true, force: true });
  });

  it('takes PDFs and images sniffed from their content, for the project or a follow-up point', async () => {
    const p = await signed(a, b, '2026-08-31');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');
    const up = (who: Party, q: string, file: { name: string; data: Buffer }) =>
      who.client.request({ method: 'POST', url: `/api/projects/${p}/evidence${q}`, ...form(file) });
    const res = await up(a, '', { name: '合同首页.pdf', data: pdf });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().evidence).toEqual([
      expect.objectContaining({
        name: '合同首页.pdf',
        type: 'pdf',
        size: pdf.length,
        point: null,
        organisation: { id: a.org.id, name: a.org.name },
      }),
    ]);
    expect(problem(await up(a, '', { name: 'fake.pdf', data: Buffer.from('not a pdf at all') }))).toMatchObject({
      status: 415,
      code: 'evidence_type_not_allowed',
    });
    expect(problem(await up(a, '?point=5', { name: 'x.pdf', data: pdf }))).toMatchObject({
      status: 404,
      code: 'follow_up_not_found',
    });
    expect((await up(b, '?point=3', { name: '验收单.pdf', data: pdf })).json().evidence).toHaveLength(2);
    expect(problem(await up(outsider, '', { name: 'x.pdf', data: pdf }))).toMatchObject({ status: 404 });
    const id = res.json().evidence[0].id;
    const dl = await b.client.get(`/api/projects/${p}/evidence/${id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.rawPayload.equals(pdf)).toBe(true);
    expect((await outsider.client.get(`/api/projects/${p}/evidence/${id}`)).statusCode).toBe(404);
    expect(await auditActions(env, 'cooperation_project', p)).toContain('attach_evidence');
  });

  it(`never holds more than ${MAX_EVIDENCE} files, even when uploads race`, async () => {
    const p = await signed(a, b, '2026-08-31');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');
    const up = (k: number) =>
      a.client.request({
        method: 'POST',
        url: `/api/projects/${p}/evidence`,
        ...form({ name: `第${k}份.pdf`, data: pdf }),
      });
    for (let k = 0; k < MAX_EVIDENCE - 3; k++) expect((await up(k)).statusCode).toBe(201);
    const raced = await Promise.all(Array.from({ length: 8 }, (_, k) => up(100 + k)));
    expect(raced.filter((r) => r.statusCode === 201)).toHaveLength(3);
    for (const r of raced.filter((x) => x.statusCode !== 201))
      expect(problem(r)).toMatchObject({ status: 409, code: 'too_many_evidence_files' });
    const rows = await env.database.db
      .selectFrom('project_evidence')
      .select('id')
      .where('project_id', '=', p)
      .execute();
    expect(rows).toHaveLength(MAX_EVIDENCE);
  });
});

describe('reminders', () => {
  let env: TestEnv;
  let w: Awaited<ReturnType<typeof meetingWorld>>;
  let a: Party;
  let b: Party;
  let project: string;
  const send = () => sendFollowUpReminders(systemContext(env.database, { clock: env.clock }));
  const reminders = async (userId: string) =>
    (await notificationKinds(env, userId)).filter((k) => k === 'project_follow_up').length;
  beforeAll(async () => {
    env = await createTestEnv({ now: '2026-12-01T02:00:00Z' });
    w = await meetingWorld(env);
    a = await party(env, { sizeClass: 'small' });
    b = await party(env, { sizeClass: 'large' });
    project = await signed(a, b, '2026-12-01', { themeDayId: w.themeDayId });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('sends 14 days and 1 day before each due date and when overdue, each once', async () => {
    // 3-month point: due 2027-03-01.
    expect(await send()).toBe(0);
    await at(env, '2027-02-14T02:00:00Z', []);
    expect(await send()).toBe(0);
    await at(env, '2027-02-15T02:00:00Z', []);
    expect(await send()).toBe(2);
    expect(await send()).toBe(0);
    expect([await reminders(a.user.id), await reminders(b.user.id)]).toEqual([1, 1]);
    await at(env, '2027-02-28T02:00:00Z', [a, b]);
    expect(await send()).toBe(2);
    expect(await send()).toBe(0);
    expect((await a.client.put(`/api/projects/${project}/follow-ups/3`, { status: 'on_track' })).statusCode).toBe(200);
    const todoB = (await b.client.get('/api/todo')).json();
    expect(todoB.items).toContainEqual(
      expect.objectContaining({ kind: 'project_follow_up', link: `/workspace/projects/${project}/follow-ups/3` }),
    );
    expect(
      (await a.client.get('/api/todo')).json().items.filter((i: { kind: string }) => i.kind === 'project_follow_up'),
    ).toEqual([]);

    // Overdue: only the party that has not answered.
    await at(env, '2027-03-02T02:00:00Z', [b, w.host]);
    expect(await send()).toBe(1);
    expect(await send()).toBe(0);
    expect([await reminders(a.user.id), await reminders(b.user.id)]).toEqual([2, 3]);
    const hostTodo = (await w.host.client.get('/api/todo')).json();
    expect(hostTodo.items).toContainEqual(
      expect.objectContaining({
        kind: 'theme_day_follow_ups_overdue',
        link: `/workspace/projects/results?themeDay=${w.themeDayId}`,
      }),
    );
    await at(env, '2027-03-02T02:00:00Z', [w.owner]);
    expect((await w.owner.client.get('/api/todo')).json().items).toContainEqual(
      expect.objectContaining({
        kind: 'project_follow_ups_overdue',
        title: '1份合作项目回访逾期未填',
        link: '/workspace/projects/overview',
      }),
    );
    const stats = (await w.host.client.get(`/api/projects/stats?themeDayId=${w.themeDayId}`)).json();
    expect(stats.total.overdueFollowUps).toBe(1);

    // The job did not run for months: the 6-month point (due 2027-06-01) is overdue; only the overdue reminder goes out.
    await at(env, '2027-06-02T02:00:00Z', []);
    expect(await send()).toBe(2);
    expect(await send()).toBe(0);
    expect([await reminders(a.user.id), await reminders(b.user.id)]).toEqual([3, 4]);
    // The host chases only what can still be answered: b's 3-month answer (window closed) is no longer counted.
    await at(env, '2027-06-02T02:00:00Z', [w.host]);
    expect((await w.host.client.get('/api/todo')).json().items).toContainEqual(
      expect.objectContaining({ kind: 'theme_day_follow_ups_overdue', title: expect.stringContaining('有2份') }),
    );
    const kinds = await env.database.db
      .selectFrom('project_follow_up_reminders as r')
      .innerJoin('project_follow_ups as f', 'f.id', 'r.follow_up_id')
      .select(['f.point_months', 'r.kind'])
      .where('f.organisation_id', '=', a.org.id)
      .orderBy('f.point_months')
      .orderBy('r.kind')
      .execute();
    expect(kinds.map((k) => `${Number(k.point_months)}:${k.kind}`)).toEqual([
      '3:d1',
      '3:d14',
      '6:d1',
      '6:d14',
      '6:overdue',
    ]);
    // Concurrent runs (two app servers) still send each reminder once.
    await at(env, '2027-11-17T02:00:00Z', []);
    const runs = await Promise.all([send(), send(), send()]);
    expect(runs.reduce((s, n) => s + n, 0)).toBe(2);
  });

  it('keeps a theme day with cooperation projects from being removed under them', async () => {
    await env.database.db
      .updateTable('activity_plans')
      .set({ status: 'submitted' })
      .where('theme_day_id', '=', w.themeDayId)
      .execute();
    await at(env, env.clock.now().toISOString(), [w.owner]);
    const res = await w.owner.client.delete(`/api/theme-days/${w.themeDayId}`);
    expect(problem(res)).toMatchObject({ status: 409, code: 'theme_day_has_content' });
    expect(problem(res).detail).toContain('合作项目（1项）');
  });
});
