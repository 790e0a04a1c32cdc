/**
 * The rest of the portal as real HTML (issue 16): the base directory, the lists of demands and technologies,
 * resources, results, news and success cases, the detail pages of resources, results, event sessions (with an
 * Event), roadshows, success cases and organisations — their content, Open Graph tags and the data the SPA's
 * queries read embedded under the same keys; anything not public answers as the SPA's 404; sitemap.xml lists
 * the public item of each kind and not the private one.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness.ts';
import { newId } from '../../lib/ids.ts';
import { createOrganisation } from '../../test/factories.ts';
import { scheduledWorld } from '../themedays/test-helpers.ts';
import { meetingWorld } from '../meetings/testkit.ts';
import { party, projectBody } from '../projects/testkit.ts';
import { demand, draftThemeDay, fakeWebRoot, jsonLdOf, news, resource, result, seedsOf, session } from './testkit.ts';

let env: TestEnv;
let webRoot: string;
let world: Awaited<ReturnType<typeof scheduledWorld>>;
let org: { id: string; name: string };
type ItemName =
  | 'demand'
  | 'draftDemand'
  | 'technology'
  | 'resource'
  | 'draftResource'
  | 'result'
  | 'reviewResult'
  | 'news'
  | 'draftNews'
  | 'session'
  | 'roadshow'
  | 'draftSession'
  | 'draftRoadshow'
  | 'quietOrg';
const ids = {} as Record<ItemName, string>;

beforeAll(async () => {
  webRoot = fakeWebRoot('console.log(1)');
  env = await createTestEnv({ now: '2020-05-20T02:00:00Z', webRoot });
  const db = env.database.db;
  world = await scheduledWorld(env, 2020, '2020-09-10', '2020-09-11', { shortName: '海尔', regionCode: '370212' });
  org = await createOrganisation(db, { name: '青岛智能传感科技有限公司' });
  const hidden = await draftThemeDay(db);
  ids.demand = await demand(db, 'published', 'demand', { title: '高精度压力传感器研发需求', organisationId: org.id });
  ids.draftDemand = await demand(db, 'draft', 'demand', { title: '未发布的需求', organisationId: org.id });
  ids.technology = await demand(db, 'published', 'technology', { title: '柔性应变片新技术', organisationId: org.id });
  ids.resource = await resource(db, 'published', { title: '电磁兼容实验室', organisationId: org.id, quota: 5 });
  ids.draftResource = await resource(db, 'draft', { title: '未发布的资源', organisationId: org.id });
  ids.result = await result(db, 'public', { title: '低功耗无线传感网络成果', organisationId: org.id });
  ids.reviewResult = await result(db, 'in_review', { title: '审查中的成果', organisationId: org.id });
  ids.news = await news(db, 'published', '海尔主题日开幕');
  ids.draftNews = await news(db, 'draft', '未发布的新闻');
  const s = await session(db, world.themeDayId, { title: '工业互联网对接会' });
  ids.session = s.sessionId;
  const rs = await session(db, world.themeDayId, { title: '路演专场', roadshow: '智能制造项目路演' });
  ids.roadshow = rs.roadshowId!;
  const hiddenSession = await session(db, hidden, { title: '草稿场次', roadshow: '草稿路演' });
  ids.draftSession = hiddenSession.sessionId;
  ids.draftRoadshow = hiddenSession.roadshowId!;
  // An organisation that publishes nothing public.
  ids.quietOrg = (await createOrganisation(db, { name: '没有公开内容的机构' })).id;
  await resource(db, 'draft', { organisationId: ids.quietOrg });
});
afterAll(async () => {
  await env?.close();
  rmSync(webRoot, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = {}) => env.app.inject({ method: 'GET', url, headers });
const api = async (url: string) => {
  const r = await get(url);
  expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
  return r.json();
};

/** The page answers 200 with its title, Open Graph tags, a canonical URL and every text in `contains`. */
async function page(url: string, title: string, contains: string[], canonical = url) {
  const r = await get(url);
  expect(r.statusCode, url).toBe(200);
  expect(r.headers['content-type']).toMatch(/text\/html/);
  const html = r.body;
  expect(html).toContain(`<title>${title}</title>`);
  expect(html).toContain(`<meta property="og:title" content="${title}" />`);
  expect(html).toMatch(/<meta property="og:description" content="[^"]+" \/>/);
  expect(html).toContain(`<meta property="og:url" content="http://localhost:80${canonical}" />`);
  expect(html).toContain(`<link rel="canonical" href="http://localhost:80${canonical}" />`);
  for (const c of contains) expect(html, c).toContain(c);
  expect(html).not.toContain('<div id="root"></div>');
  return html;
}

