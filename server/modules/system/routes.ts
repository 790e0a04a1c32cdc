import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { migrationState } from '../../db/migrate.ts';

/** GET /api/health: liveness plus the database dialect and migration state. */
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: '健康检查',
        response: {
          200: z.object({
            status: z.enum(['ok', 'degraded']),
            database: z.object({ dialect: z.enum(['sqlite', 'postgres']), applied: z.array(z.string()), pending: z.array(z.string()) }),
            time: z.string(),
          }),
        },
      },
    },
    async () => {
      const state = await migrationState(app.database.db);
      return {
        status: state.pending.length ? ('degraded' as const) : ('ok' as const),
        database: { dialect: app.database.dialect, ...state },
        time: app.clock.now().toISOString(),
      };
    },
  );
};
export default routes;
