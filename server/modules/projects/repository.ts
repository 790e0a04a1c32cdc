/**
 * SQL of cooperation projects, their parties, follow-ups and reminders. Every function takes `db | trx` first.
 */
import { STABLE_STATUSES, type FollowUpState, type SourceType } from '../../../common/contracts/projects.ts';
import { addDays } from '../../../common/time.ts';
import type { Executor } from '../../db/index.ts';
import type { OrgFacts } from '../../lib/acting.ts';
import { PostgresAdapter, sql, type Expression, type ExpressionBuilder, type Selectable, type SqlBool } from 'kysely';
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
  // A state with a short window (overdue: 30 days, open: 14) across many projects: walk the unanswered
  // follow-ups by due date (partial index) and check each one's project, rather than every project's follow-ups
  // (SQLite otherwise drives the IN list; PostgreSQL plans both forms as the same semi-join).
  const byDueDate = !f.themeDayId && (state === 'overdue' || state === 'open');
  let base = byDueDate
    ? db.selectFrom('project_follow_ups as f').where((eb) =>
        eb.exists(
          eb
            .selectFrom('cooperation_projects as c')
            .select('c.id')
            .whereRef('c.id', '=', 'f.project_id')
            .where((ec) => projectConditions(ec, f, scope)),
        ),
      )
    : db.selectFrom('project_follow_ups as f').where('f.project_id', 'in', scopedIds(db, f, scope));
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

// ----- the numbers (stats.ts): one narrow row per project, with its parties and follow-ups kept as facts ----

/** Bits of a set of size classes (a project's parties'): none = no class (not an enterprise, or unknown). */
export const SIZE_BITS = { large: 1, medium: 2, small: 4, micro: 8, none: 16 } as const;

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

/**
 * A project's facts from its parties and follow-ups, kept on its row (migration 2026-12-11T10-project-facts):
 * current when `facts_seq = stale_seq`; database triggers bump `stale_seq` on every write they depend on.
 */
interface ProjectFacts {
  parties: number;
  signedMask: number;
  currentMask: number;
  leadRegion: string | null;
  /** Per follow-up point: [rows, stable answers given by parties]. */
  points: Record<string, [number, number]>;
  /** Due dates of the unanswered follow-ups, sorted. */
  openDues: string[];
  /** The party organisations' ids, sorted (code-unit order). */
  orgs: string[];
}

const bitOf = (c: string | null): number =>
  c === null ? SIZE_BITS.none : c in SIZE_BITS && c !== 'none' ? SIZE_BITS[c as keyof typeof SIZE_BITS] : 0;

const isPostgres = (db: Executor) => db.getExecutor().adapter instanceof PostgresAdapter;

