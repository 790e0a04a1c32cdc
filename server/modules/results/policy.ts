/**
 * Who may see and do what with results, their reviewer designations and the applications to take part.
 *
 * - A public result is seen by everyone; any other status only by its organisation and that organisation's
 *   designated confidentiality reviewers (everyone else, NDRC included, gets 404).
 * - The designations are managed by the organisation's base_admin (active organisation) or a system_admin,
 *   and read by its acting members too.
 * - An application is seen by the organisation that made it and the result's organisation, which decides it.
 *
 * `reviewer` — whether the actor is a designated reviewer of the result's organisation — is a record-side
 * fact the caller loads (repository `isReviewerOf`).
 */
import { hasRole, type Actor } from '../../lib/context.ts';
import { actsFor } from '../../lib/policy.ts';
import type { ApplicationJoined, ResultRow } from './repository.ts';

/** The organisation the actor acts for (their active organisation, with an acting role there), or null. */
export const actingOrganisationId = (a: Actor | null): string | null =>
  a?.organisationId && actsFor(a, a.organisationId) ? a.organisationId : null;

export const isResultOwner = (a: Actor | null, r: Pick<ResultRow, 'organisation_id'>): boolean =>
  actsFor(a, r.organisation_id);

/** Public results for everyone; any other status only for the organisation and its designated reviewers. */
export const canSeeResult = (
  a: Actor | null,
  r: Pick<ResultRow, 'status' | 'organisation_id'>,
  reviewer: boolean,
): boolean => r.status === 'public' || isResultOwner(a, r) || reviewer;

/** The organisation edits and submits its result while it is a draft or sent back for changes. */
export const canEditResult = (a: Actor | null, r: Pick<ResultRow, 'status' | 'organisation_id'>): boolean =>
  isResultOwner(a, r) && (r.status === 'draft' || r.status === 'changes_requested');

/** A designated reviewer reviews a result in review, unless they declared it themselves. */
export const canReviewResult = (
  a: Actor | null,
  r: Pick<ResultRow, 'status' | 'declared_by'>,
  reviewer: boolean,
): boolean => reviewer && r.status === 'in_review' && r.declared_by !== a?.userId;

/** The declaration and review records are internal: only the organisation and its reviewers see them. */
export const canSeeReviewRecord = (
  a: Actor | null,
  r: Pick<ResultRow, 'organisation_id'>,
  reviewer: boolean,
): boolean => isResultOwner(a, r) || reviewer;

export function resultAbilities(
  a: Actor | null,
  r: Pick<ResultRow, 'status' | 'organisation_id' | 'declared_by'>,
  reviewer: boolean,
) {
  const owner = isResultOwner(a, r);
  const editable = canEditResult(a, r);
  return {
    edit: editable,
    submit: editable,
    review: canReviewResult(a, r, reviewer),
    apply: !owner && r.status === 'public' && actingOrganisationId(a) !== null,
    viewApplications: owner,
  };
}

/** Who manages an organisation's reviewer designations: its base_admin (active organisation) or a system_admin. */
export const canManageReviewers = (a: Actor | null, organisationId: string): boolean =>
  hasRole(a, 'system_admin') || (!!a && a.organisationId === organisationId && hasRole(a, 'base_admin'));

/** The designations are read by their managers and the organisation's acting members. */
export const canSeeReviewers = (a: Actor | null, organisationId: string): boolean =>
  canManageReviewers(a, organisationId) || actsFor(a, organisationId);

/** The result's organisation decides the applications to its results. */
export const canDecideApplication = (a: Actor | null, x: Pick<ApplicationJoined, 'result_org_id'>): boolean =>
  actsFor(a, x.result_org_id);

export const canSeeApplication = (
  a: Actor | null,
  x: Pick<ApplicationJoined, 'organisation_id' | 'result_org_id'>,
): boolean => actsFor(a, x.organisation_id) || canDecideApplication(a, x);

export function applicationAbilities(a: Actor | null, x: Pick<ApplicationJoined, 'result_org_id' | 'status'>) {
  const owner = canDecideApplication(a, x);
  return { accept: owner && x.status === 'pending', decline: owner && x.status === 'pending' };
}
