import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, problem, type Client, type TestEnv } from '../../test/harness.ts';
import { clientFor, createSessionVia, eventWorld, members, person, type Person } from '../events/testkit.ts';
import { createOrganisation, createUser } from '../../test/factories.ts';

let env: TestEnv;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'rt-roadshow-'));
  // Uploads go to uploads/ beside the configured SQLite file: a temporary folder here.
  env = await createTestEnv({ env: { SQLITE_PATH: join(dataDir, 'rongtong.db') } });
});
afterAll(async () => {
  await env?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const db = () => env.database.db;
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\n'),
  Buffer.alloc(2048, 0x20),
  Buffer.from('\n%%EOF\n'),
]);

/** A multipart/form-data body by hand (fields, then the file). */
function form(fields: Record<string, string>, file?: { name: string; data: Buffer; type?: string }) {
  const boundary = `----rt${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="businessPlan"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/pdf'}\r\n\r\n`,
      ),
    );
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const FIELDS = {
  name: '工业视觉质检平台',
  team: '张三（CEO，清华大学博士）等8人',
  organisationName: '青岛智检科技有限公司',
  field: '工业互联网',
  stage: 'startup',
  financingNeedWan: '2000',
  summary: '基于深度学习的表面缺陷检测。',
};

function apply(
  c: Client,
  roadshowId: string,
  fields: Record<string, string> = FIELDS,
  file: { name: string; data: Buffer; type?: string } | null = { name: '商业计划书.pdf', data: PDF },
) {
  const f = form(fields, file ?? undefined);
  return c.request({
    method: 'POST',
    url: `/api/roadshows/${roadshowId}/projects`,
    payload: f.payload,
    headers: f.headers,
  });
}

async function roadshowWorld() {
  const w = await eventWorld(env);
  const sessionId = await createSessionVia(w, { kind: 'roadshow' });
  const r = await w.host.client.post(`/api/event-sessions/${sessionId}/roadshow`, {
    criteria: [
      { key: 'innovation', name: '技术创新性', weight: 60 },
      { key: 'market', name: '市场前景', weight: 40 },
    ],
  });
  expect(r.statusCode).toBe(201);
  return { w, sessionId, roadshowId: r.json().id as string };
}

async function judgeUser(role: 'expert' | 'investor'): Promise<Person> {
  return person(env, role, undefined, { kind: role === 'investor' ? 'investor' : 'university' });
}

const audits = async (type: string, id: string) =>
  (
    await db()
      .selectFrom('audit_events')
      .select('action')
      .where('entity_type', '=', type)
      .where('entity_id', '=', id)
      .execute()
  )
    .map((a) => a.action)
    .sort();

describe('roadshow set-up', () => {
  it('sets up a roadshow on a roadshow session only, once, by the staff', async () => {
    const w = await eventWorld(env);
    const seminar = await createSessionVia(w, { kind: 'seminar' });
    expect(problem(await w.host.client.post(`/api/event-sessions/${seminar}/roadshow`, {}))).toMatchObject({
      status: 409,
      code: 'not_a_roadshow_session',
    });
    const rs = await createSessionVia(w, { kind: 'roadshow' });
    const [m] = await members(env, 1);
    expect(problem(await m!.client.post(`/api/event-sessions/${rs}/roadshow`, {}))).toMatchObject({ status: 403 });
    const r = await w.support.client.post(`/api/event-sessions/${rs}/roadshow`, {});
    expect(r.statusCode).toBe(201);
    expect(r.json().criteria).toHaveLength(5);
    expect(r.json().abilities).toMatchObject({ screen: true, inviteJudges: true, score: false });
    expect(problem(await w.host.client.post(`/api/event-sessions/${rs}/roadshow`, {}))).toMatchObject({
      status: 409,
      code: 'roadshow_exists',
    });
    expect(await audits('roadshow', r.json().id)).toEqual(['create']);
  });

  it('refuses duplicate criterion keys', async () => {
    const w = await eventWorld(env);
    const rs = await createSessionVia(w, { kind: 'roadshow' });
    const r = await w.host.client.post(`/api/event-sessions/${rs}/roadshow`, {
      criteria: [
        { key: 'a', name: '甲', weight: 1 },
        { key: 'a', name: '乙', weight: 1 },
      ],
    });
    expect(problem(r)).toMatchObject({ status: 400, code: 'validation_failed' });
  });
});

