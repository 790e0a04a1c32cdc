/**
 * Who may see and do what with meeting sessions, requests, meetings and scheduler runs.
 *
 * - Organisers are the host base's administrators and the support organisations its activity plan names
 *   (417号 三(三): 支撑机构 "协助做好相关工作", acting within what the host delegates).
 * - A session is visible to everyone who can see its theme day (a published programme's theme days are
 *   public to signed-in users), so people can find it and join with their active organisation.
 * - Requests and meetings exist only for their two participants and the organisers; the owner, evaluators
 *   and the host province's local DRC may read the session overview. Everyone else gets 404.
 * - Scheduler runs exist only for organisers.
 */
import type { Role } from '../../../common/roles.ts';
import { hasRole, type Actor } from '../../lib/context.ts';
import type { ThemeDayRecord } from '../themedays/repository.ts';
import { canSeeThemeDay, isHostAdmin, isLocalDrcOf, isNamedSupportOrg, isOwner, } from '../themedays/policy.ts';
import type { MeetingRecord, ParticipantRecord, RequestRecord, SessionRecord } from './repository.ts';

/** Everything the predicates need about the caller and the session's theme day. */
export interface MeetingScope {
  scope: Actor;
  themeDay: ThemeDayRecord;
  supportOrganisationIds: string[];
  /** The caller's participant row in the session, when they joined. */
  me: ParticipantRecord | null;
}

/** Roles that take part in meetings (companies, institutes, investors, experts, bases, support organisations). */
export const PARTICIPANT_ROLES: readonly Role[] = ['member', 'investor', 'expert', 'base_admin', 'support_org'];

export const canSeeSession = (m: Pick<MeetingScope, 'scope' | 'themeDay'>): boolean => canSeeThemeDay(m.scope, m.themeDay);

export const isOrganiser = (m: Pick<MeetingScope, 'scope' | 'themeDay' | 'supportOrganisationIds'>): boolean =>
  isHostAdmin(m.scope, m.themeDay) || isNamedSupportOrg(m.scope, m.supportOrganisationIds);

/** Read-only observers of a whole session: the owner, evaluators and the host province's local DRC. */
export const isObserver = (m: Pick<MeetingScope, 'scope' | 'themeDay'>): boolean =>
  isOwner(m.scope) || hasRole(m.scope, 'evaluator') || isLocalDrcOf(m.scope, m.themeDay);

export const canReadOverview = (m: MeetingScope): boolean => isOrganiser(m) || isObserver(m);

export const canJoin = (m: MeetingScope, s: SessionRecord): boolean =>
  !m.me && s.status === 'open' && !!m.scope.organisationId && hasRole(m.scope, ...PARTICIPANT_ROLES);

export const isPartyToRequest = (m: MeetingScope, r: RequestRecord): boolean => !!m.me && (r.requesterId === m.me.id || r.recipientId === m.me.id);
export const isPartyToMeeting = (m: MeetingScope, mt: MeetingRecord): boolean =>
  !!m.me && (mt.participantAId === m.me.id || mt.participantBId === m.me.id);

export const canSeeRequest = (m: MeetingScope, r: RequestRecord): boolean => isPartyToRequest(m, r) || isOrganiser(m) || isObserver(m);
export const canSeeMeeting = (m: MeetingScope, mt: MeetingRecord): boolean => isPartyToMeeting(m, mt) || isOrganiser(m) || isObserver(m);

export function sessionAbilities(m: MeetingScope, s: SessionRecord) {
  const organiser = isOrganiser(m);
  return {
    manage: organiser,
    join: canJoin(m, s),
    request: !!m.me && s.status === 'open',
    setAvailability: !!m.me,
    readOverview: canReadOverview(m),
    schedule: organiser && s.mode === 'organiser',
  };
}

export function requestAbilities(m: MeetingScope, r: RequestRecord, effective: string, s: SessionRecord) {
  const open = effective === 'pending' && s.status === 'open';
  return {
    accept: open && !!m.me && r.recipientId === m.me.id,
    decline: open && !!m.me && r.recipientId === m.me.id,
    withdraw: open && !!m.me && r.requesterId === m.me.id,
  };
}

export function meetingAbilities(m: MeetingScope, mt: MeetingRecord, now: string, s: SessionRecord) {
  const party = isPartyToMeeting(m, mt);
  const slot = mt.slotIndex === null ? undefined : s.slots[mt.slotIndex];
  const over = !!slot && slot.endsAt <= now;
  return {
    cancel: mt.status !== 'cancelled' && !over && (party || isOrganiser(m)),
    fix: mt.status !== 'cancelled' && isOrganiser(m),
    recordOutcome: party && mt.status === 'scheduled' && over,
  };
}
