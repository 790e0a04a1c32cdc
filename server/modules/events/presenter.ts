/** Turns session and registration rows into API payloads with explicit fields and the caller's abilities. */
import { formatShanghai, shanghaiToday } from '../../../common/time.ts';
import { json, type Executor } from '../../db/index.ts';
import type { Actor } from '../../lib/context.ts';
import type { SheetSpec } from '../../lib/xlsx.ts';
import type { ThemeDayRecord } from '../themedays/repository.ts';
import {
  countsFor,
  myRegistrations,
  parseQuestions,
  waitlistPosition,
  type RegistrationRow,
  type RegistrationWithPeople,
  type SessionContext,
  type SessionCounts,
} from './repository.ts';
import { isRegistrant, isSessionStaff, registrationAbilities, sessionAbilities } from './policy.ts';
import {
  SESSION_KIND_LABELS,
  type HeadCount,
  type ManagedThemeDay,
  type RegistrationState,
  type RegistrationStatus,
  type RegistrationView,
  type SessionBrief,
  type SessionView,
} from '../../../common/contracts/events.ts';

export function registrationState(
  s: { registration_opens_at: string; registration_closes_at: string },
  now: Date,
): RegistrationState {
  const t = now.toISOString();
  if (t < s.registration_opens_at) return 'not_yet';
  if (t > s.registration_closes_at) return 'closed';
  return 'open';
}

const noCounts = (): SessionCounts => ({
  offline: { registered: 0, waitlisted: 0, checkedIn: 0 },
  online: { registered: 0, waitlisted: 0, checkedIn: 0 },
});

/**
 * Presents sessions of (possibly several) theme days with two batched look-ups (counts, my registrations).
 * `actor` null is an anonymous portal visitor: no registration of their own, so no online channel either.
 */
export async function presentSessions(
  db: Executor,
  actor: Actor | null,
  scs: SessionContext[],
  now: Date,
): Promise<SessionView[]> {
  const ids = scs.map((c) => c.session.id);
  const [counts, mine] = await Promise.all([countsFor(db, ids), myRegistrations(db, actor, ids)]);
  const out: SessionView[] = [];
  for (const sc of scs) {
    const s = sc.session;
    const c = counts.get(s.id) ?? noCounts();
    const my = mine.get(s.id);
    const staff = isSessionStaff(actor, sc);
    const holdsPlace = my?.status === 'registered';
    const state = registrationState(s, now);
    const remaining = (limit: number | null, registered: number) =>
      limit == null ? null : Math.max(0, limit - registered);
    out.push({
      id: s.id,
      themeDayId: s.theme_day_id,
      themeDay: {
        id: sc.themeDay.id,
        title: sc.themeDay.title,
        startDate: sc.themeDay.startDate,
        endDate: sc.themeDay.endDate,
        hostName: sc.themeDay.host.name,
      },
      title: s.title,
      kind: s.kind,
      kindLabel: SESSION_KIND_LABELS[s.kind] ?? s.kind,
      mode: s.mode,
      description: s.description,
      startsAt: s.starts_at,
      endsAt: s.ends_at,
      venue: s.venue,
      venueCapacity: s.venue_capacity,
      capacity: s.capacity,
      headcountLimit: sc.plan?.content.headcountLimit ?? null,
      onlineLimit: s.online_limit,
      onlineChannel: staff || holdsPlace ? s.online_channel : null,
      registrationOpensAt: s.registration_opens_at,
      registrationClosesAt: s.registration_closes_at,
      registrationState: state,
      questions: parseQuestions(s),
      offline: { ...c.offline, remaining: s.mode === 'online' ? null : remaining(s.capacity, c.offline.registered) },
      online: { ...c.online, remaining: s.mode === 'offline' ? null : remaining(s.online_limit, c.online.registered) },
      emergencyPlan: staff ? (sc.plan?.content.emergencyPlan ?? null) : null,
      epidemicMeasures: sc.plan?.content.epidemicMeasures ?? null,
      myRegistration: my
        ? {
            id: my.id,
            status: my.status,
            attendance: my.attendance,
            waitlistPosition: await waitlistPosition(db, my),
            checkedIn: !!my.checked_in_at,
          }
        : null,
      createdAt: s.created_at,
      updatedAt: s.updated_at,
      abilities: sessionAbilities(actor, sc, my, state, now),
    });
  }
  return out;
}

export async function presentSession(
  db: Executor,
  actor: Actor | null,
  sc: SessionContext,
  now: Date,
): Promise<SessionView> {
  const [v] = await presentSessions(db, actor, [sc], now);
  if (!v) throw new Error(`session ${sc.session.id} was not presented`);
  return v;
}

/**
 * A registration as its registrant or the staff see it. The check-in code goes only to the registrant and
 * the staff/readers (it is the entry pass).
 */