/** The page answers as the SPA's 404: the plain shell, noindex, none of the item's text. */
async function notFound(url: string, secret?: string) {
  const r = await get(url);
  expect(r.statusCode, url).toBe(404);
  expect(r.body).toContain('<meta name="robots" content="noindex" />');
  expect(r.body).toContain('<div id="root"></div>');
  if (secret) expect(r.body).not.toContain(secret);
}

describe(`the portal's lists as HTML (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('renders the base directory with the bases, under the query key of its table', async () => {
    const html = await page('/bases', '双创示范基地名录 · 融通创新主题日平台', [world.host.base.name, '区域示范基地']);
    const key = { page: 1, pageSize: 20, sort: 'name', order: 'asc' };
    expect(seedsOf(html)).toContainEqual([
      ['bases', 'directory', key],
      await api('/api/bases?page=1&pageSize=20&sort=name&order=asc'),
    ]);
    // A filter is in the key and the read; a filtered list is not indexed.
    const filtered = await get('/bases?q=%E6%B2%A1%E6%9C%89%E8%BF%99%E4%B8%AA&page=1');
    expect(filtered.body).toContain('<meta name="robots" content="noindex" />');
    expect(seedsOf(filtered.body)).toContainEqual([
      ['bases', 'directory', { q: '没有这个', page: 1, pageSize: 20, sort: 'name', order: 'asc' }],
      await api('/api/bases?q=%E6%B2%A1%E6%9C%89%E8%BF%99%E4%B8%AA&page=1&pageSize=20&sort=name&order=asc'),
    ]);
    expect(filtered.body).not.toContain(world.host.base.name);
  });

  it('renders the demands and the technologies, never a draft', async () => {
    const html = await page('/demands', '创新需求清单 · 融通创新主题日平台', [
      `<a href="/demands/${ids.demand}">高精度压力传感器研发需求</a>`,
      '青岛智能传感科技有限公司',
    ]);
    expect(html).not.toContain('未发布的需求');
    expect(html).not.toContain('柔性应变片新技术');
    expect(seedsOf(html)).toContainEqual([
      ['demands', 'public', 'demand', {}, 1],
      await api('/api/demands?kind=demand&page=1&pageSize=12&sort=publishedAt&order=desc'),
    ]);
    const tech = await page(
      '/demands?kind=technology',
      '新技术目录 · 融通创新主题日平台',
      [`<a href="/technologies/${ids.technology}">柔性应变片新技术</a>`],
      '/demands?kind=technology',
    );
    expect(tech).not.toContain('noindex');
    expect(seedsOf(tech).map((s) => s[0])).toContainEqual(['demands', 'public', 'technology', {}, 1]);
    // A signed-in reader's list has abilities of its own: not embedded for them.
    const signedIn = await get('/demands', { cookie: 'rt_sid=whatever' });
    expect(signedIn.body).toContain('高精度压力传感器研发需求');
    expect(seedsOf(signedIn.body).map((s) => s[0][0])).not.toContain('demands');
  });

  it('renders the resources and results lists with public items only', async () => {
    const res = await page('/resources', '创新资源开放共享 · 融通创新主题日平台', [
      `<a href="/resources/${ids.resource}">电磁兼容实验室</a>`,
    ]);
    expect(res).not.toContain('未发布的资源');
    expect(seedsOf(res)).toContainEqual([
      ['resources', 'public', { page: 1, pageSize: 12 }],
      await api('/api/resources?page=1&pageSize=12'),
    ]);
    const results = await page('/results', '创新成果联合转化 · 融通创新主题日平台', [
      `<a href="/results/${ids.result}">低功耗无线传感网络成果</a>`,
      '技术成熟度6级',
    ]);
    expect(results).not.toContain('审查中的成果');
    expect(seedsOf(results)).toContainEqual([
      ['results', 'public', { page: 1, pageSize: 12 }],
      await api('/api/results?page=1&pageSize=12'),
    ]);
    // The theme-day filter's options are public and embedded for everyone; the list (with the reader's
    // abilities) only for the anonymous reader.
    const days = await api('/api/public/theme-days?pageSize=200');
    expect(seedsOf(results)).toContainEqual([['public', 'theme-days', 'all'], days]);
    const signedIn = await get('/resources', { cookie: 'rt_sid=whatever' });
    expect(signedIn.body).toContain('电磁兼容实验室');
    expect(seedsOf(signedIn.body)).toContainEqual([['public', 'theme-days', 'all'], days]);
    expect(seedsOf(signedIn.body).map((s) => s[0][0])).not.toContain('resources');
    expect(signedIn.headers.vary).toMatch(/Cookie/);
    // A parameter the API refuses still gets the page (the SPA shows the error); nothing is embedded.
    const bad = await get('/resources?type=nonsense');
    expect(bad.statusCode).toBe(200);
    expect(seedsOf(bad.body).map((s) => s[0][0])).not.toContain('resources');
  });

  it('renders the news and success-case lists with published items, and a page link when there are more', async () => {
    const html = await page('/news', '新闻动态 · 融通创新主题日平台', [
      `<a href="/news/${ids.news}">海尔主题日开幕</a>`,
      '2020年5月3日',
    ]);
    expect(html).not.toContain('未发布的新闻');
    expect(seedsOf(html)).toContainEqual([
      ['public', 'news', 1, null],
      await api('/api/public/news?page=1&pageSize=10'),
    ]);
    expect(seedsOf(html).map((s) => s[0])).toContainEqual(['public', 'theme-days', 'all']);
    for (let i = 0; i < 10; i++) await news(env.database.db, 'published', `更多新闻${i}`);
    const first = await get('/news');
    expect(first.body).toContain('<a rel="next" href="/news?page=2">下一页</a>');
    const second = await page(
      '/news?page=2',
      '新闻动态 · 融通创新主题日平台',
      ['<a rel="prev" href="/news">'],
      '/news?page=2',
    );
    expect(seedsOf(second).map((s) => s[0])).toContainEqual(['public', 'news', 2, null]);
    const cases = await page('/cases', '融通创新成功案例 · 融通创新主题日平台', ['暂无成功案例。']);
    expect(seedsOf(cases).map((s) => s[0])).toContainEqual(['public', 'cases', 1]);
  });
});

describe(`the portal's detail pages as HTML (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('renders a resource with its quota embedded, a public result, and 404 for a draft, one in review or none', async () => {
    const r = await page(`/resources/${ids.resource}`, '电磁兼容实验室 · 开放资源 · 融通创新主题日平台', [
      '<h1>电磁兼容实验室</h1>',
      '电磁兼容实验室对中小企业开放',
      '青岛市崂山区',
    ]);
    const seeds = seedsOf(r);
    expect(seeds).toContainEqual([['resources', ids.resource], await api(`/api/resources/${ids.resource}`)]);
    expect(seeds).toContainEqual([
      ['resources', ids.resource, 'quota', 'today'],
      await api(`/api/resources/${ids.resource}/quota`),
    ]);
    const res = await page(`/results/${ids.result}`, '低功耗无线传感网络成果 · 科技成果 · 融通创新主题日平台', [
      'ZL202010000001.1',
      '6级',
    ]);
    expect(seedsOf(res)).toContainEqual([['results', ids.result], await api(`/api/results/${ids.result}`)]);
    await notFound(`/resources/${ids.draftResource}`, '未发布的资源');
    await notFound(`/results/${ids.reviewResult}`, '审查中的成果');
    await notFound(`/resources/${newId()}`);
    await notFound(`/results/${newId()}`);
  });

  it('renders an event session with an Event of the theme day, without the registrants’ online channel', async () => {
    const html = await page(
      `/sessions/${ids.session}`,
      `工业互联网对接会 · ${world.host.base.short_name}融通创新主题日 · 融通创新主题日平台`,
      ['青岛国际会议中心', '2020年9月10日 09:30—11:30', '线上线下结合', `<a href="/theme-days/${world.themeDayId}">`],
    );
    expect(html).not.toContain('live.example.cn');
    expect(jsonLdOf(html)).toMatchObject({
      '@type': 'Event',
      name: '工业互联网对接会',
      startDate: '2020-09-10T09:30:00+08:00',
      endDate: '2020-09-10T11:30:00+08:00',
      eventAttendanceMode: 'https://schema.org/MixedEventAttendanceMode',
      location: [{ '@type': 'Place', name: '青岛国际会议中心' }, { '@type': 'VirtualLocation' }],
      organizer: { name: world.host.base.name },
      superEvent: { url: `http://localhost:80/theme-days/${world.themeDayId}`, startDate: '2020-09-10' },
    });
    expect(seedsOf(html)).toContainEqual([
      ['events', 'session', ids.session],
      await api(`/api/event-sessions/${ids.session}`),
    ]);
    await notFound(`/sessions/${ids.draftSession}`, '草稿场次');
    await notFound(`/sessions/${newId()}`);
  });

  it('lists a theme day’s sessions, roadshows and published content on its page, linked, the sessions as sub-events of its Event', async () => {
    const db = env.database.db;
    const tdDemand = await demand(db, 'published', 'technology', {
      title: '主题日发布的新技术',
      themeDayId: world.themeDayId,
    });
    await demand(db, 'draft', 'demand', { title: '主题日的草稿需求', themeDayId: world.themeDayId });
    const tdResource = await resource(db, 'published', { title: '主题日开放的中试线', themeDayId: world.themeDayId });
    const r = await get(`/theme-days/${world.themeDayId}`);
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain(`<a href="/sessions/${ids.session}">工业互联网对接会</a>`);
    expect(r.body).toContain(`<a href="/roadshows/${ids.roadshow}">智能制造项目路演</a>`);
    expect(r.body).toContain(`<a href="/technologies/${tdDemand}">主题日发布的新技术</a>`);
    expect(r.body).toContain(`<a href="/resources/${tdResource}">主题日开放的中试线</a>`);
    expect(r.body).not.toContain('主题日的草稿需求');
    const embedded = seedsOf(r.body);
    expect(embedded).toContainEqual([
      ['demands', 'theme-day', world.themeDayId],
      await api(`/api/demands?themeDayId=${world.themeDayId}&pageSize=50`),
    ]);
    expect(embedded).toContainEqual([
      ['public', 'theme-day', world.themeDayId, 'roadshows'],
      await api(`/api/public/theme-days/${world.themeDayId}/roadshows`),
    ]);
    for (const k of ['resources', 'results', 'docking', 'alliances'])
      expect(embedded.map((s) => s[0])).toContainEqual([k, 'theme-day', world.themeDayId]);
    expect(embedded.map((s) => s[0])).toContainEqual(['public', 'meeting-sessions', world.themeDayId]);
    const ld = jsonLdOf(r.body) as { subEvent?: { name: string; url?: string; startDate: string }[] };
    expect(ld.subEvent).toContainEqual(
      expect.objectContaining({
        name: '工业互联网对接会',
        url: `http://localhost:80/sessions/${ids.session}`,
        startDate: '2020-09-10T09:30:00+08:00',
      }),
    );
    expect(seedsOf(r.body)).toContainEqual([
      ['events', 'theme-day', world.themeDayId],
      await api(`/api/theme-days/${world.themeDayId}/sessions?pageSize=200`),
    ]);
    // The sessions' abilities are the reader's own: not embedded for a signed-in reader, and the answer varies.
    const signedIn = await get(`/theme-days/${world.themeDayId}`, { cookie: 'rt_sid=whatever' });
    expect(signedIn.body).toContain('工业互联网对接会');
    for (const k of ['events', 'demands', 'resources', 'results', 'docking', 'alliances'])
      expect(seedsOf(signedIn.body).map((s) => s[0][0])).not.toContain(k);
    expect(seedsOf(signedIn.body).map((s) => s[0])).toContainEqual([
      'public',
      'theme-day',
      world.themeDayId,
      'roadshows',
    ]);
    expect(signedIn.headers.vary).toMatch(/Cookie/);
  });

  it('renders a roadshow with its criteria and an Event; a draft programme’s roadshow is 404', async () => {
    const html = await page(`/roadshows/${ids.roadshow}`, '智能制造项目路演 · 项目路演 · 融通创新主题日平台', [
      '技术先进性：100%',
      '路演项目名单确定后公布。',
    ]);
    expect(jsonLdOf(html)).toMatchObject({ '@type': 'Event', startDate: '2020-09-10T09:30:00+08:00' });
    expect(seedsOf(html)).toContainEqual([
      ['public', 'roadshow', ids.roadshow],
      await api(`/api/public/roadshows/${ids.roadshow}`),
    ]);
    await notFound(`/roadshows/${ids.draftRoadshow}`, '草稿路演');
  });

  it('renders an organisation with what it publishes, and none of its drafts', async () => {
    const html = await page(`/orgs/${org.id}`, '青岛智能传感科技有限公司 · 融通创新主题日平台', [
      `<a href="/demands/${ids.demand}">高精度压力传感器研发需求</a>`,
      `<a href="/technologies/${ids.technology}">柔性应变片新技术</a>`,
      `<a href="/resources/${ids.resource}">电磁兼容实验室</a>`,
      `<a href="/results/${ids.result}">低功耗无线传感网络成果</a>`,
    ]);
    for (const secret of ['未发布的需求', '未发布的资源', '审查中的成果']) expect(html).not.toContain(secret);
    expect(jsonLdOf(html)).toMatchObject({ '@type': 'Organization', name: '青岛智能传感科技有限公司' });
    const keys = seedsOf(html).map((s) => s[0]);
    for (const k of [
      ['public-org', org.id],
      ['demands', 'org', org.id, 'demand'],
      ['demands', 'org', org.id, 'technology'],
      ['resources', 'org', org.id],
      ['results', 'org', org.id],
      ['docking', 'org', org.id],
    ])
      expect(keys).toContainEqual(k);
    await notFound(`/orgs/${newId()}`);
  });
});

