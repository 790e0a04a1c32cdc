/** All SQL of the third-party evaluation: the evaluations, their theme days and scores, and the counts behind the indicators. */
import type { Selectable } from 'kysely';
import { forUpdate, json, type Dialect, type Executor } from '../../db/index.ts';
import type { SessionKind, SessionMode } from '../../../common/contracts/events.ts';
import type { EvaluationScoreTable, EvaluationTable } from '../../db/schema.ts';

export type EvaluationRow = Selectable<EvaluationTable>;
export type ScoreRow = Selectable<EvaluationScoreTable>;

export interface ScopedThemeDay {
  id: string;
  title: string;
  year: number;
  start_date: string;
  end_date: string;
}

export const getEvaluation = (db: Executor, id: string): Promise<EvaluationRow | undefined> =>
  db.selectFrom('evaluations').selectAll().where('id', '=', id).executeTakeFirst();

export function listEvaluations(db: Executor, f: { evaluatorOrganisationId?: string }): Promise<EvaluationRow[]> {
  let q = db.selectFrom('evaluations').selectAll();
  if (f.evaluatorOrganisationId) q = q.where('evaluator_organisation_id', '=', f.evaluatorOrganisationId);
  return q.orderBy('created_at', 'desc').orderBy('id').execute();
}

export const insertEvaluation = (db: Executor, row: EvaluationRow) =>
  db.insertInto('evaluations').values(row).execute();

export const updateEvaluation = (db: Executor, id: string, set: Partial<EvaluationRow>) =>
  db.updateTable('evaluations').set(set).where('id', '=', id).execute();

/** Locks the evaluation row for the rest of the transaction (PostgreSQL; SQLite serialises writers). */
export const lockEvaluation = (db: Executor, dialect: Dialect, id: string): Promise<EvaluationRow | undefined> =>
  forUpdate(db.selectFrom('evaluations').selectAll().where('id', '=', id), dialect).executeTakeFirst();

export async function insertScope(db: Executor, evaluationId: string, themeDayIds: string[]): Promise<void> {
  await db
    .insertInto('evaluation_theme_days')
    .values(themeDayIds.map((t, i) => ({ evaluation_id: evaluationId, theme_day_id: t, position: i })))
    .execute();
}

/** The theme days in scope of each evaluation, in the order NDRC listed them. */
export async function scopesOf(db: Executor, evaluationIds: string[]): Promise<Map<string, ScopedThemeDay[]>> {
  const out = new Map<string, ScopedThemeDay[]>(evaluationIds.map((id) => [id, []]));
  if (!evaluationIds.length) return out;
  const rows = await db
    .selectFrom('evaluation_theme_days as e')
    .innerJoin('theme_days as t', 't.id', 'e.theme_day_id')
    .innerJoin('programmes as p', 'p.id', 't.programme_id')
    .select(['e.evaluation_id', 't.id', 't.title', 'p.year', 't.start_date', 't.end_date'])
    .where('e.evaluation_id', 'in', evaluationIds)
    .orderBy('e.evaluation_id')
    .orderBy('e.position')
    .execute();
  for (const r of rows)
    out.get(r.evaluation_id)!.push({
      id: r.id,
      title: r.title,
      year: Number(r.year),
      start_date: r.start_date,
      end_date: r.end_date,
    });
  return out;
}

export const existingThemeDayIds = async (db: Executor, ids: string[]): Promise<Set<string>> =>
  new Set(
    ids.length
      ? (await db.selectFrom('theme_days').select('id').where('id', 'in', ids).execute()).map((r) => r.id)
      : [],
  );

export const organisation = (db: Executor, id: string) =>
  db.selectFrom('organisations').select(['id', 'name', 'kind']).where('id', '=', id).executeTakeFirst();

export async function orgNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  const list = [...new Set(ids)];
  if (!list.length) return new Map();
  const rows = await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', list).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export const scoresOf = (db: Executor, evaluationId: string): Promise<ScoreRow[]> =>
  db
    .selectFrom('evaluation_scores')
    .selectAll()
    .where('evaluation_id', '=', evaluationId)
    .orderBy('theme_day_id')
    .orderBy('indicator_key')
    .execute();

