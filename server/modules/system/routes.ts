import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Health } from '../../../common/contracts/system.ts';
import { migrationState } from '../../db/migrate.ts';

/** GET /api/health: liveness plus the database dialect and migration state. */
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
};
export default routes;
