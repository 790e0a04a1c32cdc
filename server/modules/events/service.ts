/**
 * Event sessions of a theme day and their registrations (issue 5). The rules that must hold under any
 * concurrency — no session ever holds more registrations than its capacity, a waitlist in one consistent
 * order — rest on the session row: a registration takes its seq and reads the place counters with one
 * conditional write on it (places.ts; the counters are kept by triggers), and every other command that
 * changes who holds a place first locks it (`forUpdate` on PostgreSQL; SQLite's single writer serialises),
 * then re-deals. The order of a session's registrations is its `seq`: places go to the lowest seqs, the
 * waitlist is the rest in seq order, and a capacity cut moves the latest (highest seq) to the waitlist first.
 *
 * Epidemic rules (417号 三(五)): "严格控制活动规模和参加人数…能线上举办的尽量线上举办…制定应急预案" — the offline
 * capacity never exceeds the approved activity plan's head-count limit, the host may lower it live or switch a
 * session to online-only, and the plan's emergency plan goes to the staff with the session.
 */
import { randomInt } from 'node:crypto';
import { formatShanghai, shanghaiToUtc, toShanghaiDate } from '../../../common/time.ts';
import { isUniqueViolation, json, type Trx } from '../../db/index.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError, fieldError, notFound, type FieldError } from '../../lib/errors.ts';
import { audit } from '../../lib/audit.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { requireActor } from '../../lib/policy.ts';
import { notifyUsers } from '../notifications/service.ts';
import { takeInTransaction, takePlace, type NewRegistration, type Taken } from './places.ts';
import type { ThemeDayRecord } from '../themedays/repository.ts';
import {
  activeRegistrantIds,
  activeRegistrations,
  findRegistration,
  getRegistrationRow,
  getSessionRow,
  lockSession,
  parseQuestions,
  registrationByCode,
  waitlistPosition,
  type RegistrationRow,
  type SessionContext,
  type SessionRow,
} from './repository.ts';
import type {
  Attendance,
  Question,
  SessionCreateBody,
  SessionKind,
  SessionMode,
  SessionUpdateBody,
} from '../../../common/contracts/events.ts';
import { links } from '../../../common/links.ts';

export const sessionLink = (id: string) => links.eventSession(id);

function toUtc(local: string, field: string): string {
  try {
    return shanghaiToUtc(local).toISOString();
  } catch {
    throw fieldError(400, 'validation_failed', field, '时间无效');
  }
}

/** A session's settings in domain form (instants as ISO UTC). */
export interface SessionFields {
  title: string;
  kind: SessionKind;
  mode: SessionMode;
  description: string | null;
  startsAt: string;
  endsAt: string;
  venue: string | null;
  venueCapacity: number | null;
  capacity: number | null;
  onlineLimit: number | null;
  onlineChannel: string | null;
  registrationOpensAt: string;
  registrationClosesAt: string;
  questions: Question[];
}

function fieldsOf(s: SessionRow): SessionFields {
  return {
    title: s.title,
    kind: s.kind,
    mode: s.mode,
    description: s.description,
    startsAt: s.starts_at,
    endsAt: s.ends_at,
    venue: s.venue,
    venueCapacity: s.venue_capacity,
    capacity: s.capacity,
    onlineLimit: s.online_limit,
    onlineChannel: s.online_channel,
    registrationOpensAt: s.registration_opens_at,
    registrationClosesAt: s.registration_closes_at,
    questions: parseQuestions(s),
  };
}

/** A new session's settings from the create body (Shanghai wall-clock times → instants). */
function fromBody(body: SessionCreateBody): SessionFields {
  return {
    title: body.title,
    kind: body.kind,
    mode: body.mode,
    description: body.description || null,
    startsAt: toUtc(body.startsAt, 'startsAt'),
    endsAt: toUtc(body.endsAt, 'endsAt'),
    venue: body.venue || null,
    venueCapacity: body.venueCapacity ?? null,
    capacity: body.capacity ?? null,
    onlineLimit: body.onlineLimit ?? null,
    onlineChannel: body.onlineChannel || null,
    registrationOpensAt: toUtc(body.registrationOpensAt, 'registrationOpensAt'),
    registrationClosesAt: toUtc(body.registrationClosesAt, 'registrationClosesAt'),
    questions: body.questions,
  };
}

