/**
 * The search module's entry in the module registry. Unlike the other modules it is not encapsulated
 * (fastify-plugin): it owns one SearchService per app server and decorates the root instance with
 * `app.searchIndex` (tests force a refresh with `app.searchIndex.refresh()`; `app.search` is taken by
 * Fastify's HTTP SEARCH route shorthand), builds the index on `onReady` and
 * stops the background refresher on `onClose`. Its routes are an ordinary encapsulated child under /api.
 */
import fp from 'fastify-plugin';
import type { FastifyPluginAsync } from 'fastify';
import routes from './routes.ts';
import { SearchService } from './service.ts';

const search: FastifyPluginAsync<{ prefix?: string }> = async (app, opts) => {
  const service = new SearchService(app.database.db, app.log);
  app.decorate('searchIndex', { refresh: () => service.refresh() });
  app.addHook('onReady', async () => {
    service.start(app.config.SEARCH_REFRESH_SECONDS);
  });
  app.addHook('onClose', async () => {
    await service.close();
  });
  await app.register(routes, { prefix: opts.prefix ?? '/api', service });
};

export default fp(search, { name: 'search', fastify: '5.x' });
