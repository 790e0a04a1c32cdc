/**
 * Self-service accounts (issue 12 §1), anonymous routes: ask for a one-time code, sign up with it, reset a
 * forgotten password with it. Counted per address and per client address in the database (service.ts).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  CodeRequestBody,
  CodeRequestResult,
  PasswordResetByCodeBody,
  SignUpBody,
} from '../../../common/contracts/accounts.ts';
import { Me } from '../../../common/contracts/auth.ts';
import { AppError } from '../../lib/errors.ts';
import { loadMemberships, startSession } from '../../plugins/session.ts';
import { presentMe } from '../auth/presenter.ts';
import { getUserContact } from '../auth/repository.ts';
import { passwordPolicy } from '../auth/service.ts';
import { requestCode, resetPasswordByCode, signUp } from './service.ts';

/** A 429 carries Retry-After. */
const withRetryAfter = (reply: FastifyReply) => (err: unknown) => {
  const wait = err instanceof AppError ? err.extra?.retryAfterSeconds : undefined;
  if (typeof wait === 'number') void reply.header('retry-after', String(wait));
  throw err;
};

const routes: FastifyPluginAsyncZod = async (app) => {
  const policy = passwordPolicy(app.config);

  app.post(
    '/auth/codes',
    {
      schema: {
        tags: ['auth'],
        summary: '获取验证码（注册或找回密码；无论账号是否存在，答复相同）',
        body: CodeRequestBody,
        response: { 202: CodeRequestResult },
      },
    },
    async (req, reply) => {
      const r = await requestCode(req.ctx, req.body).catch(withRetryAfter(reply));
      return reply.status(202).send(r);
    },
  );

  app.post(
    '/auth/sign-up',
    {
      schema: {
        tags: ['auth'],
        summary: '自助注册（手机号或邮箱 + 验证码），注册后即登录',
        body: SignUpBody,
        response: { 201: Me },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const signedIn = await signUp(ctx, {
        ...req.body,
        policy,
        startSession: (trx, userId, membershipId) => startSession(trx, req, reply, userId, membershipId),
      }).catch(withRetryAfter(reply));
      const user = await getUserContact(ctx.db, signedIn.userId);
      const me = presentMe(user, await loadMemberships(ctx.db, signedIn.userId), null, signedIn.csrfToken);
      return reply.status(201).send(me);
    },
  );

  app.post(
    '/auth/password-reset',
    {
      schema: {
        tags: ['auth'],
        summary: '通过验证码重置密码（退出该账号的全部登录）',
        body: PasswordResetByCodeBody,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await resetPasswordByCode(req.ctx, { ...req.body, policy }).catch(withRetryAfter(reply));
      return reply.status(204).send(null);
    },
  );
};

export default routes;
