/** An audit event as the log shows it: the before/after summaries parsed back from their JSON text. */
import type { AuditEventView } from '../../../common/contracts/audit.ts';
import { withholdContent } from './drafts.ts';
import type { AuditEventRow } from './repository.ts';

const parse = (s: string | null): unknown => (s == null ? null : JSON.parse(s));

/**
 * `withhold`: the entry is about another organisation's draft — the reader sees who, what and when, and
 * which fields changed, but not their values (modules/audit/drafts.ts).
 */
export function presentAuditEvent(r: AuditEventRow, withhold = false): AuditEventView {
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
    before: withhold ? withholdContent(parse(r.before)) : parse(r.before),
    after: withhold ? withholdContent(parse(r.after)) : parse(r.after),
    contentWithheld: withhold,
  };
}
