/** Turns meeting records into API payloads: explicit fields only (no e-mail or phone), with the caller's abilities. */
import { json, type Executor } from '../../db/index.ts';
import {
  effectiveStatus,
  outcomesOf,
  participantsById,
  type MeetingRecord,
  type ParticipantRecord,
  type RequestRecord,
  type RunRecord,
  type SessionRecord,
} from './repository.ts';
import { isOrganiser, meetingAbilities, requestAbilities, sessionAbilities, type MeetingScope } from './policy.ts';
import type { MeetingView, RequestView, RunView, SessionView } from '../../../common/contracts/meetings.ts';

export function slotView(s: Pick<SessionRecord, 'slots' | 'morningSlots'>, index: number) {
  const slot = s.slots[index];
  if (!slot) return null;
  return { index, startsAt: slot.startsAt, endsAt: slot.endsAt, part: index < s.morningSlots ? ('morning' as const) : ('afternoon' as const) };
}

/** Locations 1..tables are numbered tables (桌号); the ones after them are online rooms (线上洽谈室). */
export function locationView(s: Pick<SessionRecord, 'tables'>, location: number | null) {
  if (location === null) return null;
  if (location <= s.tables) return { kind: 'table' as const, number: location, label: `${location}号桌` };
  const n = location - s.tables;
  return { kind: 'online' as const, number: n, label: `线上洽谈室${n}` };
}

/** The link of an online meeting from the session's template (null at a table or without a template). */
export function onlineLinkFor(s: Pick<SessionRecord, 'tables' | 'onlineUrlTemplate'>, meetingId: string, location: number | null): string | null {
  if (location === null || location <= s.tables || !s.onlineUrlTemplate) return null;
  return s.onlineUrlTemplate.replaceAll('{meeting}', meetingId).replaceAll('{room}', String(location - s.tables));
}

export const partyView = (p: ParticipantRecord | undefined, id: string) => ({
  participantId: id,
  name: p?.name ?? '',
  organisationName: p?.organisationName ?? '',
});

export const citedItemOf = (r: Pick<RequestRecord, 'citedType' | 'citedId'> | undefined) =>
  r?.citedType && r.citedId ? { type: r.citedType, id: r.citedId } : null;

export async function presentSession(db: Executor, m: MeetingScope, s: SessionRecord): Promise<SessionView> {
  const n = await db.selectFrom('meeting_participants').select((eb) => eb.fn.countAll<number>().as('n')).where('session_id', '=', s.id).executeTakeFirstOrThrow();
  return {
    id: s.id,
    themeDayId: s.themeDayId,
    themeDayTitle: m.themeDay.title,
    title: s.title,
    mode: s.mode,
    status: s.status,
    date: s.date,
    slots: s.slots.map((_, i) => slotView(s, i)!),
    tables: s.tables,
    onlineRooms: s.onlineRooms,
    venue: s.venue,
    requestLimit: s.requestLimit,
    requestTtlHours: s.requestTtlHours,
    fairness: s.fairness,
    publishedAt: s.publishedAt,
    participantCount: Number(n.n),
    myParticipantId: m.me?.id ?? null,
    abilities: sessionAbilities(m, s),
  };
}

export function presentParticipant(m: MeetingScope, p: ParticipantRecord) {
  const private_ = isOrganiser(m) || m.me?.id === p.id;
  return {
    id: p.id,
    name: p.name,
    organisation: { id: p.organisationId, name: p.organisationName, kind: p.organisationKind },
    joinedAt: p.joinedAt,
    unavailableSlots: private_ ? p.unavailableSlots : null,
    requestLimit: private_ ? p.requestLimit : null,
    offer: p.offer,
    seek: p.seek,
  };
}

export async function presentRequests(db: Executor, m: MeetingScope, s: SessionRecord, rs: RequestRecord[], now: string): Promise<RequestView[]> {
  const people = await participantsById(db, rs.flatMap((r) => [r.requesterId, r.recipientId]));
  const meetings = rs.length
    ? await db.selectFrom('meetings').select(['id', 'request_id']).where('request_id', 'in', rs.map((r) => r.id)).execute()
    : [];
  const meetingOf = new Map(meetings.map((x) => [x.request_id, x.id]));
  return rs.map((r) => {
    const status = effectiveStatus(r, now);
    return {
      id: r.id,
      sessionId: r.sessionId,
      requester: partyView(people.get(r.requesterId), r.requesterId),
      recipient: partyView(people.get(r.recipientId), r.recipientId),
      message: r.message,
      citedItem: citedItemOf(r),
      status,
      expiresAt: r.expiresAt,
      respondedAt: r.respondedAt,
      createdAt: r.createdAt,
      meetingId: meetingOf.get(r.id) ?? null,
      abilities: requestAbilities(m, r, status, s),
    };
  });
}

export async function presentMeetings(db: Executor, m: MeetingScope, s: SessionRecord, ms: MeetingRecord[], now: string): Promise<MeetingView[]> {
  const people = await participantsById(db, ms.flatMap((x) => [x.participantAId, x.participantBId]));
  const reqs = ms.length
    ? await db.selectFrom('meeting_requests').select(['id', 'message', 'cited_type', 'cited_id']).where('id', 'in', ms.map((x) => x.requestId)).execute()
    : [];
  const reqOf = new Map(reqs.map((r) => [r.id, r]));
  const outcomes = await outcomesOf(db, ms.map((x) => x.id));
  return ms.map((x) => {
    const r = reqOf.get(x.requestId);
    const mine = isOrganiser(m) ? outcomes : outcomes.filter((o) => o.participantId === m.me?.id);
    return {
      id: x.id,
      sessionId: x.sessionId,
      status: x.status,
      participants: [partyView(people.get(x.participantAId), x.participantAId), partyView(people.get(x.participantBId), x.participantBId)],
      slot: x.slotIndex === null ? null : slotView(s, x.slotIndex),
      location: locationView(s, x.location),
      onlineLink: x.onlineLink,
      fixedSlot: x.fixedSlot,
      message: r?.message ?? null,
      citedItem: r ? citedItemOf({ citedType: r.cited_type, citedId: r.cited_id }) : null,
      outcomes: mine
        .filter((o) => o.meetingId === x.id)
        .map((o) => ({ participantId: o.participantId, outcome: o.outcome as MeetingView['outcomes'][number]['outcome'], note: o.note, recordedAt: o.recordedAt })),
      abilities: meetingAbilities(m, x, now, s),
    };
  });
}

export function presentRun(m: MeetingScope, r: RunRecord): RunView {
  const organiser = isOrganiser(m);
  return {
    id: r.id,
    sessionId: r.sessionId,
    status: r.status,
    allowMoves: r.allowMoves,
    timeLimitMs: r.timeLimitMs,
    seed: r.seed,
    stopRequested: r.stopRequested,
    meetings: r.input.meetingIds.length,
    bestBreaks: r.bestBreaks,
    lowerBound: r.lowerBound,
    elapsedMs: r.elapsedMs,
    iterations: r.iterations,
    feasible: r.feasible,
    provedOptimal: r.provedOptimal,
    adjusted: r.result?.adjusted ?? false,
    error: r.error,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    abilities: {
      stop: organiser && r.status === 'running',
      adjust: organiser && r.status === 'finished',
      publish: organiser && r.status === 'finished',
    },
  };
}

export const stringifyResult = (x: unknown): string => json.stringify(x);
