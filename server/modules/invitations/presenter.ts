/** Invitations as the host's staff see them (explicit fields; the token hash never leaves the server). */
import type { Invitation } from '../../../common/contracts/invitations.ts';
import type { InvitationListRow } from './repository.ts';
import { effectiveStatus } from './service.ts';

export function presentInvitation(r: InvitationListRow, now: Date): Invitation {
  const status = effectiveStatus(r, now);
  return {
    id: r.id,
    themeDayId: r.theme_day_id,
    channel: r.channel,
    address: r.address,
    name: r.name,
    status,
    expiresAt: r.expires_at,
    createdAt: r.created_at,
    createdByName: r.created_by_name,
    acceptedAt: r.accepted_at,
    acceptedByName: r.accepted_by_name,
    revokedAt: r.revoked_at,
    delivery: r.delivery_status,
    deliveryError: r.delivery_error,
    // Whoever sees the list is staff (the list is 404 to everyone else), so pending is the only condition.
    abilities: { revoke: status === 'pending' },
  };
}
