/**
 * Cooperation projects (融通合作项目, issue 10): propose (by hand, by the host's staff, or from a signal), the
 * parties' handshake, stages, merge, consent to publish, follow-ups, the numbers, and the portal's summary.
 * Handlers run validate → load → authorise → act → present. Records the caller may not see are 404.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../common/contracts/common.ts';
import {
  ConfirmBody,
  ConsentBody,
  DeclineBody,
  EvidenceParams,
  EvidenceQuery,
  FollowUpBody,
  FollowUpList,
  FollowUpListQuery,
  FollowUpParams,
  FromSourceBody,
  MergeBody,
  PROJECT_EXPORT_HEADER,
  ProjectBody,
  ProjectList,
  ProjectListQuery,
  ProjectUpdateBody,
  ProjectView,
  PublicProjectList,
  PublicResultsView,
  StageBody,
  StatsQuery,
  StatsView,
} from '../../../common/contracts/projects.ts';
import { shanghaiToday } from '../../../common/time.ts';
import type { Ctx } from '../../lib/context.ts';
import { ATTACHMENT_MIME } from '../../lib/attachments.ts';
import { AppError, ensure, notFound } from '../../lib/errors.ts';
import { lastFile, readMultipart } from '../../lib/multipart.ts';
import { uploadName } from '../../plugins/input-guard.ts';
import { authorize, requireActor, verifiedOrgOnly } from '../../lib/policy.ts';
import { evaluatedThemeDayIds } from '../../lib/evaluated.ts';
import {
  canChangeStage,
  canEdit,
  mayMerge,
  canSeeProject,
  actingParty,
  isHostStaff,
  projectScope,
  seesThroughThemeDays,
  type CallerFacts,
  actsForParty,
} from './policy.ts';
import {
  factsOf,
  isPublished,
  loadAround,
  presentFollowUpItems,
  presentProject,
  presentPublic,
  presentSummaries,
  projectExportRow,
} from './presenter.ts';
import { XLSX_MIME, toXlsx, xlsxAttachment } from '../../lib/xlsx.ts';
import {
  SEE_ALL,
  countProjects,
  departmentOf,
  evidenceOf,
  findFollowUps,
  findProjects,
  getProject,
  getProjects,
  statsFacts,
  supportOrgsOf,
  themeDayFacts,
  themeDayIdsFor,
  type ProjectFilter,
  type ProjectScope,
} from './repository.ts';
import {
  addEvidence,
  answerFollowUp,
  changeStage,
  confirmProject,
  createProject,
  declineProject,
  mergeProjects,
  proposeSource,
  setConsent,
  updateProject,
} from './service.ts';
import { computeStats, computeStatsMemo } from './stats.ts';

const TAGS = ['projects'];

const callerFacts = async (ctx: Ctx): Promise<CallerFacts> => ({
  departmentCode: await departmentOf(ctx.db, ctx.actor?.organisationId ?? null),
  evaluatedThemeDayIds: await evaluatedThemeDayIds(ctx.db, ctx.actor),
});

/** The project with its facts, or 404 unless the caller may see it. A merged-away project shows its survivor's id. */
async function loadProject(ctx: Ctx, id: string) {
  requireActor(ctx);
  const row = await getProject(ctx.db, id);
  if (!row) throw notFound();
  const l = await loadAround(ctx.db, [row]);
  const facts = factsOf(row, l);
  if (!canSeeProject(ctx.actor, facts, await callerFacts(ctx))) throw notFound();
  return { row, facts, l };
}

async function present(ctx: Ctx, id: string): Promise<ProjectView> {
  const row = await getProject(ctx.db, id);
  if (!row) throw notFound();
  return presentProject(ctx.db, ctx.actor, row, ctx.clock.now());
}

/** The party organisation the caller acts for in this project, or 404 (not a party: it sees nothing to act on) / 403. */
function requireParty(ctx: Ctx, facts: Parameters<typeof actingParty>[1]): string {
  const org = actingParty(requireActor(ctx), facts);
  if (!org) throw new AppError(403, 'not_a_party', '只有合作方可以进行此操作');
  return org;
}

