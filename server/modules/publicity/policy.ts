/**
 * Who may do what in publicity (issue 11 §3). Records the caller may not see are 404.
 *
 * News: NDRC writes for the programme or any theme day; a theme day's host staff and the support organisations
 * the host delegated (from those named in the activity plan, or by an explicit delegation with the 宣传推广 scope
 * that has not expired — issue 12 §3) write for that theme day. NDRC and the host
 * publish directly; a support organisation's piece goes to the host for review first. Each sees the news it
 * manages or wrote; published news is for everyone through the public API.
 *
 * Success cases: a party or the host staff proposes a counted project; every party consents; NDRC publishes.
 * Benchmark enterprises: NDRC names them. Nominations: NDRC nominates (or decides on a host's proposal) and
 * moves the status; a host may withdraw its own proposal.
 */
import type { Actor } from '../../lib/context.ts';
import { hasRole, isOwner } from '../../lib/policy.ts';
import {
  NOMINATION_TRANSITIONS,
  type CaseStatus,
  type NewsAbilities,
  type NewsAuthorKind,
  type NewsStatus,
  type NominationStatus,
} from '../../../common/contracts/publicity.ts';
import type { ProjectStage } from '../../../common/contracts/projects.ts';
import type { ThemeDayFacts } from '../projects/repository.ts';
import { actsForParty, isHostStaff } from '../projects/policy.ts';
import { delegationExpired, type DelegationFact } from '../themedays/policy.ts';

export { isHostStaff };

// ----- news -----------------------------------------------------------------------------------------------------

/**
 * The theme day of a piece (null: programme-wide) and the organisations delegated to write for it: `delegates`
 * are the news delegations the host picked from the plan's support organisations (publicity's own rule), and
 * `delegations` the explicit, scoped delegations of issue 12 §3 — an organisation that has one writes only when
 * it includes 宣传推广 and has not expired or been revoked, whatever `delegates` says.
 */
export interface NewsScope {
  themeDay: ThemeDayFacts | null;
  delegates: readonly string[];
  delegations?: readonly DelegationFact[];
  /** The instant an explicit delegation's expiry is checked against. */
  now?: Date;
}

const explicitDelegation = (a: Actor | null, s: NewsScope): DelegationFact | undefined =>
  hasRole(a, 'support_org') && a?.organisationId
    ? s.delegations?.find((d) => d.organisationId === a.organisationId)
    : undefined;

/** Why an explicitly delegated support organisation may not write news for the theme day, or null. */
export function newsDelegationRefusal(
  a: Actor | null,
  s: NewsScope,
): 'delegation_revoked' | 'delegation_out_of_scope' | 'delegation_expired' | null {
  const d = explicitDelegation(a, s);
  if (!d) return null;
  if (d.revokedAt) return 'delegation_revoked';
  if (!d.scopes.includes('publicity')) return 'delegation_out_of_scope';
  if (delegationExpired(d, s.now ?? new Date())) return 'delegation_expired';
  return null;
}

export interface NewsFacts extends NewsScope {
  news: { status: NewsStatus; author_kind: NewsAuthorKind; author_org_id: string };
}

export const isDelegate = (a: Actor | null, s: NewsScope): boolean =>
  !!s.themeDay &&
  hasRole(a, 'support_org') &&
  !!a?.organisationId &&
  (explicitDelegation(a, s) ? newsDelegationRefusal(a, s) === null : s.delegates.includes(a.organisationId));

/** How the actor would write for this scope, or null when it may not write there. */
export function authorKindFor(a: Actor | null, s: NewsScope): NewsAuthorKind | null {
  if (isOwner(a)) return 'ndrc';
  if (!s.themeDay) return null;
  if (isHostStaff(a, s.themeDay)) return 'host';
  if (isDelegate(a, s)) return 'support';
  return null;
}

/** Publishes, reviews and takes down news of the scope: NDRC, and the host's staff for their theme day. */
export const managesNews = (a: Actor | null, s: NewsScope): boolean =>
  isOwner(a) || (!!s.themeDay && isHostStaff(a, s.themeDay));

/** A person of the organisation that wrote the piece, acting with the role it wrote in. */
export const isNewsAuthor = (a: Actor | null, f: NewsFacts): boolean =>
  !!a &&
  a.organisationId === f.news.author_org_id &&
  hasRole(
    a,
    f.news.author_kind === 'support' ? 'support_org' : f.news.author_kind === 'host' ? 'base_admin' : 'programme_owner',
  );

export const canSeeNews = (a: Actor | null, f: NewsFacts): boolean => managesNews(a, f) || isNewsAuthor(a, f);

/** A support author still delegated for the theme day (a withdrawn delegation ends its editing). */
const supportAuthor = (a: Actor | null, f: NewsFacts): boolean =>
  f.news.author_kind === 'support' && isNewsAuthor(a, f) && isDelegate(a, f);

export type NewsAction = keyof NewsAbilities;

/** The statuses each action moves from; who may act is decided in `mayAct`. */
const NEWS_FROM: Record<NewsAction, readonly NewsStatus[]> = {
  edit: ['draft', 'submitted', 'approved', 'returned', 'published', 'unpublished'],
  submit: ['draft', 'returned', 'unpublished'],
  approve: ['submitted'],
  return: ['submitted'],
  publish: ['draft', 'submitted', 'approved', 'returned', 'unpublished'],
  unpublish: ['published'],
};

