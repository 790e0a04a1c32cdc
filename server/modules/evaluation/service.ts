/**
 * Commands of the third-party evaluation: commission (NDRC), score and conclude (the evaluator, until it
 * submits), submit, accept (NDRC). Each runs in one transaction with its audit row. After submission the
 * scores and conclusions are locked: 409 `evaluation_locked`.
 */
import {
  DEFAULT_INDICATORS,
  type CommissionBody,
  type ConclusionsBody,
  type ScoresBody,
} from '../../../common/contracts/evaluation.ts';
import { json } from '../../db/index.ts';
import { audit } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError, notFound, validationFailed, type FieldError } from '../../lib/errors.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { authorize, requireActor } from '../../lib/policy.ts';
import { canAccept, canCommission, canScore, isOpen } from './policy.ts';
import { indicatorsOf } from './presenter.ts';
import {
  existingThemeDayIds,
  insertEvaluation,
  insertScope,
  lockEvaluation,
  organisation,
  scopesOf,
  updateEvaluation,
  upsertScore,
  type EvaluationRow,
} from './repository.ts';

const locked = () => new AppError(409, 'evaluation_locked', '评估报告已提交，评分和结论不能再修改');

/** NDRC commissions an evaluation. Every problem comes back at once as field errors. */
export async function commissionEvaluation(ctx: Ctx, props: { body: CommissionBody }): Promise<string> {
  const actor = requireActor(ctx);
  authorize(canCommission(actor), '只有国家发展改革委可以委托第三方评估');
  const b = props.body;
  const indicators = b.indicators ?? DEFAULT_INDICATORS;
  const errors: FieldError[] = [];
  const org = await organisation(ctx.db, b.evaluatorOrganisationId);
  if (!org) errors.push({ field: 'evaluatorOrganisationId', code: 'not_found', message: '评估机构不存在' });
  else if (org.kind !== 'evaluator')
    errors.push({ field: 'evaluatorOrganisationId', code: 'not_evaluator', message: '所选单位不是第三方评估机构' });
  const unique = [...new Set(b.themeDayIds)];
  if (unique.length !== b.themeDayIds.length)
    errors.push({ field: 'themeDayIds', code: 'duplicate', message: '主题日重复' });
  const found = await existingThemeDayIds(ctx.db, unique);
  b.themeDayIds.forEach((id, i) => {
    if (!found.has(id)) errors.push({ field: `themeDayIds.${i}`, code: 'not_found', message: '主题日不存在' });
  });
  if (b.periodEnd < b.periodStart)
    errors.push({ field: 'periodEnd', code: 'before_start', message: '评估期结束日期不能早于开始日期' });
  const keys = new Set<string>();
  indicators.forEach((ind, i) => {
    if (keys.has(ind.key))
      errors.push({ field: `indicators.${i}.key`, code: 'duplicate', message: `指标代码“${ind.key}”重复` });
    keys.add(ind.key);
  });
  const sum = indicators.reduce((s, i) => s + i.weight, 0);
  if (sum !== 100)
    errors.push({ field: 'indicators', code: 'weights_sum', message: `各指标权重之和应为100，当前为${sum}` });
  if (errors.length) throw validationFailed(errors);

  const now = nowIso(ctx.clock.now());
  const row: EvaluationRow = {
    id: newId(),
    title: b.title ?? `${b.periodStart.slice(0, 4)}年融通创新主题日活动第三方评估`,
    evaluator_organisation_id: b.evaluatorOrganisationId,
    period_start: b.periodStart,
    period_end: b.periodEnd,
    indicators: json.stringify(indicators),
    status: 'commissioned',
    conclusions: '',
    commissioned_by: actor.userId,
    submitted_by: null,
    submitted_at: null,
    accepted_by: null,
    accepted_at: null,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertEvaluation(trx, row);
    await insertScope(trx, row.id, b.themeDayIds);
    await audit(trx, ctx, {
      entityType: 'evaluation',
      entityId: row.id,
      action: 'commission',
      after: {
        evaluatorOrganisationId: row.evaluator_organisation_id,
        themeDayIds: b.themeDayIds,
        period: [b.periodStart, b.periodEnd],
        indicators: indicators.map((i) => `${i.key}:${i.weight}`),
      },
    });
  });
  return row.id;
}

/** Re-reads the row under a lock and refuses when it is no longer open for the evaluator's work. */
async function openRow(ctx: Ctx, trx: Parameters<typeof lockEvaluation>[0], id: string): Promise<EvaluationRow> {
  const row = await lockEvaluation(trx, ctx.dialect, id);
  if (!row) throw notFound();
  if (!isOpen(row.status)) throw locked();
  return row;
}

