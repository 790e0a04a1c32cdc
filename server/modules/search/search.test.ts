import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { eventWorld, person, type EventWorld, type Person } from '../events/testkit.ts';
import { DECLARATION_TEXT } from '../../../common/contracts/results.ts';

// The background refresher is off here: every test forces `app.searchIndex.refresh()`, so what the index
// holds at each assertion is deterministic.
let env: TestEnv;
let w: EventWorld;
let large: Person; // large firm, Suzhou (320506), industry 39
let large2: Person; // large firm, Shenzhen (440305), industry 36
let uni: Person; // university, Beijing (110108), publishes results
let reviewer: Person; // the university's designated confidentiality reviewer
let sme: Person; // small firm, Suzhou (320505)
type Key =
  | 'r1'
  | 'r2'
  | 'r3'
  | 'r4'
  | 'r5'
  | 'r6'
  | 'r7'
  | 'd1'
  | 'd2'
  | 'd3'
  | 'd4'
  | 't1'
  | 'res1'
  | 'res2'
  | 'res3'
  | 'res4'
  | 'res5'
  | 'e1'
  | 'e2'
  | 'e3';
const ids = {} as Record<Key, string>;

interface Hl {
  text: string;
  ranges: [number, number][];
  cutStart: boolean;
  cutEnd: boolean;
}
interface Item {
  type: string;
  id: string;
  title: Hl;
  snippet: Hl;
  matchedTerms: string[];
  score: number;
  organisation: { id: string; name: string } | null;
  industry: string | null;
  region: string | null;
  themeDayId: string | null;
  publishedAt: string | null;
  link: string;
}
interface Page {
  items: Item[];
  total: number;
  page: number;
  pageSize: number;
  terms: string[];
  didYouMean: string | null;
  corrected: boolean;
}
interface Rec {
  type: string;
  id: string;
  title: string;
  score: number;
  reason: string;
  link: string;
}

const tick = () => env.clock.advance(60_000);

async function resource(
  p: Person,
  title: string,
  description: string,
  over: Record<string, unknown> = {},
  publish = true,
): Promise<string> {
  const r = await p.client.post('/api/resources', { type: 'lab', title, description, priceModel: 'free', ...over });
  expect(r.statusCode, r.body).toBe(201);
  const id = r.json<{ id: string }>().id;
  if (publish) expect((await p.client.post(`/api/resources/${id}/publish`)).statusCode).toBe(200);
  tick();
  return id;
}

async function demand(
  p: Person,
  title: string,
  description: string,
  over: Record<string, unknown> = {},
  publish = true,
): Promise<string> {
  const r = await p.client.post('/api/demands', {
    kind: 'demand',
    title,
    fieldCode: 'C39',
    description,
    cooperationMode: 'joint_rd',
    deadline: '2020-12-31',
    ...over,
  });
  expect(r.statusCode, r.body).toBe(201);
  const id = r.json<{ id: string }>().id;
  if (publish) expect((await p.client.post(`/api/demands/${id}/publish`)).statusCode).toBe(200);
  tick();
  return id;
}

/** A result by the university, taken to `to`: draft, in_review (declared, not yet reviewed), public or reject. */
async function result(
  title: string,
  description: string,
  to: 'draft' | 'in_review' | 'public' | 'reject',
  over: Record<string, unknown> = {},
): Promise<string> {
  const r = await uni.client.post('/api/results', {
    title,
    fieldCode: 'C39',
    description,
    trl: 6,
    patents: [],
    transferMode: 'licence',
    ...over,
  });
  expect(r.statusCode, r.body).toBe(201);
  const id = r.json<{ id: string }>().id;
  if (to !== 'draft') {
    const s = await uni.client.post(`/api/results/${id}/submit`, {
      declaration: true,
      declarationText: DECLARATION_TEXT,
    });
    expect(s.statusCode, s.body).toBe(200);
  }
  if (to === 'public' || to === 'reject') {
    const v = await reviewer.client.post(
      `/api/results/${id}/review`,
      to === 'public' ? { outcome: 'public' } : { outcome: 'reject', comment: '涉及未公开工艺参数' },
    );
    expect(v.statusCode, v.body).toBe(200);
  }
  tick();
  return id;
}

