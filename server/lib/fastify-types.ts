/** Decorations the app adds to Fastify's instance and request. */
import type { Config } from '../config.ts';
import type { Database } from '../db/index.ts';
import type { Actor } from './context.ts';

export interface Clock {
  now(): Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: Database;
    clock: Clock;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionExpired?: boolean;
  }
}
