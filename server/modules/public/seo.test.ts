/**
 * The portal for search engines, link previews and phones (issue 16): server-rendered public pages, robots.txt,
 * sitemap.xml (public items only), compressed and validated API reads, cached static files.
 */
import { rmSync } from 'node:fs';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness.ts';
import { newId } from '../../lib/ids.ts';
import { scheduledWorld } from '../themedays/test-helpers.ts';
import { demand as demandOf, draftThemeDay as draftOf, fakeWebRoot, TEMPLATE } from './testkit.ts';

let env: TestEnv;
let webRoot: string;
const ASSET = `console.log(${JSON.stringify('融通'.repeat(800))});`;

beforeAll(async () => {
  webRoot = fakeWebRoot(ASSET, brotliCompressSync(ASSET));
  env = await createTestEnv({ now: '2020-05-20T02:00:00Z', webRoot });
});
afterAll(async () => {
  await env?.close();
  rmSync(webRoot, { recursive: true, force: true });
});

const db = () => env.database.db;
const get = (url: string, headers: Record<string, string> = {}) => env.app.inject({ method: 'GET', url, headers });

const schedule = (year: number, start: string, end: string, shortName: string) =>
  scheduledWorld(env, year, start, end, { shortName, regionCode: '370212' });
const draftThemeDay = () => draftOf(db());
const demand = (status: 'draft' | 'published' | 'closed', kind: 'demand' | 'technology' = 'demand') =>
  demandOf(db(), status, kind);

