/**
 * SQL of the roadshows (roadshows, projects, judges, scores). Every function takes `db | trx` first so a
 * command can run it inside its transaction.
 */
import { forUpdate, json, type Dialect, type Executor, type Trx } from '../../db/index.ts';
import type { RoadshowJudgeTable, RoadshowProjectTable, RoadshowScoreTable, RoadshowTable } from '../../db/schema.ts';
import { toCount } from '../../lib/sql.ts';
import {
  DEFAULT_CRITERIA,
  type Criterion,
  type ProjectListQuery,
  type ProjectStatus,
  type RoadshowStatus,
} from '../../../common/contracts/roadshows.ts';

export type RoadshowRow = RoadshowTable;
export type ProjectRow = RoadshowProjectTable;
export type JudgeRow = Omit<RoadshowJudgeTable, 'guidance_fund'> & { guidance_fund: number };
export type ScoreRow = Omit<RoadshowScoreTable, 'conflict' | 'intent_to_sign'> & {
  conflict: number;
  intent_to_sign: number;
};
/** A project with its applicant's name, as the project views show it. */
export type ProjectWithApplicant = ProjectRow & { applicant_name: string };

export const parseCriteria = (r: Pick<RoadshowRow, 'criteria'>): Criterion[] =>
  json.parse<Criterion[]>(r.criteria, DEFAULT_CRITERIA);

