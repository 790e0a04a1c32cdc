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
 * - Parts of a theme day (issue 12 §3): `canManagePart` below is the one rule for who manages sessions,
 *   roadshows, docking events and publicity of a theme day — the host, co-organisers given the part, support
 *   organisations within their delegation's scope and before its expiry (see ARCHITECTURE.md).
 */
import type { ShownActivityPlanStatus, ThemeDayAbilities } from '../../../common/contracts/themedays.ts';
import {
  SCOPE_PART,
  THEME_DAY_PARTS,
  type CoorganiserKind,
  type CoorganiserPart,
  type DelegationScope,
  type ThemeDayPart,
} from '../../../common/contracts/coorganisers.ts';
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

/**
 * Readers of a theme day's activity plan (see the module comment); `supportOrganisationIds` from the saved plan,
 * `partnerOrganisationIds` the organisations running the partner bases of the approved plan (issue 12 §3: a
 * partner base reads the plan that names it, rather than a 404 from its own invitation).
 */
export const canReadActivityPlan = (
  actor: Actor | null,
  td: Pick<ThemeDayRecord, 'host'>,
  supportOrganisationIds: readonly string[],
  partnerOrganisationIds: readonly string[] = [],
): boolean =>
  isOwner(actor) ||
  isHostAdmin(actor, td) ||
  hasRole(actor, 'evaluator') ||
  isLocalDrcOf(actor, td) ||
  isSupervisorOf(actor, td.host) ||
  isNamedSupportOrg(actor, supportOrganisationIds) ||
  (hasRole(actor, 'base_admin') && !!actor?.organisationId && partnerOrganisationIds.includes(actor.organisationId));

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

// ----- co-organisers and delegations (issue 12 §3) ------------------------------------------------------------------

/** A co-organiser of the theme day: a partner base (acted for by its organisation's base administrators) or an
 * alliance (acted for by its staff), with the parts the host gave it. */
export interface CoorganiserFact {
  kind: CoorganiserKind;
  partyId: string;
  parts: readonly CoorganiserPart[];
  /** The organisation running the partner base (kind base). */
  organisationId: string | null;
  /** The alliance's staff (kind alliance). */
  staffUserIds: readonly string[];
}

/** An explicit delegation to a support organisation (revoked ones too: they end the implicit rule). */
export interface DelegationFact {
  organisationId: string;
  scopes: readonly DelegationScope[];
  expiresAt: string;
  revokedAt: string | null;
}

/** What `canManagePart` needs to know about a theme day besides its host. */
export interface PartFacts {
  /** Support organisations the activity plan names. */
  supportOrganisationIds: readonly string[];
  coorganisers: readonly CoorganiserFact[];
  delegations: readonly DelegationFact[];
  now: Date;
}

/** Facts without co-organisers or delegations: the host and the support organisations the plan names. */
export const planOnlyFacts = (supportOrganisationIds: readonly string[], now: Date = new Date()): PartFacts => ({
  supportOrganisationIds,
  coorganisers: [],
  delegations: [],
  now,
});

/**
 * Parts a support organisation named in the activity plan manages without an explicit delegation — today's
 * behaviour before delegations existed: 报名 (sessions) and 项目征集 (roadshows). Its 宣传 stays with the news
 * delegation the host gives in publicity (news_delegations). An explicit delegation, even revoked or expired,
 * replaces this rule for that organisation.
 */
export const IMPLICIT_SUPPORT_PARTS: readonly ThemeDayPart[] = ['sessions', 'roadshows'];

/**
 * Why the caller may or may not manage a part. `via` says in which capacity; `actingFor` is the host
 * organisation a co-organiser or delegate acts for (recorded on the audit row). Refusals: `not_coorganiser` (no
 * role on this theme day: the caller's usual 403), `part_not_given` (a co-organiser without this part: 404, the
 * part does not exist for it), `delegation_out_of_scope`, `delegation_expired`, `delegation_revoked`.
 */
