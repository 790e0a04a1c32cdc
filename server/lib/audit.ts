/**
 * Audit trail: every write records who, for which organisation, from which IP, on which entity,
 * what action, and a before/after summary — written with the same executor (transaction) as the
 * change itself, so a rolled-back change leaves no audit row and a committed one always has one.
 */
import type { Executor } from '../db/index.ts';
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
export type AuditSource = Pick<Ctx, 'actor' | 'clock' | 'ip' | 'requestId'>;

export async function audit(db: Executor, ctx: AuditSource | null, input: AuditInput): Promise<void> {
  const actor = ctx?.actor ?? null;
  await db
    .insertInto('audit_events')
    .values({
      id: newId(),
      at: nowIso(ctx ? ctx.clock.now() : new Date()),
      actor_user_id: input.actorUserId !== undefined ? input.actorUserId : (actor?.userId ?? null),
      organisation_id: input.organisationId !== undefined ? input.organisationId : (actor?.organisationId ?? null),
      ip: ctx?.ip ?? null,
      request_id: ctx?.requestId ?? null,
      entity_type: input.entityType,
      entity_id: input.entityId ?? null,
      action: input.action,
      before: input.before === undefined ? null : JSON.stringify(summarise(input.before)),
      after: input.after === undefined ? null : JSON.stringify(summarise(input.after)),
    })
    .execute();
}
