/**
 * Idempotent writes (issue 15), after draft-ietf-httpapi-idempotency-key-header: a signed-in client may send
 * `Idempotency-Key: "<unique string>"` with any POST/PUT/PATCH/DELETE under /api. The key is claimed per user
 * before the handler runs; the first successful response is stored and a retry with the same key and the same
 * request gets it back (with `Idempotent-Replayed: true`) without running the handler again.
 *
 * - Same key, different request (method, path or body) → 422 `idempotency_key_reused`.
 * - Same key while the first request is still running → 409 `idempotency_request_in_progress` (Retry-After: 1).
 * - Only 2xx responses are kept. An error response releases the key: the handler's transaction rolled back,
 *   nothing was written, so the same submission may be corrected and sent again with the same key.
 * - A claim is a row inserted under a primary key (scope, key) before the handler: on both databases exactly
 *   one of two parallel requests inserts it. A server that dies mid-request leaves a `pending` row whose lease
 *   (60 s) lets a retry take it over; rows expire after 24 h and a sweep deletes them.
 * - Multipart uploads (routes whose schema `consumes` multipart/form-data) are covered too: with a key, the
 *   body is read here through server/lib/multipart.ts, which keeps the parts for the handler (read once), and
 *   fingerprinted by its parts in order — field names and values, file field names, file names, content types
 *   and each file's SHA-256 — not by the raw body, so a browser retry of the same FormData (new boundary) is the
 *   same request. A body that does not parse (too large, malformed) claims nothing: the handler refuses it.
 * - Not covered (the header is ignored): anonymous requests (sign-in must never be replayed, it sets a session
 *   cookie; the survey answer link is single-use by itself), /api/auth/*, and a multipart body sent to a route
 *   that does not take one (refused anyway).
 *
 * The header is optional for API clients; the web client (web/api/client.ts) sends one on every write.
 */
import { createHash } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Executor } from '../db/index.ts';
import { AppError } from '../lib/errors.ts';
import { nowIso } from '../lib/ids.ts';
import { multipartIdentity, readMultipart } from '../lib/multipart.ts';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';
/** How long a claim may stay `pending` before a retry may take it over (a crashed or hung request). */
export const LEASE_MS = 60_000;
/** How long a key and its stored response live. */
export const TTL_MS = 24 * 3600_000;
const SWEEP_MS = 10 * 60_000;
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const EXCLUDED_PREFIXES = ['/api/auth/'];
/** Response headers worth replaying; everything else (request id, security headers) is the retry's own. */
const KEPT_HEADERS = ['content-type', 'location'] as const;

interface Claim {
  scope: string;
  key: string;
  createdAt: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The idempotency key this request holds while its handler runs (plugins/idempotency.ts). */
    idempotencyClaim?: Claim | null;
  }
}

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` are the same request. */
export function canonicalJson(v: unknown): string {
  if (v === undefined) return '';
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : x,
  );
}

/** What makes two requests "the same": method, path with query, and the body. */
export function fingerprint(method: string, url: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method}\n${url}\n${canonicalJson(body)}`)
    .digest('hex');
}

/**
 * The key from the header: an RFC 8941 sf-string as the draft defines it (`"…"`), or the bare token many
 * clients send. Printable ASCII, 1–255 characters; anything else is a 400.
 */
export function parseKey(raw: string | string[] | undefined): string | null {
  if (raw === undefined) return null;
  const invalid = new AppError(
    400,
    'idempotency_key_invalid',
    'Idempotency-Key 请求头格式不正确：应为 1–255 个可见 ASCII 字符，且只能有一个',
  );
  if (Array.isArray(raw)) throw invalid;
  const v = raw.trim();
  const unquoted = v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
  if (!/^[\x21-\x7e]{1,255}$/.test(unquoted) || unquoted.includes('"') || unquoted.includes('\\')) throw invalid;
  return unquoted;
}

const isMultipart = (req: FastifyRequest) =>
  String(req.headers['content-type'] ?? '')
    .toLowerCase()
    .startsWith('multipart/');