/** Converts the partial body's Shanghai wall-clock times to instants and overlays it on `base`. */
function overlay(base: SessionFields, body: Partial<SessionCreateBody>): SessionFields {
  const out: SessionFields = { ...base };
  if (body.title !== undefined) out.title = body.title;
  if (body.kind !== undefined) out.kind = body.kind;
  if (body.mode !== undefined) out.mode = body.mode;
  if (body.description !== undefined) out.description = body.description || null;
  if (body.startsAt !== undefined) out.startsAt = toUtc(body.startsAt, 'startsAt');
  if (body.endsAt !== undefined) out.endsAt = toUtc(body.endsAt, 'endsAt');
  if (body.venue !== undefined) out.venue = body.venue || null;
  if (body.venueCapacity !== undefined) out.venueCapacity = body.venueCapacity;
  if (body.capacity !== undefined) out.capacity = body.capacity;
  if (body.onlineLimit !== undefined) out.onlineLimit = body.onlineLimit;
  if (body.onlineChannel !== undefined) out.onlineChannel = body.onlineChannel || null;
  if (body.registrationOpensAt !== undefined)
    out.registrationOpensAt = toUtc(body.registrationOpensAt, 'registrationOpensAt');
  if (body.registrationClosesAt !== undefined)
    out.registrationClosesAt = toUtc(body.registrationClosesAt, 'registrationClosesAt');
  if (body.questions !== undefined) out.questions = body.questions;
  return out;
}

/**
 * Checks a session's settings against its theme day and approved activity plan and fills the defaults:
 * the offline capacity defaults to — and may never exceed — the plan's head-count limit and the venue's
 * capacity; an online or hybrid session needs an online channel (the plan's by default).
 */
export function resolveFields(
  td: ThemeDayRecord,
  plan: NonNullable<SessionContext['plan']>,
  r: SessionFields,
): SessionFields {
  if (r.endsAt <= r.startsAt) throw fieldError(400, 'invalid_time_range', 'endsAt', '结束时间须晚于开始时间');
  const startDay = toShanghaiDate(r.startsAt);
  const endDay = toShanghaiDate(r.endsAt);
  if (startDay < td.startDate || endDay > td.endDate) {
    throw fieldError(
      400,
      'session_outside_theme_day',
      'startsAt',
      `场次时间须在主题日（${td.startDate}至${td.endDate}）内`,
    );
  }
  if (r.registrationClosesAt <= r.registrationOpensAt) {
    throw fieldError(400, 'invalid_registration_window', 'registrationClosesAt', '报名截止时间须晚于报名开始时间');
  }
  if (r.registrationClosesAt > r.endsAt) {
    throw fieldError(400, 'invalid_registration_window', 'registrationClosesAt', '报名截止时间不能晚于场次结束时间');
  }
  let capacity: number | null = null;
  if (r.mode !== 'online') {
    const limit = plan.content.headcountLimit;
    if (limit == null)
      throw new AppError(409, 'headcount_limit_missing', '活动方案未核定线下参加人数上限，不能设置线下场次');
    const ceiling = Math.min(limit, r.venueCapacity ?? Number.POSITIVE_INFINITY);
    capacity = r.capacity ?? ceiling;
    if (capacity > ceiling) {
      const why =
        r.venueCapacity != null && r.venueCapacity < limit
          ? `场地容量（${r.venueCapacity}人）`
          : `活动方案核定的线下参加人数上限（${limit}人）`;
      throw fieldError(400, 'capacity_above_limit', 'capacity', `线下名额不能超过${why}`);
    }
  }
  const onlineChannel = r.onlineChannel ?? (plan.content.onlineChannel.trim() || null);
  if (r.mode !== 'offline' && !onlineChannel) {
    throw fieldError(
      400,
      'online_channel_missing',
      'onlineChannel',
      '线上或线上线下结合的场次须填写线上渠道（会议链接或直播地址）',
    );
  }
  return {
    ...r,
    capacity,
    onlineLimit: r.mode === 'offline' ? null : r.onlineLimit,
    onlineChannel,
  };
}

function columns(f: SessionFields) {
  return {
    title: f.title,
    kind: f.kind,
    mode: f.mode,
    description: f.description,
    starts_at: f.startsAt,
    ends_at: f.endsAt,
    venue: f.venue,
    venue_capacity: f.venueCapacity,
    capacity: f.capacity,
    online_limit: f.onlineLimit,
    online_channel: f.onlineChannel,
    registration_opens_at: f.registrationOpensAt,
    registration_closes_at: f.registrationClosesAt,
    questions: json.stringify(f.questions),
  };
}