async function session(p: Person, title: string, description: string, kind = 'supply_demand'): Promise<string> {
  const r = await p.client.post('/api/docking-sessions', {
    kind,
    title,
    description,
    agenda: [{ time: '09:00', item: '开幕致辞' }],
    startsAt: '2020-09-20T09:00',
    endsAt: '2020-09-20T12:00',
    venue: '苏州国际博览中心',
  });
  expect(r.statusCode, r.body).toBe(201);
  tick();
  return r.json<{ id: string }>().id;
}

const search = async (qs: string): Promise<Page> => {
  const r = await env.app.inject({ method: 'GET', url: `/api/search?${qs}` });
  expect(r.statusCode, r.body).toBe(200);
  return r.json<Page>();
};
const titles = (p: Page) => p.items.map((i) => i.title.text);
const q = (text: string, extra = '') => search(`q=${encodeURIComponent(text)}&pageSize=50${extra}`);

beforeAll(async () => {
  env = await createTestEnv({ env: { SEARCH_REFRESH_SECONDS: '0' } });
  w = await eventWorld(env);
  large = await person(env, 'member', undefined, {
    name: '苏州华芯微电子有限公司',
    sizeClass: 'large',
    regionCode: '320506',
    industryCode: '39',
  });
  large2 = await person(env, 'member', undefined, {
    name: '深圳远航汽车有限公司',
    sizeClass: 'large',
    regionCode: '440305',
    industryCode: '36',
  });
  uni = await person(env, 'member', undefined, {
    name: '北方理工大学',
    kind: 'university',
    regionCode: '110108',
    industryCode: '73',
  });
  reviewer = await person(env, 'member', uni.org);
  const admin = await person(env, 'base_admin', uni.org);
  const d = await admin.client.post(`/api/organisations/${uni.org.id}/confidentiality-reviewers`, {
    userId: reviewer.user.id,
  });
  expect(d.statusCode, d.body).toBe(201);
  sme = await person(env, 'member', undefined, {
    name: '苏州智联小微科技有限公司',
    sizeClass: 'small',
    regionCode: '320505',
    industryCode: '65',
  });

  // The fixed corpus: 20 items, 14 of them public.
  ids.r1 = await resource(
    large,
    '车规级芯片封装测试平台开放',
    '开放车规级芯片封装测试产线与可靠性实验室，面向中小企业提供芯片失效分析服务。',
  );
  ids.r2 = await resource(
    large,
    '工业互联网边缘计算测试床',
    '提供边缘计算网关、时间敏感网络交换机和工业互联网平台测试环境，面向中小企业开放预约。',
    { type: 'scenario' },
  );
  ids.r3 = await resource(large2, '扫描电镜开放共享', '场发射扫描电子显微镜，可开展材料微观形貌分析。', {
    type: 'instrument',
  });
  ids.r4 = await resource(large2, '智能工厂视觉质检场景', '开放焊装车间视觉质检场景，供中小企业验证缺陷检测算法。', {
    type: 'scenario',
    themeDayId: w.themeDay.id,
  });
  ids.r5 = await resource(large, '专精特新企业数字化转型培训营', '面向专精特新中小企业的数字化转型与精益管理培训。', {
    type: 'training',
  });
  ids.r6 = await resource(large, '芯片设计EDA工具开放', '开放芯片设计EDA工具授权（草稿，尚未发布）。', {}, false);
  ids.r7 = await resource(large, '功率芯片动态参数测试设备', '功率芯片动态参数测试仪器开放共享。', {
    type: 'instrument',
  });
  expect((await large.client.post(`/api/resources/${ids.r7}/close`)).statusCode).toBe(200);
  ids.d1 = await demand(
    large2,
    '动力电池热失控预警传感芯片',
    '面向动力电池热失控预警的专用传感芯片，要求温度精度±0.5℃，可在整车环境长期工作。',
  );
  ids.d2 = await demand(
    large2,
    '工业互联网平台边缘计算网关需求',
    '需要支持时间敏感网络的边缘计算网关，接入工业互联网平台，实现产线设备数据采集。',
  );
  ids.d3 = await demand(large, '储能电站热失控消防预警', '储能电站电池舱的早期火灾探测与消防联动方案。', {
    fieldCode: 'D44',
  });
  ids.t1 = await demand(large, '第三代半导体碳化硅功率器件', '碳化硅功率器件及模块，可对外技术许可。', {
    kind: 'technology',
  });
  ids.d4 = await demand(large2, '芯片可靠性测试需求', '草稿：车规芯片可靠性测试（尚未发布）。', {}, false);
  ids.res1 = await result(
    '高精度工业视觉缺陷检测算法',
    '基于深度学习的表面缺陷检测，检出率99.5%，已在汽车焊装线应用。',
    'public',
    { fieldCode: 'I65' },
  );
  ids.res2 = await result(
    '车规级MCU芯片可靠性评估方法',
    '覆盖温度循环、高温老化的车规级芯片可靠性评估方法。',
    'public',
    { trl: 7 },
  );
  ids.res3 = await result('芯片热仿真软件', '芯片封装热仿真（送审中，尚未审查）。', 'in_review');
  ids.res4 = await result('芯片封装材料配方', '芯片封装用材料配方（保密审查不同意公开）。', 'reject');
  ids.res5 = await result('芯片良率预测模型', '芯片良率预测（草稿）。', 'draft');
  ids.e1 = await session(sme, '芯片产业链供需对接会', '组织芯片设计、制造与封装测试企业开展供需对接。');
  const a = await large.client.post('/api/alliances', {
    name: '长三角工业互联网创新联盟',
    fieldCode: 'C39',
    charter: '推动工业互联网平台和边缘计算技术在长三角制造企业的应用。',
  });
  expect(a.statusCode, a.body).toBe(201);
  ids.e2 = a.json<{ id: string }>().id;
  tick();
  ids.e3 = await session(uni, '储能安全专家研讨会', '邀请专家研讨储能电站热失控预警与消防技术。', 'seminar');
  await env.app.searchIndex.refresh();
});
afterAll(async () => {
  await env?.close();
});