export function presentRegistration(
  actor: Actor | null,
  sc: Pick<SessionContext, 'themeDay' | 'plan' | 'session'>,
  r: RegistrationRow & { user_name?: string; organisation_name?: string | null },
  position: number | null,
  names?: { userName: string; organisationName: string | null },
): RegistrationView {
  const staff = isSessionStaff(actor, sc);
  const userName = names?.userName ?? r.user_name ?? '';
  const orgName = names?.organisationName ?? r.organisation_name ?? null;
  return {
    id: r.id,
    sessionId: r.session_id,
    user: { id: r.user_id, name: userName },
    organisation: r.organisation_id ? { id: r.organisation_id, name: orgName ?? '' } : null,
    attendance: r.attendance,
    status: r.status,
    waitlistPosition: r.status === 'waitlisted' ? position : null,
    code: isRegistrant(actor, r) || staff ? r.code : null,
    answers: json.parse<RegistrationView['answers']>(r.answers, {}),
    checkedInAt: r.checked_in_at,
    cancelledAt: r.cancelled_at,
    createdAt: r.created_at,
    abilities: registrationAbilities(actor, sc, r),
  };
}

/** The few session facts a registration list or a pass needs. */
export function presentBrief(sc: Pick<SessionContext, 'session' | 'themeDay'>): SessionBrief {
  const s = sc.session;
  return {
    id: s.id,
    title: s.title,
    kind: s.kind,
    kindLabel: SESSION_KIND_LABELS[s.kind] ?? s.kind,
    mode: s.mode,
    startsAt: s.starts_at,
    endsAt: s.ends_at,
    venue: s.venue,
    themeDay: { id: sc.themeDay.id, title: sc.themeDay.title, hostName: sc.themeDay.host.name },
  };
}

/** The live head count of a session (staff and readers). */
export function presentHeadCount(
  s: Pick<SessionContext['session'], 'id' | 'capacity' | 'online_limit'>,
  c: SessionCounts,
  now: Date,
): HeadCount {
  return {
    sessionId: s.id,
    capacity: s.capacity,
    onlineLimit: s.online_limit,
    offline: c.offline,
    online: c.online,
    checkedIn: c.offline.checkedIn,
    at: now.toISOString(),
  };
}

/** A theme day the caller runs as staff, with its session count and whether a new session may be set up. */
export function presentManagedThemeDay(
  td: ThemeDayRecord,
  plan: SessionContext['plan'],
  sessionCount: number,
  now: Date,
): ManagedThemeDay {
  const today = shanghaiToday(now);
  return {
    id: td.id,
    title: td.title,
    theme: td.theme,
    startDate: td.startDate,
    endDate: td.endDate,
    hostName: td.host.name,
    sessionCount,
    activityPlanStatus: plan?.status ?? null,
    headcountLimit: plan?.content.headcountLimit ?? null,
    // New sessions only for an approved plan and a theme day that has not ended (Beijing date).
    abilities: { createSession: plan?.status === 'approved' && td.endDate >= today },
  };
}

const STATUS_ZH: Record<RegistrationStatus, string> = { registered: '已报名', waitlisted: '候补', cancelled: '已取消' };

/** The registrant list as an .xlsx sheet: status, waitlist place, check-in time and the answers to the session's questions. */
export function registrationsSheet(
  sc: Pick<SessionContext, 'session'>,
  items: RegistrationWithPeople[],
  positions: Map<string, number>,
  now: Date,
): SheetSpec {
  const questions = parseQuestions(sc.session);
  const header = [
    '序号',
    '姓名',
    '单位',
    '参会方式',
    '状态',
    '候补序位',
    '报名时间',
    '签到时间',
    ...questions.map((x) => x.label),
  ];
  const rows = items.map((r, i) => {
    const answers = json.parse<RegistrationView['answers']>(r.answers, {});
    return [
      i + 1,
      r.user_name,
      r.organisation_name ?? '',
      r.attendance === 'offline' ? '线下' : '线上',
      STATUS_ZH[r.status] ?? r.status,
      positions.get(r.id) ?? '',
      formatShanghai(r.created_at),
      r.checked_in_at ? formatShanghai(r.checked_in_at) : '',
      ...questions.map((x) => answers[x.key] ?? ''),
    ];
  });
  const caption = `${sc.session.title}（${formatShanghai(sc.session.starts_at)}）报名名单，导出于${formatShanghai(now.toISOString())}`;
  return { name: '报名名单', caption, header, rows, widths: [6, 14, 28, 10, 10, 10, 18, 18] };
}

/** The check-in list as an .xlsx sheet, in check-in order, with the head count in the caption. */
export function checkInsSheet(
  sc: Pick<SessionContext, 'session'>,
  items: RegistrationWithPeople[],
  staffName: Map<string, string>,
  counts: SessionCounts,
  now: Date,
): SheetSpec {
  const header = ['序号', '姓名', '单位', '签到时间', '签到码', '办理人'];
  const rows = items.map((r, i) => [
    i + 1,
    r.user_name,
    r.organisation_name ?? '',
    r.checked_in_at ? formatShanghai(r.checked_in_at) : '',
    r.code,
    staffName.get(r.checked_in_by ?? '') ?? '',
  ]);
  const caption = `${sc.session.title}（${formatShanghai(sc.session.starts_at)}）签到名单：已签到${counts.offline.checkedIn}人 / 已报名${counts.offline.registered}人 / 名额${sc.session.capacity ?? '—'}人，导出于${formatShanghai(now.toISOString())}`;
  return { name: '签到名单', caption, header, rows, widths: [6, 14, 28, 18, 14, 14] };
}
