/** An audit event as the log shows it: the before/after summaries parsed back from their JSON text. */
import type { AuditEventView } from '../../../common/contracts/audit.ts';
import type { AuditEventRow } from './repository.ts';

const parse = (s: string | null): unknown => (s == null ? null : JSON.parse(s));

export function presentAuditEvent(r: AuditEventRow): AuditEventView {
  return {
    id: r.id,
    at: r.at,
    actorUserId: r.actor_user_id,
    actorName: r.actor_name ?? null,
    organisationId: r.organisation_id,
    organisationName: r.org_name ?? null,
    ip: r.ip,
    requestId: r.request_id,
    entityType: r.entity_type,
    entityId: r.entity_id,
    action: r.action,
    before: parse(r.before),
    after: parse(r.after),
  };
}
