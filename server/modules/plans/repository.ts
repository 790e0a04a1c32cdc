/** SQL for preliminary plans. Every function takes the root handle or an open transaction. */
import { forUpdate, json, type Dialect, type Executor } from '../../db/index.ts';
import { toCount } from '../../lib/sql.ts';
import type { ListPlansQuery, PlanStatus, VersionContent, VersionsQuery } from '../../../common/contracts/plans.ts';

export interface PlanBase {
  id: string;
  name: string;
  shortName: string;
  kind: string;
  regionCode: string;
  organisationId: string | null;
  /** 基地主管部门 (issue 12 §3): its base_supervisor people follow the plan. */
  supervisorOrganisationId: string | null;
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
  'pp.id',
  'pp.programme_id',
  'pp.base_id',
  'pp.status',
  'pp.theme',
  'pp.title',
  'pp.body',
  'pp.partner_base_ids',
  'pp.areas',
  'pp.planned_months',
  'pp.epidemic_measures',
  'pp.version',
  'pp.submitted_at',
  'pp.return_reason',
  'pp.created_by',
  'pp.created_at',
  'pp.updated_at',
  'b.name as base_name',
  'b.short_name as base_short_name',
  'b.kind as base_kind',
  'b.region_code as base_region_code',
  'b.organisation_id as base_organisation_id',
  'b.supervisor_organisation_id as base_supervisor_organisation_id',
] as const;

/** The base query of plans joined to their base; lists add their own filters. */
export const plansQuery = (db: Executor) =>
  db.selectFrom('preliminary_plans as pp').innerJoin('bases as b', 'b.id', 'pp.base_id');

type PlanRow = Awaited<ReturnType<ReturnType<typeof selectPlan>['executeTakeFirstOrThrow']>>;

export function toPlanRecord(row: PlanRow): PlanRecord {
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
      supervisorOrganisationId: row.base_supervisor_organisation_id,
    },
    status: row.status,
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
export const selectPlan = (q: ReturnType<typeof plansQuery>) => q.select([...planColumns]);

/**
 * Loads one plan. With `lock`, first takes a row lock on the plan (PostgreSQL) so that a command's
 * status check and its update see the same row.
 */
export async function findPlan(db: Executor, id: string, lock?: { dialect: Dialect }): Promise<PlanRecord | undefined> {
  if (lock) {
    const locked = await forUpdate(
      db.selectFrom('preliminary_plans').select('id').where('id', '=', id),
      lock.dialect,
    ).executeTakeFirst();
    if (!locked) return undefined;
  }
  const row = await selectPlan(plansQuery(db)).where('pp.id', '=', id).executeTakeFirst();
  return row ? toPlanRecord(row) : undefined;
}

/** Plans by id (unknown ids dropped; no particular order). */
export async function findPlans(db: Executor, ids: string[]): Promise<PlanRecord[]> {
  if (!ids.length) return [];
  return (await selectPlan(plansQuery(db)).where('pp.id', 'in', ids).execute()).map(toPlanRecord);
}

/** A programme's plans in the given statuses, oldest submission first. */
export async function plansOfProgramme(
  db: Executor,
  programmeId: string,
  statuses: readonly PlanStatus[],
): Promise<PlanRecord[]> {
  const rows = await selectPlan(plansQuery(db))
    .where('pp.programme_id', '=', programmeId)
    .where('pp.status', 'in', [...statuses])
    .orderBy('pp.submitted_at')
    .orderBy('pp.id')
    .execute();
  return rows.map(toPlanRecord);
}

