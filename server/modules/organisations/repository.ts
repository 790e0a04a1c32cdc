/** SQL of the organisation register: organisations and the people in them. */
import type { Selectable } from 'kysely';
import type { Executor } from '../../db/index.ts';
import type { OrganisationTable } from '../../db/schema.ts';
import { containsText, regionPrefix, toCount } from '../../lib/sql.ts';
import type { MemberListQuery, OrganisationListQuery } from '../../../common/contracts/organisations.ts';

export type OrganisationRow = Selectable<OrganisationTable>;

const SORT_COLUMNS = { name: 'name', createdAt: 'created_at', regionCode: 'region_code', uscc: 'uscc' } as const;
const MEMBER_SORT = { name: 'u.name', role: 'm.role', joinedAt: 'm.created_at' } as const;

export function getOrganisation(db: Executor, id: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One page of the register, filtered and sorted (ties broken by id), with the total. */
export async function listOrganisations(
  db: Executor,
  f: OrganisationListQuery,
): Promise<{ rows: OrganisationRow[]; total: number }> {
  let q = db.selectFrom('organisations');
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.region) {
    const prefix = regionPrefix(f.region) ?? f.region;
    q = q.where('region_code', 'like', `${prefix}%`);
  }
  if (f.industry) q = q.where('industry_code', 'like', `${f.industry}%`);
  if (f.size) q = q.where('size_class', '=', f.size);
  if (f.departmentCode) q = q.where('department_code', '=', f.departmentCode);
  if (f.usccStatus) q = q.where('uscc_status', '=', f.usccStatus);
  if (f.q) {
    const text = f.q;
    q = q.where((eb) => eb.or([containsText('name', text), eb('uscc', '=', text.toUpperCase())]));
  }
  const [rows, total] = await Promise.all([
    q
      .selectAll()
      .orderBy(SORT_COLUMNS[f.sort], f.order)
      .orderBy('id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { rows, total: toCount(total) };
}

/** The organisation that holds a (normalised) credit code, if any. */
export function findByUscc(db: Executor, uscc: string): Promise<{ id: string; name: string } | undefined> {
  return db.selectFrom('organisations').select(['id', 'name']).where('uscc', '=', uscc).executeTakeFirst();
}

export async function insertOrganisation(db: Executor, row: OrganisationRow): Promise<void> {
  await db.insertInto('organisations').values(row).execute();
}

export async function updateOrganisationRow(
  db: Executor,
  id: string,
  set: Partial<Omit<OrganisationRow, 'id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('organisations').set(set).where('id', '=', id).execute();
}

/** Marks a code awaiting manual verification as verified; false when it was not awaiting it (any more). */
export async function markUsccVerified(db: Executor, id: string, updatedAt: string): Promise<boolean> {
  const r = await db
    .updateTable('organisations')
    .set({ uscc_status: 'manually_verified', updated_at: updatedAt })
    .where('id', '=', id)
    .where('uscc_status', '=', 'needs_manual_verification')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** One page of an organisation's members (one row per role held there), with the total. */
export async function listMembers(db: Executor, organisationId: string, f: MemberListQuery) {
  let q = db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .where('m.organisation_id', '=', organisationId);
  if (f.role) q = q.where('m.role', '=', f.role);
  const [rows, total] = await Promise.all([
    q
      .select(['m.id', 'm.user_id', 'u.name', 'u.email', 'u.mobile', 'm.role', 'u.disabled', 'm.created_at'])
      .orderBy(MEMBER_SORT[f.sort], f.order)
      .orderBy('m.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { rows, total: toCount(total) };
}
export type MemberRow = Awaited<ReturnType<typeof listMembers>>['rows'][number];
