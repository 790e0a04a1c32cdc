/**
 * Prometheus metrics (prom-client) at GET /metrics, outside /api: HTTP requests by method, route pattern and
 * status class (count and latency histogram), the database pool, the scheduler's job queue and Node's default
 * process metrics.
 *
 * The route label is the route's pattern (`/api/event-sessions/:id/registrations`), never the raw URL, so the
 * number of series stays bounded whatever URLs clients send; requests no route matched share `(unmatched)`.
 *
 * The endpoint is not public: it answers a caller on the loopback interface that did not come through a proxy
 * (no X-Forwarded-For / Forwarded / X-Real-IP — nginx on the same host connects from 127.0.0.1 for everybody)
 * or one that presents `Authorization: Bearer <METRICS_TOKEN>`; anybody else gets the ordinary 404.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { registryOf } from '../modules/meetings/scheduling.ts';
import { sendProblem } from './errors.ts';

export const METRICS_PATH = '/metrics';

/** Node's process metrics are per process, not per app: one registry, set up once (tests build many apps). */
let processRegistry: Registry | null = null;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'SEARCH']);

/** The bounded label set of one request. */
export function requestLabels(req: FastifyRequest, statusCode: number) {
  return {
    method: METHODS.has(req.method) ? req.method : 'OTHER',
    route: req.routeOptions.url ?? '(unmatched)',
    status: `${Math.floor(statusCode / 100)}xx`,
  };
}

const isLoopback = (addr: string | undefined) =>
  !!addr && (addr === '::1' || addr.startsWith('127.') || addr.startsWith('::ffff:127.'));

function allowed(req: FastifyRequest, token: string | undefined): boolean {
  const h = req.headers;
  const proxied = h['x-forwarded-for'] !== undefined || h.forwarded !== undefined || h['x-real-ip'] !== undefined;
  // The socket's own peer, not req.ip: with TRUST_PROXY the latter is whatever the forwarding header says.
  if (!proxied && isLoopback(req.raw.socket.remoteAddress)) return true;
  if (!token) return false;
  const m = /^Bearer\s+(\S+)$/i.exec(h.authorization ?? '');
  if (!m?.[1]) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(m[1]), digest(token));
}

async function metricsPlugin(app: FastifyInstance): Promise<void> {
  const register = new Registry();
  const registers = [register];

  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status class',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to sending its response, by method, route pattern and status class',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  // One labelled child per label set, kept: prom-client hashes the label object on every unbound call.
  const children = new Map<string, { count: Counter.Internal; time: Histogram.Internal<string> }>();
  app.addHook('onResponse', (req, reply, done) => {
    const labels = requestLabels(req, reply.statusCode);
    const key = `${labels.method} ${labels.status} ${labels.route}`;
    let c = children.get(key);
    if (!c) {
      c = { count: requests.labels(labels), time: duration.labels(labels) };
      children.set(key, c);
    }
    c.count.inc();
    c.time.observe(reply.elapsedTime / 1000);
    done();
  });

  const { database } = app;
  new Gauge({
    name: 'rongtong_db_info',
    help: 'The database this app server uses (1 for its dialect)',
    labelNames: ['dialect'] as const,
    registers,
    collect() {
      this.set({ dialect: database.dialect }, 1);
    },
  });
  const pool = database.pool;
  if (pool) {
    const poolGauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(read());
        },
      });
    poolGauge('rongtong_db_pool_connections', 'PostgreSQL connections open in the pool', () => pool.totalCount);
    poolGauge('rongtong_db_pool_idle', 'PostgreSQL pool connections open and idle', () => pool.idleCount);
    poolGauge('rongtong_db_pool_waiting', 'Queries waiting for a PostgreSQL pool connection', () => pool.waitingCount);
    poolGauge('rongtong_db_pool_max', 'Largest number of connections the pool opens', () => pool.options.max);
  }

  new Gauge({
    name: 'rongtong_scheduler_runs_local',
    help: 'Meeting scheduler runs executing in worker threads of this app server',
    registers,
    collect() {
      this.set(registryOf(database.db).runs.size);
    },
  });
  new Gauge({
    name: 'rongtong_scheduler_runs_running',
    help: "Meeting scheduler runs in state 'running' in the database (all app servers)",
    registers,
    async collect() {
      const r = await database.db
        .selectFrom('schedule_runs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'running')
        .executeTakeFirstOrThrow();
      this.set(Number(r.n));
    },
  });

  const token = app.config.METRICS_TOKEN;
  app.get(METRICS_PATH, { schema: { hide: true } }, async (req, reply) => {
    if (!allowed(req, token)) return sendProblem(req, reply, 404, 'not_found');
    const body = (await processMetrics().metrics()) + '\n' + (await register.metrics());
    return reply.header('cache-control', 'no-store').type(register.contentType).send(body);
  });
}

export default fp(metricsPlugin, { name: 'metrics' });
