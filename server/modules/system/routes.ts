import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Health, Liveness, Readiness, type READINESS_REASONS } from '../../../common/contracts/system.ts';
import { migrationState } from '../../db/migrate.ts';

/** How long the readiness probe waits for the database before calling it unreachable. */
const DB_DEADLINE_MS = 2000;

/** Runs `p` or rejects after `ms`. */
async function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('deadline')), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Health: GET /api/health (the database dialect, migration state and server time — pages read today's date
 * from it), and for orchestrators and load balancers GET /api/health/live (liveness: the process answers;
 * nothing else is checked, so a database outage does not get the process restarted) and GET
 * /api/health/ready (readiness: the database answers and no migration is pending; 503 otherwise, so the
 * balancer sends traffic elsewhere).
 */
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: '健康检查',
        response: { 200: Health },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const state = await migrationState(ctx.db);
      return {
        status: state.pending.length ? ('degraded' as const) : ('ok' as const),
        database: { dialect: ctx.dialect, ...state },
        time: ctx.clock.now().toISOString(),
      };
    },
  );

  app.get(
    '/health/live',
    { schema: { tags: ['system'], summary: '存活检查（进程可响应）', response: { 200: Liveness } } },
    async (req) => ({ status: 'alive' as const, time: req.ctx.clock.now().toISOString() }),
  );

  app.get(
    '/health/ready',
    {
      schema: {
        tags: ['system'],
        summary: '就绪检查（数据库可用且无待执行的迁移）',
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const reasons: (typeof READINESS_REASONS)[number][] = [];
      let latencyMs: number | null = null;
      let pending: string[] = [];
      try {
        const t0 = performance.now();
        await within(sql`select 1`.execute(ctx.db), DB_DEADLINE_MS);
        latencyMs = Math.round((performance.now() - t0) * 10) / 10;
        pending = (await within(migrationState(ctx.db), DB_DEADLINE_MS)).pending;
        if (pending.length) reasons.push('migrations_pending');
      } catch (err) {
        req.log.warn({ err }, 'readiness: database check failed');
        reasons.push('database_unreachable');
      }
      const ready = reasons.length === 0;
      return reply.code(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'not_ready',
        reasons,
        database: { dialect: ctx.dialect, reachable: latencyMs !== null, latencyMs, pending },
        time: ctx.clock.now().toISOString(),
      });
    },
  );
};
export default routes;