/** Whether the route reads a multipart body itself (its schema says it `consumes` multipart/form-data). */
const takesMultipart = (req: FastifyRequest) =>
  (req.routeOptions.schema?.consumes ?? []).some((c) => c.toLowerCase() === 'multipart/form-data');

function applies(req: FastifyRequest): boolean {
  if (!WRITES.has(req.method) || !req.actor) return false;
  const route = req.routeOptions.url;
  if (!route?.startsWith('/api/') || EXCLUDED_PREFIXES.some((p) => route.startsWith(p))) return false;
  return !isMultipart(req) || takesMultipart(req);
}

/**
 * What the fingerprint covers besides method and URL: the JSON body, or a multipart body's parts (read here,
 * kept for the handler). Undefined when a multipart body does not parse: no claim, the handler refuses it.
 */
async function bodyIdentity(req: FastifyRequest): Promise<{ value: unknown } | undefined> {
  if (!isMultipart(req)) return { value: req.body };
  try {
    return { value: { multipart: multipartIdentity(await readMultipart(req)) } };
  } catch {
    return undefined;
  }
}

type Row = {
  fingerprint: string;
  state: 'pending' | 'done';
  response_status: number | null;
  response_headers: string | null;
  response_body: string | null;
  created_at: string;
  locked_until: string;
  expires_at: string;
};

async function readRow(db: Executor, scope: string, key: string): Promise<Row | undefined> {
  return db
    .selectFrom('idempotency_keys')
    .select([
      'fingerprint',
      'state',
      'response_status',
      'response_headers',
      'response_body',
      'created_at',
      'locked_until',
      'expires_at',
    ])
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
}

function replay(reply: FastifyReply, row: Row): void {
  const headers = JSON.parse(row.response_headers ?? '{}') as Record<string, string>;
  for (const [k, v] of Object.entries(headers)) reply.header(k, v);
  reply.header(REPLAYED_HEADER, 'true');
  void reply.code(row.response_status ?? 200).send(row.response_body ?? '');
}

/**
 * Claims (scope, key) for this request, or answers it: a replay of the stored response, 409 while the first
 * request runs, 422 for a different request under the same key. Returns the claim when the handler may run,
 * null when the reply was sent (a replay).
 */
async function claim(
  req: FastifyRequest,
  reply: FastifyReply,
  scope: string,
  key: string,
  body: unknown,
): Promise<Claim | null> {
  const db = req.server.database.db;
  const now = req.server.clock.now();
  const fpr = fingerprint(req.method, req.url, body);
  const fresh = {
    fingerprint: fpr,
    method: req.method,
    path: req.url.slice(0, 1000),
    state: 'pending' as const,
    response_status: null,
    response_headers: null,
    response_body: null,
    created_at: nowIso(now),
    locked_until: nowIso(new Date(now.getTime() + LEASE_MS)),
    expires_at: nowIso(new Date(now.getTime() + TTL_MS)),
  };
  // Three rounds at most: a row can disappear (released by a failed first request) or be taken over between
  // our insert and our read; each round either settles or sees a changed row.
  for (let round = 0; round < 3; round++) {
    const ins = await db
      .insertInto('idempotency_keys')
      .values({ scope, key, ...fresh })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .executeTakeFirst();
    if (Number(ins.numInsertedOrUpdatedRows ?? 0) === 1) return { scope, key, createdAt: fresh.created_at };

    const row = await readRow(db, scope, key);
    if (!row) continue;
    const t = now.getTime();
    const stale =
      new Date(row.expires_at).getTime() <= t || (row.state === 'pending' && new Date(row.locked_until).getTime() <= t);
    if (stale) {
      // Take over an expired key or an abandoned claim; the condition on the old row's values makes only one
      // of several racing retries win.
      const upd = await db
        .updateTable('idempotency_keys')
        .set(fresh)
        .where('scope', '=', scope)
        .where('key', '=', key)
        .where('state', '=', row.state)
        .where('created_at', '=', row.created_at)
        .where('locked_until', '=', row.locked_until)
        .executeTakeFirst();
      if (Number(upd.numUpdatedRows) === 1) return { scope, key, createdAt: fresh.created_at };
      continue;
    }
    if (row.fingerprint !== fpr) {
      throw new AppError(
        422,
        'idempotency_key_reused',
        '该 Idempotency-Key 已用于另一个请求（地址或内容不同）；新的提交请使用新的 Idempotency-Key',
      );
    }
    if (row.state === 'pending') {
      reply.header('retry-after', '1');
      throw new AppError(409, 'idempotency_request_in_progress', '相同的请求正在处理中，请稍候');
    }
    replay(reply, row);
    return null;
  }
  reply.header('retry-after', '1');
  throw new AppError(409, 'idempotency_request_in_progress', '相同的请求正在处理中，请稍候');
}

