/**
 * In-app notifications. Other modules notify inside their own transaction (`notifyUsers(trx, …)`), so a
 * rolled-back change notifies no one; the caller reads and marks their own notifications. E-mail and SMS copies
 * are queued in that transaction too and sent after commit (delivery.ts).
 */
import { ROLES } from '../../../common/roles.ts';
import type { Executor } from '../../db/index.ts';
import type { Ctx } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { requireActor } from '../../lib/policy.ts';
import { enqueueDeliveries } from './delivery.ts';
import { insertNotifications, markAllRead, markRead, usersWithAnyRole, usersWithRoleIn } from './repository.ts';

export interface NotificationInput {
  kind: string;
  title: string;
  body?: string;
  link?: string;
}

/** Notifies each user once, with the executor (transaction) of the change it is about. */
export async function notifyUsers(
  db: Executor,
  userIds: Iterable<string>,
  n: NotificationInput,
  now: Date,
): Promise<void> {
  const ids = [...new Set(userIds)];
  if (!ids.length) return;
  const sent = ids.map((userId) => ({ notificationId: newId(), userId }));
  await insertNotifications(
    db,
    sent.map(({ notificationId, userId }) => ({
      id: notificationId,
      user_id: userId,
      kind: n.kind,
      title: n.title,
      body: n.body ?? null,
      link: n.link ?? null,
      created_at: nowIso(now),
      read_at: null,
    })),
  );
  // E-mail/SMS copies go to the outbox in the same transaction; they are sent after commit (delivery.ts).
  await enqueueDeliveries(db, sent, n, now);
}

/** The known roles among `roles` (callers pass role names; a name that is no role matches nobody). */
const knownRoles = (roles: readonly string[]) => ROLES.filter((r) => roles.includes(r));

/** Users holding `role` in any of the organisations. */
export async function usersWithRole(
  db: Executor,
  organisationIds: string[],
  roles: readonly string[],
): Promise<string[]> {
  const wanted = knownRoles(roles);
  if (!organisationIds.length || !wanted.length) return [];
  return usersWithRoleIn(db, organisationIds, wanted);
}

/** Users holding `role` anywhere (e.g. every programme owner). */
export async function usersWithRoleAnywhere(db: Executor, roles: readonly string[]): Promise<string[]> {
  const wanted = knownRoles(roles);
  if (!wanted.length) return [];
  return usersWithAnyRole(db, wanted);
}

/** Marks one of the caller's notifications read; another person's does not exist for them (404). */
export async function markNotificationRead(ctx: Ctx, props: { id: string }): Promise<void> {
  const actor = requireActor(ctx);
  const found = await ctx.db
    .transaction()
    .execute((trx) => markRead(trx, actor.userId, props.id, nowIso(ctx.clock.now())));
  if (!found) throw notFound();
}

/** Marks every unread notification of the caller read. */
export async function markAllNotificationsRead(ctx: Ctx): Promise<void> {
  const actor = requireActor(ctx);
  await ctx.db.transaction().execute((trx) => markAllRead(trx, actor.userId, nowIso(ctx.clock.now())));
}
