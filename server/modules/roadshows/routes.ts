/**
 * Roadshows (创新团队对接路演) on a session of kind `roadshow`: setting one up, project applications,
 * screening, the lineup, opening and closing scoring, and the workspace lists (roadshows with the caller's
 * part in each, the theme days the staff set up, the applicant's own projects). The business-plan upload is
 * multipart, parsed by @fastify/multipart registered inside this plugin only, with a 10 MB limit and a %PDF-
 * sniff. Judging (judges, scores, ranking, exports) is in judging-routes.ts, the public portal views in
 * portal-routes.ts; both are registered here.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sniffAttachment } from '../../lib/attachments.ts';
import { AppError, ensure, notFound, validationFailed } from '../../lib/errors.ts';
import { fieldsOf, lastFile, readMultipart } from '../../lib/multipart.ts';
import { checkTextFields, uploadName } from '../../plugins/input-guard.ts';
import { authorize, isOwner, requireActor, verifiedOrgOnly } from '../../lib/policy.ts';
import { staffedThemeDayIds } from '../events/repository.ts';
import { IdParams, pageSlice } from '../../../common/contracts/common.ts';
import {
  LineupBody,
  MyProjectList,
  MyProjectListQuery,
  ProjectFields,
  ProjectList,
  ProjectListQuery,
  ProjectView,
  RoadshowCreateBody,
  RoadshowList,
  RoadshowListQuery,
  RoadshowUpdateBody,
  RoadshowView,
  ScreenBody,
  StaffThemeDayList,
} from '../../../common/contracts/roadshows.ts';
import { loadProject, loadRoadshow, loadSession, requireStaff } from './access.ts';
import { canDownloadBusinessPlan } from './policy.ts';
import { myScores, presentMyProject, presentProject, presentRoadshow, presentSummary } from './presenter.ts';
import {
  applicationCounts,
  getProjectWithApplicant,
  getRoadshow,
  getRoadshowBySession,
  judgedRoadshowIds,
  listMyProjects,
  listProjects,
  listRoadshowsWithSession,
  summaryCounts,
  themeDaysWithRoadshowSessions,
} from './repository.ts';
import {
  BP_MAX_BYTES,
  applyProject,
  createRoadshow,
  screenProject,
  setLineup,
  setRoadshowStatus,
  updateRoadshow,
} from './service.ts';
import judgingRoutes from './judging-routes.ts';
import portalRoutes from './portal-routes.ts';

const TAGS = ['roadshows'];

const routes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, {
    limits: { fileSize: BP_MAX_BYTES, files: 1, fields: 20, fieldSize: 20_000, parts: 30 },
  });
  await app.register(judgingRoutes);
  await app.register(portalRoutes);

  app.post(
    '/event-sessions/:id/roadshow',
    {
      schema: {
        tags: TAGS,
        summary: '为路演场次设置路演（评分标准默认五项加权）',
        params: IdParams,
        body: RoadshowCreateBody,
        response: { 201: RoadshowView },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const { sc, staff, access } = await loadSession(ctx, req.params.id);
      requireStaff({ access }, '只有承办基地或其委托的支撑机构可以设置路演');
      const id = await createRoadshow(ctx, {
        session: sc,
        title: req.body.title,
        criteria: req.body.criteria,
        applicationsCloseAt: req.body.applicationsCloseAt,
      });
      return reply.code(201).send(
        await presentRoadshow(ctx.db, {
          sc,
          staff,
          roadshow: ensure(await getRoadshow(ctx.db, id)),
          judge: undefined,
        }),
      );
    },
  );

  app.get(
    '/event-sessions/:id/roadshow',
    { schema: { tags: TAGS, summary: '场次的路演', params: IdParams, response: { 200: RoadshowView } } },
    async (req) => {
      const ctx = req.ctx;
      await loadSession(ctx, req.params.id);
      const r = await getRoadshowBySession(ctx.db, req.params.id);
      if (!r) throw notFound('该场次尚未设置路演');
      return presentRoadshow(ctx.db, await loadRoadshow(ctx, r.id));
    },
  );

  app.get(
    '/roadshows/:id',
    { schema: { tags: TAGS, summary: '路演详情', params: IdParams, response: { 200: RoadshowView } } },
    async (req) => presentRoadshow(req.ctx.db, await loadRoadshow(req.ctx, req.params.id)),
  );

  app.patch(
    '/roadshows/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改路演（评分开始后评分标准不可改）',
        params: IdParams,
        body: RoadshowUpdateBody,
        response: { 200: RoadshowView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const l = await loadRoadshow(ctx, req.params.id);
      requireStaff(l, '只有承办基地或其委托的支撑机构可以修改路演');
      await updateRoadshow(ctx, {
        roadshow: l.roadshow,
        title: req.body.title,
        criteria: req.body.criteria,
        applicationsCloseAt: req.body.applicationsCloseAt,
      });
      return presentRoadshow(ctx.db, await loadRoadshow(ctx, req.params.id));
    },
  );

  app.post(
    '/roadshows/:id/projects',
    {
      preValidation: verifiedOrgOnly,
      schema: {
        tags: TAGS,
        summary: '申报路演项目（multipart/form-data：项目信息 + businessPlan PDF，≤10MB）',
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 201: ProjectView },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const l = await loadRoadshow(ctx, req.params.id);
      if (!req.isMultipart())
        throw new AppError(415, 'unsupported_media_type', '请以 multipart/form-data 方式提交项目信息和商业计划书');
      let fields: Record<string, string> = {};
      let file: { name: string; data: Buffer } | null = null;
      try {
        const parts = await readMultipart(req);
        fields = fieldsOf(parts);
        const f = lastFile(parts, 'businessPlan');
        if (f) file = { name: uploadName(f.filename), data: f.data };
      } catch (err) {
        if (err instanceof app.multipartErrors.RequestFileTooLargeError) {
          throw new AppError(413, 'business_plan_too_large', `商业计划书不能超过${BP_MAX_BYTES / 1024 / 1024}MB`);
        }
        throw err;
      }
      const parsed = ProjectFields.safeParse(checkTextFields(fields));
      if (!parsed.success)
        throw validationFailed(
          parsed.error.issues.map((i) => ({ field: i.path.join('.'), code: 'invalid', message: i.message })),
        );
      if (!file || file.data.length === 0)
        throw new AppError(400, 'business_plan_required', '请上传商业计划书（PDF）', [
          { field: 'businessPlan', code: 'required', message: '请上传商业计划书（PDF）' },
        ]);
      if (sniffAttachment(file.data) !== 'pdf')
        throw new AppError(415, 'business_plan_not_pdf', '商业计划书须为 PDF 文件（按文件内容识别，不看扩展名）', [
          { field: 'businessPlan', code: 'not_pdf', message: '商业计划书须为 PDF 文件' },
        ]);
      const id = await applyProject(ctx, { roadshow: l.roadshow, fields: parsed.data, file });
      return reply.code(201).send(presentProject(l.actor, l, ensure(await getProjectWithApplicant(ctx.db, id)), null));
    },
  );

  app.get(
    '/roadshows/:id/projects',
    {
      schema: {
        tags: TAGS,
        summary: '路演项目（工作人员看全部，申报人看自己的，评委和其他人看入选项目）',
        params: IdParams,
        querystring: ProjectListQuery,
        response: { 200: ProjectList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const l = await loadRoadshow(ctx, req.params.id);
      const q = req.query;
      const [{ items, total }, mine] = await Promise.all([
        listProjects(ctx.db, {
          roadshowId: l.roadshow.id,
          visibleTo: l.staff ? null : l.actor.userId,
          mineOf: q.mine === 'true' ? l.actor.userId : null,
          status: q.status,
          page: q.page,
          pageSize: q.pageSize,
          sort: q.sort,
          order: q.order,
        }),
        myScores(ctx.db, l),
      ]);
      return {
        items: items.map((p) => presentProject(l.actor, l, p, mine.get(p.id) ?? null)),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );

  app.get(
    '/roadshow-projects/:id/business-plan',
    {
      schema: {
        tags: TAGS,
        summary: '下载商业计划书（工作人员、申报人、评委）',
        params: IdParams,
        produces: ['application/pdf'],
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const { l, project } = await loadProject(ctx, req.params.id);
      authorize(
        canDownloadBusinessPlan(l.actor, l.staff, l.judge, project),
        '只有工作人员、申报人和评委可以查看商业计划书',
      );
      return reply
        .header('content-type', 'application/pdf')
        .header(
          'content-disposition',
          `inline; filename="business-plan.pdf"; filename*=UTF-8''${encodeURIComponent(project.bp_name)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(createReadStream(join(ctx.uploadDir, project.bp_path)));
    },
  );

  app.post(
    '/roadshow-projects/:id/screen',
    {
      schema: {
        tags: TAGS,
        summary: '筛选路演项目（入选/不入选，通知申报人）',
        params: IdParams,
        body: ScreenBody,
        response: { 200: ProjectView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { l, project } = await loadProject(ctx, req.params.id);
      requireStaff(l, '只有承办基地或其委托的支撑机构可以筛选项目');
      await screenProject(ctx, { roadshow: l.roadshow, project, decision: req.body.decision, note: req.body.note });
      return presentProject(l.actor, l, ensure(await getProjectWithApplicant(ctx.db, project.id)), null);
    },
  );

  app.put(
    '/roadshows/:id/lineup',
    {
      schema: {
        tags: TAGS,
        summary: '设置路演顺序（全部入选项目，各一次）',
        params: IdParams,
        body: LineupBody,
        response: { 200: RoadshowView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const l = await loadRoadshow(ctx, req.params.id);
      requireStaff(l, '只有承办基地或其委托的支撑机构可以设置路演顺序');
      await setLineup(ctx, { roadshow: l.roadshow, projectIds: req.body.projectIds });
      return presentRoadshow(ctx.db, l);
    },
  );

  for (const [path, to, summary] of [
    ['open-scoring', 'scoring', '开始评分'],
    ['close', 'closed', '结束评分并公布结果'],
  ] as const) {
    app.post(
      `/roadshows/:id/${path}`,
      { schema: { tags: TAGS, summary, params: IdParams, response: { 200: RoadshowView } } },
      async (req) => {
        const ctx = req.ctx;
        const l = await loadRoadshow(ctx, req.params.id);
        requireStaff(l, '只有承办基地或其委托的支撑机构可以操作');
        await setRoadshowStatus(ctx, { roadshow: l.roadshow, to });
        return presentRoadshow(ctx.db, await loadRoadshow(ctx, req.params.id));
      },
    );
  }

  // ----- workspace lists --------------------------------------------------------------------------------------

  app.get(
    '/roadshows',
    {
      schema: {
        tags: TAGS,
        summary: '路演列表（含我在其中的身份：工作人员、评委、申报人）',
        querystring: RoadshowListQuery,
        response: { 200: RoadshowList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const q = req.query;
      const rows = await listRoadshowsWithSession(ctx.db, {
        withDrafts: isOwner(actor),
        themeDayId: q.themeDayId,
        status: q.status,
        sort: q.sort,
        order: q.order,
      });
      const staffed = new Set(await staffedThemeDayIds(ctx.db, actor, ctx.clock.now()));
      const judged = await judgedRoadshowIds(ctx.db, actor.userId);
      const applied = await applicationCounts(ctx.db, actor.userId);
      const filtered = rows.filter((r) =>
        q.role === 'staff'
          ? staffed.has(r.td_id)
          : q.role === 'judge'
            ? judged.has(r.id)
            : q.role === 'applicant'
              ? applied.has(r.id)
              : true,
      );
      const pageRows = pageSlice(filtered, q);
      const c = await summaryCounts(
        ctx.db,
        pageRows.map((r) => r.id),
      );
      return {
        items: pageRows.map((r) =>
          presentSummary(r, c, {
            staff: staffed.has(r.td_id),
            judge: judged.has(r.id),
            applied: applied.get(r.id) ?? 0,
          }),
        ),
        total: filtered.length,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );

  app.get(
    '/roadshows/staff-theme-days',
    {
      schema: {
        tags: TAGS,
        summary: '我作为承办方工作人员可设置路演的主题日及其路演场次',
        response: { 200: StaffThemeDayList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const ids = await staffedThemeDayIds(ctx.db, actor, ctx.clock.now());
      if (!ids.length) return { items: [] };
      const { tds, sessions } = await themeDaysWithRoadshowSessions(ctx.db, ids);
      return {
        items: tds.map((t) => ({
          id: t.id,
          title: t.title,
          startDate: t.start_date,
          endDate: t.end_date,
          sessions: sessions
            .filter((s) => s.theme_day_id === t.id)
            .map((s) => ({
              id: s.id,
              title: s.title,
              startsAt: s.starts_at,
              endsAt: s.ends_at,
              venue: s.venue,
              mode: s.mode,
              roadshowId: s.roadshow_id,
            })),
        })),
      };
    },
  );

  app.get(
    '/my/roadshow-projects',
    {
      schema: {
        tags: TAGS,
        summary: '我申报的路演项目及状态',
        querystring: MyProjectListQuery,
        response: { 200: MyProjectList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const q = req.query;
      const { items, total } = await listMyProjects(ctx.db, {
        userId: actor.userId,
        page: q.page,
        pageSize: q.pageSize,
        order: q.order,
      });
      return { items: items.map(presentMyProject), total, page: q.page, pageSize: q.pageSize };
    },
  );
};
export default routes;
