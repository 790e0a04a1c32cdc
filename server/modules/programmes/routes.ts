/**
 * /api/programmes — the year's programme (年度方案) and its rules as data: the owner creates it, edits
 * it while a draft, opens and closes the call. Everybody signed in reads open and closed programmes.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorize, ensureVisible, isOwner, requireActor } from '../../lib/policy.ts';
import { baseKindsWithoutPlan, findProgramme, listProgrammes } from './repository.ts';
import { canSeeProgramme } from './policy.ts';
import { presentProgramme } from './presenter.ts';
import {
  CreateProgrammeBody,
  ListProgrammesQuery,
  Programme,
  UpdateProgrammeBody,
} from '../../../common/contracts/programmes.ts';
import { closeProgramme, createProgramme, openProgramme, reopenProgramme, updateProgramme } from './service.ts';
import { IdParams, listOf } from '../../../common/contracts/common.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['programmes'];

  app.get(
    '/programmes',
    {
      schema: {
        tags,
        summary: '年度方案列表（草稿仅方案管理者可见）',
        querystring: ListProgrammesQuery,
        response: { 200: listOf(Programme) },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const { page, pageSize } = req.query;
      const { items, total } = await listProgrammes(ctx.db, { ...req.query, includeDrafts: isOwner(actor) });
      const now = ctx.clock.now();
      return {
        items: await Promise.all(
          items.map(async (p) => presentProgramme(actor, p, now, await baseKindsWithoutPlan(ctx.db, actor, p.id))),
        ),
        total,
        page,
        pageSize,
      };
    },
  );

  app.get(
    '/programmes/:id',
    { schema: { tags, summary: '年度方案详情（含规则与可执行操作）', params: IdParams, response: { 200: Programme } } },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const p = ensureVisible(await findProgramme(ctx.db, req.params.id), (x) => canSeeProgramme(actor, x));
      return presentProgramme(actor, p, ctx.clock.now(), await baseKindsWithoutPlan(ctx.db, actor, p.id));
    },
  );

  app.post(
    '/programmes',
    {
      schema: {
        tags,
        summary: '创建年度方案（规则缺省取2020年规则，截止时间移至当年6月30日）',
        body: CreateProgrammeBody,
        response: { 201: Programme },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      authorize(isOwner(actor), '仅国家发展改革委方案管理者可创建年度方案');
      const p = await createProgramme(ctx, req.body);
      return reply.status(201).send(presentProgramme(actor, p, ctx.clock.now(), []));
    },
  );

  app.patch(
    '/programmes/:id',
    {
      schema: {
        tags,
        summary: '修改年度方案（仅草稿）',
        params: IdParams,
        body: UpdateProgrammeBody,
        response: { 200: Programme },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      ensureVisible(await findProgramme(ctx.db, req.params.id), (x) => canSeeProgramme(actor, x));
      authorize(isOwner(actor));
      const p = await updateProgramme(ctx, { id: req.params.id, ...req.body });
      return presentProgramme(actor, p, ctx.clock.now(), []);
    },
  );

  for (const [action, command, summary] of [
    ['open', openProgramme, '开放申报'],
    ['close', closeProgramme, '关闭申报'],
    ['reopen', reopenProgramme, '重新开放已关闭的申报（截止时间前）'],
  ] as const) {
    app.post(
      `/programmes/:id/${action}`,
      { schema: { tags, summary, params: IdParams, response: { 200: Programme } } },
      async (req) => {
        const ctx = req.ctx;
        const actor = requireActor(ctx);
        ensureVisible(await findProgramme(ctx.db, req.params.id), (x) => canSeeProgramme(actor, x));
        authorize(isOwner(actor));
        const p = await command(ctx, { id: req.params.id });
        return presentProgramme(actor, p, ctx.clock.now(), await baseKindsWithoutPlan(ctx.db, actor, p.id));
      },
    );
  }
};
export default routes;