export type PartAccess =
  | { ok: true; via: 'host' | 'coorganiser' | 'delegate'; actingFor: string | null }
  | {
      ok: false;
      refusal:
        'not_coorganiser' | 'part_not_given' | 'delegation_out_of_scope' | 'delegation_expired' | 'delegation_revoked';
    };

/** The co-organiser rows the actor acts for. */
export const myCoorganiserRows = (a: Actor | null, f: Pick<PartFacts, 'coorganisers'>): CoorganiserFact[] =>
  !a
    ? []
    : f.coorganisers.filter((c) =>
        c.kind === 'base'
          ? hasRole(a, 'base_admin') && !!c.organisationId && a.organisationId === c.organisationId
          : c.staffUserIds.includes(a.userId),
      );

/** The explicit delegation of the actor's active organisation, when it acts as a support organisation. */
export const myDelegation = (a: Actor | null, f: Pick<PartFacts, 'delegations'>): DelegationFact | undefined =>
  hasRole(a, 'support_org') && a?.organisationId
    ? f.delegations.find((d) => d.organisationId === a.organisationId)
    : undefined;

export const delegationExpired = (d: Pick<DelegationFact, 'expiresAt'>, now: Date): boolean =>
  now.toISOString() > d.expiresAt;

/** The one predicate behind every "may this caller manage this part of the theme day" (see `PartAccess`). */
export function partAccess(
  a: Actor | null,
  td: Pick<ThemeDayRecord, 'host'>,
  part: ThemeDayPart,
  f: PartFacts,
): PartAccess {
  if (isHostAdmin(a, td)) return { ok: true, via: 'host', actingFor: null };
  const actingFor = td.host.organisationId;
  const mine = myCoorganiserRows(a, f);
  if (mine.some((c) => (c.parts as readonly ThemeDayPart[]).includes(part)))
    return { ok: true, via: 'coorganiser', actingFor };
  const d = myDelegation(a, f);
  if (d) {
    if (d.revokedAt) return { ok: false, refusal: 'delegation_revoked' };
    if (!d.scopes.some((s) => SCOPE_PART[s] === part)) return { ok: false, refusal: 'delegation_out_of_scope' };
    if (delegationExpired(d, f.now)) return { ok: false, refusal: 'delegation_expired' };
    return { ok: true, via: 'delegate', actingFor };
  }
  if (isNamedSupportOrg(a, f.supportOrganisationIds)) {
    return IMPLICIT_SUPPORT_PARTS.includes(part)
      ? { ok: true, via: 'delegate', actingFor }
      : { ok: false, refusal: 'delegation_out_of_scope' };
  }
  if (mine.length) return { ok: false, refusal: 'part_not_given' };
  return { ok: false, refusal: 'not_coorganiser' };
}

/** May the actor manage this part of the theme day (host, co-organiser given the part, delegate in scope)? */
export const canManagePart = (
  a: Actor | null,
  td: Pick<ThemeDayRecord, 'host'>,
  part: ThemeDayPart,
  f: PartFacts,
): boolean => partAccess(a, td, part, f).ok;

/** Every part the actor manages on the theme day (the host: all). */
export const partsOf = (a: Actor | null, td: Pick<ThemeDayRecord, 'host'>, f: PartFacts): ThemeDayPart[] =>
  THEME_DAY_PARTS.filter((p) => canManagePart(a, td, p, f));

/** Assigns parts to co-organisers and delegates support organisations: the host's administrators and NDRC. */
export const canCoordinate = (a: Actor | null, td: Pick<ThemeDayRecord, 'host'>): boolean =>
  isOwner(a) || isHostAdmin(a, td);

/** A co-organiser or delegate of the theme day (any part, even expired/revoked): sees the theme day's
 * co-organisation page with its own assignment. */
export const hasRoleOnThemeDay = (a: Actor | null, f: PartFacts): boolean =>
  myCoorganiserRows(a, f).length > 0 || !!myDelegation(a, f) || isNamedSupportOrg(a, f.supportOrganisationIds);
