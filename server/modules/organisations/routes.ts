/**
 * /api/organisations — the register of organisations (统一社会信用代码, kind, region, industry, size class,
 * 指导部门). Signed-in users browse it; NDRC's programme owner and the system administrator keep it; a
 * base administrator keeps its own organisation's profile.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { checkUscc } from '../../../common/uscc.ts';
import { IdParams } from '../../../common/contracts/common.ts';
import {
  MemberList,
  MemberListQuery,
  Organisation,
  OrganisationCreate,
  OrganisationList,
  OrganisationListQuery,
  OrganisationPatch,
  UsccCheckBody,
  UsccCheckResult,
} from '../../../common/contracts/organisations.ts';
import { authorize, ensureVisible, requireActor } from '../../lib/policy.ts';
import { organisationPolicy } from './policy.ts';
import { presentMember, presentOrganisation, presentUsccCheck } from './presenter.ts';
import { findByUscc, getOrganisation, listMembers, listOrganisations } from './repository.ts';
import { createOrganisation, updateOrganisation, verifyUscc } from './service.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
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
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      authorize(organisationPolicy.list(actor));
      const f = req.query;
      const { rows, total } = await listOrganisations(ctx.db, f);
      return { items: rows.map((r) => presentOrganisation(actor, r)), total, page: f.page, pageSize: f.pageSize };
    },
  );

  app.post(
    '/organisations/check-uscc',
    {
      schema: {
        tags: ['organisations'],
        summary: '校验统一社会信用代码（表单实时校验）',
        body: UsccCheckBody,
        response: { 200: UsccCheckResult },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      requireActor(ctx);
      const r = checkUscc(req.body.uscc);
      const existing = r.status === 'invalid' ? undefined : await findByUscc(ctx.db, r.normalized);
      return presentUsccCheck(r, existing);
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
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      authorize(organisationPolicy.create(actor));
      const row = await createOrganisation(ctx, { input: req.body });
      return reply.status(201).send(presentOrganisation(actor, row));
    },
  );

  app.get(
    '/organisations/:id',
    {
      schema: { tags: ['organisations'], summary: '机构详情', params: IdParams, response: { 200: Organisation } },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const row = ensureVisible(await getOrganisation(ctx.db, req.params.id), () => organisationPolicy.view(actor));
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
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const row = ensureVisible(await getOrganisation(ctx.db, req.params.id), () => organisationPolicy.view(actor));
      authorize(organisationPolicy.edit(actor, row), '只能修改本机构的信息');
      const next = await updateOrganisation(ctx, { current: row, patch: req.body });
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
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const row = ensureVisible(await getOrganisation(ctx.db, req.params.id), () => organisationPolicy.view(actor));
      authorize(organisationPolicy.editIdentity(actor));
      const next = await verifyUscc(ctx, { current: row });
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
        response: { 200: MemberList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const org = ensureVisible(await getOrganisation(ctx.db, req.params.id), () => organisationPolicy.view(actor));
      authorize(organisationPolicy.viewMembers(actor));
      const f = req.query;
      const { rows, total } = await listMembers(ctx.db, org.id, f);
      return { items: rows.map(presentMember), total, page: f.page, pageSize: f.pageSize };
    },
  );
};

export default routes;
