/**
 * SQL for theme days and what they hang on (programme, host base, partner bases, activity-plan status).
 * Every function takes `db | trx` first so a command can run it inside its transaction. Shared by the
 * themedays, activity-plans, public and todo modules.
 */
import { ProgrammeRules } from '../../../common/programme-rules.ts';
import type { ProgrammeStatus } from '../../../common/contracts/programmes.ts';
import type { ActivityPlanStatus } from '../../../common/contracts/themedays.ts';
import { forUpdate, json, type Dialect, type Executor } from '../../db/index.ts';
import { prepared } from '../../db/prepared.ts';
import { AppError } from '../../lib/errors.ts';
import { toCount } from '../../lib/sql.ts';

export interface ProgrammeRecord {
  id: string;
  year: number;
  name: string;
  status: ProgrammeStatus;
  rules: ProgrammeRules;
}

export interface BaseRef {
  id: string;
  name: string;
  shortName: string;
  kind: string;
  regionCode: string;
  organisationId: string | null;
  /** 基地主管部门 (issue 12 §3), whose base_supervisor people read the activity plan. */
  supervisorOrganisationId?: string | null;
}

export interface ThemeDayRecord {
  id: string;
  programmeId: string;
  planId: string;
  title: string;
  theme: string;
  startDate: string;
  endDate: string;
  partnerBaseIds: string[];
  createdAt: string;
  updatedAt: string;
  programme: ProgrammeRecord;
  host: BaseRef;
}

/**
 * Parses a programme's stored rules. The programmes module validates rules on write, so a failure here
 * is a data fault, reported as a 500 rather than guessed around.
 */
/**
 * A programme's rules from their stored JSON. Every theme-day read parses them, and a programme has one rules
 * text at a time, so parses are kept by text (a few programmes a year; bounded) and handed out deeply frozen:
 * a caller that tried to change a shared result would throw instead of changing everyone's.
 */
export function parseRules(text: string): ProgrammeRules {
  const kept = parsedRules.get(text);
  if (kept) return kept;
  const r = ProgrammeRules.safeParse(json.parse<unknown>(text, null));
  if (!r.success) throw new AppError(500, 'internal_error', undefined, undefined);
  if (parsedRules.size >= 64) parsedRules.clear();
  parsedRules.set(text, deepFreeze(r.data));
  return r.data;
}
const parsedRules = new Map<string, ProgrammeRules>();

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