function requireApprovedPlan(plan: SessionContext['plan']): NonNullable<SessionContext['plan']> {
  if (!plan || plan.status !== 'approved') {
    throw new AppError(409, 'activity_plan_not_approved', '主题日活动方案经国家发展改革委审核通过后，才能设置活动场次');
  }
  return plan;
}

/** Creates a session of a theme day (host staff; the activity plan must be approved). */
export async function createSession(
  ctx: Ctx,
  p: { themeDay: ThemeDayRecord; plan: SessionContext['plan']; body: SessionCreateBody },
): Promise<string> {
  const actor = requireActor(ctx);
  const plan = requireApprovedPlan(p.plan);
  const f = resolveFields(p.themeDay, plan, fromBody(p.body));
  const now = nowIso(ctx.clock.now());
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('event_sessions')
      .values({
        id,
        theme_day_id: p.themeDay.id,
        ...columns(f),
        next_seq: 1,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await audit(trx, ctx, {
      entityType: 'event_session',
      entityId: id,
      action: 'create',
      after: { ...f, questions: f.questions.length },
    });
  });
  return id;
}

const limitOf = (s: Pick<SessionRow, 'capacity' | 'online_limit'>, a: Attendance): number | null =>
  a === 'offline' ? s.capacity : s.online_limit;

interface Moves {
  promoted: RegistrationRow[];
  demoted: RegistrationRow[];
}

/**
 * Gives the places of one attendance to the lowest seqs and puts the rest on the waitlist: after a
 * cancellation it promotes the first waitlisted; after a capacity cut it moves the latest registrations
 * to the waitlist. Checked-in people keep their place (they are in the room). Runs under the session lock.
 */
async function rebalance(trx: Trx, ctx: Ctx, s: SessionRow, attendance: Attendance): Promise<Moves> {
  const limit = limitOf(s, attendance);
  const rows = await activeRegistrations(trx, s.id, attendance);
  const inRoom = rows.filter((r) => r.status === 'registered' && r.checked_in_at);
  let free = limit == null ? Number.POSITIVE_INFINITY : Math.max(0, limit - inRoom.length);
  const moves: Moves = { promoted: [], demoted: [] };
  for (const r of rows) {
    if (r.status === 'registered' && r.checked_in_at) continue;
    const want = free > 0 ? 'registered' : 'waitlisted';
    if (want === 'registered') free--;
    if (r.status !== want) (want === 'registered' ? moves.promoted : moves.demoted).push(r);
  }
  const now = nowIso(ctx.clock.now());
  for (const [list, status] of [
    [moves.promoted, 'registered'],
    [moves.demoted, 'waitlisted'],
  ] as const) {
    if (!list.length) continue;
    await trx
      .updateTable('event_registrations')
      .set({ status, updated_at: now })
      .where(
        'id',
        'in',
        list.map((r) => r.id),
      )
      .execute();
    for (const r of list) {
      await audit(trx, ctx, {
        entityType: 'event_registration',
        entityId: r.id,
        action: status === 'registered' ? 'promote' : 'demote',
        before: { status: r.status },
        after: { status },
      });
    }
  }
  return moves;
}

/** Tells each moved person what happened; the demoted learn their waitlist place. */
async function notifyMoves(trx: Trx, ctx: Ctx, s: SessionRow, moves: Moves, reason?: string): Promise<void> {
  const now = ctx.clock.now();
  const when = formatShanghai(s.starts_at);
  await notifyUsers(
    trx,
    moves.promoted.map((r) => r.user_id),
    {
      kind: 'registration_promoted',
      title: `候补转正：您已获得「${s.title}」的参会名额`,
      body: `有名额空出，您已由候补转为正式报名。活动时间：${when}。请凭签到码（二维码）入场。`,
      link: sessionLink(s.id),
    },
    now,
  );
  if (!moves.demoted.length) return;
  for (const r of moves.demoted) {
    const position = await waitlistPosition(trx, { ...r, status: 'waitlisted' });
    const limit = limitOf(s, r.attendance);
    await notifyUsers(
      trx,
      [r.user_id],
      {
        kind: 'registration_waitlisted',
        title: `「${s.title}」名额调减，您已转入候补`,
        body:
          `${reason ? `${reason}。` : ''}根据疫情防控要求，${r.attendance === 'offline' ? '线下' : '线上'}参加人数调整为${limit ?? '不限'}人，` +
          `您目前为候补第${position}位；有名额空出时将自动转为正式报名并通知您。`,
        link: sessionLink(s.id),
      },
      now,
    );
  }
}

