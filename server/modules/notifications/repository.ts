/** SQL of in-app notifications. */
import type { Insertable } from 'kysely';
import type { Executor } from '../../db/index.ts';
import type { NotificationTable } from '../../db/schema.ts';
import { toCount } from '../../lib/sql.ts';
import type { Role } from '../../../common/roles.ts';
import type { NotificationListQuery } from '../../../common/contracts/notifications.ts';

/** One page of a user's notifications, newest first, with the total and the unread count. */
export async function listNotifications(db: Executor, userId: string, f: NotificationListQuery) {
  let q = db.selectFrom('notifications').where('user_id', '=', userId);
  if (f.unread === 'true') q = q.where('read_at', 'is', null);
  const [rows, total, unread] = await Promise.all([
    q
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db
      .selectFrom('notifications')
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: toCount(total), unread: toCount(unread) };
}
export type NotificationRow = Awaited<ReturnType<typeof listNotifications>>['rows'][number];

/** Marks one of the user's notifications read; false when the user has no such notification. */
export async function markRead(db: Executor, userId: string, id: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function markAllRead(db: Executor, userId: string, at: string): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .execute();
}

export async function insertNotifications(db: Executor, rows: Insertable<NotificationTable>[]): Promise<void> {
  await db.insertInto('notifications').values(rows).execute();
}

/** Users holding one of `roles` in any of the organisations. */
export async function usersWithRoleIn(
  db: Executor,
  organisationIds: string[],
  roles: readonly Role[],
): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('user_id')
    .distinct()
    .where('organisation_id', 'in', organisationIds)
    .where('role', 'in', roles)
    .execute();
  return rows.map((r) => r.user_id);
}

/** Users holding one of `roles` anywhere. */
export async function usersWithAnyRole(db: Executor, roles: readonly Role[]): Promise<string[]> {
  const rows = await db.selectFrom('memberships').select('user_id').distinct().where('role', 'in', roles).execute();
  return rows.map((r) => r.user_id);
}
