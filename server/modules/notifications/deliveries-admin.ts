/**
 * /api/admin/notification-deliveries — 消息发送记录 for the system administrator: every e-mail/SMS message with
 * its status, attempts and last error, filtered by status and channel; a failed one can be queued again
 * (audited). Anyone else gets 403; retrying a message that does not exist is 404, one not failed 409.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../common/contracts/common.ts';
import {
  DeliveryAdminList,
  DeliveryAdminQuery,
  type DeliveryAdminItem,
} from '../../../common/contracts/notification-deliveries.ts';
import { json } from '../../db/index.ts';
import { audit } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { nowIso } from '../../lib/ids.ts';
import { authorize, hasRole, requireActor } from '../../lib/policy.ts';
import { deliveryById, listDeliveries, requeueFailed, type DeliveryAdminRow } from './outbox.ts';

/** 138****5678 and zh***@example.com: enough to tell messages apart, not a list of contacts. */
export function maskAddress(channel: 'email' | 'sms', a: string): string {
  if (channel === 'sms') return a.length >= 7 ? `${a.slice(0, 3)}****${a.slice(-4)}` : '****';
  const at = a.indexOf('@');
  if (at < 1) return '***';
  return `${a.slice(0, Math.min(2, at))}***${a.slice(at)}`;
}

function present(r: DeliveryAdminRow): DeliveryAdminItem {
  const p = json.parse<{ title?: string }>(r.payload, {});
  return {
    id: r.id,
    createdAt: r.created_at,
    channel: r.channel,
    recipient: maskAddress(r.channel, r.recipient),
    userId: r.user_id,
    userName: r.user_name,
    kind: r.kind,
    title: p.title ?? '',
    status: r.status,
    attempts: Number(r.attempts),
    lastError: r.last_error,
    nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
    sentAt: r.sent_at,
  };
}

const requireAdmin = (ctx: Ctx) =>
  authorize(hasRole(requireActor(ctx), 'system_admin'), '仅系统管理员可查看消息发送记录');

export async function retryDelivery(ctx: Ctx, id: string): Promise<void> {
  requireAdmin(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await deliveryById(trx, id);
    if (!before) throw notFound();
    if (!(await requeueFailed(trx, id, nowIso(ctx.clock.now()))))
      throw new AppError(409, 'delivery_not_failed', '只有发送失败的消息可以重新发送');
    await audit(trx, ctx, {
      entityType: 'notification_delivery',
      entityId: id,
      action: 'retry',
      before: { status: before.status, attempts: Number(before.attempts), lastError: before.last_error },
      after: { status: 'pending', attempts: 0 },
    });
  });
}

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/admin/notification-deliveries',
    {
      schema: {
        tags: ['notifications'],
        summary: '消息发送记录（系统管理员）',
        querystring: DeliveryAdminQuery,
        response: { 200: DeliveryAdminList },
      },
    },
    async (req) => {
      requireAdmin(req.ctx);
      const f = req.query;
      const { rows, total } = await listDeliveries(req.ctx.db, f);
      return { items: rows.map(present), total, page: f.page, pageSize: f.pageSize };
    },
  );

  app.post(
    '/admin/notification-deliveries/:id/retry',
    {
      schema: {
        tags: ['notifications'],
        summary: '重新发送失败的消息（系统管理员）',
        params: IdParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await retryDelivery(req.ctx, req.params.id);
      return reply.status(204).send(null);
    },
  );
};
export default routes;
