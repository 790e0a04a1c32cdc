/** SQL of the base directory. */
import type { Selectable } from 'kysely';
import type { Executor } from '../../db/index.ts';
import type { BaseTable } from '../../db/schema.ts';
import { containsText, regionPrefix, toCount } from '../../lib/sql.ts';
import type { BaseListQuery } from '../../../common/contracts/bases.ts';

export type BaseRow = Selectable<BaseTable>;
export type BaseRowWithOrg = BaseRow & {
  organisation_name: string | null;
  supervisor_organisation_name: string | null;
};

const SORT_COLUMNS = {
  name: 'b.name',
  shortName: 'b.short_name',
  batch: 'b.batch',
  regionCode: 'b.region_code',
  createdAt: 'b.created_at',
} as const;

/** Loads a base with the name of the organisation behind it. */
export function selectBases(db: Executor) {
  return db
    .selectFrom('bases as b')
    .leftJoin('organisations as o', 'o.id', 'b.organisation_id')
    .leftJoin('organisations as so', 'so.id', 'b.supervisor_organisation_id')
    .selectAll('b')
    .select(['o.name as organisation_name', 'so.name as supervisor_organisation_name']);
}

export function getBase(db: Executor, id: string): Promise<BaseRowWithOrg | undefined> {
  return selectBases(db).where('b.id', '=', id).executeTakeFirst();
}

/** One page of the directory, filtered and sorted (ties broken by id), with the total. */
export async function listBases(db: Executor, f: BaseListQuery): Promise<{ rows: BaseRowWithOrg[]; total: number }> {
  let q = db
    .selectFrom('bases as b')
    .leftJoin('organisations as o', 'o.id', 'b.organisation_id')
    .leftJoin('organisations as so', 'so.id', 'b.supervisor_organisation_id');
  if (f.kind) q = q.where('b.kind', '=', f.kind);
  if (f.batch) q = q.where('b.batch', '=', f.batch);
  if (f.region) q = q.where('b.region_code', 'like', `${regionPrefix(f.region) ?? f.region}%`);
  if (f.supervisingDepartment) q = q.where('b.supervising_department', '=', f.supervisingDepartment);
  if (f.organisationId) q = q.where('b.organisation_id', '=', f.organisationId);
  if (f.supervisorOrganisationId) q = q.where('b.supervisor_organisation_id', '=', f.supervisorOrganisationId);
  if (f.q) {
    const text = f.q;
    q = q.where((eb) => eb.or([containsText('b.name', text), containsText('b.short_name', text)]));
  }
  const [rows, total] = await Promise.all([
    q
      .selectAll('b')
      .select(['o.name as organisation_name', 'so.name as supervisor_organisation_name'])
      .orderBy(SORT_COLUMNS[f.sort], f.order)
      .orderBy('b.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { rows, total: toCount(total) };
}

export async function organisationExists(db: Executor, id: string): Promise<boolean> {
  return !!(await db.selectFrom('organisations').select('id').where('id', '=', id).executeTakeFirst());
}

/** Whether another base (not `selfId`) already has this name or short name. */
export async function baseFieldTaken(
  db: Executor,
  col: 'name' | 'short_name',
  value: string,
  selfId?: string,
): Promise<boolean> {
  let q = db.selectFrom('bases').select('id').where(col, '=', value);
  if (selfId) q = q.where('id', '!=', selfId);
  return !!(await q.executeTakeFirst());
}

export async function insertBase(db: Executor, row: BaseRow): Promise<void> {
  await db.insertInto('bases').values(row).execute();
}

export async function updateBaseRow(
  db: Executor,
  id: string,
  set: Partial<Omit<BaseRow, 'id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('bases').set(set).where('id', '=', id).execute();
}
