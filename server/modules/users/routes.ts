/**
 * /api/users — accounts and their memberships, managed by the system administrator. The programme
 * owner may list reviewers (GET /api/users?role=department_reviewer) to assign reviews; every user may
 * read their own record.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../common/contracts/common.ts';
import {
  MembershipInput,
  MembershipParams,
  PasswordReset,
  User,
  UserCreate,
  UserList,
  UserListQuery,
  UserPatch,
} from '../../../common/contracts/users.ts';
import { SessionsRevoked } from '../../../common/contracts/accounts.ts';
import type { Ctx } from '../../lib/context.ts';
import { revokeSessions } from '../accounts/service.ts';
import { authorize, ensureVisible, requireActor } from '../../lib/policy.ts';
import { passwordPolicy } from '../auth/service.ts';
import { userPolicy } from './policy.ts';
import { presentReviewer, presentUser } from './presenter.ts';
import { getUser, listReviewers, listUsers, membershipsOf } from './repository.ts';
import { addMembership, createUser, removeMembership, resetPassword, setDisabled, updateUser } from './service.ts';

const MANAGE_ONLY = '只有系统管理员可以管理用户';

/** The user as the caller sees it after a change (reloaded, with memberships). */
async function present(ctx: Ctx, id: string) {
  const u = ensureVisible(await getUser(ctx.db, id), () => true);
  return presentUser(ctx.actor, u, (await membershipsOf(ctx.db, [u.id])).get(u.id) ?? []);
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const policy = passwordPolicy(app.config);

  /** The user at :id if the caller may see it (404 otherwise) and may manage users (403 otherwise). */
  async function loadManaged(ctx: Ctx, id: string) {
    const actor = requireActor(ctx);
    const u = ensureVisible(await getUser(ctx.db, id), (x) => userPolicy.view(actor, x));
    authorize(userPolicy.manage(actor), MANAGE_ONLY);
    return u;
  }

  app.get(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: '用户列表（系统管理员）；评审专家名单（方案管理，role=department_reviewer）',
        querystring: UserListQuery,
        response: { 200: UserList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const f = req.query;
      if (!userPolicy.listAll(actor)) {
        authorize(f.role === 'department_reviewer' && userPolicy.listReviewers(actor), MANAGE_ONLY);
        const { rows, total } = await listReviewers(ctx.db, f);
        return { items: rows.map(presentReviewer), total, page: f.page, pageSize: f.pageSize };
      }
      const { rows, total } = await listUsers(ctx.db, f);
      const ms = await membershipsOf(
        ctx.db,
        rows.map((r) => r.id),
      );
      return {
        items: rows.map((r) => presentUser(actor, r, ms.get(r.id) ?? [])),
        total,
        page: f.page,
        pageSize: f.pageSize,
      };
    },
  );

  app.post(
    '/users',
    { schema: { tags: ['users'], summary: '创建用户', body: UserCreate, response: { 201: User } } },
    async (req, reply) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      authorize(userPolicy.manage(actor), MANAGE_ONLY);
      const row = await createUser(ctx, { input: req.body, policy });
      return reply.status(201).send(await present(ctx, row.id));
    },
  );

  app.get(
    '/users/:id',
    { schema: { tags: ['users'], summary: '用户详情（含所属机构与角色）', params: IdParams, response: { 200: User } } },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const u = ensureVisible(await getUser(ctx.db, req.params.id), (x) => userPolicy.view(actor, x));
      return present(ctx, u.id);
    },
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: '修改用户姓名、邮箱、手机号',
        params: IdParams,
        body: UserPatch,
        response: { 200: User },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const u = await loadManaged(ctx, req.params.id);
      await updateUser(ctx, { current: u, patch: req.body });
      return present(ctx, u.id);
    },
  );

  app.post(
    '/users/:id/memberships',
    {
      schema: {
        tags: ['users'],
        summary: '为用户添加机构角色',
        params: IdParams,
        body: MembershipInput,
        response: { 201: User },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const u = await loadManaged(ctx, req.params.id);
      await addMembership(ctx, { user: u, membership: req.body });
      return reply.status(201).send(await present(ctx, u.id));
    },
  );

  app.delete(
    '/users/:id/memberships/:membershipId',
    {
      schema: {
        tags: ['users'],
        summary: '移除用户的机构角色',
        params: MembershipParams,
        response: { 200: User },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const u = await loadManaged(ctx, req.params.id);
      await removeMembership(ctx, { user: u, membershipId: req.params.membershipId });
      return present(ctx, u.id);
    },
  );

  for (const action of ['disable', 'enable'] as const) {
    app.post(
      `/users/:id/${action}`,
      {
        schema: {
          tags: ['users'],
          summary: action === 'disable' ? '停用用户（立即注销其全部会话）' : '启用用户',
          params: IdParams,
          response: { 200: User },
        },
      },
      async (req) => {
        const ctx = req.ctx;
        const u = await loadManaged(ctx, req.params.id);
        await setDisabled(ctx, { user: u, disabled: action === 'disable' });
        return present(ctx, u.id);
      },
    );
  }

  app.post(
    '/users/:id/password',
    {
      schema: {
        tags: ['users'],
        summary: '重置用户密码（注销其全部会话并解除锁定）',
        params: IdParams,
        body: PasswordReset,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const u = await loadManaged(ctx, req.params.id);
      await resetPassword(ctx, { user: u, password: req.body.password, policy });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/users/:id/revoke-sessions',
    {
      schema: {
        tags: ['users'],
        summary: '强制退出该用户的全部登录（系统管理员）',
        params: IdParams,
        response: { 200: SessionsRevoked },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const u = await loadManaged(ctx, req.params.id);
      return { revoked: await revokeSessions(ctx, { user: u }) };
    },
  );
};

export default routes;
