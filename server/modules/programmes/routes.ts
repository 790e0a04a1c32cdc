/**
 * /api/programmes — the year's programme (年度方案) and its rules as data: the owner creates it, edits
 * it while a draft, opens and closes the call. Everybody signed in reads open and closed programmes.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { planDeadlineInstant } from '../../../common/programme-rules.ts';
import type { Actor } from '../../lib/context.ts';
import { authorize, ensureVisible, requireActor } from '../../lib/policy.ts';
import { adminBasesOf, findProgramme, toProgrammeRecord, type ProgrammeRecord } from './repository.ts';
import { canSeeProgramme, isOwner, programmeAbilities } from './policy.ts';
import {
  CreateProgrammeBody,
  ListProgrammesQuery,
  Programme,
  UpdateProgrammeBody,
  type ProgrammeDto,
} from '../../../common/contracts/programmes.ts';
import { closeProgramme, createProgramme, openProgramme, updateProgramme } from './service.ts';
import { IdParams, listOf } from '../../../common/contracts/common.ts';

/** Explicit fields plus the caller's abilities. */
export function presentProgramme(a: Actor, p: ProgrammeRecord, now: Date, adminBaseKinds: string[]): ProgrammeDto {
  return {
    id: p.id,
    year: p.year,
    name: p.name,
    status: p.status,
    rules: p.rules,
    planDeadlineAt: planDeadlineInstant(p.rules).toISOString(),
    openedAt: p.openedAt,
    closedAt: p.closedAt,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    abilities: programmeAbilities(a, p, now, adminBaseKinds),
  };
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  const tags = ['programmes'];
  /** Kinds of the caller's bases that have no plan yet in the programme: only those may start one. */
  const kindsOf = async (a: Actor, programmeId: string) => {
    const bases = await adminBasesOf(db, a);
    if (!bases.length) return [];
    const taken = await db
      .selectFrom('preliminary_plans')
      .select('base_id')
      .where('programme_id', '=', programmeId)
      .where('base_id', 'in', bases.map((b) => b.id))
      .execute();
    const has = new Set(taken.map((t) => t.base_id));
    return bases.filter((b) => !has.has(b.id)).map((b) => b.kind);
  };

  app.get(
    '/programmes',
    {
      schema: { tags, summary: '年度方案列表（草稿仅方案管理者可见）', querystring: ListProgrammesQuery, response: { 200: listOf(Programme) } },
    },
    async (req) => {
      const actor = requireActor(req.ctx);
      const { page, pageSize, sort, order, status, year } = req.query;
      let q = db.selectFrom('programmes');
      if (!isOwner(actor)) q = q.where('status', '!=', 'draft');
      if (status) q = q.where('status', '=', status);
      if (year !== undefined) q = q.where('year', '=', year);
      const col = sort === 'createdAt' ? 'created_at' : 'year';
      const [rows, total] = await Promise.all([
        q.selectAll().orderBy(col, order).orderBy('id').limit(pageSize).offset((page - 1) * pageSize).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      const now = app.clock.now();
      const items = await Promise.all(rows.map(async (r) => presentProgramme(actor, toProgrammeRecord(r), now, await kindsOf(actor, r.id))));
      return {
        items,
        total: Number(total.n),
        page,
        pageSize,
      };
    },
  );

  app.get(
    '/programmes/:id',
    { schema: { tags, summary: '年度方案详情（含规则与可执行操作）', params: IdParams, response: { 200: Programme } } },
    async (req) => {
      const actor = requireActor(req.ctx);
      const p = ensureVisible(await findProgramme(db, req.params.id), (x) => canSeeProgramme(actor, x));
      return presentProgramme(actor, p, app.clock.now(), await kindsOf(actor, p.id));
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
      const actor = requireActor(req.ctx);
      authorize(isOwner(actor), '仅国家发展改革委方案管理者可创建年度方案');
      const now = app.clock.now();
      const p = await createProgramme(db, req, { ...req.body, now });
      return reply.status(201).send(presentProgramme(actor, p, now, []));
    },
  );

  app.patch(
    '/programmes/:id',
    { schema: { tags, summary: '修改年度方案（仅草稿）', params: IdParams, body: UpdateProgrammeBody, response: { 200: Programme } } },
    async (req) => {
      const actor = requireActor(req.ctx);
      ensureVisible(await findProgramme(db, req.params.id), (x) => canSeeProgramme(actor, x));
      authorize(isOwner(actor));
      const now = app.clock.now();
      const p = await updateProgramme(db, req, { id: req.params.id, ...req.body, now });
      return presentProgramme(actor, p, now, []);
    },
  );

  for (const [action, command, summary] of [
    ['open', openProgramme, '开放申报'],
    ['close', closeProgramme, '关闭申报'],
  ] as const) {
    app.post(
      `/programmes/:id/${action}`,
      { schema: { tags, summary, params: IdParams, response: { 200: Programme } } },
      async (req) => {
        const actor = requireActor(req.ctx);
        ensureVisible(await findProgramme(db, req.params.id), (x) => canSeeProgramme(actor, x));
        authorize(isOwner(actor));
        const now = app.clock.now();
        const p = await command(db, req, { id: req.params.id, now });
        return presentProgramme(actor, p, now, await kindsOf(actor, p.id));
      },
    );
  }
};
export default routes;
