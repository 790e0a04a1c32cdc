/**
 * /api/bases — the directory of national 双创示范基地. Reading is public (portal, partner pickers);
 * writing is for the register keepers, and for a base's own administrator as far as its description.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authorize, ensureVisible, requireActor } from '../../lib/policy.ts';
import { IdParams } from '../../../common/contracts/organisations.ts';
import { basePolicy } from './policy.ts';
import { Base, BaseCreate, BaseList, BaseListQuery, BasePatch } from '../../../common/contracts/bases.ts';
import { createBase, presentBase, selectBases, updateBase } from './service.ts';
import { containsText, regionPrefix, toCount } from '../../lib/sql.ts';

const SORT_COLUMNS = { name: 'b.name', shortName: 'b.short_name', batch: 'b.batch', regionCode: 'b.region_code', createdAt: 'b.created_at' } as const;

const routes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  const load = (id: string) => selectBases(db).where('b.id', '=', id).executeTakeFirst();

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
      const actor = req.actor;
      const f = req.query;
      let q = db.selectFrom('bases as b').leftJoin('organisations as o', 'o.id', 'b.organisation_id');
      if (f.kind) q = q.where('b.kind', '=', f.kind);
      if (f.batch) q = q.where('b.batch', '=', f.batch);
      if (f.region) q = q.where('b.region_code', 'like', `${regionPrefix(f.region) ?? f.region}%`);
      if (f.supervisingDepartment) q = q.where('b.supervising_department', '=', f.supervisingDepartment);
      if (f.organisationId) q = q.where('b.organisation_id', '=', f.organisationId);
      if (f.q) {
        const text = f.q;
        q = q.where((eb) => eb.or([containsText('b.name', text), containsText('b.short_name', text)]));
      }
      const [rows, total] = await Promise.all([
        q.selectAll('b').select('o.name as organisation_name')
          .orderBy(SORT_COLUMNS[f.sort], f.order).orderBy('b.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
      ]);
      return { items: rows.map((r) => presentBase(actor, r)), total: toCount(total), page: f.page, pageSize: f.pageSize };
    },
  );

  app.post(
    '/bases',
    { schema: { tags: ['bases'], summary: '登记示范基地', body: BaseCreate, response: { 201: Base } } },
    async (req, reply) => {
      const actor = requireActor(req.ctx);
      authorize(basePolicy.create(actor));
      const row = await createBase(db, req, req.body, app.clock.now());
      const full = ensureVisible(await load(row.id), () => true);
      return reply.status(201).send(presentBase(actor, full));
    },
  );

  app.get(
    '/bases/:id',
    { schema: { tags: ['bases'], summary: '示范基地详情（公开）', params: IdParams, response: { 200: Base } } },
    async (req) => {
      const row = ensureVisible(await load(req.params.id), () => basePolicy.view(req.actor));
      return presentBase(req.actor, row);
    },
  );

  app.patch(
    '/bases/:id',
    { schema: { tags: ['bases'], summary: '修改示范基地信息', params: IdParams, body: BasePatch, response: { 200: Base } } },
    async (req) => {
      const actor = requireActor(req.ctx);
      const row = ensureVisible(await load(req.params.id), () => basePolicy.view(actor));
      authorize(basePolicy.editDescription(actor, row), '只能修改本基地的信息');
      const { organisation_name: _ignored, ...current } = row;
      await updateBase(db, req, actor, current, req.body, app.clock.now());
      return presentBase(actor, ensureVisible(await load(row.id), () => true));
    },
  );
};

export default routes;