describe('project applications', () => {
  it('accepts a project with a PDF business plan, stored and downloadable by the applicant and the staff only', async () => {
    const { w, roadshowId } = await roadshowWorld();
    const [a, b] = await members(env, 2);
    const r = await apply(a!.client, roadshowId);
    expect(r.statusCode).toBe(201);
    const p = r.json();
    expect(p).toMatchObject({
      status: 'submitted',
      stage: 'startup',
      stageLabel: '初创期',
      financingNeedWan: 2000,
      businessPlan: { name: '商业计划书.pdf', size: PDF.length },
    });
    const dl = await a!.client.get(p.businessPlan.url);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.rawPayload.equals(PDF)).toBe(true);
    expect((await w.host.client.get(p.businessPlan.url)).statusCode).toBe(200);
    expect(problem(await b!.client.get(p.businessPlan.url))).toMatchObject({ status: 404 });
    expect(await audits('roadshow_project', p.id)).toEqual(['apply']);
  });

  it('sniffs the file content: a renamed non-PDF is refused, as is a missing file', async () => {
    const { roadshowId } = await roadshowWorld();
    const [a] = await members(env, 1);
    const fake = await apply(a!.client, roadshowId, FIELDS, {
      name: 'bp.pdf',
      data: Buffer.from('PK\u0003\u0004 this is a zip'),
      type: 'application/pdf',
    });
    expect(problem(fake)).toMatchObject({ status: 415, code: 'business_plan_not_pdf' });
    expect(problem(await apply(a!.client, roadshowId, FIELDS, null))).toMatchObject({
      status: 400,
      code: 'business_plan_required',
    });
    // A real PDF with another extension is fine.
    expect(
      (await apply(a!.client, roadshowId, FIELDS, { name: 'bp.bin', data: PDF, type: 'application/octet-stream' }))
        .statusCode,
    ).toBe(201);
  });

  it('refuses a business plan over 10 MB', async () => {
    const { roadshowId } = await roadshowWorld();
    const [a] = await members(env, 1);
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024 + 10, 0x20)]);
    expect(problem(await apply(a!.client, roadshowId, FIELDS, { name: 'big.pdf', data: big }))).toMatchObject({
      status: 413,
      code: 'business_plan_too_large',
    });
  });

  it('refuses incomplete project fields with field errors and non-multipart bodies', async () => {
    const { roadshowId } = await roadshowWorld();
    const [a] = await members(env, 1);
    const r = problem(
      await apply(a!.client, roadshowId, { ...FIELDS, name: '', stage: 'later', financingNeedWan: 'abc' }),
    );
    expect(r).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(r.errors?.map((e) => e.field).sort()).toEqual(['financingNeedWan', 'name', 'stage']);
    expect(problem(await a!.client.post(`/api/roadshows/${roadshowId}/projects`, FIELDS))).toMatchObject({
      status: 415,
      code: 'unsupported_media_type',
    });
  });

  it('refuses applications after the deadline', async () => {
    const w = await eventWorld(env);
    const rs = await createSessionVia(w, { kind: 'roadshow' });
    const id = (
      await w.host.client.post(`/api/event-sessions/${rs}/roadshow`, { applicationsCloseAt: '2020-05-20T09:00' })
    ).json().id;
    const [a] = await members(env, 1);
    expect(problem(await apply(a!.client, id))).toMatchObject({ status: 409, code: 'applications_closed' });
  });
});

/** A roadshow with three accepted projects in a lineup and invited judges, scoring open. */
async function scoringWorld() {
  const { w, roadshowId } = await roadshowWorld();
  const applicants = await members(env, 4);
  const ids: string[] = [];
  for (const [i, a] of applicants.entries())
    ids.push((await apply(a.client, roadshowId, { ...FIELDS, name: `项目${i + 1}` })).json().id);
  for (const id of ids.slice(0, 3))
    expect((await w.host.client.post(`/api/roadshow-projects/${id}/screen`, { decision: 'accept' })).statusCode).toBe(
      200,
    );
  const rejected = await w.support.client.post(`/api/roadshow-projects/${ids[3]}/screen`, {
    decision: 'reject',
    note: '与本次主题关联度不高',
  });
  expect(rejected.json()).toMatchObject({
    status: 'rejected',
    screeningNote: '与本次主题关联度不高',
    lineupOrder: null,
  });
  expect(
    (await w.host.client.put(`/api/roadshows/${roadshowId}/lineup`, { projectIds: [ids[2], ids[0], ids[1]] }))
      .statusCode,
  ).toBe(200);
  const expert = await judgeUser('expert');
  const investor = await judgeUser('investor');
  const fund = await judgeUser('investor');
  for (const [j, gf] of [
    [expert, false],
    [investor, false],
    [fund, true],
  ] as const) {
    const r = await w.host.client.post(`/api/roadshows/${roadshowId}/judges`, { userId: j.user.id, guidanceFund: gf });
    expect(r.statusCode).toBe(201);
  }
  expect((await w.host.client.post(`/api/roadshows/${roadshowId}/open-scoring`)).json().status).toBe('scoring');
  return { w, roadshowId, ids, applicants, expert, investor, fund };
}

