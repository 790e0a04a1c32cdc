/** Turns session and registration rows into API payloads with explicit fields and the caller's abilities. */
import { json, type Executor } from '../../db/index.ts';
import type { Actor } from '../../lib/context.ts';
import { countsFor, myRegistrations, parseQuestions, waitlistPosition, type RegistrationRow, type RegistrationWithPeople, type SessionContext, type SessionCounts } from './repository.ts';
import { canCancelRegistration, canReadRegistrations, isRegistrant, isSessionStaff } from './policy.ts';
import { SESSION_KIND_LABELS, type RegistrationView, type SessionView } from '../../../common/contracts/events.ts';

type Kind = keyof typeof SESSION_KIND_LABELS;

export function registrationState(s: { registration_opens_at: string; registration_closes_at: string }, now: Date): 'not_yet' | 'open' | 'closed' {
  const t = now.toISOString();
  if (t < s.registration_opens_at) return 'not_yet';
  if (t > s.registration_closes_at) return 'closed';
  return 'open';
}

/** Presents sessions of (possibly several) theme days with two batched look-ups (counts, my registrations). */
export async function presentSessions(db: Executor, scope: Actor, ctxs: SessionContext[], now: Date): Promise<SessionView[]> {
  const ids = ctxs.map((c) => c.session.id);
  const [counts, mine] = await Promise.all([countsFor(db, ids), myRegistrations(db, scope.userId, ids)]);
  const out: SessionView[] = [];
  for (const ctx of ctxs) {
    const s = ctx.session;
    const c = counts.get(s.id) as SessionCounts;
    const my = mine.get(s.id);
    const staff = isSessionStaff(scope, ctx);
    const holdsPlace = my?.status === 'registered';
    const state = registrationState(s, now);
    const remaining = (limit: number | null, registered: number) => (limit == null ? null : Math.max(0, limit - registered));
    const before = now.toISOString() < s.starts_at;
    out.push({
      id: s.id,
      themeDayId: s.theme_day_id,
      themeDay: {
        id: ctx.themeDay.id,
        title: ctx.themeDay.title,
        startDate: ctx.themeDay.startDate,
        endDate: ctx.themeDay.endDate,
        hostName: ctx.themeDay.host.name,
      },
      title: s.title,
      kind: s.kind as Kind,
      kindLabel: SESSION_KIND_LABELS[s.kind as Kind] ?? s.kind,
      mode: s.mode as SessionView['mode'],
      description: s.description,
      startsAt: s.starts_at,
      endsAt: s.ends_at,
      venue: s.venue,
      venueCapacity: s.venue_capacity,
      capacity: s.capacity,
      headcountLimit: ctx.plan?.content.headcountLimit ?? null,
      onlineLimit: s.online_limit,
      onlineChannel: staff || holdsPlace ? s.online_channel : null,
      registrationOpensAt: s.registration_opens_at,
      registrationClosesAt: s.registration_closes_at,
      registrationState: state,
      questions: parseQuestions(s),
      offline: { ...c.offline, remaining: s.mode === 'online' ? null : remaining(s.capacity, c.offline.registered) },
      online: { ...c.online, remaining: s.mode === 'offline' ? null : remaining(s.online_limit, c.online.registered) },
      emergencyPlan: staff ? (ctx.plan?.content.emergencyPlan ?? null) : null,
      epidemicMeasures: ctx.plan?.content.epidemicMeasures ?? null,
      myRegistration: my
        ? {
            id: my.id,
            status: my.status as 'registered' | 'waitlisted' | 'cancelled',
            attendance: my.attendance as 'offline' | 'online',
            waitlistPosition: await waitlistPosition(db, my),
            checkedIn: !!my.checked_in_at,
          }
        : null,
      createdAt: s.created_at,
      updatedAt: s.updated_at,
      abilities: {
        edit: staff,
        register: state === 'open' && (!my || my.status === 'cancelled'),
        cancelRegistration: !!my && my.status !== 'cancelled' && !my.checked_in_at && before,
        manage: staff,
        checkIn: staff && s.mode !== 'online',
        viewRegistrations: canReadRegistrations(scope, ctx),
        export: canReadRegistrations(scope, ctx),
        changeCapacity: staff && s.mode !== 'online',
        switchOnline: staff && s.mode !== 'online',
        createRoadshow: staff && s.kind === 'roadshow',
      },
    });
  }
  return out;
}

export async function presentSession(db: Executor, scope: Actor, ctx: SessionContext, now: Date): Promise<SessionView> {
  const [v] = await presentSessions(db, scope, [ctx], now);
  return v as SessionView;
}

/**
 * A registration as its registrant or the staff see it. The check-in code goes only to the registrant and
 * the staff/readers (it is the entry pass).
 */
export function presentRegistration(
  scope: Actor,
  ctx: Pick<SessionContext, 'themeDay' | 'plan' | 'session'>,
  r: RegistrationRow & { user_name?: string; organisation_name?: string | null },
  position: number | null,
  names?: { userName: string; organisationName: string | null },
): RegistrationView {
  const staff = isSessionStaff(scope, ctx);
  const userName = names?.userName ?? r.user_name ?? '';
  const orgName = names?.organisationName ?? r.organisation_name ?? null;
  return {
    id: r.id,
    sessionId: r.session_id,
    user: { id: r.user_id, name: userName },
    organisation: r.organisation_id ? { id: r.organisation_id, name: orgName ?? '' } : null,
    attendance: r.attendance as 'offline' | 'online',
    status: r.status as RegistrationView['status'],
    waitlistPosition: r.status === 'waitlisted' ? position : null,
    code: isRegistrant(scope, r) || staff ? r.code : null,
    answers: json.parse<RegistrationView['answers']>(r.answers, {}),
    checkedInAt: r.checked_in_at,
    cancelledAt: r.cancelled_at,
    createdAt: r.created_at,
    abilities: {
      cancel: canCancelRegistration(scope, ctx, r) && !r.checked_in_at,
      checkIn: staff && r.status === 'registered' && r.attendance === 'offline' && !r.checked_in_at,
    },
  };
}

export type { RegistrationWithPeople };

/** The few session facts a registration list or a pass needs. */
export function presentBrief(ctx: Pick<SessionContext, 'session' | 'themeDay'>) {
  const s = ctx.session;
  return {
    id: s.id,
    title: s.title,
    kind: s.kind as Kind,
    kindLabel: SESSION_KIND_LABELS[s.kind as Kind] ?? s.kind,
    mode: s.mode as SessionView['mode'],
    startsAt: s.starts_at,
    endsAt: s.ends_at,
    venue: s.venue,
    themeDay: { id: ctx.themeDay.id, title: ctx.themeDay.title, hostName: ctx.themeDay.host.name },
  };
}
