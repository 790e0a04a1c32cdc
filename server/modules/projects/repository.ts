/**
 * SQL of cooperation projects, their parties, follow-ups and reminders. Every function takes `db | trx` first.
 */
import { STABLE_STATUSES, type FollowUpState, type SourceType } from '../../../common/contracts/projects.ts';
import { addDays } from '../../../common/time.ts';
import type { Executor } from '../../db/index.ts';
import type { OrgFacts } from '../../lib/acting.ts';
import { sql, type Expression, type ExpressionBuilder, type Selectable, type SqlBool } from 'kysely';
import type {
  DB,
  CooperationProjectTable,
  ProjectEvidenceTable,
  ProjectFollowUpTable,
  ProjectPartyTable,
} from '../../db/schema.ts';
import { json } from '../../db/index.ts';

export type ProjectRow = Selectable<CooperationProjectTable>;
export type PartyRow = Selectable<ProjectPartyTable>;
export type FollowUpRow = Selectable<ProjectFollowUpTable>;

/** pg returns bigint as Number (server/db/index.ts); SQLite returns integers as numbers already. */
const int = (v: number | string | null): number | null => (v === null ? null : Number(v));

function normalise(r: ProjectRow): ProjectRow {
  return {
    ...r,
    intended_amount: int(r.intended_amount),
    contracted_amount: int(r.contracted_amount),
    received_amount: int(r.received_amount),
    jobs_created: int(r.jobs_created),
  };
}
function normaliseFollowUp(r: FollowUpRow): FollowUpRow {
  return {
    ...r,
    point_months: Number(r.point_months),
    received_amount: int(r.received_amount),
    jobs_created: int(r.jobs_created),
  };
}
function normaliseParty(r: PartyRow): PartyRow {
  return { ...r, publish_consent: Number(r.publish_consent), amounts_consent: Number(r.amounts_consent) };
}

export const contentAreasOf = (r: Pick<ProjectRow, 'content_areas'>): string[] =>
  json.parse<string[]>(r.content_areas, []);

export async function getProject(db: Executor, id: string): Promise<ProjectRow | undefined> {
  const r = await db.selectFrom('cooperation_projects').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? normalise(r) : undefined;
}

/** Projects by id (any order). */
export async function getProjects(db: Executor, ids: string[]): Promise<ProjectRow[]> {
  if (!ids.length) return [];
  const rows = await db.selectFrom('cooperation_projects').selectAll().where('id', 'in', ids).execute();
  return rows.map(normalise);
}

export async function projectBySource(
  db: Executor,
  sourceType: SourceType,
  sourceId: string,
): Promise<ProjectRow | undefined> {
  const r = await db
    .selectFrom('cooperation_projects')
    .selectAll()
    .where('source_type', '=', sourceType)
    .where('source_id', '=', sourceId)
    .executeTakeFirst();
  return r ? normalise(r) : undefined;
}

/**
 * Inserts a project unless one with the same source exists (`on conflict do nothing`, which on PostgreSQL
 * waits for a concurrent insert of the same key and does not abort the surrounding transaction). True when
 * this call inserted the row.
 */
