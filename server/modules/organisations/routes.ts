/**
 * /api/organisations — the register of organisations (统一社会信用代码, kind, region, industry, size class,
 * 指导部门). Signed-in users browse it; NDRC's programme owner and the system administrator keep it; a
 * base administrator keeps its own organisation's profile.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkUscc } from '../../../common/uscc.ts';
import type { Role } from '../../../common/roles.ts';
import { authorize, ensureVisible, requireActor } from '../../lib/policy.ts';
import { organisationPolicy } from './policy.ts';
import {
  IdParams, Member, MemberListQuery, Organisation, OrganisationCreate, OrganisationList, OrganisationListQuery,
  OrganisationPatch, UsccCheckResult,
} from '../../../common/contracts/organisations.ts';
import { createOrganisation, presentOrganisation, updateOrganisation, verifyUscc } from './service.ts';
import { containsText, regionPrefix, toCount } from '../../lib/sql.ts';
import { listOf } from '../../../common/contracts/common.ts';

const SORT_COLUMNS = { name: 'name', createdAt: 'created_at', regionCode: 'region_code', uscc: 'uscc' } as const;
const MEMBER_SORT = { name: 'u.name', role: 'm.role', joinedAt: 'm.created_at' } as const;

const routes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  const load = (id: string) => db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();

  app.get(
    '/organisations',
    {
      schema: {
        tags: ['organisations'],
        summary: '机构名录（筛选、排序、分页）',
        querystring: OrganisationListQuery,
        response: { 200: OrganisationList },
      },
    },
    async (req) => {
      const actor = requireActor(req.ctx);
      authorize(organisationPolicy.list(actor));
      const f = req.query;
      let q = db.selectFrom('organisations');
      if (f.kind) q = q.where('kind', '=', f.kind);
      if (f.region) {
        const prefix = regionPrefix(f.region) ?? f.region;
        q = q.where('region_code', 'like', `${prefix}%`);
      }
      if (f.industry) q = q.where('industry_code', 'like', `${f.industry}%`);
      if (f.size) q = q.where('size_class', '=', f.size);
      if (f.departmentCode) q = q.where('department_code', '=', f.departmentCode);
      if (f.usccStatus) q = q.where('uscc_status', '=', f.usccStatus);
      if (f.q) {
        const text = f.q;
        q = q.where((eb) => eb.or([containsText('name', text), eb('uscc', '=', text.toUpperCase())]));
      }
      const [rows, total] = await Promise.all([
        q.selectAll().orderBy(SORT_COLUMNS[f.sort], f.order).orderBy('id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
      ]);
      return { items: rows.map((r) => presentOrganisation(actor, r)), total: toCount(total), page: f.page, pageSize: f.pageSize };
    },
  );

  app.post(
    '/organisations/check-uscc',
    {
      schema: {
        tags: ['organisations'],
        summary: '校验统一社会信用代码（表单实时校验）',
        body: z.object({ uscc: z.string().max(40) }),
        response: { 200: UsccCheckResult },
      },
    },
    async (req) => {
      requireActor(req.ctx);
      const r = checkUscc(req.body.uscc);
      const existing = r.status === 'invalid'
        ? undefined
        : await db.selectFrom('organisations').select(['id', 'name']).where('uscc', '=', r.normalized).executeTakeFirst();
      return {
        status: r.status,
        normalized: r.normalized,
        reasonCode: r.reasonCode ?? null,
        message: r.message ?? null,
        registeredAs: existing ?? null,
      };
    },
  );

  app.post(
    '/organisations',
    {
      schema: {
        tags: ['organisations'],
        summary: '登记机构',
        body: OrganisationCreate,
        response: { 201: Organisation },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req.ctx);
      authorize(organisationPolicy.create(actor));
      const row = await createOrganisation(db, req, req.body, app.clock.now());
      return reply.status(201).send(presentOrganisation(actor, row));
    },
  );

  app.get(
    '/organisations/:id',
    {
      schema: { tags: ['organisations'], summary: '机构详情', params: IdParams, response: { 200: Organisation } },
    },
    async (req) => {
      const actor = requireActor(req.ctx);
      const row = ensureVisible(await load(req.params.id), () => organisationPolicy.view(actor));
      return presentOrganisation(actor, row);
    },
  );

  app.patch(
    '/organisations/:id',
    {
      schema: {
        tags: ['organisations'],
        summary: '修改机构信息',
        params: IdParams,
        body: OrganisationPatch,
        response: { 200: Organisation },
      },
    },
    async (req) => {
      const actor = requireActor(req.ctx);
      const row = ensureVisible(await load(req.params.id), () => organisationPolicy.view(actor));
      authorize(organisationPolicy.edit(actor, row), '只能修改本机构的信息');
      const next = await updateOrganisation(db, req, actor, row, req.body, app.clock.now());
      return presentOrganisation(actor, next);
    },
  );

  app.post(
    '/organisations/:id/verify-uscc',
    {
      schema: {
        tags: ['organisations'],
        summary: '确认统一社会信用代码已人工核验',
        params: IdParams,
        response: { 200: Organisation },
      },
    },
    async (req) => {
      const actor = requireActor(req.ctx);
      const row = ensureVisible(await load(req.params.id), () => organisationPolicy.view(actor));
      authorize(organisationPolicy.editIdentity(actor));
      const next = await verifyUscc(db, req, row, app.clock.now());
      return presentOrganisation(actor, next);
    },
  );

  app.get(
    '/organisations/:id/members',
    {
      schema: {
        tags: ['organisations'],
        summary: '机构成员',
        params: IdParams,
        querystring: MemberListQuery,
        response: { 200: listOf(Member) },
      },
    },
    async (req) => {
      const actor = requireActor(req.ctx);
      const org = ensureVisible(await load(req.params.id), () => organisationPolicy.view(actor));
      authorize(organisationPolicy.viewMembers(actor));
      const f = req.query;
      let q = db
        .selectFrom('memberships as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .where('m.organisation_id', '=', org.id);
      if (f.role) q = q.where('m.role', '=', f.role);
      const [rows, total] = await Promise.all([
        q.select(['m.id', 'm.user_id', 'u.name', 'u.email', 'u.mobile', 'm.role', 'u.disabled', 'm.created_at'])
          .orderBy(MEMBER_SORT[f.sort], f.order).orderBy('m.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
      ]);
      return {
        items: rows.map((r) => ({
          membershipId: r.id, userId: r.user_id, name: r.name, email: r.email, mobile: r.mobile,
          role: r.role as Role, disabled: !!r.disabled, joinedAt: r.created_at,
        })),
        total: toCount(total),
        page: f.page,
        pageSize: f.pageSize,
      };
    },
  );
};

export default routes;
