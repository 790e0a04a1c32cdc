/** SQL for programmes. Takes the root handle or an open transaction. */
import { ProgrammeRules as RulesSchema, type ProgrammeRules } from '../../../common/programme-rules.ts';
import type { ListProgrammesQuery, ProgrammeStatus } from '../../../common/contracts/programmes.ts';
import type { BaseKind } from '../../../common/roles.ts';
import { forUpdate, json, type Dialect, type Executor } from '../../db/index.ts';
import type { ProgrammeTable } from '../../db/schema.ts';
import { toCount } from '../../lib/sql.ts';

/** A programme row with its rules parsed. */
export interface ProgrammeRecord {
  id: string;
  year: number;
  name: string;
  status: ProgrammeStatus;
  rules: ProgrammeRules;
  openedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Rules were validated when written; parse again so a hand-edited row fails loudly, not subtly. */
export function toProgrammeRecord(row: ProgrammeTable): ProgrammeRecord {
  return {
    id: row.id,
    year: Number(row.year),
    name: row.name,
    status: row.status,
    rules: RulesSchema.parse(json.parse<unknown>(row.rules, {})),
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Loads one programme; `lock` takes a row lock on PostgreSQL (inside a transaction). */
export async function findProgramme(
  db: Executor,
  id: string,
  lock?: { dialect: Dialect },
): Promise<ProgrammeRecord | undefined> {
  let q = db.selectFrom('programmes').selectAll().where('id', '=', id);
  if (lock) q = forUpdate(q, lock.dialect);
  const row = await q.executeTakeFirst();
  return row ? toProgrammeRecord(row) : undefined;
}

/** A page of programmes; drafts only when `includeDrafts` (the owner). */
export async function listProgrammes(
  db: Executor,
  f: ListProgrammesQuery & { includeDrafts: boolean },
): Promise<{ items: ProgrammeRecord[]; total: number }> {
  let q = db.selectFrom('programmes');
  if (!f.includeDrafts) q = q.where('status', '!=', 'draft');
  if (f.status) q = q.where('status', '=', f.status);
  if (f.year !== undefined) q = q.where('year', '=', f.year);
  const col = f.sort === 'createdAt' ? 'created_at' : 'year';
  const [rows, total] = await Promise.all([
    q
      .selectAll()
      .orderBy(col, f.order)
      .orderBy('id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toProgrammeRecord), total: toCount(total) };
}

/** The bases the actor administers: those run by the active organisation, when the actor is its base_admin. */
export async function adminBasesOf(
  db: Executor,
  actor: { organisationId: string | null; roles: readonly string[] },
): Promise<{ id: string; name: string; short_name: string; kind: string; organisation_id: string | null }[]> {
  if (!actor.organisationId || !actor.roles.includes('base_admin')) return [];
  return db
    .selectFrom('bases')
    .select(['id', 'name', 'short_name', 'kind', 'organisation_id'])
    .where('organisation_id', '=', actor.organisationId)
    .orderBy('name')
    .execute();
}

/** Kinds of the actor's bases that have no plan yet in the programme: only those may start one. */
export async function baseKindsWithoutPlan(
  db: Executor,
  actor: { organisationId: string | null; roles: readonly string[] } | null,
  programmeId: string,
): Promise<string[]> {
  const bases = actor ? await adminBasesOf(db, actor) : [];
  if (!bases.length) return [];
  const taken = await db
    .selectFrom('preliminary_plans')
    .select('base_id')
    .where('programme_id', '=', programmeId)
    .where(
      'base_id',
      'in',
      bases.map((b) => b.id),
    )
    .execute();
  const has = new Set(taken.map((t) => t.base_id));
  return bases.filter((b) => !has.has(b.id)).map((b) => b.kind);
}

/** Organisations running a base of one of `kinds` (whose administrators hear that a call opened). */
export async function organisationsRunningBasesOf(db: Executor, kinds: readonly BaseKind[]): Promise<string[]> {
  if (!kinds.length) return [];
  const rows = await db
    .selectFrom('bases')
    .select('organisation_id')
    .distinct()
    .where('kind', 'in', [...kinds])
    .where('organisation_id', 'is not', null)
    .execute();
  return rows.flatMap((r) => (r.organisation_id ? [r.organisation_id] : []));
}

/** Organisations running a base that has a plan in the programme. */
export async function organisationsWithPlansIn(db: Executor, programmeId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('preliminary_plans as pp')
    .innerJoin('bases as b', 'b.id', 'pp.base_id')
    .select('b.organisation_id')
    .distinct()
    .where('pp.programme_id', '=', programmeId)
    .where('b.organisation_id', 'is not', null)
    .execute();
  return rows.flatMap((r) => (r.organisation_id ? [r.organisation_id] : []));
}
