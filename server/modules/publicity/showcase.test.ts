/**
 * The national showcase (issue 11 §3): a success case needs every party's consent before NDRC publishes it,
 * benchmark enterprises by year, nominations with their status rules and one per project, event and year
 * (under parallel requests too), and the nomination dossier as .xlsx and GB/T 9704 .docx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOSSIER_HEADER } from '../../../common/contracts/publicity.ts';
import { auditActions, createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { readXlsx } from '../../lib/xlsx.ts';
import { meetingWorld } from '../meetings/testkit.ts';
import { party, projectBody, type Party } from '../projects/testkit.ts';
import { unzip } from '../../lib/zip.ts';
import { upload } from './testkit.ts';

let env: TestEnv;
let w: Awaited<ReturnType<typeof meetingWorld>>;
let other: Awaited<ReturnType<typeof meetingWorld>>;
let a: Party;
let b: Party;
let outsider: Party;
let counted: string; // a project both parties confirmed
let candidate: string; // still awaiting b
beforeAll(async () => {
  env = await createTestEnv();
  w = await meetingWorld(env);
  other = await meetingWorld(env);
  a = await party(env, { sizeClass: 'small' });
  b = await party(env, { sizeClass: 'large' });
  outsider = await party(env, {});
  counted = await project('工业视觉质检联合研发', 2_000_000);
  candidate = (
    await a.client.post('/api/projects', projectBody([a, b], { themeDayId: w.themeDayId, title: '候选项目' }))
  ).json().id;
});
afterAll(async () => {
  await env?.close();
});

async function project(title: string, amount: number): Promise<string> {
  const p = (
    await a.client.post(
      '/api/projects',
      projectBody([a, b], { themeDayId: w.themeDayId, title, intendedAmount: amount }),
    )
  ).json();
  const c = await b.client.post(`/api/projects/${p.id}/confirm`, { publishConsent: true });
  expect(c.json()).toMatchObject({ counted: true });
  return p.id;
}

const pub = (url: string) => env.app.inject({ method: 'GET', url });

describe('success cases', () => {
  it('needs every party to agree before NDRC publishes, and a party that withdraws its consent takes it down', async () => {
    const photo = await upload(a.client);
    const body = {
      projectId: counted,
      title: '视觉质检让中小企业良品率提升',
      summary: '大企业开放场景，小企业提供算法',
      story: '<p>合作历程</p><img src="javascript:x"><script>bad()</script>',
      figures: [{ label: '良品率提升', value: '12', unit: '%' }],
      photoIds: [photo],
    };
    expect(problem(await outsider.client.post('/api/cases', body))).toMatchObject({ status: 404 });
    expect(problem(await other.host.client.post('/api/cases', body))).toMatchObject({ status: 404 });
    expect(problem(await a.client.post('/api/cases', { ...body, projectId: candidate }))).toMatchObject({
      status: 409,
      code: 'project_not_counted',
    });

    const r = await a.client.post('/api/cases', body);
    expect(r.statusCode).toBe(201);
    const c = r.json();
    expect(c).toMatchObject({
      status: 'proposed',
      story: '<p>合作历程</p>',
      photos: [{ id: photo }],
      abilities: { publish: false, consent: true },
    });
    expect(
      c.consents.map((x: { organisation: { id: string }; decision: string }) => [x.organisation.id, x.decision]).sort(),
    ).toEqual(
      [
        [a.org.id, 'agreed'],
        [b.org.id, 'pending'],
      ].sort(),
    );
    expect(problem(await w.host.client.post('/api/cases', body))).toMatchObject({ status: 409, code: 'case_exists' });
    expect(problem(await w.owner.client.post(`/api/cases/${c.id}/publish`))).toMatchObject({
      status: 409,
      code: 'case_consent_missing',
    });
    expect(problem(await outsider.client.get(`/api/cases/${c.id}`))).toMatchObject({ status: 404 });
    expect((await pub(`/api/public/cases/${c.id}`)).statusCode).toBe(404);

    expect(problem(await b.client.post(`/api/cases/${c.id}/consent`, { agree: false }))).toMatchObject({ status: 400 });
    expect(
      (await b.client.post(`/api/cases/${c.id}/consent`, { agree: false, reason: '涉及商业秘密' })).json(),
    ).toMatchObject({ status: 'declined' });
    expect(problem(await w.owner.client.post(`/api/cases/${c.id}/publish`))).toMatchObject({
      status: 409,
      code: 'case_consent_missing',
    });
    expect(problem(await w.host.client.post(`/api/cases/${c.id}/consent`, { agree: true }))).toMatchObject({
      status: 403,
      code: 'not_a_party',
    });
    expect((await b.client.post(`/api/cases/${c.id}/consent`, { agree: true })).json()).toMatchObject({
      status: 'agreed',
    });

    expect(problem(await w.host.client.post(`/api/cases/${c.id}/publish`))).toMatchObject({ status: 403 });
    expect((await w.owner.client.post(`/api/cases/${c.id}/publish`)).json()).toMatchObject({ status: 'published' });
    const list = (await pub('/api/public/cases')).json();
    expect(list.items).toEqual([
      expect.objectContaining({
        id: c.id,
        title: body.title,
        cover: expect.objectContaining({ id: photo }),
        figures: body.figures,
      }),
    ]);
    expect(list.items[0].parties.map((p: { id: string }) => p.id).sort()).toEqual([a.org.id, b.org.id].sort());
    expect((await pub(`/api/public/cases/${c.id}`)).json()).toMatchObject({
      story: '<p>合作历程</p>',
      photos: [{ id: photo }],
    });
    expect(problem(await a.client.put(`/api/cases/${c.id}`, { title: '改' }))).toMatchObject({
      status: 409,
      code: 'case_published',
    });

    // b changes its mind: the case goes down at once.
    expect(
      (await b.client.post(`/api/cases/${c.id}/consent`, { agree: false, reason: '合作已调整' })).json(),
    ).toMatchObject({ status: 'declined' });
    expect((await pub(`/api/public/cases/${c.id}`)).statusCode).toBe(404);
    expect((await pub('/api/public/cases')).json().total).toBe(0);

    // An edit asks every party again (the editor's own party agrees by editing).
    const e = await w.host.client.put(`/api/cases/${c.id}`, { ...body, title: '修改后的案例' });
    expect(e.json().status).toBe('proposed');
    expect(e.json().consents.every((x: { decision: string }) => x.decision === 'pending')).toBe(true);
    await a.client.post(`/api/cases/${c.id}/consent`, { agree: true });
    await b.client.post(`/api/cases/${c.id}/consent`, { agree: true });
    expect((await w.owner.client.post(`/api/cases/${c.id}/publish`)).json()).toMatchObject({
      status: 'published',
      title: '修改后的案例',
    });
    expect(await auditActions(env, 'success_case', c.id)).toEqual(
      ['consent', 'consent', 'consent', 'decline', 'decline', 'propose', 'publish', 'publish', 'update'].sort(),
    );
  });
});

describe('a project page’s success case', () => {
  it('tells a party, the host and NDRC whether they may propose one, and then which case it has; others get 404', async () => {
    const id = await project('工业互联网平台联合推广', 500_000);
    const of = (c: { get: (u: string) => Promise<{ json: () => unknown }> }, p = id) =>
      c.get(`/api/projects/${p}/success-case`).then((r) => r.json());
    for (const c of [a.client, b.client, w.host.client, w.owner.client])
      expect(await of(c)).toEqual({ case: null, abilities: { propose: true } });
    expect(problem(await outsider.client.get(`/api/projects/${id}/success-case`))).toMatchObject({ status: 404 });
    expect(problem(await other.host.client.get(`/api/projects/${id}/success-case`))).toMatchObject({ status: 404 });
    expect(problem(await a.client.get('/api/projects/nope/success-case'))).toMatchObject({ status: 404 });
    expect((await env.app.inject({ method: 'GET', url: `/api/projects/${id}/success-case` })).statusCode).toBe(401);
    // A candidate (not yet confirmed by every party) may not become a case.
    expect(await of(a.client, candidate)).toEqual({ case: null, abilities: { propose: false } });

    const c = (await b.client.post('/api/cases', { projectId: id, title: '平台推广案例' })).json();
    for (const cl of [a.client, b.client, w.host.client, w.owner.client])
      expect(await of(cl)).toEqual({ case: { id: c.id, status: 'proposed' }, abilities: { propose: false } });
  });
});

describe('success cases with an investor as a party', () => {
  it('lets an investment firm that is a party propose the case and give its consent, as for any other party', async () => {
    const inv = await party(env, { role: 'investor', kind: 'investor' });
    const p = (
      await inv.client.post(
        '/api/projects',
        projectBody([inv, b], { themeDayId: w.themeDayId, title: '投资机构参与的合作项目', type: 'investment' }),
      )
    ).json();
    expect((await b.client.post(`/api/projects/${p.id}/confirm`, { publishConsent: true })).json()).toMatchObject({
      counted: true,
    });
    const r = await inv.client.post('/api/cases', {
      projectId: p.id,
      title: '投早投小',
      summary: '摘要',
      story: '<p>经过</p>',
    });
    expect(r.statusCode, r.body).toBe(201);
    const c = r.json();
    expect((await b.client.post(`/api/cases/${c.id}/consent`, { agree: true })).json()).toMatchObject({
      status: 'agreed',
    });
    expect(problem(await outsider.client.post(`/api/cases/${c.id}/consent`, { agree: true }))).toMatchObject({
      status: 404,
    });
  });
});

describe('benchmark enterprises', () => {
  it('are named by NDRC for a year with reasons, once per enterprise and year, and shown publicly by year', async () => {
    const body = { year: 2020, organisationId: b.org.id, reason: '开放应用场景，带动产业链上下游中小企业协同创新' };
    expect(problem(await w.host.client.post('/api/benchmarks', body))).toMatchObject({ status: 403 });
    const r = await w.owner.client.post('/api/benchmarks', body);
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      year: 2020,
      organisation: { id: b.org.id, name: b.org.name },
      reason: body.reason,
    });
    expect(problem(await w.owner.client.post('/api/benchmarks', body))).toMatchObject({
      status: 409,
      code: 'benchmark_exists',
    });
    expect(
      problem(await w.owner.client.post('/api/benchmarks', { ...body, organisationId: w.owner.org.id })),
    ).toMatchObject({
      status: 400,
      code: 'not_an_enterprise',
    });
    expect(problem(await w.owner.client.post('/api/benchmarks', { ...body, reason: '' }))).toMatchObject({
      status: 400,
    });
    await w.owner.client.post('/api/benchmarks', { ...body, year: 2021, organisationId: a.org.id });
    const y2020 = (await pub('/api/public/benchmarks?year=2020')).json();
    expect(y2020.items.map((x: { organisation: { id: string } }) => x.organisation.id)).toEqual([b.org.id]);
    expect(y2020.years).toEqual([2021, 2020]);
    expect((await pub('/api/public/benchmarks?year=2019')).json().items).toEqual([]);
    const gone = await w.owner.client.delete(`/api/benchmarks/${r.json().id}`);
    expect(gone.statusCode).toBe(204);
    expect((await pub('/api/public/benchmarks?year=2020')).json().items).toEqual([]);
  });
});

describe('nominations', () => {
  it('follows the status rules: a host proposes, NDRC decides and records the outcome; anything else is 409', async () => {
    const body = { projectId: counted, event: 'innovation_week', year: 2020, reason: '合作成效显著，具有示范意义' };
    expect(problem(await a.client.post('/api/nominations', body))).toMatchObject({ status: 403 });
    expect(problem(await other.host.client.post('/api/nominations', body))).toMatchObject({ status: 404 });
    expect(problem(await w.host.client.post('/api/nominations', { ...body, projectId: candidate }))).toMatchObject({
      status: 409,
      code: 'project_not_counted',
    });
    const r = await w.host.client.post('/api/nominations', body);
    expect(r.statusCode).toBe(201);
    const n = r.json();
    expect(n).toMatchObject({ status: 'proposed', event: 'innovation_week', year: 2020, nextStatuses: ['withdrawn'] });
    const notes = await env.database.db
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', w.owner.user.id)
      .execute();
    expect(notes.map((x) => x.kind)).toContain('nomination_proposed');

    const to = (c: Party | typeof w.owner, status: string) =>
      c.client.post(`/api/nominations/${n.id}/status`, { status });
    expect(problem(await to(w.host, 'nominated'))).toMatchObject({ status: 403 });
    expect(problem(await to(w.owner, 'showcased'))).toMatchObject({
      status: 409,
      code: 'nomination_transition_invalid',
    });
    expect(problem(await to(other.host, 'withdrawn'))).toMatchObject({ status: 404 });
    expect(problem(await outsider.client.get(`/api/nominations/${n.id}`))).toMatchObject({ status: 404 });
    expect((await to(w.owner, 'nominated')).json()).toMatchObject({
      status: 'nominated',
      nextStatuses: ['accepted', 'rejected', 'withdrawn'],
    });
    expect(problem(await to(w.host, 'withdrawn'))).toMatchObject({ status: 403 });
    expect(problem(await to(w.owner, 'nominated'))).toMatchObject({
      status: 409,
      code: 'nomination_transition_invalid',
    });
    expect((await to(w.owner, 'accepted')).json()).toMatchObject({ status: 'accepted' });
    expect((await to(w.owner, 'showcased')).json()).toMatchObject({ status: 'showcased', nextStatuses: [] });
    expect(problem(await to(w.owner, 'withdrawn'))).toMatchObject({
      status: 409,
      code: 'nomination_transition_invalid',
    });
    expect(await auditActions(env, 'nomination', n.id)).toEqual(['propose', 'status', 'status', 'status']);

    // One per project, event and year: the host cannot propose it again; another event or year is a new nomination.
    expect(problem(await w.owner.client.post('/api/nominations', body))).toMatchObject({
      status: 409,
      code: 'nomination_exists',
    });
    expect((await w.owner.client.post('/api/nominations', { ...body, year: 2021 })).statusCode).toBe(201);
    const mine = (await w.host.client.get('/api/nominations?year=2020')).json();
    expect(mine.items.map((x: { id: string }) => x.id)).toEqual([n.id]);
    expect((await other.host.client.get('/api/nominations')).json().total).toBe(0);
  });

  it('creates exactly one nomination when the same one is sent five times at once', async () => {
    const body = { projectId: counted, event: 'maker_china', year: 2020, reason: '推荐参加创客中国' };
    const rs = await Promise.all(Array.from({ length: 5 }, () => w.owner.client.post('/api/nominations', body)));
    expect(rs.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
    for (const r of rs.filter((x) => x.statusCode === 409)) expect(problem(r).code).toBe('nomination_exists');
    const rows = await env.database.db
      .selectFrom('nominations')
      .select('id')
      .where('project_id', '=', counted)
      .where('event', '=', 'maker_china')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('lets a withdrawn nomination be proposed again: the same row reopens once, even when sent three times at once', async () => {
    const body = { projectId: counted, event: 'yixing', year: 2021, reason: '第一次推荐' };
    const first = (await w.owner.client.post('/api/nominations', body)).json();
    expect(problem(await w.owner.client.post('/api/nominations', body))).toMatchObject({ code: 'nomination_exists' });
    await w.owner.client.post(`/api/nominations/${first.id}/status`, { status: 'withdrawn' });
    const again = { ...body, reason: '补充材料后再次推荐' };
    const rs = await Promise.all([0, 1, 2].map(() => w.host.client.post('/api/nominations', again)));
    expect(rs.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    const reopened = rs.find((r) => r.statusCode === 201)!.json();
    expect(reopened).toMatchObject({ id: first.id, status: 'proposed', reason: '补充材料后再次推荐' });
    const rows = await env.database.db
      .selectFrom('nominations')
      .select(['id', 'status'])
      .where('project_id', '=', counted)
      .where('event', '=', 'yixing')
      .where('year', '=', 2021)
      .execute();
    expect(rows).toEqual([{ id: first.id, status: 'proposed' }]);
    expect(await auditActions(env, 'nomination', first.id)).toEqual(['nominate', 'propose', 'status'].sort());
    // A live (not withdrawn) nomination still blocks.
    expect(problem(await w.owner.client.post('/api/nominations', body))).toMatchObject({ code: 'nomination_exists' });
  });

  it('exports the dossier of an event and year as .xlsx and as an official .docx (GB/T 9704)', async () => {
    const second = await project('供应链协同平台', 3_456_789);
    const third = await project('被撤回的项目', 100_000);
    await w.owner.client.post('/api/nominations', {
      projectId: second,
      event: 'yixing',
      year: 2020,
      reason: '产业链协同成效突出',
    });
    const wd = (
      await w.owner.client.post('/api/nominations', { projectId: third, event: 'yixing', year: 2020, reason: '撤回' })
    ).json();
    await w.owner.client.post(`/api/nominations/${wd.id}/status`, { status: 'withdrawn' });
    await w.host.client.post('/api/nominations', {
      projectId: counted,
      event: 'yixing',
      year: 2020,
      reason: '仅为建议',
    }); // proposed: not in the dossier

    const q = '?event=yixing&year=2020';
    expect(problem(await w.host.client.get(`/api/nominations/dossier.xlsx${q}`))).toMatchObject({ status: 403 });
    expect((await env.app.inject({ method: 'GET', url: `/api/nominations/dossier.docx${q}` })).statusCode).toBe(401);

    const x = await w.owner.client.get(`/api/nominations/dossier.xlsx${q}`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-disposition']).toContain(encodeURIComponent('2020年央企熠星大赛推荐项目.xlsx'));
    const rows = await readXlsx(x.rawPayload, DOSSIER_HEADER);
    expect(rows.map((r) => r.cells)).toEqual([
      {
        序号: '1',
        项目名称: '供应链协同平台',
        合作类型: '联合研发',
        所属主题日: expect.stringContaining('融通创新主题日'),
        牵头单位: a.org.name,
        参与单位: b.org.name,
        '签约金额（万元）': '345.68',
        项目阶段: '意向',
        推荐理由: '产业链协同成效突出',
        推荐状态: '已推荐',
      },
    ]);

    const d = await w.owner.client.get(`/api/nominations/dossier.docx${q}`);
    expect(d.statusCode).toBe(200);
    expect(d.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const files = unzip(d.rawPayload);
    const doc = files.get('word/document.xml')!.toString('utf8');
    expect(doc).toContain('关于推荐融通创新合作项目参加2020年央企熠星大赛的函');
    expect(doc).toContain('方正小标宋简体');
    expect(doc).toContain('仿宋_GB2312');
    expect(doc).toMatch(/<w:sz w:val="32"\/>/); // 三号 body
    expect(doc).toMatch(/w:line="580" w:lineRule="exact"/);
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/); // A4
    expect(doc).toContain('供应链协同平台');
    expect(doc).not.toContain('被撤回的项目');
    // 落款: the issuing organisation and the date in Chinese.
    expect(doc).toContain(`>${w.owner.org.name}<`);
    expect(doc).toContain('2020年5月20日');
    const footers = [...files.entries()]
      .filter(([k]) => /^word\/footer\d*\.xml$/.test(k))
      .map(([, v]) => v.toString('utf8'));
    expect(footers.length).toBeGreaterThanOrEqual(2); // odd and even pages
    for (const f of footers) {
      expect(f).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>|<w:fldSimple w:instr="PAGE/);
      expect(f).toContain('— ');
      expect(f).toContain(' —');
    }
    expect(files.get('word/settings.xml')!.toString('utf8')).toContain('evenAndOddHeaders');
  });
});
