/**
 * Publicity for signed-in people (issue 11 §3): images, news delegations, news and its review, success cases
 * and consents, benchmark enterprises, nominations and their dossier. Handlers run validate → load →
 * authorise → act → present; records the caller may not see are 404.
 */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, pageSlice } from '../../../common/contracts/common.ts';
import {
  BenchmarkBody,
  BenchmarkList,
  BenchmarkQuery,
  BenchmarkView,
  CaseBody,
  CaseList,
  CaseListQuery,
  CaseUpdateBody,
  CaseView,
  ConsentBody,
  DelegatesBody,
  DelegatesView,
  DossierQuery,
  IMAGE_MAX_BYTES,
  ImageView,
  NewsBody,
  NewsList,
  NewsListQuery,
  NewsUpdateBody,
  NewsView,
  NominationBody,
  NominationList,
  NominationListQuery,
  NominationStatusBody,
  NominationView,
  ProjectCaseView,
  ReturnBody,
} from '../../../common/contracts/publicity.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { lastFile, readMultipart } from '../../lib/multipart.ts';
import { DOCX_MIME } from '../../lib/official-doc.ts';
import { authorize, isOwner, requireActor, verifiedOrgOnly } from '../../lib/policy.ts';
import { XLSX_MIME, xlsxAttachment } from '../../lib/xlsx.ts';
import { contentDisposition } from '../activity-plans/docx.ts';
import { getProject, orgFacts, supportOrgsOf, themeDayFacts } from '../projects/repository.ts';
import { dossierDocx, dossierFileName, dossierRows, dossierXlsx } from './dossier.ts';
import {
  canDelegate,
  canExportDossier,
  canProposeCase,
  canSeeCase,
  canSeeNews,
  isCountedLive,
  isDelegate,
  canSeeNomination,
  managesNews,
  type NewsAction,
  type NewsFacts,
} from './policy.ts';
import {
  imageView,
  loadProjects,
  presentBenchmarks,
  presentCases,
  presentNews,
  presentNominations,
  type CaseLoaded,
} from './presenter.ts';
import {
  benchmarkYears,
  benchmarks,
  caseOfProject,
  delegatesOf,
  findCases,
  findNews,
  findNominations,
  getBenchmark,
  getCase,
  getNews,
  getNomination,
  type NewsRow,
} from './repository.ts';
import {
  changeNominationStatus,
  consentCase,
  createNews,
  editCase,
  moveNews,
  nameBenchmark,
  newsFacts,
  newsScope,
  nominate,
  proposeCase,
  publishCase,
  removeBenchmark,
  setDelegates,
  updateNews,
  uploadImage,
} from './service.ts';

const TAGS = ['publicity'];
const ThemeDayParams = z.object({ themeDayId: z.string().min(1).max(100) });

/** A piece of news with its facts, or 404 unless the caller manages or wrote it. */
async function loadNews(ctx: Ctx, id: string): Promise<{ row: NewsRow; facts: NewsFacts }> {
  requireActor(ctx);
  const row = await getNews(ctx.db, id);
  if (!row) throw notFound();
  const facts = await newsFacts(ctx.db, row, ctx.clock.now());
  if (!canSeeNews(ctx.actor, facts)) throw notFound();
  // A delegated support organisation's changes are done for the host (issue 12 §3: audited "X for host Y").
  if (facts.news.author_kind === 'support' && isDelegate(ctx.actor, facts))
    ctx.actingForOrganisationId = facts.themeDay?.hostOrganisationId ?? null;
  return { row, facts };
}

async function presentOneNews(ctx: Ctx, id: string): Promise<NewsView> {
  const { row, facts } = await loadNews(ctx, id);
  return (await presentNews(ctx.db, ctx.actor, [{ row, facts }]))[0]!;
}

async function loadCase(ctx: Ctx, id: string): Promise<CaseLoaded> {
  requireActor(ctx);
  const row = await getCase(ctx.db, id);
  if (!row) throw notFound();
  const { projects, facts } = await loadProjects(ctx.db, [row.project_id]);
  const f = facts.get(row.project_id)!;
  if (!canSeeCase(ctx.actor, f)) throw notFound();
  return { row, project: projects.get(row.project_id)!, facts: f };
}

async function presentOneCase(ctx: Ctx, id: string): Promise<CaseView> {
  return (await presentCases(ctx.db, ctx.actor, [await loadCase(ctx, id)]))[0]!;
}

