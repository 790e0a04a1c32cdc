/**
 * /api/bases — the directory of national 双创示范基地. Reading is public (portal, partner pickers);
 * writing is for the register keepers, and for a base's own administrator as far as its description.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../common/contracts/common.ts';
import {
  Base,
  BaseCreate,
  BaseList,
  BaseListQuery,
  BasePatch,
  BaseReminder,
  BaseReminderBody,
  BaseReminderList,
  BaseSupervision,
} from '../../../common/contracts/bases.ts';
import { baseSupervision } from './supervision.ts';
import { ensure } from '../../lib/errors.ts';
import { isBaseAdminOf } from './policy.ts';
import { listBaseReminders, sendBaseReminder } from './reminders.ts';
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
      const { organisation_name: _ignored, supervisor_organisation_name: _ignored2, ...current } = row;
      await updateBase(ctx, { current, patch: req.body });
      return presentBase(
        actor,
        ensureVisible(await getBase(ctx.db, row.id), () => true),
      );
    },
  );

  app.post(
    '/bases/:id/reminders',
    {
      schema: {
        tags: ['bases'],
        summary: '督促提醒（本省发展改革委或基地主管部门；每个单位每天对每个基地一次）',
        params: IdParams,
        body: BaseReminderBody,
        response: { 201: BaseReminder },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const row = ensureVisible(await getBase(ctx.db, req.params.id), (b) => basePolicy.remind(actor, b));
      const { organisation_name: _o, supervisor_organisation_name: _s, ...base } = row;
      const id = await sendBaseReminder(ctx, { base, message: req.body.message });
      return reply.status(201).send(ensure((await listBaseReminders(ctx.db, base.id)).find((r) => r.id === id)));
    },
  );

  app.get(
    '/bases/:id/reminders',
    {
      schema: {
        tags: ['bases'],
        summary: '基地收到的督促提醒（基地管理员、本省发展改革委、基地主管部门、方案管理者）',
        params: IdParams,
        response: { 200: BaseReminderList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const row = ensureVisible(
        await getBase(ctx.db, req.params.id),
        (b) => basePolicy.follow(actor, b) || isBaseAdminOf(actor, b),
      );
      return { items: await listBaseReminders(ctx.db, row.id) };
    },
  );

  app.get(
    '/bases/:id/supervision',
    {
      schema: {
        tags: ['bases'],
        summary: '基地跟踪：计划、主题日与活动方案、成果数据、督促提醒（基地主管部门、本省发展改革委、方案管理者）',
        params: IdParams,
        response: { 200: BaseSupervision },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const row = ensureVisible(await getBase(ctx.db, req.params.id), (b) => basePolicy.follow(actor, b));
      return baseSupervision(ctx.db, actor, row, ctx.clock.now());
    },
  );
};

export default routes;
