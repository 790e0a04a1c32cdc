/**
 * /api/users — accounts and their memberships, managed by the system administrator. The programme
 * owner may list reviewers (GET /api/users?role=department_reviewer) to assign reviews; every user may
 * read their own record.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Department } from '../../../common/roles.ts';
import { AppError } from '../../lib/errors.ts';
import { authorize, ensureVisible, requireActor } from '../../lib/policy.ts';
import { passwordPolicy } from '../auth/routes.ts';
import { IdParams } from '../../../common/contracts/organisations.ts';
import { userPolicy } from './policy.ts';
import { MembershipInput, PasswordReset, User, UserCreate, UserList, UserListQuery, UserPatch } from '../../../common/contracts/users.ts';
import {
  addMembership, createUser, membershipsOf, presentUser, removeMembership, resetPassword, setDisabled, updateUser,
} from './service.ts';
import { containsText, toCount } from '../../lib/sql.ts';

const SORT_COLUMNS = { name: 'u.name', createdAt: 'u.created_at', email: 'u.email' } as const;

const routes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  const policy = passwordPolicy(app.config);
  const load = (id: string) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  const present = async (actor: Parameters<typeof presentUser>[0], id: string) => {
    const u = ensureVisible(await load(id), () => true);
    return presentUser(actor, u, (await membershipsOf(db, [u.id])).get(u.id) ?? []);
  };

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
      const actor = requireActor(req.ctx);
      const f = req.query;
      if (!userPolicy.listAll(actor)) {
        authorize(f.role === 'department_reviewer' && userPolicy.listReviewers(actor), '只有系统管理员可以管理用户');
        // Reviewer directory: one row per reviewer membership, enabled accounts only, no contact details.
        let q = db
          .selectFrom('memberships as m')
          .innerJoin('users as u', 'u.id', 'm.user_id')
          .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
          .where('m.role', '=', 'department_reviewer')
          .where('u.disabled', '=', 0);
        if (f.organisationId) q = q.where('m.organisation_id', '=', f.organisationId);
        if (f.q) q = q.where(containsText('u.name', f.q));
        const sort = f.sort === 'email' ? 'u.name' : SORT_COLUMNS[f.sort];
        const [rows, total] = await Promise.all([
          q.select(['u.id', 'u.name', 'm.organisation_id', 'o.name as organisation_name', 'o.department_code'])
            .orderBy(sort, f.order).orderBy('m.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
          q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
        ]);
        return {
          items: rows.map((r) => ({
            id: r.id, name: r.name, organisationId: r.organisation_id, organisationName: r.organisation_name,
            departmentCode: r.department_code as Department | null,
          })),
          total: toCount(total),
          page: f.page,
          pageSize: f.pageSize,
        };
      }
      let q = db.selectFrom('users as u');
      if (f.q) {
        const text = f.q;
        q = q.where((eb) => eb.or([containsText('u.name', text), containsText('u.email', text), containsText('u.mobile', text)]));
      }
      if (f.disabled) q = q.where('u.disabled', '=', f.disabled === 'true' ? 1 : 0);
      if (f.organisationId || f.role) {
        const { organisationId, role } = f;
        q = q.where((eb) => {
          let sub = eb.selectFrom('memberships as m').select('m.id').whereRef('m.user_id', '=', 'u.id');
          if (organisationId) sub = sub.where('m.organisation_id', '=', organisationId);
          if (role) sub = sub.where('m.role', '=', role);
          return eb.exists(sub);
        });
      }
      const [rows, total] = await Promise.all([
        q.selectAll('u').orderBy(SORT_COLUMNS[f.sort], f.order).orderBy('u.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
      ]);
      const ms = await membershipsOf(db, rows.map((r) => r.id));
      return {
        items: rows.map((r) => presentUser(actor, r, ms.get(r.id) ?? [])),
        total: toCount(total),
        page: f.page,
        pageSize: f.pageSize,
      };
    },
  );

  app.post(
    '/users',
    { schema: { tags: ['users'], summary: '创建用户', body: UserCreate, response: { 201: User } } },
    async (req, reply) => {
      const actor = requireActor(req.ctx);
      authorize(userPolicy.manage(actor), '只有系统管理员可以管理用户');
      const row = await createUser(db, req, req.body, policy, app.clock.now());
      return reply.status(201).send(await present(actor, row.id));
    },
  );

  app.get(
    '/users/:id',
    { schema: { tags: ['users'], summary: '用户详情（含所属机构与角色）', params: IdParams, response: { 200: User } } },
    async (req) => {
      const actor = requireActor(req.ctx);
      const u = ensureVisible(await load(req.params.id), (x) => userPolicy.view(actor, x));
      return present(actor, u.id);
    },
  );

  app.patch(
    '/users/:id',
    { schema: { tags: ['users'], summary: '修改用户姓名、邮箱、手机号', params: IdParams, body: UserPatch, response: { 200: User } } },
    async (req) => {
      const actor = requireActor(req.ctx);
      const u = ensureVisible(await load(req.params.id), (x) => userPolicy.view(actor, x));
      authorize(userPolicy.manage(actor), '只有系统管理员可以管理用户');
      await updateUser(db, req, u, req.body, app.clock.now());
      return present(actor, u.id);
    },
  );

  app.post(
    '/users/:id/memberships',
    {
      schema: { tags: ['users'], summary: '为用户添加机构角色', params: IdParams, body: MembershipInput, response: { 201: User } },
    },
    async (req, reply) => {
      const actor = requireActor(req.ctx);
      const u = ensureVisible(await load(req.params.id), (x) => userPolicy.view(actor, x));
      authorize(userPolicy.manage(actor), '只有系统管理员可以管理用户');
      await addMembership(db, req, u, req.body, app.clock.now());
      return reply.status(201).send(await present(actor, u.id));
    },
  );

  app.delete(
    '/users/:id/memberships/:membershipId',
    {
      schema: {
        tags: ['users'],
        summary: '移除用户的机构角色',
        params: z.object({ id: z.string().min(1).max(100), membershipId: z.string().min(1).max(100) }),
        response: { 200: User },
      },
    },
    async (req) => {
      const actor = requireActor(req.ctx);
      const u = ensureVisible(await load(req.params.id), (x) => userPolicy.view(actor, x));
      authorize(userPolicy.manage(actor), '只有系统管理员可以管理用户');
      await removeMembership(db, req, actor, u, req.params.membershipId);
      return present(actor, u.id);
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
        const actor = requireActor(req.ctx);
        const u = ensureVisible(await load(req.params.id), (x) => userPolicy.view(actor, x));
        authorize(userPolicy.manage(actor), '只有系统管理员可以管理用户');
        await setDisabled(db, req, actor, u, action === 'disable', app.clock.now());
        return present(actor, u.id);
      },
    );
  }

  app.post(
    '/users/:id/password',
    {
      schema: { tags: ['users'], summary: '重置用户密码（注销其全部会话并解除锁定）', params: IdParams, body: PasswordReset, response: { 204: z.null() } },
    },
    async (req, reply) => {
      const actor = requireActor(req.ctx);
      const u = ensureVisible(await load(req.params.id), (x) => userPolicy.view(actor, x));
      authorize(userPolicy.manage(actor), '只有系统管理员可以管理用户');
      if (u.id === actor.userId) {
        throw new AppError(409, 'invalid_state', '请通过“修改密码”更改自己的密码');
      }
      await resetPassword(db, req, u, req.body.password, policy, app.clock.now());
      return reply.status(204).send(null);
    },
  );
};

export default routes;
