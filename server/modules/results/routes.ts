/**
 * Results (科技成果): drafts, the 不涉密 declaration, the confidentiality review by the organisation's designated
 * reviewer, public lists, and applications to take part (意向合作). Out-of-scope results are 404.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, pageSlice } from '../../../common/contracts/common.ts';
import {
  ApplicationBody,
  ApplicationList,
  ApplicationListQuery,
  ApplicationView,
  DECLARATION_TEXT,
  DecisionBody,
  DeclarationView,
  ResultBody,
  ResultList,
  ResultListQuery,
  ResultUpdateBody,
  ResultView,
  ReviewBody,
  ReviewerBody,
  ReviewerCandidates,
  ReviewerList,
  ReviewerView,
  SubmitBody,
} from '../../../common/contracts/results.ts';
import { requireActingOrg } from '../../lib/acting.ts';
import { NON_CLASSIFIED_NOTICE } from '../../../common/contracts/common.ts';
import type { Actor, Ctx } from '../../lib/context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { actsFor, authorize, ensureVisible, requireActor, verifiedOrgOnly } from '../../lib/policy.ts';
import { XLSX_MIME, toXlsx, xlsxAttachment } from '../../lib/xlsx.ts';
import {
  actingOrganisationId,
  canDecideApplication,
  canManageReviewers,
  canSeeApplication,
  canSeeResult,
  canSeeReviewers,
  isResultOwner,
} from './policy.ts';
import {
  presentApplication,
  presentApplications,
  presentResult,
  presentResults,
  presentReviewer,
  RESULT_EXPORT_HEADER,
  resultExportRow,
} from './presenter.ts';
import {
  getApplication,
  getResult,
  getReviewer,
  isReviewerOf,
  listApplications,
  listResults,
  listReviewers,
  memberCandidates,
  memberOf,
  reviewerOrganisationIds,
} from './repository.ts';
import {
  applyToResult,
  createResult,
  decideApplication,
  designateReviewer,
  reviewResult,
  revokeReviewer,
  submitResult,
  updateResult,
} from './service.ts';

const TAGS = ['results'];

/** The result and whether the caller reviews for its organisation; 404 when they may not see it. */
async function loadResult(ctx: Ctx, id: string) {
  const r = await getResult(ctx.db, id);
  if (!r) throw notFound();
  const reviewer = await isReviewerOf(ctx.db, ctx.actor?.userId, r.organisation_id);
  if (!canSeeResult(ctx.actor, r, reviewer)) throw notFound();
  return { r, reviewer };
}

/** Fresh read after a command, presented for the caller. */
async function presentResultById(ctx: Ctx, id: string): Promise<ResultView> {
  const row = await getResult(ctx.db, id);
  if (!row) throw notFound();
  return presentResult(ctx.db, ctx.actor, row);
}
async function presentApplicationById(ctx: Ctx, id: string): Promise<ApplicationView> {
  const row = await getApplication(ctx.db, id);
  if (!row) throw notFound();
  return presentApplication(ctx.db, ctx.actor, row);
}

/** The lists' scope: the caller's acting organisation and the organisations they review for. */
async function listScope(ctx: Ctx, q: ResultListQuery) {
  const reviewerOf = q.box === 'review' && ctx.actor ? await reviewerOrganisationIds(ctx.db, ctx.actor.userId) : [];
  return { mineOf: actingOrganisationId(ctx.actor), reviewerOf };
}