const INVISIBLE = () => [ids.r6, ids.r7, ids.d4, ids.res3, ids.res4, ids.res5];

describe('Chinese full-text search', () => {
  it('matches a two-character word inside a longer phrase (芯片 in 车规级芯片封装测试) and marks it in the title', async () => {
    const res = await q('芯片');
    const hit = res.items.find((i) => i.id === ids.r1);
    expect(hit).toBeDefined();
    expect(hit!.title.text).toBe('车规级芯片封装测试平台开放');
    expect(hit!.title.ranges.length).toBeGreaterThan(0);
    // 芯片 is marked; so is 封装测试, a narrower term of 芯片 = 集成电路 in the lexicon (adjacent: one range)
    const marked = (h: Hl) => h.ranges.map(([s, e]) => h.text.slice(s, e));
    expect(marked(hit!.title)).toEqual(['芯片封装测试']);
    for (const m of marked(hit!.snippet)) expect(['芯片', '封装测试', '芯片封装测试']).toContain(m);
    // the word as typed counts most; the expansion adds less
    expect(hit!.matchedTerms).toEqual(['芯片', '封装测试']);
    expect(hit!.link).toBe(`/resources/${ids.r1}`);
    expect(hit!.organisation).toEqual({ id: large.org.id, name: '苏州华芯微电子有限公司' });
    expect(hit!.region).toBe('320506');
    expect(hit!.industry).toBe('C39');
    expect(hit!.publishedAt).not.toBeNull();
    expect(res.terms).toEqual(['芯片']);
  });

  it('keeps 专精特新 and 工业互联网 as one term each (the domain dictionary)', async () => {
    const a = await q('专精特新');
    expect(a.terms).toContain('专精特新');
    expect(titles(a)[0]).toBe('专精特新企业数字化转型培训营');
    const hl = a.items[0]!.title;
    expect(hl.ranges.map(([s, e]) => hl.text.slice(s, e))).toEqual(['专精特新']);
    const b = await q('工业互联网');
    expect(b.terms).toContain('工业互联网');
    // the compound is the word the user meant: it contributes most to every hit that has it
    expect(b.items.length).toBeGreaterThan(0);
    for (const i of b.items.filter((x) => x.title.text.includes('工业互联网')))
      expect(i.matchedTerms[0]).toBe('工业互联网');
    const edge = b.items.find((i) => i.id === ids.r2)!;
    // 边缘计算 is a narrower term of 工业互联网 in the lexicon, and adjacent: one marked range
    expect(edge.title.ranges.map(([s, e]) => edge.title.text.slice(s, e))).toEqual(['工业互联网边缘计算']);
    expect(edge.matchedTerms[0]).toBe('工业互联网');
  });

  it('ranks the item with the term in its title first', async () => {
    const res = await q('缺陷检测');
    expect(titles(res).slice(0, 2)).toEqual(['高精度工业视觉缺陷检测算法', '智能工厂视觉质检场景']);
    expect(res.items[0]!.score).toBeGreaterThan(res.items[1]!.score);
    const snip = res.items[1]!.snippet;
    expect(snip.ranges.map(([s, e]) => snip.text.slice(s, e))).toContain('缺陷检测');
  });

  it('returns the same ordered results on SQLite and PostgreSQL for a fixed corpus', async () => {
    // Hard-coded: the same assertion runs on both databases, so equal output is proven, not assumed.
    expect(titles(await q('芯片'))).toEqual([
      '车规级芯片封装测试平台开放',
      '芯片产业链供需对接会',
      '动力电池热失控预警传感芯片',
      '车规级MCU芯片可靠性评估方法',
      '第三代半导体碳化硅功率器件', // only narrower terms of 芯片 = 集成电路 (功率器件, 第三代半导体): last
    ]);
    expect(titles(await q('工业互联网 边缘计算'))).toEqual([
      '工业互联网边缘计算测试床',
      '工业互联网平台边缘计算网关需求',
      '长三角工业互联网创新联盟',
      '高精度工业视觉缺陷检测算法', // only the part 工业 of 工业互联网
    ]);
    expect(titles(await q('热失控预警'))).toEqual([
      '动力电池热失控预警传感芯片',
      '储能电站热失控消防预警',
      '储能安全专家研讨会',
    ]);
    // empty text: the public items, newest first
    expect(titles(await q(''))).toEqual([
      '储能安全专家研讨会',
      '长三角工业互联网创新联盟',
      '芯片产业链供需对接会',
      '车规级MCU芯片可靠性评估方法',
      '高精度工业视觉缺陷检测算法',
      '第三代半导体碳化硅功率器件',
      '储能电站热失控消防预警',
      '工业互联网平台边缘计算网关需求',
      '动力电池热失控预警传感芯片',
      '专精特新企业数字化转型培训营',
      '智能工厂视觉质检场景',
      '扫描电镜开放共享',
      '工业互联网边缘计算测试床',
      '车规级芯片封装测试平台开放',
    ]);
  });

  it('never finds drafts, closed resources, results under review or refused publication (不同意公开)', async () => {
    const found = new Set(
      [...(await q('芯片')).items, ...(await q('')).items, ...(await q('芯片', '&type=result')).items].map((i) => i.id),
    );
    for (const id of INVISIBLE()) expect(found.has(id)).toBe(false);
    expect((await q('芯片良率预测模型')).items.map((i) => i.id)).not.toContain(ids.res5);
    expect((await q('芯片封装材料配方')).items.map((i) => i.id)).not.toContain(ids.res4);
    // signed-in owners do not see their own drafts here either: search lists what the public may see
    const own = (await large.client.get('/api/search?q=EDA')).json<Page>();
    expect(own.total).toBe(0);
  });

  it('answers a query of stopwords and punctuation with an empty result, not an error', async () => {
    const res = await q('的了，。！？');
    expect(res).toEqual({
      items: [],
      total: 0,
      page: 1,
      pageSize: 50,
      terms: [],
      didYouMean: null,
      corrected: false,
    });
  });

  it('gives links to each item kind and pages the results', async () => {
    const all = await q('');
    const link = (id: string) => all.items.find((i) => i.id === id)?.link;
    expect(link(ids.d1)).toBe(`/demands/${ids.d1}`);
    expect(link(ids.t1)).toBe(`/technologies/${ids.t1}`);
    expect(link(ids.res1)).toBe(`/results/${ids.res1}`);
    expect(link(ids.e1)).toBe(`/docking/${ids.e1}`);
    expect(link(ids.e2)).toBe(`/docking/${ids.e2}`);
    const p2 = await search('q=&page=2&pageSize=5');
    expect(p2.total).toBe(14);
    expect(p2.items.map((i) => i.id)).toEqual(all.items.slice(5, 10).map((i) => i.id));
  });

  it('documents the endpoints in the OpenAPI document with the search tag and Chinese summaries', async () => {
    const doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, { get?: { tags?: string[]; summary?: string } }>;
    }>();
    for (const path of ['/api/search', '/api/demands/{id}/recommendations', '/api/recommendations/for-me']) {
      const op = doc.paths[path]?.get;
      expect(op?.tags, path).toEqual(['search']);
      expect(op?.summary).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('refuses unknown types and page sizes over 50 with validation_failed', async () => {
    for (const qs of ['type=resource,foo', 'pageSize=51', 'orgSize=huge', 'region=3', 'industry=C39X']) {
      const r = await env.app.inject({ method: 'GET', url: `/api/search?${qs}` });
      expect(problem(r).status, qs).toBe(400);
      expect(problem(r).code).toBe('validation_failed');
    }
  });
});

describe('search filters', () => {
  it('filters by type (comma-separated)', async () => {
    expect(new Set((await q('', '&type=result')).items.map((i) => i.type))).toEqual(new Set(['result']));
    const mixed = await q('芯片', '&type=resource,event');
    expect(titles(mixed)).toEqual(['车规级芯片封装测试平台开放', '芯片产业链供需对接会']);
    expect((await q('', '&type=technology')).items.map((i) => i.id)).toEqual([ids.t1]);
    expect((await q('', '&type=event')).total).toBe(3);
  });

  it('filters by industry with a prefix (section, division, or digits only)', async () => {
    const c36 = await q('', '&industry=C36');
    expect(new Set(c36.items.map((i) => i.id))).toEqual(new Set([ids.r3, ids.r4]));
    expect((await q('', '&industry=36')).total).toBe(2);
    expect((await q('', '&industry=D')).items.map((i) => i.id)).toEqual([ids.d3]);
    const c39 = (await q('芯片', '&industry=C39')).items;
    expect(c39.length).toBe(4); // 车规级芯片…, MCU…, 传感芯片, and 碳化硅功率器件 (a narrower term)
    for (const i of c39) expect(i.industry).toBe('C39');
  });

  it('filters by region code or prefix', async () => {
    const gd = await q('', '&region=44');
    expect(new Set(gd.items.map((i) => i.id))).toEqual(new Set([ids.r3, ids.r4, ids.d1, ids.d2]));
    expect((await q('', '&region=440000')).total).toBe(4);
    const suzhou = await q('', '&region=3205');
    expect(suzhou.items.every((i) => i.region?.startsWith('3205'))).toBe(true);
    expect(suzhou.items.map((i) => i.id)).toContain(ids.e1); // the SME's session, 320505
    expect((await q('', '&region=320505')).items.map((i) => i.id)).toEqual([ids.e1]);
  });

  it('filters by theme day', async () => {
    const res = await q('', `&themeDayId=${w.themeDay.id}`);
    expect(res.items.map((i) => i.id)).toEqual([ids.r4]);
    expect(res.items[0]!.themeDayId).toBe(w.themeDay.id);
  });

  it('filters by organisation size and kind', async () => {
    expect((await q('', '&orgSize=small')).items.map((i) => i.id)).toEqual([ids.e1]);
    expect((await q('', '&orgSize=large')).total).toBe(10);
    expect(new Set((await q('', '&orgKind=university')).items.map((i) => i.id))).toEqual(
      new Set([ids.res1, ids.res2, ids.e3]),
    );
  });
});

describe('keeping the index fresh', () => {
  it('picks up a newly published item and drops a closed one at the next refresh, never in the writing request', async () => {
    const id = await resource(large, '晶圆级芯片键合设备共享', '开放晶圆键合设备，面向芯片企业。', {
      type: 'instrument',
    });
    // the write returned before indexing: not found until the refresh
    expect((await q('晶圆')).items.map((i) => i.id)).not.toContain(id);
    await env.app.searchIndex.refresh();
    expect((await q('晶圆')).items.map((i) => i.id)).toEqual([id]);
    expect((await large.client.post(`/api/resources/${id}/close`)).statusCode).toBe(200);
    await env.app.searchIndex.refresh();
    expect((await q('晶圆')).total).toBe(0);
  });

  it('indexes a result only once its confidentiality review says 可以公开', async () => {
    const id = await result('晶圆缺陷在线检测光学系统', '晶圆表面缺陷在线光学检测。', 'in_review');
    await env.app.searchIndex.refresh();
    expect((await q('晶圆缺陷')).items.map((i) => i.id)).not.toContain(id);
    expect((await reviewer.client.post(`/api/results/${id}/review`, { outcome: 'public' })).statusCode).toBe(200);
    await env.app.searchIndex.refresh();
    expect((await q('晶圆缺陷')).items[0]?.id).toBe(id);
  });

  it('re-indexes an edited item and follows an organisation rename', async () => {
    expect(
      (await large.client.patch(`/api/resources/${ids.r3}`, { title: '扫描电镜与能谱仪开放共享' })).statusCode,
    ).toBe(403);
    const r = await large2.client.patch(`/api/resources/${ids.r3}`, { title: '扫描电镜与能谱仪开放共享' });
    expect(r.statusCode, r.body).toBe(200);
    // (the factories stamp organisations with the real time, so the rename does too)
    await env.database.db
      .updateTable('organisations')
      .set({ name: '深圳远航新能源汽车有限公司', updated_at: new Date().toISOString() })
      .where('id', '=', large2.org.id)
      .execute();
    await env.app.searchIndex.refresh();
    const hit = (await q('能谱仪')).items[0]!;
    expect(hit.id).toBe(ids.r3);
    expect(hit.organisation?.name).toBe('深圳远航新能源汽车有限公司');
    await large2.client.patch(`/api/resources/${ids.r3}`, { title: '扫描电镜开放共享' });
    await env.app.searchIndex.refresh();
  });
});

describe('supply–demand recommendations', () => {
  it('recommends the matching resource for a demand with a reason naming shared keywords', async () => {
    const r = await env.app.inject({ method: 'GET', url: `/api/demands/${ids.d2}/recommendations` });
    expect(r.statusCode, r.body).toBe(200);
    const { items } = r.json<{ items: Rec[] }>();
    expect(items[0]).toMatchObject({
      type: 'resource',
      id: ids.r2,
      title: '工业互联网边缘计算测试床',
      link: `/resources/${ids.r2}`,
    });
    expect(items[0]!.reason).toMatch(/^共同关键词：/);
    expect(items[0]!.reason).toMatch(/工业互联网|边缘计算/);
    expect(items[0]!.score).toBeGreaterThan(0);
    // organisations come with their page link; never the demand's own organisation or its own items
    const org = items.find((i) => i.type === 'organisation');
    expect(org).toMatchObject({ id: large.org.id, link: `/orgs/${large.org.id}` });
    expect(items.map((i) => i.id)).not.toContain(large2.org.id);
    expect(items.map((i) => i.id)).not.toContain(ids.d2);
    for (const bad of INVISIBLE()) expect(items.map((i) => i.id)).not.toContain(bad);
  });

  it('recommends public results (not unreviewed ones) for a chip demand', async () => {
    const { items } = (await large.client.get(`/api/demands/${ids.d1}/recommendations`)).json<{ items: Rec[] }>();
    const got = items.map((i) => i.id);
    expect(got).toContain(ids.res2);
    expect(got).toContain(ids.r1);
    expect(items.find((i) => i.id === ids.res2)!.link).toBe(`/results/${ids.res2}`);
    expect(got).not.toContain(ids.res3);
    expect(got).not.toContain(ids.res4);
  });

  it('updates a demand’s recommendations after a refresh when a better item is published', async () => {
    const before = (await env.app.inject({ method: 'GET', url: `/api/demands/${ids.d3}/recommendations` })).json<{
      items: Rec[];
    }>();
    const id = await resource(
      uni,
      '储能电站热失控预警与消防联动实验平台',
      '储能电站电池舱热失控预警、火灾探测与消防联动验证。',
    );
    await env.app.searchIndex.refresh();
    const after = (await env.app.inject({ method: 'GET', url: `/api/demands/${ids.d3}/recommendations` })).json<{
      items: Rec[];
    }>();
    expect(before.items.map((i) => i.id)).not.toContain(id);
    expect(after.items[0]!.id).toBe(id);
  });

  it('is 404 for a draft demand to anyone but its organisation, and for an unknown id', async () => {
    expect(problem(await env.app.inject({ method: 'GET', url: `/api/demands/${ids.d4}/recommendations` })).code).toBe(
      'not_found',
    );
    expect((await sme.client.get(`/api/demands/${ids.d4}/recommendations`)).statusCode).toBe(404);
    expect((await large.client.get(`/api/demands/${ids.d4}/recommendations`)).statusCode).toBe(404);
    const own = await large2.client.get(`/api/demands/${ids.d4}/recommendations`);
    expect(own.statusCode).toBe(200);
    expect(own.json<{ items: Rec[] }>().items.map((i) => i.id)).toContain(ids.r1);
    expect((await env.app.inject({ method: 'GET', url: '/api/demands/nope/recommendations' })).statusCode).toBe(404);
  });

  it('requires sign-in (401) and an organisation one acts for (403) for the personal recommendations', async () => {
    expect(problem(await env.app.inject({ method: 'GET', url: '/api/recommendations/for-me' })).code).toBe(
      'unauthenticated',
    );
    const expert = await person(env, 'expert');
    expect(problem(await expert.client.get('/api/recommendations/for-me')).code).toBe('not_acting_for_organisation');
  });

  it('proposes demands an organisation could answer and resources it could use, never its own', async () => {
    const r = await uni.client.get('/api/recommendations/for-me');
    expect(r.statusCode, r.body).toBe(200);
    const me = r.json<{ demands: Rec[]; resources: Rec[] }>();
    // its public results (车规级芯片可靠性, 缺陷检测) answer the chip demand
    expect(me.demands.map((d) => d.id)).toContain(ids.d1);
    expect(me.demands.every((d) => d.type === 'demand' || d.type === 'technology')).toBe(true);
    expect(me.demands.find((d) => d.id === ids.d1)!.reason).toContain('共同关键词');
    expect(me.resources.map((d) => d.id)).toContain(ids.r1);
    expect(me.resources.every((d) => d.type === 'resource')).toBe(true);
    const mine = new Set([ids.res1, ids.res2, ids.e3]);
    for (const x of [...me.demands, ...me.resources]) expect(mine.has(x.id)).toBe(false);
  });

  it('leaves demands past their deadline out of the personal recommendations', async () => {
    const id = await demand(large2, '车规级芯片可靠性联合攻关', '车规级芯片可靠性评估与失效分析联合攻关。', {
      deadline: '2020-05-19',
    });
    await env.app.searchIndex.refresh();
    expect((await q('车规级芯片可靠性联合攻关')).items[0]?.id).toBe(id); // still public and searchable
    const me = (await uni.client.get('/api/recommendations/for-me')).json<{ demands: Rec[] }>();
    expect(me.demands.map((d) => d.id)).not.toContain(id);
  });

  it('uses what an organisation said it seeks at a meeting session (its profile) for the resources it could use', async () => {
    const resources = async () =>
      (await sme.client.get('/api/recommendations/for-me')).json<{ resources: Rec[] }>().resources;
    expect((await resources()).map((r) => r.id)).not.toContain(ids.r3);
    const created = await w.host.client.post(`/api/theme-days/${w.themeDay.id}/meeting-sessions`, {
      title: '新材料供需洽谈会',
      mode: 'self_booking',
      slots: [{ start: '2020-09-15T09:00', minutes: 30 }],
      tables: 2,
    });
    expect(created.statusCode, created.body).toBe(201);
    const sessionId = created.json<{ id: string }>().id;
    const joined = await sme.client.post(`/api/meeting-sessions/${sessionId}/participants`, {
      offer: '工业软件定制开发',
      seek: '需要扫描电镜做材料微观形貌分析',
    });
    expect(joined.statusCode, joined.body).toBe(201);
    const got = (await resources()).find((r) => r.id === ids.r3);
    expect(got).toBeDefined();
    expect(got!.reason).toContain('扫描电镜');
  });

  it('explains and favours past cooperation only once the other party confirmed the project', async () => {
    const recs = async () =>
      (await large2.client.get(`/api/demands/${ids.d1}/recommendations`)).json<{ items: Rec[] }>().items;
    const before = (await recs()).find((i) => i.id === ids.r1)!;
    expect(before.reason).toContain('共同关键词');
    expect(before.reason).not.toContain('合作项目');
    const created = await large2.client.post('/api/projects', {
      title: '车规级传感芯片联合研发',
      type: 'joint_rd',
      contentAreas: [],
      parties: [
        { organisationId: large2.org.id, role: 'lead' },
        { organisationId: large.org.id, role: 'participant' },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const projectId = created.json<{ id: string }>().id;
    // a candidate (large has not confirmed) is no cooperation yet
    expect((await recs()).find((i) => i.id === ids.r1)!.reason).not.toContain('合作项目');
    const ok = await large.client.post(`/api/projects/${projectId}/confirm`, {});
    expect(ok.statusCode, ok.body).toBe(200);
    const after = (await recs()).find((i) => i.id === ids.r1)!;
    expect(after.reason).toContain('双方已有合作项目');
    expect(after.score).toBeGreaterThan(before.score);
    expect(after.score).toBeLessThan(before.score * 1.05); // a small bonus, never a new ranking
  });
});