export async function insertProjectOnce(db: Executor, row: ProjectRow): Promise<boolean> {
  const r = await db
    .insertInto('cooperation_projects')
    .values(row)
    .onConflict((oc) => oc.columns(['source_type', 'source_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return !!r;
}

export async function updateProjectRow(db: Executor, id: string, changes: Partial<ProjectRow>): Promise<void> {
  await db.updateTable('cooperation_projects').set(changes).where('id', '=', id).execute();
}

/** Moves the stage only from `from` (a guard against two concurrent transitions); true when moved. */
export async function moveStage(
  db: Executor,
  id: string,
  from: ProjectRow['stage'],
  changes: Partial<ProjectRow>,
): Promise<boolean> {
  const r = await db
    .updateTable('cooperation_projects')
    .set(changes)
    .where('id', '=', id)
    .where('stage', '=', from)
    .where('merged_into_id', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function insertParties(db: Executor, rows: PartyRow[]): Promise<void> {
  if (rows.length) await db.insertInto('project_parties').values(rows).execute();
}

export async function partiesOf(db: Executor, projectIds: string[]): Promise<PartyRow[]> {
  if (!projectIds.length) return [];
  const rows = await db
    .selectFrom('project_parties')
    .selectAll()
    .where('project_id', 'in', projectIds)
    .orderBy('created_at')
    .orderBy('role')
    .orderBy('id')
    .execute();
  return rows.map(normaliseParty);
}

export async function updateParty(db: Executor, id: string, changes: Partial<PartyRow>): Promise<void> {
  await db.updateTable('project_parties').set(changes).where('id', '=', id).execute();
}

export async function deletePartiesOf(db: Executor, projectId: string): Promise<void> {
  await db.deleteFrom('project_parties').where('project_id', '=', projectId).execute();
}

export async function followUpsOf(db: Executor, projectIds: string[]): Promise<FollowUpRow[]> {
  if (!projectIds.length) return [];
  const rows = await db
    .selectFrom('project_follow_ups')
    .selectAll()
    .where('project_id', 'in', projectIds)
    .orderBy('point_months')
    .orderBy('organisation_id')
    .execute();
  return rows.map(normaliseFollowUp);
}

export async function insertFollowUps(db: Executor, rows: FollowUpRow[]): Promise<void> {
  if (rows.length) await db.insertInto('project_follow_ups').values(rows).execute();
}

export async function getFollowUp(
  db: Executor,
  projectId: string,
  organisationId: string,
  point: number,
): Promise<FollowUpRow | undefined> {
  const r = await db
    .selectFrom('project_follow_ups')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('organisation_id', '=', organisationId)
    .where('point_months', '=', point)
    .executeTakeFirst();
  return r ? normaliseFollowUp(r) : undefined;
}

export async function updateFollowUp(db: Executor, id: string, changes: Partial<FollowUpRow>): Promise<void> {
  await db.updateTable('project_follow_ups').set(changes).where('id', '=', id).execute();
}

/** The facts of a theme day the scoping needs: host organisation, region, supervising department, programme. */
export interface ThemeDayFacts {
  id: string;
  title: string;
  programmeId: string;
  year: number;
  rules: string;
  hostBaseId: string;
  hostName: string;
  hostOrganisationId: string | null;
  hostRegionCode: string;
  hostDepartment: string | null;
}

export async function themeDayFacts(db: Executor, ids: Iterable<string | null>): Promise<Map<string, ThemeDayFacts>> {
  const list = [...new Set([...ids].filter((x): x is string => !!x))];
  if (!list.length) return new Map();
  const rows = await db
    .selectFrom('theme_days as t')
    .innerJoin('bases as b', 'b.id', 't.base_id')
    .innerJoin('programmes as p', 'p.id', 't.programme_id')
    .select([
      't.id',
      't.title',
      't.programme_id',
      'p.year',
      'p.rules',
      'b.id as base_id',
      'b.short_name',
      'b.organisation_id',
      'b.region_code',
      'b.supervising_department',
    ])
    .where('t.id', 'in', list)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        title: r.title,
        programmeId: r.programme_id,
        year: Number(r.year),
        rules: r.rules,
        hostBaseId: r.base_id,
        hostName: r.short_name,
        hostOrganisationId: r.organisation_id,
        hostRegionCode: r.region_code,
        hostDepartment: r.supervising_department,
      },
    ]),
  );
}

/** Support organisations named by the activity plans of these theme days. */
export async function supportOrgsOf(db: Executor, themeDayIds: string[]): Promise<Map<string, string[]>> {
  if (!themeDayIds.length) return new Map();
  const rows = await db
    .selectFrom('activity_plans')
    .select(['theme_day_id', 'content'])
    .where('theme_day_id', 'in', themeDayIds)
    .execute();
  return new Map(
    rows.map((r) => {
      const c = json.parse<{ supportOrganisationIds?: unknown }>(r.content, {});
      const ids = Array.isArray(c.supportOrganisationIds)
        ? c.supportOrganisationIds.filter((x): x is string => typeof x === 'string')
        : [];
      return [r.theme_day_id, ids];
    }),
  );
}

/** The party organisations' facts (name, kind, size class, region), by id. */
export async function orgFacts(db: Executor, ids: Iterable<string>): Promise<Map<string, OrgFacts>> {
  const list = [...new Set(ids)];
  if (!list.length) return new Map();
  const rows = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'size_class', 'region_code'])
    .where('id', 'in', list)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** The department code of an organisation (a department reviewer's remit). */
export async function departmentOf(db: Executor, organisationId: string | null): Promise<string | null> {
  if (!organisationId) return null;
  const r = await db
    .selectFrom('organisations')
    .select('department_code')
    .where('id', '=', organisationId)
    .executeTakeFirst();
  return r?.department_code ?? null;
}

export interface ProjectFilter {
  themeDayId?: string | undefined;
  programmeId?: string | undefined;
  year?: number | undefined;
  stage?: ProjectRow['stage'] | undefined;
  type?: ProjectRow['type'] | undefined;
  /** Only projects in which this organisation is a party. */
  partyOrganisationId?: string | undefined;
  /** Only candidates this organisation still has to confirm (its party row is pending). */
  awaitingOrganisationId?: string | undefined;
  /** Only counted projects (every party confirmed: not candidates). */
  countedOnly?: boolean | undefined;
}

/**
 * What a caller may see, as SQL can apply it (policy.ts `projectScope` builds it with the same predicates as
 * `canSeeProject`): everything, or the union of the projects of some theme days, the projects in which one
 * organisation is a party, and the projects one of whose parties lies in a province.
 */
export type ProjectScope =
  | { all: true }
  | { all: false; themeDayIds: string[]; partyOrganisationId: string | null; partyProvince: string | null };

export const SEE_ALL: ProjectScope = { all: true };

type C = DB & { c: CooperationProjectTable };

/** The WHERE of "live projects matching the filter that the scope lets the caller see", on `cooperation_projects as c`. */
export function projectConditions(
  eb: ExpressionBuilder<C, 'c'>,
  f: ProjectFilter,
  scope: ProjectScope,
): Expression<SqlBool> {
  const and: Expression<SqlBool>[] = [eb('c.merged_into_id', 'is', null)];
  if (f.themeDayId) and.push(eb('c.theme_day_id', '=', f.themeDayId));
  if (f.programmeId || f.year !== undefined) {
    let sub = eb
      .selectFrom('theme_days as t')
      .innerJoin('programmes as p', 'p.id', 't.programme_id')
      .select('t.id')
      .whereRef('t.id', '=', 'c.theme_day_id');
    if (f.programmeId) sub = sub.where('t.programme_id', '=', f.programmeId);
    if (f.year !== undefined) sub = sub.where('p.year', '=', f.year);
    and.push(eb.exists(sub));
  }
  if (f.stage) and.push(eb('c.stage', '=', f.stage));
  if (f.countedOnly) and.push(eb('c.stage', '!=', 'candidate'));
  if (f.type) and.push(eb('c.type', '=', f.type));
  const partyIs = (org: string, pending = false) => {
    let sub = eb
      .selectFrom('project_parties as pp')
      .select('pp.id')
      .whereRef('pp.project_id', '=', 'c.id')
      .where('pp.organisation_id', '=', org);
    if (pending) sub = sub.where('pp.confirmation', '=', 'pending');
    return eb.exists(sub);
  };
  if (f.partyOrganisationId) and.push(partyIs(f.partyOrganisationId));
  if (f.awaitingOrganisationId) and.push(eb('c.stage', '=', 'candidate'), partyIs(f.awaitingOrganisationId, true));
  if (!scope.all) {
    const or: Expression<SqlBool>[] = [];
    if (scope.themeDayIds.length) or.push(eb('c.theme_day_id', 'in', scope.themeDayIds));
    if (scope.partyOrganisationId) or.push(partyIs(scope.partyOrganisationId));
    if (scope.partyProvince)
      or.push(
        eb.exists(
          eb
            .selectFrom('project_parties as pp')
            .innerJoin('organisations as o', 'o.id', 'pp.organisation_id')
            .select('pp.id')
            .whereRef('pp.project_id', '=', 'c.id')
            .where(sql<string>`substr(o.region_code, 1, 2)`, '=', scope.partyProvince),
        ),
      );
    and.push(or.length ? eb.or(or) : sql<SqlBool>`1 = 0`);
  }
  return eb.and(and);
}

/** Ids of the projects matching filter and scope, as a subquery. */
const scopedIds = (db: Executor, f: ProjectFilter, scope: ProjectScope) =>
  db
    .selectFrom('cooperation_projects as c')
    .select('c.id')
    .where((eb) => projectConditions(eb, f, scope));

/**
 * Every project (not merged away) matching the filter and the scope, newest first (or oldest first), optionally
 * one page of them. Visibility is decided in SQL from the scope (policy.ts), the same for lists and numbers.
 */
export async function findProjects(
  db: Executor,
  f: ProjectFilter,
  order: 'asc' | 'desc' = 'desc',
  scope: ProjectScope = SEE_ALL,
  page?: { limit: number; offset: number },
): Promise<ProjectRow[]> {
  let q = db
    .selectFrom('cooperation_projects as c')
    .selectAll('c')
    .where((eb) => projectConditions(eb, f, scope))
    .orderBy('c.created_at', order)
    .orderBy('c.id', order);
  if (page) q = q.limit(page.limit).offset(page.offset);
  const rows = await q.execute();
  return rows.map(normalise);
}

export async function countProjects(db: Executor, f: ProjectFilter, scope: ProjectScope): Promise<number> {
  const r = await db
    .selectFrom('cooperation_projects as c')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => projectConditions(eb, f, scope))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Ids of theme days matching the filter (the candidates a scope is built from). */
export async function themeDayIdsFor(db: Executor, f: Pick<ProjectFilter, 'themeDayId' | 'programmeId' | 'year'>) {
  let q = db.selectFrom('theme_days as t').innerJoin('programmes as p', 'p.id', 't.programme_id').select('t.id');
  if (f.themeDayId) q = q.where('t.id', '=', f.themeDayId);
  if (f.programmeId) q = q.where('t.programme_id', '=', f.programmeId);
  if (f.year !== undefined) q = q.where('p.year', '=', f.year);
  return (await q.execute()).map((r) => r.id);
}

/** The follow-up state as a condition on due date and status (rules.ts `followUpState`, for `today`). */
function stateCondition(
  eb: ExpressionBuilder<DB & { f: ProjectFollowUpTable }, 'f'>,
  state: FollowUpState,
  today: string,
) {
  const opens = addDays(today, 14); // due − 14 ≤ today ⇔ due ≤ today + 14
  const closes = addDays(today, -30); // today ≤ due + 30 ⇔ due ≥ today − 30
  if (state === 'answered') return eb('f.status', 'is not', null);
  const open = eb('f.status', 'is', null);
  switch (state) {
    case 'upcoming':
      return eb.and([open, eb('f.due_date', '>', opens)]);
    case 'open':
      return eb.and([open, eb('f.due_date', '>=', today), eb('f.due_date', '<=', opens)]);
    case 'overdue':
      return eb.and([open, eb('f.due_date', '<', today), eb('f.due_date', '>=', closes)]);
    case 'missed':
      return eb.and([open, eb('f.due_date', '<', closes)]);
  }
}

/** Follow-ups of the projects in scope, in a state, ordered by due date then id; one page and the total. */
export async function findFollowUps(
  db: Executor,
  f: ProjectFilter,
  scope: ProjectScope,
  q: { state?: FollowUpState | undefined; order: 'asc' | 'desc'; limit: number; offset: number },
  today: string,
): Promise<{ rows: FollowUpRow[]; total: number }> {
  const state = q.state;
  let base = db.selectFrom('project_follow_ups as f').where('f.project_id', 'in', scopedIds(db, f, scope));
  if (state) base = base.where((eb) => stateCondition(eb, state, today));
  const [rows, n] = await Promise.all([
    base
      .selectAll('f')
      .orderBy('f.due_date', q.order)
      .orderBy('f.id', q.order)
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(normaliseFollowUp), total: Number(n.n) };
}

// ----- the numbers (stats.ts): one narrow row per project, with its parties and follow-ups summed up in SQL ----

/** Bits of a set of size classes (a project's parties'): none = no class (not an enterprise, or unknown). */
export const SIZE_BITS = { large: 1, medium: 2, small: 4, micro: 8, none: 16 } as const;
const maskOf = (col: string) =>
  sql<number>`max(case when ${sql.ref(col)} = 'large' then 1 else 0 end) + max(case when ${sql.ref(col)} = 'medium' then 2 else 0 end) + max(case when ${sql.ref(col)} = 'small' then 4 else 0 end) + max(case when ${sql.ref(col)} = 'micro' then 8 else 0 end) + max(case when ${sql.ref(col)} is null then 16 else 0 end)`;

export interface StatsFact {
  id: string;
  theme_day_id: string | null;
  type: ProjectRow['type'];
  stage: ProjectRow['stage'];
  content_areas: string;
  intended_amount: number | null;
  contracted_amount: number | null;
  received_amount: number | null;
  jobs_created: number | null;
  signed_on: string | null;
  intent_on: string | null;
  created_at: string;
  /** Number of parties. */
  parties: number;
  /** Size classes of the parties as copied at signing (SIZE_BITS). */
  signedClasses: number;
  /** Size classes of the party organisations today (SIZE_BITS). */
  currentClasses: number;
  /** Region code of the lead party's organisation (only when asked for). */
  leadRegion: string | null;
  /** Unanswered follow-ups due before today. */
  overdue: number;
  /** Per follow-up point (same order as `points`): follow-up rows, and stable answers given by parties. */
  rowsAt: number[];
  stableAt: number[];
}

export interface StatsFacts {
  /** Follow-up points that occur in any follow-up row (of any project). */
  points: number[];
  /** Projects in scope, oldest first (created_at, id). */
  rows: StatsFact[];
  /** Pairs of organisations that are parties together in more than one counted project in scope. */
  repeatedPairs: { project_id: string; a: string; b: string }[];
}

export async function statsFacts(
  db: Executor,
  f: ProjectFilter,
  scope: ProjectScope,
  today: string,
  withLeadRegion: boolean,
): Promise<StatsFacts> {
  const points = (
    await db.selectFrom('project_follow_ups').select('point_months').distinct().orderBy('point_months').execute()
  ).map((r) => Number(r.point_months));
  const ids = scopedIds(db, f, scope);
  const stable = [...STABLE_STATUSES];
  // With no filter and no scope every live project is in: the sums need no restriction (their rows are joined
  // to the live projects below), which spares the database a 20,000-id IN list per aggregate.
  const everyone = scope.all && !f.themeDayId && !f.programmeId && f.year === undefined && !f.stage && !f.type;
  const partyAgg = db
    .selectFrom('project_parties as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select([
      'p.project_id',
      (eb) => eb.fn.countAll<number>().as('n'),
      maskOf('p.size_class').as('pmask'),
      maskOf('o.size_class').as('omask'),
    ])
    .$if(!everyone, (qb) => qb.where('p.project_id', 'in', ids))
    .groupBy('p.project_id');
  const followAgg = db
    .selectFrom('project_follow_ups as fu')
    .leftJoin('project_parties as fp', (j) =>
      j.onRef('fp.project_id', '=', 'fu.project_id').onRef('fp.organisation_id', '=', 'fu.organisation_id'),
    )
    .select((eb) => [
      'fu.project_id',
      sql<number>`sum(case when fu.status is null and fu.due_date < ${today} then 1 else 0 end)`.as('overdue'),
      ...points.flatMap((m, i) => [
        sql<number>`sum(case when fu.point_months = ${m} then 1 else 0 end)`.as(`n${i}`),
        sql<number>`sum(case when fu.point_months = ${m} and fp.id is not null and ${eb('fu.status', 'in', stable)} then 1 else 0 end)`.as(
          `s${i}`,
        ),
      ]),
    ])
    .$if(!everyone, (qb) => qb.where('fu.project_id', 'in', ids))
    .groupBy('fu.project_id');
  let q = db
    .selectFrom('cooperation_projects as c')
    .leftJoin(partyAgg.as('pa'), 'pa.project_id', 'c.id')
    .leftJoin(followAgg.as('fa'), 'fa.project_id', 'c.id')
    .select([
      'c.id',
      'c.theme_day_id',
      'c.type',
      'c.stage',
      'c.content_areas',
      'c.intended_amount',
      'c.contracted_amount',
      'c.received_amount',
      'c.jobs_created',
      'c.signed_on',
      'c.intent_on',
      'c.created_at',
      'pa.n as parties',
      'pa.pmask',
      'pa.omask',
      sql<number>`fa.overdue`.as('overdue'),
      ...points.flatMap((_m, i) => [
        sql<number>`${sql.ref(`fa.n${i}`)}`.as(`n${i}`),
        sql<number>`${sql.ref(`fa.s${i}`)}`.as(`s${i}`),
      ]),
    ])
    .where((eb) => projectConditions(eb, f, scope))
    .orderBy('c.created_at')
    .orderBy('c.id');
  if (withLeadRegion)
    q = q.select((eb) =>
      eb
        .selectFrom('project_parties as lp')
        .innerJoin('organisations as lo', 'lo.id', 'lp.organisation_id')
        .select('lo.region_code')
        .whereRef('lp.project_id', '=', 'c.id')
        .orderBy(sql`case when lp.role = 'lead' then 0 else 1 end`)
        .orderBy('lp.created_at')
        .orderBy('lp.role')
        .orderBy('lp.id')
        .limit(1)
        .as('lead_region'),
    );
  const raw = (await q.execute()) as (Record<string, unknown> & { lead_region?: string | null })[];
  const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
  const rows = raw.map((r): StatsFact => ({
    id: r.id as string,
    theme_day_id: r.theme_day_id as string | null,
    type: r.type as ProjectRow['type'],
    stage: r.stage as ProjectRow['stage'],
    content_areas: r.content_areas as string,
    intended_amount: int(r.intended_amount as number | null),
    contracted_amount: int(r.contracted_amount as number | null),
    received_amount: int(r.received_amount as number | null),
    jobs_created: int(r.jobs_created as number | null),
    signed_on: r.signed_on as string | null,
    intent_on: r.intent_on as string | null,
    created_at: r.created_at as string,
    parties: n(r.parties),
    signedClasses: n(r.pmask),
    currentClasses: n(r.omask),
    leadRegion: r.lead_region ?? null,
    overdue: n(r.overdue),
    rowsAt: points.map((_m, i) => n(r[`n${i}`])),
    stableAt: points.map((_m, i) => n(r[`s${i}`])),
  }));
  // Pairs of parties of counted projects, kept when the pair occurs more than once (a window count: one pass).
  const counted = scopedIds(db, { ...f, countedOnly: true }, scope);
  const pairs = db
    .selectFrom('project_parties as p1')
    .innerJoin('project_parties as p2', (j) =>
      j.onRef('p2.project_id', '=', 'p1.project_id').onRef('p1.organisation_id', '<', 'p2.organisation_id'),
    )
    .select([
      'p1.project_id',
      'p1.organisation_id as a',
      'p2.organisation_id as b',
      sql<number>`count(*) over (partition by p1.organisation_id, p2.organisation_id)`.as('k'),
    ]);
  const repeatedPairs = await db
    .selectFrom(pairs.where('p1.project_id', 'in', counted).as('pr'))
    .select(['pr.project_id', 'pr.a', 'pr.b'])
    .where('pr.k', '>', 1)
    .execute();
  return { points, rows, repeatedPairs };
}

/** Unanswered follow-ups of live projects due on or before `until` (Shanghai date), with their project's title. */
export async function unansweredFollowUpsDueBy(db: Executor, until: string) {
  const rows = await db
    .selectFrom('project_follow_ups as f')
    .innerJoin('cooperation_projects as c', 'c.id', 'f.project_id')
    .select(['f.id', 'f.project_id', 'f.organisation_id', 'f.point_months', 'f.due_date', 'c.title', 'c.theme_day_id'])
    .where('f.status', 'is', null)
    .where('f.due_date', '<=', until)
    .where('c.merged_into_id', 'is', null)
    .orderBy('f.due_date')
    .orderBy('f.id')
    .execute();
  return rows.map((r) => ({ ...r, point_months: Number(r.point_months) }));
}

export async function remindersOf(db: Executor, followUpIds: string[]): Promise<Set<string>> {
  if (!followUpIds.length) return new Set();
  const rows = await db
    .selectFrom('project_follow_up_reminders')
    .select(['follow_up_id', 'kind'])
    .where('follow_up_id', 'in', followUpIds)
    .execute();
  return new Set(rows.map((r) => `${r.follow_up_id}:${r.kind}`));
}

/** Records that a reminder was sent; false when it had been recorded already (by this or another app server). */
export async function recordReminder(
  db: Executor,
  row: { id: string; follow_up_id: string; kind: 'd14' | 'd1' | 'overdue'; sent_at: string },
): Promise<boolean> {
  const r = await db
    .insertInto('project_follow_up_reminders')
    .values(row)
    .onConflict((oc) => oc.columns(['follow_up_id', 'kind']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return !!r;
}

/** Meeting participants' organisations and the session's theme day (the meeting signal). */
export async function meetingFacts(db: Executor, meetingId: string) {
  const m = await db
    .selectFrom('meetings as m')
    .innerJoin('meeting_sessions as s', 's.id', 'm.session_id')
    .innerJoin('meeting_participants as a', 'a.id', 'm.participant_a_id')
    .innerJoin('meeting_participants as b', 'b.id', 'm.participant_b_id')
    .select([
      'm.id',
      'm.status',
      's.theme_day_id',
      's.title as session_title',
      'a.organisation_id as org_a',
      'b.organisation_id as org_b',
    ])
    .where('m.id', '=', meetingId)
    .executeTakeFirst();
  return m;
}

export type EvidenceRow = Selectable<ProjectEvidenceTable>;

export async function evidenceOf(db: Executor, projectId: string): Promise<EvidenceRow[]> {
  const rows = await db
    .selectFrom('project_evidence')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    ...r,
    size: Number(r.size),
    point_months: r.point_months === null ? null : Number(r.point_months),
  }));
}

