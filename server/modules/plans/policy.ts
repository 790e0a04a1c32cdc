/**
 * Who sees and does what with a preliminary plan, from small predicates. A draft exists only for the
 * administrators of its base; the owner sees every non-draft plan; a reviewer sees the plans assigned
 * to them; a local DRC sees (read-only) the non-draft plans of bases in its province.
 *
 * Everything about the caller comes from the Actor; `assigned` (the caller holds a review assignment on
 * the plan) is a record-side fact the route loads (plans/repository.ts isAssignedReviewer).
 */
import { planDeadlineInstant } from '../../../common/programme-rules.ts';
import { isPastDeadline } from '../../../common/time.ts';
import type { PlanAbilities, PlanStatus } from '../../../common/contracts/plans.ts';
import type { Actor } from '../../lib/context.ts';
import { hasRole, isLocalDrcFor, isOwner, provinceOf } from '../../lib/policy.ts';
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
  if (isAdminOf(actor, plan)) return true;
  if (plan.status === 'draft') return false;
  if (isOwner(actor)) return true;
  if (assigned) return true; // assignments are personal: the reviewer sees it whichever organisation is active
  return isLocalDrcFor(actor, plan.base.regionCode);
}

/** canSeePlan as a list filter (plans/repository.ts listPlans): the same four ways to see a plan. */
export function planListScope(actor: Actor): PlanListScope {
  return {
    userId: actor.userId,
    adminOrganisationId: hasRole(actor, 'base_admin') ? actor.organisationId : null,
    owner: isOwner(actor),
    province: hasRole(actor, 'local_drc') ? provinceOf(actor.organisationRegionCode) : null,
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
  };
}