describe(`success cases as HTML (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('renders a published case with its parties and figures, 404 before it is published, and lists it in the sitemap', async () => {
    const w = await meetingWorld(env);
    const a = await party(env, { sizeClass: 'small' });
    const b = await party(env, { sizeClass: 'large' });
    const p = (await a.client.post('/api/projects', projectBody([a, b], { themeDayId: w.themeDayId }))).json();
    expect((await b.client.post(`/api/projects/${p.id}/confirm`, { publishConsent: true })).statusCode).toBe(200);
    const c = await a.client.post('/api/cases', {
      projectId: p.id,
      title: '视觉质检让中小企业良品率提升',
      summary: '大企业开放场景，小企业提供算法',
      story: '<p>合作历程：双方在主题日对接</p>',
      figures: [{ label: '良品率提升', value: '12', unit: '%' }],
      photoIds: [],
    });
    expect(c.statusCode, c.body).toBe(201);
    const id = c.json<{ id: string }>().id;
    await notFound(`/cases/${id}`, '视觉质检让中小企业良品率提升');
    expect((await get('/sitemap.xml')).body).not.toContain(id);

    expect((await b.client.post(`/api/cases/${id}/consent`, { agree: true })).statusCode).toBe(200);
    expect((await w.owner.client.post(`/api/cases/${id}/publish`)).statusCode).toBe(200);
    const html = await page(`/cases/${id}`, '视觉质检让中小企业良品率提升 · 成功案例 · 融通创新主题日平台', [
      a.org.name,
      b.org.name,
      '<dt>良品率提升</dt><dd>12%</dd>',
      '合作历程：双方在主题日对接',
    ]);
    expect(jsonLdOf(html)).toMatchObject({ '@type': 'Article', headline: '视觉质检让中小企业良品率提升' });
    expect(seedsOf(html)).toContainEqual([['public', 'cases', id], await api(`/api/public/cases/${id}`)]);
    const list = await get('/cases');
    expect(list.body).toContain(`<a href="/cases/${id}">视觉质检让中小企业良品率提升</a>`);
    expect((await get('/sitemap.xml')).body).toContain(`<loc>http://localhost:80/cases/${id}</loc>`);
  });
});

