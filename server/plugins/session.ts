/**
 * Server-side sessions. The cookie holds a random token; the database holds only its SHA-256, with
 * idle (default 30 min) and absolute (default 12 h) expiry, so several app servers share sessions
 * and logout really ends one. Cookie-authenticated writes must carry the session's CSRF token in
 * the `x-csrf-token` header (synchroniser token pattern).
 */
import { createHash, randomBytes } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Executor } from '../db/index.ts';
import { preparedList } from '../db/prepared.ts';
import { turnBatch } from '../db/turn-batch.ts';
import { uploadDirFor } from '../lib/attachments.ts';
import { AppError } from '../lib/errors.ts';
import type { Actor, Ctx, MembershipInfo } from '../lib/context.ts';
import { nowIso } from '../lib/ids.ts';

export const SESSION_COOKIE = 'rt_sid';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/**
 * Writes allowed without a CSRF token: login creates a session rather than uses one; a survey answer is
 * authorised by the secret token in its path, which a cross-site page cannot know (the cookie plays no part).
 */
const CSRF_EXEMPT = new Set(['/api/auth/login', '/api/public/surveys/by-token/:token']);

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function loadMemberships(db: Executor, userId: string): Promise<MembershipInfo[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select([
      'm.id',
      'm.organisation_id',
      'o.name',
      'o.kind',
      'o.region_code',
      'o.verification_status',
      'm.role',
      'm.org_admin',
    ])
    .where('m.user_id', '=', userId)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: r.name,
    organisationKind: r.kind,
    organisationRegionCode: r.region_code,
    organisationVerification: r.verification_status,
    role: r.role,
    orgAdmin: !!r.org_admin,
  }));
}

/**
 * Sessions with their users and the users' memberships, in ONE query (every signed-in request pays for it):
 * one row per membership, or one row with null membership columns. `user_name` is null when the user is
 * gone. Ordered as `loadMemberships` orders.
 */
const sessionsQuery = preparedList((db: Executor, ids: readonly string[]) =>
  db
    .selectFrom('sessions as s')
    .leftJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('memberships as m', 'm.user_id', 'u.id')
    .leftJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select([
      's.id',
      's.user_id',
      's.membership_id',
      's.csrf_token',
      's.expires_at',
      's.last_seen_at',
      'u.name as user_name',
      'u.disabled as user_disabled',
      'm.id as m_id',
      'm.role as m_role',
      'm.org_admin as m_org_admin',
      'o.id as o_id',
      'o.name as o_name',
      'o.kind as o_kind',
      'o.region_code as o_region_code',
      'o.verification_status as o_verification_status',
    ])
    .where('s.id', 'in', ids)
    .orderBy('s.id')
    .orderBy('m.created_at')
    .orderBy('m.id'),
);
type SessionRowsRow = Awaited<ReturnType<typeof sessionsQuery>>['rows'][number];

/** A session's rows; the lookups of one event-loop turn share one query (server/db/turn-batch.ts). */
const sessionRows = turnBatch(async (db: Executor, ids: string[]) => {
  const byId = new Map<string, SessionRowsRow[]>();
  // Compiled once per number of ids (at most 32 a turn): this runs for every signed-in request.
  for (const r of (await sessionsQuery(db, ids)).rows) {
    const list = byId.get(r.id);
    if (list) list.push(r);
    else byId.set(r.id, [r]);
  }
  return byId;
});

/** The memberships in `sessionRows`' rows (a membership whose organisation is gone is left out, as in `loadMemberships`). */
function membershipsOf(rows: readonly SessionRowsRow[]): MembershipInfo[] {
  const out: MembershipInfo[] = [];
  for (const r of rows) {
    if (r.m_id == null || r.m_role == null || r.o_id == null || r.o_name == null || r.o_kind == null) continue;
    out.push({
      id: r.m_id,
      organisationId: r.o_id,
      organisationName: r.o_name,
      organisationKind: r.o_kind,
      organisationRegionCode: r.o_region_code ?? null,
      organisationVerification: r.o_verification_status ?? 'verified',
      role: r.m_role,
      orgAdmin: !!r.m_org_admin,
    });
  }
  return out;
}

