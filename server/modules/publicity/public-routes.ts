/**
 * The portal's publicity (no sign-in): published news with its Atom feed, published success cases, benchmark
 * enterprises by year, and the uploaded images. Anything not published is 404 — an image too, unless published
 * news or a published case shows it, or the signed-in caller uploaded it or may see a draft that shows it.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../common/contracts/common.ts';
import {
  BenchmarkList,
  BenchmarkQuery,
  PublicCaseList,
  PublicCaseView,
  PublicCasesQuery,
  PublicNewsList,
  PublicNewsQuery,
  PublicNewsView,
  PublicPhotoList,
} from '../../../common/contracts/publicity.ts';
import type { Ctx } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { canSeeCase, canSeeNews } from './policy.ts';
import { newsFacts } from './service.ts';
import { atomFeed, baseUrl, type FeedEntry } from './atom.ts';
import {
  loadProjects,
  presentBenchmarks,
  presentPublicCases,
  presentPublicNews,
  presentPublicNewsView,
  presentPublicPhotos,
} from './presenter.ts';
import { getThemeDay } from '../themedays/repository.ts';
import {
  benchmarkYears,
  benchmarks,
  getCase,
  getNews,
  imageUses,
  imagesByIds,
  publishedCases,
  publishedNews,
  publishedOfThemeDay,
} from './repository.ts';

const TAGS = ['publicity'];
const IMAGE_MIME = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' } as const;
const FEED_SIZE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** 'public' when published news or a published case shows the image; 'private' when only the caller may see it. */
async function imageAudience(ctx: Ctx, img: { id: string; uploaded_by: string }): Promise<'public' | 'private' | null> {
  const uses = await imageUses(ctx.db, img.id);
  if (uses.news.some((n) => n.status === 'published') || uses.cases.some((c) => c.status === 'published'))
    return 'public';
  const actor = ctx.actor;
  if (!actor) return null;
  if (img.uploaded_by === actor.userId) return 'private';
  for (const n of uses.news) if (canSeeNews(actor, await newsFacts(ctx.db, n))) return 'private';
  const { facts } = await loadProjects(
    ctx.db,
    uses.cases.map((c) => c.project_id),
  );
  if ([...facts.values()].some((f) => canSeeCase(actor, f))) return 'private';
  return null;
}

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/public/news',
    {
      schema: {
        tags: TAGS,
        summary: '新闻动态（已发布，按发布时间倒序；可按主题日筛选）',
        querystring: PublicNewsQuery,
        response: { 200: PublicNewsList },
      },
    },
    async (req) => {
      const q = req.query;
      const { rows, total } = await publishedNews(req.ctx.db, {
        themeDayId: q.themeDayId,
        offset: (q.page - 1) * q.pageSize,
        limit: q.pageSize,
      });
      if (q.order === 'asc') rows.reverse();
      return { items: await presentPublicNews(req.ctx.db, rows), total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/public/news.atom',
    { schema: { tags: TAGS, summary: '新闻动态 Atom 订阅源（最近50条）' } },
    async (req, reply) => {
      const db = req.ctx.db;
      const { rows } = await publishedNews(db, { offset: 0, limit: FEED_SIZE });
      const items = await presentPublicNews(db, rows);
      const entries: FeedEntry[] = items.map((it, i) => ({
        ...it,
        body: rows[i]!.body,
        updatedAt: rows[i]!.updated_at,
      }));
      const base = baseUrl(app.config.PUBLIC_URL, req.protocol, req.host);
      return reply
        .header('content-type', 'application/atom+xml; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .send(atomFeed(base, entries, req.ctx.clock.now()));
    },
  );

  app.get(
    '/public/news/:id',
    { schema: { tags: TAGS, summary: '新闻正文（仅已发布）', params: IdParams, response: { 200: PublicNewsView } } },
    async (req) => {
      const row = await getNews(req.ctx.db, req.params.id);
      if (!row || row.status !== 'published') throw notFound();
      return presentPublicNewsView(req.ctx.db, row);
    },
  );

  app.get(
    '/public/cases',
    {
      schema: {
        tags: TAGS,
        summary: '融通创新成功案例（已发布）',
        querystring: PublicCasesQuery,
        response: { 200: PublicCaseList },
      },
    },
    async (req) => {
      const q = req.query;
      const db = req.ctx.db;
      const { rows, total } = await publishedCases(db, {
        themeDayId: q.themeDayId,
        offset: (q.page - 1) * q.pageSize,
        limit: q.pageSize,
      });
      if (q.order === 'asc') rows.reverse();
      const { projects, facts } = await loadProjects(
        db,
        rows.map((r) => r.project_id),
      );
      const items = await presentPublicCases(
        db,
        rows.map((row) => ({ row, project: projects.get(row.project_id)!, facts: facts.get(row.project_id)! })),
      );
      return {
        items: items.map(({ story: _s, photos: _p, ...rest }) => rest),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );

  app.get(
    '/public/cases/:id',
    {
      schema: { tags: TAGS, summary: '成功案例详情（仅已发布）', params: IdParams, response: { 200: PublicCaseView } },
    },
    async (req) => {
      const db = req.ctx.db;
      const row = await getCase(db, req.params.id);
      if (!row || row.status !== 'published') throw notFound();
      const { projects, facts } = await loadProjects(db, [row.project_id]);
      const [v] = await presentPublicCases(db, [
        { row, project: projects.get(row.project_id)!, facts: facts.get(row.project_id)! },
      ]);
      return v!;
    },
  );

  app.get(
    '/public/theme-days/:id/photos',
    {
      schema: {
        tags: ['public', ...TAGS],
        summary: '主题日照片（已发布新闻的封面与正文图片、已发布成功案例的照片，最新在前）',
        params: IdParams,
        response: { 200: PublicPhotoList },
      },
    },
    async (req, reply) => {
      const db = req.ctx.db;
      const td = await getThemeDay(db, req.params.id);
      if (!td || td.programme.status === 'draft') throw notFound();
      const { news, cases } = await publishedOfThemeDay(db, td.id);
      reply.header('cache-control', 'public, no-cache');
      return { items: await presentPublicPhotos(db, news, cases) };
    },
  );

  app.get(
    '/public/benchmarks',
    {
      schema: {
        tags: TAGS,
        summary: '融通创新标杆企业（可按年度筛选）',
        querystring: BenchmarkQuery,
        response: { 200: BenchmarkList },
      },
    },
    async (req) => {
      const rows = await benchmarks(req.ctx.db, req.query.year);
      return { items: await presentBenchmarks(req.ctx.db, rows), years: await benchmarkYears(req.ctx.db) };
    },
  );

  app.get(
    '/public/images/:id',
    {
      schema: {
        tags: TAGS,
        summary: '宣传图片（封面、照片、正文插图；已发布内容所用的公开，草稿所用的仅上传人和能看到该草稿的人可见）',
        params: IdParams,
      },
    },
    async (req, reply) => {
      const id = req.params.id;
      const img = UUID.test(id) ? (await imagesByIds(req.ctx.db, [id])).get(id) : undefined;
      const audience = img ? await imageAudience(req.ctx, img) : null;
      if (!img || !audience) throw notFound();
      return reply
        .header('content-type', IMAGE_MIME[img.type])
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'")
        .header('cache-control', audience === 'public' ? 'public, max-age=86400' : 'private, no-store')
        .send(createReadStream(join(req.ctx.uploadDir, img.path)));
    },
  );
};

export default routes;
