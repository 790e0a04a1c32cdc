/**
 * News (issue 11 §3): rich text sanitised on the server, who writes for a theme day (NDRC, the host's staff,
 * support organisations the host delegated), the host's review of a support organisation's draft, who may
 * publish (403/404 refusals), the public API showing only published news (404 otherwise), and the Atom feed.
 */
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActions, createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { meetingWorld } from '../meetings/testkit.ts';
import { party, type Party } from '../projects/testkit.ts';
import { baseUrl } from './atom.ts';
import { embeddedImageIds, sanitizeRichText } from './sanitize.ts';
import { PNG, WEBP, form, upload } from './testkit.ts';

let env: TestEnv;
let w: Awaited<ReturnType<typeof meetingWorld>>;
let other: Awaited<ReturnType<typeof meetingWorld>>; // another host's theme day
let member: Party;
let strayOrg: Party; // a support organisation not in the activity plan
beforeAll(async () => {
  env = await createTestEnv();
  w = await meetingWorld(env);
  other = await meetingWorld(env);
  member = await party(env, {});
  strayOrg = await party(env, { role: 'support_org', kind: 'support_org' });
});
afterAll(async () => {
  await env?.close();
});

const NASTY = [
  '<h2 onclick="steal()">活动综述</h2>',
  '<p style="color:red" onmouseover="x()">首日签约<strong>12</strong>项，<em>金额</em><u>3亿元</u><s>旧</s>。</p>',
  '<script>alert(1)</script><style>p{display:none}</style><iframe src="https://evil.example"></iframe>',
  '<a href="javascript:alert(1)">恶意链接</a><a href="JaVaScRiPt&colon;alert(2)">变体</a>',
  '<a href="https://www.ndrc.gov.cn/" target="_blank">发改委网站</a><a href="mailto:press@example.cn">联系</a>',
  '<img src="data:image/png;base64,iVBORw0KGgo=" alt="内嵌"><img src="https://evil.example/x.png">',
  '<img src="/api/public/images/0b6f3c1e-1111-4222-8333-444455556666" onerror="x()" alt="现场">',
  '<blockquote>融通创新</blockquote><ul><li>一</li></ul><ol><li>二</li></ol>',
  '<table><thead><tr><th>项目</th></tr></thead><tbody><tr><td colspan="2" style="x">1</td></tr></tbody></table>',
  '<svg onload="x()"><script>1</script></svg><object data="x.swf"></object>',
].join('');

describe('rich text sanitising', () => {
  it('drops scripts, styles, frames, event handlers, javascript: and data: URLs and foreign images; keeps the allowed markup', () => {
    const out = sanitizeRichText(NASTY);
    for (const bad of [
      '<script',
      'alert(',
      '<style',
      '<iframe',
      'onclick',
      'onmouseover',
      'onerror',
      'onload',
      'javascript',
      'data:',
      'evil.example',
      'style=',
      '<svg',
      '<object',
    ])
      expect(out.toLowerCase()).not.toContain(bad.toLowerCase());
    expect(out).toContain('<h2>活动综述</h2>');
    expect(out).toContain('<p>首日签约<strong>12</strong>项，<em>金额</em><u>3亿元</u><s>旧</s>。</p>');
    expect(out).toContain(
      '<a rel="noopener noreferrer" href="https://www.ndrc.gov.cn/" target="_blank">发改委网站</a>',
    );
    expect(out).toContain('<a rel="noopener noreferrer" href="mailto:press@example.cn">联系</a>');
    expect(out).toContain('<a rel="noopener noreferrer">恶意链接</a>');
    expect(out).toContain('<img src="/api/public/images/0b6f3c1e-1111-4222-8333-444455556666" alt="现场" />');
    expect(out).toContain('<blockquote>融通创新</blockquote><ul><li>一</li></ul><ol><li>二</li></ol>');
    expect(out).toContain('<td colspan="2">1</td>');
    expect(embeddedImageIds(out)).toEqual(['0b6f3c1e-1111-4222-8333-444455556666']);
  });

  it('stores only the sanitised HTML', async () => {
    const r = await w.host.client.post('/api/news', { themeDayId: w.themeDayId, title: '清洗测试', body: NASTY });
    expect(r.statusCode).toBe(201);
    const stored = await env.database.db
      .selectFrom('news')
      .select('body')
      .where('id', '=', r.json().id)
      .executeTakeFirstOrThrow();
    expect(stored.body).toBe(sanitizeRichText(NASTY));
    expect(stored.body).not.toMatch(/script|javascript|onerror|data:/i);
    expect(r.json().body).toBe(stored.body);
  });
});

