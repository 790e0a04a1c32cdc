/**
 * Who sees and does what with a preliminary plan, from small predicates. A draft exists for the
 * administrators of its base, the local DRC of its province and its supervising department (基地主管部门),
 * who follow and comment on it before submission (issue 12 §3, read-only); the owner sees every non-draft
 * plan; a reviewer sees the plans assigned to them.
 *
 * Everything about the caller comes from the Actor; `assigned` (the caller holds a review assignment on
 * the plan) is a record-side fact the route loads (plans/repository.ts isAssignedReviewer).
 */
import { planDeadlineInstant } from '../../../common/programme-rules.ts';
import { isPastDeadline } from '../../../common/time.ts';
import type { PlanAbilities, PlanStatus } from '../../../common/contracts/plans.ts';
import type { Actor } from '../../lib/context.ts';
import { hasRole, isLocalDrcFor, isOwner, provinceOf } from '../../lib/policy.ts';
import { isSupervisorOf } from '../bases/policy.ts';
import { acceptsPlans } from '../programmes/policy.ts';
import type { ProgrammeRecord } from '../programmes/repository.ts';
import type { PlanListScope, PlanRecord } from './repository.ts';

/**
 * An administrator of the plan's base: base_admin of the organisation that runs it (the bases an actor
 * administers are exactly those of its active organisation, programmes/repository.ts adminBasesOf).
 */
export const isAdminOf = (actor: Actor | null, plan: Pick<PlanRecord, 'base'>): boolean =>
  hasRole(actor, 'base_admin') && !!plan.base.organisationId && plan.base.organisationId === actor?.organisationId;

/** Whether the plan exists for the caller at all (else 404). `assigned`: the caller reviews this plan. */
export function canSeePlan(actor: Actor | null, plan: PlanRecord, assigned: boolean): boolean {
  if (isAdminOf(actor, plan) || isAssisting(actor, plan)) return true;
  if (plan.status === 'draft') return false;
  if (isOwner(actor)) return true;
  return assigned; // assignments are personal: the reviewer sees it whichever organisation is active
}

/** The local DRC of the base's province or its supervising department: they follow, comment and remind. */
export const isAssisting = (actor: Actor | null, plan: Pick<PlanRecord, 'base'>): boolean =>
  isLocalDrcFor(actor, plan.base.regionCode) || isSupervisorOf(actor, plan.base);

/**
 * Who may comment on a plan (issue 12 §3 "comments on a plan before submission"): the assisting local DRC and
 * supervising department, the owner on a plan it can see, and the base's administrators answering them.
 */
export const canCommentOnPlan = (actor: Actor | null, plan: PlanRecord): boolean =>
  isAssisting(actor, plan) || isAdminOf(actor, plan) || (isOwner(actor) && plan.status !== 'draft');

/** canSeePlan as a list filter (plans/repository.ts listPlans): the same ways to see a plan. */
export function planListScope(actor: Actor): PlanListScope {
  return {
    userId: actor.userId,
    adminOrganisationId: hasRole(actor, 'base_admin') ? actor.organisationId : null,
    owner: isOwner(actor),
    province: hasRole(actor, 'local_drc') ? provinceOf(actor.organisationRegionCode) : null,
    supervisorOrganisationId: hasRole(actor, 'base_supervisor') ? actor.organisationId : null,
  };
}

/** Statuses in which the base may edit and (re)submit its plan. */
export const EDITABLE: readonly PlanStatus[] = ['draft', 'returned', 'withdrawn'];

/** The buttons the UI may show for this plan. */
export function planAbilities(
  actor: Actor | null,
  plan: PlanRecord,
  programme: ProgrammeRecord,
  now: Date,
  assigned: boolean,
): PlanAbilities {
  const admin = isAdminOf(actor, plan);
  const owner = isOwner(actor);
  const open = acceptsPlans(programme, now);
  return {
    edit: admin && EDITABLE.includes(plan.status) && programme.status !== 'closed',
    check: admin,
    submit: admin && EDITABLE.includes(plan.status) && open,
    withdraw: admin && plan.status === 'submitted' && !isPastDeadline(planDeadlineInstant(programme.rules), now),
    return: owner && plan.status === 'submitted' && programme.status === 'open',
    assignReviewers: owner && plan.status === 'submitted',
    viewReviews: owner || assigned,
    viewVersions: true,
    comment: canCommentOnPlan(actor, plan) && EDITABLE.includes(plan.status),
    remind: isAssisting(actor, plan) && EDITABLE.includes(plan.status),
  };
}