export async function insertEvidence(db: Executor, row: EvidenceRow): Promise<void> {
  await db.insertInto('project_evidence').values(row).execute();
}

// ----- signal facts (issue 10): what a candidate needs from each source record, read inside its transaction -----

export async function demandResponseFacts(db: Executor, responseId: string) {
  return db
    .selectFrom('demand_responses as r')
    .innerJoin('demands as d', 'd.id', 'r.demand_id')
    .select([
      'r.id',
      'r.status',
      'r.organisation_id as responder_org',
      'd.organisation_id as publisher_org',
      'd.title',
      'd.theme_day_id',
      'd.cooperation_mode',
    ])
    .where('r.id', '=', responseId)
    .executeTakeFirst();
}

export async function consortiumFacts(db: Executor, consortiumId: string) {
  const c = await db
    .selectFrom('consortia as c')
    .innerJoin('demands as d', 'd.id', 'c.demand_id')
    .select(['c.id', 'c.status', 'c.name', 'c.organisation_id as lead_org', 'd.theme_day_id'])
    .where('c.id', '=', consortiumId)
    .executeTakeFirst();
  if (!c) return undefined;
  const members = await db
    .selectFrom('consortium_members')
    .select('organisation_id')
    .where('consortium_id', '=', consortiumId)
    .orderBy('id')
    .execute();
  return { ...c, member_orgs: members.map((m) => m.organisation_id) };
}

