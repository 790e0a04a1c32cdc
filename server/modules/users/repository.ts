/** SQL of user administration: accounts, their memberships, the reviewer directory. */
import type { Executor } from '../../db/index.ts';
import { containsText, toCount } from '../../lib/sql.ts';
import type { Role } from '../../../common/roles.ts';
import type { Selectable } from 'kysely';
import type { UserTable } from '../../db/schema.ts';
import type { UserListQuery } from '../../../common/contracts/users.ts';

export type UserRow = Selectable<UserTable>;

const SORT_COLUMNS = { name: 'u.name', createdAt: 'u.created_at', email: 'u.email' } as const;

export function getUser(db: Executor, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One page of accounts, filtered (text, organisation, role, disabled) and sorted, with the total. */
export async function listUsers(db: Executor, f: UserListQuery): Promise<{ rows: UserRow[]; total: number }> {
  let q = db.selectFrom('users as u');
  if (f.q) {
    const text = f.q;
    q = q.where((eb) =>
      eb.or([containsText('u.name', text), containsText('u.email', text), containsText('u.mobile', text)]),
    );
  }
  if (f.disabled) q = q.where('u.disabled', '=', f.disabled === 'true' ? 1 : 0);
  if (f.organisationId || f.role) {
    const { organisationId, role } = f;
    q = q.where((eb) => {
      let sub = eb.selectFrom('memberships as m').select('m.id').whereRef('m.user_id', '=', 'u.id');
      if (organisationId) sub = sub.where('m.organisation_id', '=', organisationId);
      if (role) sub = sub.where('m.role', '=', role);
      return eb.exists(sub);
    });
  }
  const [rows, total] = await Promise.all([
    q
      .selectAll('u')
      .orderBy(SORT_COLUMNS[f.sort], f.order)
      .orderBy('u.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { rows, total: toCount(total) };
}

/** Reviewer directory: one row per reviewer membership, enabled accounts only, no contact details. */
export async function listReviewers(db: Executor, f: UserListQuery) {
  let q = db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .where('m.role', '=', 'department_reviewer')
    .where('u.disabled', '=', 0);
  if (f.organisationId) q = q.where('m.organisation_id', '=', f.organisationId);
  if (f.q) q = q.where(containsText('u.name', f.q));
  const sort = f.sort === 'email' ? 'u.name' : SORT_COLUMNS[f.sort];
  const [rows, total] = await Promise.all([
    q
      .select(['u.id', 'u.name', 'm.organisation_id', 'o.name as organisation_name', 'o.department_code'])
      .orderBy(sort, f.order)
      .orderBy('m.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { rows, total: toCount(total) };
}
export type ReviewerRow = Awaited<ReturnType<typeof listReviewers>>['rows'][number];

const selectMemberships = (db: Executor, userIds: string[]) =>
  db
    .selectFrom('memberships as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select([
      'm.id',
      'm.user_id',
      'm.organisation_id',
      'o.name',
      'o.kind',
      'o.department_code',
      'm.role',
      'm.created_at',
    ])
    .where('m.user_id', 'in', userIds)
    .orderBy('m.created_at')
    .orderBy('m.id');
export type MembershipRow = Awaited<ReturnType<ReturnType<typeof selectMemberships>['execute']>>[number];

/** Memberships of users with the organisation's name, kind and 指导部门 code, oldest first, by user. */
export async function membershipsOf(db: Executor, userIds: string[]): Promise<Map<string, MembershipRow[]>> {
  const out = new Map<string, MembershipRow[]>();
  if (!userIds.length) return out;
  for (const r of await selectMemberships(db, userIds).execute()) {
    const list = out.get(r.user_id) ?? [];
    list.push(r);
    out.set(r.user_id, list);
  }
  return out;
}

/** Whether another user (not `selfId`) already signs in with this e-mail or mobile number. */
export async function identifierTaken(
  db: Executor,
  field: 'email' | 'mobile',
  value: string,
  selfId?: string,
): Promise<boolean> {
  let q = db.selectFrom('users').select('id').where(field, '=', value);
  if (selfId) q = q.where('id', '!=', selfId);
  return !!(await q.executeTakeFirst());
}

export async function insertUser(db: Executor, row: UserRow): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUserRow(
  db: Executor,
  id: string,
  set: Partial<
    Pick<
      UserRow,
      'name' | 'email' | 'mobile' | 'disabled' | 'password_hash' | 'failed_logins' | 'locked_until' | 'updated_at'
    >
  >,
): Promise<void> {
  await db.updateTable('users').set(set).where('id', '=', id).execute();
}

export async function insertMembership(
  db: Executor,
  m: { id: string; userId: string; organisationId: string; role: Role; createdAt: string },
): Promise<void> {
  await db
    .insertInto('memberships')
    .values({ id: m.id, user_id: m.userId, organisation_id: m.organisationId, role: m.role, created_at: m.createdAt })
    .execute();
}

/** A membership of this user (a membership id of someone else does not exist here). */
export function findMembership(db: Executor, userId: string, membershipId: string) {
  return db
    .selectFrom('memberships')
    .selectAll()
    .where('id', '=', membershipId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function deleteMembership(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('memberships').where('id', '=', id).execute();
}
