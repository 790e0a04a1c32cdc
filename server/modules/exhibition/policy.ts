/**
 * Who may see and do what in the virtual exhibition hall.
 *
 * Rule chosen (the simpler sound one): an exhibitor organisation creates and edits its own booth, and the
 * host's staff — its base administrators and the support organisations its activity plan names — approve or
 * reject it. A booth is public only once approved; every edit by the exhibitor sends it back to review, so
 * nothing unreviewed is ever on show. Pending and rejected booths exist only for the exhibitor and the
 * staff (404 for everyone else). The contact person is shown to the exhibitor, the staff and visitors whose
 * contact request the exhibitor accepted.
 */
import type { Role } from '../../../common/roles.ts';
import { hasRole, type Actor } from '../../lib/context.ts';
import type { BoothStatus, BoothView, ContactRequestStatus } from '../../../common/contracts/exhibition.ts';

/** Roles that may act for an organisation as an exhibitor. */
export const EXHIBITOR_ROLES: Role[] = ['base_admin', 'member', 'investor', 'expert', 'support_org'];

export interface BoothFacts {
  organisation_id: string;
  status: BoothStatus;
}

export const isExhibitor = (a: Actor | null, b: Pick<BoothFacts, 'organisation_id'>): boolean =>
  !!a && a.organisationId === b.organisation_id && hasRole(a, ...EXHIBITOR_ROLES);

export const canActAsExhibitor = (a: Actor | null): boolean => !!a?.organisationId && hasRole(a, ...EXHIBITOR_ROLES);

export const canSeeBooth = (a: Actor | null, b: BoothFacts, staff: boolean): boolean =>
  b.status === 'approved' || staff || isExhibitor(a, b);

export const canRequestContact = (a: Actor | null, b: BoothFacts): boolean =>
  !!a && b.status === 'approved' && a.organisationId !== b.organisation_id;

/** The exhibitor and the staff also see the review note and linked records that are not (or no longer) public. */
export const canSeeBoothInternals = (
  a: Actor | null,
  b: Pick<BoothFacts, 'organisation_id'>,
  staff: boolean,
): boolean => staff || isExhibitor(a, b);

/** The contact person: the exhibitor, the staff, and a visitor whose contact request the exhibitor accepted. */
export const canSeeContact = (
  a: Actor | null,
  b: Pick<BoothFacts, 'organisation_id'>,
  staff: boolean,
  myRequest: { status: ContactRequestStatus } | null,
): boolean => canSeeBoothInternals(a, b, staff) || myRequest?.status === 'accepted';

export function boothAbilities(
  a: Actor | null,
  b: BoothFacts,
  staff: boolean,
  myRequest: { status: ContactRequestStatus } | null,
): BoothView['abilities'] {
  return {
    edit: isExhibitor(a, b),
    review: staff && b.status === 'pending',
    requestContact: canRequestContact(a, b) && !myRequest,
    viewRequests: isExhibitor(a, b),
  };
}
