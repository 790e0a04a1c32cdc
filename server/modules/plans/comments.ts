/**
 * Comments on a plan before it is submitted (issue 12 §3: 地方发展改革委 "comments on a plan before submission";
 * the supervising department likewise). The thread is read by everyone who sees the plan; a comment on a
 * plan that is submitted or selected is refused (`plan_not_editable`): the base can no longer act on it.
 */
import type { PlanComment, PlanCommentRole } from '../../../common/contracts/plans.ts';
import { links } from '../../../common/links.ts';
import type { Executor } from '../../db/index.ts';
import { audit } from '../../lib/audit.ts';
import type { Actor, Ctx } from '../../lib/context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { hasRole, isLocalDrcFor, isOwner, requireActor } from '../../lib/policy.ts';
import { notifyUsers, usersWithRole } from '../notifications/service.ts';
import { isSupervisorOf } from '../bases/policy.ts';
import { EDITABLE, isAdminOf } from './policy.ts';
import { findPlan, type PlanRecord } from './repository.ts';

/** The role in which the actor comments on this plan (the thread labels it). */
function commentRole(actor: Actor, plan: PlanRecord): PlanCommentRole {
  if (isLocalDrcFor(actor, plan.base.regionCode)) return 'local_drc';
  if (isSupervisorOf(actor, plan.base)) return 'base_supervisor';
  if (isOwner(actor)) return 'programme_owner';
  return 'base_admin';
}

export async function listPlanComments(db: Executor, planId: string): Promise<PlanComment[]> {
  const rows = await db
    .selectFrom('plan_comments as c')
    .leftJoin('users as u', 'u.id', 'c.author_user_id')
    .leftJoin('organisations as o', 'o.id', 'c.author_organisation_id')
    .select([
      'c.id',
      'c.plan_id',
      'c.body',
      'c.author_role',
      'c.author_user_id',
      'c.author_organisation_id',
      'c.plan_version',
      'c.created_at',
      'u.name as author_name',
      'o.name as organisation_name',
    ])
    .where('c.plan_id', '=', planId)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    planId: r.plan_id,
    body: r.body,
    authorRole: r.author_role as PlanCommentRole,
    author: { id: r.author_user_id, name: r.author_name },
    organisation:
      r.author_organisation_id && r.organisation_name
        ? { id: r.author_organisation_id, name: r.organisation_name }
        : null,
    planVersion: Number(r.plan_version),
    createdAt: r.created_at,
  }));
}

/**
 * Adds a comment (the caller checked canCommentOnPlan). Refused with 409 `plan_not_editable` once the plan is
 * submitted or selected. A comment by the DRC, the supervisor or the owner notifies the base's administrators;
 * the base's answer notifies those who commented before.
 */
export async function addPlanComment(ctx: Ctx, props: { planId: string; body: string }): Promise<string> {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const plan = await findPlan(trx, props.planId, { dialect: ctx.dialect });
    if (!plan) throw notFound();
    if (!EDITABLE.includes(plan.status)) {
      throw new AppError(
        409,
        'plan_not_editable',
        plan.status === 'submitted'
          ? '计划已提交，不能再提出修改意见；如需修改，请由方案管理者退回或由基地撤回后再提'
          : '计划已入选，不能再提出修改意见',
      );
    }
    const role = commentRole(actor, plan);
    const row = {
      id,
      plan_id: plan.id,
      author_user_id: actor.userId,
      author_organisation_id: actor.organisationId,
      author_role: role,
      body: props.body,
      plan_version: plan.version,
      created_at: nowIso(now),
    };
    await trx.insertInto('plan_comments').values(row).execute();
    await audit(trx, ctx, {
      entityType: 'preliminary_plan',
      entityId: plan.id,
      action: 'comment',
      after: { commentId: id, role, body: props.body },
    });
    const recipients =
      role === 'base_admin'
        ? (
            await trx
              .selectFrom('plan_comments')
              .select('author_user_id')
              .distinct()
              .where('plan_id', '=', plan.id)
              .where('author_role', '!=', 'base_admin')
              .execute()
          ).map((r) => r.author_user_id)
        : await usersWithRole(trx, plan.base.organisationId ? [plan.base.organisationId] : [], ['base_admin']);
    const who =
      role === 'base_admin'
        ? plan.base.shortName
        : (actor.memberships.find((m) => m.organisationId === actor.organisationId)?.organisationName ?? actor.name);
    await notifyUsers(
      trx,
      recipients.filter((u) => u !== actor.userId),
      {
        kind: 'plan_comment',
        title:
          role === 'base_admin'
            ? `${who}回复了对活动初步计划的意见`
            : `${who}对${plan.base.shortName}的活动初步计划提出了意见`,
        body: props.body.length > 200 ? `${props.body.slice(0, 200)}…` : props.body,
        link: links.plan(plan.id),
      },
      now,
    );
  });
  return id;
}

/** Whether the actor may read the thread: everyone who sees the plan but the reviewers (not their business). */
export const canReadComments = (actor: Actor, plan: PlanRecord): boolean =>
  isAdminOf(actor, plan) ||
  isOwner(actor) ||
  isLocalDrcFor(actor, plan.base.regionCode) ||
  isSupervisorOf(actor, plan.base) ||
  hasRole(actor, 'system_admin');
