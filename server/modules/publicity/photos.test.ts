/**
 * A theme day's photos on its public page (issue 16: a past theme day shows what came out of it): the covers and
 * body images of its published news and the photos of its published success cases, newest first, each once.
 * Drafts, unpublished pieces and other theme days stay out; an unknown theme day or one of a draft programme is 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_IMAGE_PATH, type PublicPhotoList } from '../../../common/contracts/publicity.ts';
import { createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { meetingWorld } from '../meetings/testkit.ts';
import { party, projectBody, type Party } from '../projects/testkit.ts';
import { upload } from './testkit.ts';

let env: TestEnv;
let w: Awaited<ReturnType<typeof meetingWorld>>;
let other: Awaited<ReturnType<typeof meetingWorld>>;
let a: Party;
let b: Party;
beforeAll(async () => {
  env = await createTestEnv();
  w = await meetingWorld(env);
  other = await meetingWorld(env);
  a = await party(env, { sizeClass: 'small' });
  b = await party(env, { sizeClass: 'large' });
});
afterAll(async () => {
  await env?.close();
});

const photos = async (themeDayId: string) => {
  const r = await env.app.inject({ method: 'GET', url: `/api/public/theme-days/${themeDayId}/photos` });
  expect(r.statusCode, r.body).toBe(200);
  return r.json<PublicPhotoList>().items;
};

/** Publishes a news piece of `w`'s theme day a minute after whatever happened before (so the order is clear). */
async function publishNews(body: Record<string, unknown>): Promise<string> {
  env.clock.advance(60_000);
  const n = await w.host.client.post('/api/news', { themeDayId: w.themeDayId, summary: '摘要', ...body });
  expect(n.statusCode, n.body).toBe(201);
  const p = await w.host.client.post(`/api/news/${n.json().id}/publish`);
  expect(p.json()).toMatchObject({ status: 'published' });
  return n.json().id as string;
}

describe('the photos of a theme day', () => {
  it('is empty while nothing with a picture is published', async () => {
    expect(await photos(w.themeDayId)).toEqual([]);
    // A draft with a cover is not public, and neither is its cover.
    const cover = await upload(w.host.client);
    const draft = await w.host.client.post('/api/news', {
      themeDayId: w.themeDayId,
      title: '草稿',
      coverImageId: cover,
    });
    expect(draft.statusCode).toBe(201);
    expect(await photos(w.themeDayId)).toEqual([]);
  });

  it('shows covers, body images and case photos of published pieces, newest first, each image once', async () => {
    const cover = await upload(w.host.client);
    const inBody = await upload(w.host.client);
    const older = await publishNews({
      title: '主题日现场',
      coverImageId: cover,
      // The cover again in the body: shown once.
      body: `<p>现场</p><img src="${PUBLIC_IMAGE_PATH}${inBody}" alt="签约"><img src="${PUBLIC_IMAGE_PATH}${cover}">`,
    });
    // Another theme day's news stays on its own page.
    env.clock.advance(60_000);
    const elsewhere = await upload(other.host.client);
    const o = await other.host.client.post('/api/news', {
      themeDayId: other.themeDayId,
      title: '别处',
      coverImageId: elsewhere,
    });
    await other.host.client.post(`/api/news/${o.json().id}/publish`);

    // A success case of a project of the theme day, agreed by both parties and published by NDRC.
    env.clock.advance(60_000);
    const p = (
      await a.client.post('/api/projects', projectBody([a, b], { themeDayId: w.themeDayId, title: '视觉质检' }))
    ).json();
    expect((await b.client.post(`/api/projects/${p.id}/confirm`, { publishConsent: true })).json()).toMatchObject({
      counted: true,
    });
    const p1 = await upload(a.client);
    const p2 = await upload(a.client);
    const c = (
      await a.client.post('/api/cases', {
        projectId: p.id,
        title: '视觉质检让良品率提升',
        summary: '摘要',
        story: '<p>合作历程</p>',
        figures: [],
        photoIds: [p1, p2],
      })
    ).json();
    // Not yet published: its photos are not shown.
    expect((await photos(w.themeDayId)).map((x) => x.image.id)).toEqual([cover, inBody]);
    await b.client.post(`/api/cases/${c.id}/consent`, { agree: true });
    expect((await w.owner.client.post(`/api/cases/${c.id}/publish`)).json()).toMatchObject({ status: 'published' });

    const items = await photos(w.themeDayId);
    expect(items.map((x) => x.image.id)).toEqual([p1, p2, cover, inBody]);
    expect(items[0]).toMatchObject({
      image: { url: `${PUBLIC_IMAGE_PATH}${p1}` },
      source: { kind: 'case', id: c.id, title: '视觉质检让良品率提升' },
    });
    expect(items[2]).toMatchObject({ source: { kind: 'news', id: older, title: '主题日现场' } });
    expect((await photos(other.themeDayId)).map((x) => x.image.id)).toEqual([elsewhere]);
    // Every listed image is really public.
    for (const x of items) expect((await env.app.inject({ method: 'GET', url: x.image.url })).statusCode).toBe(200);

    // Taken down: its photos go with it.
    expect((await w.host.client.post(`/api/news/${older}/unpublish`)).json()).toMatchObject({ status: 'unpublished' });
    expect((await photos(w.themeDayId)).map((x) => x.image.id)).toEqual([p1, p2]);
  });

  it('is 404 for an unknown theme day and for one of a draft programme', async () => {
    const unknown = await env.app.inject({ method: 'GET', url: '/api/public/theme-days/nope/photos' });
    expect(problem(unknown)).toMatchObject({ status: 404, code: 'not_found' });
    await env.database.db
      .updateTable('programmes')
      .set({ status: 'draft' })
      .where('id', '=', other.programmeId)
      .execute();
    const draft = await env.app.inject({ method: 'GET', url: `/api/public/theme-days/${other.themeDayId}/photos` });
    expect(problem(draft)).toMatchObject({ status: 404, code: 'not_found' });
  });
});
