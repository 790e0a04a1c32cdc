/** SQL of scheduled jobs (reminders) and of the facts the reminder kinds read. */
import { sql } from 'kysely';
import type { Executor } from '../../db/index.ts';
import type { BaseKind } from '../../../common/roles.ts';

export interface JobSpec {
  kind: string;
  key: string;
  runAt: string;
  payload: string;
  createdAt: string;
}

/** Inserts jobs that do not exist yet; the unique (kind, job_key) keeps one per reminder across servers. */
export async function insertJobs(db: Executor, specs: JobSpec[], newId: () => string): Promise<number> {
  if (!specs.length) return 0;
  const r = await db
    .insertInto('scheduled_jobs')
    .values(
      specs.map((s) => ({
        id: newId(),
        kind: s.kind,
        job_key: s.key,
        run_at: s.runAt,
        payload: s.payload,
        status: 'pending' as const,
        attempts: 0,
        last_error: null,
        result: null,
        created_at: s.createdAt,
        finished_at: null,
      })),
    )
    .onConflict((oc) => oc.columns(['kind', 'job_key']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

export async function dueJobs(db: Executor, now: string, limit: number) {
  return db
    .selectFrom('scheduled_jobs')
    .select(['id', 'kind'])
    .where('status', '=', 'pending')
    .where('run_at', '<=', now)
    .orderBy('run_at')
    .limit(limit)
    .execute();
}

/**
 * Takes a due job inside the transaction that runs it: the conditional update locks the row, so a second
 * server's update waits for this transaction and then finds the job no longer pending (exactly once).
 */
export async function takeJob(db: Executor, id: string, now: string) {
  return db
    .updateTable('scheduled_jobs')
    .set({ status: 'done', finished_at: now, attempts: sql<number>`attempts + 1` })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

export async function finishJob(db: Executor, id: string, status: 'done' | 'skipped', result: string): Promise<void> {
  await db.updateTable('scheduled_jobs').set({ status, result }).where('id', '=', id).execute();
}

/** After a failed run (its transaction rolled back): count the attempt, retry later or give up. */
export async function failJob(db: Executor, id: string, error: string, retryAt: string, maxAttempts: number) {
  await db
    .updateTable('scheduled_jobs')
    .set({
      attempts: sql<number>`attempts + 1`,
      last_error: error,
      run_at: retryAt,
      status: sql<'pending' | 'failed'>`case when attempts >= ${maxAttempts - 1} then 'failed' else 'pending' end`,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

// --- facts of the reminder kinds ---

export async function openProgrammes(db: Executor) {
  return db
    .selectFrom('programmes')
    .select(['id', 'year', 'name', 'rules', 'status'])
    .where('status', '=', 'open')
    .execute();
}

export async function programmeById(db: Executor, id: string) {
  return db
    .selectFrom('programmes')
    .select(['id', 'year', 'name', 'rules', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Bases of the eligible kinds, run by an organisation, that have no submitted or selected plan in the programme. */
export async function basesWithoutSubmittedPlan(db: Executor, programmeId: string, kinds: readonly BaseKind[]) {
  if (!kinds.length) return [];
  return db
    .selectFrom('bases as b')
    .select(['b.id', 'b.short_name', 'b.organisation_id'])
    .where('b.kind', 'in', kinds)
    .where('b.organisation_id', 'is not', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('preliminary_plans as p')
            .select('p.id')
            .whereRef('p.base_id', '=', 'b.id')
            .where('p.programme_id', '=', programmeId)
            .where('p.status', 'in', ['submitted', 'selected']),
        ),
      ),
    )
    .orderBy('b.short_name')
    .execute();
}

export async function sessionsStartingBetween(db: Executor, from: string, to: string) {
  return db
    .selectFrom('event_sessions')
    .select(['id', 'starts_at'])
    .where('starts_at', '>=', from)
    .where('starts_at', '<', to)
    .execute();
}

export async function sessionById(db: Executor, id: string) {
  return db
    .selectFrom('event_sessions')
    .select(['id', 'title', 'starts_at', 'venue', 'mode', 'online_channel'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function registeredPeople(db: Executor, sessionId: string) {
  return db
    .selectFrom('event_registrations')
    .select(['id', 'user_id', 'attendance'])
    .where('session_id', '=', sessionId)
    .where('status', '=', 'registered')
    .execute();
}

/** Theme days from `fromDate` on, with their programme's rules, base organisation and activity-plan status. */
export async function themeDaysAwaitingActivityPlan(db: Executor, fromDate: string, themeDayId?: string) {
  let q = db
    .selectFrom('theme_days as td')
    .innerJoin('programmes as p', 'p.id', 'td.programme_id')
    .innerJoin('bases as b', 'b.id', 'td.base_id')
    .leftJoin('activity_plans as ap', 'ap.theme_day_id', 'td.id')
    .select(['td.id', 'td.title', 'td.start_date', 'p.rules', 'b.organisation_id', 'ap.status as plan_status'])
    .where('td.start_date', '>=', fromDate);
  if (themeDayId) q = q.where('td.id', '=', themeDayId);
  return q.execute();
}

// --- facts of the answering reminders (participation-kinds.ts) ---

/** Review assignments not yet submitted, of plans still under review (one, or all). */
export async function reviewsAwaiting(db: Executor, assignmentId?: string) {
  let q = db
    .selectFrom('review_assignments as r')
    .innerJoin('preliminary_plans as pl', 'pl.id', 'r.plan_id')
    .innerJoin('bases as b', 'b.id', 'pl.base_id')
    .innerJoin('programmes as p', 'p.id', 'pl.programme_id')
    .select(['r.id', 'r.reviewer_user_id', 'r.assigned_at', 'b.short_name', 'p.year'])
    .where('r.status', '=', 'assigned')
    .where('pl.status', '=', 'submitted');
  if (assignmentId) q = q.where('r.id', '=', assignmentId);
  return q.execute();
}

/** Open meeting sessions held on a day within [fromDate, toDate] (Beijing dates). */
export async function meetingSessionsOn(db: Executor, fromDate: string, toDate: string) {
  return db
    .selectFrom('meeting_sessions')
    .select(['id', 'date'])
    .where('status', '=', 'open')
    .where('date', '>=', fromDate)
    .where('date', '<=', toDate)
    .execute();
}

export async function meetingSessionById(db: Executor, id: string) {
  return db
    .selectFrom('meeting_sessions')
    .select(['id', 'title', 'date', 'status', 'mode', 'published_at', 'slots', 'tables', 'venue'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The session's meetings placed in a slot, with both parties' user, name and organisation. */
export async function scheduledMeetings(db: Executor, sessionId: string) {
  return db
    .selectFrom('meetings as m')
    .innerJoin('meeting_participants as pa', 'pa.id', 'm.participant_a_id')
    .innerJoin('meeting_participants as pb', 'pb.id', 'm.participant_b_id')
    .innerJoin('users as ua', 'ua.id', 'pa.user_id')
    .innerJoin('users as ub', 'ub.id', 'pb.user_id')
    .innerJoin('organisations as oa', 'oa.id', 'pa.organisation_id')
    .innerJoin('organisations as ob', 'ob.id', 'pb.organisation_id')
    .select([
      'm.id',
      'm.slot_index',
      'm.location',
      'ua.id as a_user',
      'ua.name as a_name',
      'oa.name as a_org',
      'ub.id as b_user',
      'ub.name as b_name',
      'ob.name as b_org',
    ])
    .where('m.session_id', '=', sessionId)
    .where('m.status', '=', 'scheduled')
    .where('m.slot_index', 'is not', null)
    .orderBy('m.slot_index')
    .execute();
}

/** Pending meeting requests whose expiry falls within (from, to]. */
export async function pendingRequestsExpiring(db: Executor, from: string, to: string) {
  return db
    .selectFrom('meeting_requests')
    .select(['id', 'expires_at', 'created_at'])
    .where('status', '=', 'pending')
    .where('expires_at', '>', from)
    .where('expires_at', '<=', to)
    .execute();
}

/** A meeting request with its session, the requester's name and organisation and the recipient's user. */
export async function meetingRequestFacts(db: Executor, id: string) {
  return db
    .selectFrom('meeting_requests as r')
    .innerJoin('meeting_sessions as s', 's.id', 'r.session_id')
    .innerJoin('meeting_participants as pf', 'pf.id', 'r.requester_id')
    .innerJoin('meeting_participants as pt', 'pt.id', 'r.recipient_id')
    .innerJoin('users as u', 'u.id', 'pf.user_id')
    .innerJoin('organisations as o', 'o.id', 'pf.organisation_id')
    .select([
      'r.id',
      'r.status',
      'r.expires_at',
      'r.session_id',
      's.title as session_title',
      'u.name as requester_name',
      'o.name as requester_org',
      'pt.user_id as recipient_user',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

/** Open surveys closing within (from, to]. */
export async function surveysClosing(db: Executor, from: string, to: string) {
  return db
    .selectFrom('surveys')
    .select(['id', 'closes_at'])
    .where('status', '=', 'open')
    .where('closes_at', '>', from)
    .where('closes_at', '<=', to)
    .execute();
}

export async function surveyFacts(db: Executor, id: string) {
  return db
    .selectFrom('surveys as s')
    .innerJoin('theme_days as t', 't.id', 's.theme_day_id')
    .select(['s.id', 's.status', 's.closes_at', 't.title'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

/** People invited to the survey whose link is unused and still valid. */
export async function unansweredInvitees(db: Executor, surveyId: string, now: string): Promise<string[]> {
  const rows = await db
    .selectFrom('survey_invitations')
    .select('user_id')
    .distinct()
    .where('survey_id', '=', surveyId)
    .where('used', '=', 0)
    .where('expires_at', '>', now)
    .execute();
  return rows.map((r) => r.user_id);
}
