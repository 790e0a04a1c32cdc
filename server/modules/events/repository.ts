/**
 * SQL for event sessions and registrations. Every function takes `db | trx` first so a command can run it
 * inside its transaction.
 */
import type { Selectable } from 'kysely';
import { forUpdate, json, type Dialect, type Executor, type Trx } from '../../db/index.ts';
import { prepared } from '../../db/prepared.ts';
import type { EventRegistrationTable, EventSessionTable } from '../../db/schema.ts';
import { hasRole, type Actor } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { toCount } from '../../lib/sql.ts';
import { getActivityPlanRow } from '../activity-plans/repository.ts';
import { parseContent } from '../activity-plans/service.ts';
import type { ActivityPlanContent } from '../../../common/contracts/activity-plans.ts';
import { getThemeDay, type ThemeDayRecord } from '../themedays/repository.ts';
import { canManagePart, type PartFacts } from '../themedays/policy.ts';
import { loadPartFacts } from '../coorganisers/repository.ts';
import type {
  Attendance,
  Question,
  RegistrationStatus,
  SessionKind,
  SessionMode,
} from '../../../common/contracts/events.ts';

export type SessionRow = Selectable<EventSessionTable>;
export type RegistrationRow = EventRegistrationTable;

/** A session with what every decision about it needs: its theme day and the theme day's activity plan. */
export interface SessionContext {
  session: SessionRow;
  themeDay: ThemeDayRecord;
  plan: { status: string; content: ActivityPlanContent } | null;
  /** Co-organisers and delegations of the theme day (issue 12 §3); absent: the host and the plan's support orgs. */
  access?: PartFacts;
}

