/**
 * Who may do what in deep docking. Alliances and docking sessions are public; the founding organisation
 * (acting role) edits an alliance and manages its members, the organising organisation edits a session.
 */
import type { Actor } from '../../lib/context.ts';
import { actsFor } from '../../lib/policy.ts';
import type { AllianceRow, DockingSessionRow } from './repository.ts';

export const isFounder = (a: Actor | null, x: Pick<AllianceRow, 'organisation_id'>): boolean =>
  actsFor(a, x.organisation_id);

export const isOrganiser = (a: Actor | null, s: Pick<DockingSessionRow, 'organisation_id'>): boolean =>
  actsFor(a, s.organisation_id);

export function allianceAbilities(a: Actor | null, x: Pick<AllianceRow, 'organisation_id'>) {
  const founder = isFounder(a, x);
  return { edit: founder, manageMembers: founder };
}

export const sessionAbilities = (a: Actor | null, s: Pick<DockingSessionRow, 'organisation_id'>) => ({
  edit: isOrganiser(a, s),
});
