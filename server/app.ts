/**
 * Builds the Fastify application as a plugin tree; main.ts alone listens. Tests build the same app
 * and call it in-process with `app.inject`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Database } from './db/index.ts';
import type { Clock } from './lib/fastify-types.ts';
import { responseSerializer } from './lib/response-serializer.ts';
import './lib/fastify-types.ts';
import errors, { clientErrorHandler, frameworkErrors, sendProblem } from './plugins/errors.ts';
import inputGuard from './plugins/input-guard.ts';
import securityHeaders from './plugins/security-headers.ts';
import session from './plugins/session.ts';
import idempotency from './plugins/idempotency.ts';
import compress from './plugins/compress.ts';
import web from './plugins/web.ts';
import metrics from './plugins/metrics.ts';
import jobs from './plugins/jobs.ts';
import { modules } from './modules/index.ts';

export interface AppOptions {
  config: Config;
  database: Database;
  clock?: Clock;
  /** Folder of the built SPA; served with an index.html fallback when present. */
  webRoot?: string;
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { config } = opts;
  const app = Fastify({
    logger:
      config.LOG_LEVEL === 'silent'
        ? false
        : { level: config.LOG_LEVEL, redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]'] },
    genReqId: () => randomUUID(),
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    trustProxy: config.TRUST_PROXY === 'true',
    bodyLimit: 2 * 1024 * 1024,
    return503OnClosing: true,
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializer);
  app.decorate('config', config);
  app.decorate('database', opts.database);
  app.decorate('clock', opts.clock ?? { now: () => new Date() });

  // Callback-style hooks where nothing is awaited: an async hook costs every request a promise and a turn
  // of the microtask queue (bench/registration, issue 15).
  app.addHook('onSend', (req, reply, payload, done) => {
    reply.header('x-request-id', req.id);
    done(null, payload);
  });

  await app.register(errors);
  await app.register(inputGuard);
  // Before every route, so its hooks time all of them; GET /metrics itself is loopback- or token-only.
  await app.register(metrics);
  await app.register(cookie);
  await app.register(securityHeaders);
  await app.register(session);
  // After the session (keys are scoped per signed-in user), before the routes.
  await app.register(idempotency);
  // After idempotency's onSend (which stores replies uncompressed): anonymous API reads compressed, with ETags.
  await app.register(compress);

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: '融通 Rongtong API', version: '0.1.0', description: '融通创新主题日平台接口' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'rt_sid' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  for (const m of modules) {
    await app.register(m.plugin, { prefix: '/api' });
  }
  // At start and every minute: scheduler runs left 'running' by a dead app server are marked failed.
  await app.register(jobs);

  const webRoot = opts.webRoot ?? join(process.cwd(), 'dist', 'web');
  const hasWeb = existsSync(join(webRoot, 'index.html'));
  // Static files (precompressed, cached), the server-rendered public pages, robots.txt and sitemap.xml.
  await app.register(web, { webRoot, hasWeb });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.url === '/api' || req.method !== 'GET' || !hasWeb) {
      return sendProblem(req, reply, 404, req.url.startsWith('/api') ? 'route_not_found' : 'not_found');
    }
    // Client-side routes of the SPA.
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });

  return app;
}