/** Creates a session and sets the cookie; returns the CSRF token. A fresh id every login. */
export async function startSession(
  db: Executor,
  req: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  membershipId: string | null,
): Promise<{ csrfToken: string; sessionId: string }> {
  const cfg = req.server.config;
  const now = req.server.clock.now();
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const sessionId = tokenHash(token);
  await db
    .insertInto('sessions')
    .values({
      id: sessionId,
      user_id: userId,
      membership_id: membershipId,
      csrf_token: csrfToken,
      ip: req.ip,
      user_agent: String(req.headers['user-agent'] ?? '').slice(0, 300),
      created_at: nowIso(now),
      last_seen_at: nowIso(now),
      expires_at: nowIso(new Date(now.getTime() + cfg.SESSION_ABSOLUTE_HOURS * 3600_000)),
    })
    .execute();
  const secure = cfg.COOKIE_SECURE === 'auto' ? cfg.NODE_ENV === 'production' : cfg.COOKIE_SECURE === 'true';
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: cfg.SESSION_ABSOLUTE_HOURS * 3600,
  });
  return { csrfToken, sessionId };
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/**
 * The request's Ctx. `actor` and `sessionExpired` read through to the request, because signing in or
 * switching organisation changes them during the request.
 */
function requestContext(req: FastifyRequest): Ctx {
  const { database, clock } = req.server;
  return {
    db: database.db,
    dialect: database.dialect,
    get actor() {
      return req.actor;
    },
    get sessionExpired() {
      return req.sessionExpired ?? false;
    },
    clock,
    ip: req.ip,
    requestId: req.id,
    // Read by the few routes that store files; not worth a path join on every request.
    get uploadDir() {
      return uploadDirFor(req.server.config.SQLITE_PATH);
    },
  };
}

export default fp(async (app) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('ctx', null as unknown as Ctx);

  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/')) return;
    req.ctx = requestContext(req);
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const db = app.database.db;
      const now = app.clock.now();
      const id = tokenHash(token);
      const rows = (await sessionRows(db, id)) ?? [];
      const s = rows[0];
      const idleMs = app.config.SESSION_IDLE_MINUTES * 60_000;
      if (s) {
        const expired =
          new Date(s.expires_at).getTime() <= now.getTime() ||
          new Date(s.last_seen_at).getTime() + idleMs <= now.getTime();
        if (expired) {
          await db.deleteFrom('sessions').where('id', '=', id).execute();
          clearSessionCookie(reply);
          // Only a request that needs a session learns it expired; public pages keep working.
          req.sessionExpired = true;
        } else if (s.user_name != null && !s.user_disabled) {
          const memberships = membershipsOf(rows);
          const active = memberships.find((m) => m.id === s.membership_id) ?? memberships[0] ?? null;
          const orgId = active?.organisationId ?? null;
          const actor: Actor = {
            userId: s.user_id,
            name: s.user_name,
            sessionId: s.id,
            csrfToken: s.csrf_token,
            organisationId: orgId,
            organisationRegionCode: active?.organisationRegionCode ?? null,
            organisationVerification: active?.organisationVerification ?? null,
            roles: memberships.filter((m) => m.organisationId === orgId).map((m) => m.role),
            memberships,
          };
          req.actor = actor;
          // Touch at most every 30 s: idle expiry needs minute precision, not a write per request.
          if (now.getTime() - new Date(s.last_seen_at).getTime() > 30_000) {
            await db
              .updateTable('sessions')
              .set({ last_seen_at: nowIso(now) })
              .where('id', '=', id)
              .execute();
          }
        }
      }
    }
    if (UNSAFE.has(req.method) && req.actor && !CSRF_EXEMPT.has(req.routeOptions.url ?? '')) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || sent !== req.actor.csrfToken) {
        throw new AppError(403, 'csrf_failed');
      }
    }
  });
});