describe(`the portal for search engines and phones (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it("answers a theme day's URL with its theme, host, dates, Open Graph tags and an Event, escaped", async () => {
    const s = await schedule(2020, '2020-09-10', '2020-09-11', '海尔卡奥斯');
    await db()
      .updateTable('theme_days')
      .set({ theme: '工业互联网 <script>alert("x")</script> & 5G' })
      .where('id', '=', s.themeDayId)
      .execute();
    const r = await get(`/theme-days/${s.themeDayId}`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/html/);
    expect(r.headers['cache-control']).toBe('no-cache');
    const html = r.body;
    expect(html).toContain('<title>海尔卡奥斯融通创新主题日 · 融通创新主题日平台</title>');
    expect(html).toContain('工业互联网 &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 5G');
    expect(html).not.toContain('<script>alert');
    expect(html).toContain(s.host.base.name);
    expect(html).toContain('2020年9月10日至11日');
    expect(html).toContain(`<meta property="og:title" content="海尔卡奥斯融通创新主题日 · 融通创新主题日平台" />`);
    expect(html).toMatch(/<meta property="og:description" content="[^"]*2020年9月10日至11日[^"]*" \/>/);
    expect(html).toContain(`<link rel="canonical" href="http://localhost:80/theme-days/${s.themeDayId}" />`);
    expect(html).toMatch(/<meta name="description" content="海尔卡奥斯融通创新主题日：/);
    expect(html.match(/<title>/g)).toHaveLength(1);
    // JSON-LD Event and the embedded data: parseable, and nothing in them can close the <script> element.
    const ld = /<script type="application\/ld\+json">(.*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(ld).not.toContain('<');
    expect(JSON.parse(ld)).toMatchObject({
      '@type': 'Event',
      name: '海尔卡奥斯融通创新主题日',
      startDate: '2020-09-10',
      endDate: '2020-09-11',
      organizer: { name: s.host.base.name },
      location: { address: { addressRegion: '山东省' } },
    });
    const seeds = JSON.parse(
      /<script type="application\/json" id="rt-initial-data">(.*?)<\/script>/.exec(html)?.[1] ?? '[]',
    );
    const api = (await get(`/api/public/theme-days/${s.themeDayId}`)).json();
    expect(seeds).toContainEqual([['public', 'theme-day', s.themeDayId], api]);
    expect(seeds).toContainEqual([['server-today'], '2020-05-20']);
    // Nobody signed in (no session cookie): the SPA is told so and does not ask /api/auth/me.
    expect(seeds).toContainEqual([['me'], null]);

    // Compressed for a client that takes it, and 304 when it has it already.
    const br = await get(`/theme-days/${s.themeDayId}`, { 'accept-encoding': 'gzip, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(html);
    const again = await get(`/theme-days/${s.themeDayId}`, { 'if-none-match': String(r.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('answers a theme day that is not public, or does not exist, with the plain shell, 404 and noindex', async () => {
    const hidden = await draftThemeDay();
    for (const url of [`/theme-days/${hidden}`, `/theme-days/${newId()}`, '/theme-days/not-an-id']) {
      const r = await get(url);
      expect(r.statusCode, url).toBe(404);
      expect(r.body).toContain('<meta name="robots" content="noindex" />');
      expect(r.body).not.toContain('草稿主题日');
      expect(r.body).toContain('<div id="root"></div>');
    }
  });

  it('renders the home page with the year’s theme days and their data for the SPA', async () => {
    await schedule(2020, '2020-07-01', '2020-07-01', '航天云网');
    const r = await get('/');
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('航天云网融通创新主题日');
    expect(r.body).toContain('2020年7月1日');
    expect(r.body).toContain('<meta property="og:type" content="website" />');
    expect(r.body).toContain('"public","theme-days","all"');
    expect(r.body).not.toContain('草稿主题日');
  });

  it('renders a public demand, a technology under its own URL, and never a draft', async () => {
    const pub = await demand('published');
    const tech = await demand('closed', 'technology');
    const draft = await demand('draft');
    const r = await get(`/demands/${pub}`);
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('<h1>需求published</h1>');
    expect(r.body).toContain('高精度传感器联合研发');
    expect(r.body).toContain(`"demand","${pub}"`);
    // A signed-in reader's view has abilities of its own: the anonymous one is not embedded for them.
    const signedIn = await get(`/demands/${pub}`, { cookie: 'rt_sid=whatever' });
    expect(signedIn.body).toContain('<h1>需求published</h1>');
    expect(signedIn.body).not.toContain(`"demand","${pub}"`);
    expect(signedIn.body).not.toContain('[["me"],null]');
    expect(signedIn.headers.vary).toMatch(/Cookie/);
    expect((await get(`/technologies/${tech}`)).body).toContain(
      `rel="canonical" href="http://localhost:80/technologies/${tech}"`,
    );
    const d = await get(`/demands/${draft}`);
    expect(d.statusCode).toBe(404);
    expect(d.body).not.toContain('需求draft');
  });

  it('lists every public theme day and demand in sitemap.xml and nothing private; robots.txt keeps out the workspace and API', async () => {
    const s = await schedule(2020, '2020-10-10', '2020-10-10', '宝武');
    const hidden = await draftThemeDay();
    const pub = await demand('published');
    const closed = await demand('closed');
    const tech = await demand('published', 'technology');
    const draft = await demand('draft');
    const r = await get('/sitemap.xml');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/application\/xml/);
    const xml = r.body;
    expect(xml).toContain(`<loc>http://localhost:80/theme-days/${s.themeDayId}</loc>`);
    expect(xml).toContain(`<loc>http://localhost:80/demands/${pub}</loc>`);
    expect(xml).toContain(`<loc>http://localhost:80/demands/${closed}</loc>`);
    expect(xml).toContain(`<loc>http://localhost:80/technologies/${tech}</loc>`);
    expect(xml).not.toContain(hidden);
    expect(xml).not.toContain(draft);
    // Every public theme day, as the public API lists them.
    const days = (await get('/api/public/theme-days?pageSize=200')).json().items as { id: string }[];
    expect(days.length).toBeGreaterThan(0);
    for (const d of days) expect(xml).toContain(`/theme-days/${d.id}</loc>`);

    const robots = await get('/robots.txt');
    expect(robots.headers['content-type']).toMatch(/text\/plain/);
    expect(robots.body).toMatch(/^Disallow: \/workspace$/m);
    expect(robots.body).toMatch(/^Disallow: \/api\/$/m);
    expect(robots.body).toMatch(/^Sitemap: http:\/\/localhost:80\/sitemap\.xml$/m);
  });

  it('compresses anonymous API reads and answers 304 to a matching ETag; a signed-in read stays as it is', async () => {
    const gz = await get('/api/public/theme-days?pageSize=200', { 'accept-encoding': 'gzip' });
    expect(gz.statusCode).toBe(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['cache-control']).toBe('public, no-cache');
    const plainBody = (await get('/api/public/theme-days?pageSize=200')).body;
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plainBody);
    const br = await get('/api/public/theme-days?pageSize=200', { 'accept-encoding': 'br;q=1, gzip;q=0.5' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plainBody);
    const notModified = await get('/api/public/theme-days?pageSize=200', { 'if-none-match': String(gz.headers.etag) });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
    const refused = await get('/api/public/theme-days?pageSize=200', { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    const withCookie = await get('/api/public/theme-days?pageSize=200', {
      'accept-encoding': 'gzip',
      cookie: 'rt_sid=garbage',
    });
    expect(withCookie.headers['content-encoding']).toBeUndefined();
    expect(withCookie.headers.etag).toBeUndefined();
  });

  it('serves hashed assets precompressed and immutable, index.html revalidated, other client routes as the shell', async () => {
    const a = await get('/assets/index-abc123.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(a.statusCode).toBe(200);
    expect(a.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(a.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(a.rawPayload).toString()).toBe(ASSET);
    const raw = await get('/assets/index-abc123.js');
    expect(raw.headers['content-encoding']).toBeUndefined();
    expect(raw.body).toBe(ASSET);
    // The compressed sibling is no file of its own: the name falls through to the SPA shell.
    expect((await get('/assets/index-abc123.js.br')).body).toBe(TEMPLATE);
    const spa = await get('/workspace/plans');
    expect(spa.statusCode).toBe(200);
    expect(spa.headers['cache-control']).toBe('no-cache');
    expect(spa.body).toBe(TEMPLATE);
  });
});