export async function resultApplicationFacts(db: Executor, applicationId: string) {
  return db
    .selectFrom('result_applications as a')
    .innerJoin('results as r', 'r.id', 'a.result_id')
    .select([
      'a.id',
      'a.status',
      'a.organisation_id as applicant_org',
      'r.organisation_id as owner_org',
      'r.title',
      'r.theme_day_id',
      'r.transfer_mode',
    ])
    .where('a.id', '=', applicationId)
    .executeTakeFirst();
}

export async function resourceRequestFacts(db: Executor, requestId: string) {
  return db
    .selectFrom('resource_requests as q')
    .innerJoin('resources as r', 'r.id', 'q.resource_id')
    .select([
      'q.id',
      'q.status',
      'q.organisation_id as requester_org',
      'r.organisation_id as owner_org',
      'r.title',
      'r.theme_day_id',
    ])
    .where('q.id', '=', requestId)
    .executeTakeFirst();
}

export async function roadshowIntentFacts(db: Executor, scoreId: string) {
  const r = await db
    .selectFrom('roadshow_scores as s')
    .innerJoin('roadshow_judges as j', 'j.id', 's.judge_id')
    .innerJoin('roadshow_projects as p', 'p.id', 's.project_id')
    .innerJoin('roadshows as r', 'r.id', 's.roadshow_id')
    .innerJoin('event_sessions as e', 'e.id', 'r.session_id')
    .select([
      's.id',
      's.intent_to_sign',
      'j.organisation_id as investor_org',
      'p.organisation_id as project_org',
      'p.name',
      'e.theme_day_id',
    ])
    .where('s.id', '=', scoreId)
    .executeTakeFirst();
  return r ? { ...r, intent_to_sign: Number(r.intent_to_sign) } : undefined;
}

export async function boothContactFacts(db: Executor, requestId: string) {
  return db
    .selectFrom('exhibition_contact_requests as q')
    .innerJoin('exhibition_booths as b', 'b.id', 'q.booth_id')
    .select([
      'q.id',
      'q.status',
      'q.requester_organisation_id as requester_org',
      'b.organisation_id as exhibitor_org',
      'b.title',
      'b.theme_day_id',
    ])
    .where('q.id', '=', requestId)
    .executeTakeFirst();
}
