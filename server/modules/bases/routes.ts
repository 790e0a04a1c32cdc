/**
 * /api/bases — the directory of national 双创示范基地. Reading is public (portal, partner pickers);
 * writing is for the register keepers, and for a base's own administrator as far as its description.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../common/contracts/common.ts';
import { Base, BaseCreate, BaseList, BaseListQuery, BasePatch } from '../../../common/contracts/bases.ts';
import { authorize, ensureVisible, requireActor } from '../../lib/policy.ts';
import { basePolicy } from './policy.ts';
import { presentBase } from './presenter.ts';
import { getBase, listBases } from './repository.ts';
import { createBase, updateBase } from './service.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/bases',
    {
      schema: {
        tags: ['bases'],
        summary: '示范基地名录（公开；筛选、排序、分页）',
        querystring: BaseListQuery,
        response: { 200: BaseList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const f = req.query;
      const { rows, total } = await listBases(ctx.db, f);
      return { items: rows.map((r) => presentBase(ctx.actor, r)), total, page: f.page, pageSize: f.pageSize };
    },
  );

  app.post(
    '/bases',
    { schema: { tags: ['bases'], summary: '登记示范基地', body: BaseCreate, response: { 201: Base } } },
    async (req, reply) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      authorize(basePolicy.create(actor));
      const row = await createBase(ctx, { input: req.body });
      const full = ensureVisible(await getBase(ctx.db, row.id), () => true);
      return reply.status(201).send(presentBase(actor, full));
    },
  );

  app.get(
    '/bases/:id',
    { schema: { tags: ['bases'], summary: '示范基地详情（公开）', params: IdParams, response: { 200: Base } } },
    async (req) => {
      const ctx = req.ctx;
      const row = ensureVisible(await getBase(ctx.db, req.params.id), () => basePolicy.view(ctx.actor));
      return presentBase(ctx.actor, row);
    },
  );

  app.patch(
    '/bases/:id',
    {
      schema: {
        tags: ['bases'],
        summary: '修改示范基地信息',
        params: IdParams,
        body: BasePatch,
        response: { 200: Base },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const row = ensureVisible(await getBase(ctx.db, req.params.id), () => basePolicy.view(actor));
      authorize(basePolicy.editDescription(actor, row), '只能修改本基地的信息');
      const { organisation_name: _ignored, ...current } = row;
      await updateBase(ctx, { current, patch: req.body });
      return presentBase(
        actor,
        ensureVisible(await getBase(ctx.db, row.id), () => true),
      );
    },
  );
};

export default routes;
