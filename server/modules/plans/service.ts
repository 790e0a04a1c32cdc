/**
 * Preliminary-plan commands (417号 三(二)): create a draft, save it, submit it (checked against the
 * year's rules, kept as a version), withdraw it before the deadline, return it for revision. Each is
 * one transaction holding its audit event and notifications.
 */
import {
  checkPreliminaryPlan,
  planDeadlineInstant,
  type PlanIssue,
  type PreliminaryPlanCheck,
} from '../../../common/programme-rules.ts';
import { formatShanghai, isPastDeadline } from '../../../common/time.ts';
import { isUniqueViolation, json, type Executor } from '../../db/index.ts';
import { audit } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError, invalidState, notFound, validationFailed, type FieldError } from '../../lib/errors.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { requireActor } from '../../lib/policy.ts';
import { notifyUsers, usersWithRole, usersWithRoleAnywhere } from '../notifications/service.ts';
import { findProgramme, type ProgrammeRecord } from '../programmes/repository.ts';
import { EDITABLE } from './policy.ts';
import { assignmentsOfPlan, baseRefs, findPlan, type PlanRecord } from './repository.ts';
import type { PlanContentPatch, VersionContent } from '../../../common/contracts/plans.ts';
import { links } from '../../../common/links.ts';

/** Issue codes that no edit of the plan can fix: the call, the clock, the kind of base. */
export const GATE_CODES: readonly string[] = ['call_not_open', 'deadline_passed', 'base_not_eligible'];

/** Runs the common check on a plan (the same function the editor runs live). */
export function checkPlan(
  programme: ProgrammeRecord,
  plan: Pick<
    PlanRecord,
    'theme' | 'title' | 'body' | 'partnerBaseIds' | 'areas' | 'plannedMonths' | 'epidemicMeasures' | 'base'
  >,
  now: Date,
): PreliminaryPlanCheck {
  return checkPreliminaryPlan(
    programme.rules,
    {
      theme: plan.theme ?? undefined,
      title: plan.title ?? undefined,
      body: plan.body ?? undefined,
      partnerBaseIds: plan.partnerBaseIds,
      areas: plan.areas,
      plannedMonths: plan.plannedMonths,
      epidemicMeasures: plan.epidemicMeasures ?? undefined,
    },
    { now, callOpen: programme.status === 'open', baseKind: plan.base.kind },
  );
}

/**
 * The refusal of a submission: 422 listing every issue. When every issue is one no edit can fix (call
 * not open, deadline passed, base not eligible), the top-level code is the first of them, so the client
 * shows a banner instead of highlighting fields; otherwise it is `plan_incomplete`.
 */
export function submissionRefusal(issues: PlanIssue[]): AppError {
  const errors: FieldError[] = issues.map((i) => ({
    field: i.field ?? (i.code === 'base_not_eligible' ? 'baseId' : 'programme'),
    code: i.code,
    message: i.message,
  }));
  const gateOnly = issues.every((i) => GATE_CODES.includes(i.code));
  const code = gateOnly && issues[0] ? issues[0].code : 'plan_incomplete';
  return new AppError(422, code, issues.map((i) => i.message).join('；'), errors);
}

/** Partner bases must exist in the directory, be distinct and not be the plan's own base. */
async function validatePartners(db: Executor, ownBaseId: string, ids: string[] | undefined): Promise<void> {
  if (!ids) return;
  const errors: FieldError[] = [];
  if (new Set(ids).size !== ids.length)
    errors.push({ field: 'partnerBaseIds', code: 'duplicate', message: '参与基地不能重复' });
  if (ids.includes(ownBaseId))
    errors.push({ field: 'partnerBaseIds', code: 'own_base', message: '参与基地不能是本基地' });
  const found = new Set((await baseRefs(db, ids)).map((b) => b.id));
  const unknown = ids.filter((id) => !found.has(id));
  if (unknown.length)
    errors.push({ field: 'partnerBaseIds', code: 'unknown_base', message: `参与基地不存在：${unknown.join('、')}` });
  if (errors.length) throw validationFailed(errors);
}

/** Column values for the given subset of content fields. */
function contentColumns(c: PlanContentPatch) {
  return {
    ...(c.theme !== undefined ? { theme: c.theme } : {}),
    ...(c.title !== undefined ? { title: c.title } : {}),
    ...(c.body !== undefined ? { body: c.body } : {}),
    ...(c.epidemicMeasures !== undefined ? { epidemic_measures: c.epidemicMeasures } : {}),
    ...(c.partnerBaseIds !== undefined ? { partner_base_ids: json.stringify(c.partnerBaseIds) } : {}),
    ...(c.areas !== undefined ? { areas: json.stringify(c.areas) } : {}),
    ...(c.plannedMonths !== undefined ? { planned_months: json.stringify(c.plannedMonths) } : {}),
  };
}

const baseAdminsOf = (db: Executor, plan: PlanRecord) =>
  usersWithRole(db, plan.base.organisationId ? [plan.base.organisationId] : [], ['base_admin']);

