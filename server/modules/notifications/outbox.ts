/** SQL of the e-mail/SMS outbox and the notification preferences (issue 12 §2). */
import { sql, type Insertable } from 'kysely';
import type { Dialect, Executor } from '../../db/index.ts';
import type { NotificationDeliveryTable } from '../../db/schema.ts';
import type { DeliveryChannel, NotificationCategory } from '../../../common/contracts/notification-preferences.ts';
import type { DeliveryAdminQuery, DeliveryStatusView } from '../../../common/contracts/notification-deliveries.ts';
import { toCount } from '../../lib/sql.ts';

/** Name, e-mail and mobile of users, with their stored choices for one category. */
export async function recipientsWithChoices(db: Executor, userIds: string[], category: NotificationCategory) {
  const [users, prefs] = await Promise.all([
    db
      .selectFrom('users')
      .select(['id', 'name', 'email', 'mobile'])
      .where('id', 'in', userIds)
      .where('disabled', '=', 0)
      .execute(),
    db
      .selectFrom('notification_preferences')
      .select(['user_id', 'channel', 'enabled'])
      .where('user_id', 'in', userIds)
      .where('category', '=', category)
      .execute(),
  ]);
  return { users, prefs };
}

export async function insertDeliveries(db: Executor, rows: Insertable<NotificationDeliveryTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('notification_deliveries').values(rows).execute();
}

/**
 * Claims up to `limit` due messages for this dispatcher: one conditional UPDATE sets a lease and counts the
 * attempt. The outer WHERE repeats the conditions, so when two servers race for a row, the second one
 * re-checks it after the first commits and skips it (PostgreSQL also skips rows locked by the other claim).
 */
export async function claimDue(db: Executor, dialect: Dialect, now: string, leaseUntil: string, limit: number) {
  let due = db
    .selectFrom('notification_deliveries')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .orderBy('next_attempt_at')
    .limit(limit);
  if (dialect === 'postgres') due = due.forUpdate().skipLocked();
  return db
    .updateTable('notification_deliveries')
    .set({ lease_until: leaseUntil, attempts: sql<number>`attempts + 1` })
    .where('id', 'in', due)
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .returningAll()
    .execute();
}
export type ClaimedDelivery = Awaited<ReturnType<typeof claimDue>>[number];

/** Settles a claimed message; only while this dispatcher's lease is on it. */
export async function settleDelivery(
  db: Executor,
  id: string,
  lease: string,
  patch: {
    status: 'pending' | 'sent' | 'failed';
    next_attempt_at?: string;
    last_error?: string | null;
    provider_id?: string | null;
    sent_at?: string | null;
  },
): Promise<void> {
  await db
    .updateTable('notification_deliveries')
    .set({ ...patch, lease_until: null })
    .where('id', '=', id)
    .where('lease_until', '=', lease)
    .execute();
}

export async function preferencesOf(db: Executor, userId: string) {
  return db
    .selectFrom('notification_preferences')
    .select(['category', 'channel', 'enabled'])
    .where('user_id', '=', userId)
    .execute();
}

export async function upsertPreference(
  db: Executor,
  row: {
    user_id: string;
    category: NotificationCategory;
    channel: DeliveryChannel;
    enabled: number;
    updated_at: string;
  },
): Promise<void> {
  await db
    .insertInto('notification_preferences')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['user_id', 'category', 'channel']).doUpdateSet({ enabled: row.enabled, updated_at: row.updated_at }),
    )
    .execute();
}

export async function contactOf(db: Executor, userId: string) {
  return db.selectFrom('users').select(['email', 'mobile']).where('id', '=', userId).executeTakeFirst();
}

/** The e-mail/SMS copies of the user's notifications, by notification. */
export async function deliveriesOfNotifications(
  db: Executor,
  userId: string,
  notificationIds: string[],
): Promise<Map<string, DeliveryStatusView[]>> {
  const out = new Map<string, DeliveryStatusView[]>();
  if (!notificationIds.length) return out;
  const rows = await db
    .selectFrom('notification_deliveries')
    .select(['notification_id', 'channel', 'status', 'sent_at'])
    .where('user_id', '=', userId)
    .where('notification_id', 'in', notificationIds)
    .orderBy('channel')
    .execute();
  for (const r of rows) {
    if (!r.notification_id) continue;
    const list = out.get(r.notification_id) ?? [];
    list.push({ channel: r.channel, status: r.status, sentAt: r.sent_at });
    out.set(r.notification_id, list);
  }
  return out;
}

/** One page of the outbox for the administrator, newest first, with the recipient's name. */
export async function listDeliveries(db: Executor, f: DeliveryAdminQuery) {
  let q = db.selectFrom('notification_deliveries as d').innerJoin('users as u', 'u.id', 'd.user_id');
  if (f.status) q = q.where('d.status', '=', f.status);
  if (f.channel) q = q.where('d.channel', '=', f.channel);
  const [rows, total] = await Promise.all([
    q
      .select([
        'd.id',
        'd.created_at',
        'd.channel',
        'd.recipient',
        'd.user_id',
        'u.name as user_name',
        'd.kind',
        'd.payload',
        'd.status',
        'd.attempts',
        'd.last_error',
        'd.next_attempt_at',
        'd.sent_at',
      ])
      .orderBy('d.created_at', 'desc')
      .orderBy('d.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: toCount(total) };
}
export type DeliveryAdminRow = Awaited<ReturnType<typeof listDeliveries>>['rows'][number];

export async function deliveryById(db: Executor, id: string) {
  return db
    .selectFrom('notification_deliveries')
    .select(['id', 'status', 'attempts', 'last_error', 'channel'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Puts a failed message back in the queue, due now, with a fresh count of attempts; false if it is not failed. */
export async function requeueFailed(db: Executor, id: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('notification_deliveries')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now, lease_until: null })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
