/**
 * Who sees and does what with a preliminary plan, from small predicates. A draft exists only for the
 * administrators of its base; the owner sees every non-draft plan; a reviewer sees the plans assigned
 * to them; a local DRC sees (read-only) the non-draft plans of bases in its province.
 */
import { planDeadlineInstant } from '../../../common/programme-rules.ts';
import { isPastDeadline } from '../../../common/time.ts';
import type { Executor } from '../../db/index.ts';
import { hasRole, type Actor } from '../../lib/context.ts';
import { acceptsPlans, isOwner } from '../programmes/policy.ts';
import { adminBasesOf, type ProgrammeRecord } from '../programmes/repository.ts';
import type { PlanRecord } from './repository.ts';

export interface Viewer {
  actor: Actor;
  owner: boolean;
  reviewer: boolean;
  /** First two digits of the local DRC's region code (its province), or null. */
  province: string | null;
  adminBaseIds: Set<string>;
}

/** Province (省级) prefix of a GB/T 2260 region code. */
export const provinceOf = (regionCode: string | null | undefined): string | null =>
  regionCode && regionCode.length >= 2 ? regionCode.slice(0, 2) : null;

/** Everything the plan policy needs to know about the caller, loaded once per request. */
export async function loadViewer(db: Executor, actor: Actor): Promise<Viewer> {
  let province: string | null = null;
  if (hasRole(actor, 'local_drc') && actor.organisationId) {
    const org = await db.selectFrom('organisations').select('region_code').where('id', '=', actor.organisationId).executeTakeFirst();
    province = provinceOf(org?.region_code);
  }
  const bases = await adminBasesOf(db, actor);
  return {
    actor,
    owner: isOwner(actor),
    reviewer: hasRole(actor, 'department_reviewer'),
    province,
    adminBaseIds: new Set(bases.map((b) => b.id)),
  };
}

export const isAdminOf = (v: Viewer, plan: Pick<PlanRecord, 'baseId'>): boolean => v.adminBaseIds.has(plan.baseId);

/** Whether the plan exists for the viewer at all (else 404). `assigned`: the viewer reviews this plan. */
export function canSeePlan(v: Viewer, plan: PlanRecord, assigned: boolean): boolean {
  if (isAdminOf(v, plan)) return true;
  if (plan.status === 'draft') return false;
  if (v.owner) return true;
  if (assigned) return true; // assignments are personal: the reviewer sees it whichever organisation is active
  return v.province !== null && provinceOf(plan.base.regionCode) === v.province;
}

/** Statuses in which the base may edit and (re)submit its plan. */
export const EDITABLE: readonly string[] = ['draft', 'returned', 'withdrawn'];

/** The buttons the UI may show for this plan. */
export function planAbilities(v: Viewer, plan: PlanRecord, programme: ProgrammeRecord, now: Date, assigned: boolean) {
  const admin = isAdminOf(v, plan);
  const open = acceptsPlans(programme, now);
  return {
    edit: admin && EDITABLE.includes(plan.status) && programme.status !== 'closed',
    check: admin,
    submit: admin && EDITABLE.includes(plan.status) && open,
    withdraw: admin && plan.status === 'submitted' && !isPastDeadline(planDeadlineInstant(programme.rules), now),
    return: v.owner && plan.status === 'submitted' && programme.status === 'open',
    assignReviewers: v.owner && plan.status === 'submitted',
    viewReviews: v.owner || assigned,
    viewVersions: true,
  };
}