describe('screening, lineup and judges', () => {
  it('screens, orders the lineup, notifies applicants and judges, and audits each step', async () => {
    const s = await scoringWorld();
    const n = await db()
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', s.applicants[3]!.user.id)
      .execute();
    expect(n.map((x) => x.kind)).toEqual(['roadshow_project_rejected']);
    const jn = await db().selectFrom('notifications').select('kind').where('user_id', '=', s.fund.user.id).execute();
    expect(jn.map((x) => x.kind)).toEqual(['roadshow_judge_invited']);
    const list = (await s.expert.client.get(`/api/roadshows/${s.roadshowId}/projects`)).json();
    expect(list.items.map((p: { name: string; lineupOrder: number }) => [p.name, p.lineupOrder])).toEqual([
      ['项目3', 1],
      ['项目1', 2],
      ['项目2', 3],
    ]);
    const judges = (await s.w.host.client.get(`/api/roadshows/${s.roadshowId}/judges`)).json();
    // Invited at the same instant here, so compare as a set.
    expect(
      judges.items.map((j: { kind: string; guidanceFund: boolean }) => `${j.kind}:${j.guidanceFund}`).sort(),
    ).toEqual(['expert:false', 'investor:false', 'investor:true']);
    expect(await audits('roadshow', s.roadshowId)).toEqual(['create', 'open_scoring', 'set_lineup']);
    expect(await audits('roadshow_project', s.ids[0]!)).toEqual(['accept', 'apply']);
  });

  it('refuses a lineup that leaves out or repeats a project, screening after scoring opened, and judges who are neither experts nor investors', async () => {
    const s = await scoringWorld();
    const url = `/api/roadshows/${s.roadshowId}/lineup`;
    expect(problem(await s.w.host.client.put(url, { projectIds: [s.ids[0], s.ids[1]] }))).toMatchObject({
      status: 400,
      code: 'invalid_lineup',
    });
    expect(problem(await s.w.host.client.put(url, { projectIds: [s.ids[0], s.ids[0], s.ids[1]] }))).toMatchObject({
      code: 'invalid_lineup',
    });
    expect(problem(await s.w.host.client.put(url, { projectIds: [s.ids[0], s.ids[1], s.ids[3]] }))).toMatchObject({
      code: 'invalid_lineup',
    });
    expect(
      problem(await s.w.host.client.post(`/api/roadshow-projects/${s.ids[3]}/screen`, { decision: 'accept' })),
    ).toMatchObject({ status: 409, code: 'project_not_screenable' });
    const [m] = await members(env, 1);
    expect(
      problem(await s.w.host.client.post(`/api/roadshows/${s.roadshowId}/judges`, { userId: m!.user.id })),
    ).toMatchObject({ status: 400, code: 'not_a_judge_candidate' });
    const expert2 = await judgeUser('expert');
    expect(
      problem(
        await s.w.host.client.post(`/api/roadshows/${s.roadshowId}/judges`, {
          userId: expert2.user.id,
          guidanceFund: true,
        }),
      ),
    ).toMatchObject({ code: 'not_a_judge_candidate' });
    expect(
      problem(await s.w.host.client.post(`/api/roadshows/${s.roadshowId}/judges`, { userId: s.expert.user.id })),
    ).toMatchObject({ status: 409, code: 'already_judge' });
    // Members cannot screen, order or invite.
    expect(
      problem(await m!.client.post(`/api/roadshow-projects/${s.ids[0]}/screen`, { decision: 'reject' })),
    ).toMatchObject({ status: 403 });
    expect(problem(await m!.client.put(url, { projectIds: s.ids.slice(0, 3) }))).toMatchObject({ status: 403 });
    expect(
      problem(await m!.client.post(`/api/roadshows/${s.roadshowId}/judges`, { userId: expert2.user.id })),
    ).toMatchObject({ status: 403 });
    // A rejected project is invisible to other people.
    expect(problem(await m!.client.get(`/api/roadshow-projects/${s.ids[3]}/business-plan`))).toMatchObject({
      status: 404,
    });
  });
});