/** Computes the facts of these projects from their rows (the same definitions the SQL sums had). */
async function computeFacts(db: Executor, ids: string[]): Promise<Map<string, ProjectFacts>> {
  const stable = new Set<string>(STABLE_STATUSES);
  const facts = new Map<string, ProjectFacts>(
    ids.map((id) => [
      id,
      { parties: 0, signedMask: 0, currentMask: 0, leadRegion: null, points: {}, openDues: [], orgs: [] },
    ]),
  );
  // Lead first, as the lead region was chosen (role lead, then the earliest party), ordered by the database.
  const parties = await db
    .selectFrom('project_parties as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(['p.project_id', 'p.organisation_id', 'p.size_class as psize', 'o.size_class as osize', 'o.region_code'])
    .where('p.project_id', 'in', ids)
    .orderBy('p.project_id')
    .orderBy(sql`case when p.role = 'lead' then 0 else 1 end`)
    .orderBy('p.created_at')
    .orderBy('p.role')
    .orderBy('p.id')
    .execute();
  const partyKeys = new Set<string>();
  for (const p of parties) {
    const f = facts.get(p.project_id)!;
    if (f.parties === 0) f.leadRegion = p.region_code;
    f.parties++;
    f.signedMask |= bitOf(p.psize);
    f.currentMask |= bitOf(p.osize);
    f.orgs.push(p.organisation_id);
    partyKeys.add(`${p.project_id}|${p.organisation_id}`);
  }
  const followUps = await db
    .selectFrom('project_follow_ups')
    .select(['project_id', 'organisation_id', 'point_months', 'status', 'due_date'])
    .where('project_id', 'in', ids)
    .execute();
  for (const u of followUps) {
    const f = facts.get(u.project_id)!;
    const at = (f.points[String(Number(u.point_months))] ??= [0, 0]);
    at[0]++;
    if (u.status !== null && stable.has(u.status) && partyKeys.has(`${u.project_id}|${u.organisation_id}`)) at[1]++;
    if (u.status === null) f.openDues.push(u.due_date);
  }
  for (const f of facts.values()) {
    f.orgs.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    f.openDues.sort();
  }
  return facts;
}

const REFRESH_BATCH = 500;

/**
 * Recomputes the facts of every stale project (a GET may thus write: the facts are a cache of the project's
 * own rows, not data). Each batch is written by one autocommit statement, guarded by the `stale_seq` read, so
 * a write racing the refresh leaves its project stale for the next reader. On PostgreSQL the rows are locked
 * with SKIP LOCKED: the refresh never waits for a writer's transaction (no deadlock, no abort). Returns the
 * facts computed for the projects whose row could not be written (raced or locked), which are fresher than
 * their row: the caller uses them instead.
 */
export async function refreshStaleFacts(db: Executor): Promise<Map<string, ProjectFacts>> {
  const unwritten = new Map<string, ProjectFacts>();
  const stale = await db
    .selectFrom('cooperation_projects')
    .select(['id', sql<number>`stale_seq`.as('seq')])
    .where(sql<SqlBool>`stale_seq <> facts_seq`)
    .execute();
  const pg = isPostgres(db);
  for (let i = 0; i < stale.length; i += REFRESH_BATCH) {
    const batch = stale.slice(i, i + REFRESH_BATCH);
    const facts = await computeFacts(
      db,
      batch.map((r) => r.id),
    );
    let written: string[];
    if (pg) {
      const values = sql.join(
        batch.map((r) => {
          const f = facts.get(r.id)!;
          return sql`(${r.id}, cast(${Number(r.seq)} as integer), cast(${f.parties} as integer), cast(${f.signedMask} as integer), cast(${f.currentMask} as integer), ${f.leadRegion}, ${JSON.stringify(f.points)}, ${JSON.stringify(f.openDues)}, ${JSON.stringify(f.orgs)})`;
        }),
      );
      const res = await sql<{
        id: string;
      }>`with v(id, seq, parties, smask, cmask, region, points, dues, orgs) as (values ${values}),
          l as (select c.id from cooperation_projects c join v on v.id = c.id
                where c.stale_seq = v.seq for update of c skip locked)
        update cooperation_projects c set facts_seq = v.seq, fact_parties = v.parties, fact_signed_mask = v.smask,
          fact_current_mask = v.cmask, fact_lead_region = v.region, fact_points = v.points, fact_open_dues = v.dues,
          fact_orgs = v.orgs
        from v, l where c.id = v.id and l.id = v.id and c.stale_seq = v.seq returning c.id`.execute(db);
      written = res.rows.map((r) => r.id);
    } else {
      // SQLite: one writer, no row locks; a statement per row (UPDATE … FROM a VALUES list scans the table per
      // row), one short transaction per batch (one commit instead of 500).
      const write = async (ex: Executor) => {
        const ok: string[] = [];
        for (const r of batch) {
          const f = facts.get(r.id)!;
          const res =
            await sql`update cooperation_projects set facts_seq = ${Number(r.seq)}, fact_parties = ${f.parties},
              fact_signed_mask = ${f.signedMask}, fact_current_mask = ${f.currentMask}, fact_lead_region = ${f.leadRegion},
              fact_points = ${JSON.stringify(f.points)}, fact_open_dues = ${JSON.stringify(f.openDues)},
              fact_orgs = ${JSON.stringify(f.orgs)}
            where id = ${r.id} and stale_seq = ${Number(r.seq)}`.execute(ex);
          if (Number(res.numAffectedRows ?? 0) > 0) ok.push(r.id);
        }
        return ok;
      };
      written = db.isTransaction ? await write(db) : await db.transaction().execute(write);
    }
    const done = new Set(written);
    for (const [id, f] of facts) if (!done.has(id)) unwritten.set(id, f);
  }
  return unwritten;
}

/** A project as the numbers read it (own columns and facts), parsed once per version (`facts_seq`). */
interface CachedRow {
  seq: number;
  fact: StatsFact;
  openDues: string[];
  perPoint: Record<string, [number, number]>;
  /** Its parties' pairs as small integers (`Interned`). */
  pairs: number[];
  /** The day `fact.overdue` was counted for, and the points `fact.rowsAt` / `stableAt` follow. */
  overdueFor: string;
  pointsKey: string;
}

/** Pairs of organisations as small integers (`a|b` ↔ n), per cache. */
interface Interned {
  ids: Map<string, number>;
  pairs: { a: string; b: string }[];
}

interface RowCache {
  byId: Map<string, CachedRow>;
  interned: Interned;
  /**
   * The last result per filter and scope, with what it was built from: the same projects at the same versions,
   * points and day give the same rows, so the result is returned as it is (stats.ts memoises on its identity).
   */
  last: Map<
    string,
    { versions: { id: string; facts_seq: number }[]; pointsKey: string; today: string; result: StatsFacts }
  >;
}

/**
 * Parsed rows by project id, per database handle, tagged with the `facts_seq` they were read at. The triggers
 * bump `stale_seq` on every change of what the numbers read of a project (its own columns, parties, follow-ups,
 * party organisations) and the refresh sets `facts_seq` to it, so `facts_seq` only grows and a row whose
 * `facts_seq` equals the cached one is exactly the cached row: each request reads the ids and `facts_seq` of
 * the projects in scope and fetches the rest only for the rows that changed. A cache of parsed text; the
 * database stays the only source (another app server, a script or a seeder is seen at its next request).
 */
const rowCaches = new WeakMap<object, RowCache>();

function rowCacheOf(db: Executor): RowCache {
  let cache = db.isTransaction ? undefined : rowCaches.get(db);
  if (!cache) {
    cache = { byId: new Map(), interned: { ids: new Map(), pairs: [] }, last: new Map() };
    if (!db.isTransaction) rowCaches.set(db, cache);
  }
  return cache;
}

function pairsOf(orgs: string[], interned: Interned): number[] {
  const pairs: number[] = [];
  for (let i = 0; i < orgs.length; i++)
    for (let j = i + 1; j < orgs.length; j++) {
      const key = `${orgs[i]}|${orgs[j]}`;
      let n = interned.ids.get(key);
      if (n === undefined) {
        interned.ids.set(key, (n = interned.pairs.length));
        interned.pairs.push({ a: orgs[i]!, b: orgs[j]! });
      }
      pairs.push(n);
    }
  return pairs;
}

/** Reads the rows of these projects (own columns and facts); `fresher` facts replace the stored ones. */
async function loadRows(
  db: Executor,
  cache: RowCache,
  ids: string[],
  fresher: Map<string, ProjectFacts>,
): Promise<Map<string, CachedRow>> {
  const out = new Map<string, CachedRow>();
  for (let i = 0; i < ids.length; i += REFRESH_BATCH) {
    const rows = await db
      .selectFrom('cooperation_projects as c')
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
        sql<number>`c.facts_seq`.as('facts_seq'),
        sql<number>`c.fact_parties`.as('fact_parties'),
        sql<number>`c.fact_signed_mask`.as('fact_signed_mask'),
        sql<number>`c.fact_current_mask`.as('fact_current_mask'),
        sql<string | null>`c.fact_lead_region`.as('fact_lead_region'),
        sql<string>`c.fact_points`.as('fact_points'),
        sql<string>`c.fact_open_dues`.as('fact_open_dues'),
        sql<string>`c.fact_orgs`.as('fact_orgs'),
      ])
      .where('c.id', 'in', ids.slice(i, i + REFRESH_BATCH))
      .execute();
    for (const r of rows) {
      const fr = fresher.get(r.id);
      const fx: ProjectFacts = fr ?? {
        parties: Number(r.fact_parties),
        signedMask: Number(r.fact_signed_mask),
        currentMask: Number(r.fact_current_mask),
        leadRegion: r.fact_lead_region,
        points: json.parse<Record<string, [number, number]>>(r.fact_points, {}),
        openDues: json.parse<string[]>(r.fact_open_dues, []),
        orgs: json.parse<string[]>(r.fact_orgs, []),
      };
      const row: CachedRow = {
        // Facts computed by this request for a row it could not write: used once, never cached.
        seq: fr ? -1 : Number(r.facts_seq),
        fact: {
          id: r.id,
          theme_day_id: r.theme_day_id,
          type: r.type,
          stage: r.stage,
          content_areas: r.content_areas,
          intended_amount: int(r.intended_amount),
          contracted_amount: int(r.contracted_amount),
          received_amount: int(r.received_amount),
          jobs_created: int(r.jobs_created),
          signed_on: r.signed_on,
          intent_on: r.intent_on,
          created_at: r.created_at,
          parties: fx.parties,
          signedClasses: fx.signedMask,
          currentClasses: fx.currentMask,
          leadRegion: fx.leadRegion,
          overdue: 0,
          rowsAt: [],
          stableAt: [],
        },
        openDues: fx.openDues,
        perPoint: fx.points,
        pairs: pairsOf(fx.orgs, cache.interned),
        overdueFor: '',
        pointsKey: '',
      };
      out.set(r.id, row);
      if (!fr) cache.byId.set(r.id, row);
    }
  }
  return out;
}

