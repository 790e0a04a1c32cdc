/**
 * SQL of the 1:1 meeting module. Every function takes `db | trx` first so a command can run it inside its
 * transaction; rows become plain records here, and nothing above this file writes SQL by hand.
 */
import type { SelectQueryBuilder } from 'kysely';
import { json, type Dialect, type Executor } from '../../db/index.ts';
import { newId } from '../../lib/ids.ts';
import { toCount } from '../../lib/sql.ts';
import type {
  ExactRunStatus,
  MeetingMode,
  MeetingStatus,
  Outcome,
  RequestStatus,
  RunStatus,
  SessionStatus,
} from '../../../common/contracts/meetings.ts';

/**
 * Row lock for serialising writers on PostgreSQL (a no-op on SQLite, whose single writer serialises already).
 * FOR NO KEY UPDATE rather than FOR UPDATE: inserting a row that references the locked one (a request naming
 * a participant, a meeting of the session) takes FOR KEY SHARE, which FOR UPDATE would block — two requests
 * between the same pair in opposite directions would then deadlock.
 */
export function lockRow<DBT, TB extends keyof DBT, O>(
  qb: SelectQueryBuilder<DBT, TB, O>,
  dialect: Dialect,
): SelectQueryBuilder<DBT, TB, O> {
  return dialect === 'postgres' ? qb.forNoKeyUpdate() : qb;
}

export interface Slot {
  /** UTC instants (ISO-8601). */
  startsAt: string;
  endsAt: string;
}

