/**
 * Who may see and do what with cooperation projects (issue 10). Everyone else gets 404.
 *
 * - The parties (a person acting for a party organisation) see the project, confirm or decline it, keep it up
 *   to date and answer its follow-ups.
 * - The host base's administrators see their theme day's projects and may file projects for its parties
 *   (the parties still confirm) and merge candidates; support organisations named in the activity plan
 *   (417号: "有关支撑机构…协助做好相关工作") see them.
 * - NDRC (programme owner) sees everything; a department reviewer sees the projects of theme days hosted by
 *   bases it supervises; a local DRC those whose host base, or one of whose parties, lies in its province.
 * - An evaluator reads the projects of the theme days in scope of the evaluations commissioned from its
 *   organisation (server/lib/evaluated.ts), nothing else.
 *
 * Who acts for a party: besides members and base administrators (the platform's ACTING_ROLES), an investment
 * firm's people (investor) and a service organisation's people (support_org) — an investment or a resource-
 * sharing project has them as a party, and they must be able to confirm it and answer its follow-ups.
 */
import type { Actor } from '../../lib/context.ts';
import { ACTING_ROLES, hasRole, isLocalDrcFor, isOwner, provinceOf } from '../../lib/policy.ts';
import type { Role } from '../../../common/roles.ts';
import type { ProjectAbilities } from '../../../common/contracts/projects.ts';
import type { PartyRow, ProjectRow, ProjectScope, ThemeDayFacts } from './repository.ts';

/** Record-side facts of one project (no actor inside). */
export interface ProjectFacts {
  project: Pick<ProjectRow, 'stage' | 'theme_day_id' | 'merged_into_id'>;
  parties: Pick<PartyRow, 'organisation_id' | 'confirmation'>[];
  /** Regions of the party organisations. */
  partyRegions: (string | null)[];
  themeDay: ThemeDayFacts | null;
  supportOrganisationIds: readonly string[];
}

/** Caller-side facts not on the Actor: the department of the caller's active organisation. */
export interface CallerFacts {
  departmentCode: string | null;
  /** The theme days the caller evaluates (empty unless it acts as an evaluator). */
  evaluatedThemeDayIds: readonly string[];
}

const isEvaluatorOf = (a: Actor | null, td: ThemeDayFacts | null, c: CallerFacts): boolean =>
  !!td && hasRole(a, 'evaluator') && c.evaluatedThemeDayIds.includes(td.id);

/** The roles that act for a party organisation in a cooperation project. */
export const PARTY_ACTING_ROLES: readonly Role[] = [...ACTING_ROLES, 'investor', 'support_org'];

/** True when the actor acts for `organisationId` as a party (its active organisation, a party-acting role). */
export const actsForParty = (a: Actor | null | undefined, organisationId: string | null | undefined): boolean =>
  !!a && !!organisationId && a.organisationId === organisationId && a.roles.some((r) => PARTY_ACTING_ROLES.includes(r));

/** The party organisation the actor acts for in this project, or null. */
export const actingParty = (a: Actor | null, f: Pick<ProjectFacts, 'parties'>): string | null =>
  f.parties.find((p) => actsForParty(a, p.organisation_id))?.organisation_id ?? null;

export const isParty = (a: Actor | null, f: Pick<ProjectFacts, 'parties'>): boolean => actingParty(a, f) !== null;

/** A base administrator of the organisation running the host base. */
export const isHostStaff = (a: Actor | null, td: ThemeDayFacts | null): boolean =>
  !!td && hasRole(a, 'base_admin') && !!td.hostOrganisationId && a?.organisationId === td.hostOrganisationId;

const isSupportOrg = (a: Actor | null, ids: readonly string[]): boolean =>
  hasRole(a, 'support_org') && !!a?.organisationId && ids.includes(a.organisationId);

export function canSeeProject(a: Actor | null, f: ProjectFacts, c: CallerFacts): boolean {
  if (!a) return false;
  if (isOwner(a)) return true;
  if (isParty(a, f)) return true;
  const td = f.themeDay;
  if (isEvaluatorOf(a, td, c)) return true;
  if (isHostStaff(a, td) || (td && isSupportOrg(a, f.supportOrganisationIds))) return true;
  if (td && hasRole(a, 'department_reviewer') && !!c.departmentCode && td.hostDepartment === c.departmentCode)
    return true;
  if (hasRole(a, 'local_drc')) {
    if (td && isLocalDrcFor(a, td.hostRegionCode)) return true;
    const mine = provinceOf(a.organisationRegionCode);
    if (mine && f.partyRegions.some((r) => provinceOf(r) === mine)) return true;
  }
  return false;
}

