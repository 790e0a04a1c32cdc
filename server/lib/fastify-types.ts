/** Decorations the app adds to Fastify's instance and request. */
import type { Config } from '../config.ts';
import type { Database } from '../db/index.ts';
import type { Actor, Clock, Ctx } from './context.ts';

export type { Clock };

/**
 * The per-server search index (server/modules/search): `refresh` pulls changed items in now. Named
 * `searchIndex` because `app.search` is Fastify's route shorthand for the HTTP SEARCH method.
 */
export interface SearchControl {
  refresh(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: Database;
    clock: Clock;
    searchIndex: SearchControl;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionExpired?: boolean;
    /** The domain layer's view of this request (lib/context.ts); set for every /api request. */
    ctx: Ctx;
  }
}