/** Managing an organisation's designations: 403 for its own members who may not, 404 for everyone else. */
function authorizeReviewerManagement(actor: Actor, organisationId: string): void {
  if (canManageReviewers(actor, organisationId)) return;
  if (actsFor(actor, organisationId)) authorize(false, '只有本单位管理员可以指定保密审查人');
  throw notFound();
}

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/results/declaration',
    { schema: { tags: TAGS, summary: '不涉密声明的固定文字与非涉密平台提示', response: { 200: DeclarationView } } },
    async () => ({ declarationText: DECLARATION_TEXT, notice: NON_CLASSIFIED_NOTICE }),
  );

  app.get(
    '/results',
    {
      schema: {
        tags: TAGS,
        summary: '科技成果列表（公开列表只含保密审查“可以公开”的；box=mine 本单位全部；box=review 待我审查）',
        querystring: ResultListQuery,
        response: { 200: ResultList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const q = req.query;
      const { items, total } = await listResults(ctx.db, q, await listScope(ctx, q));
      return { items: await presentResults(ctx.db, ctx.actor, items), total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/results.xlsx',
    {
      schema: {
        tags: TAGS,
        summary: '导出科技成果列表（.xlsx，筛选条件同列表；公开列表只含可以公开的）',
        querystring: ResultListQuery,
        produces: [XLSX_MIME],
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const q = { ...req.query, page: 1, pageSize: 100_000 };
      const { items } = await listResults(ctx.db, q, await listScope(ctx, q));
      const views = await presentResults(ctx.db, ctx.actor, items);
      const buf = await toXlsx('科技成果', RESULT_EXPORT_HEADER, views.map(resultExportRow));
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', xlsxAttachment('科技成果.xlsx'))
        .header('cache-control', 'no-store')
        .send(buf);
    },
  );

  app.post(
    '/results',
    {
      preValidation: verifiedOrgOnly,
      schema: {
        tags: TAGS,
        summary: '新建科技成果（草稿，本单位可见；送审并经保密审查“可以公开”后才公开）',
        body: ResultBody,
        response: { 201: ResultView },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const org = await requireActingOrg(ctx.db, requireActor(ctx));
      const id = await createResult(ctx, { organisationId: org.id, body: req.body });
      return reply.code(201).send(await presentResultById(ctx, id));
    },
  );

  app.get(
    '/results/:id',
    {
      schema: {
        tags: TAGS,
        summary: '科技成果详情（未公开的仅本单位与保密审查人可见）',
        params: IdParams,
        response: { 200: ResultView },
      },
    },
    async (req) => {
      const { r } = await loadResult(req.ctx, req.params.id);
      return presentResult(req.ctx.db, req.ctx.actor, r);
    },
  );

  app.patch(
    '/results/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改科技成果（草稿或退回修改时）',
        params: IdParams,
        body: ResultUpdateBody,
        response: { 200: ResultView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const { r } = await loadResult(ctx, req.params.id);
      authorize(isResultOwner(actor, r), '只有成果所属单位可以修改');
      await updateResult(ctx, { result: r, body: req.body });
      return presentResultById(ctx, r.id);
    },
  );

  app.post(
    '/results/:id/submit',
    {
      preValidation: verifiedOrgOnly,
      schema: {
        tags: TAGS,
        summary: `作不涉密声明并送保密审查（须勾选「${DECLARATION_TEXT}」）`,
        params: IdParams,
        body: SubmitBody,
        response: { 200: ResultView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const { r } = await loadResult(ctx, req.params.id);
      authorize(isResultOwner(actor, r), '只有成果所属单位可以送审');
      await submitResult(ctx, { result: r, body: req.body });
      return presentResultById(ctx, r.id);
    },
  );

  app.post(
    '/results/:id/review',
    {
      schema: {
        tags: TAGS,
        summary: '保密审查（可以公开 / 修改后公开 / 不同意公开；本单位指定的审查人）',
        params: IdParams,
        body: ReviewBody,
        response: { 200: ResultView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      requireActor(ctx);
      const { r, reviewer } = await loadResult(ctx, req.params.id);
      if (!reviewer) throw new AppError(403, 'not_confidentiality_reviewer', '只有本单位指定的保密审查人可以审查');
      await reviewResult(ctx, { result: r, outcome: req.body.outcome, comment: req.body.comment || null });
      return presentResultById(ctx, r.id);
    },
  );

  // ----- confidentiality reviewer designations ------------------------------------------------------------

  app.get(
    '/organisations/:id/confidentiality-reviewers',
    { schema: { tags: TAGS, summary: '本单位指定的保密审查人', params: IdParams, response: { 200: ReviewerList } } },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      if (!canSeeReviewers(actor, req.params.id)) throw notFound();
      const rows = await listReviewers(ctx.db, req.params.id);
      return { items: rows.map(presentReviewer), canManage: canManageReviewers(actor, req.params.id) };
    },
  );

  app.get(
    '/organisations/:id/confidentiality-reviewer-candidates',
    {
      schema: {
        tags: TAGS,
        summary: '可指定为保密审查人的本单位人员（本单位管理员或系统管理员）',
        params: IdParams,
        response: { 200: ReviewerCandidates },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      authorizeReviewerManagement(requireActor(ctx), req.params.id);
      const rows = await memberCandidates(ctx.db, req.params.id);
      const seen = new Set<string>();
      return {
        items: rows
          .filter((x) => !seen.has(x.id) && !!seen.add(x.id))
          .map((x) => ({ id: x.id, name: x.name, role: x.role })),
      };
    },
  );

  app.post(
    '/organisations/:id/confidentiality-reviewers',
    {
      schema: {
        tags: TAGS,
        summary: '指定保密审查人（本单位管理员或系统管理员；须为本单位人员）',
        params: IdParams,
        body: ReviewerBody,
        response: { 201: ReviewerView },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const orgId = req.params.id;
      authorizeReviewerManagement(requireActor(ctx), orgId);
      const user = await memberOf(ctx.db, orgId, req.body.userId);
      if (!user)
        throw new AppError(422, 'reviewer_not_member', '保密审查人须为本单位人员', [
          { field: 'userId', code: 'reviewer_not_member', message: '保密审查人须为本单位人员' },
        ]);
      const row = await designateReviewer(ctx, { organisationId: orgId, user });
      return reply.code(201).send(presentReviewer({ ...row, name: user.name }));
    },
  );

  app.delete(
    '/confidentiality-reviewers/:id',
    { schema: { tags: TAGS, summary: '取消保密审查人指定', params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const row = ensureVisible(await getReviewer(ctx.db, req.params.id), (x) =>
        canManageReviewers(actor, x.organisation_id),
      );
      await revokeReviewer(ctx, { reviewer: row });
      return reply.code(204).send(null);
    },
  );

  // ----- applications to take part ------------------------------------------------------------------------

  app.post(
    '/results/:id/applications',
    {
      schema: {
        tags: TAGS,
        summary: '申请参与成果转化（已公开的成果）',
        params: IdParams,
        body: ApplicationBody,
        response: { 201: ApplicationView },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const { r } = await loadResult(ctx, req.params.id);
      const org = await requireActingOrg(ctx.db, actor);
      const id = await applyToResult(ctx, { organisation: org, result: r, message: req.body.message });
      return reply.code(201).send(await presentApplicationById(ctx, id));
    },
  );

  app.get(
    '/result-applications',
    {
      schema: {
        tags: TAGS,
        summary: '成果转化合作申请（box=mine 我单位提交的；received 我单位成果收到的）',
        querystring: ApplicationListQuery,
        response: { 200: ApplicationList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const q = req.query;
      const all = await listApplications(ctx.db, q, actingOrganisationId(actor));
      return {
        items: await presentApplications(ctx.db, actor, pageSlice(all, q)),
        total: all.length,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );

  for (const decision of ['accept', 'decline'] as const) {
    app.post(
      `/result-applications/:id/${decision}`,
      {
        schema: {
          tags: TAGS,
          summary: decision === 'accept' ? '接受合作申请' : '婉拒合作申请',
          params: IdParams,
          body: DecisionBody,
          response: { 200: ApplicationView },
        },
      },
      async (req) => {
        const ctx = req.ctx;
        const actor = requireActor(ctx);
        const a = ensureVisible(await getApplication(ctx.db, req.params.id), (x) => canSeeApplication(actor, x));
        authorize(canDecideApplication(actor, a), '只有成果所属单位可以处理申请');
        await decideApplication(ctx, { application: a, decision, note: req.body.note ?? null });
        return presentApplicationById(ctx, a.id);
      },
    );
  }
};
export default routes;
