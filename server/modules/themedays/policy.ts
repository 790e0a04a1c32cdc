/**
 * Who may see and do what with a theme day and its activity plan, composed from small predicates.
 *
 * - The programme owner (NDRC) selects hosts and schedules theme days (417号 三(三) "国家发展改革委会同有关部门
 *   …选择5家左右的企业类示范基地，在全年内统筹安排具体活动时间").
 * - A theme day itself is public once its programme is published, so every signed-in user may see it;
 *   a draft programme's theme days exist only for the owner.
 * - The activity plan is read by the host's administrators, the owner, the support organisations the
 *   plan names (417号: "有关支撑机构…协助做好相关工作"), evaluators, and the local DRC of the host's province
 *   ("请各基地主管部门和地方发展改革委，督促和协助做好相关基地的活动组织工作"). Everyone else gets 404.
 */
import type { ShownActivityPlanStatus, ThemeDayAbilities } from '../../../common/contracts/themedays.ts';
import type { Actor } from '../../lib/context.ts';
import { hasRole, isLocalDrcFor, isOwner } from '../../lib/policy.ts';
import type { ThemeDayRecord } from './repository.ts';
import { isSupervisorOf } from '../bases/policy.ts';

/** A base administrator acting for the organisation that runs the host base. */
export const isHostAdmin = (a: Actor | null, td: Pick<ThemeDayRecord, 'host'>): boolean =>
  hasRole(a, 'base_admin') && !!td.host.organisationId && td.host.organisationId === a?.organisationId;

/** A local DRC whose province contains the host base. */
export const isLocalDrcOf = (a: Actor | null, td: Pick<ThemeDayRecord, 'host'>): boolean =>
  isLocalDrcFor(a, td.host.regionCode);

/** A support organisation the activity plan names. */
export const isNamedSupportOrg = (a: Actor | null, supportOrganisationIds: readonly string[]): boolean =>
  hasRole(a, 'support_org') && !!a?.organisationId && supportOrganisationIds.includes(a.organisationId);

/** Theme days of a draft programme exist only for the owner; published ones for every signed-in user. */
export const canSeeThemeDay = (actor: Actor | null, td: Pick<ThemeDayRecord, 'programme'>): boolean =>
  isOwner(actor) || td.programme.status !== 'draft';

/** Readers of a theme day's activity plan (see the module comment); `supportOrganisationIds` from the saved plan. */
export const canReadActivityPlan = (
  actor: Actor | null,
  td: Pick<ThemeDayRecord, 'host'>,
  supportOrganisationIds: readonly string[],
): boolean =>
  isOwner(actor) ||
  isHostAdmin(actor, td) ||
  hasRole(actor, 'evaluator') ||
  isLocalDrcOf(actor, td) ||
  isSupervisorOf(actor, td.host) ||
  isNamedSupportOrg(actor, supportOrganisationIds);

/** Statuses in which the host may still edit and (re)submit its activity plan. */
export const EDITABLE_ACTIVITY_PLAN_STATUSES: readonly ShownActivityPlanStatus[] = ['none', 'draft', 'returned'];

export function themeDayAbilities(
  actor: Actor | null,
  td: ThemeDayRecord,
  activityPlanStatus: ShownActivityPlanStatus,
  supportOrganisationIds: readonly string[],
): ThemeDayAbilities {
  return {
    update: isOwner(actor),
    delete: isOwner(actor) && activityPlanStatus !== 'approved',
    readActivityPlan: canReadActivityPlan(actor, td, supportOrganisationIds),
    editActivityPlan: isHostAdmin(actor, td) && EDITABLE_ACTIVITY_PLAN_STATUSES.includes(activityPlanStatus),
  };
}