/**
 * Creates the draft of a base for a programme: one per base per programme, held by the unique
 * constraint so that parallel creates yield one plan and 409 `duplicate` for the others.
 */
export async function createPlan(
  ctx: Ctx,
  props: { programme: ProgrammeRecord; base: { id: string; kind: string; name: string }; content: PlanContentPatch },
): Promise<string> {
  const { programme: p, base } = props;
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  if (p.status !== 'open') throw new AppError(422, 'call_not_open', '本年度活动初步计划征集尚未开放或已关闭');
  const deadline = planDeadlineInstant(p.rules);
  if (isPastDeadline(deadline, now)) {
    throw new AppError(422, 'deadline_passed', `活动初步计划提交截止时间（北京时间${formatShanghai(deadline)}）已过`);
  }
  if (!p.rules.eligibleBaseKinds.some((k) => k === base.kind)) {
    throw new AppError(422, 'base_not_eligible', `${base.name}不属于本年度可承办主题日的基地类型`);
  }
  await validatePartners(ctx.db, base.id, props.content.partnerBaseIds);
  const id = newId();
  const ts = nowIso(now);
  const row = {
    id,
    programme_id: p.id,
    base_id: base.id,
    status: 'draft' as const,
    theme: null,
    title: null,
    body: null,
    partner_base_ids: '[]',
    areas: '[]',
    planned_months: '[]',
    epidemic_measures: null,
    version: 0,
    submitted_at: null,
    return_reason: null,
    created_by: actor.userId,
    created_at: ts,
    updated_at: ts,
    ...contentColumns(props.content),
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('preliminary_plans').values(row).execute();
      await audit(trx, ctx, {
        entityType: 'preliminary_plan',
        entityId: id,
        action: 'create',
        after: { programmeId: p.id, baseId: base.id, ...props.content },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(409, 'duplicate', `${base.name}已有${p.year}年度的活动初步计划`);
    throw err;
  }
  return id;
}

/** Saves any subset of the content of an editable plan; only types and lengths are checked. */
export async function savePlan(ctx: Ctx, props: { planId: string; content: PlanContentPatch }): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const plan = await findPlan(trx, props.planId, { dialect: ctx.dialect });
    if (!plan) throw notFound();
    const programme = (await findProgramme(trx, plan.programmeId))!;
    if (programme.status === 'closed') throw new AppError(422, 'call_not_open', '本年度申报已关闭，计划不能再修改');
    if (!EDITABLE.includes(plan.status)) throw invalidState('计划已提交，请先撤回后再修改');
    await validatePartners(trx, plan.baseId, props.content.partnerBaseIds);
    const cols = contentColumns(props.content);
    await trx
      .updateTable('preliminary_plans')
      .set({ ...cols, updated_at: nowIso(now) })
      .where('id', '=', plan.id)
      .execute();
    const before: Record<string, unknown> = {};
    for (const k of Object.keys(props.content) as (keyof PlanContentPatch)[]) before[k] = plan[k];
    await audit(trx, ctx, {
      entityType: 'preliminary_plan',
      entityId: plan.id,
      action: 'update',
      before,
      after: props.content,
    });
  });
}

/** The full content of a plan as kept in a version. */
async function snapshot(db: Executor, plan: PlanRecord, check: PreliminaryPlanCheck): Promise<VersionContent> {
  return {
    theme: plan.theme,
    title: plan.title,
    body: plan.body,
    partnerBaseIds: plan.partnerBaseIds,
    partnerBases: (await baseRefs(db, plan.partnerBaseIds)).map(({ id, name, shortName }) => ({ id, name, shortName })),
    areas: plan.areas,
    plannedMonths: plan.plannedMonths,
    epidemicMeasures: plan.epidemicMeasures,
    zishu: check.zishu,
    areasCovered: check.areasCovered,
  };
}

/**
 * Submits a plan: checks it against the year's rules (every failure named, in Chinese), then sets it
 * submitted, bumps the version and keeps the full content as a plan_versions row. On a resubmission,
 * reviews already submitted are reopened (their scores kept as a draft): they scored the old text.
 */
