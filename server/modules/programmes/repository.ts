/** SQL for programmes. Takes the root handle or an open transaction. */
import { ProgrammeRules as RulesSchema, type ProgrammeRules } from '../../../common/programme-rules.ts';
import { forUpdate, json, type Dialect, type Executor } from '../../db/index.ts';
import type { ProgrammeTable } from '../../db/schema.ts';

export type ProgrammeStatus = 'draft' | 'open' | 'closed';

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
    status: row.status as ProgrammeStatus,
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
