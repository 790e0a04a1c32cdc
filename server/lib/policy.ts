/**
 * Deny by default. A policy answers "may this actor do X to this record?" from small predicates;
 * `authorize` throws. Records the actor may not even see are reported as 404, never 403, so that
 * another organisation's draft simply does not exist for them.
 */
import type { FastifyRequest } from 'fastify';
import { AppError, notFound, unauthenticated } from './errors.ts';
import type { Actor } from './context.ts';

/** The signed-in actor, or a 401 problem. */
export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw req.sessionExpired ? new AppError(401, 'session_expired') : unauthenticated();
  return req.actor;
}

/** Throws 403 unless `allowed` (the actor can see the record but not do this to it). */
export function authorize(allowed: boolean, detail?: string): void {
  if (!allowed) throw new AppError(403, 'forbidden', detail);
}

/** Throws 404 unless `visible`. */
export function ensureVisible<T>(record: T | undefined | null, visible: (r: T) => boolean): T {
  if (!record || !visible(record)) throw notFound();
  return record;
}

/** Builds the abilities object that goes out with a payload, so the UI shows exactly the allowed buttons. */
export function abilities<K extends string>(map: Record<K, boolean>): Record<K, boolean> {
  return map;
}