/**
 * What the caller may see among the projects matching `f`, as a scope the SQL applies (policy.ts
 * `projectScope`, the same predicates as `canSeeProject`). Theme-day facts are read only for the roles that
 * see projects through a theme day, and only of the theme days the filter allows.
 */
async function scopeOf(ctx: Ctx, f: ProjectFilter): Promise<ProjectScope> {
  const actor = requireActor(ctx);
  const caller = await callerFacts(ctx);
  if (!seesThroughThemeDays(actor)) return projectScope(actor, caller, []);
  const ids = await themeDayIdsFor(ctx.db, f);
  const [facts, support] = await Promise.all([themeDayFacts(ctx.db, ids), supportOrgsOf(ctx.db, ids)]);
  return projectScope(
    actor,
    caller,
    [...facts.values()].map((td) => ({ facts: td, supportOrganisationIds: support.get(td.id) ?? [] })),
  );
}

const pageOf = (q: { page: number; pageSize: number }) => ({ limit: q.pageSize, offset: (q.page - 1) * q.pageSize });

const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

const routes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, { limits: { fileSize: EVIDENCE_MAX_BYTES, files: 1, fields: 5, parts: 10 } });

  app.post(
    '/projects/:id/evidence',
    {
      schema: {
        tags: TAGS,
        summary:
          '上传佐证材料（multipart：file；PDF/PNG/JPEG，按文件内容识别，≤10MB；point=回访节点月数，可选；本平台为非涉密平台，严禁上传涉密信息）',
        params: IdParams,
        querystring: EvidenceQuery,
        consumes: ['multipart/form-data'],
        response: { 201: ProjectView },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const { row, facts } = await loadProject(ctx, req.params.id);
      const org = requireParty(ctx, facts);
      if (row.merged_into_id) throw new AppError(409, 'project_merged', '该项目已合并到另一个项目');
      if (!req.isMultipart())
        throw new AppError(415, 'unsupported_media_type', '请以 multipart/form-data 方式上传文件');
      let file: { name: string; data: Buffer } | null = null;
      try {
        const f = lastFile(await readMultipart(req));
        if (f) file = { name: uploadName(f.filename), data: f.data };
      } catch (err) {
        if (err instanceof app.multipartErrors.RequestFileTooLargeError)
          throw new AppError(413, 'evidence_too_large', `佐证材料不能超过${EVIDENCE_MAX_BYTES / 1024 / 1024}MB`);
        throw err;
      }
      await addEvidence(ctx, { project: row, organisationId: org, point: req.query.point ?? null, file });
      return reply.code(201).send(await present(ctx, row.id));
    },
  );

  app.get(
    '/projects/:id/evidence/:evidenceId',
    { schema: { tags: TAGS, summary: '下载佐证材料（能看到该项目的人）', params: EvidenceParams } },
    async (req, reply) => {
      const ctx = req.ctx;
      const { row } = await loadProject(ctx, req.params.id);
      const e = ensure((await evidenceOf(ctx.db, row.id)).find((x) => x.id === req.params.evidenceId));
      return reply
        .header('content-type', ATTACHMENT_MIME[e.type])
        .header(
          'content-disposition',
          `attachment; filename="evidence"; filename*=UTF-8''${encodeURIComponent(e.name)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(createReadStream(join(ctx.uploadDir, e.path)));
    },
  );
  app.get(
    '/projects',
    {
      schema: {
        tags: TAGS,
        summary: '合作项目列表（box=mine 本单位参与的；awaiting_me 待本单位确认的候选项目）',
        querystring: ProjectListQuery,
        response: { 200: ProjectList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const q = req.query;
      const mine = q.box !== 'all';
      if (mine && !(actor.organisationId && actsForParty(actor, actor.organisationId)))
        return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
      const f: ProjectFilter = {
        themeDayId: q.themeDayId,
        programmeId: q.programmeId,
        stage: q.stage,
        type: q.type,
        partyOrganisationId: mine ? actor.organisationId! : undefined,
        awaitingOrganisationId: q.box === 'awaiting_me' ? actor.organisationId! : undefined,
      };
      const scope = await scopeOf(ctx, f);
      const [rows, total] = await Promise.all([
        findProjects(ctx.db, f, q.order, scope, pageOf(q)),
        countProjects(ctx.db, f, scope),
      ]);
      const l = await loadAround(ctx.db, rows);
      return { items: presentSummaries(actor, rows, l), total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/projects.xlsx',
    {
      schema: {
        tags: TAGS,
        summary: '导出合作项目（.xlsx，筛选条件同列表；主题日成果页）',
        querystring: ProjectListQuery,
        produces: [XLSX_MIME],
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const q = req.query;
      const mine =
        q.box !== 'all' && actor.organisationId && actsForParty(actor, actor.organisationId)
          ? actor.organisationId
          : undefined;
      const f: ProjectFilter = {
        themeDayId: q.themeDayId,
        programmeId: q.programmeId,
        stage: q.stage,
        type: q.type,
        partyOrganisationId: mine,
      };
      const rows = await findProjects(ctx.db, f, q.order, await scopeOf(ctx, f));
      const l = await loadAround(ctx.db, rows);
      const buf = await toXlsx(
        '合作项目',
        [...PROJECT_EXPORT_HEADER],
        presentSummaries(actor, rows, l).map(projectExportRow),
      );
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', xlsxAttachment('合作项目.xlsx'))
        .header('cache-control', 'no-store')
        .send(buf);
    },
  );

  app.get(
    '/project-follow-ups',
    {
      schema: {
        tags: TAGS,
        summary: '跟踪回访一览（state=overdue 为逾期未填；范围同项目可见范围）',
        querystring: FollowUpListQuery,
        response: { 200: FollowUpList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      requireActor(ctx);
      const q = req.query;
      const f: ProjectFilter = { themeDayId: q.themeDayId, programmeId: q.programmeId };
      const today = shanghaiToday(ctx.clock.now());
      const { rows: page, total } = await findFollowUps(
        ctx.db,
        f,
        await scopeOf(ctx, f),
        { state: q.state, order: q.order, ...pageOf(q) },
        today,
      );
      const projects = await getProjects(ctx.db, [...new Set(page.map((x) => x.project_id))]);
      const l = await loadAround(ctx.db, projects);
      const items = presentFollowUpItems(projects, l, page, today);
      return { items, total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/projects/stats',
    {
      schema: {
        tags: TAGS,
        summary:
          '合作项目统计：数量、金额、合作机制稳定程度、再次合作率、中小企业参与率（按主题日/承办基地/类型/板块/地区/年度分组）',
        querystring: StatsQuery,
        response: { 200: StatsView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      requireActor(ctx);
      const q = req.query;
      const f: ProjectFilter = { themeDayId: q.themeDayId, programmeId: q.programmeId, year: q.year };
      const today = shanghaiToday(ctx.clock.now());
      const facts = await statsFacts(ctx.db, f, await scopeOf(ctx, f), today, q.groupBy === 'region');
      const themeDays = await themeDayFacts(
        ctx.db,
        facts.rows.map((r) => r.theme_day_id),
      );
      return computeStatsMemo(facts, themeDays, q.groupBy, today);
    },
  );

  app.post(
    '/projects',
    {
      preValidation: verifiedOrgOnly,
      schema: {
        tags: TAGS,
        summary: '填报合作项目（合作方本单位，或承办基地代为填报；须各方确认）',
        body: ProjectBody,
        response: { 201: ProjectView },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const body = req.body;
      const themeDay = body.themeDayId ? (await themeDayFacts(ctx.db, [body.themeDayId])).get(body.themeDayId) : null;
      if (body.themeDayId && !themeDay)
        throw new AppError(422, 'unknown_theme_day', '所选主题日不存在', [
          { field: 'themeDayId', code: 'unknown_theme_day', message: '所选主题日不存在' },
        ]);
      const asParty = body.parties.find((p) => actsForParty(actor, p.organisationId));
      let proposerOrgId: string | null;
      if (asParty) proposerOrgId = asParty.organisationId;
      else if (isHostStaff(actor, themeDay ?? null)) proposerOrgId = null;
      else
        throw new AppError(403, 'not_a_party', '只能填报本单位参与的合作项目（承办基地可为本主题日的合作方代为填报）');
      const id = await createProject(ctx, { body, themeDay: themeDay ?? null, proposerOrgId });
      return reply.code(201).send(await present(ctx, id));
    },
  );

  app.post(
    '/projects/from-source',
    {
      preValidation: verifiedOrgOnly,
      schema: {
        tags: TAGS,
        summary: '由对接信号生成候选合作项目（同一来源只生成一个项目；目前支持一对一洽谈）',
        body: FromSourceBody,
        response: { 200: ProjectView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      if (!actor.organisationId || !actsForParty(actor, actor.organisationId))
        throw new AppError(403, 'not_acting_for_organisation', '请以所在单位成员身份操作（切换到相应单位）');
      const id = await proposeSource(ctx, {
        sourceType: req.body.sourceType,
        sourceId: req.body.sourceId,
        actingOrgId: actor.organisationId,
      });
      return present(ctx, id);
    },
  );

  app.get(
    '/projects/:id',
    {
      schema: {
        tags: TAGS,
        summary: '合作项目详情（合作方、阶段、跟踪回访）',
        params: IdParams,
        response: { 200: ProjectView },
      },
    },
    async (req) => {
      const { row } = await loadProject(req.ctx, req.params.id);
      return presentProject(req.ctx.db, req.ctx.actor, row, req.ctx.clock.now());
    },
  );

  app.patch(
    '/projects/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改合作项目（合作方；金额以元为单位，须为整数）',
        params: IdParams,
        body: ProjectUpdateBody,
        response: { 200: ProjectView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { row, facts } = await loadProject(ctx, req.params.id);
      requireParty(ctx, facts);
      authorize(canEdit(ctx.actor, facts), '已完成、已终止或已合并的项目不能修改');
      await updateProject(ctx, { project: row, themeDay: facts.themeDay, body: req.body });
      return present(ctx, row.id);
    },
  );

  app.post(
    '/projects/:id/confirm',
    {
      schema: {
        tags: TAGS,
        summary: '确认合作项目（各方均确认后计入成果）',
        params: IdParams,
        body: ConfirmBody,
        response: { 200: ProjectView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { row, facts } = await loadProject(ctx, req.params.id);
      const org = requireParty(ctx, facts);
      await confirmProject(ctx, { projectId: row.id, organisationId: org, body: req.body });
      return present(ctx, row.id);
    },
  );

  app.post(
    '/projects/:id/decline',
    {
      schema: {
        tags: TAGS,
        summary: '拒绝确认合作项目（须说明理由）',
        params: IdParams,
        body: DeclineBody,
        response: { 200: ProjectView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { row, facts } = await loadProject(ctx, req.params.id);
      const org = requireParty(ctx, facts);
      await declineProject(ctx, { projectId: row.id, organisationId: org, reason: req.body.reason });
      return present(ctx, row.id);
    },
  );

  app.post(
    '/projects/:id/stage',
    {
      schema: {
        tags: TAGS,
        summary: '更新项目阶段（签约、实施中、已完成、已终止；附日期）',
        params: IdParams,
        body: StageBody,
        response: { 200: ProjectView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { row, facts } = await loadProject(ctx, req.params.id);
      requireParty(ctx, facts);
      if (row.stage === 'candidate') throw new AppError(409, 'not_confirmed', '各方确认后才能更新项目阶段');
      authorize(canChangeStage(ctx.actor, facts), '已完成、已终止或已合并的项目不能更新阶段');
      await changeStage(ctx, { project: row, body: req.body });
      return present(ctx, row.id);
    },
  );

  app.post(
    '/projects/:id/consent',
    {
      schema: {
        tags: TAGS,
        summary: '本单位是否同意在门户公开该项目（及金额）',
        params: IdParams,
        body: ConsentBody,
        response: { 200: ProjectView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { row, facts } = await loadProject(ctx, req.params.id);
      const org = requireParty(ctx, facts);
      await setConsent(ctx, { projectId: row.id, organisationId: org, body: req.body });
      return present(ctx, row.id);
    },
  );

  app.post(
    '/projects/:id/merge',
    {
      schema: {
        tags: TAGS,
        summary: '合并描述同一合作的另一个候选项目（otherId 并入本项目）',
        params: IdParams,
        body: MergeBody,
        response: { 200: ProjectView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const a = await loadProject(ctx, req.params.id);
      const b = await loadProject(ctx, req.body.otherId);
      authorize(
        mayMerge(ctx.actor, a.facts) && mayMerge(ctx.actor, b.facts),
        '只有合作方或承办基地可以合并尚待确认的候选项目',
      );
      await mergeProjects(ctx, { survivorId: a.row.id, otherId: b.row.id });
      return present(ctx, a.row.id);
    },
  );

  app.put(
    '/projects/:id/follow-ups/:point',
    {
      schema: {
        tags: TAGS,
        summary: '填写或更正本单位在某回访节点（签约后N个月）的回访',
        params: FollowUpParams,
        body: FollowUpBody,
        response: { 200: ProjectView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { row, facts } = await loadProject(ctx, req.params.id);
      const org = requireParty(ctx, facts);
      if (row.merged_into_id) throw new AppError(409, 'project_merged', '该项目已合并到另一个项目');
      await answerFollowUp(ctx, { project: row, organisationId: org, point: req.params.point, body: req.body });
      return present(ctx, row.id);
    },
  );

  app.get(
    '/public/theme-days/:id/projects',
    {
      schema: {
        tags: ['public'],
        summary: '主题日的合作项目（各方同意公开的；金额仅在各方同意时公开）',
        params: IdParams,
        response: { 200: PublicProjectList },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const td = (await themeDayFacts(ctx.db, [req.params.id])).get(req.params.id);
      if (!td) throw notFound();
      const rows = await findProjects(ctx.db, { themeDayId: td.id, countedOnly: true }, 'asc');
      const l = await loadAround(ctx.db, rows);
      const items = rows.filter((r) => isPublished(r, l)).map((r) => presentPublic(r, l));
      reply.header('cache-control', 'public, no-cache');
      return { items, total: items.length };
    },
  );

  app.get(
    '/public/theme-days/:id/results',
    {
      schema: {
        tags: ['public'],
        summary: '主题日成果：合作项目数、合作机制稳定程度、中小企业参与率与公开的项目（不含金额合计）',
        params: IdParams,
        response: { 200: PublicResultsView },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const td = (await themeDayFacts(ctx.db, [req.params.id])).get(req.params.id);
      if (!td) throw notFound();
      const today = shanghaiToday(ctx.clock.now());
      const facts = await statsFacts(ctx.db, { themeDayId: td.id }, SEE_ALL, today, false);
      const stats = computeStats(facts, new Map([[td.id, td]]), 'none', today);
      const rows = await findProjects(ctx.db, { themeDayId: td.id, countedOnly: true }, 'asc');
      const l = await loadAround(ctx.db, rows);
      const { amounts: _a, jobsCreated: _j, overdueFollowUps: _o, candidates: _c, ...figures } = stats.total;
      reply.header('cache-control', 'public, no-cache');
      return {
        asOf: stats.asOf,
        followUpMonths: stats.followUpMonths,
        definitions: stats.definitions,
        figures,
        projects: rows.filter((r) => isPublished(r, l)).map((r) => presentPublic(r, l)),
      };
    },
  );
};
export default routes;