export async function getProgramme(db: Executor, id: string): Promise<ProgrammeRecord | undefined> {
  const row = await db
    .selectFrom('programmes')
    .select(['id', 'year', 'name', 'status', 'rules'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return { id: row.id, year: Number(row.year), name: row.name, status: row.status, rules: parseRules(row.rules) };
}

const THEME_DAY_COLUMNS = [
  't.id',
  't.programme_id',
  't.plan_id',
  't.title',
  't.theme',
  't.start_date',
  't.end_date',
  't.partner_base_ids',
  't.created_at',
  't.updated_at',
  'p.year',
  'p.name as programme_name',
  'p.status as programme_status',
  'p.rules',
  'b.id as base_id',
  'b.name as base_name',
  'b.short_name',
  'b.kind as base_kind',
  'b.region_code',
  'b.organisation_id',
  'b.supervisor_organisation_id',
] as const;

function themeDayQuery(db: Executor) {
  return db
    .selectFrom('theme_days as t')
    .innerJoin('programmes as p', 'p.id', 't.programme_id')
    .innerJoin('bases as b', 'b.id', 't.base_id')
    .select(THEME_DAY_COLUMNS);
}

type ThemeDayRow = Awaited<ReturnType<ReturnType<typeof themeDayQuery>['executeTakeFirstOrThrow']>>;

function toRecord(r: ThemeDayRow): ThemeDayRecord {
  return {
    id: r.id,
    programmeId: r.programme_id,
    planId: r.plan_id,
    title: r.title,
    theme: r.theme,
    startDate: r.start_date,
    endDate: r.end_date,
    partnerBaseIds: json.parse<string[]>(r.partner_base_ids, []),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    programme: {
      id: r.programme_id,
      year: Number(r.year),
      name: r.programme_name,
      status: r.programme_status,
      rules: parseRules(r.rules),
    },
    host: {
      id: r.base_id,
      name: r.base_name,
      shortName: r.short_name,
      kind: r.base_kind,
      regionCode: r.region_code,
      organisationId: r.organisation_id,
      supervisorOrganisationId: r.supervisor_organisation_id,
    },
  };
}

/** One theme day by id; compiled once (every session, registration and meeting read starts here). */
const themeDayById = prepared((db: Executor, id: string) => themeDayQuery(db).where('t.id', '=', id));

export async function getThemeDay(db: Executor, id: string): Promise<ThemeDayRecord | undefined> {
  const r = (await themeDayById(db, id)).rows[0];
  return r ? toRecord(r) : undefined;
}

export type ThemeDaySort = 'startDate' | 'createdAt' | 'title';
const SORT_COLUMN = { startDate: 't.start_date', createdAt: 't.created_at', title: 't.title' } as const;

export interface ThemeDayFilter {
  programmeId?: string;
  year?: number;
  baseId?: string;
  /** Only theme days of programmes that have been published (status not draft). */
  publishedOnly?: boolean;
  page: number;
  pageSize: number;
  sort: ThemeDaySort;
  order: 'asc' | 'desc';
}

/** A page of theme days with their total, filtered and sorted (ties broken by id for stable paging). */
export async function listThemeDays(
  db: Executor,
  f: ThemeDayFilter,
): Promise<{ items: ThemeDayRecord[]; total: number }> {
  let q = db
    .selectFrom('theme_days as t')
    .innerJoin('programmes as p', 'p.id', 't.programme_id')
    .innerJoin('bases as b', 'b.id', 't.base_id');
  if (f.programmeId) q = q.where('t.programme_id', '=', f.programmeId);
  if (f.year !== undefined) q = q.where('p.year', '=', f.year);
  if (f.baseId) q = q.where('t.base_id', '=', f.baseId);
  if (f.publishedOnly) q = q.where('p.status', '!=', 'draft');
  const [rows, total] = await Promise.all([
    q
      .select(THEME_DAY_COLUMNS)
      .orderBy(SORT_COLUMN[f.sort], f.order)
      .orderBy('t.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toRecord), total: toCount(total) };
}

/** Bases by id, for partner lists (unknown ids are simply absent). */
export async function getBases(db: Executor, ids: Iterable<string>): Promise<Map<string, BaseRef>> {
  const list = [...new Set(ids)];
  if (!list.length) return new Map();
  const rows = await db
    .selectFrom('bases')
    .select(['id', 'name', 'short_name', 'kind', 'region_code', 'organisation_id'])
    .where('id', 'in', list)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        name: r.name,
        shortName: r.short_name,
        kind: r.kind,
        regionCode: r.region_code,
        organisationId: r.organisation_id,
      },
    ]),
  );
}

export interface ActivityPlanSummary {
  status: ActivityPlanStatus;
  supportOrganisationIds: string[];
}

/** Activity-plan status (and named support organisations) per theme day; absent when none was saved yet. */
export async function activityPlanSummaries(
  db: Executor,
  themeDayIds: string[],
): Promise<Map<string, ActivityPlanSummary>> {
  if (!themeDayIds.length) return new Map();
  const rows = await db
    .selectFrom('activity_plans')
    .select(['theme_day_id', 'status', 'content'])
    .where('theme_day_id', 'in', themeDayIds)
    .execute();
  return new Map(
    rows.map((r) => {
      const c = json.parse<{ supportOrganisationIds?: unknown }>(r.content, {});
      const ids = Array.isArray(c.supportOrganisationIds)
        ? c.supportOrganisationIds.filter((x): x is string => typeof x === 'string')
        : [];
      return [r.theme_day_id, { status: r.status, supportOrganisationIds: ids }];
    }),
  );
}

/** Number of hosts selected so far in a programme (one theme day per selected plan). */
export async function countThemeDays(db: Executor, programmeId: string): Promise<number> {
  const r = await db
    .selectFrom('theme_days')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('programme_id', '=', programmeId)
    .executeTakeFirstOrThrow();
  return toCount(r);
}

/**
 * Takes the programme's row lock (PostgreSQL; SQLite has a single writer): commands that schedule or
 * remove theme days of a programme run one at a time. False when the programme does not exist.
 */
export async function lockProgramme(db: Executor, dialect: Dialect, programmeId: string): Promise<boolean> {
  return !!(await forUpdate(
    db.selectFrom('programmes').select('id').where('id', '=', programmeId),
    dialect,
  ).executeTakeFirst());
}

/** The programme's theme days with their host's names, by start date (for the overlap check). */
export async function scheduledThemeDays(db: Executor, programmeId: string, excludeThemeDayId?: string) {
  let q = db
    .selectFrom('theme_days as t')
    .innerJoin('bases as b', 'b.id', 't.base_id')
    .select(['t.id', 't.start_date', 't.end_date', 'b.name', 'b.short_name'])
    .where('t.programme_id', '=', programmeId);
  if (excludeThemeDayId) q = q.where('t.id', '!=', excludeThemeDayId);
  return q.orderBy('t.start_date').execute();
}

/** A preliminary plan of the programme, row-locked, for host selection. */
export async function lockPlanOfProgramme(db: Executor, dialect: Dialect, planId: string, programmeId: string) {
  return forUpdate(
    db.selectFrom('preliminary_plans').selectAll().where('id', '=', planId).where('programme_id', '=', programmeId),
    dialect,
  ).executeTakeFirst();
}

/** The activity plan of a theme day: id and status only. */
/** Submitted reviews of a preliminary plan (the minReviews rule of host selection). */
export async function submittedReviewCount(db: Executor, planId: string): Promise<number> {
  const r = await db
    .selectFrom('review_assignments')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('plan_id', '=', planId)
    .where('status', '=', 'submitted')
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function activityPlanStatusOf(db: Executor, themeDayId: string) {
  return db
    .selectFrom('activity_plans')
    .select(['id', 'status'])
    .where('theme_day_id', '=', themeDayId)
    .executeTakeFirst();
}

/** Row-locks a theme day, so that nothing can be attached to it (a foreign key) until the transaction ends. */
export async function lockThemeDay(db: Executor, dialect: Dialect, id: string): Promise<boolean> {
  return !!(await forUpdate(db.selectFrom('theme_days').select('id').where('id', '=', id), dialect).executeTakeFirst());
}

/**
 * Every table that points at a theme day, besides its activity plan (which goes with it). A theme day
 * with rows in any of them cannot be removed: the rows would point at nothing.
 */
export const THEME_DAY_CHILDREN = [
  'meeting_sessions',
  'event_sessions',
  'resources',
  'demands',
  'results',
  'alliances',
  'docking_sessions',
  'exhibition_booths',
  'cooperation_projects',
  'surveys',
  'news',
  'news_delegations',
  'evaluation_theme_days',
  'evaluation_scores',
  'invitations',
  'theme_day_coorganisers',
  'support_delegations',
] as const;
export type ThemeDayChild = (typeof THEME_DAY_CHILDREN)[number];

/** The child tables that have rows hanging on the theme day, with how many. */
export async function themeDayChildren(
  db: Executor,
  themeDayId: string,
): Promise<{ table: ThemeDayChild; count: number }[]> {
  const found: { table: ThemeDayChild; count: number }[] = [];
  for (const table of THEME_DAY_CHILDREN) {
    const r = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('theme_day_id', '=', themeDayId)
      .executeTakeFirst();
    const count = toCount(r);
    if (count > 0) found.push({ table, count });
  }
  return found;
}