/** Inserts or replaces one score (unique per evaluation, theme day and indicator). */
export async function upsertScore(db: Executor, row: ScoreRow): Promise<void> {
  await db
    .insertInto('evaluation_scores')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['evaluation_id', 'theme_day_id', 'indicator_key']).doUpdateSet({
        score: row.score,
        comment: row.comment,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

// ----- counts behind the indicators -----------------------------------------------------------------------

export interface RegistrationFact {
  theme_day_id: string;
  size_class: string | null;
  kind: string | null;
  checked_in: boolean;
}

/** Registrations (registered, or checked in) of the theme days' activity sessions, with the organisation's profile. */
export async function registrationFacts(db: Executor, themeDayIds: string[]): Promise<RegistrationFact[]> {
  if (!themeDayIds.length) return [];
  const rows = await db
    .selectFrom('event_registrations as r')
    .innerJoin('event_sessions as s', 's.id', 'r.session_id')
    .leftJoin('organisations as o', 'o.id', 'r.organisation_id')
    .select(['s.theme_day_id', 'o.size_class', 'o.kind', 'r.checked_in_at'])
    .where('s.theme_day_id', 'in', themeDayIds)
    .where((eb) => eb.or([eb('r.status', '=', 'registered'), eb('r.checked_in_at', 'is not', null)]))
    .execute();
  return rows.map((r) => ({
    theme_day_id: r.theme_day_id,
    size_class: r.size_class ?? null,
    kind: r.kind ?? null,
    checked_in: r.checked_in_at !== null,
  }));
}

/** Per theme day: meetings not cancelled, and those with an outcome other than "did not take place". */
export async function meetingCounts(
  db: Executor,
  themeDayIds: string[],
): Promise<Map<string, { scheduled: number; held: number }>> {
  const out = new Map(themeDayIds.map((t) => [t, { scheduled: 0, held: 0 }]));
  if (!themeDayIds.length) return out;
  const rows = await db
    .selectFrom('meetings as m')
    .innerJoin('meeting_sessions as s', 's.id', 'm.session_id')
    .select([
      's.theme_day_id',
      'm.id',
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('meeting_outcomes as o')
              .select('o.id')
              .whereRef('o.meeting_id', '=', 'm.id')
              .where('o.outcome', '!=', 'did_not_take_place'),
          )
          .as('held'),
    ])
    .where('s.theme_day_id', 'in', themeDayIds)
    .where('m.status', '!=', 'cancelled')
    .execute();
  for (const r of rows) {
    const c = out.get(r.theme_day_id)!;
    c.scheduled++;
    if (r.held && Number(r.held) !== 0) c.held++;
  }
  return out;
}

/** Per theme day: roadshow projects accepted to pitch, and the judges' intents to sign with their ranges (万元). */
export async function roadshowCounts(
  db: Executor,
  themeDayIds: string[],
): Promise<Map<string, { projects: number; intents: number; intentMinWan: number; intentMaxWan: number }>> {
  const out = new Map(themeDayIds.map((t) => [t, { projects: 0, intents: 0, intentMinWan: 0, intentMaxWan: 0 }]));
  if (!themeDayIds.length) return out;
  const projects = await db
    .selectFrom('roadshow_projects as p')
    .innerJoin('roadshows as r', 'r.id', 'p.roadshow_id')
    .innerJoin('event_sessions as s', 's.id', 'r.session_id')
    .select(['s.theme_day_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('s.theme_day_id', 'in', themeDayIds)
    .where('p.status', '=', 'accepted')
    .groupBy('s.theme_day_id')
    .execute();
  for (const r of projects) out.get(r.theme_day_id)!.projects = Number(r.n);
  const intents = await db
    .selectFrom('roadshow_scores as sc')
    .innerJoin('roadshows as r', 'r.id', 'sc.roadshow_id')
    .innerJoin('event_sessions as s', 's.id', 'r.session_id')
    .select(['s.theme_day_id', 'sc.intent_min_wan', 'sc.intent_max_wan'])
    .where('s.theme_day_id', 'in', themeDayIds)
    .where('sc.intent_to_sign', '=', 1)
    .execute();
  for (const r of intents) {
    const c = out.get(r.theme_day_id)!;
    c.intents++;
    c.intentMinWan += Number(r.intent_min_wan ?? 0);
    c.intentMaxWan += Number(r.intent_max_wan ?? 0);
  }
  return out;
}

/** Per theme day, from its activity plan: the content-area keys it describes (parts with a description) and its head-count limit. */
export async function planFacts(
  db: Executor,
  themeDayIds: string[],
): Promise<Map<string, { areas: string[]; headcountLimit: number | null }>> {
  const out = new Map(themeDayIds.map((t) => [t, { areas: [] as string[], headcountLimit: null as number | null }]));
  if (!themeDayIds.length) return out;
  const rows = await db
    .selectFrom('activity_plans')
    .select(['theme_day_id', 'content'])
    .where('theme_day_id', 'in', themeDayIds)
    .execute();
  for (const r of rows) {
    const c = json.parse<{ parts?: { key?: unknown; description?: unknown }[]; headcountLimit?: unknown }>(
      r.content,
      {},
    );
    out.set(r.theme_day_id, {
      areas: (c.parts ?? [])
        .filter((p) => typeof p.key === 'string' && typeof p.description === 'string' && p.description.trim() !== '')
        .map((p) => p.key as string),
      headcountLimit: typeof c.headcountLimit === 'number' ? c.headcountLimit : null,
    });
  }
  return out;
}

export interface SessionCountFact {
  id: string;
  theme_day_id: string;
  title: string;
  kind: SessionKind;
  mode: SessionMode;
  starts_at: string;
  capacity: number | null;
  venue_capacity: number | null;
  online_limit: number | null;
  /** Offline registrations holding a place or checked in. */
  registered: number;
  checkedIn: number;
  waitlisted: number;
  onlineRegistered: number;
}

/** The activity sessions of the theme days with their limits and head counts, in start order. */
export async function sessionCountFacts(db: Executor, themeDayIds: string[]): Promise<SessionCountFact[]> {
  if (!themeDayIds.length) return [];
  const sessions = await db
    .selectFrom('event_sessions')
    .select(['id', 'theme_day_id', 'title', 'kind', 'mode', 'starts_at', 'capacity', 'venue_capacity', 'online_limit'])
    .where('theme_day_id', 'in', themeDayIds)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
  const out = new Map<string, SessionCountFact>(
    sessions.map((s) => [
      s.id,
      {
        ...s,
        capacity: s.capacity === null ? null : Number(s.capacity),
        venue_capacity: s.venue_capacity === null ? null : Number(s.venue_capacity),
        online_limit: s.online_limit === null ? null : Number(s.online_limit),
        registered: 0,
        checkedIn: 0,
        waitlisted: 0,
        onlineRegistered: 0,
      },
    ]),
  );
  if (!sessions.length) return [];
  const rows = await db
    .selectFrom('event_registrations as r')
    .innerJoin('event_sessions as s', 's.id', 'r.session_id')
    .select(['r.session_id', 'r.attendance', 'r.status', 'r.checked_in_at'])
    .where('s.theme_day_id', 'in', themeDayIds)
    .execute();
  for (const r of rows) {
    const c = out.get(r.session_id);
    if (!c) continue;
    const holds = r.status === 'registered' || r.checked_in_at !== null;
    if (r.attendance === 'online') {
      if (holds) c.onlineRegistered++;
    } else {
      if (holds) c.registered++;
      if (r.checked_in_at !== null) c.checkedIn++;
      if (r.status === 'waitlisted' && r.checked_in_at === null) c.waitlisted++;
    }
  }
  return [...out.values()];
}
