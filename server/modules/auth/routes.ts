/**
 * Sign-in by mobile number or e-mail and password; server-side sessions; lockout after repeated
 * failures; organisation switcher; password change under the configured policy.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LoginBody, Me, PasswordChangeBody, SwitchOrganisationBody } from '../../../common/contracts/auth.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { requireActor } from '../../lib/policy.ts';
import { clearSessionCookie, loadMemberships, startSession } from '../../plugins/session.ts';
import { presentMe } from './presenter.ts';
import { getUserContact } from './repository.ts';
import { changePassword, login, logout, passwordPolicy, switchOrganisation, type SignedIn } from './service.ts';

// server/admin-create.ts takes the password policy from here.

/** "Me" for a signed-in person, read afresh (memberships may have changed since the session began). */
async function me(ctx: Ctx, who: SignedIn) {
  const user = await getUserContact(ctx.db, who.userId);
  return presentMe(user, await loadMemberships(ctx.db, who.userId), who.organisationId, who.csrfToken);
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const cfg = app.config;

  app.post(
    '/auth/login',
    {
      // Attempts are limited per address and per account in the database (service.ts), not in memory:
      // several app servers share the counts.
      schema: {
        tags: ['auth'],
        summary: '登录（手机号或邮箱 + 密码）',
        body: LoginBody,
        response: { 200: Me },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const signedIn = await login(ctx, {
        identifier: req.body.identifier,
        password: req.body.password,
        limits: {
          maxFailures: cfg.LOGIN_MAX_FAILURES,
          lockMinutes: cfg.LOGIN_LOCK_MINUTES,
          perIpPerMinute: cfg.LOGIN_RATE_LIMIT_PER_MINUTE,
          perAccountPerMinute: cfg.LOGIN_ACCOUNT_RATE_LIMIT_PER_MINUTE,
        },
        startSession: (trx, userId, membershipId) => startSession(trx, req, reply, userId, membershipId),
      }).catch((err: unknown) => {
        const wait = err instanceof AppError ? err.extra?.retryAfterSeconds : undefined;
        if (typeof wait === 'number') void reply.header('retry-after', String(wait));
        throw err;
      });
      return me(ctx, signedIn);
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: '退出登录', response: { 204: z.null() } } },
    async (req, reply) => {
      await logout(req.ctx);
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    { schema: { tags: ['auth'], summary: '当前用户、所属机构与权限菜单', response: { 200: Me } } },
    async (req) => me(req.ctx, requireActor(req.ctx)),
  );

  app.post(
    '/auth/switch-organisation',
    {
      schema: {
        tags: ['auth'],
        summary: '切换当前机构',
        body: SwitchOrganisationBody,
        response: { 200: Me },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      requireActor(ctx);
      return me(ctx, await switchOrganisation(ctx, { organisationId: req.body.organisationId }));
    },
  );

  app.post(
    '/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: '修改密码',
        body: PasswordChangeBody,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      requireActor(ctx);
      await changePassword(ctx, {
        currentPassword: req.body.currentPassword,
        newPassword: req.body.newPassword,
        policy: passwordPolicy(cfg),
      });
      return reply.status(204).send(null);
    },
  );
};

export default routes;
