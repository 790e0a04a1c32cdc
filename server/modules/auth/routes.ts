/**
 * Sign-in by mobile number or e-mail and password; server-side sessions; lockout after repeated
 * failures; organisation switcher; password change under the configured policy.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../../common/roles.ts';
import { checkPassword } from '../../../common/password-policy.ts';
import { AppError } from '../../lib/errors.ts';
import { audit } from '../../lib/audit.ts';
import { nowIso } from '../../lib/ids.ts';
import { dummyVerify, hashPassword, verifyPassword } from '../../lib/passwords.ts';
import { requireActor } from '../../lib/policy.ts';
import { clearSessionCookie, loadMemberships, startSession } from '../../plugins/session.ts';
import { NAV_ITEMS, navFor } from './nav.ts';
import type { Actor } from '../../lib/context.ts';
import type { Executor } from '../../db/index.ts';

const Membership = z.object({
  id: z.string(),
  organisationId: z.string(),
  organisationName: z.string(),
  organisationKind: z.string(),
  role: z.enum(ROLES),
});

export const MeSchema = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string().nullable(), mobile: z.string().nullable() }),
  memberships: z.array(Membership),
  activeOrganisationId: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  nav: z.array(z.enum(NAV_ITEMS)),
  csrfToken: z.string(),
});

async function presentMe(db: Executor, actor: Pick<Actor, 'userId' | 'organisationId' | 'csrfToken'>) {
  const user = await db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'mobile'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  const memberships = await loadMemberships(db, actor.userId);
  const orgId = actor.organisationId ?? memberships[0]?.organisationId ?? null;
  const roles = memberships.filter((m) => m.organisationId === orgId).map((m) => m.role);
  return {
    user,
    memberships,
    activeOrganisationId: orgId,
    roles,
    nav: navFor(roles),
    csrfToken: actor.csrfToken,
  };
}

/** Normalises the sign-in identifier: e-mail lower-cased, mobile without spaces/+86. */
export function normaliseIdentifier(id: string): { email?: string; mobile?: string } {
  const t = id.trim();
  if (t.includes('@')) return { email: t.toLowerCase() };
  return { mobile: t.replace(/[\s-]/g, '').replace(/^\+?86/, '') };
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  const cfg = app.config;

  app.post(
    '/auth/login',
    {
      config: { rateLimit: { max: cfg.LOGIN_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: '登录（手机号或邮箱 + 密码）',
        body: z.object({ identifier: z.string().trim().min(1).max(200), password: z.string().min(1).max(200) }),
        response: { 200: MeSchema },
      },
    },
    async (req, reply) => {
      const now = app.clock.now();
      const key = normaliseIdentifier(req.body.identifier);
      let q = db.selectFrom('users').selectAll();
      q = key.email ? q.where('email', '=', key.email) : q.where('mobile', '=', key.mobile ?? '');
      const user = await q.executeTakeFirst();
      if (!user) {
        await dummyVerify(req.body.password);
        await audit(db, req.ctx, { entityType: 'session', action: 'login_failed', after: { identifier: req.body.identifier }, actorUserId: null });
        throw new AppError(401, 'invalid_credentials');
      }
      if (user.locked_until && new Date(user.locked_until) > now) {
        const mins = Math.ceil((new Date(user.locked_until).getTime() - now.getTime()) / 60_000);
        throw new AppError(423, 'account_locked', `连续登录失败次数过多，账号已锁定，请 ${mins} 分钟后再试`, undefined, { retryAfterMinutes: mins });
      }
      if (user.disabled) throw new AppError(403, 'account_disabled');
      const ok = await verifyPassword(user.password_hash, req.body.password);
      if (!ok) {
        // Atomic increment: parallel wrong guesses cannot slip past the limit.
        const row = await db.transaction().execute(async (trx) => {
          const r = await trx
            .updateTable('users')
            .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
            .where('id', '=', user.id)
            .returning(['failed_logins'])
            .executeTakeFirstOrThrow();
          let locked = false;
          if (r.failed_logins >= cfg.LOGIN_MAX_FAILURES) {
            locked = true;
            await trx
              .updateTable('users')
              .set({ failed_logins: 0, locked_until: nowIso(new Date(now.getTime() + cfg.LOGIN_LOCK_MINUTES * 60_000)) })
              .where('id', '=', user.id)
              .execute();
          }
          await audit(trx, req.ctx, { entityType: 'user', entityId: user.id, action: locked ? 'locked' : 'login_failed', actorUserId: user.id, organisationId: null });
          return { ...r, locked };
        });
        if (row.locked) {
          throw new AppError(423, 'account_locked', `连续 ${cfg.LOGIN_MAX_FAILURES} 次登录失败，账号已锁定 ${cfg.LOGIN_LOCK_MINUTES} 分钟`, undefined, { retryAfterMinutes: cfg.LOGIN_LOCK_MINUTES });
        }
        const left = cfg.LOGIN_MAX_FAILURES - row.failed_logins;
        throw new AppError(401, 'invalid_credentials', `账号或密码错误，再失败 ${left} 次账号将被锁定 ${cfg.LOGIN_LOCK_MINUTES} 分钟`);
      }
      const memberships = await loadMemberships(db, user.id);
      const result = await db.transaction().execute(async (trx) => {
        await trx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
        const s = await startSession(trx, req, reply, user.id, memberships[0]?.id ?? null);
        await audit(trx, req.ctx, { entityType: 'session', action: 'login', actorUserId: user.id, organisationId: memberships[0]?.organisationId ?? null });
        return s;
      });
      return presentMe(db, { userId: user.id, organisationId: memberships[0]?.organisationId ?? null, csrfToken: result.csrfToken });
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: '退出登录', response: { 204: z.null() } } },
    async (req, reply) => {
      if (req.actor) {
        const actor = req.actor;
        await db.transaction().execute(async (trx) => {
          await trx.deleteFrom('sessions').where('id', '=', actor.sessionId).execute();
          await audit(trx, req.ctx, { entityType: 'session', action: 'logout' });
        });
      }
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    { schema: { tags: ['auth'], summary: '当前用户、所属机构与权限菜单', response: { 200: MeSchema } } },
    async (req) => presentMe(db, requireActor(req.ctx)),
  );

  app.post(
    '/auth/switch-organisation',
    {
      schema: {
        tags: ['auth'],
        summary: '切换当前机构',
        body: z.object({ organisationId: z.string().min(1) }),
        response: { 200: MeSchema },
      },
    },
    async (req) => {
      const actor = requireActor(req.ctx);
      const m = actor.memberships.find((x) => x.organisationId === req.body.organisationId);
      if (!m) throw new AppError(404, 'not_found', '您不属于该机构');
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('sessions').set({ membership_id: m.id }).where('id', '=', actor.sessionId).execute();
        await audit(trx, req.ctx, { entityType: 'session', action: 'switch_organisation', after: { organisationId: m.organisationId }, organisationId: m.organisationId });
      });
      return presentMe(db, { ...actor, organisationId: m.organisationId });
    },
  );

  app.post(
    '/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: '修改密码',
        body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req.ctx);
      const user = await db.selectFrom('users').selectAll().where('id', '=', actor.userId).executeTakeFirstOrThrow();
      if (!(await verifyPassword(user.password_hash, req.body.currentPassword))) {
        throw new AppError(400, 'validation_failed', '当前密码不正确', [{ field: 'currentPassword', code: 'wrong_password', message: '当前密码不正确' }]);
      }
      const failures = checkPassword(req.body.newPassword, passwordPolicy(cfg), {
        identifiers: [user.email ?? '', user.mobile ?? '', user.name].filter(Boolean),
      });
      if (failures.length) {
        throw new AppError(400, 'weak_password', failures.map((f) => f.message).join('；'), failures.map((f) => ({ field: 'newPassword', code: f.code, message: f.message })));
      }
      const hash = await hashPassword(req.body.newPassword);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('users').set({ password_hash: hash, updated_at: nowIso(app.clock.now()) }).where('id', '=', user.id).execute();
        // Every other session of this user ends: a changed password must lock out whoever knew the old one.
        await trx.deleteFrom('sessions').where('user_id', '=', user.id).where('id', '!=', actor.sessionId).execute();
        await audit(trx, req.ctx, { entityType: 'user', entityId: user.id, action: 'password_changed' });
      });
      return reply.status(204).send(null);
    },
  );
};

export function passwordPolicy(cfg: { PASSWORD_MIN_LENGTH: number; PASSWORD_MIN_CLASSES: number }) {
  return { minLength: cfg.PASSWORD_MIN_LENGTH, minClasses: cfg.PASSWORD_MIN_CLASSES, forbidCommon: true };
}

export default routes;