describe('images', () => {
  it('accepts PNG, JPEG and WebP by content, refuses anything else (415) and large files (413)', async () => {
    const id = await upload(w.host.client, PNG, 'a.png');
    expect(await upload(w.host.client, WEBP, 'b.webp')).toBeTruthy();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const bad = await w.host.client.request({
      method: 'POST',
      url: '/api/publicity/images',
      ...form({ name: 'x.png', data: svg }),
    });
    expect(problem(bad)).toMatchObject({ status: 415, code: 'image_type_not_allowed' });
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024 + 10)]);
    const tooBig = await w.host.client.request({
      method: 'POST',
      url: '/api/publicity/images',
      ...form({ name: 'big.png', data: big }),
    });
    expect(problem(tooBig)).toMatchObject({ status: 413, code: 'image_too_large' });
    const anon = await env.app.inject({
      method: 'POST',
      url: '/api/publicity/images',
      ...form({ name: 'a.png', data: PNG }),
    });
    expect(anon.statusCode).toBe(401);
    // Not shown by anything published yet: only the uploader sees it (not cached); anyone else gets 404.
    expect((await env.app.inject({ method: 'GET', url: `/api/public/images/${id}` })).statusCode).toBe(404);
    expect((await member.client.get(`/api/public/images/${id}`)).statusCode).toBe(404);
    expect((await env.app.inject({ method: 'GET', url: '/api/public/images/not-a-uuid' })).statusCode).toBe(404);
    const served = await w.host.client.get(`/api/public/images/${id}`);
    expect(served.statusCode).toBe(200);
    expect(served.headers['cache-control']).toBe('private, no-store');
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(served.rawPayload.equals(PNG)).toBe(true);
  });
});