describe(`sitemap.xml (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('lists the public item of each kind and none of the private ones, and follows a change', async () => {
    const xml = (await get('/sitemap.xml')).body;
    const loc = (path: string) => `<loc>http://localhost:80${path}</loc>`;
    for (const path of [
      '/bases',
      '/demands',
      '/demands?kind=technology',
      '/resources',
      '/results',
      '/news',
      '/cases',
      `/theme-days/${world.themeDayId}`,
      `/sessions/${ids.session}`,
      `/roadshows/${ids.roadshow}`,
      `/demands/${ids.demand}`,
      `/technologies/${ids.technology}`,
      `/resources/${ids.resource}`,
      `/results/${ids.result}`,
      `/news/${ids.news}`,
      `/orgs/${org.id}`,
    ])
      expect(xml, path).toContain(loc(path));
    for (const id of [
      ids.draftDemand,
      ids.draftResource,
      ids.reviewResult,
      ids.draftNews,
      ids.draftSession,
      ids.draftRoadshow,
      ids.quietOrg,
    ])
      expect(xml).not.toContain(id);
    // Updated as items change: a result cleared for publication appears, a closed-down resource stays listed.
    const db = env.database.db;
    await db.updateTable('results').set({ status: 'public' }).where('id', '=', ids.reviewResult).execute();
    await db.updateTable('resources').set({ status: 'closed' }).where('id', '=', ids.resource).execute();
    await db.updateTable('news').set({ status: 'unpublished' }).where('id', '=', ids.news).execute();
    const after = (await get('/sitemap.xml')).body;
    expect(after).toContain(loc(`/results/${ids.reviewResult}`));
    expect(after).toContain(loc(`/resources/${ids.resource}`));
    expect(after).not.toContain(ids.news);
    await db.updateTable('results').set({ status: 'in_review' }).where('id', '=', ids.reviewResult).execute();
    await db.updateTable('resources').set({ status: 'published' }).where('id', '=', ids.resource).execute();
    await db.updateTable('news').set({ status: 'published' }).where('id', '=', ids.news).execute();
  });
});
