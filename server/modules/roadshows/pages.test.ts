import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { createSessionVia, eventWorld, members, person, type Person } from '../events/testkit.ts';

let env: TestEnv;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'rt-roadshow-pages-'));
  env = await createTestEnv({ env: { SQLITE_PATH: join(dataDir, 'rongtong.db') } });
});
afterAll(async () => {
  await env?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n'),
  Buffer.alloc(512, 0x20),
  Buffer.from('\n%%EOF\n'),
]);
const FIELDS = {
  name: '工业视觉质检平台',
  team: '张三等8人',
  organisationName: '青岛智检科技有限公司',
  field: '工业互联网',
  stage: 'startup',
  financingNeedWan: '2000',
};

function apply(c: Client, roadshowId: string, name: string) {
  const boundary = `----rt${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries({ ...FIELDS, name }))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="businessPlan"; filename="bp.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    PDF,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return c.request({
    method: 'POST',
    url: `/api/roadshows/${roadshowId}/projects`,
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

/** Two accepted projects, one rejected; an expert and a guidance-fund investor judging; scoring open. */
async function world() {
  const w = await eventWorld(env);
  const sessionId = await createSessionVia(w, { kind: 'roadshow' });
  const roadshowId = (
    await w.host.client.post(`/api/event-sessions/${sessionId}/roadshow`, {
      criteria: [
        { key: 'innovation', name: '技术创新性', weight: 60 },
        { key: 'market', name: '市场前景', weight: 40 },
      ],
    })
  ).json().id as string;
  const applicants = await members(env, 3);
  const ids: string[] = [];
  for (const [i, a] of applicants.entries()) ids.push((await apply(a.client, roadshowId, `项目${i + 1}`)).json().id);
  await w.host.client.post(`/api/roadshow-projects/${ids[0]}/screen`, { decision: 'accept' });
  await w.host.client.post(`/api/roadshow-projects/${ids[1]}/screen`, { decision: 'accept' });
  await w.host.client.post(`/api/roadshow-projects/${ids[2]}/screen`, { decision: 'reject', note: '方向不符' });
  const expert = await person(env, 'expert', undefined, { kind: 'university' });
  const fund = await person(env, 'investor', undefined, { kind: 'investor' });
  await w.host.client.post(`/api/roadshows/${roadshowId}/judges`, { userId: expert.user.id });
  await w.host.client.post(`/api/roadshows/${roadshowId}/judges`, { userId: fund.user.id, guidanceFund: true });
  await w.host.client.post(`/api/roadshows/${roadshowId}/open-scoring`);
  return { w, sessionId, roadshowId, applicants, ids, expert, fund };
}

const score = (j: Person, id: string, body: object) => j.client.put(`/api/roadshow-projects/${id}/my-score`, body);

describe('workspace lists', () => {
  it('lists roadshows with the caller’s part in each: staff, judge, applicant', async () => {
    const s = await world();
    const mine = (c: Client, role: string) =>
      c.get(`/api/roadshows?role=${role}&themeDayId=${s.w.themeDay.id}`).then((r) => r.json());
    expect((await mine(s.w.support.client, 'staff')).items[0]).toMatchObject({
      id: s.roadshowId,
      status: 'scoring',
      my: { staff: true, judge: false },
      counts: { submitted: 3, accepted: 2, judges: 2 },
    });
    expect((await mine(s.expert.client, 'judge')).items.map((r: { id: string }) => r.id)).toEqual([s.roadshowId]);
    expect((await mine(s.expert.client, 'staff')).total).toBe(0);
    expect((await mine(s.applicants[0]!.client, 'applicant')).items[0].my).toMatchObject({ applied: 1, staff: false });
    expect((await mine(s.applicants[0]!.client, 'all')).total).toBe(1);
    expect(problem(await new Client(env.app).get('/api/roadshows'))).toMatchObject({ status: 401 });
  });

  it('lists the theme days and roadshow sessions the staff may set up, and the applicant’s own projects with status and reason', async () => {
    const s = await world();
    const free = await createSessionVia(s.w, { kind: 'roadshow', title: '第二场路演' });
    const tds = (await s.w.host.client.get('/api/roadshows/staff-theme-days')).json().items;
    const td = tds.find((t: { id: string }) => t.id === s.w.themeDay.id);
    expect(td.sessions.map((x: { id: string; roadshowId: string | null }) => [x.id, x.roadshowId])).toEqual(
      expect.arrayContaining([
        [s.sessionId, s.roadshowId],
        [free, null],
      ]),
    );
    expect((await s.expert.client.get('/api/roadshows/staff-theme-days')).json().items).toEqual([]);
    const my = (await s.applicants[2]!.client.get('/api/my/roadshow-projects')).json();
    expect(my.items).toHaveLength(1);
    expect(my.items[0]).toMatchObject({
      name: '项目3',
      status: 'rejected',
      screeningNote: '方向不符',
      roadshow: { id: s.roadshowId },
    });
  });

  it('offers experts and investors as judge candidates to the staff only, marking those invited', async () => {
    const s = await world();
    const c = (
      await s.w.host.client.get(
        `/api/roadshows/${s.roadshowId}/judge-candidates?q=${encodeURIComponent(s.expert.user.name)}`,
      )
    ).json();
    expect(c.items).toEqual([expect.objectContaining({ userId: s.expert.user.id, role: 'expert', invited: true })]);
    expect(problem(await s.expert.client.get(`/api/roadshows/${s.roadshowId}/judge-candidates`))).toMatchObject({
      status: 403,
    });
    expect(problem(await s.expert.client.get('/api/roadshows/nope/judge-candidates'))).toMatchObject({ status: 404 });
  });
});

describe('score export', () => {
  it('exports the ranking and every score as .xlsx for the staff, conflicts not counted', async () => {
    const s = await world();
    await score(s.expert, s.ids[0]!, { scores: { innovation: 8, market: 6 } });
    await score(s.fund, s.ids[0]!, {
      conflictOfInterest: true,
      conflictReason: '已投资',
      intent: { minWan: 100, maxWan: 300, intentToSign: true },
    });
    await score(s.fund, s.ids[1]!, {
      scores: { innovation: 9, market: 9 },
      intent: { minWan: 500, maxWan: 1000, intentToSign: true },
    });
    const r = await s.w.support.client.get(`/api/roadshows/${s.roadshowId}/scores.xlsx`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const rank = wb.getWorksheet('排名')!;
    expect(rank.getRow(2).getCell(1).text).toBe('名次');
    expect(rank.getRow(2).getCell(8).text).toBe('技术创新性（权重60）平均');
    // 项目2 (9) above 项目1 (7.2, the fund's conflicted score not counted).
    expect([rank.getRow(3).getCell(2).text, rank.getRow(3).getCell(5).value, rank.getRow(3).getCell(6).value]).toEqual([
      '项目2',
      9,
      1,
    ]);
    expect([
      rank.getRow(4).getCell(2).text,
      rank.getRow(4).getCell(5).value,
      rank.getRow(4).getCell(6).value,
      rank.getRow(4).getCell(7).value,
    ]).toEqual(['项目1', 7.2, 1, 1]);
    const detail = wb.getWorksheet('评分明细')!;
    expect(detail.rowCount).toBe(2 + 3);
    const texts = [3, 4, 5].map((i) =>
      (detail.getRow(i).values as (string | number | null | undefined)[]).map((v) => String(v ?? '')).join('|'),
    );
    expect(texts.some((t) => t.includes('不计分|是|已投资|100|300|是'))).toBe(true);
    expect(problem(await s.expert.client.get(`/api/roadshows/${s.roadshowId}/scores.xlsx`))).toMatchObject({
      status: 403,
    });
    expect(problem(await s.applicants[0]!.client.get(`/api/roadshows/${s.roadshowId}/scores.xlsx`))).toMatchObject({
      status: 403,
    });
  });
});

describe('portal', () => {
  it('shows the lineup publicly and the ranking only after scoring closes', async () => {
    const s = await world();
    await score(s.expert, s.ids[1]!, { scores: { innovation: 9, market: 9 } });
    await score(s.fund, s.ids[1]!, { conflictOfInterest: true });
    const anon = new Client(env.app);
    const list = (await anon.get(`/api/public/theme-days/${s.w.themeDay.id}/roadshows`)).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ status: 'scoring', results: null, judges: 2 });
    expect(list.items[0].lineup.map((p: { name: string; order: number }) => [p.order, p.name])).toEqual([
      [1, '项目1'],
      [2, '项目2'],
    ]);
    // Rejected projects and business plans never appear publicly.
    expect(JSON.stringify(list)).not.toContain('项目3');
    expect(JSON.stringify(list)).not.toContain('business-plan');
    await s.w.host.client.post(`/api/roadshows/${s.roadshowId}/close`);
    const pub = (await anon.get(`/api/public/roadshows/${s.roadshowId}`)).json();
    expect(pub.results).toEqual([
      {
        rank: 1,
        name: '项目2',
        organisationName: FIELDS.organisationName,
        average: 9,
        judgesCounted: 1,
        intents: 0,
        intentToSign: 0,
      },
      {
        rank: 2,
        name: '项目1',
        organisationName: FIELDS.organisationName,
        average: null,
        judgesCounted: 0,
        intents: 0,
        intentToSign: 0,
      },
    ]);
    expect(problem(await anon.get('/api/public/roadshows/nope'))).toMatchObject({ status: 404 });
  });

  it('hides the roadshows of a draft programme', async () => {
    const w = await eventWorld(env, { programmeStatus: 'draft' });
    expect((await new Client(env.app).get(`/api/public/theme-days/${w.themeDay.id}/roadshows`)).json().items).toEqual(
      [],
    );
  });
});