async function loadNomination(ctx: Ctx, id: string) {
  requireActor(ctx);
  const row = await getNomination(ctx.db, id);
  if (!row) throw notFound();
  const project = (await getProject(ctx.db, row.project_id))!;
  const themeDay = project.theme_day_id
    ? ((await themeDayFacts(ctx.db, [project.theme_day_id])).get(project.theme_day_id) ?? null)
    : null;
  if (!canSeeNomination(ctx.actor, themeDay)) throw notFound();
  return { row, project, themeDay };
}

async function presentOneNomination(ctx: Ctx, id: string): Promise<NominationView> {
  return (await presentNominations(ctx.db, ctx.actor, [await loadNomination(ctx, id)]))[0]!;
}

const routes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, { limits: { fileSize: IMAGE_MAX_BYTES, files: 1, fields: 2, parts: 4 } });

  // ----- images --------------------------------------------------------------------------------------------------

  app.post(
    '/publicity/images',
    {
      schema: {
        tags: TAGS,
        summary: `上传宣传图片（封面、照片、正文插图；multipart：file；PNG/JPEG/WebP，按文件内容识别，≤${IMAGE_MAX_BYTES / 1024 / 1024}MB）`,
        consumes: ['multipart/form-data'],
        response: { 201: ImageView },
      },
    },
    async (req, reply) => {
      requireActor(req.ctx);
      if (!req.isMultipart())
        throw new AppError(415, 'unsupported_media_type', '请以 multipart/form-data 方式上传文件');
      let file: { data: Buffer } | null = null;
      try {
        const f = lastFile(await readMultipart(req));
        if (f) file = { data: f.data };
      } catch (err) {
        if (err instanceof app.multipartErrors.RequestFileTooLargeError)
          throw new AppError(413, 'image_too_large', `图片不能超过${IMAGE_MAX_BYTES / 1024 / 1024}MB`, [
            { field: 'file', code: 'image_too_large', message: `图片不能超过${IMAGE_MAX_BYTES / 1024 / 1024}MB` },
          ]);
        throw err;
      }
      const row = await uploadImage(req.ctx, { file });
      return reply.code(201).send(imageView(row));
    },
  );

  // ----- news delegations -------------------------------------------------------------------------------------------

  const delegatesView = async (ctx: Ctx, themeDayId: string): Promise<DelegatesView> => {
    requireActor(ctx);
    const td = (await themeDayFacts(ctx.db, [themeDayId])).get(themeDayId);
    if (!td || !canDelegate(ctx.actor, td)) throw notFound();
    const [delegates, candidates] = [
      await delegatesOf(ctx.db, td.id),
      (await supportOrgsOf(ctx.db, [td.id])).get(td.id) ?? [],
    ];
    const orgs = await orgFacts(ctx.db, [...delegates, ...candidates]);
    const ref = (id: string) => ({ id, name: orgs.get(id)?.name ?? '' });
    return {
      themeDayId: td.id,
      delegates: delegates.map(ref),
      candidates: candidates.map(ref),
      abilities: { edit: true },
    };
  };

  app.get(
    '/theme-days/:themeDayId/news-delegates',
    {
      schema: {
        tags: TAGS,
        summary: '受委托撰写新闻的支撑机构（承办基地或国家发展改革委；可选范围为活动方案列明的支撑机构）',
        params: ThemeDayParams,
        response: { 200: DelegatesView },
      },
    },
    async (req) => delegatesView(req.ctx, req.params.themeDayId),
  );

  app.put(
    '/theme-days/:themeDayId/news-delegates',
    {
      schema: {
        tags: TAGS,
        summary: '设置受委托撰写新闻的支撑机构（其稿件须经承办方审核后发布）',
        params: ThemeDayParams,
        body: DelegatesBody,
        response: { 200: DelegatesView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      requireActor(ctx);
      const td = (await themeDayFacts(ctx.db, [req.params.themeDayId])).get(req.params.themeDayId);
      if (!td || !canDelegate(ctx.actor, td)) throw notFound();
      await setDelegates(ctx, { themeDay: td, organisationIds: req.body.organisationIds });
      return delegatesView(ctx, td.id);
    },
  );

  // ----- news ------------------------------------------------------------------------------------------------------

  app.get(
    '/news',
    {
      schema: {
        tags: TAGS,
        summary: '新闻管理列表（本人可管理或本单位撰写的；box=review 为待本人审核的）',
        querystring: NewsListQuery,
        response: { 200: NewsList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      requireActor(ctx);
      const q = req.query;
      const scopes = new Map<string | null, Awaited<ReturnType<typeof newsScope>>>();
      const visible: { row: NewsRow; facts: NewsFacts }[] = [];
      for (const row of await findNews(ctx.db, {
        themeDayId: q.themeDayId,
        status: q.box === 'review' ? 'submitted' : q.status,
      })) {
        if (!scopes.has(row.theme_day_id))
          scopes.set(row.theme_day_id, await newsScope(ctx.db, row.theme_day_id, ctx.clock.now()));
        const facts = { ...scopes.get(row.theme_day_id)!, news: row };
        if (q.box === 'review' ? managesNews(ctx.actor, facts) : canSeeNews(ctx.actor, facts))
          visible.push({ row, facts });
      }
      if (q.order === 'asc') visible.reverse();
      const items = await presentNews(ctx.db, ctx.actor, pageSlice(visible, q));
      return { items, total: visible.length, page: q.page, pageSize: q.pageSize };
    },
  );

  app.post(
    '/news',
    {
      preValidation: verifiedOrgOnly,
      schema: {
        tags: TAGS,
        summary:
          '撰写新闻（国家发展改革委：全局或任一主题日；承办基地、受委托支撑机构：本主题日）；正文富文本在服务器端清洗',
        body: NewsBody,
        response: { 201: NewsView },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      requireActor(ctx);
      const scope = await newsScope(ctx.db, req.body.themeDayId, ctx.clock.now());
      const id = await createNews(ctx, { scope, fields: req.body });
      return reply.code(201).send(await presentOneNews(ctx, id));
    },
  );

  app.get(
    '/news/:id',
    {
      schema: {
        tags: TAGS,
        summary: '新闻详情（管理视图，含状态与可执行操作）',
        params: IdParams,
        response: { 200: NewsView },
      },
    },
    async (req) => presentOneNews(req.ctx, req.params.id),
  );

  app.put(
    '/news/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改新闻（支撑机构修改已审核通过或已撤下的稿件后须重新提交审核）',
        params: IdParams,
        body: NewsUpdateBody,
        response: { 200: NewsView },
      },
    },
    async (req) => {
      const { row, facts } = await loadNews(req.ctx, req.params.id);
      await updateNews(req.ctx, { news: row, facts, fields: req.body });
      return presentOneNews(req.ctx, row.id);
    },
  );

  const move = (action: Exclude<NewsAction, 'edit'>, summary: string) =>
    app.post(
      `/news/:id/${action}`,
      {
        schema: {
          tags: TAGS,
          summary,
          params: IdParams,
          ...(action === 'return' ? { body: ReturnBody } : {}),
          response: { 200: NewsView },
        },
      },
      async (req) => {
        const { row, facts } = await loadNews(req.ctx, req.params.id);
        const reason = action === 'return' ? (req.body as z.infer<typeof ReturnBody>).reason : undefined;
        await moveNews(req.ctx, { news: row, facts, action, ...(reason ? { reason } : {}) });
        return presentOneNews(req.ctx, row.id);
      },
    );
  move('submit', '提交承办方审核（受委托支撑机构）');
  move('approve', '审核通过（承办基地或国家发展改革委）');
  move('return', '退回修改，须填写原因（承办基地或国家发展改革委）');
  move('publish', '发布（国家发展改革委、承办基地直接发布；支撑机构稿件须审核通过）');
  move('unpublish', '撤下已发布的新闻');

  // ----- success cases -------------------------------------------------------------------------------------------

  app.get(
    '/cases',
    {
      schema: {
        tags: TAGS,
        summary: '成功案例（本人可见的）',
        querystring: CaseListQuery,
        response: { 200: CaseList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      requireActor(ctx);
      const rows = (await findCases(ctx.db)).filter((r) => !req.query.status || r.status === req.query.status);
      const { projects, facts } = await loadProjects(
        ctx.db,
        rows.map((r) => r.project_id),
      );
      const visible = rows
        .map((row) => ({ row, project: projects.get(row.project_id)!, facts: facts.get(row.project_id)! }))
        .filter((x) => canSeeCase(ctx.actor, x.facts));
      if (req.query.order === 'asc') visible.reverse();
      const items = await presentCases(ctx.db, ctx.actor, pageSlice(visible, req.query));
      return { items, total: visible.length, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.get(
    '/projects/:id/success-case',
    {
      schema: {
        tags: TAGS,
        summary:
          '合作项目的成功案例：已有的案例，以及本人能否推荐（合作方、承办基地或国家发展改革委；项目须各方已确认且未终止）',
        params: IdParams,
        response: { 200: ProjectCaseView },
      },
    },
    async (req): Promise<ProjectCaseView> => {
      const ctx = req.ctx;
      requireActor(ctx);
      const f = (await loadProjects(ctx.db, [req.params.id])).facts.get(req.params.id);
      if (!f || !canSeeCase(ctx.actor, f)) throw notFound();
      const row = await caseOfProject(ctx.db, req.params.id);
      return {
        case: row ? { id: row.id, status: row.status } : null,
        abilities: { propose: !row && isCountedLive(f) && canProposeCase(ctx.actor, f) },
      };
    },
  );

  app.post(
    '/cases',
    {
      schema: {
        tags: TAGS,
        summary: '推荐合作项目为成功案例（合作方、承办基地或国家发展改革委；须经全部合作方同意，由国家发展改革委发布）',
        body: CaseBody,
        response: { 201: CaseView },
      },
    },
    async (req, reply) => {
      const id = await proposeCase(req.ctx, { projectId: req.body.projectId, fields: req.body });
      return reply.code(201).send(await presentOneCase(req.ctx, id));
    },
  );

  app.get(
    '/cases/:id',
    { schema: { tags: TAGS, summary: '成功案例详情', params: IdParams, response: { 200: CaseView } } },
    async (req) => presentOneCase(req.ctx, req.params.id),
  );

  app.put(
    '/cases/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改成功案例（修改后须重新征得各合作方同意）',
        params: IdParams,
        body: CaseUpdateBody,
        response: { 200: CaseView },
      },
    },
    async (req) => {
      const c = await loadCase(req.ctx, req.params.id);
      await editCase(req.ctx, { row: c.row, facts: c.facts, fields: req.body });
      return presentOneCase(req.ctx, c.row.id);
    },
  );

  app.post(
    '/cases/:id/consent',
    {
      schema: {
        tags: TAGS,
        summary: '合作方表态：同意或不同意对外宣传（不同意须说明原因；已发布的案例随即撤下）',
        params: IdParams,
        body: ConsentBody,
        response: { 200: CaseView },
      },
    },
    async (req) => {
      const c = await loadCase(req.ctx, req.params.id);
      await consentCase(req.ctx, {
        row: c.row,
        facts: c.facts,
        agree: req.body.agree,
        ...(req.body.reason ? { reason: req.body.reason } : {}),
      });
      return presentOneCase(req.ctx, c.row.id);
    },
  );

  for (const publish of [true, false])
    app.post(
      `/cases/:id/${publish ? 'publish' : 'unpublish'}`,
      {
        schema: {
          tags: TAGS,
          summary: publish ? '发布成功案例（国家发展改革委；须全部合作方同意）' : '撤下成功案例（国家发展改革委）',
          params: IdParams,
          response: { 200: CaseView },
        },
      },
      async (req) => {
        const c = await loadCase(req.ctx, req.params.id);
        await publishCase(req.ctx, { row: c.row, publish });
        return presentOneCase(req.ctx, c.row.id);
      },
    );

  // ----- benchmark enterprises ---------------------------------------------------------------------------------------

  app.post(
    '/benchmarks',
    {
      schema: {
        tags: TAGS,
        summary: '确定年度融通创新标杆企业（国家发展改革委），须写明理由',
        body: BenchmarkBody,
        response: { 201: BenchmarkView },
      },
    },
    async (req, reply) => {
      const id = await nameBenchmark(req.ctx, req.body);
      const row = (await getBenchmark(req.ctx.db, id))!;
      return reply.code(201).send((await presentBenchmarks(req.ctx.db, [row]))[0]!);
    },
  );

  app.delete(
    '/benchmarks/:id',
    { schema: { tags: TAGS, summary: '取消标杆企业（国家发展改革委）', params: IdParams } },
    async (req, reply) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      if (!isOwner(actor)) throw notFound();
      const row = await getBenchmark(ctx.db, req.params.id);
      if (!row) throw notFound();
      await removeBenchmark(ctx, { row });
      return reply.code(204).send();
    },
  );

  app.get(
    '/benchmarks',
    {
      schema: {
        tags: TAGS,
        summary: '融通创新标杆企业（按年度）',
        querystring: BenchmarkQuery,
        response: { 200: BenchmarkList },
      },
    },
    async (req) => {
      requireActor(req.ctx);
      const rows = await benchmarks(req.ctx.db, req.query.year);
      return { items: await presentBenchmarks(req.ctx.db, rows), years: await benchmarkYears(req.ctx.db) };
    },
  );

  // ----- nominations ---------------------------------------------------------------------------------------------

  app.get(
    '/nominations',
    {
      schema: {
        tags: TAGS,
        summary: '推荐参加全国性活动的项目（国家发展改革委看全部；承办基地看本主题日项目的）',
        querystring: NominationListQuery,
        response: { 200: NominationList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      requireActor(ctx);
      const q = req.query;
      const rows = await findNominations(ctx.db, {
        event: q.event,
        year: q.year,
        ...(q.status ? { statuses: [q.status] } : {}),
      });
      const { projects, facts } = await loadProjects(
        ctx.db,
        rows.map((r) => r.project_id),
      );
      const visible = rows
        .map((row) => ({ row, project: projects.get(row.project_id)!, themeDay: facts.get(row.project_id)!.themeDay }))
        .filter((x) => canSeeNomination(ctx.actor, x.themeDay));
      if (q.order === 'asc') visible.reverse();
      const items = await presentNominations(ctx.db, ctx.actor, pageSlice(visible, q));
      return { items, total: visible.length, page: q.page, pageSize: q.pageSize };
    },
  );

  app.post(
    '/nominations',
    {
      schema: {
        tags: TAGS,
        summary:
          '推荐项目参加全国双创活动周、央企熠星大赛或创客中国（国家发展改革委直接推荐；承办基地提出建议，由国家发展改革委决定）；同一项目同一活动每年一次',
        body: NominationBody,
        response: { 201: NominationView },
      },
    },
    async (req, reply) => {
      const id = await nominate(req.ctx, req.body);
      return reply.code(201).send(await presentOneNomination(req.ctx, id));
    },
  );

  const dossierQuery = { querystring: DossierQuery };
  const dossier = (ext: 'xlsx' | 'docx') =>
    app.get(
      `/nominations/dossier.${ext}`,
      {
        schema: {
          tags: TAGS,
          summary:
            ext === 'xlsx'
              ? '导出推荐材料汇总表（.xlsx；国家发展改革委）'
              : '导出推荐函（.docx，公文格式 GB/T 9704；国家发展改革委）',
          ...dossierQuery,
        },
      },
      async (req, reply) => {
        const ctx = req.ctx;
        const actor = requireActor(ctx);
        authorize(canExportDossier(actor), '推荐材料由国家发展改革委导出');
        const { event, year } = req.query;
        const rows = await dossierRows(ctx.db, event, year);
        const now = ctx.clock.now();
        const issuer =
          actor.memberships.find((m) => m.organisationId === actor.organisationId)?.organisationName ??
          '国家发展改革委';
        const buf =
          ext === 'xlsx' ? await dossierXlsx(rows, event, year) : await dossierDocx(rows, event, year, issuer, now);
        const name = dossierFileName(event, year, ext);
        return reply
          .header('content-type', ext === 'xlsx' ? XLSX_MIME : DOCX_MIME)
          .header('content-disposition', ext === 'xlsx' ? xlsxAttachment(name) : contentDisposition(name))
          .header('cache-control', 'private, no-store')
          .send(buf);
      },
    );
  dossier('xlsx');
  dossier('docx');

  app.get(
    '/nominations/:id',
    { schema: { tags: TAGS, summary: '推荐详情', params: IdParams, response: { 200: NominationView } } },
    async (req) => presentOneNomination(req.ctx, req.params.id),
  );

  app.post(
    '/nominations/:id/status',
    {
      schema: {
        tags: TAGS,
        summary:
          '变更推荐状态：待决定→已推荐/未予推荐/已撤回；已推荐→已入选/未入选/已撤回；已入选→已参展/已撤回（其余 409）',
        params: IdParams,
        body: NominationStatusBody,
        response: { 200: NominationView },
      },
    },
    async (req) => {
      const n = await loadNomination(req.ctx, req.params.id);
      await changeNominationStatus(req.ctx, {
        row: n.row,
        themeDay: n.themeDay,
        to: req.body.status,
        ...(req.body.note ? { note: req.body.note } : {}),
      });
      return presentOneNomination(req.ctx, n.row.id);
    },
  );
};

export default routes;