/**
 * `canSeeProject` for many projects at once, as a scope SQL applies (repository `projectConditions`): the theme
 * days whose projects the actor sees through its role there (host staff, support organisation, department,
 * local DRC), the organisation it is a party for, and the province of a local DRC (a party lying there).
 * `themeDays` are the candidate theme days with their activity plans' support organisations.
 */
export function projectScope(
  a: Actor | null,
  c: CallerFacts,
  themeDays: readonly { facts: ThemeDayFacts; supportOrganisationIds: readonly string[] }[],
): ProjectScope {
  if (a && isOwner(a)) return { all: true };
  if (!a) return { all: false, themeDayIds: [], partyOrganisationId: null, partyProvince: null };
  const viaThemeDay = ({ facts: td, supportOrganisationIds }: (typeof themeDays)[number]) =>
    isHostStaff(a, td) ||
    isEvaluatorOf(a, td, c) ||
    isSupportOrg(a, supportOrganisationIds) ||
    (hasRole(a, 'department_reviewer') && !!c.departmentCode && td.hostDepartment === c.departmentCode) ||
    (hasRole(a, 'local_drc') && isLocalDrcFor(a, td.hostRegionCode));
  return {
    all: false,
    themeDayIds: themeDays.filter(viaThemeDay).map((t) => t.facts.id),
    partyOrganisationId: a.organisationId && actsForParty(a, a.organisationId) ? a.organisationId : null,
    partyProvince: hasRole(a, 'local_drc') ? provinceOf(a.organisationRegionCode) : null,
  };
}

/** Roles that see projects through a theme day (the scope needs the theme days' facts only for these). */
export const seesThroughThemeDays = (a: Actor | null): boolean =>
  hasRole(a, 'base_admin', 'support_org', 'department_reviewer', 'local_drc', 'evaluator');

const live = (f: ProjectFacts) => f.project.merged_into_id === null;

/** The actor's party row is pending or declined, and the project is still a candidate. */
export function canConfirm(a: Actor | null, f: ProjectFacts): boolean {
  const org = actingParty(a, f);
  const mine = f.parties.find((p) => p.organisation_id === org);
  return live(f) && f.project.stage === 'candidate' && !!mine && mine.confirmation !== 'confirmed';
}

export function canDecline(a: Actor | null, f: ProjectFacts): boolean {
  const org = actingParty(a, f);
  const mine = f.parties.find((p) => p.organisation_id === org);
  return live(f) && f.project.stage === 'candidate' && !!mine && mine.confirmation !== 'declined';
}

/** Parties keep the record up to date until it is completed or terminated. */
export const canEdit = (a: Actor | null, f: ProjectFacts): boolean =>
  live(f) && isParty(a, f) && f.project.stage !== 'completed' && f.project.stage !== 'terminated';

/** Only a counted project moves through the stages. */
export const canChangeStage = (a: Actor | null, f: ProjectFacts): boolean =>
  canEdit(a, f) && f.project.stage !== 'candidate';

/** A party or the host's staff merges candidates describing the same cooperation. */
export const canMerge = (a: Actor | null, f: ProjectFacts): boolean =>
  live(f) && f.project.stage === 'candidate' && mayMerge(a, f);

/** Who may ask for a merge at all (the command then refuses anything but two live candidates, with 409). */
export const mayMerge = (a: Actor | null, f: ProjectFacts): boolean => isParty(a, f) || isHostStaff(a, f.themeDay);

export function projectAbilities(a: Actor | null, f: ProjectFacts): ProjectAbilities {
  const party = isParty(a, f) && live(f);
  return {
    confirm: canConfirm(a, f),
    decline: canDecline(a, f),
    edit: canEdit(a, f),
    changeStage: canChangeStage(a, f),
    merge: canMerge(a, f),
    consent: party,
    answerFollowUp: party && f.project.stage !== 'candidate' && f.project.stage !== 'intent',
  };
}
