import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../lib/errors.ts';
import { nowIso } from '../../lib/ids.ts';
import { requireActor } from '../../lib/policy.ts';

const Notification = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

/** The caller's own notifications; nobody else's exist for them. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  app.get(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: '我的通知',
        querystring: z.object({
          unread: z.enum(['true', 'false']).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: z.object({ items: z.array(Notification), total: z.number(), unread: z.number(), page: z.number(), pageSize: z.number() }) },
      },
    },
    async (req) => {
      const actor = requireActor(req.ctx);
      const { page, pageSize, unread } = req.query;
      let q = db.selectFrom('notifications').where('user_id', '=', actor.userId);
      if (unread === 'true') q = q.where('read_at', 'is', null);
      const [rows, total, unreadCount] = await Promise.all([
        q.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(pageSize).offset((page - 1) * pageSize).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        db.selectFrom('notifications').where('user_id', '=', actor.userId).where('read_at', 'is', null)
          .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link, createdAt: r.created_at, readAt: r.read_at })),
        total: Number(total.n),
        unread: Number(unreadCount.n),
        page,
        pageSize,
      };
    },
  );

  app.post(
    '/notifications/:id/read',
    { schema: { tags: ['notifications'], summary: '标为已读', params: z.object({ id: z.string() }), response: { 204: z.null() } } },
    async (req, reply) => {
      const actor = requireActor(req.ctx);
      const r = await db
        .updateTable('notifications')
        .set({ read_at: nowIso(app.clock.now()) })
        .where('id', '=', req.params.id)
        .where('user_id', '=', actor.userId)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw notFound();
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/notifications/read-all',
    { schema: { tags: ['notifications'], summary: '全部标为已读', response: { 204: z.null() } } },
    async (req, reply) => {
      const actor = requireActor(req.ctx);
      await db.updateTable('notifications').set({ read_at: nowIso(app.clock.now()) })
        .where('user_id', '=', actor.userId).where('read_at', 'is', null).execute();
      return reply.status(204).send(null);
    },
  );
};
export default routes;
