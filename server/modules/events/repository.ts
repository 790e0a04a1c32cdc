/**
 * SQL for event sessions and registrations. Every function takes `db | trx` first so a command can run it
 * inside its transaction.
 */
import { json, type Executor } from '../../db/index.ts';
import type { EventRegistrationTable, EventSessionTable } from '../../db/schema.ts';
import { getActivityPlanRow, parseContent } from '../activity-plans/service.ts';
import type { ActivityPlanContent } from '../../../common/contracts/activity-plans.ts';
import { getThemeDay, type ThemeDayRecord } from '../themedays/repository.ts';
import type { Attendance, Question } from '../../../common/contracts/events.ts';

export type SessionRow = Omit<EventSessionTable, 'next_seq'> & { next_seq: number };
export type RegistrationRow = EventRegistrationTable;

/** A session with what every decision about it needs: its theme day and the theme day's activity plan. */
export interface SessionContext {
  session: SessionRow;
  themeDay: ThemeDayRecord;
  plan: { status: string; content: ActivityPlanContent } | null;
}

export async function getSessionRow(db: Executor, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('event_sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The activity plan of a theme day, parsed (null when none was saved). */
export async function planOf(db: Executor, themeDayId: string): Promise<SessionContext['plan']> {
  const row = await getActivityPlanRow(db, themeDayId);
  return row ? { status: row.status, content: parseContent(row.content) } : null;
}

export async function getSessionContext(db: Executor, id: string): Promise<SessionContext | undefined> {
  const session = await getSessionRow(db, id);
  if (!session) return undefined;
  const themeDay = await getThemeDay(db, session.theme_day_id);
  if (!themeDay) return undefined;
  return { session, themeDay, plan: await planOf(db, themeDay.id) };
}

export const parseQuestions = (s: SessionRow): Question[] => json.parse<Question[]>(s.questions, []);

export interface SessionListFilter {
  themeDayId: string;
  kind?: string | undefined;
  mode?: string | undefined;
  page: number;
  pageSize: number;
  sort: 'startsAt' | 'createdAt' | 'title';
  order: 'asc' | 'desc';
}
const SESSION_SORT = { startsAt: 'starts_at', createdAt: 'created_at', title: 'title' } as const;

export async function listSessions(db: Executor, f: SessionListFilter): Promise<{ items: SessionRow[]; total: number }> {
  let q = db.selectFrom('event_sessions').where('theme_day_id', '=', f.themeDayId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.mode) q = q.where('mode', '=', f.mode);
  const [items, total] = await Promise.all([
    q.selectAll().orderBy(SESSION_SORT[f.sort], f.order).orderBy('id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
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
    const a = c?.[r.attendance as Attendance];
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

/** The caller's own (possibly cancelled) registration per session. */
export async function myRegistrations(db: Executor, userId: string, sessionIds: string[]): Promise<Map<string, RegistrationRow>> {
  if (!sessionIds.length) return new Map();
  const rows = await db.selectFrom('event_registrations').selectAll().where('user_id', '=', userId).where('session_id', 'in', sessionIds).execute();
  return new Map(rows.map((r) => [r.session_id, r]));
}

/** 1-based place of a waitlisted registration among the waitlisted of its session and attendance (by seq). */
export async function waitlistPosition(db: Executor, r: Pick<RegistrationRow, 'session_id' | 'attendance' | 'seq' | 'status'>): Promise<number | null> {
  if (r.status !== 'waitlisted') return null;
  const ahead = await db
    .selectFrom('event_registrations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('session_id', '=', r.session_id)
    .where('attendance', '=', r.attendance)
    .where('status', '=', 'waitlisted')
    .where('seq', '<', r.seq)
    .executeTakeFirstOrThrow();
  return Number(ahead.n) + 1;
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
  const next: Record<string, number> = { offline: 0, online: 0 };
  return new Map(rows.map((r) => [r.id, (next[r.attendance] = (next[r.attendance] ?? 0) + 1)]));
}

export interface RegistrationListFilter {
  sessionId: string;
  status?: string | undefined;
  attendance?: string | undefined;
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

export async function listRegistrations(db: Executor, f: RegistrationListFilter): Promise<{ items: RegistrationWithPeople[]; total: number }> {
  let q = registrationQuery(db).where('r.session_id', '=', f.sessionId);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.attendance) q = q.where('r.attendance', '=', f.attendance);
  if (f.checkedIn !== undefined) q = q.where('r.checked_in_at', f.checkedIn ? 'is not' : 'is', null);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('u.name', 'like', like), eb('o.name', 'like', like)]));
  }
  const [items, total] = await Promise.all([
    q.selectAll('r')
      .select(['u.name as user_name', 'o.name as organisation_name'])
      .orderBy(REG_SORT[f.sort], f.order)
      .orderBy('r.seq')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function getRegistrationWithPeople(db: Executor, id: string): Promise<RegistrationWithPeople | undefined> {
  return registrationQuery(db).selectAll('r').select(['u.name as user_name', 'o.name as organisation_name']).where('r.id', '=', id).executeTakeFirst();
}

/** The theme days of one page of sessions, each loaded once with its activity plan (for presenting). */
export async function contextsFor(db: Executor, sessions: SessionRow[]): Promise<SessionContext[]> {
  const days = new Map<string, { themeDay: ThemeDayRecord; plan: SessionContext['plan'] } | null>();
  const out: SessionContext[] = [];
  for (const session of sessions) {
    if (!days.has(session.theme_day_id)) {
      const td = await getThemeDay(db, session.theme_day_id);
      days.set(session.theme_day_id, td ? { themeDay: td, plan: await planOf(db, td.id) } : null);
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
export async function listOpenSessions(db: Executor, now: string, page: number, pageSize: number): Promise<{ items: SessionRow[]; total: number }> {
  const q = db
    .selectFrom('event_sessions as s')
    .innerJoin('theme_days as t', 't.id', 's.theme_day_id')
    .innerJoin('programmes as p', 'p.id', 't.programme_id')
    .where('p.status', '!=', 'draft')
    .where('s.registration_opens_at', '<=', now)
    .where('s.registration_closes_at', '>=', now);
  const [items, total] = await Promise.all([
    q.selectAll('s').orderBy('s.starts_at').orderBy('s.id').limit(pageSize).offset((page - 1) * pageSize).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** The caller's own registrations (any status) with their sessions, by session start. */
export async function listMyRegistrations(
  db: Executor,
  f: { userId: string; status?: string | undefined; page: number; pageSize: number; order: 'asc' | 'desc' },
): Promise<{ items: RegistrationWithPeople[]; total: number }> {
  let q = registrationQuery(db).innerJoin('event_sessions as s', 's.id', 'r.session_id').where('r.user_id', '=', f.userId);
  if (f.status) q = q.where('r.status', '=', f.status);
  const [items, total] = await Promise.all([
    q.selectAll('r')
      .select(['u.name as user_name', 'o.name as organisation_name'])
      .orderBy('s.starts_at', f.order)
      .orderBy('r.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
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
  return new Map(rows.map((r) => [r.theme_day_id, Number(r.n)]));
}
