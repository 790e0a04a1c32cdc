/** In-app notifications. Written in the caller's transaction so a rolled-back change notifies no one. */
import type { Executor } from '../../db/index.ts';
import { newId, nowIso } from '../../lib/ids.ts';

export interface NotificationInput {
  kind: string;
  title: string;
  body?: string;
  link?: string;
}

export async function notifyUsers(db: Executor, userIds: Iterable<string>, n: NotificationInput, now: Date): Promise<void> {
  const ids = [...new Set(userIds)];
  if (!ids.length) return;
  await db
    .insertInto('notifications')
    .values(ids.map((userId) => ({
      id: newId(),
      user_id: userId,
      kind: n.kind,
      title: n.title,
      body: n.body ?? null,
      link: n.link ?? null,
      created_at: nowIso(now),
      read_at: null,
    })))
    .execute();
}

/** Users holding `role` in any of the organisations. */
export async function usersWithRole(db: Executor, organisationIds: string[], roles: string[]): Promise<string[]> {
  if (!organisationIds.length) return [];
  const rows = await db
    .selectFrom('memberships')
    .select('user_id')
    .distinct()
    .where('organisation_id', 'in', organisationIds)
    .where('role', 'in', roles)
    .execute();
  return rows.map((r) => r.user_id);
}

/** Users holding `role` anywhere (e.g. every programme owner). */
export async function usersWithRoleAnywhere(db: Executor, roles: string[]): Promise<string[]> {
  const rows = await db.selectFrom('memberships').select('user_id').distinct().where('role', 'in', roles).execute();
  return rows.map((r) => r.user_id);
}
