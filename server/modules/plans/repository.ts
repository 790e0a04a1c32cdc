/** SQL for preliminary plans. Every function takes the root handle or an open transaction. */
import { forUpdate, json, type Dialect, type Executor } from '../../db/index.ts';
import type { PlanStatus } from '../../../common/contracts/plans.ts';

export interface PlanBase {
  id: string;
  name: string;
  shortName: string;
  kind: string;
  regionCode: string;
  organisationId: string | null;
}

/** A plan with its JSON columns parsed and its base joined. */
export interface PlanRecord {
  id: string;
  programmeId: string;
  baseId: string;
  base: PlanBase;
  status: PlanStatus;
  theme: string | null;
  title: string | null;
  body: string | null;
  partnerBaseIds: string[];
  areas: { key: string; description: string }[];
  plannedMonths: number[];
  epidemicMeasures: string | null;
  version: number;
  submittedAt: string | null;
  returnReason: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

const planColumns = [
  'pp.id', 'pp.programme_id', 'pp.base_id', 'pp.status', 'pp.theme', 'pp.title', 'pp.body', 'pp.partner_base_ids',
  'pp.areas', 'pp.planned_months', 'pp.epidemic_measures', 'pp.version', 'pp.submitted_at', 'pp.return_reason',
  'pp.created_by', 'pp.created_at', 'pp.updated_at',
  'b.name as base_name', 'b.short_name as base_short_name', 'b.kind as base_kind', 'b.region_code as base_region_code',
  'b.organisation_id as base_organisation_id',
] as const;

/** The base query of plans joined to their base; lists add their own filters. */
export const plansQuery = (db: Executor) =>
  db.selectFrom('preliminary_plans as pp').innerJoin('bases as b', 'b.id', 'pp.base_id');

export function toPlanRecord(r: Record<string, unknown>): PlanRecord {
  const row = r as unknown as {
    id: string; programme_id: string; base_id: string; status: string; theme: string | null; title: string | null;
    body: string | null; partner_base_ids: string; areas: string; planned_months: string; epidemic_measures: string | null;
    version: number; submitted_at: string | null; return_reason: string | null; created_by: string; created_at: string;
    updated_at: string; base_name: string; base_short_name: string; base_kind: string; base_region_code: string;
    base_organisation_id: string | null;
  };
  return {
    id: row.id,
    programmeId: row.programme_id,
    baseId: row.base_id,
    base: {
      id: row.base_id,
      name: row.base_name,
      shortName: row.base_short_name,
      kind: row.base_kind,
      regionCode: row.base_region_code,
      organisationId: row.base_organisation_id,
    },
    status: row.status as PlanStatus,
    theme: row.theme,
    title: row.title,
    body: row.body,
    partnerBaseIds: json.parse<string[]>(row.partner_base_ids, []),
    areas: json.parse<{ key: string; description: string }[]>(row.areas, []),
    plannedMonths: json.parse<number[]>(row.planned_months, []),
    epidemicMeasures: row.epidemic_measures,
    version: Number(row.version),
    submittedAt: row.submitted_at,
    returnReason: row.return_reason,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Selects the plan columns on a plans query. */
export const selectPlan = <Q extends ReturnType<typeof plansQuery>>(q: Q) => q.select([...planColumns]);

/**
 * Loads one plan. With `lock`, first takes a row lock on the plan (PostgreSQL) so that a command's
 * status check and its update see the same row.
 */
export async function findPlan(db: Executor, id: string, lock?: { dialect: Dialect }): Promise<PlanRecord | undefined> {
  if (lock) {
    const locked = await forUpdate(db.selectFrom('preliminary_plans').select('id').where('id', '=', id), lock.dialect).executeTakeFirst();
    if (!locked) return undefined;
  }
  const row = await selectPlan(plansQuery(db)).where('pp.id', '=', id).executeTakeFirst();
  return row ? toPlanRecord(row) : undefined;
}

/** Id, name and short name of bases, in the order asked (unknown ids dropped). */
export async function baseRefs(db: Executor, ids: string[]): Promise<{ id: string; name: string; shortName: string; organisationId: string | null }[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const rows = await db.selectFrom('bases').select(['id', 'name', 'short_name', 'organisation_id']).where('id', 'in', unique).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [{ id: r.id, name: r.name, shortName: r.short_name, organisationId: r.organisation_id }] : [];
  });
}

/** Users holding department_reviewer assignments on the plan, with their status. */
export async function assignmentsOfPlan(db: Executor, planId: string) {
  return db
    .selectFrom('review_assignments')
    .select(['id', 'reviewer_user_id', 'status'])
    .where('plan_id', '=', planId)
    .execute();
}

/** True when `userId` holds a review assignment for the plan. */
export async function isAssignedReviewer(db: Executor, planId: string, userId: string): Promise<boolean> {
  const r = await db
    .selectFrom('review_assignments')
    .select('id')
    .where('plan_id', '=', planId)
    .where('reviewer_user_id', '=', userId)
    .executeTakeFirst();
  return !!r;
}
