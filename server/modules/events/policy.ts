/**
 * Who may see and do what with a theme day's sessions and their registrations.
 *
 * - Sessions are public once the theme day is (every signed-in user of a published programme sees them and
 *   may register); a draft programme's sessions exist only for the owner (404 for everyone else).
 * - The host's staff — its base administrators and the support organisations its activity plan names
 *   (417号 三(四): "有关支撑机构要…协助做好活动报名、项目征集、宣传推广等工作") — create and edit sessions, check
 *   people in, change capacity and switch to online.
 * - Registrant lists and head counts are read by the staff, the programme owner and evaluators (the third
 *   party evaluates by participation); a registration itself is visible to its registrant and those readers.
 */
import { hasRole, type Actor } from '../../lib/context.ts';
import { canSeeThemeDay, isHostAdmin, isNamedSupportOrg, isOwner, } from '../themedays/policy.ts';
import type { ThemeDayRecord } from '../themedays/repository.ts';
import type { RegistrationRow, SessionContext } from './repository.ts';

export const supportIdsOf = (ctx: Pick<SessionContext, 'plan'>): string[] => ctx.plan?.content.supportOrganisationIds ?? [];

/** The host's base administrators and the support organisations it delegated to. */
export const isStaff = (s: Actor, td: ThemeDayRecord, supportIds: readonly string[]): boolean =>
  isHostAdmin(s, td) || isNamedSupportOrg(s, supportIds);

export const isSessionStaff = (s: Actor, ctx: Pick<SessionContext, 'themeDay' | 'plan'>): boolean => isStaff(s, ctx.themeDay, supportIdsOf(ctx));

export const canSeeSession = (s: Actor, ctx: Pick<SessionContext, 'themeDay'>): boolean => canSeeThemeDay(s, ctx.themeDay);

/** Registrant lists, exports and head counts. */
export const canReadRegistrations = (s: Actor, ctx: Pick<SessionContext, 'themeDay' | 'plan'>): boolean =>
  isSessionStaff(s, ctx) || isOwner(s) || hasRole(s, 'evaluator');

export const isRegistrant = (s: Actor, r: Pick<RegistrationRow, 'user_id'>): boolean => r.user_id === s.userId;

export const canSeeRegistration = (s: Actor, ctx: Pick<SessionContext, 'themeDay' | 'plan'>, r: Pick<RegistrationRow, 'user_id'>): boolean =>
  isRegistrant(s, r) || canReadRegistrations(s, ctx);

/** The registrant cancels their own place; the staff may cancel anyone's (e.g. at the registrant's request by phone). */
export const canCancelRegistration = (s: Actor, ctx: Pick<SessionContext, 'themeDay' | 'plan'>, r: Pick<RegistrationRow, 'user_id' | 'status'>): boolean =>
  r.status !== 'cancelled' && (isRegistrant(s, r) || isSessionStaff(s, ctx));
