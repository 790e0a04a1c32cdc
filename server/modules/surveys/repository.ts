/** All SQL of the surveys area (issue 11 §1). */
import type { Selectable } from 'kysely';
import type { ParticipationKind } from '../../../common/contracts/surveys.ts';
import type { Executor } from '../../db/index.ts';
import { themeDayFacts, type ThemeDayFacts } from '../projects/repository.ts';
import type { SurveyAnswerTable, SurveyInstrumentTable, SurveyInvitationTable, SurveyTable } from '../../db/schema.ts';

export type SurveyRow = Selectable<SurveyTable>;
export type InvitationRow = Selectable<SurveyInvitationTable>;
export type AnswerRow = Selectable<SurveyAnswerTable>;
export type InstrumentRow = Selectable<SurveyInstrumentTable>;

// ----- instrument ---------------------------------------------------------------------------------------------

export const instrumentRows = (db: Executor): Promise<InstrumentRow[]> =>
  db.selectFrom('survey_instruments').selectAll().orderBy('version').execute();

export const instrumentRow = (db: Executor, version: number): Promise<InstrumentRow | undefined> =>
  db.selectFrom('survey_instruments').selectAll().where('version', '=', version).executeTakeFirst();

export async function latestInstrumentVersion(db: Executor): Promise<number | null> {
  const r = await db
    .selectFrom('survey_instruments')
    .select((eb) => eb.fn.max<number | null>('version').as('v'))
    .executeTakeFirst();
  return r?.v == null ? null : Number(r.v);
}

export const insertInstrument = (db: Executor, row: InstrumentRow) =>
  db.insertInto('survey_instruments').values(row).execute();

// ----- surveys ------------------------------------------------------------------------------------------------

export const getSurvey = (db: Executor, id: string): Promise<SurveyRow | undefined> =>
  db.selectFrom('surveys').selectAll().where('id', '=', id).executeTakeFirst();

export const surveyOfThemeDay = (db: Executor, themeDayId: string): Promise<SurveyRow | undefined> =>
  db.selectFrom('surveys').selectAll().where('theme_day_id', '=', themeDayId).executeTakeFirst();

export function listSurveys(db: Executor, f: { themeDayId?: string | undefined }): Promise<SurveyRow[]> {
  let q = db.selectFrom('surveys').selectAll();
  if (f.themeDayId) q = q.where('theme_day_id', '=', f.themeDayId);
  return q.orderBy('opens_at', 'desc').orderBy('id').execute();
}

export const insertSurvey = (db: Executor, row: SurveyRow) => db.insertInto('surveys').values(row).execute();

export const updateSurvey = (db: Executor, id: string, set: Partial<SurveyRow>) =>
  db.updateTable('surveys').set(set).where('id', '=', id).execute();

