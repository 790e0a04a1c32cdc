/**
 * /api/onboarding — issue 12 §1: a signed-in person without an organisation registers one (it starts
 * unverified) or asks to join one; verifiers (NDRC, the administrator, the province's local DRC) work through
 * the verification queue; an organisation's administrators decide its join requests.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { regionName } from '../../../common/region.ts';
import { IdParams } from '../../../common/contracts/common.ts';
import {
  JoinCandidateList,
  JoinRequest,
  JoinRequestCreate,
  JoinRequestDecision,
  JoinRequestList,
  JoinRequestQuery,
  JoinSearchQuery,
  OnboardingStatus,
  OrganisationRegistration,
  RegisteredOrganisation,
  ResubmittedOrganisation,
  VerificationDecision,
  VerificationItem,
  VerificationList,
  VerificationQueueQuery,
} from '../../../common/contracts/onboarding.ts';
import { notFound } from '../../lib/errors.ts';
import { authorize, ensureVisible, isOrgAdminOf, requireActor } from '../../lib/policy.ts';
import { getOrganisation } from '../organisations/repository.ts';
import { onboardingPolicy, queueProvince } from './policy.ts';
import { presentJoinRequest, presentVerificationItem } from './presenter.ts';
import {
  getJoinRequest,
  listForVerification,
  listJoinRequests,
  listMyJoinRequests,
  myOrganisations,
  searchJoinable,
} from './repository.ts';
import {
  alreadyInOrganisation,
  decideJoin,
  decideOrganisation,
  registerOrganisation,
  requestToJoin,
  resubmitOrganisation,
  usccIn,
} from './service.ts';

const Ok = z.object({ ok: z.literal(true) });

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/onboarding/status',
    {
      schema: {
        tags: ['onboarding'],
        summary: '我的单位（审核状态）与加入申请',
        response: { 200: OnboardingStatus },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const [orgs, requests] = await Promise.all([
        myOrganisations(ctx.db, actor.userId),
        listMyJoinRequests(ctx.db, actor.userId),
      ]);
      const seen = new Map<string, OnboardingStatus['organisations'][number]>();
      for (const o of orgs) {
        const prev = seen.get(o.id);
        const orgAdmin = !!o.org_admin || o.role === 'base_admin' || (prev?.orgAdmin ?? false);
        seen.set(o.id, {
          id: o.id,
          name: o.name,
          verificationStatus: o.verification_status,
          rejectionReason: o.rejection_reason,
          orgAdmin,
          ...(orgAdmin && o.verification_status === 'rejected'
            ? {
                registration: {
                  name: o.name,
                  uscc: o.uscc,
                  kind: o.kind,
                  regionCode: o.region_code,
                  industryCode: o.industry_code,
                  employees: o.employees,
                  revenueWan: o.revenue_wan,
                  assetsWan: o.assets_wan,
                },
              }
            : {}),
        });
      }
      return { organisations: [...seen.values()], joinRequests: requests.map((r) => presentJoinRequest(actor, r)) };
    },
  );

  app.post(
    '/onboarding/organisations',
    {
      schema: {
        tags: ['onboarding'],
        summary: '注册单位（待审核）',
        body: OrganisationRegistration,
        response: { 201: RegisteredOrganisation },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      if (!onboardingPolicy.register(actor)) throw alreadyInOrganisation();
      const created = await registerOrganisation(ctx, { actor, input: req.body });
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/onboarding/organisations/:id/resubmit',
    {
      schema: {
        tags: ['onboarding'],
        summary: '修改未通过审核的单位信息并重新提交',
        params: IdParams,
        body: OrganisationRegistration,
        response: { 200: ResubmittedOrganisation },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const org = ensureVisible(await getOrganisation(ctx.db, req.params.id), (o) =>
        onboardingPolicy.resubmit(actor, o.id),
      );
      return resubmitOrganisation(ctx, { org, input: req.body });
    },
  );

  app.get(
    '/onboarding/verifications',
    {
      schema: {
        tags: ['onboarding'],
        summary: '单位审核队列',
        querystring: VerificationQueueQuery,
        response: { 200: VerificationList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      if (!onboardingPolicy.viewQueue(actor)) throw notFound();
      const f = req.query;
      const { rows, total } = await listForVerification(ctx.db, { ...f, province: queueProvince(actor) });
      return {
        items: rows.map((r) => presentVerificationItem(actor, r)),
        total,
        page: f.page,
        pageSize: f.pageSize,
      };
    },
  );

  app.post(
    '/onboarding/verifications/:id/decision',
    {
      schema: {
        tags: ['onboarding'],
        summary: '审核单位：通过或不通过（附理由）',
        params: IdParams,
        body: VerificationDecision,
        response: { 200: VerificationItem.pick({ id: true, verificationStatus: true }) },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const org = ensureVisible(await getOrganisation(ctx.db, req.params.id), (o) => onboardingPolicy.decide(actor, o));
      await decideOrganisation(ctx, { actor, org, decision: req.body });
      return { id: org.id, verificationStatus: req.body.decision === 'approve' ? 'verified' : 'rejected' } as const;
    },
  );

  app.get(
    '/onboarding/organisations',
    {
      schema: {
        tags: ['onboarding'],
        summary: '查找可申请加入的单位（统一社会信用代码或名称）',
        querystring: JoinSearchQuery,
        response: { 200: JoinCandidateList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      requireActor(ctx);
      const rows = await searchJoinable(ctx.db, req.query.q, usccIn(req.query.q));
      return {
        items: rows.map((r) => ({
          id: r.id,
          name: r.name,
          kind: r.kind,
          regionName: r.region_code ? (regionName(r.region_code) ?? null) : null,
          verificationStatus: r.verification_status,
        })),
      };
    },
  );

  app.post(
    '/onboarding/join-requests',
    {
      schema: {
        tags: ['onboarding'],
        summary: '申请加入单位',
        body: JoinRequestCreate,
        response: { 201: JoinRequest },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const org = ensureVisible(
        await getOrganisation(ctx.db, req.body.organisationId),
        (o) => o.verification_status !== 'rejected',
      );
      const id = await requestToJoin(ctx, { actor, org, input: req.body });
      const created = await getJoinRequest(ctx.db, id);
      if (!created) throw notFound();
      return reply.status(201).send(presentJoinRequest(actor, created));
    },
  );

  app.get(
    '/onboarding/join-requests',
    {
      schema: {
        tags: ['onboarding'],
        summary: '本单位收到的加入申请（单位管理员）',
        querystring: JoinRequestQuery,
        response: { 200: JoinRequestList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      authorize(isOrgAdminOf(actor, actor.organisationId), '只有单位管理员可以查看加入申请');
      const f = req.query;
      const { rows, total } = await listJoinRequests(ctx.db, actor.organisationId!, f);
      return { items: rows.map((r) => presentJoinRequest(actor, r)), total, page: f.page, pageSize: f.pageSize };
    },
  );

  app.post(
    '/onboarding/join-requests/:id/decision',
    {
      schema: {
        tags: ['onboarding'],
        summary: '同意或拒绝加入申请',
        params: IdParams,
        body: JoinRequestDecision,
        response: { 200: Ok },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const request = ensureVisible(await getJoinRequest(ctx.db, req.params.id), (r) =>
        onboardingPolicy.decideJoin(actor, r.organisation_id),
      );
      await decideJoin(ctx, { actor, request, decision: req.body });
      return { ok: true } as const;
    },
  );
};

export default routes;
