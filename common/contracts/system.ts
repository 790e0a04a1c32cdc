/** Response shape of GET /api/health (server/modules/system). */
import { z } from 'zod';

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({
    dialect: z.enum(['sqlite', 'postgres']),
    applied: z.array(z.string()),
    pending: z.array(z.string()),
  }),
  time: z.string(),
});
export type Health = z.infer<typeof Health>;

/** GET /api/health/live: the process is up and answering (no dependency is checked). */
export const Liveness = z.object({ status: z.literal('alive'), time: z.string() });
export type Liveness = z.infer<typeof Liveness>;

/**
 * GET /api/health/ready: whether this server should get traffic — the database answers within a deadline
 * and no migration is pending. 200 when ready, 503 with the reasons when not.
 */
export const READINESS_REASONS = ['database_unreachable', 'migrations_pending'] as const;
export const Readiness = z.object({
  status: z.enum(['ready', 'not_ready']),
  reasons: z.array(z.enum(READINESS_REASONS)),
  database: z.object({
    dialect: z.enum(['sqlite', 'postgres']),
    reachable: z.boolean(),
    latencyMs: z.number().nullable(),
    pending: z.array(z.string()),
  }),
  time: z.string(),
});
export type Readiness = z.infer<typeof Readiness>;
