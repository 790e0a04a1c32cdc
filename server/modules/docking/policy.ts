/**
 * Who may do what in deep docking. Alliances and docking sessions are public; the founding organisation
 * (acting role) edits an alliance and invites members, an invited organisation (acting role) accepts or
 * declines, a member leaves; the organising organisation edits a session, and so does whoever manages the
 * 'docking' part of the session's theme day (its host, a co-organiser given that part — issue 12 §3;
 * themedays/policy.ts `canManagePart`, checked where the theme day's facts are loaded).
 */
import type { Actor } from '../../lib/context.ts';
import { actsFor } from '../../lib/policy.ts';
import type { AllianceMemberStatus } from '../../../common/contracts/docking.ts';
import type { AllianceRow, DockingSessionRow } from './repository.ts';

export const isFounder = (a: Actor | null, x: Pick<AllianceRow, 'organisation_id'>): boolean =>
  actsFor(a, x.organisation_id);

export const isOrganiser = (a: Actor | null, s: Pick<DockingSessionRow, 'organisation_id'>): boolean =>
  actsFor(a, s.organisation_id);

/**
 * The caller's abilities on an alliance. `myStatus` is the status of the caller's active organisation in it
 * (invited / accepted / declined, or undefined): only an invited organisation answers, only a member that is
 * not the founder leaves.
 */
export function allianceAbilities(
  a: Actor | null,
  x: Pick<AllianceRow, 'organisation_id'>,
  myStatus?: AllianceMemberStatus,
) {
  const founder = isFounder(a, x);
  const acting = !!a && actsFor(a, a.organisationId);
  return {
    edit: founder,
    manageMembers: founder,
    respond: acting && myStatus === 'invited',
    leave: acting && !founder && myStatus === 'accepted',
  };
}

/** Who may take an organisation off an alliance: the founder (remove / withdraw) or that organisation (leave). */
export const mayRemoveMember = (a: Actor | null, x: Pick<AllianceRow, 'organisation_id'>, organisationId: string) =>
  isFounder(a, x) || actsFor(a, organisationId);

/** `managesThemeDay`: the caller manages the docking part of the session's theme day. */
export const sessionAbilities = (
  a: Actor | null,
  s: Pick<DockingSessionRow, 'organisation_id'>,
  managesThemeDay = false,
) => ({
  edit: isOrganiser(a, s) || managesThemeDay,
});