/**
 * The rows of the numbers: one row per project in scope, its own columns and its facts (refreshed first when
 * stale), and the pairs of organisations that cooperate more than once, found in code from the facts. The
 * lead region is always filled (stats.ts reads it only when grouping by region); `_withLeadRegion` is kept for
 * the callers.
 */
export async function statsFacts(
  db: Executor,
  f: ProjectFilter,
  scope: ProjectScope,
  today: string,
  _withLeadRegion?: boolean,
): Promise<StatsFacts> {
  const fresher = await refreshStaleFacts(db);
  // The distinct points by skipping through the index, one probe per point (PostgreSQL would scan every row).
  const points = (
    await sql<{ m: number | null }>`with recursive p(m) as (
        select min(point_months) from project_follow_ups
        union all
        select (select min(point_months) from project_follow_ups where point_months > p.m) from p where p.m is not null)
      select m from p where m is not null`.execute(db)
  ).rows.map((r) => Number(r.m));
  const pointsKey = points.join(',');
  const versions = await db
    .selectFrom('cooperation_projects as c')
    .select(['c.id', sql<number>`c.facts_seq`.as('facts_seq')])
    .where((eb) => projectConditions(eb, f, scope))
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
  const cache = rowCacheOf(db);
  const missing: string[] = [];
  for (const v of versions)
    if (fresher.has(v.id) || cache.byId.get(v.id)?.seq !== Number(v.facts_seq)) missing.push(v.id);
  const lastKey = JSON.stringify([f, scope]);
  const last = cache.last.get(lastKey);
  if (
    !missing.length &&
    last &&
    last.today === today &&
    last.pointsKey === pointsKey &&
    last.versions.length === versions.length &&
    last.versions.every((v, i) => v.id === versions[i]!.id && v.facts_seq === versions[i]!.facts_seq)
  )
    return last.result;
  const loaded = await loadRows(db, cache, missing, fresher);
  const rows: StatsFact[] = [];
  const cached: CachedRow[] = [];
  for (const v of versions) {
    // A row changed between the two reads is taken as loaded (a later, consistent version of it).
    const c = loaded.get(v.id) ?? cache.byId.get(v.id);
    if (!c) continue; // deleted in between
    // The cached objects are shared by concurrent requests: a new day or new points make a new object.
    if (c.overdueFor !== today || c.pointsKey !== pointsKey) {
      let overdue = 0;
      for (const d of c.openDues) if (d < today) overdue++;
      c.fact = {
        ...c.fact,
        overdue,
        rowsAt: points.map((m) => c.perPoint[m]?.[0] ?? 0),
        stableAt: points.map((m) => c.perPoint[m]?.[1] ?? 0),
      };
      c.overdueFor = today;
      c.pointsKey = pointsKey;
    }
    rows.push(c.fact);
    cached.push(c);
  }
  // Pairs of parties of counted projects, kept when the pair occurs more than once among them.
  const pairCount = new Uint32Array(cache.interned.pairs.length);
  for (const c of cached) if (c.fact.stage !== 'candidate') for (const p of c.pairs) pairCount[p]!++;
  const repeatedPairs: StatsFacts['repeatedPairs'] = [];
  for (const c of cached)
    if (c.fact.stage !== 'candidate')
      for (const p of c.pairs)
        if (pairCount[p]! > 1) repeatedPairs.push({ project_id: c.fact.id, ...cache.interned.pairs[p]! });
  const result: StatsFacts = { points, rows, repeatedPairs };
  // Only a result built wholly from the cache (nothing changed since it was read) is kept.
  if (!missing.length) {
    if (cache.last.size > 100) cache.last.clear();
    cache.last.set(lastKey, {
      versions: versions.map((v) => ({ id: v.id, facts_seq: Number(v.facts_seq) })),
      pointsKey,
      today,
      result,
    });
  }
  return result;
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