export async function getRoadshow(db: Executor, id: string): Promise<RoadshowRow | undefined> {
  return db.selectFrom('roadshows').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function getRoadshowBySession(db: Executor, sessionId: string): Promise<RoadshowRow | undefined> {
  return db.selectFrom('roadshows').selectAll().where('session_id', '=', sessionId).executeTakeFirst();
}
export async function getProject(db: Executor, id: string): Promise<ProjectRow | undefined> {
  return db.selectFrom('roadshow_projects').selectAll().where('id', '=', id).executeTakeFirst();
}
/** The judge invitation of a user for a roadshow, if any. */
export async function getJudge(db: Executor, roadshowId: string, userId: string): Promise<JudgeRow | undefined> {
  return db
    .selectFrom('roadshow_judges')
    .selectAll()
    .where('roadshow_id', '=', roadshowId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

const projectQuery = (db: Executor) =>
  db
    .selectFrom('roadshow_projects as p')
    .innerJoin('users as u', 'u.id', 'p.applicant_user_id')
    .selectAll('p')
    .select('u.name as applicant_name');

export async function getProjectWithApplicant(db: Executor, id: string): Promise<ProjectWithApplicant | undefined> {
  return projectQuery(db).where('p.id', '=', id).executeTakeFirst();
}

const PROJECT_SORT = {
  lineupOrder: 'p.lineup_order',
  createdAt: 'p.created_at',
  name: 'p.name',
  financingNeedWan: 'p.financing_need_wan',
} as const;

/**
 * A page of a roadshow's projects. `visibleTo` (a user id) limits the list to accepted projects and that
 * user's own applications (everyone but the staff); `mineOf` to that user's own applications.
 */
export async function listProjects(
  db: Executor,
  f: Pick<ProjectListQuery, 'status' | 'page' | 'pageSize' | 'sort' | 'order'> & {
    roadshowId: string;
    visibleTo: string | null;
    mineOf: string | null;
  },
): Promise<{ items: ProjectWithApplicant[]; total: number }> {
  let qb = db.selectFrom('roadshow_projects as p').where('p.roadshow_id', '=', f.roadshowId);
  const visibleTo = f.visibleTo;
  if (visibleTo !== null)
    qb = qb.where((eb) => eb.or([eb('p.status', '=', 'accepted'), eb('p.applicant_user_id', '=', visibleTo)]));
  if (f.status) qb = qb.where('p.status', '=', f.status);
  if (f.mineOf !== null) qb = qb.where('p.applicant_user_id', '=', f.mineOf);
  const [items, total] = await Promise.all([
    qb
      .innerJoin('users as u', 'u.id', 'p.applicant_user_id')
      .selectAll('p')
      .select('u.name as applicant_name')
      .orderBy(PROJECT_SORT[f.sort], f.order)
      .orderBy('p.created_at')
      .orderBy('p.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: toCount(total) };
}

/** Number of projects per status and of judges of one roadshow. */
export async function roadshowCounts(
  db: Executor,
  roadshowId: string,
): Promise<{ projects: Record<ProjectStatus, number>; judges: number }> {
  const byStatus = await db
    .selectFrom('roadshow_projects')
    .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
    .where('roadshow_id', '=', roadshowId)
    .groupBy('status')
    .execute();
  const n = (s: ProjectStatus) => toCount(byStatus.find((c) => c.status === s));
  return {
    projects: { submitted: n('submitted'), accepted: n('accepted'), rejected: n('rejected') },
    judges: await judgeCount(db, roadshowId),
  };
}

export async function judgeCount(db: Executor, roadshowId: string): Promise<number> {
  return toCount(
    await db
      .selectFrom('roadshow_judges')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('roadshow_id', '=', roadshowId)
      .executeTakeFirstOrThrow(),
  );
}

/** A judge's own scores, one per project. */
export async function scoresOfJudge(db: Executor, judgeId: string): Promise<ScoreRow[]> {
  return db.selectFrom('roadshow_scores').selectAll().where('judge_id', '=', judgeId).execute();
}

export async function findScoreId(db: Executor, projectId: string, judgeId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('roadshow_scores')
    .select('id')
    .where('project_id', '=', projectId)
    .where('judge_id', '=', judgeId)
    .executeTakeFirst();
  return row?.id;
}

/** Accepted projects of a roadshow (the lineup), any order. */
export async function acceptedProjects(db: Executor, roadshowId: string): Promise<ProjectRow[]> {
  return db
    .selectFrom('roadshow_projects')
    .selectAll()
    .where('roadshow_id', '=', roadshowId)
    .where('status', '=', 'accepted')
    .execute();
}

export async function acceptedCount(db: Executor, roadshowId: string): Promise<number> {
  return toCount(
    await db
      .selectFrom('roadshow_projects')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('roadshow_id', '=', roadshowId)
      .where('status', '=', 'accepted')
      .executeTakeFirstOrThrow(),
  );
}

/** The highest lineup place given so far (0 when none). */
export async function maxLineupOrder(db: Executor, roadshowId: string): Promise<number> {
  const max = await db
    .selectFrom('roadshow_projects')
    .select((eb) => eb.fn.max('lineup_order').as('m'))
    .where('roadshow_id', '=', roadshowId)
    .executeTakeFirst();
  return Number(max?.m ?? 0);
}

/** The expert and investor memberships of a user, oldest first (who may be invited as a judge, and as what). */
export async function judgeRolesOf(db: Executor, userId: string) {
  return db
    .selectFrom('memberships')
    .select(['role', 'organisation_id'])
    .where('user_id', '=', userId)
    .where('role', 'in', ['expert', 'investor'])
    .orderBy('created_at')
    .execute();
}

/** Locks the roadshow row for a status change (`forUpdate` on PostgreSQL). */
export async function lockRoadshowStatus(
  trx: Trx,
  dialect: Dialect,
  id: string,
): Promise<{ id: string; status: RoadshowStatus } | undefined> {
  return forUpdate(
    trx.selectFrom('roadshows').select(['id', 'status']).where('id', '=', id),
    dialect,
  ).executeTakeFirst();
}

/** Applicants of the accepted projects and the judges: who is told when the results are published. */
export async function resultRecipients(db: Executor, roadshowId: string): Promise<string[]> {
  const applicants = await db
    .selectFrom('roadshow_projects')
    .select('applicant_user_id')
    .where('roadshow_id', '=', roadshowId)
    .where('status', '=', 'accepted')
    .execute();
  const judges = await db
    .selectFrom('roadshow_judges')
    .select('user_id')
    .where('roadshow_id', '=', roadshowId)
    .execute();
  return [...applicants.map((a) => a.applicant_user_id), ...judges.map((j) => j.user_id)];
}

/** Every score of a roadshow with whether its judge is the guidance fund (for the ranking). */
export async function scoresWithFund(db: Executor, roadshowId: string) {
  return db
    .selectFrom('roadshow_scores as s')
    .innerJoin('roadshow_judges as j', 'j.id', 's.judge_id')
    .selectAll('s')
    .select('j.guidance_fund')
    .where('s.roadshow_id', '=', roadshowId)
    .execute();
}

/** The judges of a roadshow with their names and how many projects each has scored, in invitation order. */
export async function listJudges(db: Executor, roadshowId: string) {
  return db
    .selectFrom('roadshow_judges as j')
    .innerJoin('users as u', 'u.id', 'j.user_id')
    .leftJoin('organisations as o', 'o.id', 'j.organisation_id')
    .select([
      'j.id',
      'j.user_id',
      'u.name',
      'j.organisation_id',
      'o.name as org_name',
      'j.kind',
      'j.guidance_fund',
      'j.invited_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('roadshow_scores as s')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('s.judge_id', '=', 'j.id')
        .as('scored'),
    )
    .where('j.roadshow_id', '=', roadshowId)
    .orderBy('j.invited_at')
    .orderBy('j.id')
    .execute();
}
export type JudgeListRow = Awaited<ReturnType<typeof listJudges>>[number];

/** Every score of a roadshow with its project and judge, by lineup and judge name (the score exports). */
export async function scoreExportRows(db: Executor, roadshowId: string) {
  return db
    .selectFrom('roadshow_scores as s')
    .innerJoin('roadshow_projects as p', 'p.id', 's.project_id')
    .innerJoin('roadshow_judges as j', 'j.id', 's.judge_id')
    .innerJoin('users as u', 'u.id', 'j.user_id')
    .select([
      'p.name as project',
      'p.lineup_order',
      'u.name as judge',
      'j.kind',
      'j.guidance_fund',
      's.scores',
      's.conflict',
      's.conflict_reason',
      's.intent_min_wan',
      's.intent_max_wan',
      's.intent_to_sign',
      's.comment',
      's.updated_at',
    ])
    .where('s.roadshow_id', '=', roadshowId)
    .orderBy('p.lineup_order')
    .orderBy('u.name')
    .execute();
}
export type ScoreExportRow = Awaited<ReturnType<typeof scoreExportRows>>[number];

/** Experts and investors matching a name or organisation (at most 50), for the staff's judge picker. */
export async function judgeCandidates(db: Executor, q: string | undefined) {
  let qb = db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select(['u.id', 'u.name', 'o.name as org_name', 'm.role'])
    .where('m.role', 'in', ['expert', 'investor']);
  if (q) {
    const like = `%${q.replace(/[%_\\]/g, '')}%`;
    qb = qb.where((eb) => eb.or([eb('u.name', 'like', like), eb('o.name', 'like', like)]));
  }
  return qb.orderBy('u.name').orderBy('u.id').limit(50).execute();
}
export type JudgeCandidateRow = Awaited<ReturnType<typeof judgeCandidates>>[number];

export async function judgeUserIds(db: Executor, roadshowId: string): Promise<Set<string>> {
  return new Set(
    (await db.selectFrom('roadshow_judges').select('user_id').where('roadshow_id', '=', roadshowId).execute()).map(
      (j) => j.user_id,
    ),
  );
}

// ----- roadshows with their session and theme day (the lists and the portal) --------------------------------

const roadshowWithSession = (db: Executor) =>
  db
    .selectFrom('roadshows as r')
    .innerJoin('event_sessions as s', 's.id', 'r.session_id')
    .innerJoin('theme_days as t', 't.id', 's.theme_day_id')
    .innerJoin('programmes as pg', 'pg.id', 't.programme_id')
    .select([
      'r.id',
      'r.title',
      'r.status',
      'r.criteria',
      't.id as td_id',
      't.title as td_title',
      't.start_date',
      's.id as s_id',
      's.title as s_title',
      's.starts_at',
      's.ends_at',
      's.venue',
      's.mode',
      'pg.status as programme_status',
    ]);
export type RoadshowWithSession = Awaited<
  ReturnType<ReturnType<typeof roadshowWithSession>['executeTakeFirstOrThrow']>
>;

/** Roadshows (of published programmes unless `withDrafts`), by session start or title. */
export async function listRoadshowsWithSession(
  db: Executor,
  f: {
    withDrafts: boolean;
    themeDayId?: string | undefined;
    status?: RoadshowStatus | undefined;
    sort: 'startsAt' | 'title';
    order: 'asc' | 'desc';
  },
): Promise<RoadshowWithSession[]> {
  let qb = roadshowWithSession(db);
  if (!f.withDrafts) qb = qb.where('pg.status', '!=', 'draft');
  if (f.themeDayId) qb = qb.where('t.id', '=', f.themeDayId);
  if (f.status) qb = qb.where('r.status', '=', f.status);
  return qb
    .orderBy(f.sort === 'title' ? 'r.title' : 's.starts_at', f.order)
    .orderBy('r.id')
    .execute();
}

/** A theme day's roadshows of a published programme, by session start (the portal). */
export async function publicRoadshowsOfThemeDay(db: Executor, themeDayId: string): Promise<RoadshowWithSession[]> {
  return roadshowWithSession(db)
    .where('t.id', '=', themeDayId)
    .where('pg.status', '!=', 'draft')
    .orderBy('s.starts_at')
    .orderBy('r.id')
    .execute();
}

/** A roadshow of a published programme (the portal). */
export async function publicRoadshow(db: Executor, id: string): Promise<RoadshowWithSession | undefined> {
  return roadshowWithSession(db).where('r.id', '=', id).where('pg.status', '!=', 'draft').executeTakeFirst();
}

/** Roadshows the user judges. */
export async function judgedRoadshowIds(db: Executor, userId: string): Promise<Set<string>> {
  return new Set(
    (await db.selectFrom('roadshow_judges').select('roadshow_id').where('user_id', '=', userId).execute()).map(
      (j) => j.roadshow_id,
    ),
  );
}

/** The user's project applications per roadshow. */
export async function applicationCounts(db: Executor, userId: string): Promise<Map<string, number>> {
  const applied = new Map<string, number>();
  for (const p of await db
    .selectFrom('roadshow_projects')
    .select('roadshow_id')
    .where('applicant_user_id', '=', userId)
    .execute())
    applied.set(p.roadshow_id, (applied.get(p.roadshow_id) ?? 0) + 1);
  return applied;
}

/** Projects per roadshow and status, and judges per roadshow, for one page of roadshows. */
export async function summaryCounts(db: Executor, ids: string[]) {
  if (!ids.length) return { projects: [], judges: [] };
  const projects = await db
    .selectFrom('roadshow_projects')
    .select((eb) => ['roadshow_id', 'status', eb.fn.countAll<number>().as('n')])
    .where('roadshow_id', 'in', ids)
    .groupBy(['roadshow_id', 'status'])
    .execute();
  const judges = await db
    .selectFrom('roadshow_judges')
    .select((eb) => ['roadshow_id', eb.fn.countAll<number>().as('n')])
    .where('roadshow_id', 'in', ids)
    .groupBy('roadshow_id')
    .execute();
  return { projects, judges };
}
export type SummaryCounts = Awaited<ReturnType<typeof summaryCounts>>;

/** Theme days by id, newest first, with their roadshow sessions (and the roadshow set up on each, if any). */
export async function themeDaysWithRoadshowSessions(db: Executor, themeDayIds: string[]) {
  const tds = await db
    .selectFrom('theme_days')
    .select(['id', 'title', 'start_date', 'end_date'])
    .where('id', 'in', themeDayIds)
    .orderBy('start_date', 'desc')
    .execute();
  const sessions = await db
    .selectFrom('event_sessions as s')
    .leftJoin('roadshows as r', 'r.session_id', 's.id')
    .select([
      's.id',
      's.theme_day_id',
      's.title',
      's.starts_at',
      's.ends_at',
      's.venue',
      's.mode',
      'r.id as roadshow_id',
    ])
    .where('s.theme_day_id', 'in', themeDayIds)
    .where('s.kind', '=', 'roadshow')
    .orderBy('s.starts_at')
    .execute();
  return { tds, sessions };
}

/** A page of the user's own project applications with their roadshow, newest first by default. */
export async function listMyProjects(
  db: Executor,
  f: { userId: string; page: number; pageSize: number; order: 'asc' | 'desc' },
) {
  const qb = db
    .selectFrom('roadshow_projects as p')
    .innerJoin('roadshows as r', 'r.id', 'p.roadshow_id')
    .where('p.applicant_user_id', '=', f.userId);
  const [items, total] = await Promise.all([
    qb
      .selectAll('p')
      .select(['r.title as roadshow_title', 'r.status as roadshow_status'])
      .orderBy('p.created_at', f.order)
      .orderBy('p.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: toCount(total) };
}
export type MyProjectRow = Awaited<ReturnType<typeof listMyProjects>>['items'][number];

/** The public lineup: accepted projects in pitch order. */
export async function publicLineup(db: Executor, roadshowId: string) {
  return db
    .selectFrom('roadshow_projects')
    .select(['name', 'organisation_name', 'field', 'stage', 'lineup_order'])
    .where('roadshow_id', '=', roadshowId)
    .where('status', '=', 'accepted')
    .orderBy('lineup_order')
    .orderBy('created_at')
    .execute();
}