describe('who writes and who publishes', () => {
  it('lets NDRC write programme-wide news and publish it directly; nobody else writes programme-wide', async () => {
    const r = await w.owner.client.post('/api/news', {
      title: '全国融通创新主题日活动启动',
      summary: '摘要',
      body: '<p>正文</p>',
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      status: 'draft',
      authorKind: 'ndrc',
      themeDay: null,
      abilities: { publish: true, submit: false },
    });
    const p = await w.owner.client.post(`/api/news/${r.json().id}/publish`);
    expect(p.statusCode).toBe(200);
    expect(p.json()).toMatchObject({ status: 'published', abilities: { unpublish: true } });
    expect(problem(await w.host.client.post('/api/news', { title: '越权' }))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
  });

  it('lets the host write and publish for its theme day; refuses members, other hosts and undelegated support organisations', async () => {
    const body = { themeDayId: w.themeDayId, title: '主题日圆满举办', body: '<p>现场</p>' };
    expect(problem(await member.client.post('/api/news', body))).toMatchObject({ status: 403 });
    expect(problem(await other.host.client.post('/api/news', body))).toMatchObject({ status: 403 });
    expect(problem(await w.support.client.post('/api/news', body))).toMatchObject({ status: 403 });
    expect(problem(await w.host.client.post('/api/news', { ...body, themeDayId: 'nope' }))).toMatchObject({
      status: 404,
    });
    const cover = await upload(w.host.client);
    const r = await w.host.client.post('/api/news', { ...body, coverImageId: cover });
    expect(r.json()).toMatchObject({ authorKind: 'host', cover: { id: cover, url: `/api/public/images/${cover}` } });
    const id = r.json().id;
    // Out of scope: another host, a member and the support organisation do not see the host's draft.
    for (const c of [other.host.client, member.client, w.support.client])
      expect(problem(await c.get(`/api/news/${id}`))).toMatchObject({ status: 404, code: 'not_found' });
    expect(problem(await other.host.client.post(`/api/news/${id}/publish`))).toMatchObject({ status: 404 });
    expect((await env.app.inject({ method: 'GET', url: `/api/public/news/${id}` })).statusCode).toBe(404);
    // The draft's cover: the host's colleagues who manage the news see it, another host and the public do not.
    const coverUrl = `/api/public/images/${cover}`;
    expect((await other.host.client.get(coverUrl)).statusCode).toBe(404);
    expect((await env.app.inject({ method: 'GET', url: coverUrl })).statusCode).toBe(404);
    expect((await w.owner.client.get(coverUrl)).statusCode).toBe(200);
    expect((await w.host.client.post(`/api/news/${id}/publish`)).json()).toMatchObject({ status: 'published' });
    const shown = await env.app.inject({ method: 'GET', url: coverUrl });
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['cache-control']).toBe('public, max-age=86400');
    const pub = await env.app.inject({ method: 'GET', url: `/api/public/news/${id}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ title: '主题日圆满举办', body: '<p>现场</p>', themeDay: { id: w.themeDayId } });
    expect(problem(await w.host.client.post(`/api/news/${id}/publish`))).toMatchObject({
      status: 409,
      code: 'news_transition_invalid',
    });
    expect(problem(await w.host.client.post(`/api/news/${id}/approve`))).toMatchObject({ status: 403 });
    expect((await w.host.client.post(`/api/news/${id}/unpublish`)).json()).toMatchObject({ status: 'unpublished' });
    expect((await env.app.inject({ method: 'GET', url: `/api/public/news/${id}` })).statusCode).toBe(404);
    expect((await env.app.inject({ method: 'GET', url: coverUrl })).statusCode).toBe(404);
    expect(await auditActions(env, 'news', id)).toEqual(['create', 'publish', 'unpublish']);
  });

  it("sends a delegated support organisation's draft through the host's review before it goes out", async () => {
    // Delegation: only support organisations named in the activity plan; only the host or NDRC delegates.
    expect(
      problem(
        await w.host.client.put(`/api/theme-days/${w.themeDayId}/news-delegates`, {
          organisationIds: [strayOrg.org.id],
        }),
      ),
    ).toMatchObject({
      status: 400,
      code: 'not_a_support_organisation',
    });
    expect(
      problem(await other.host.client.put(`/api/theme-days/${w.themeDayId}/news-delegates`, { organisationIds: [] })),
    ).toMatchObject({ status: 404 });
    const d = await w.host.client.put(`/api/theme-days/${w.themeDayId}/news-delegates`, {
      organisationIds: [w.support.org.id],
    });
    expect(d.json()).toMatchObject({ delegates: [{ id: w.support.org.id }], candidates: [{ id: w.support.org.id }] });

    const r = await w.support.client.post('/api/news', {
      themeDayId: w.themeDayId,
      title: '支撑机构稿件',
      body: '<p>初稿</p>',
    });
    expect(r.statusCode).toBe(201);
    const id = r.json().id;
    expect(r.json()).toMatchObject({
      status: 'draft',
      authorKind: 'support',
      abilities: { submit: true, publish: false },
    });
    // Not before review: the support organisation cannot publish its draft.
    expect(problem(await w.support.client.post(`/api/news/${id}/publish`))).toMatchObject({
      status: 409,
      code: 'news_transition_invalid',
    });
    expect(problem(await w.support.client.post(`/api/news/${id}/approve`))).toMatchObject({ status: 403 });
    // The host does not publish a draft it has not been sent.
    expect(problem(await w.host.client.post(`/api/news/${id}/publish`))).toMatchObject({ status: 409 });

    expect((await w.support.client.post(`/api/news/${id}/submit`)).json()).toMatchObject({
      status: 'submitted',
      abilities: { edit: false },
    });
    expect(problem(await w.support.client.put(`/api/news/${id}`, { title: '改', body: '' }))).toMatchObject({
      status: 409,
    });
    const box = (await w.host.client.get('/api/news?box=review')).json();
    expect(box.items.map((x: { id: string }) => x.id)).toEqual([id]);
    expect((await other.host.client.get('/api/news?box=review')).json().total).toBe(0);
    expect(problem(await w.host.client.post(`/api/news/${id}/return`, { reason: '' }))).toMatchObject({ status: 400 });
    const back = await w.host.client.post(`/api/news/${id}/return`, { reason: '请补充签约项目数据' });
    expect(back.json()).toMatchObject({ status: 'returned', returnReason: '请补充签约项目数据' });
    const notes = await env.database.db
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', w.support.user.id)
      .execute();
    expect(notes.map((n) => n.kind)).toContain('news_returned');

    const edited = await w.support.client.put(`/api/news/${id}`, {
      title: '支撑机构稿件（修改）',
      body: '<p>补充：签约12项</p><script>x</script>',
    });
    expect(edited.json()).toMatchObject({ status: 'returned', body: '<p>补充：签约12项</p>' });
    expect((await w.support.client.post(`/api/news/${id}/submit`)).json()).toMatchObject({
      status: 'submitted',
      returnReason: null,
    });
    expect((await w.host.client.post(`/api/news/${id}/approve`)).json()).toMatchObject({ status: 'approved' });
    expect((await env.app.inject({ method: 'GET', url: `/api/public/news/${id}` })).statusCode).toBe(404);
    expect((await w.support.client.post(`/api/news/${id}/publish`)).json()).toMatchObject({ status: 'published' });
    const pub = await env.app.inject({ method: 'GET', url: `/api/public/news/${id}` });
    expect(pub.json()).toMatchObject({ title: '支撑机构稿件（修改）', authorOrganisation: { id: w.support.org.id } });

    // Once the delegation is withdrawn the support organisation no longer edits or resubmits.
    await w.host.client.post(`/api/news/${id}/unpublish`);
    await w.host.client.put(`/api/theme-days/${w.themeDayId}/news-delegates`, { organisationIds: [] });
    expect(problem(await w.support.client.post(`/api/news/${id}/submit`))).toMatchObject({ status: 403 });
    expect(
      problem(await w.support.client.post('/api/news', { themeDayId: w.themeDayId, title: '再写一篇' })),
    ).toMatchObject({ status: 403 });
    expect(await auditActions(env, 'news', id)).toEqual([
      'approve',
      'create',
      'publish',
      'return',
      'submit',
      'submit',
      'unpublish',
      'update',
    ]);
  });
});

describe('the public news list and the Atom feed', () => {
  it('lists only published news, newest first, optionally by theme day', async () => {
    const draft = (await w.owner.client.post('/api/news', { title: '未发布草稿' })).json();
    const mk = async (title: string, themeDayId: string | null, at: string) => {
      env.clock.set(at);
      await w.owner.client.login(w.owner.user.email, w.owner.user.password);
      const n = (
        await w.owner.client.post('/api/news', {
          title,
          themeDayId,
          summary: `${title}摘要`,
          body: '<p>正文 & "引号" <b>粗</b></p>',
        })
      ).json();
      await w.owner.client.post(`/api/news/${n.id}/publish`);
      return n.id as string;
    };
    const a = await mk('第一篇 <转义> & 测试', w.themeDayId, '2020-06-01T02:00:00Z');
    const b = await mk('第二篇', other.themeDayId, '2020-06-02T02:00:00Z');
    const list = (await env.app.inject({ method: 'GET', url: '/api/public/news?pageSize=50' })).json();
    const ids = list.items.map((x: { id: string }) => x.id);
    expect(ids.indexOf(b)).toBeLessThan(ids.indexOf(a));
    expect(ids).not.toContain(draft.id);
    expect(list.items.every((x: { publishedAt: string }) => !!x.publishedAt)).toBe(true);
    const mine = (
      await env.app.inject({ method: 'GET', url: `/api/public/news?themeDayId=${other.themeDayId}` })
    ).json();
    expect(mine.items.map((x: { id: string }) => x.id)).toEqual([b]);
    expect((await env.app.inject({ method: 'GET', url: `/api/public/news/${draft.id}` })).statusCode).toBe(404);

    const feed = await env.app.inject({
      method: 'GET',
      url: '/api/public/news.atom',
      headers: { host: 'rongtong.example.cn' },
    });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^application\/atom\+xml/);
    // Parses as XML (a strict parser), with the Atom namespace and one entry per published piece.
    const parser = new SaxesParser({ xmlns: true });
    const entries: { id: string; title: string; link: string; content: string }[] = [];
    let cur: { id: string; title: string; link: string; content: string } | null = null;
    let field: string | null = null;
    let feedNs = '';
    parser.on('opentag', (t) => {
      if (t.local === 'feed') feedNs = t.uri;
      if (t.local === 'entry') cur = { id: '', title: '', link: '', content: '' };
      else if (cur && ['id', 'title', 'content'].includes(t.local)) field = t.local;
      else if (cur && t.local === 'link' && t.attributes.rel?.value === 'alternate')
        cur.link = t.attributes.href!.value;
    });
    parser.on('text', (x) => {
      if (cur && field) cur[field as 'id' | 'title' | 'content'] += x;
    });
    parser.on('closetag', (t) => {
      if (t.local === 'entry' && cur) {
        entries.push(cur);
        cur = null;
      }
      field = null;
    });
    parser.write(feed.body).close();
    expect(feedNs).toBe('http://www.w3.org/2005/Atom');
    const published = (
      await env.database.db.selectFrom('news').select('id').where('status', '=', 'published').execute()
    ).map((r) => r.id);
    expect(entries.map((e) => e.id.replace('urn:uuid:', '')).sort()).toEqual(published.sort());
    const first = entries.find((e) => e.id === `urn:uuid:${a}`)!;
    expect(first.title).toBe('第一篇 <转义> & 测试');
    expect(first.link).toBe(`http://rongtong.example.cn/news/${a}`);
    expect(first.content).toBe('<p>正文 &amp; "引号" <strong>粗</strong></p>');
    expect(feed.body).toContain('&lt;转义&gt; &amp; 测试');

    // A configured public address wins over the request's host; a hostile Host header is not echoed.
    expect(baseUrl('https://rongtong.example.gov.cn/', 'http', 'other.example')).toBe(
      'https://rongtong.example.gov.cn',
    );
    const hostile = await env.app.inject({
      method: 'GET',
      url: '/api/public/news.atom',
      headers: { host: 'evil"><x' },
    });
    expect(hostile.body).not.toContain('evil');
  });
});