export async function submitPlan(ctx: Ctx, props: { planId: string }): Promise<void> {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const plan = await findPlan(trx, props.planId, { dialect: ctx.dialect });
    if (!plan) throw notFound();
    if (!EDITABLE.includes(plan.status))
      throw invalidState(plan.status === 'submitted' ? '计划已提交' : '计划已入选，不能再提交');
    const programme = (await findProgramme(trx, plan.programmeId))!;
    const check = checkPlan(programme, plan, now);
    if (!check.ok) throw submissionRefusal(check.issues);
    const version = plan.version + 1;
    const ts = nowIso(now);
    await trx
      .updateTable('preliminary_plans')
      .set({ status: 'submitted', version, submitted_at: ts, return_reason: null, updated_at: ts })
      .where('id', '=', plan.id)
      .execute();
    await trx
      .insertInto('plan_versions')
      .values({
        id: newId(),
        plan_id: plan.id,
        version,
        content: json.stringify(await snapshot(trx, plan, check)),
        submitted_by: actor.userId,
        submitted_at: ts,
      })
      .execute();
    await audit(trx, ctx, {
      entityType: 'preliminary_plan',
      entityId: plan.id,
      action: 'submit',
      before: { status: plan.status, version: plan.version },
      after: { status: 'submitted', version },
    });
    const owners = await usersWithRoleAnywhere(trx, ['programme_owner']);
    await notifyUsers(
      trx,
      owners,
      {
        kind: 'plan_submitted',
        title: `${plan.base.shortName}提交了活动初步计划${version > 1 ? `（第${version}版）` : ''}`,
        body: plan.title ?? undefined,
        link: links.plan(plan.id),
      },
      now,
    );
    const reopened = await trx
      .updateTable('review_assignments')
      .set({ status: 'assigned', submitted_at: null })
      .where('plan_id', '=', plan.id)
      .where('status', '=', 'submitted')
      .returning(['id', 'reviewer_user_id'])
      .execute();
    for (const r of reopened) {
      await audit(trx, ctx, {
        entityType: 'review_assignment',
        entityId: r.id,
        action: 'reopen',
        before: { status: 'submitted' },
        after: { status: 'assigned', planVersion: version },
      });
    }
    const reviewers = (await assignmentsOfPlan(trx, plan.id)).map((a) => a.reviewer_user_id);
    await notifyUsers(
      trx,
      reviewers,
      {
        kind: 'plan_resubmitted',
        title: `${plan.base.shortName}重新提交了活动初步计划，请评审新版本`,
        link: links.plan(plan.id),
      },
      now,
    );
  });
}

/** Withdraws a submitted, not yet selected plan before the deadline; the base may edit and resubmit it. */
export async function withdrawPlan(ctx: Ctx, props: { planId: string }): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const plan = await findPlan(trx, props.planId, { dialect: ctx.dialect });
    if (!plan) throw notFound();
    if (plan.status !== 'submitted') {
      throw invalidState(plan.status === 'selected' ? '计划已入选，不能撤回' : '只有已提交的计划可以撤回');
    }
    const programme = (await findProgramme(trx, plan.programmeId))!;
    const deadline = planDeadlineInstant(programme.rules);
    if (isPastDeadline(deadline, now)) {
      throw new AppError(
        422,
        'deadline_passed',
        `已过提交截止时间（北京时间${formatShanghai(deadline)}），计划不能撤回`,
      );
    }
    await trx
      .updateTable('preliminary_plans')
      .set({ status: 'withdrawn', updated_at: nowIso(now) })
      .where('id', '=', plan.id)
      .execute();
    await audit(trx, ctx, {
      entityType: 'preliminary_plan',
      entityId: plan.id,
      action: 'withdraw',
      before: { status: plan.status },
      after: { status: 'withdrawn' },
    });
    const owners = await usersWithRoleAnywhere(trx, ['programme_owner']);
    const reviewers = (await assignmentsOfPlan(trx, plan.id)).map((a) => a.reviewer_user_id);
    await notifyUsers(
      trx,
      [...owners, ...reviewers],
      {
        kind: 'plan_withdrawn',
        title: `${plan.base.shortName}撤回了活动初步计划`,
        link: links.plan(plan.id),
      },
      now,
    );
  });
}

/** The owner sends a submitted plan back for revision, with reasons, while the call is open. */
export async function returnPlan(ctx: Ctx, props: { planId: string; reason: string }): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const plan = await findPlan(trx, props.planId, { dialect: ctx.dialect });
    if (!plan) throw notFound();
    const programme = (await findProgramme(trx, plan.programmeId))!;
    if (programme.status !== 'open') throw new AppError(422, 'call_not_open', '申报已关闭，不能退回计划');
    if (plan.status !== 'submitted') throw invalidState('只有已提交的计划可以退回');
    await trx
      .updateTable('preliminary_plans')
      .set({ status: 'returned', return_reason: props.reason, updated_at: nowIso(now) })
      .where('id', '=', plan.id)
      .execute();
    await audit(trx, ctx, {
      entityType: 'preliminary_plan',
      entityId: plan.id,
      action: 'return',
      before: { status: plan.status },
      after: { status: 'returned', reason: props.reason },
    });
    const deadline = formatShanghai(planDeadlineInstant(programme.rules));
    await notifyUsers(
      trx,
      await baseAdminsOf(trx, plan),
      {
        kind: 'plan_returned',
        title: '活动初步计划被退回修改',
        body: `退回原因：${props.reason}。请于北京时间${deadline}前修改后重新提交。`,
        link: links.plan(plan.id),
      },
      now,
    );
    const reviewers = (await assignmentsOfPlan(trx, plan.id)).map((a) => a.reviewer_user_id);
    await notifyUsers(
      trx,
      reviewers,
      {
        kind: 'plan_returned',
        title: `${plan.base.shortName}的活动初步计划已退回修改，评审暂停`,
        link: links.plan(plan.id),
      },
      now,
    );
  });
}