/**
 * Edits a session (host staff). A capacity or mode change is an epidemic control: the places are
 * re-dealt at once under the session lock (latest registrations to the waitlist first, each notified);
 * a switch to online-only moves every registrant to online attendance and sends them the online channel.
 */
export async function updateSession(ctx: Ctx, p: { session: SessionContext; body: SessionUpdateBody }): Promise<void> {
  const plan = requireApprovedPlan(p.session.plan);
  await ctx.db.transaction().execute(async (trx) => {
    const before = await lockSession(trx, ctx.dialect, p.session.session.id);
    const f = resolveFields(p.session.themeDay, plan, overlay(fieldsOf(before), p.body));
    const now = nowIso(ctx.clock.now());
    await trx
      .updateTable('event_sessions')
      .set({ ...columns(f), updated_at: now })
      .where('id', '=', before.id)
      .execute();
    const after = await getSessionRow(trx, before.id);
    if (!after) throw notFound();
    const switchedOnline = before.mode !== 'online' && f.mode === 'online';
    if (f.mode !== before.mode && f.mode !== 'hybrid') {
      // Offline-only: online registrations become offline ones (and vice versa), keeping their order.
      const from = f.mode === 'online' ? 'offline' : 'online';
      await trx
        .updateTable('event_registrations')
        .set({ attendance: f.mode, updated_at: now })
        .where('session_id', '=', before.id)
        .where('attendance', '=', from)
        .where('status', 'in', ['registered', 'waitlisted'])
        .execute();
    }
    const moves: Moves = { promoted: [], demoted: [] };
    for (const a of ['offline', 'online'] as const) {
      const m = await rebalance(trx, ctx, after, a);
      moves.promoted.push(...m.promoted);
      moves.demoted.push(...m.demoted);
    }
    const action = switchedOnline
      ? 'switch_online'
      : before.capacity !== f.capacity || before.online_limit !== f.onlineLimit
        ? 'change_capacity'
        : 'update';
    await audit(trx, ctx, {
      entityType: 'event_session',
      entityId: before.id,
      action,
      before: { ...fieldsOf(before), questions: parseQuestions(before).length },
      after: { ...f, questions: f.questions.length, promoted: moves.promoted.length, demoted: moves.demoted.length },
    });
    await notifyMoves(trx, ctx, after, moves, p.body.reason);
    if (switchedOnline) {
      await notifyUsers(
        trx,
        await activeRegistrantIds(trx, before.id),
        {
          kind: 'session_online_only',
          title: `「${after.title}」改为线上举办`,
          body: `${p.body.reason ? `${p.body.reason}。` : ''}根据疫情防控要求，本场活动改为仅线上参加，请通过以下渠道参会：${f.onlineChannel ?? ''}`,
          link: sessionLink(after.id),
        },
        ctx.clock.now(),
      );
    }
  });
}

// Check-in codes: 10 characters from an alphabet without look-alikes (0/O, 1/I/L), ~50 bits.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export function newCheckInCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return s;
}
/** What the door staff typed or scanned, normalised (case, spaces and dashes do not matter). */
export const normaliseCode = (c: string) => c.toUpperCase().replace(/[\s-]/g, '');

/** Validates answers against the session's questions; returns the cleaned answers or throws invalid_answers. */
export function checkAnswers(questions: Question[], answers: Record<string, unknown>): Record<string, unknown> {
  const errors: FieldError[] = [];
  const out: Record<string, unknown> = {};
  const known = new Set(questions.map((q) => q.key));
  for (const k of Object.keys(answers)) {
    if (!known.has(k))
      errors.push({ field: `answers.${k}`, code: 'unknown_question', message: `没有标识为「${k}」的问题` });
  }
  for (const q of questions) {
    const v = answers[q.key];
    const field = `answers.${q.key}`;
    const empty =
      v === undefined ||
      v === null ||
      (typeof v === 'string' && v.trim() === '') ||
      (Array.isArray(v) && v.length === 0);
    if (empty) {
      if (q.required) errors.push({ field, code: 'answer_required', message: `请回答「${q.label}」` });
      continue;
    }
    const bad = () => errors.push({ field, code: 'answer_invalid', message: `「${q.label}」的回答格式不正确` });
    switch (q.type) {
      case 'text':
      case 'textarea':
        if (typeof v !== 'string') bad();
        else out[q.key] = v.trim();
        break;
      case 'number':
        if (typeof v !== 'number' || !Number.isFinite(v)) bad();
        else out[q.key] = v;
        break;
      case 'boolean':
        if (typeof v !== 'boolean') bad();
        else out[q.key] = v;
        break;
      case 'single':
        if (typeof v !== 'string' || !(q.options ?? []).includes(v))
          errors.push({ field, code: 'answer_invalid', message: `「${q.label}」请从给定选项中选择` });
        else out[q.key] = v;
        break;
      case 'multiple':
        if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' && (q.options ?? []).includes(x))) {
          errors.push({ field, code: 'answer_invalid', message: `「${q.label}」请从给定选项中选择` });
        } else out[q.key] = [...new Set(v)];
        break;
    }
  }
  if (errors.length) throw new AppError(400, 'invalid_answers', errors.map((e) => e.message).join('；'), errors);
  return out;
}