describe('judging', () => {
  it('scores on weighted criteria, drops conflicted scores, sums investment intent, ranks live and publishes on close', async () => {
    const s = await scoringWorld();
    const score = (j: Person, id: string, body: object) => j.client.put(`/api/roadshow-projects/${id}/my-score`, body);
    // 项目1: expert 8/6 → 7.2, investor 10/10 → 10 ; fund declares a conflict (would have been 1/1).
    const r = await score(s.expert, s.ids[0]!, { scores: { innovation: 8, market: 6 }, comment: '技术扎实' });
    expect(r.statusCode).toBe(200);
    expect(r.json().myScore).toMatchObject({ weighted: 7.2, conflictOfInterest: false });
    await score(s.investor, s.ids[0]!, {
      scores: { innovation: 10, market: 10 },
      intent: { minWan: 500, maxWan: 1000, intentToSign: true },
    });
    await score(s.fund, s.ids[0]!, {
      conflictOfInterest: true,
      conflictReason: '本机构已投资该项目',
      scores: { innovation: 1, market: 1 },
      intent: { minWan: 300, maxWan: null, intentToSign: false },
    });
    // 项目2: expert 9/9 → 9.
    await score(s.expert, s.ids[1]!, { scores: { innovation: 9, market: 9 } });
    // A judge may correct a score until scoring closes.
    await score(s.expert, s.ids[1]!, { scores: { innovation: 9, market: 8 } }); // 8.6

    const live = (await s.w.host.client.get(`/api/roadshows/${s.roadshowId}/ranking`)).json();
    expect(live.published).toBe(false);
    // 项目1 and 项目2 tie at 8.6; 项目1 pitches earlier (lineup 2 vs 3) and ranks first.
    expect(
      live.items.map((i: { name: string; average: number | null; rank: number }) => [i.rank, i.name, i.average]),
    ).toEqual([
      [1, '项目1', 8.6],
      [2, '项目2', 8.6],
      [3, '项目3', null],
    ]);
    const p1 = live.items.find((i: { name: string }) => i.name === '项目1');
    expect(p1).toMatchObject({
      average: 8.6,
      judgesCounted: 2,
      conflicts: 1,
      perCriterion: { innovation: 9, market: 8 },
      intents: { count: 2, intentToSign: 1, guidanceFund: 1, minWan: 800, maxWan: 1300 },
    });

    // Nobody else sees the ranking before it is published.
    expect(problem(await s.expert.client.get(`/api/roadshows/${s.roadshowId}/ranking`))).toMatchObject({
      status: 403,
      code: 'results_not_published',
    });
    // Closing publishes; applicants of accepted projects and judges are told; no more scores.
    expect((await s.w.host.client.post(`/api/roadshows/${s.roadshowId}/close`)).json().status).toBe('closed');
    expect((await s.applicants[0]!.client.get(`/api/roadshows/${s.roadshowId}/ranking`)).json().published).toBe(true);
    const kinds = (
      await db().selectFrom('notifications').select('kind').where('user_id', '=', s.applicants[0]!.user.id).execute()
    )
      .map((n) => n.kind)
      .sort();
    // project_candidate: the investor's 意向签约 on 项目1 proposed a cooperation project (issue 10).
    expect(kinds).toEqual(['project_candidate', 'roadshow_project_accepted', 'roadshow_results_published']);
    expect(problem(await score(s.expert, s.ids[2]!, { scores: { innovation: 5, market: 5 } }))).toMatchObject({
      status: 409,
      code: 'scoring_not_open',
    });
    expect(await audits('roadshow', s.roadshowId)).toContain('close_scoring');
  });

  it('ties keep the lineup order', async () => {
    const s = await scoringWorld();
    await s.expert.client.put(`/api/roadshow-projects/${s.ids[0]}/my-score`, { scores: { innovation: 8, market: 8 } });
    await s.expert.client.put(`/api/roadshow-projects/${s.ids[2]}/my-score`, { scores: { innovation: 8, market: 8 } });
    const live = (await s.w.host.client.get(`/api/roadshows/${s.roadshowId}/ranking`)).json();
    // 项目3 pitches first (lineup 1), 项目1 second.
    expect(live.items.map((i: { name: string }) => i.name)).toEqual(['项目3', '项目1', '项目2']);
  });

  it('refuses incomplete or out-of-range scores, a reversed intent range, non-judges and projects outside the lineup', async () => {
    const s = await scoringWorld();
    const url = (id: string) => `/api/roadshow-projects/${id}/my-score`;
    const a = problem(await s.expert.client.put(url(s.ids[0]!), { scores: { innovation: 11 } }));
    expect(a).toMatchObject({ status: 400, code: 'invalid_scores' });
    expect(a.errors?.map((e) => e.code).sort()).toEqual(['score_out_of_range', 'score_required']);
    expect(
      problem(await s.expert.client.put(url(s.ids[0]!), { scores: { innovation: 7.5, market: 7 } })),
    ).toMatchObject({ code: 'invalid_scores' });
    expect(
      problem(
        await s.investor.client.put(url(s.ids[0]!), {
          scores: { innovation: 7, market: 7 },
          intent: { minWan: 900, maxWan: 100 },
        }),
      ),
    ).toMatchObject({ status: 400, code: 'invalid_intent' });
    expect(
      problem(await s.applicants[0]!.client.put(url(s.ids[0]!), { scores: { innovation: 7, market: 7 } })),
    ).toMatchObject({ status: 403 });
    expect(problem(await s.w.host.client.put(url(s.ids[0]!), { scores: { innovation: 7, market: 7 } }))).toMatchObject({
      status: 403,
    });
    // The rejected project is not in the lineup; judges only see accepted projects.
    expect(problem(await s.expert.client.put(url(s.ids[3]!), { scores: { innovation: 7, market: 7 } }))).toMatchObject({
      status: 404,
    });
  });

  it('refuses scores before scoring opens', async () => {
    const { w, roadshowId } = await roadshowWorld();
    const [a] = await members(env, 1);
    const id = (await apply(a!.client, roadshowId)).json().id;
    await w.host.client.post(`/api/roadshow-projects/${id}/screen`, { decision: 'accept' });
    const expert = await judgeUser('expert');
    await w.host.client.post(`/api/roadshows/${roadshowId}/judges`, { userId: expert.user.id });
    expect(
      problem(
        await expert.client.put(`/api/roadshow-projects/${id}/my-score`, { scores: { innovation: 7, market: 7 } }),
      ),
    ).toMatchObject({ status: 409, code: 'scoring_not_open' });
  });

  it('exports every score with weights, conflicts and intents in the workbook detail sheet for the staff', async () => {
    const s = await scoringWorld();
    await s.investor.client.put(`/api/roadshow-projects/${s.ids[0]}/my-score`, {
      scores: { innovation: 10, market: 5 },
      intent: { minWan: 100, maxWan: 200, intentToSign: true },
    });
    await s.fund.client.put(`/api/roadshow-projects/${s.ids[0]}/my-score`, { conflictOfInterest: true });
    const r = await s.w.host.client.get(`/api/roadshows/${s.roadshowId}/scores.xlsx`);
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const detail = wb.getWorksheet('评分明细')!;
    const line = (i: number) =>
      (detail.getRow(i).values as (string | number | null | undefined)[])
        .slice(1)
        .map((v) => String(v ?? ''))
        .join(',');
    expect(line(2)).toContain('技术创新性（权重60）,市场前景（权重40）,加权得分,利益冲突');
    expect(detail.rowCount).toBe(2 + 2);
    expect([line(3), line(4)].some((l) => l.includes(',10,5,8,否,'))).toBe(true);
    expect([line(3), line(4)].some((l) => l.includes('不计分,是'))).toBe(true);
    // The CSV export was replaced by this workbook.
    expect((await s.w.host.client.get(`/api/roadshows/${s.roadshowId}/scores.csv`)).statusCode).toBe(404);
    expect(problem(await s.expert.client.get(`/api/roadshows/${s.roadshowId}/scores.xlsx`))).toMatchObject({
      status: 403,
    });
  });
});

it('shows a roadshow to any signed-in user of a published programme; unknown ids are 404', async () => {
  const { roadshowId } = await roadshowWorld();
  const stranger = await clientFor(
    env,
    (await createUser(db(), { memberships: [{ organisationId: (await createOrganisation(db())).id, role: 'member' }] }))
      .id,
  );
  expect((await stranger.get(`/api/roadshows/${roadshowId}`)).statusCode).toBe(200);
  expect(problem(await stranger.get('/api/roadshows/does-not-exist'))).toMatchObject({ status: 404 });
});
