/**
 * Who may see and do what with a theme day's sessions and their registrations.
 *
 * - Sessions are public once the theme day is (every signed-in user of a published programme sees them and
 *   may register); a draft programme's sessions exist only for the owner (404 for everyone else).
 * - The session staff — whoever manages the theme day's 'sessions' part (themedays/policy.ts `canManagePart`):
 *   the host's base administrators, co-organisers given that part (partner bases, alliances; issue 12 §3) and
 *   support organisations delegated 报名 (or, without an explicit delegation, named in the activity plan —
 *   417号 三(四): "有关支撑机构要…协助做好活动报名、项目征集、宣传推广等工作") — create and edit sessions, check
 *   people in, change capacity and switch to online. Setting up a roadshow takes the 'roadshows' part.
 * - Registrant lists and head counts are read by the staff, the programme owner and evaluators (the third
 *   party evaluates by participation); a registration itself is visible to its registrant and those readers.
 * - An anonymous portal visitor (actor null) sees a published programme's sessions like any signed-in user,
 *   minus everything personal: no registration, no online channel, no emergency plan.
 */
import { hasRole, type Actor } from '../../lib/context.ts';
import { isOwner } from '../../lib/policy.ts';
import {
  canManagePart,
  canSeeThemeDay,
  isHostAdmin,
  isNamedSupportOrg,
  planOnlyFacts,
  type PartFacts,
} from '../themedays/policy.ts';
import type { ThemeDayRecord } from '../themedays/repository.ts';
import type { RegistrationRow, SessionContext } from './repository.ts';
import type { RegistrationAbilities, RegistrationState, SessionAbilities } from '../../../common/contracts/events.ts';

export const supportIdsOf = (sc: Pick<SessionContext, 'plan'>): string[] =>
  sc.plan?.content.supportOrganisationIds ?? [];

/**
 * The host's base administrators and the support organisations its activity plan names — the staff of other
 * theme-day areas (the exhibition hall) that have no co-organiser parts.
 */
export const isStaff = (s: Actor | null, td: ThemeDayRecord, supportIds: readonly string[]): boolean =>
  isHostAdmin(s, td) || isNamedSupportOrg(s, supportIds);

/** The facts `canManagePart` needs for a session's theme day (without loaded ones: the plan's support orgs). */
export const partFactsOf = (sc: Pick<SessionContext, 'plan' | 'access'>): PartFacts =>
  sc.access ?? planOnlyFacts(supportIdsOf(sc));

/** Manages the theme day's sessions and registrations (see the module comment). */
export const isSessionStaff = (s: Actor | null, sc: Pick<SessionContext, 'themeDay' | 'plan' | 'access'>): boolean =>
  canManagePart(s, sc.themeDay, 'sessions', partFactsOf(sc));

/** Sets up roadshows (项目征集, screening, judging) of the theme day. */
export const isRoadshowStaff = (s: Actor | null, sc: Pick<SessionContext, 'themeDay' | 'plan' | 'access'>): boolean =>
  canManagePart(s, sc.themeDay, 'roadshows', partFactsOf(sc));

export const canSeeSession = (s: Actor | null, sc: Pick<SessionContext, 'themeDay'>): boolean =>
  canSeeThemeDay(s, sc.themeDay);

/** Registrant lists, exports and head counts. */
export const canReadRegistrations = (
  s: Actor | null,
  sc: Pick<SessionContext, 'themeDay' | 'plan' | 'access'>,
): boolean => isSessionStaff(s, sc) || isOwner(s) || hasRole(s, 'evaluator');

export const isRegistrant = (s: Actor | null, r: Pick<RegistrationRow, 'user_id'>): boolean =>
  !!s && r.user_id === s.userId;

export const canSeeRegistration = (
  s: Actor | null,
  sc: Pick<SessionContext, 'themeDay' | 'plan' | 'access'>,
  r: Pick<RegistrationRow, 'user_id'>,
): boolean => isRegistrant(s, r) || canReadRegistrations(s, sc);

/** The registrant cancels their own place; the staff may cancel anyone's (e.g. at the registrant's request by phone). */
export const canCancelRegistration = (
  s: Actor | null,
  sc: Pick<SessionContext, 'themeDay' | 'plan' | 'access'>,
  r: Pick<RegistrationRow, 'user_id' | 'status'>,
): boolean => r.status !== 'cancelled' && (isRegistrant(s, r) || isSessionStaff(s, sc));

/**
 * What the caller may do with a session, sent with it so the UI shows exactly the allowed buttons. `my` is
 * the caller's own registration (any status), `now` the server's clock.
 */
export function sessionAbilities(
  s: Actor | null,
  sc: Pick<SessionContext, 'session' | 'themeDay' | 'plan' | 'access'>,
  my: Pick<RegistrationRow, 'status' | 'checked_in_at'> | undefined,
  state: RegistrationState,
  now: Date,
): SessionAbilities {
  const staff = isSessionStaff(s, sc);
  const session = sc.session;
  return {
    edit: staff,
    register: state === 'open' && (!my || my.status === 'cancelled'),
    cancelRegistration: !!my && my.status !== 'cancelled' && !my.checked_in_at && now.toISOString() < session.starts_at,
    manage: staff,
    checkIn: staff && session.mode !== 'online',
    viewRegistrations: canReadRegistrations(s, sc),
    export: canReadRegistrations(s, sc),
    changeCapacity: staff && session.mode !== 'online',
    switchOnline: staff && session.mode !== 'online',
    createRoadshow: session.kind === 'roadshow' && isRoadshowStaff(s, sc),
  };
}

/** What the caller may do with a registration: cancel it (not once checked in), check it in at the door (staff). */
export function registrationAbilities(
  s: Actor | null,
  sc: Pick<SessionContext, 'themeDay' | 'plan' | 'access'>,
  r: Pick<RegistrationRow, 'user_id' | 'status' | 'attendance' | 'checked_in_at'>,
): RegistrationAbilities {
  return {
    cancel: canCancelRegistration(s, sc, r) && !r.checked_in_at,
    checkIn: isSessionStaff(s, sc) && r.status === 'registered' && r.attendance === 'offline' && !r.checked_in_at,
  };
}
