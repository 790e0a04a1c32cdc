/**
 * Results (科技成果): drafts, the 不涉密 declaration, the confidentiality review by the organisation's designated
 * reviewer, public lists, and applications to take part (意向合作). Out-of-scope results are 404.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { isUniqueViolation } from '../../db/index.ts';
import { audit } from '../../lib/audit.ts';
import { AppError, invalidState, notFound } from '../../lib/errors.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { authorize, requireActor } from '../../lib/policy.ts';
import { notifyUsers } from '../notifications/service.ts';
import {
  ApplicationBody,
  ApplicationList,
  ApplicationListQuery,
  ApplicationView,
  DECLARATION_TEXT,
  DecisionBody,
  OrgParams,
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
import { z } from 'zod';
import { canManageReviewers, canSeeResult, createResult, getResult, isReviewerOf, listResults, orgActors, presentResults, resultLink, reviewResult, submitResult, updateResult } from './service.ts';
import { actsFor } from '../../lib/policy.ts';
import { IdParams } from '../../../common/contracts/common.ts';
import { NON_CLASSIFIED_NOTICE } from '../../lib/attachments.ts';
import { orgNames } from '../../lib/sql.ts';
import { requireActingOrg } from '../../lib/acting.ts';
import { XLSX_MIME, toXlsx, xlsxAttachment } from '../../lib/xlsx.ts';

const TAGS = ['results'];

const routes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  async function load(req: FastifyRequest, id: string) {
    const actor = req.ctx.actor;
    const r = await getResult(db, id);
    if (!r) throw notFound();
    const reviewer = await isReviewerOf(db, actor?.userId, r.organisation_id);
    if (!canSeeResult(actor, r, reviewer)) throw notFound();
    return { actor, r, reviewer };
  }
  const present = async (req: FastifyRequest, id: string) => (await presentResults(db, req.ctx.actor, [(await getResult(db, id))!]))[0]!;

  app.get(
    '/results/declaration',
    { schema: { tags: TAGS, summary: '不涉密声明的固定文字与非涉密平台提示', response: { 200: z.object({ declarationText: z.string(), notice: z.string() }) } } },
    async () => ({ declarationText: DECLARATION_TEXT, notice: NON_CLASSIFIED_NOTICE }),
  );

  app.get(
    '/results',
    { schema: { tags: TAGS, summary: '科技成果列表（公开列表只含保密审查“可以公开”的；box=mine 本单位全部；box=review 待我审查）', querystring: ResultListQuery, response: { 200: ResultList } } },
    async (req) => {
      const q = req.query;
      const actor = req.ctx.actor;
      const { items, total } = await listResults(db, actor, q);
      return { items: await presentResults(db, actor, items), total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/results.xlsx',
    { schema: { tags: TAGS, summary: '导出科技成果列表（.xlsx，筛选条件同列表；公开列表只含可以公开的）', querystring: ResultListQuery, produces: [XLSX_MIME] } },
    async (req, reply) => {
      const actor = req.ctx.actor;
      const { items } = await listResults(db, actor, { ...req.query, page: 1, pageSize: 100_000 });
      const views = await presentResults(db, actor, items);
      const header = ['名称', '持有单位', '所属主题日', '所属领域', '技术成熟度（TRL）', '专利号', '转化方式', '价格预期', '公开时间'];
      const rows = views.map((v) => [v.title, v.organisation.name, v.themeDay?.title ?? '', `${v.fieldCode} ${v.fieldName ?? ''}`.trim(), v.trl, v.patents, v.transferModeLabel, v.priceExpectation, v.publishedAt ?? '']);
      return reply.header('content-type', XLSX_MIME).header('content-disposition', xlsxAttachment('科技成果.xlsx')).header('cache-control', 'no-store').send(await toXlsx('科技成果', header, rows));
    },
  );

  app.post(
    '/results',
    { schema: { tags: TAGS, summary: '新建科技成果（草稿，本单位可见；送审并经保密审查“可以公开”后才公开）', body: ResultBody, response: { 201: ResultView } } },
    async (req, reply) => {
      const actor = requireActor(req.ctx);
      const org = await requireActingOrg(db, actor);
      const id = await createResult(req, actor, org.id, req.body);
      return reply.code(201).send(await present(req, id));
    },
  );

  app.get('/results/:id', { schema: { tags: TAGS, summary: '科技成果详情（未公开的仅本单位与保密审查人可见）', params: IdParams, response: { 200: ResultView } } }, async (req) => {
    const { r } = await load(req, req.params.id);
    return present(req, r.id);
  });

  app.patch('/results/:id', { schema: { tags: TAGS, summary: '修改科技成果（草稿或退回修改时）', params: IdParams, body: ResultUpdateBody, response: { 200: ResultView } } }, async (req) => {
    const actor = requireActor(req.ctx);
    const { r } = await load(req, req.params.id);
    authorize(actsFor(actor, r.organisation_id), '只有成果所属单位可以修改');
    await updateResult(req, actor, r, req.body);
    return present(req, r.id);
  });

  app.post(
    '/results/:id/submit',
    { schema: { tags: TAGS, summary: `作不涉密声明并送保密审查（须勾选「${DECLARATION_TEXT}」）`, params: IdParams, body: SubmitBody, response: { 200: ResultView } } },
    async (req) => {
      const actor = requireActor(req.ctx);
      const { r } = await load(req, req.params.id);
      authorize(actsFor(actor, r.organisation_id), '只有成果所属单位可以送审');
      await submitResult(req, actor, r, req.body);
      return present(req, r.id);
    },
  );

  app.post(
    '/results/:id/review',
    { schema: { tags: TAGS, summary: '保密审查（可以公开 / 修改后公开 / 不同意公开；本单位指定的审查人）', params: IdParams, body: ReviewBody, response: { 200: ResultView } } },
    async (req) => {
      const actor = requireActor(req.ctx);
      const { r, reviewer } = await load(req, req.params.id);
      if (!reviewer) throw new AppError(403, 'not_confidentiality_reviewer', '只有本单位指定的保密审查人可以审查');
      await reviewResult(req, actor, r, req.body.outcome, req.body.comment || null);
      return present(req, r.id);
    },
  );

  // ----- confidentiality reviewer designations ------------------------------------------------------------

  app.get(
    '/organisations/:id/confidentiality-reviewers',
    { schema: { tags: TAGS, summary: '本单位指定的保密审查人', params: OrgParams, response: { 200: ReviewerList } } },
    async (req) => {
      const actor = requireActor(req.ctx);
      if (!canManageReviewers(actor, req.params.id) && !actsFor(actor, req.params.id)) throw notFound();
      const rows = await db
        .selectFrom('confidentiality_reviewers as c')
        .innerJoin('users as u', 'u.id', 'c.user_id')
        .select(['c.id', 'c.organisation_id', 'c.user_id', 'u.name', 'c.created_at'])
        .where('c.organisation_id', '=', req.params.id)
        .orderBy('c.created_at')
        .execute();
      return {
        items: rows.map((x) => ({ id: x.id, organisationId: x.organisation_id, user: { id: x.user_id, name: x.name }, createdAt: x.created_at })),
        canManage: canManageReviewers(actor, req.params.id),
      };
    },
  );

  app.get(
    '/organisations/:id/confidentiality-reviewer-candidates',
    { schema: { tags: TAGS, summary: '可指定为保密审查人的本单位人员（本单位管理员或系统管理员）', params: OrgParams, response: { 200: ReviewerCandidates } } },
    async (req) => {
      const actor = requireActor(req.ctx);
      const orgId = req.params.id;
      if (!canManageReviewers(actor, orgId)) {
        if (actsFor(actor, orgId)) authorize(false, '只有本单位管理员可以指定保密审查人');
        throw notFound();
      }
      const rows = await db
        .selectFrom('memberships as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['u.id', 'u.name', 'm.role'])
        .where('m.organisation_id', '=', orgId)
        .where('u.disabled', '=', 0)
        .orderBy('u.name')
        .orderBy('m.id')
        .execute();
      const seen = new Set<string>();
      return { items: rows.filter((x) => !seen.has(x.id) && !!seen.add(x.id)).map((x) => ({ id: x.id, name: x.name, role: x.role })) };
    },
  );

  app.post(
    '/organisations/:id/confidentiality-reviewers',
    { schema: { tags: TAGS, summary: '指定保密审查人（本单位管理员或系统管理员；须为本单位人员）', params: OrgParams, body: ReviewerBody, response: { 201: ReviewerView } } },
    async (req, reply) => {
      const actor = requireActor(req.ctx);
      const orgId = req.params.id;
      if (!canManageReviewers(actor, orgId)) {
        if (actsFor(actor, orgId)) authorize(false, '只有本单位管理员可以指定保密审查人');
        throw notFound();
      }
      const user = await db
        .selectFrom('memberships as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['u.id', 'u.name'])
        .where('m.organisation_id', '=', orgId)
        .where('m.user_id', '=', req.body.userId)
        .executeTakeFirst();
      if (!user) throw new AppError(422, 'reviewer_not_member', '保密审查人须为本单位人员', [{ field: 'userId', code: 'reviewer_not_member', message: '保密审查人须为本单位人员' }]);
      const now = nowIso(app.clock.now());
      const id = newId();
      try {
        await db.transaction().execute(async (trx) => {
          await trx.insertInto('confidentiality_reviewers').values({ id, organisation_id: orgId, user_id: user.id, created_by: actor.userId, created_at: now }).execute();
          await audit(trx, req.ctx, { entityType: 'confidentiality_reviewer', entityId: id, action: 'designate', after: { organisationId: orgId, userId: user.id } });
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError(409, 'duplicate_member', '该人员已是保密审查人');
        throw err;
      }
      return reply.code(201).send({ id, organisationId: orgId, user: { id: user.id, name: user.name }, createdAt: now });
    },
  );

  app.delete(
    '/confidentiality-reviewers/:id',
    { schema: { tags: TAGS, summary: '取消保密审查人指定', params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      const actor = requireActor(req.ctx);
      const row = await db.selectFrom('confidentiality_reviewers').selectAll().where('id', '=', req.params.id).executeTakeFirst();
      if (!row || !canManageReviewers(actor, row.organisation_id)) throw notFound();
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('confidentiality_reviewers').where('id', '=', row.id).execute();
        await audit(trx, req.ctx, { entityType: 'confidentiality_reviewer', entityId: row.id, action: 'revoke', before: row });
      });
      return reply.code(204).send(null);
    },
  );

  // ----- applications to take part ------------------------------------------------------------------------

  const appQuery = () =>
    db
      .selectFrom('result_applications as a')
      .innerJoin('results as r', 'r.id', 'a.result_id')
      .innerJoin('users as u', 'u.id', 'a.user_id')
      .selectAll('a')
      .select(['r.title as result_title', 'r.organisation_id as result_org_id', 'u.name as user_name']);
  type AppRow = NonNullable<Awaited<ReturnType<ReturnType<typeof appQuery>['executeTakeFirst']>>>;
  async function presentApps(req: FastifyRequest, rows: AppRow[]) {
    const actor = req.ctx.actor;
    const orgs = await orgNames(db, rows.flatMap((r) => [r.organisation_id, r.result_org_id]));
    return rows.map((a) => {
      const owner = actsFor(actor, a.result_org_id);
      return {
        id: a.id,
        result: { id: a.result_id, title: a.result_title, organisation: { id: a.result_org_id, name: orgs.get(a.result_org_id) ?? '' } },
        organisation: { id: a.organisation_id, name: orgs.get(a.organisation_id) ?? '' },
        user: { id: a.user_id, name: a.user_name },
        message: a.message,
        status: a.status as 'pending' | 'accepted' | 'declined',
        decisionNote: a.decision_note,
        createdAt: a.created_at,
        abilities: { accept: owner && a.status === 'pending', decline: owner && a.status === 'pending' },
      };
    });
  }

  app.post(
    '/results/:id/applications',
    { schema: { tags: TAGS, summary: '申请参与成果转化（已公开的成果）', params: IdParams, body: ApplicationBody, response: { 201: ApplicationView } } },
    async (req, reply) => {
      const actor = requireActor(req.ctx);
      const { r } = await load(req, req.params.id);
      const org = await requireActingOrg(db, actor);
      if (r.status !== 'public') throw invalidState('成果尚未公开');
      if (r.organisation_id === org.id) throw new AppError(409, 'own_result', '不能申请本单位的成果');
      const now = nowIso(app.clock.now());
      const id = newId();
      try {
        await db.transaction().execute(async (trx) => {
          const row = { id, result_id: r.id, organisation_id: org.id, user_id: actor.userId, message: req.body.message, status: 'pending', decision_note: null, created_at: now, updated_at: now };
          await trx.insertInto('result_applications').values(row).execute();
          await audit(trx, req.ctx, { entityType: 'result_application', entityId: id, action: 'create', after: row });
          await notifyUsers(trx, await orgActors(trx, r.organisation_id), { kind: 'result_application', title: `成果转化合作申请：${r.title}`, body: org.name, link: resultLink(r.id) }, app.clock.now());
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError(409, 'already_applied', '本单位已提交过申请');
        throw err;
      }
      return reply.code(201).send((await presentApps(req, [(await appQuery().where('a.id', '=', id).executeTakeFirst())!]))[0]!);
    },
  );

  app.get(
    '/result-applications',
    { schema: { tags: TAGS, summary: '成果转化合作申请（box=mine 我单位提交的；received 我单位成果收到的）', querystring: ApplicationListQuery, response: { 200: ApplicationList } } },
    async (req) => {
      const actor = requireActor(req.ctx);
      const q = req.query;
      const orgId = actor.organisationId && actsFor(actor, actor.organisationId) ? actor.organisationId : '__none__';
      let qb = appQuery().where(q.box === 'mine' ? 'a.organisation_id' : 'r.organisation_id', '=', orgId);
      if (q.resultId) qb = qb.where('a.result_id', '=', q.resultId);
      if (q.status) qb = qb.where('a.status', '=', q.status);
      const all = await qb.orderBy('a.created_at', q.order).orderBy('a.id').execute();
      const page = all.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
      return { items: await presentApps(req, page), total: all.length, page: q.page, pageSize: q.pageSize };
    },
  );

  for (const [path, to] of [
    ['accept', 'accepted'],
    ['decline', 'declined'],
  ] as const) {
    app.post(
      `/result-applications/:id/${path}`,
      { schema: { tags: TAGS, summary: path === 'accept' ? '接受合作申请' : '婉拒合作申请', params: IdParams, body: DecisionBody, response: { 200: ApplicationView } } },
      async (req) => {
        const actor = requireActor(req.ctx);
        const a = await appQuery().where('a.id', '=', req.params.id).executeTakeFirst();
        if (!a || !(actsFor(actor, a.organisation_id) || actsFor(actor, a.result_org_id))) throw notFound();
        authorize(actsFor(actor, a.result_org_id), '只有成果所属单位可以处理申请');
        if (a.status !== 'pending') throw invalidState('该申请已处理');
        await db.transaction().execute(async (trx) => {
          await trx.updateTable('result_applications').set({ status: to, decision_note: req.body.note ?? null, updated_at: nowIso(app.clock.now()) }).where('id', '=', a.id).execute();
          await audit(trx, req.ctx, { entityType: 'result_application', entityId: a.id, action: path, before: { status: a.status }, after: { status: to, note: req.body.note ?? null } });
          await notifyUsers(trx, [a.user_id], { kind: 'result_application', title: `成果转化合作申请${to === 'accepted' ? '已接受' : '未接受'}：${a.result_title}`, body: req.body.note ?? '', link: resultLink(a.result_id) }, app.clock.now());
        });
        return (await presentApps(req, [(await appQuery().where('a.id', '=', a.id).executeTakeFirst())!]))[0]!;
      },
    );
  }
};
export default routes;
