/** /api/notifications — the caller's own notifications; nobody else's exist for them. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../common/contracts/common.ts';
import { NotificationList, NotificationListQuery } from '../../../common/contracts/notifications.ts';
import { requireActor } from '../../lib/policy.ts';
import { presentNotification } from './presenter.ts';
import { listNotifications } from './repository.ts';
import { deliveriesOfNotifications } from './outbox.ts';
import { markAllNotificationsRead, markNotificationRead } from './service.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: '我的通知',
        querystring: NotificationListQuery,
        response: { 200: NotificationList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const f = req.query;
      const { rows, total, unread } = await listNotifications(ctx.db, actor.userId, f);
      const copies = await deliveriesOfNotifications(
        ctx.db,
        actor.userId,
        rows.map((r) => r.id),
      );
      const items = rows.map((r) => presentNotification(r, copies.get(r.id)));
      return { items, total, unread, page: f.page, pageSize: f.pageSize };
    },
  );

  app.post(
    '/notifications/:id/read',
    { schema: { tags: ['notifications'], summary: '标为已读', params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      const ctx = req.ctx;
      requireActor(ctx);
      await markNotificationRead(ctx, { id: req.params.id });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/notifications/read-all',
    { schema: { tags: ['notifications'], summary: '全部标为已读', response: { 204: z.null() } } },
    async (req, reply) => {
      const ctx = req.ctx;
      requireActor(ctx);
      await markAllNotificationsRead(ctx);
      return reply.status(204).send(null);
    },
  );
};
export default routes;