/** Stores a 2xx response under the claim, or releases the claim for anything else. */
async function settle(req: FastifyRequest, reply: FastifyReply, c: Claim, payload: unknown): Promise<void> {
  const db = req.server.database.db;
  const status = reply.statusCode;
  const body = payload == null ? '' : typeof payload === 'string' ? payload : null;
  if (status >= 200 && status < 300 && body !== null) {
    const headers: Record<string, string> = {};
    for (const h of KEPT_HEADERS) {
      const v = reply.getHeader(h);
      if (v !== undefined) headers[h] = String(v);
    }
    await db
      .updateTable('idempotency_keys')
      .set({ state: 'done', response_status: status, response_headers: JSON.stringify(headers), response_body: body })
      .where('scope', '=', c.scope)
      .where('key', '=', c.key)
      .where('created_at', '=', c.createdAt)
      .where('state', '=', 'pending')
      .execute();
  } else {
    // An error (nothing was written) or a streamed body (not storable): let the key be used again.
    await db
      .deleteFrom('idempotency_keys')
      .where('scope', '=', c.scope)
      .where('key', '=', c.key)
      .where('created_at', '=', c.createdAt)
      .where('state', '=', 'pending')
      .execute();
  }
}

/** Deletes expired keys (every 10 minutes on each app server; harmless when several servers race). */
export async function sweepIdempotencyKeys(db: Executor, now: Date): Promise<number> {
  const r = await db.deleteFrom('idempotency_keys').where('expires_at', '<=', nowIso(now)).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export default fp(async (app) => {
  app.decorateRequest('idempotencyClaim', null);

  // Requests without a key (reads, and writes sent without one) pass through synchronously: no promise each.
  /** Claims the key; true when `claim` has answered instead (a replay or a refusal). */
  const answered = async (req: FastifyRequest, reply: FastifyReply, key: string): Promise<boolean> => {
    const body = await bodyIdentity(req);
    if (!body) return false;
    const c = await claim(req, reply, req.actor!.userId, key, body.value);
    if (c) req.idempotencyClaim = c;
    return !c;
  };
  app.addHook('preValidation', (req, reply, done) => {
    const key = applies(req) ? parseKey(req.headers[IDEMPOTENCY_HEADER]) : null;
    if (key === null) {
      done();
      return;
    }
    // A hook that has sent the reply does not call done (Fastify's callback-style early response).
    answered(req, reply, key).then(
      (sent) => sent || done(),
      (err: unknown) => done(err as Error),
    );
  });

  app.addHook('onSend', (req, reply, payload, done) => {
    const c = req.idempotencyClaim;
    if (!c) {
      done(null, payload);
      return;
    }
    req.idempotencyClaim = null;
    settle(req, reply, c, payload).then(
      () => done(null, payload),
      (err: unknown) => {
        // The response itself is fine; an unsettled claim only makes retries wait for its lease.
        req.log.error({ err }, 'could not settle an idempotency key');
        done(null, payload);
      },
    );
  });

  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    timer = setInterval(() => {
      sweepIdempotencyKeys(app.database.db, app.clock.now()).catch((err: unknown) =>
        app.log.warn({ err }, 'idempotency key sweep failed'),
      );
    }, SWEEP_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
  });
});
