import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasRole } from '../../lib/context.ts';
import { authorize, requireActor } from '../../lib/policy.ts';

const Event = z.object({
  id: z.string(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  organisationId: z.string().nullable(),
  organisationName: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

/** The audit log, for programme owners and system administrators only. Read-only by design. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  app.get(
    '/audit-events',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志',
        querystring: z.object({
          entityType: z.string().max(50).optional(),
          entityId: z.string().max(100).optional(),
          action: z.string().max(50).optional(),
          actorUserId: z.string().max(100).optional(),
          from: z.string().datetime().optional(),
          to: z.string().datetime().optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(Event), total: z.number(), page: z.number(), pageSize: z.number() }) },
      },
    },
    async (req) => {
      const actor = requireActor(req.ctx);
      authorize(hasRole(actor, 'programme_owner', 'system_admin'));
      const f = req.query;
      let q = db
        .selectFrom('audit_events as a')
        .leftJoin('users as u', 'u.id', 'a.actor_user_id')
        .leftJoin('organisations as o', 'o.id', 'a.organisation_id');
      if (f.entityType) q = q.where('a.entity_type', '=', f.entityType);
      if (f.entityId) q = q.where('a.entity_id', '=', f.entityId);
      if (f.action) q = q.where('a.action', '=', f.action);
      if (f.actorUserId) q = q.where('a.actor_user_id', '=', f.actorUserId);
      if (f.from) q = q.where('a.at', '>=', new Date(f.from).toISOString());
      if (f.to) q = q.where('a.at', '<=', new Date(f.to).toISOString());
      const [rows, total] = await Promise.all([
        q.select(['a.id', 'a.at', 'a.actor_user_id', 'u.name as actor_name', 'a.organisation_id', 'o.name as org_name', 'a.ip', 'a.request_id', 'a.entity_type', 'a.entity_id', 'a.action', 'a.before', 'a.after'])
          .orderBy('a.at', 'desc').orderBy('a.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      const parse = (s: string | null) => (s == null ? null : (JSON.parse(s) as unknown));
      return {
        items: rows.map((r) => ({
          id: r.id, at: r.at, actorUserId: r.actor_user_id, actorName: r.actor_name ?? null,
          organisationId: r.organisation_id, organisationName: r.org_name ?? null, ip: r.ip, requestId: r.request_id,
          entityType: r.entity_type, entityId: r.entity_id, action: r.action, before: parse(r.before), after: parse(r.after),
        })),
        total: Number(total.n),
        page: f.page,
        pageSize: f.pageSize,
      };
    },
  );
};
export default routes;