function attendanceFor(mode: SessionMode, wanted: Attendance | undefined): Attendance {
  if (mode === 'offline') {
    if (wanted === 'online') throw fieldError(400, 'attendance_not_offered', 'attendance', '本场活动仅线下参加');
    return 'offline';
  }
  if (mode === 'online') {
    if (wanted === 'offline') throw fieldError(400, 'attendance_not_offered', 'attendance', '本场活动仅线上参加');
    return 'online';
  }
  return wanted ?? 'offline';
}

export interface RegisterResult {
  registration: RegistrationRow;
  waitlistPosition: number | null;
}

/**
 * Registers the caller for a session with their active organisation: `registered` while a place is free
 * (and so nobody waits), otherwise `waitlisted` at the end of the queue. The place is taken by one
 * conditional write on the session row (places.ts); validation happens before, against the session as
 * read, and the write only matches while that is still the session's state — an edit that raced us sends
 * the registration through the locked path instead. A person registers once per session (unique
 * constraint); a cancelled registration may be renewed and then queues again at the end.
 */
/** `run()`, or undefined when it refuses with an AppError. */
function refusedAsUndefined<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch (err) {
    if (err instanceof AppError) return undefined;
    throw err;
  }
}

export async function register(
  ctx: Ctx,
  p: { session: SessionRow; attendance?: Attendance | undefined; answers: Record<string, unknown> },
): Promise<RegisterResult> {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  const fresh = (s: SessionRow, existing: RegistrationRow | undefined): NewRegistration => {
    if (now.toISOString() < s.registration_opens_at) {
      throw new AppError(409, 'registration_not_open', `报名将于${formatShanghai(s.registration_opens_at)}开始`);
    }
    if (now.toISOString() > s.registration_closes_at) {
      throw new AppError(409, 'registration_closed', `报名已于${formatShanghai(s.registration_closes_at)}截止`);
    }
    const attendance = attendanceFor(s.mode, p.attendance);
    const answers = checkAnswers(parseQuestions(s), p.answers);
    if (existing && existing.status !== 'cancelled') throw new AppError(409, 'already_registered', '您已报名本场活动');
    return {
      id: existing?.id ?? newId(),
      userId: actor.userId,
      organisationId: actor.organisationId,
      attendance,
      answers: json.stringify(answers),
      code: newCheckInCode(),
      at: nowIso(now),
    };
  };
  const result = (s: SessionRow, r: NewRegistration, t: Taken, createdAt: string): RegisterResult => ({
    registration: {
      id: r.id,
      session_id: s.id,
      user_id: r.userId,
      organisation_id: r.organisationId,
      attendance: r.attendance,
      status: t.status,
      seq: t.seq,
      answers: r.answers,
      code: r.code,
      checked_in_at: null,
      checked_in_by: null,
      cancelled_at: null,
      created_at: createdAt,
      updated_at: r.at,
    },
    waitlistPosition: t.position,
  });
  // Fast path: a first registration takes its place without reading anything else first; a person who
  // already has a row (registered, waitlisted, or cancelled and renewing) hits the unique constraint.
  let renewal = false;
  // The session may have been read a moment ago (getSessionContextForRegistration): a refusal on it is only
  // final once the locked path below has checked the current session.
  const r = refusedAsUndefined(() => fresh(p.session, undefined));
  if (r) {
    try {
      const t = await takePlace(ctx, p.session, r);
      if (t !== 'changed' && t !== 'exists') return result(p.session, r, t, r.at);
      renewal = t === 'exists';
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      renewal = true;
    }
  }
  try {
    if (renewal) {
      const existing = await findRegistration(ctx.db, p.session.id, actor.userId);
      if (existing && existing.status !== 'cancelled')
        throw new AppError(409, 'already_registered', '您已报名本场活动');
    }
    // A renewal, or the session changed since it was read: validate again under the session lock.
    return await ctx.db.transaction().execute(async (trx) => {
      const s = await lockSession(trx, ctx.dialect, p.session.id);
      const again = await findRegistration(trx, s.id, actor.userId);
      const r2 = fresh(s, again);
      const t = await takeInTransaction(trx, ctx, { id: s.id }, r2, again);
      if (!t) throw new AppError(409, 'already_registered', '您已报名本场活动');
      return result(s, r2, t, again?.created_at ?? r2.at);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(409, 'already_registered', '您已报名本场活动');
    throw err;
  }
}

/**
 * Cancels a registration (the registrant, or the staff for them) before the session starts. A freed place
 * goes at once to the first person on the waitlist, who is notified.
 */
export async function cancelRegistration(ctx: Ctx, p: { registration: RegistrationRow }): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const s = await lockSession(trx, ctx.dialect, p.registration.session_id);
    const r = await getRegistrationRow(trx, p.registration.id);
    if (!r) throw notFound();
    if (r.status === 'cancelled') throw new AppError(409, 'already_cancelled', '该报名已取消');
    if (r.checked_in_at) throw new AppError(409, 'already_checked_in', '已签到的报名不能取消');
    if (now.toISOString() >= s.starts_at) throw new AppError(409, 'session_started', '活动已开始，不能再取消报名');
    await trx
      .updateTable('event_registrations')
      .set({ status: 'cancelled', cancelled_at: nowIso(now), updated_at: nowIso(now) })
      .where('id', '=', r.id)
      .execute();
    await audit(trx, ctx, {
      entityType: 'event_registration',
      entityId: r.id,
      action: 'cancel',
      before: { status: r.status },
      after: { status: 'cancelled' },
    });
    if (r.status === 'registered') {
      const moves = await rebalance(trx, ctx, s, r.attendance);
      await notifyMoves(trx, ctx, s, moves);
    }
  });
}

