/**
 * The third-party evaluation (第三方评估, issue 11 §2): NDRC commissions, the evaluator reads the indicators of
 * the theme days in scope, scores, concludes and submits, NDRC accepts; the report as .docx and .xlsx.
 * Handlers run validate → load → authorise → act → present. An evaluation the caller may not see is 404.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../common/contracts/common.ts';
import {
  CommissionBody,
  ConclusionsBody,
  EvaluationList,
  EvaluationView,
  IndicatorsView,
  ScoresBody,
} from '../../../common/contracts/evaluation.ts';
import { shanghaiToday } from '../../../common/time.ts';
import type { Ctx } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { DOCX_MIME } from '../../lib/official-doc.ts';
import { contentDisposition } from '../activity-plans/docx.ts';
import { hasRole, isOwner, requireActor } from '../../lib/policy.ts';
import { XLSX_MIME, xlsxAttachment } from '../../lib/xlsx.ts';
import { computeIndicators } from './indicators.ts';
import { canSeeEvaluation } from './policy.ts';
import { presentEvaluations } from './presenter.ts';
import { reportDocx, reportTitle, reportXlsx } from './report.ts';
import { getEvaluation, listEvaluations, scopesOf, type EvaluationRow } from './repository.ts';
import { acceptEvaluation, commissionEvaluation, saveConclusions, saveScores, submitEvaluation } from './service.ts';

const TAGS = ['evaluation'];

/** The evaluation, or 404 unless the caller may see it. */
async function loadEvaluation(ctx: Ctx, id: string): Promise<EvaluationRow> {
  const actor = requireActor(ctx);
  const row = await getEvaluation(ctx.db, id);
  if (!row || !canSeeEvaluation(actor, { evaluatorOrganisationId: row.evaluator_organisation_id, status: row.status }))
    throw notFound();
  return row;
}

async function present(ctx: Ctx, id: string): Promise<EvaluationView> {
  const row = (await getEvaluation(ctx.db, id))!;
  const [v] = await presentEvaluations(ctx.db, ctx.actor, [row], true);
  return v!;
}

async function indicatorsOf(ctx: Ctx, row: EvaluationRow): Promise<IndicatorsView> {
  const scope = (await scopesOf(ctx.db, [row.id])).get(row.id)!;
  return computeIndicators(ctx.db, scope, shanghaiToday(ctx.clock.now()));
}

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/evaluations',
    {
      schema: {
        tags: TAGS,
        summary: '第三方评估列表（国家发展改革委：全部；评估机构：委托本机构的评估）',
        response: { 200: EvaluationList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      let rows: EvaluationRow[] = [];
      if (isOwner(actor)) rows = await listEvaluations(ctx.db, {});
      else if (hasRole(actor, 'evaluator') && actor.organisationId)
        rows = await listEvaluations(ctx.db, { evaluatorOrganisationId: actor.organisationId });
      const items = await presentEvaluations(ctx.db, actor, rows, true);
      return { items: items.map(({ scores: _scores, ...rest }) => rest) };
    },
  );

  app.post(
    '/evaluations',
    {
      schema: {
        tags: TAGS,
        summary:
          '委托第三方评估（国家发展改革委）：评估机构、主题日范围、评估期、指标及权重（权重之和为100；默认为通知要求的三项）',
        body: CommissionBody,
        response: { 201: EvaluationView },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const id = await commissionEvaluation(ctx, { body: req.body });
      return reply.code(201).send(await present(ctx, id));
    },
  );

  app.get(
    '/evaluations/:id',
    {
      schema: {
        tags: TAGS,
        summary: '评估详情：范围、指标体系、评分、结论',
        params: IdParams,
        response: { 200: EvaluationView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const row = await loadEvaluation(ctx, req.params.id);
      return present(ctx, row.id);
    },
  );

  app.get(
    '/evaluations/:id/indicators',
    {
      schema: {
        tags: TAGS,
        summary:
          '评估指标数据：各主题日及合计的合作项目（阶段/类型/板块/金额）、合作机制稳定程度、再次合作率、中小企业参与率、满意度（CSAT/NPS及95%置信区间）、参与规模、洽谈与路演',
        params: IdParams,
        response: { 200: IndicatorsView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const row = await loadEvaluation(ctx, req.params.id);
      return indicatorsOf(ctx, row);
    },
  );

  app.put(
    '/evaluations/:id/scores',
    {
      schema: {
        tags: TAGS,
        summary: '评分（评估机构；每个主题日每项指标0–100分并附评语；提交后不可修改）',
        params: IdParams,
        body: ScoresBody,
        response: { 200: EvaluationView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const row = await loadEvaluation(ctx, req.params.id);
      await saveScores(ctx, { evaluation: row, body: req.body });
      return present(ctx, row.id);
    },
  );

  app.put(
    '/evaluations/:id/conclusions',
    {
      schema: {
        tags: TAGS,
        summary: '评估结论与建议（评估机构；提交后不可修改）',
        params: IdParams,
        body: ConclusionsBody,
        response: { 200: EvaluationView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const row = await loadEvaluation(ctx, req.params.id);
      await saveConclusions(ctx, { evaluation: row, body: req.body });
      return present(ctx, row.id);
    },
  );

  app.post(
    '/evaluations/:id/submit',
    {
      schema: {
        tags: TAGS,
        summary: '提交评估（评估机构；须全部评分并填写结论；提交后锁定）',
        params: IdParams,
        response: { 200: EvaluationView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const row = await loadEvaluation(ctx, req.params.id);
      await submitEvaluation(ctx, { evaluation: row });
      return present(ctx, row.id);
    },
  );

  app.post(
    '/evaluations/:id/accept',
    {
      schema: {
        tags: TAGS,
        summary: '验收评估（国家发展改革委）',
        params: IdParams,
        response: { 200: EvaluationView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const row = await loadEvaluation(ctx, req.params.id);
      await acceptEvaluation(ctx, { evaluation: row });
      return present(ctx, row.id);
    },
  );

  const report = (ext: 'docx' | 'xlsx') =>
    app.get(
      `/evaluations/:id/report.${ext}`,
      {
        schema: {
          tags: TAGS,
          summary:
            ext === 'docx'
              ? '评估报告（.docx，公文格式 GB/T 9704，含指标表格与图表）'
              : '评估报告数据（.xlsx：全部指标数据、评分、口径）',
          params: IdParams,
        },
      },
      async (req, reply) => {
        const ctx = req.ctx;
        const row = await loadEvaluation(ctx, req.params.id);
        const view = await present(ctx, row.id);
        const indicators = await indicatorsOf(ctx, row);
        const buf =
          ext === 'docx' ? await reportDocx(view, indicators, ctx.clock.now()) : await reportXlsx(view, indicators);
        const name = `${reportTitle(view)}.${ext}`;
        return reply
          .header('content-type', ext === 'xlsx' ? XLSX_MIME : DOCX_MIME)
          .header('content-disposition', ext === 'xlsx' ? xlsxAttachment(name) : contentDisposition(name))
          .header('cache-control', 'private, no-store')
          .send(buf);
      },
    );
  report('docx');
  report('xlsx');
};

export default routes;
