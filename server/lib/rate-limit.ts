/**
 * Rate limits shared by every app server: a fixed-window counter per key in the database (table
 * rate_limit_hits). A hit is one `insert … on conflict do update set hits = hits + 1 returning hits`,
 * atomic on SQLite and PostgreSQL, so parallel requests on any number of servers cannot slip past the
 * limit, and two servers do not double it (an in-memory limiter counts per process).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Executor } from '../db/index.ts';
import { AppError } from './errors.ts';
import { nowIso } from './ids.ts';

export interface RateLimitRule {
  /** What is counted, e.g. `login:ip:10.0.0.1`. */
  key: string;
  max: number;
  windowMs: number;
}

export interface RateLimitResult {
  allowed: boolean;
  /** Hits in the current window, this one included. */
  hits: number;
  /** Seconds until the window ends (for Retry-After). */
  retryAfterSeconds: number;
}

/** Windows older than this are deleted now and then (the longest window in use is far shorter). */
const KEEP_MS = 60 * 60_000;
/** One hit in this many also sweeps expired windows: cheap on average, bounded table size. */
const SWEEP_EVERY = 200;

/** Counts one hit against `rule` at `now` and says whether it is within the limit. */
export async function hitRateLimit(db: Executor, rule: RateLimitRule, now: Date): Promise<RateLimitResult> {
  const start = Math.floor(now.getTime() / rule.windowMs) * rule.windowMs;
  const row = await db
    .insertInto('rate_limit_hits')
    .values({ key: rule.key, window_start: nowIso(new Date(start)), hits: 1 })
    .onConflict((oc) =>
      oc.columns(['key', 'window_start']).doUpdateSet((eb) => ({ hits: eb('rate_limit_hits.hits', '+', 1) })),
    )
    .returning('hits')
    .executeTakeFirstOrThrow();
  if (Math.floor(Math.random() * SWEEP_EVERY) === 0) await sweepRateLimits(db, now);
  const hits = Number(row.hits);
  return {
    allowed: hits <= rule.max,
    hits,
    retryAfterSeconds: Math.max(1, Math.ceil((start + rule.windowMs - now.getTime()) / 1000)),
  };
}

/** Deletes windows that ended long ago. */
export async function sweepRateLimits(db: Executor, now: Date): Promise<void> {
  await db
    .deleteFrom('rate_limit_hits')
    .where('window_start', '<', nowIso(new Date(now.getTime() - KEEP_MS)))
    .execute();
}

/**
 * A route preHandler: at most `max` requests per client address and window under `name` (e.g. the public
 * survey link), counted in the database like sign-in attempts. 429 `rate_limited` with Retry-After beyond.
 */
export function perAddressLimit(name: string, max: number, windowMs = 60_000) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const ctx = req.ctx;
    const r = await hitRateLimit(ctx.db, { key: `${name}:ip:${ctx.ip ?? req.ip}`, max, windowMs }, ctx.clock.now());
    if (r.allowed) return;
    void reply.header('retry-after', String(r.retryAfterSeconds));
    throw new AppError(429, 'rate_limited', `请求过于频繁，请 ${r.retryAfterSeconds} 秒后再试`, undefined, {
      retryAfterSeconds: r.retryAfterSeconds,
    });
  };
}