export interface SessionRecord {
  id: string;
  themeDayId: string;
  title: string;
  mode: MeetingMode;
  status: SessionStatus;
  date: string;
  slots: Slot[];
  morningSlots: number;
  tables: number;
  onlineRooms: number;
  onlineUrlTemplate: string | null;
  venue: string | null;
  requestLimit: number;
  requestTtlHours: number;
  fairness: number;
  publishedAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionQuery>['executeTakeFirstOrThrow']>>;
const sessionQuery = (db: Executor) => db.selectFrom('meeting_sessions').selectAll();

function toSession(r: SessionRow): SessionRecord {
  return {
    id: r.id,
    themeDayId: r.theme_day_id,
    title: r.title,
    mode: r.mode,
    status: r.status,
    date: r.date,
    slots: json.parse<Slot[]>(r.slots, []),
    morningSlots: Number(r.morning_slots),
    tables: Number(r.tables),
    onlineRooms: Number(r.online_rooms),
    onlineUrlTemplate: r.online_url_template,
    venue: r.venue,
    requestLimit: Number(r.request_limit),
    requestTtlHours: Number(r.request_ttl_hours),
    fairness: Number(r.fairness),
    publishedAt: r.published_at,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function getSession(db: Executor, id: string): Promise<SessionRecord | undefined> {
  const r = await sessionQuery(db).where('id', '=', id).executeTakeFirst();
  return r ? toSession(r) : undefined;
}

/** Loads a session with a row lock (PostgreSQL): every placement in a session runs behind this lock. */
export async function lockSession(db: Executor, dialect: Dialect, id: string): Promise<SessionRecord | undefined> {
  const r = await lockRow(sessionQuery(db).where('id', '=', id), dialect).executeTakeFirst();
  return r ? toSession(r) : undefined;
}

export async function listSessions(
  db: Executor,
  f: {
    themeDayId: string;
    page: number;
    pageSize: number;
    sort: 'date' | 'createdAt' | 'title';
    order: 'asc' | 'desc';
    mode?: MeetingMode | undefined;
    status?: SessionStatus | undefined;
  },
): Promise<{ items: SessionRecord[]; total: number }> {
  let q = db.selectFrom('meeting_sessions').where('theme_day_id', '=', f.themeDayId);
  if (f.mode) q = q.where('mode', '=', f.mode);
  if (f.status) q = q.where('status', '=', f.status);
  const col = { date: 'date', createdAt: 'created_at', title: 'title' } as const;
  const [rows, total] = await Promise.all([
    q
      .selectAll()
      .orderBy(col[f.sort], f.order)
      .orderBy('id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toSession), total: Number(total.n) };
}

/** Every session, or those of the given theme days. */
export async function allSessions(db: Executor, themeDayIds?: string[]): Promise<SessionRecord[]> {
  let q = sessionQuery(db);
  if (themeDayIds) {
    if (!themeDayIds.length) return [];
    q = q.where('theme_day_id', 'in', themeDayIds);
  }
  return (await q.execute()).map(toSession);
}

export async function countSessionsOfThemeDay(db: Executor, themeDayId: string): Promise<number> {
  return toCount(
    await db
      .selectFrom('meeting_sessions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('theme_day_id', '=', themeDayId)
      .executeTakeFirst(),
  );
}

export async function countParticipants(db: Executor, sessionId: string): Promise<number> {
  return toCount(
    await db
      .selectFrom('meeting_participants')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('session_id', '=', sessionId)
      .executeTakeFirst(),
  );
}

/** Participants per session id (sessions without any are absent). */
export async function participantCounts(db: Executor, sessionIds: string[]): Promise<Map<string, number>> {
  if (!sessionIds.length) return new Map();
  const rows = await db
    .selectFrom('meeting_participants')
    .select(['session_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('session_id', 'in', sessionIds)
    .groupBy('session_id')
    .execute();
  return new Map(rows.map((c) => [c.session_id, Number(c.n)]));
}

export interface ParticipantRecord {
  id: string;
  sessionId: string;
  userId: string;
  organisationId: string;
  name: string;
  organisationName: string;
  organisationKind: string;
  unavailableSlots: number[];
  requestLimit: number | null;
  joinedAt: string;
  offer: string | null;
  seek: string | null;
}

function participantQuery(db: Executor) {
  return db
    .selectFrom('meeting_participants as mp')
    .innerJoin('users as u', 'u.id', 'mp.user_id')
    .innerJoin('organisations as o', 'o.id', 'mp.organisation_id')
    .select([
      'mp.id',
      'mp.session_id',
      'mp.user_id',
      'mp.organisation_id',
      'mp.unavailable_slots',
      'mp.request_limit',
      'mp.joined_at',
      'mp.offer',
      'mp.seek',
      'u.name',
      'o.name as organisation_name',
      'o.kind as organisation_kind',
    ]);
}
type ParticipantRow = Awaited<ReturnType<ReturnType<typeof participantQuery>['executeTakeFirstOrThrow']>>;

function toParticipant(r: ParticipantRow): ParticipantRecord {
  return {
    id: r.id,
    sessionId: r.session_id,
    userId: r.user_id,
    organisationId: r.organisation_id,
    name: r.name,
    organisationName: r.organisation_name,
    organisationKind: r.organisation_kind,
    unavailableSlots: json.parse<number[]>(r.unavailable_slots, []),
    requestLimit: r.request_limit === null ? null : Number(r.request_limit),
    joinedAt: r.joined_at,
    offer: r.offer ?? null,
    seek: r.seek ?? null,
  };
}

export async function getParticipant(db: Executor, id: string): Promise<ParticipantRecord | undefined> {
  const r = await participantQuery(db).where('mp.id', '=', id).executeTakeFirst();
  return r ? toParticipant(r) : undefined;
}

export async function participantOfUser(
  db: Executor,
  sessionId: string,
  userId: string,
): Promise<ParticipantRecord | undefined> {
  const r = await participantQuery(db)
    .where('mp.session_id', '=', sessionId)
    .where('mp.user_id', '=', userId)
    .executeTakeFirst();
  return r ? toParticipant(r) : undefined;
}

/** Locks a participant's row (PostgreSQL): serialises one participant's parallel requests so the limit holds. */
export async function lockParticipant(db: Executor, dialect: Dialect, id: string): Promise<void> {
  await lockRow(db.selectFrom('meeting_participants').select('id').where('id', '=', id), dialect).executeTakeFirst();
}

export async function participantsById(db: Executor, ids: Iterable<string>): Promise<Map<string, ParticipantRecord>> {
  const list = [...new Set(ids)];
  if (!list.length) return new Map();
  const rows = await participantQuery(db).where('mp.id', 'in', list).execute();
  return new Map(rows.map((r) => [r.id, toParticipant(r)]));
}

export async function listParticipants(
  db: Executor,
  f: {
    sessionId: string;
    q?: string;
    page: number;
    pageSize: number;
    sort: 'joinedAt' | 'name';
    order: 'asc' | 'desc';
  },
): Promise<{ items: ParticipantRecord[]; total: number }> {
  let q = db
    .selectFrom('meeting_participants as mp')
    .innerJoin('users as u', 'u.id', 'mp.user_id')
    .innerJoin('organisations as o', 'o.id', 'mp.organisation_id')
    .where('mp.session_id', '=', f.sessionId);
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('u.name', 'like', like),
        eb('o.name', 'like', like),
        eb('mp.offer', 'like', like),
        eb('mp.seek', 'like', like),
      ]),
    );
  }
  const col = { joinedAt: 'mp.joined_at', name: 'u.name' } as const;
  const [rows, total] = await Promise.all([
    q
      .select([
        'mp.id',
        'mp.session_id',
        'mp.user_id',
        'mp.organisation_id',
        'mp.unavailable_slots',
        'mp.request_limit',
        'mp.joined_at',
        'mp.offer',
        'mp.seek',
        'u.name',
        'o.name as organisation_name',
        'o.kind as organisation_kind',
      ])
      .orderBy(col[f.sort], f.order)
      .orderBy('mp.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toParticipant), total: Number(total.n) };
}

export async function allParticipants(db: Executor, sessionId: string): Promise<ParticipantRecord[]> {
  return (
    await participantQuery(db).where('mp.session_id', '=', sessionId).orderBy('mp.joined_at').orderBy('mp.id').execute()
  ).map(toParticipant);
}

export interface RequestRecord {
  id: string;
  sessionId: string;
  requesterId: string;
  recipientId: string;
  message: string | null;
  citedType: string | null;
  citedId: string | null;
  /** Stored status; a pending request past expiresAt is presented as expired (expiry is computed lazily). */
  status: RequestStatus;
  expiresAt: string;
  respondedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

type RequestRow = Awaited<ReturnType<ReturnType<typeof requestQuery>['executeTakeFirstOrThrow']>>;
const requestQuery = (db: Executor) => db.selectFrom('meeting_requests').selectAll();

function toRequest(r: RequestRow): RequestRecord {
  return {
    id: r.id,
    sessionId: r.session_id,
    requesterId: r.requester_id,
    recipientId: r.recipient_id,
    message: r.message,
    citedType: r.cited_type,
    citedId: r.cited_id,
    status: r.status,
    expiresAt: r.expires_at,
    respondedAt: r.responded_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The status as users see it: pending requests past their expiry are expired, whether or not a write has recorded it. */
export function effectiveStatus(r: Pick<RequestRecord, 'status' | 'expiresAt'>, nowIso: string): RequestStatus {
  return r.status === 'pending' && r.expiresAt <= nowIso ? 'expired' : r.status;
}

export async function getRequest(db: Executor, id: string, lock?: Dialect): Promise<RequestRecord | undefined> {
  const q = requestQuery(db).where('id', '=', id);
  const r = await (lock ? lockRow(q, lock) : q).executeTakeFirst();
  return r ? toRequest(r) : undefined;
}

export async function listRequests(
  db: Executor,
  f: {
    sessionId: string;
    /** Only requests this participant sent or received (participants); undefined = all (organisers). */
    participantId?: string;
    box: 'incoming' | 'outgoing' | 'all';
    status?: RequestStatus | undefined;
    now: string;
    page: number;
    pageSize: number;
    sort: 'createdAt' | 'expiresAt';
    order: 'asc' | 'desc';
  },
): Promise<{ items: RequestRecord[]; total: number }> {
  let q = db.selectFrom('meeting_requests').where('session_id', '=', f.sessionId);
  const pid = f.participantId;
  if (pid) {
    if (f.box === 'incoming') q = q.where('recipient_id', '=', pid);
    else if (f.box === 'outgoing') q = q.where('requester_id', '=', pid);
    else q = q.where((eb) => eb.or([eb('recipient_id', '=', pid), eb('requester_id', '=', pid)]));
  }
  if (f.status === 'pending') q = q.where('status', '=', 'pending').where('expires_at', '>', f.now);
  else if (f.status === 'expired')
    q = q.where((eb) =>
      eb.or([eb('status', '=', 'expired'), eb.and([eb('status', '=', 'pending'), eb('expires_at', '<=', f.now)])]),
    );
  else if (f.status) q = q.where('status', '=', f.status);
  const col = { createdAt: 'created_at', expiresAt: 'expires_at' } as const;
  const [rows, total] = await Promise.all([
    q
      .selectAll()
      .orderBy(col[f.sort], f.order)
      .orderBy('id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toRequest), total: Number(total.n) };
}

/** Requests a participant has open against the limit: unexpired pending ones and accepted ones. */
export async function countOpenOutgoing(db: Executor, participantId: string, nowIso: string): Promise<number> {
  const r = await db
    .selectFrom('meeting_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('requester_id', '=', participantId)
    .where((eb) =>
      eb.or([eb('status', '=', 'accepted'), eb.and([eb('status', '=', 'pending'), eb('expires_at', '>', nowIso)])]),
    )
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Records the expiry of pending requests whose time is up, so the pair's open_key is free again. */
export async function expirePair(db: Executor, sessionId: string, openKey: string, nowIso: string): Promise<void> {
  await db
    .updateTable('meeting_requests')
    .set({ status: 'expired', open_key: null, updated_at: nowIso })
    .where('session_id', '=', sessionId)
    .where('open_key', '=', openKey)
    .where('status', '=', 'pending')
    .where('expires_at', '<=', nowIso)
    .execute();
}

/** The message and cited item of each request, by request id. */
export async function requestNotes(
  db: Executor,
  requestIds: string[],
): Promise<Map<string, Pick<RequestRecord, 'message' | 'citedType' | 'citedId'>>> {
  if (!requestIds.length) return new Map();
  const rows = await db
    .selectFrom('meeting_requests')
    .select(['id', 'message', 'cited_type', 'cited_id'])
    .where('id', 'in', requestIds)
    .execute();
  return new Map(rows.map((r) => [r.id, { message: r.message, citedType: r.cited_type, citedId: r.cited_id }]));
}

/** The ordered pair key of two participants (one open request per pair, whoever asked). */
export const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

export interface MeetingRecord {
  id: string;
  sessionId: string;
  requestId: string;
  participantAId: string;
  participantBId: string;
  status: MeetingStatus;
  slotIndex: number | null;
  location: number | null;
  onlineLink: string | null;
  fixedSlot: number | null;
  cancelledBy: string | null;
  cancelledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

type MeetingRow = Awaited<ReturnType<ReturnType<typeof meetingQuery>['executeTakeFirstOrThrow']>>;
const meetingQuery = (db: Executor) => db.selectFrom('meetings').selectAll();

function toMeeting(r: MeetingRow): MeetingRecord {
  const n = (v: number | null) => (v === null ? null : Number(v));
  return {
    id: r.id,
    sessionId: r.session_id,
    requestId: r.request_id,
    participantAId: r.participant_a_id,
    participantBId: r.participant_b_id,
    status: r.status,
    slotIndex: n(r.slot_index),
    location: n(r.location),
    onlineLink: r.online_link,
    fixedSlot: n(r.fixed_slot),
    cancelledBy: r.cancelled_by,
    cancelledAt: r.cancelled_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function getMeeting(db: Executor, id: string): Promise<MeetingRecord | undefined> {
  const r = await meetingQuery(db).where('id', '=', id).executeTakeFirst();
  return r ? toMeeting(r) : undefined;
}

export async function meetingOfRequest(db: Executor, requestId: string): Promise<MeetingRecord | undefined> {
  const r = await meetingQuery(db).where('request_id', '=', requestId).executeTakeFirst();
  return r ? toMeeting(r) : undefined;
}

/** Meetings of a session that are not cancelled, in creation order (the scheduler's meeting order). */
export async function activeMeetings(db: Executor, sessionId: string): Promise<MeetingRecord[]> {
  const rows = await meetingQuery(db)
    .where('session_id', '=', sessionId)
    .where('status', '!=', 'cancelled')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toMeeting);
}

export async function meetingsOfParticipant(db: Executor, participantId: string): Promise<MeetingRecord[]> {
  const rows = await meetingQuery(db)
    .where((eb) => eb.or([eb('participant_a_id', '=', participantId), eb('participant_b_id', '=', participantId)]))
    .orderBy('slot_index')
    .orderBy('created_at')
    .execute();
  return rows.map(toMeeting);
}

export async function allMeetings(db: Executor, sessionId: string): Promise<MeetingRecord[]> {
  return (await meetingQuery(db).where('session_id', '=', sessionId).orderBy('created_at').orderBy('id').execute()).map(
    toMeeting,
  );
}

/** The meeting id of each accepted request, by request id. */
export async function meetingIdsOfRequests(db: Executor, requestIds: string[]): Promise<Map<string, string>> {
  if (!requestIds.length) return new Map();
  const rows = await db
    .selectFrom('meetings')
    .select(['id', 'request_id'])
    .where('request_id', 'in', requestIds)
    .execute();
  return new Map(rows.map((x) => [x.request_id, x.id]));
}

/** Whether any meeting of the session has a slot and a location. */
export async function hasScheduledMeeting(db: Executor, sessionId: string): Promise<boolean> {
  return !!(await db
    .selectFrom('meetings')
    .select('id')
    .where('session_id', '=', sessionId)
    .where('status', '=', 'scheduled')
    .executeTakeFirst());
}

/** Slots (held and fixed) of a participant's meetings that are not cancelled. */
export async function slotsOfParticipant(
  db: Executor,
  sessionId: string,
  participantId: string,
): Promise<{ slotIndex: number | null; fixedSlot: number | null }[]> {
  const rows = await db
    .selectFrom('meetings')
    .select(['slot_index', 'fixed_slot'])
    .where('session_id', '=', sessionId)
    .where('status', '!=', 'cancelled')
    .where((eb) => eb.or([eb('participant_a_id', '=', participantId), eb('participant_b_id', '=', participantId)]))
    .execute();
  return rows.map((m) => ({
    slotIndex: m.slot_index === null ? null : Number(m.slot_index),
    fixedSlot: m.fixed_slot === null ? null : Number(m.fixed_slot),
  }));
}

/** Occupancy holders: a location in a slot, or a participant in a slot. */
export const locHolder = (location: number): string => `loc:${location}`;
export const participantHolder = (participantId: string): string => `p:${participantId}`;

export async function occupancy(
  db: Executor,
  sessionId: string,
): Promise<{ slotIndex: number; holder: string; meetingId: string }[]> {
  const rows = await db
    .selectFrom('meeting_occupancy')
    .select(['slot_index', 'holder', 'meeting_id'])
    .where('session_id', '=', sessionId)
    .execute();
  return rows.map((r) => ({ slotIndex: Number(r.slot_index), holder: r.holder, meetingId: r.meeting_id }));
}

/**
 * Claims a slot for a meeting: one row for its location and one per participant. The unique constraint on
 * (session, slot, holder) makes a double booking fail here even if an application check were bypassed.
 */
export async function claimSlot(
  db: Executor,
  m: Pick<MeetingRecord, 'id' | 'sessionId' | 'participantAId' | 'participantBId'>,
  slotIndex: number,
  location: number,
): Promise<void> {
  await db
    .insertInto('meeting_occupancy')
    .values(
      [locHolder(location), participantHolder(m.participantAId), participantHolder(m.participantBId)].map((holder) => ({
        id: newId(),
        session_id: m.sessionId,
        slot_index: slotIndex,
        holder,
        meeting_id: m.id,
      })),
    )
    .execute();
}

export async function releaseSlot(db: Executor, meetingId: string): Promise<void> {
  await db.deleteFrom('meeting_occupancy').where('meeting_id', '=', meetingId).execute();
}

export interface OutcomeRecord {
  meetingId: string;
  participantId: string;
  outcome: Outcome;
  note: string | null;
  recordedAt: string;
  updatedAt: string;
}

export async function outcomesOf(db: Executor, meetingIds: string[]): Promise<OutcomeRecord[]> {
  if (!meetingIds.length) return [];
  const rows = await db.selectFrom('meeting_outcomes').selectAll().where('meeting_id', 'in', meetingIds).execute();
  return rows.map((r) => ({
    meetingId: r.meeting_id,
    participantId: r.participant_id,
    outcome: r.outcome,
    note: r.note,
    recordedAt: r.recorded_at,
    updatedAt: r.updated_at,
  }));
}

export async function outcomeOf(db: Executor, meetingId: string, participantId: string) {
  return db
    .selectFrom('meeting_outcomes')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .where('participant_id', '=', participantId)
    .executeTakeFirst();
}

export interface RunRecord {
  id: string;
  sessionId: string;
  status: RunStatus;
  allowMoves: boolean;
  timeLimitMs: number;
  seed: number;
  stopRequested: boolean;
  bestBreaks: number | null;
  lowerBound: number | null;
  elapsedMs: number;
  iterations: number;
  feasible: boolean | null;
  provedOptimal: boolean;
  input: RunInput;
  result: RunResult | null;
  error: string | null;
  startedBy: string;
  startedAt: string;
  finishedAt: string | null;
  updatedAt: string;
}

/** What the engine was given: the order of meetings and participants behind its 0-based numbers. */
export interface RunInput {
  meetingIds: string[];
  participantIds: string[];
  /** Meetings held to their published slot (allowMoves false) or fixed by the organiser. */
  fixed: (number | null)[];
}

/** The draft schedule of a run: slot and location per meeting id (null = unscheduled), plus the engine's reasons. */
export interface RunResult {
  assignments: Record<string, { slotIndex: number | null; location: number | null }>;
  engineReasons: { code: string; message: string }[];
  provedInfeasible: boolean;
  /** True once the organiser has moved something by hand. */
  adjusted: boolean;
  /** How the exact part ended (absent on runs stored before it was recorded). */
  exactStatus?: ExactRunStatus | null;
  /** The worker's memory at the end (MiB). */
  workerMemoryMb?: number | null;
}

type RunRow = Awaited<ReturnType<ReturnType<typeof runQuery>['executeTakeFirstOrThrow']>>;
const runQuery = (db: Executor) => db.selectFrom('schedule_runs').selectAll();

function toRun(r: RunRow): RunRecord {
  return {
    id: r.id,
    sessionId: r.session_id,
    status: r.status,
    allowMoves: Number(r.allow_moves) === 1,
    timeLimitMs: Number(r.time_limit_ms),
    seed: Number(r.seed),
    stopRequested: Number(r.stop_requested) === 1,
    bestBreaks: r.best_breaks === null ? null : Number(r.best_breaks),
    lowerBound: r.lower_bound === null ? null : Number(r.lower_bound),
    elapsedMs: Number(r.elapsed_ms),
    iterations: Number(r.iterations),
    feasible: r.feasible === null ? null : Number(r.feasible) === 1,
    provedOptimal: Number(r.proved_optimal) === 1,
    input: json.parse<RunInput>(r.input, { meetingIds: [], participantIds: [], fixed: [] }),
    result: json.parse<RunResult | null>(r.result, null),
    error: r.error,
    startedBy: r.started_by,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    updatedAt: r.updated_at,
  };
}

export async function getRun(db: Executor, id: string, lock?: Dialect): Promise<RunRecord | undefined> {
  const q = runQuery(db).where('id', '=', id);
  const r = await (lock ? lockRow(q, lock) : q).executeTakeFirst();
  return r ? toRun(r) : undefined;
}

export async function listRuns(
  db: Executor,
  sessionId: string,
  page: number,
  pageSize: number,
): Promise<{ items: RunRecord[]; total: number }> {
  const q = db.selectFrom('schedule_runs').where('session_id', '=', sessionId);
  const [rows, total] = await Promise.all([
    q
      .selectAll()
      .orderBy('started_at', 'desc')
      .orderBy('id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toRun), total: Number(total.n) };
}

/** Whether a stop of the run has been asked for (possibly through another app server). */
export async function isStopRequested(db: Executor, runId: string): Promise<boolean> {
  const r = await db.selectFrom('schedule_runs').select('stop_requested').where('id', '=', runId).executeTakeFirst();
  return !!r && Number(r.stop_requested) === 1;
}

/** Support organisations the theme day's activity plan names (417号: 支撑机构 act for the host by delegation). */
export async function supportOrganisationIds(db: Executor, themeDayId: string): Promise<string[]> {
  const r = await db
    .selectFrom('activity_plans')
    .select('content')
    .where('theme_day_id', '=', themeDayId)
    .executeTakeFirst();
  const c = json.parse<{ supportOrganisationIds?: unknown }>(r?.content, {});
  return Array.isArray(c.supportOrganisationIds)
    ? c.supportOrganisationIds.filter((x): x is string => typeof x === 'string')
    : [];
}

/** The organisation that runs the theme day's host base. */
export async function hostOrganisationId(db: Executor, themeDayId: string): Promise<string | null> {
  const r = await db
    .selectFrom('theme_days as t')
    .innerJoin('bases as b', 'b.id', 't.base_id')
    .select('b.organisation_id')
    .where('t.id', '=', themeDayId)
    .executeTakeFirst();
  return r?.organisation_id ?? null;
}

/** Theme days whose host base the organisation runs or whose activity plan names it as a support organisation. */
export async function themeDaysOrganisedBy(db: Executor, organisationId: string): Promise<string[]> {
  const hosted = await db
    .selectFrom('theme_days as t')
    .innerJoin('bases as b', 'b.id', 't.base_id')
    .select('t.id')
    .where('b.organisation_id', '=', organisationId)
    .execute();
  const plans = await db.selectFrom('activity_plans').select(['theme_day_id', 'content']).execute();
  const supported = plans
    .filter((p) => {
      const c = json.parse<{ supportOrganisationIds?: unknown }>(p.content, {});
      return Array.isArray(c.supportOrganisationIds) && c.supportOrganisationIds.includes(organisationId);
    })
    .map((p) => p.theme_day_id);
  return [...new Set([...hosted.map((h) => h.id), ...supported])];
}