/** Invitations and answers per survey, and invitations by source. */
export async function surveyCounts(
  db: Executor,
  ids: string[],
): Promise<Map<string, { invitations: number; answers: number; sources: string[] }>> {
  const out = new Map<string, { invitations: number; answers: number; sources: string[] }>();
  if (!ids.length) return out;
  for (const id of ids) out.set(id, { invitations: 0, answers: 0, sources: [] });
  const inv = await db
    .selectFrom('survey_invitations')
    .select(['survey_id', 'sources'])
    .where('survey_id', 'in', ids)
    .execute();
  for (const r of inv) {
    const c = out.get(r.survey_id)!;
    c.invitations++;
    c.sources.push(r.sources);
  }
  const ans = await db
    .selectFrom('survey_answers')
    .select(['survey_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('survey_id', 'in', ids)
    .groupBy('survey_id')
    .execute();
  for (const r of ans) out.get(r.survey_id)!.answers = Number(r.n);
  return out;
}

export async function answerCount(db: Executor, surveyId: string): Promise<number> {
  const r = await db
    .selectFrom('survey_answers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('survey_id', '=', surveyId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export const answersOf = (db: Executor, surveyId: string): Promise<AnswerRow[]> =>
  db.selectFrom('survey_answers').selectAll().where('survey_id', '=', surveyId).orderBy('id').execute();

// ----- invitations ---------------------------------------------------------------------------------------------

export const invitationByHash = (db: Executor, hash: string): Promise<InvitationRow | undefined> =>
  db.selectFrom('survey_invitations').selectAll().where('token_hash', '=', hash).executeTakeFirst();

export async function invitedUserIds(db: Executor, surveyId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('survey_invitations').select('user_id').where('survey_id', '=', surveyId).execute();
  return new Set(rows.map((r) => r.user_id));
}

export async function insertInvitations(db: Executor, rows: InvitationRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('survey_invitations')
      .values(rows.slice(i, i + 200))
      .execute();
}

/**
 * Marks the invitation used if it still is not: the one conditional write that makes "each invitation answers
 * once" hold under parallel submits (the loser updates 0 rows). Returns whether this call won.
 */
export async function claimInvitation(db: Executor, id: string, nowIso: string): Promise<boolean> {
  const r = await db
    .updateTable('survey_invitations')
    .set({ used: 1 })
    .where('id', '=', id)
    .where('used', '=', 0)
    .where('expires_at', '>', nowIso)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const insertAnswer = (db: Executor, row: AnswerRow) => db.insertInto('survey_answers').values(row).execute();

// ----- participants ------------------------------------------------------------------------------------------

export interface Participation {
  userId: string;
  organisationId: string | null;
  kind: ParticipationKind;
}

/**
 * Everyone who took part in the theme day (issue 11: registered or checked in, met 1:1, responded to a demand,
 * pitched, visited a booth), one row per participation; the service dedupes per person.
 */
export async function participationsOf(db: Executor, themeDayId: string): Promise<Participation[]> {
  const out: Participation[] = [];
  const regs = await db
    .selectFrom('event_registrations as r')
    .innerJoin('event_sessions as s', 's.id', 'r.session_id')
    .select(['r.user_id', 'r.organisation_id', 'r.checked_in_at'])
    .where('s.theme_day_id', '=', themeDayId)
    .where((eb) => eb.or([eb('r.status', '=', 'registered'), eb('r.checked_in_at', 'is not', null)]))
    .execute();
  for (const r of regs)
    out.push({
      userId: r.user_id,
      organisationId: r.organisation_id,
      kind: r.checked_in_at ? 'check_in' : 'registration',
    });

  const met = await db
    .selectFrom('meetings as m')
    .innerJoin('meeting_sessions as s', 's.id', 'm.session_id')
    .innerJoin('meeting_participants as p', (j) =>
      j.on((eb) =>
        eb.or([eb('p.id', '=', eb.ref('m.participant_a_id')), eb('p.id', '=', eb.ref('m.participant_b_id'))]),
      ),
    )
    .select(['p.user_id', 'p.organisation_id'])
    .where('s.theme_day_id', '=', themeDayId)
    .where('m.status', '!=', 'cancelled')
    .execute();
  for (const r of met) out.push({ userId: r.user_id, organisationId: r.organisation_id, kind: 'meeting' });

  const responses = await db
    .selectFrom('demand_responses as r')
    .innerJoin('demands as d', 'd.id', 'r.demand_id')
    .select(['r.user_id', 'r.organisation_id'])
    .where('d.theme_day_id', '=', themeDayId)
    .where('r.status', '!=', 'withdrawn')
    .execute();
  for (const r of responses)
    out.push({ userId: r.user_id, organisationId: r.organisation_id, kind: 'demand_response' });

  const pitched = await db
    .selectFrom('roadshow_projects as p')
    .innerJoin('roadshows as r', 'r.id', 'p.roadshow_id')
    .innerJoin('event_sessions as s', 's.id', 'r.session_id')
    .select(['p.applicant_user_id', 'p.organisation_id'])
    .where('s.theme_day_id', '=', themeDayId)
    .where('p.status', '=', 'accepted')
    .execute();
  for (const r of pitched)
    out.push({ userId: r.applicant_user_id, organisationId: r.organisation_id, kind: 'roadshow' });

  const visits = await db
    .selectFrom('exhibition_contact_requests as c')
    .innerJoin('exhibition_booths as b', 'b.id', 'c.booth_id')
    .select(['c.requester_user_id', 'c.requester_organisation_id'])
    .where('b.theme_day_id', '=', themeDayId)
    .execute();
  for (const r of visits)
    out.push({ userId: r.requester_user_id, organisationId: r.requester_organisation_id, kind: 'booth_visit' });

  return out;
}

/** Users still able to sign in (disabled accounts are not invited). */
export async function activeUserIds(db: Executor, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom('users').select('id').where('id', 'in', ids).where('disabled', '=', 0).execute();
  return new Set(rows.map((r) => r.id));
}

export async function orgProfile(
  db: Executor,
  id: string | null,
): Promise<{ size_class: AnswerRow['size_class']; kind: AnswerRow['org_kind'] } | null> {
  if (!id) return null;
  const r = await db.selectFrom('organisations').select(['size_class', 'kind']).where('id', '=', id).executeTakeFirst();
  return r ? { size_class: r.size_class, kind: r.kind } : null;
}

/** Department of the caller's active organisation (department reviewers' remit). */
export { departmentOf } from '../projects/repository.ts';

/** The theme day's facts for the policies, with its last day. */
export async function themeDayOf(db: Executor, id: string): Promise<(ThemeDayFacts & { endDate: string }) | null> {
  const f = (await themeDayFacts(db, [id])).get(id);
  if (!f) return null;
  const r = await db.selectFrom('theme_days').select('end_date').where('id', '=', id).executeTakeFirstOrThrow();
  return { ...f, endDate: r.end_date };
}