/** Whether the actor's role allows the action on this piece at all (the status aside). */
function mayAct(a: Actor | null, f: NewsFacts, action: NewsAction): boolean {
  const manager = managesNews(a, f);
  const support = f.news.author_kind === 'support';
  switch (action) {
    case 'edit':
      return manager || supportAuthor(a, f);
    case 'submit':
      return support && supportAuthor(a, f);
    case 'approve':
    case 'return':
      return support && manager;
    case 'publish':
      return manager || supportAuthor(a, f);
    case 'unpublish':
      return manager || isNewsAuthor(a, f);
  }
}

/** Whether the status allows the action for this actor (a support author publishes only what was approved). */
function statusAllows(a: Actor | null, f: NewsFacts, action: NewsAction): boolean {
  const s = f.news.status;
  if (!NEWS_FROM[action].includes(s)) return false;
  const manager = managesNews(a, f);
  if (action === 'edit' && !manager) return s !== 'submitted' && s !== 'published';
  if (action === 'publish') {
    if (!manager) return s === 'approved';
    // The host does not publish a support organisation's draft it has not been sent.
    if (f.news.author_kind === 'support') return s !== 'draft' && s !== 'returned';
  }
  return true;
}

/** 'ok', 'forbidden' (the role may never do this here) or 'invalid_state' (not from this status). */
export function checkNewsAction(
  a: Actor | null,
  f: NewsFacts,
  action: NewsAction,
): 'ok' | 'forbidden' | 'invalid_state' {
  if (!mayAct(a, f, action)) return 'forbidden';
  return statusAllows(a, f, action) ? 'ok' : 'invalid_state';
}

export function newsAbilities(a: Actor | null, f: NewsFacts): NewsAbilities {
  const can = (x: NewsAction) => checkNewsAction(a, f, x) === 'ok';
  return {
    edit: can('edit'),
    submit: can('submit'),
    approve: can('approve'),
    return: can('return'),
    publish: can('publish'),
    unpublish: can('unpublish'),
  };
}

/** Who edits the delegations of a theme day. */
export const canDelegate = (a: Actor | null, td: ThemeDayFacts): boolean => isOwner(a) || isHostStaff(a, td);

// ----- success cases ----------------------------------------------------------------------------------------------

/** The project side of a case: stage, theme day and the party organisations. */
export interface CaseProjectFacts {
  stage: ProjectStage;
  merged: boolean;
  themeDay: ThemeDayFacts | null;
  partyOrgIds: readonly string[];
}

/** Intent, signed, in progress or completed: confirmed by every party and not terminated. */
export const isCountedLive = (p: CaseProjectFacts): boolean =>
  !p.merged && p.stage !== 'candidate' && p.stage !== 'terminated';

/** The party organisation the actor acts for, or null — the projects module's rule (investors and support
 * organisations that are parties act for themselves too). */
export const actingPartyOrg = (a: Actor | null, p: CaseProjectFacts): string | null =>
  p.partyOrgIds.find((o) => actsForParty(a, o)) ?? null;

export const canProposeCase = (a: Actor | null, p: CaseProjectFacts): boolean =>
  isOwner(a) || isHostStaff(a, p.themeDay) || actingPartyOrg(a, p) !== null;

export const canSeeCase = (a: Actor | null, p: CaseProjectFacts): boolean => canProposeCase(a, p);

export const canEditCase = (a: Actor | null, p: CaseProjectFacts, s: CaseStatus): boolean =>
  canProposeCase(a, p) && s !== 'published';

/** A party changes its decision until… always: declining a published case takes it down. */
export const canConsent = (a: Actor | null, p: CaseProjectFacts): boolean => actingPartyOrg(a, p) !== null;

export const canPublishCase = (a: Actor | null, s: CaseStatus): boolean =>
  isOwner(a) && (s === 'agreed' || s === 'unpublished');

export const canUnpublishCase = (a: Actor | null, s: CaseStatus): boolean => isOwner(a) && s === 'published';

// ----- benchmarks and nominations ----------------------------------------------------------------------------------

export const canNameBenchmarks = (a: Actor | null): boolean => isOwner(a);

/** NDRC nominates; the host of the project's theme day proposes. */
export const canNominate = (a: Actor | null, themeDay: ThemeDayFacts | null): 'nominate' | 'propose' | null =>
  isOwner(a) ? 'nominate' : isHostStaff(a, themeDay) ? 'propose' : null;

export const canSeeNomination = (a: Actor | null, themeDay: ThemeDayFacts | null): boolean =>
  isOwner(a) || isHostStaff(a, themeDay);

/** The statuses the actor may move a nomination to from `from`. */
export function nextNominationStatuses(
  a: Actor | null,
  themeDay: ThemeDayFacts | null,
  from: NominationStatus,
): NominationStatus[] {
  const allowed = NOMINATION_TRANSITIONS[from];
  if (isOwner(a)) return [...allowed];
  if (isHostStaff(a, themeDay) && from === 'proposed') return allowed.filter((s) => s === 'withdrawn');
  return [];
}

export const canExportDossier = (a: Actor | null): boolean => isOwner(a);