export async function getSessionRow(db: Executor, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('event_sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Locks the session row for the rest of the transaction (`forUpdate` on PostgreSQL; SQLite's single writer
 * serialises): every change of who holds a place runs under this lock. 404 when the session is gone.
 */
export async function lockSession(trx: Trx, dialect: Dialect, id: string): Promise<SessionRow> {
  const s = await forUpdate(
    trx.selectFrom('event_sessions').selectAll().where('id', '=', id),
    dialect,
  ).executeTakeFirst();
  if (!s) throw notFound();
  return s;
}

/** The activity plan of a theme day, parsed (null when none was saved). */
export async function planOf(db: Executor, themeDayId: string): Promise<SessionContext['plan']> {
  const row = await getActivityPlanRow(db, themeDayId);
  return row ? { status: row.status, content: parseContent(row.content) } : null;
}

/** The session with its theme day and plan: the session and its plan in one query (one per theme day). */
/** A session with its theme day's activity plan; compiled once (every session read starts here). */
const sessionWithPlan = prepared((db: Executor, id: string) =>
  db
    .selectFrom('event_sessions as s')
    .leftJoin('activity_plans as ap', 'ap.theme_day_id', 's.theme_day_id')
    .selectAll('s')
    .select(['ap.status as plan_status', 'ap.content as plan_content'])
    .where('s.id', '=', id),
);

/** `now` decides whether a support organisation's delegation has expired (pass the request's clock). */
export async function getSessionContext(
  db: Executor,
  id: string,
  now: Date = new Date(),
): Promise<SessionContext | undefined> {
  const row = (await sessionWithPlan(db, id)).rows[0];
  if (!row) return undefined;
  const { plan_status, plan_content, ...session } = row;
  const themeDay = await getThemeDay(db, session.theme_day_id);
  if (!themeDay) return undefined;
  const plan =
    plan_status != null && plan_content != null ? { status: plan_status, content: parseContent(plan_content) } : null;
  const access = await loadPartFacts(db, themeDay, now, plan?.content.supportOrganisationIds ?? []);
  return { session, themeDay, plan, access };
}

/** How long a registration may use a session context read by an earlier registration. */
const REGISTRATION_CONTEXT_MS = 1000;
const recentContexts = new WeakMap<object, Map<string, { sc: Promise<SessionContext | undefined>; until: number }>>();

/**
 * The session context for a registration: read at most once a second per session (issue 15: a surge reads
 * the same session thousands of times a second), and by one read at a time — the requests that miss the copy
 * together (the first wave when registration opens, everyone in the turn after the copy expires) share the
 * read in flight instead of each queueing its own for a database connection. Safe because the place is taken
 * only while the session row still has the mode, questions and registration window this copy was validated
 * against (places.ts), so a changed session always goes through the locked path that reads it again; what
 * else the copy holds (the theme day, the plan) is shown in the answer and may be up to a second old.
 */
export function getSessionContextForRegistration(db: Executor, id: string): Promise<SessionContext | undefined> {
  let byId = recentContexts.get(db);
  if (!byId) {
    byId = new Map();
    recentContexts.set(db, byId);
  }
  const now = performance.now();
  const hit = byId.get(id);
  if (hit && hit.until > now) return hit.sc;
  if (byId.size >= 1000) byId.clear();
  const entry = { sc: getSessionContext(db, id), until: now + REGISTRATION_CONTEXT_MS };
  byId.set(id, entry);
  const forget = () => {
    if (byId.get(id) === entry) byId.delete(id);
  };
  // A missing session or a failed read is not kept: the next request reads again.
  entry.sc.then((sc) => sc ?? forget(), forget);
  return entry.sc;
}

export const parseQuestions = (s: SessionRow): Question[] => json.parse<Question[]>(s.questions, []);

export interface SessionListFilter {
  themeDayId: string;
  kind?: SessionKind | undefined;
  mode?: SessionMode | undefined;
  page: number;
  pageSize: number;
  sort: 'startsAt' | 'createdAt' | 'title';
  order: 'asc' | 'desc';
}
const SESSION_SORT = { startsAt: 'starts_at', createdAt: 'created_at', title: 'title' } as const;

export async function listSessions(
  db: Executor,
  f: SessionListFilter,
): Promise<{ items: SessionRow[]; total: number }> {
  let q = db.selectFrom('event_sessions').where('theme_day_id', '=', f.themeDayId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.mode) q = q.where('mode', '=', f.mode);
  const [items, total] = await Promise.all([
    q
      .selectAll()
      .orderBy(SESSION_SORT[f.sort], f.order)
      .orderBy('id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: toCount(total) };
}

export interface CountsByAttendance {
  registered: number;
  waitlisted: number;
  checkedIn: number;
}
export type SessionCounts = Record<Attendance, CountsByAttendance>;

const emptyCounts = (): SessionCounts => ({
  offline: { registered: 0, waitlisted: 0, checkedIn: 0 },
  online: { registered: 0, waitlisted: 0, checkedIn: 0 },
});

/** Registered / waitlisted / checked-in numbers per session and attendance, in one grouped query. */
export async function countsFor(db: Executor, sessionIds: string[]): Promise<Map<string, SessionCounts>> {
  const out = new Map<string, SessionCounts>(sessionIds.map((id) => [id, emptyCounts()]));
  if (!sessionIds.length) return out;
  const rows = await db
    .selectFrom('event_registrations')
    .select((eb) => [
      'session_id',
      'attendance',
      'status',
      eb.fn.countAll<number>().as('n'),
      eb.fn.count<number>('checked_in_at').as('checked'),
    ])
    .where('session_id', 'in', sessionIds)
    .where('status', 'in', ['registered', 'waitlisted'])
    .groupBy(['session_id', 'attendance', 'status'])
    .execute();
  for (const r of rows) {
    const c = out.get(r.session_id);
    const a = c?.[r.attendance];
    if (!a) continue;
    if (r.status === 'registered') {
      a.registered = Number(r.n);
      a.checkedIn = Number(r.checked);
    } else {
      a.waitlisted = Number(r.n);
    }
  }
  return out;
}

/** The numbers of one session. */
export async function countsOf(db: Executor, sessionId: string): Promise<SessionCounts> {
  return (await countsFor(db, [sessionId])).get(sessionId) ?? emptyCounts();
}

/** The caller's own (possibly cancelled) registration per session; none for an anonymous visitor. */
export async function myRegistrations(
  db: Executor,
  actor: Actor | null,
  sessionIds: string[],
): Promise<Map<string, RegistrationRow>> {
  if (!actor || !sessionIds.length) return new Map();
  const rows = await db
    .selectFrom('event_registrations')
    .selectAll()
    .where('user_id', '=', actor.userId)
    .where('session_id', 'in', sessionIds)
    .execute();
  return new Map(rows.map((r) => [r.session_id, r]));
}

/** A person's registration (any status) for a session. */
export async function findRegistration(
  db: Executor,
  sessionId: string,
  userId: string,
): Promise<RegistrationRow | undefined> {
  return db
    .selectFrom('event_registrations')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function getRegistrationRow(db: Executor, id: string): Promise<RegistrationRow | undefined> {
  return db.selectFrom('event_registrations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Registered and waitlisted numbers of one session and attendance (counted under the session lock). */
export async function placeCounts(
  db: Executor,
  sessionId: string,
  attendance: Attendance,
): Promise<{ registered: number; waitlisted: number }> {
  const counts = await db
    .selectFrom('event_registrations')
    .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
    .where('session_id', '=', sessionId)
    .where('attendance', '=', attendance)
    .where('status', 'in', ['registered', 'waitlisted'])
    .groupBy('status')
    .execute();
  return {
    registered: toCount(counts.find((c) => c.status === 'registered')),
    waitlisted: toCount(counts.find((c) => c.status === 'waitlisted')),
  };
}

/** The registrations of one attendance that hold or wait for a place, in seq order. */
export async function activeRegistrations(
  db: Executor,
  sessionId: string,
  attendance: Attendance,
): Promise<RegistrationRow[]> {
  return db
    .selectFrom('event_registrations')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('attendance', '=', attendance)
    .where('status', 'in', ['registered', 'waitlisted'])
    .orderBy('seq')
    .execute();
}

/** Everyone holding or waiting for a place in a session. */
export async function activeRegistrantIds(db: Executor, sessionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('event_registrations')
    .select('user_id')
    .where('session_id', '=', sessionId)
    .where('status', 'in', ['registered', 'waitlisted'])
    .execute();
  return rows.map((r) => r.user_id);
}

/** 1-based place of a waitlisted registration among the waitlisted of its session and attendance (by seq). */
export async function waitlistPosition(
  db: Executor,
  r: Pick<RegistrationRow, 'session_id' | 'attendance' | 'seq' | 'status'>,
): Promise<number | null> {
  if (r.status !== 'waitlisted') return null;
  const ahead = await db
    .selectFrom('event_registrations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('session_id', '=', r.session_id)
    .where('attendance', '=', r.attendance)
    .where('status', '=', 'waitlisted')
    .where('seq', '<', r.seq)
    .executeTakeFirstOrThrow();
  return toCount(ahead) + 1;
}

/** Positions of every waitlisted registration of a session, keyed by registration id. */
export async function waitlistPositions(db: Executor, sessionId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('event_registrations')
    .select(['id', 'attendance'])
    .where('session_id', '=', sessionId)
    .where('status', '=', 'waitlisted')
    .orderBy('seq')
    .execute();
  const next: Record<Attendance, number> = { offline: 0, online: 0 };
  return new Map(rows.map((r) => [r.id, (next[r.attendance] += 1)]));
}

export interface RegistrationListFilter {
  sessionId: string;
  status?: RegistrationStatus | undefined;
  attendance?: Attendance | undefined;
  checkedIn?: boolean | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
  sort: 'seq' | 'createdAt' | 'checkedInAt';
  order: 'asc' | 'desc';
}
const REG_SORT = { seq: 'r.seq', createdAt: 'r.created_at', checkedInAt: 'r.checked_in_at' } as const;

export type RegistrationWithPeople = RegistrationRow & { user_name: string; organisation_name: string | null };

function registrationQuery(db: Executor) {
  return db
    .selectFrom('event_registrations as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .leftJoin('organisations as o', 'o.id', 'r.organisation_id');
}

export async function listRegistrations(
  db: Executor,
  f: RegistrationListFilter,
): Promise<{ items: RegistrationWithPeople[]; total: number }> {
  let q = registrationQuery(db).where('r.session_id', '=', f.sessionId);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.attendance) q = q.where('r.attendance', '=', f.attendance);
  if (f.checkedIn !== undefined) q = q.where('r.checked_in_at', f.checkedIn ? 'is not' : 'is', null);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('u.name', 'like', like), eb('o.name', 'like', like)]));
  }
  const [items, total] = await Promise.all([
    q
      .selectAll('r')
      .select(['u.name as user_name', 'o.name as organisation_name'])
      .orderBy(REG_SORT[f.sort], f.order)
      .orderBy('r.seq')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: toCount(total) };
}

export async function getRegistrationWithPeople(db: Executor, id: string): Promise<RegistrationWithPeople | undefined> {
  return registrationQuery(db)
    .selectAll('r')
    .select(['u.name as user_name', 'o.name as organisation_name'])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

/** The registration of a session with this check-in code (already normalised). */
export async function registrationByCode(
  db: Executor,
  sessionId: string,
  code: string,
): Promise<RegistrationWithPeople | undefined> {
  return registrationQuery(db)
    .selectAll('r')
    .select(['u.name as user_name', 'o.name as organisation_name'])
    .where('r.session_id', '=', sessionId)
    .where('r.code', '=', code)
    .executeTakeFirst();
}

/** Names of users by id (the staff who checked people in). */
export async function userNames(db: Executor, ids: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  const list = [...new Set([...ids].filter((x): x is string => !!x))];
  if (!list.length) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', list).execute();
  return new Map(rows.map((u) => [u.id, u.name]));
}

/** The theme days of one page of sessions, each loaded once with its activity plan (for presenting). */
export async function contextsFor(
  db: Executor,
  sessions: SessionRow[],
  now: Date = new Date(),
): Promise<SessionContext[]> {
  const days = new Map<string, { themeDay: ThemeDayRecord; plan: SessionContext['plan']; access: PartFacts } | null>();
  const out: SessionContext[] = [];
  for (const session of sessions) {
    if (!days.has(session.theme_day_id)) {
      const td = await getThemeDay(db, session.theme_day_id);
      const plan = td ? await planOf(db, td.id) : null;
      days.set(
        session.theme_day_id,
        td
          ? {
              themeDay: td,
              plan,
              access: await loadPartFacts(db, td, now, plan?.content.supportOrganisationIds ?? []),
            }
          : null,
      );
    }
    const d = days.get(session.theme_day_id);
    if (d) out.push({ session, ...d });
  }
  return out;
}

/**
 * Sessions of published programmes whose registration window contains `now` (the portal's "报名中"),
 * soonest first.
 */
export async function listOpenSessions(
  db: Executor,
  now: string,
  page: number,
  pageSize: number,
): Promise<{ items: SessionRow[]; total: number }> {
  const q = db
    .selectFrom('event_sessions as s')
    .innerJoin('theme_days as t', 't.id', 's.theme_day_id')
    .innerJoin('programmes as p', 'p.id', 't.programme_id')
    .where('p.status', '!=', 'draft')
    .where('s.registration_opens_at', '<=', now)
    .where('s.registration_closes_at', '>=', now);
  const [items, total] = await Promise.all([
    q
      .selectAll('s')
      .orderBy('s.starts_at')
      .orderBy('s.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: toCount(total) };
}

/** The caller's own registrations (any status) with their sessions, by session start. */
export async function listMyRegistrations(
  db: Executor,
  f: { userId: string; status?: RegistrationStatus | undefined; page: number; pageSize: number; order: 'asc' | 'desc' },
): Promise<{ items: RegistrationWithPeople[]; total: number }> {
  let q = registrationQuery(db)
    .innerJoin('event_sessions as s', 's.id', 'r.session_id')
    .where('r.user_id', '=', f.userId);
  if (f.status) q = q.where('r.status', '=', f.status);
  const [items, total] = await Promise.all([
    q
      .selectAll('r')
      .select(['u.name as user_name', 'o.name as organisation_name'])
      .orderBy('s.starts_at', f.order)
      .orderBy('r.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: toCount(total) };
}

/** Every theme day of a published programme (a handful a year), newest first, for the staff's picker. */
export async function allThemeDays(db: Executor): Promise<ThemeDayRecord[]> {
  const ids = await db
    .selectFrom('theme_days as t')
    .innerJoin('programmes as p', 'p.id', 't.programme_id')
    .select('t.id')
    .orderBy('t.start_date', 'desc')
    .execute();
  const out: ThemeDayRecord[] = [];
  for (const r of ids) {
    const td = await getThemeDay(db, r.id);
    if (td) out.push(td);
  }
  return out;
}

/** Number of sessions per theme day. */
export async function sessionCounts(db: Executor, themeDayIds: string[]): Promise<Map<string, number>> {
  if (!themeDayIds.length) return new Map();
  const rows = await db
    .selectFrom('event_sessions')
    .select((eb) => ['theme_day_id', eb.fn.countAll<number>().as('n')])
    .where('theme_day_id', 'in', themeDayIds)
    .groupBy('theme_day_id')
    .execute();
  return new Map(rows.map((r) => [r.theme_day_id, toCount(r)]));
}

/**
 * Theme days the actor runs as host staff: those of the base its active organisation runs (base
 * administrators), or those whose activity plan names it as a support organisation.
 */
export async function staffedThemeDayIds(db: Executor, actor: Actor, now: Date = new Date()): Promise<string[]> {
  const org = actor.organisationId;
  const ids = new Set<string>();
  if (org && hasRole(actor, 'base_admin')) {
    const rows = await db
      .selectFrom('theme_days as t')
      .innerJoin('bases as b', 'b.id', 't.base_id')
      .select('t.id')
      .where('b.organisation_id', '=', org)
      .execute();
    for (const r of rows) ids.add(r.id);
  }
  // Candidates through co-organisation and delegation (issue 12 §3), then kept only when the roadshows part is theirs.
  const candidates = new Set<string>();
  if (org && hasRole(actor, 'support_org')) {
    const rows = await db.selectFrom('activity_plans').select(['theme_day_id', 'content']).execute();
    for (const r of rows)
      if (parseContent(r.content).supportOrganisationIds?.includes(org)) candidates.add(r.theme_day_id);
    const delegated = await db
      .selectFrom('support_delegations')
      .select('theme_day_id')
      .where('organisation_id', '=', org)
      .execute();
    for (const r of delegated) candidates.add(r.theme_day_id);
  }
  const coorganised = await db
    .selectFrom('theme_day_coorganisers as c')
    .leftJoin('bases as b', (j) => j.onRef('b.id', '=', 'c.party_id').on('c.party_kind', '=', 'base'))
    .leftJoin('base_alliance_staff as s', (j) =>
      j.onRef('s.alliance_id', '=', 'c.party_id').on('c.party_kind', '=', 'alliance'),
    )
    .select('c.theme_day_id')
    .where((eb) => eb.or([eb('s.user_id', '=', actor.userId), ...(org ? [eb('b.organisation_id', '=', org)] : [])]))
    .execute();
  for (const r of coorganised) candidates.add(r.theme_day_id);
  for (const id of candidates) {
    if (ids.has(id)) continue;
    const td = await getThemeDay(db, id);
    if (td && canManagePart(actor, td, 'roadshows', await loadPartFacts(db, td, now))) ids.add(id);
  }
  return [...ids];
}