/**
 * Checks a registrant in at the door by the code on their pass (QR payload = the code). Only an offline
 * registration holding a place gets in, once; a conditional update makes two scanners racing on one code
 * produce one check-in and one `already_checked_in`.
 */
export async function checkIn(ctx: Ctx, p: { session: SessionRow; code: string }): Promise<RegistrationRow> {
  const code = normaliseCode(p.code);
  const found = await registrationByCode(ctx.db, p.session.id, code);
  if (!found) throw new AppError(404, 'checkin_code_unknown', '签到码无效：本场活动没有这个签到码');
  const { user_name, organisation_name, ...r } = found;
  // The door staff see whose pass it is, so they can tell the person what to do.
  const who = { registrant: { name: user_name, organisation: organisation_name } };
  if (r.status === 'cancelled')
    throw new AppError(409, 'registration_cancelled', `${user_name}的报名已取消，不能签到`, undefined, who);
  if (r.status === 'waitlisted')
    throw new AppError(409, 'registration_waitlisted', `${user_name}仍在候补名单中，尚未获得入场名额`, undefined, who);
  if (r.attendance !== 'offline')
    throw new AppError(409, 'online_registration', `${user_name}为线上参会，不能在现场签到`, undefined, who);
  const already = (at: string | null) =>
    new AppError(
      409,
      'already_checked_in',
      `${user_name}已于${formatShanghai(at ?? nowIso(ctx.clock.now()))}签到，请勿重复签到`,
      undefined,
      {
        checkedInAt: at,
        ...who,
      },
    );
  if (r.checked_in_at) throw already(r.checked_in_at);
  const at = nowIso(ctx.clock.now());
  const by = ctx.actor?.userId ?? null;
  return ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('event_registrations')
      .set({ checked_in_at: at, checked_in_by: by, updated_at: at })
      .where('id', '=', r.id)
      .where('checked_in_at', 'is', null)
      .where('status', '=', 'registered')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) {
      const now = await getRegistrationRow(trx, r.id);
      throw already(now?.checked_in_at ?? null);
    }
    await audit(trx, ctx, {
      entityType: 'event_registration',
      entityId: r.id,
      action: 'check_in',
      after: { checkedInAt: at },
    });
    return { ...r, checked_in_at: at, checked_in_by: by, updated_at: at };
  });
}