/** Id, name and short name of bases, in the order asked (unknown ids dropped). */
export async function baseRefs(
  db: Executor,
  ids: string[],
): Promise<{ id: string; name: string; shortName: string; organisationId: string | null }[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const rows = await db
    .selectFrom('bases')
    .select(['id', 'name', 'short_name', 'organisation_id'])
    .where('id', 'in', unique)
    .execute();
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

/** Of the given plans, those `userId` holds a review assignment on. */
export async function assignedPlanIds(db: Executor, userId: string, planIds: string[]): Promise<Set<string>> {
  if (!planIds.length) return new Set();
  const rows = await db
    .selectFrom('review_assignments')
    .select('plan_id')
    .where('reviewer_user_id', '=', userId)
    .where('plan_id', 'in', planIds)
    .execute();
  return new Set(rows.map((r) => r.plan_id));
}

/**
 * Who is listing, as the list filter needs it: the caller's own plans (its organisation's bases, as
 * base_admin) in any status, and non-draft plans it may see as owner, as assigned reviewer or as the
 * local DRC of the base's province.
 */
export interface PlanListScope {
  userId: string;
  /** Organisation whose bases' plans the caller administers (base_admin), or null. */
  adminOrganisationId: string | null;
  owner: boolean;
  /** Province prefix of a local DRC, or null. */
  province: string | null;
  /** Organisation of a base supervisor (基地主管部门): the plans of the bases it supervises, drafts included. */
  supervisorOrganisationId?: string | null;
}

/** A page of a programme's plans the caller may see, filtered and sorted (ties by id). */
export async function listPlans(
  db: Executor,
  programmeId: string,
  scope: PlanListScope,
  f: ListPlansQuery,
): Promise<{ items: PlanRecord[]; total: number }> {
  let q = plansQuery(db).where('pp.programme_id', '=', programmeId);
  q = q.where((eb) => {
    const nonDraftScopes = [];
    if (scope.owner) nonDraftScopes.push(eb.lit(true));
    nonDraftScopes.push(
      eb(
        'pp.id',
        'in',
        eb.selectFrom('review_assignments').select('plan_id').where('reviewer_user_id', '=', scope.userId),
      ),
    );
    const scopes = [];
    // The local DRC and the supervising department follow the plans of their bases from the draft on (they
    // comment on a plan before it is submitted, issue 12 §3).
    if (scope.province) scopes.push(eb('b.region_code', 'like', `${scope.province}%`));
    if (scope.supervisorOrganisationId)
      scopes.push(eb('b.supervisor_organisation_id', '=', scope.supervisorOrganisationId));
    if (scope.adminOrganisationId) scopes.push(eb('b.organisation_id', '=', scope.adminOrganisationId));
    if (nonDraftScopes.length) scopes.push(eb.and([eb('pp.status', '!=', 'draft'), eb.or(nonDraftScopes)]));
    return scopes.length ? eb.or(scopes) : eb.lit(false);
  });
  if (f.status) q = q.where('pp.status', '=', f.status);
  if (f.baseId) q = q.where('pp.base_id', '=', f.baseId);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('pp.title', 'like', like),
        eb('pp.theme', 'like', like),
        eb('b.name', 'like', like),
        eb('b.short_name', 'like', like),
      ]),
    );
  }
  const col = {
    updatedAt: 'pp.updated_at',
    submittedAt: 'pp.submitted_at',
    createdAt: 'pp.created_at',
    baseName: 'b.name',
    status: 'pp.status',
  } as const;
  const [rows, total] = await Promise.all([
    selectPlan(q)
      .orderBy(col[f.sort], f.order)
      .orderBy('pp.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toPlanRecord), total: toCount(total) };
}

/** The submitted versions of a plan with their submitter's name, one page. */
export async function listVersions(db: Executor, planId: string, f: VersionsQuery) {
  const q = db.selectFrom('plan_versions as v').where('v.plan_id', '=', planId);
  const [rows, total] = await Promise.all([
    q
      .leftJoin('users as u', 'u.id', 'v.submitted_by')
      .select(['v.version', 'v.submitted_at', 'v.submitted_by', 'u.name'])
      .orderBy('v.version', f.order)
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows, total: toCount(total) };
}

/** One submitted version with its stored content (parsed; older rows may lack fields) and its submitter's name. */
export async function findVersion(db: Executor, planId: string, version: number) {
  const r = await db
    .selectFrom('plan_versions as v')
    .leftJoin('users as u', 'u.id', 'v.submitted_by')
    .select(['v.version', 'v.submitted_at', 'v.submitted_by', 'v.content', 'u.name'])
    .where('v.plan_id', '=', planId)
    .where('v.version', '=', version)
    .executeTakeFirst();
  if (!r) return undefined;
  const content = JSON.parse(r.content) as Partial<VersionContent>;
  return { ...r, content };
}