/** The evaluator saves scores (0–100 each, with a comment) for indicators of theme days in scope. */
export async function saveScores(ctx: Ctx, props: { evaluation: EvaluationRow; body: ScoresBody }): Promise<void> {
  const actor = requireActor(ctx);
  const e = props.evaluation;
  if (!isOpen(e.status)) throw locked();
  authorize(canScore(actor, { evaluatorOrganisationId: e.evaluator_organisation_id, status: e.status }));
  const keys = new Set(indicatorsOf(e).map((i) => i.key));
  const scope = new Set((await scopesOf(ctx.db, [e.id])).get(e.id)!.map((t) => t.id));
  const errors: FieldError[] = [];
  props.body.scores.forEach((s, i) => {
    if (!scope.has(s.themeDayId))
      errors.push({ field: `scores.${i}.themeDayId`, code: 'out_of_scope', message: '该主题日不在评估范围内' });
    if (!keys.has(s.indicatorKey))
      errors.push({ field: `scores.${i}.indicatorKey`, code: 'unknown_indicator', message: '指标不在评估指标体系内' });
  });
  if (errors.length) throw validationFailed(errors);
  const now = nowIso(ctx.clock.now());
  await ctx.db.transaction().execute(async (trx) => {
    const row = await openRow(ctx, trx, e.id);
    for (const s of props.body.scores)
      await upsertScore(trx, {
        id: newId(),
        evaluation_id: e.id,
        theme_day_id: s.themeDayId,
        indicator_key: s.indicatorKey,
        score: s.score,
        comment: s.comment,
        updated_by: actor.userId,
        updated_at: now,
      });
    await updateEvaluation(trx, e.id, { status: 'in_progress', updated_at: now });
    await audit(trx, ctx, {
      entityType: 'evaluation',
      entityId: e.id,
      action: 'score',
      before: { status: row.status },
      after: { scores: props.body.scores.map((s) => ({ t: s.themeDayId, k: s.indicatorKey, score: s.score })) },
    });
  });
}

export async function saveConclusions(
  ctx: Ctx,
  props: { evaluation: EvaluationRow; body: ConclusionsBody },
): Promise<void> {
  const actor = requireActor(ctx);
  const e = props.evaluation;
  if (!isOpen(e.status)) throw locked();
  authorize(canScore(actor, { evaluatorOrganisationId: e.evaluator_organisation_id, status: e.status }));
  const now = nowIso(ctx.clock.now());
  await ctx.db.transaction().execute(async (trx) => {
    const row = await openRow(ctx, trx, e.id);
    await updateEvaluation(trx, e.id, { conclusions: props.body.conclusions, status: 'in_progress', updated_at: now });
    await audit(trx, ctx, {
      entityType: 'evaluation',
      entityId: e.id,
      action: 'conclude',
      before: { length: row.conclusions.length },
      after: { length: props.body.conclusions.length },
    });
  });
}

/** Submits the evaluation: every indicator of every theme day scored and conclusions written; then locked. */
export async function submitEvaluation(ctx: Ctx, props: { evaluation: EvaluationRow }): Promise<void> {
  const actor = requireActor(ctx);
  const e = props.evaluation;
  if (!isOpen(e.status)) throw locked();
  authorize(canScore(actor, { evaluatorOrganisationId: e.evaluator_organisation_id, status: e.status }));
  const now = nowIso(ctx.clock.now());
  await ctx.db.transaction().execute(async (trx) => {
    const row = await openRow(ctx, trx, e.id);
    const scope = (await scopesOf(trx, [e.id])).get(e.id)!;
    const scored = new Set(
      (
        await trx
          .selectFrom('evaluation_scores')
          .select(['theme_day_id', 'indicator_key'])
          .where('evaluation_id', '=', e.id)
          .execute()
      ).map((s) => `${s.theme_day_id}|${s.indicator_key}`),
    );
    const errors: FieldError[] = [];
    for (const t of scope)
      for (const i of indicatorsOf(row))
        if (!scored.has(`${t.id}|${i.key}`))
          errors.push({
            field: `scores.${t.id}.${i.key}`,
            code: 'missing',
            message: `${t.title}：“${i.name}”尚未评分`,
          });
    if (!row.conclusions.trim())
      errors.push({ field: 'conclusions', code: 'missing', message: '请填写评估结论与建议' });
    if (errors.length) throw new AppError(422, 'evaluation_incomplete', '评估尚未完成，不能提交', errors);
    await updateEvaluation(trx, e.id, {
      status: 'submitted',
      submitted_by: actor.userId,
      submitted_at: now,
      updated_at: now,
    });
    await audit(trx, ctx, {
      entityType: 'evaluation',
      entityId: e.id,
      action: 'submit',
      before: { status: row.status },
    });
  });
}

/** NDRC accepts a submitted evaluation. */
export async function acceptEvaluation(ctx: Ctx, props: { evaluation: EvaluationRow }): Promise<void> {
  const actor = requireActor(ctx);
  const e = props.evaluation;
  if (e.status !== 'submitted') throw new AppError(409, 'evaluation_not_submitted', '评估报告尚未提交，不能验收');
  authorize(canAccept(actor, { evaluatorOrganisationId: e.evaluator_organisation_id, status: e.status }));
  const now = nowIso(ctx.clock.now());
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockEvaluation(trx, ctx.dialect, e.id);
    if (row?.status !== 'submitted') throw new AppError(409, 'evaluation_not_submitted', '评估报告尚未提交，不能验收');
    await updateEvaluation(trx, e.id, {
      status: 'accepted',
      accepted_by: actor.userId,
      accepted_at: now,
      updated_at: now,
    });
    await audit(trx, ctx, {
      entityType: 'evaluation',
      entityId: e.id,
      action: 'accept',
      before: { status: 'submitted' },
    });
  });
}
