/**
 * The publicity module's entry in the module registry (issue 11 §3): the signed-in routes (news, cases,
 * benchmarks, nominations) and the portal's public ones, each an encapsulated plugin under /api.
 */
import type { FastifyPluginAsync } from 'fastify';
import publicRoutes from './public-routes.ts';
import routes from './routes.ts';

const publicity: FastifyPluginAsync = async (app) => {
  await app.register(routes);
  await app.register(publicRoutes);
};

export default publicity;
