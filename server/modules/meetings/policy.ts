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
 *
 * Every predicate takes the actor first and, second, the facts about the session that do not come with the
 * actor: its theme day, the support organisations the activity plan names, and the actor's own participant
 * row in the session (`me`, loaded for that actor).
 */
import type { Role } from '../../../common/roles.ts';
import { hasRole, type Actor } from '../../lib/context.ts';
import { isOwner } from '../../lib/policy.ts';
import type { ThemeDayRecord } from '../themedays/repository.ts';
import { canSeeThemeDay, isHostAdmin, isLocalDrcOf, isNamedSupportOrg } from '../themedays/policy.ts';
import type { MeetingRecord, ParticipantRecord, RequestRecord, SessionRecord } from './repository.ts';
import type { RequestStatus } from '../../../common/contracts/meetings.ts';

/** Record-side facts of a session the predicates need besides the actor. */
export interface SessionFacts {
  themeDay: ThemeDayRecord;
  supportOrganisationIds: readonly string[];
  /** The actor's participant row in the session, when they joined. */
  me: ParticipantRecord | null;
}

/** Roles that take part in meetings (companies, institutes, investors, experts, bases, support organisations). */
export const PARTICIPANT_ROLES: readonly Role[] = ['member', 'investor', 'expert', 'base_admin', 'support_org'];

export const canSeeSession = (a: Actor | null, f: Pick<SessionFacts, 'themeDay'>): boolean =>
  canSeeThemeDay(a, f.themeDay);

export const isOrganiser = (a: Actor | null, f: Pick<SessionFacts, 'themeDay' | 'supportOrganisationIds'>): boolean =>
  isHostAdmin(a, f.themeDay) || isNamedSupportOrg(a, f.supportOrganisationIds);

/** Read-only observers of a whole session: the owner, evaluators and the host province's local DRC. */
export const isObserver = (a: Actor | null, f: Pick<SessionFacts, 'themeDay'>): boolean =>
  isOwner(a) || hasRole(a, 'evaluator') || isLocalDrcOf(a, f.themeDay);

export const canReadOverview = (
  a: Actor | null,
  f: Pick<SessionFacts, 'themeDay' | 'supportOrganisationIds'>,
): boolean => isOrganiser(a, f) || isObserver(a, f);

export const canJoin = (a: Actor | null, f: Pick<SessionFacts, 'me'>, s: Pick<SessionRecord, 'status'>): boolean =>
  !f.me && s.status === 'open' && !!a?.organisationId && hasRole(a, ...PARTICIPANT_ROLES);

export const isPartyToRequest = (
  a: Actor | null,
  f: Pick<SessionFacts, 'me'>,
  r: Pick<RequestRecord, 'requesterId' | 'recipientId'>,
): boolean => !!a && !!f.me && (r.requesterId === f.me.id || r.recipientId === f.me.id);
export const isPartyToMeeting = (
  a: Actor | null,
  f: Pick<SessionFacts, 'me'>,
  mt: Pick<MeetingRecord, 'participantAId' | 'participantBId'>,
): boolean => !!a && !!f.me && (mt.participantAId === f.me.id || mt.participantBId === f.me.id);

export const canSeeRequest = (a: Actor | null, f: SessionFacts, r: RequestRecord): boolean =>
  isPartyToRequest(a, f, r) || isOrganiser(a, f) || isObserver(a, f);
export const canSeeMeeting = (a: Actor | null, f: SessionFacts, mt: MeetingRecord): boolean =>
  isPartyToMeeting(a, f, mt) || isOrganiser(a, f) || isObserver(a, f);

export function sessionAbilities(a: Actor | null, f: SessionFacts, s: SessionRecord) {
  const organiser = isOrganiser(a, f);
  return {
    manage: organiser,
    join: canJoin(a, f, s),
    request: !!f.me && s.status === 'open',
    setAvailability: !!f.me,
    readOverview: canReadOverview(a, f),
    schedule: organiser && s.mode === 'organiser',
  };
}

export function requestAbilities(
  a: Actor | null,
  f: Pick<SessionFacts, 'me'>,
  r: RequestRecord,
  effective: RequestStatus,
  s: SessionRecord,
) {
  const open = !!a && effective === 'pending' && s.status === 'open';
  return {
    accept: open && !!f.me && r.recipientId === f.me.id,
    decline: open && !!f.me && r.recipientId === f.me.id,
    withdraw: open && !!f.me && r.requesterId === f.me.id,
  };
}

export function meetingAbilities(a: Actor | null, f: SessionFacts, mt: MeetingRecord, now: string, s: SessionRecord) {
  const party = isPartyToMeeting(a, f, mt);
  const slot = mt.slotIndex === null ? undefined : s.slots[mt.slotIndex];
  const over = !!slot && slot.endsAt <= now;
  return {
    cancel: mt.status !== 'cancelled' && !over && (party || isOrganiser(a, f)),
    fix: mt.status !== 'cancelled' && isOrganiser(a, f),
    recordOutcome: party && mt.status === 'scheduled' && over,
  };
}
