/**
 * Who may see and do what with open resources and the requests to use them.
 *
 * - Published and closed resources are public; a draft exists only for its organisation (404 for everyone else).
 * - The resource's organisation (acting role) edits, publishes and closes it and decides its requests.
 * - A request exists only for the organisation that made it and the resource's organisation.
 */
import type { Actor } from '../../lib/context.ts';
import { actsFor } from '../../lib/policy.ts';
import type { RequestJoined, RequestRow, ResourceRow } from './repository.ts';

/** The organisation the actor acts for (their active organisation, with an acting role there), or null. */
export const actingOrganisationId = (a: Actor | null): string | null =>
  a?.organisationId && actsFor(a, a.organisationId) ? a.organisationId : null;

export const isResourceOwner = (a: Actor | null, r: Pick<ResourceRow, 'organisation_id'>): boolean =>
  actsFor(a, r.organisation_id);

/** Published and closed resources are public; a draft exists only for its organisation. */
export const canSeeResource = (a: Actor | null, r: Pick<ResourceRow, 'status' | 'organisation_id'>): boolean =>
  r.status !== 'draft' || isResourceOwner(a, r);

export function resourceAbilities(a: Actor | null, r: Pick<ResourceRow, 'status' | 'organisation_id'>) {
  const owner = isResourceOwner(a, r);
  return {
    edit: owner && r.status !== 'closed',
    publish: owner && r.status === 'draft',
    close: owner && r.status === 'published',
    request: !owner && r.status === 'published' && actingOrganisationId(a) !== null,
    viewRequests: owner,
  };
}

/** The resource's organisation decides (approves, declines, marks used, closes) its requests. */
export const canDecideRequest = (a: Actor | null, q: Pick<RequestJoined, 'resource_org_id'>): boolean =>
  actsFor(a, q.resource_org_id);

/** The requesting organisation withdraws its own request. */
export const canWithdrawRequest = (a: Actor | null, q: Pick<RequestRow, 'organisation_id'>): boolean =>
  actsFor(a, q.organisation_id);

/** A request is seen by the organisation that made it and by the resource's owner; everyone else gets 404. */
export const canSeeRequest = (
  a: Actor | null,
  q: Pick<RequestJoined, 'organisation_id' | 'resource_org_id'>,
): boolean => canWithdrawRequest(a, q) || canDecideRequest(a, q);

export function requestAbilities(
  a: Actor | null,
  q: Pick<RequestJoined, 'organisation_id' | 'resource_org_id' | 'status'>,
) {
  const owner = canDecideRequest(a, q);
  const requester = canWithdrawRequest(a, q);
  return {
    approve: owner && q.status === 'pending',
    decline: owner && q.status === 'pending',
    markUsed: owner && q.status === 'approved',
    close: owner && (q.status === 'approved' || q.status === 'used'),
    withdraw: requester && (q.status === 'pending' || q.status === 'approved'),
  };
}
