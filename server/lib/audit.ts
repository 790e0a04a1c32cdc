/**
 * Audit trail: every write records who, for which organisation, from which IP, on which entity,
 * what action, and a before/after summary — written with the same executor (transaction) as the
 * change itself, so a rolled-back change leaves no audit row and a committed one always has one. A co-organiser
 * or a delegated support organisation acting for a theme day's host also records the host organisation
 * (`acting_for_organisation_id`, from `ctx.actingForOrganisationId`): "X for host Y".
 */
import type { Executor } from '../db/index.ts';
import { prepared } from '../db/prepared.ts';
import type { Ctx } from './context.ts';
import { newId, nowIso } from './ids.ts';

const SECRET_KEYS = /password|hash|token|secret/i;

/** Drops secrets and truncates long text so the summary stays a summary. */
export function summarise(v: unknown): unknown {
  if (v == null) return v;
  if (typeof v === 'string') return v.length > 500 ? `${v.slice(0, 500)}…` : v;
  if (Array.isArray(v)) return v.slice(0, 50).map(summarise);
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
      if (SECRET_KEYS.test(k)) continue;
      out[k] = summarise(val);
    }
    return out;
  }
  return v;
}

export interface AuditInput {
  entityType: string;
  entityId?: string | null;
  action: string;
  before?: unknown;
  after?: unknown;
  /** Override the actor (e.g. failed login of a not-yet-authenticated user). */
  actorUserId?: string | null;
  organisationId?: string | null;
}

/** What an audit row records about the request: a Ctx, or null for work outside any request. */
export type AuditSource = Pick<Ctx, 'actor' | 'clock' | 'ip' | 'requestId'> &
  Partial<Pick<Ctx, 'actingForOrganisationId'>>;

/** The audit row's insert, compiled once (every write of the app runs it). */
const insertAudit = prepared(
  (
    db: Executor,
    id: string,
    at: string,
    actorUserId: string | null,
    organisationId: string | null,
    ip: string | null,
    requestId: string | null,
    entityType: string,
    entityId: string | null,
    action: string,
    before: string | null,
    after: string | null,
    actingFor: string | null,
  ) =>
    db.insertInto('audit_events').values({
      id,
      at,
      actor_user_id: actorUserId,
      organisation_id: organisationId,
      ip,
      request_id: requestId,
      entity_type: entityType,
      entity_id: entityId,
      action,
      before,
      after,
      acting_for_organisation_id: actingFor,
    }),
);

export async function audit(db: Executor, ctx: AuditSource | null, input: AuditInput): Promise<void> {
  const actor = ctx?.actor ?? null;
  await insertAudit(
    db,
    newId(),
    nowIso(ctx ? ctx.clock.now() : new Date()),
    input.actorUserId !== undefined ? input.actorUserId : (actor?.userId ?? null),
    input.organisationId !== undefined ? input.organisationId : (actor?.organisationId ?? null),
    ctx?.ip ?? null,
    ctx?.requestId ?? null,
    input.entityType,
    input.entityId ?? null,
    input.action,
    input.before === undefined ? null : JSON.stringify(summarise(input.before)),
    input.after === undefined ? null : JSON.stringify(summarise(input.after)),
    ctx?.actingForOrganisationId ?? null,
  );
}
