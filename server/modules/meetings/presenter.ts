/** Turns meeting records into API payloads: explicit fields only (no e-mail or phone), with the caller's abilities. */
import { breaksOfSlots } from '../../engines/b2b/model.ts';
import type { Executor } from '../../db/index.ts';
import type { Actor } from '../../lib/context.ts';
import {
  countParticipants,
  effectiveStatus,
  meetingIdsOfRequests,
  outcomesOf,
  participantsById,
  requestNotes,
  type MeetingRecord,
  type ParticipantRecord,
  type RequestRecord,
  type RunRecord,
  type SessionRecord,
} from './repository.ts';
import { isOrganiser, meetingAbilities, requestAbilities, sessionAbilities, type SessionFacts } from './policy.ts';
import type {
  AgendaItemView,
  AgendaView,
  LocationView,
  MeetingView,
  OverviewView,
  ParticipantView,
  PartyView,
  PublicSessionView,
  RequestView,
  RunView,
  SessionView,
  SlotView,
  TableSheetsView,
} from '../../../common/contracts/meetings.ts';

export function slotView(s: Pick<SessionRecord, 'slots' | 'morningSlots'>, index: number): SlotView | null {
  const slot = s.slots[index];
  if (!slot) return null;
  return {
    index,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    part: index < s.morningSlots ? 'morning' : 'afternoon',
  };
}

/** Locations 1..tables are numbered tables (桌号); the ones after them are online rooms (线上洽谈室). */
export function locationView(s: Pick<SessionRecord, 'tables'>, location: number | null): LocationView | null {
  if (location === null) return null;
  if (location <= s.tables) return { kind: 'table', number: location, label: `${location}号桌` };
  const n = location - s.tables;
  return { kind: 'online', number: n, label: `线上洽谈室${n}` };
}

/** The link of an online meeting from the session's template (null at a table or without a template). */
export function onlineLinkFor(
  s: Pick<SessionRecord, 'tables' | 'onlineUrlTemplate'>,
  meetingId: string,
  location: number | null,
): string | null {
  if (location === null || location <= s.tables || !s.onlineUrlTemplate) return null;
  return s.onlineUrlTemplate.replaceAll('{meeting}', meetingId).replaceAll('{room}', String(location - s.tables));
}

export const partyView = (p: ParticipantRecord | undefined, id: string): PartyView => ({
  participantId: id,
  name: p?.name ?? '',
  organisationName: p?.organisationName ?? '',
});

export const citedItemOf = (r: Pick<RequestRecord, 'citedType' | 'citedId'> | undefined) =>
  r?.citedType && r.citedId ? { type: r.citedType, id: r.citedId } : null;

/** Breaks (idle gaps) in a day of meetings, the morning and afternoon counted apart. */
const breaksOf = (s: SessionRecord, slotIndexes: number[]): number =>
  breaksOfSlots(slotIndexes, s.morningSlots > 0 ? s.morningSlots : s.slots.length);

export async function presentSession(
  db: Executor,
  actor: Actor | null,
  f: SessionFacts,
  s: SessionRecord,
): Promise<SessionView> {
  return {
    id: s.id,
    themeDayId: s.themeDayId,
    themeDayTitle: f.themeDay.title,
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
    participantCount: await countParticipants(db, s.id),
    myParticipantId: f.me?.id ?? null,
    abilities: sessionAbilities(actor, f, s),
  };
}

/** A session on the public portal page: when, how and how many, nothing about the people. */
export function presentPublicSession(s: SessionRecord, participantCount: number): PublicSessionView {
  return {
    id: s.id,
    title: s.title,
    mode: s.mode,
    status: s.status,
    date: s.date,
    startsAt: s.slots[0]?.startsAt ?? null,
    endsAt: s.slots[s.slots.length - 1]?.endsAt ?? null,
    slotCount: s.slots.length,
    tables: s.tables,
    onlineRooms: s.onlineRooms,
    venue: s.venue,
    participantCount,
    published: s.publishedAt !== null,
  };
}

export function presentParticipant(actor: Actor | null, f: SessionFacts, p: ParticipantRecord): ParticipantView {
  const private_ = isOrganiser(actor, f) || f.me?.id === p.id;
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

export async function presentRequests(
  db: Executor,
  actor: Actor | null,
  f: SessionFacts,
  s: SessionRecord,
  rs: RequestRecord[],
  now: string,
): Promise<RequestView[]> {
  const people = await participantsById(
    db,
    rs.flatMap((r) => [r.requesterId, r.recipientId]),
  );
  const meetingOf = await meetingIdsOfRequests(
    db,
    rs.map((r) => r.id),
  );
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
      abilities: requestAbilities(actor, f, r, status, s),
    };
  });
}

export async function presentMeetings(
  db: Executor,
  actor: Actor | null,
  f: SessionFacts,
  s: SessionRecord,
  ms: MeetingRecord[],
  now: string,
): Promise<MeetingView[]> {
  const people = await participantsById(
    db,
    ms.flatMap((x) => [x.participantAId, x.participantBId]),
  );
  const notes = await requestNotes(
    db,
    ms.map((x) => x.requestId),
  );
  const outcomes = await outcomesOf(
    db,
    ms.map((x) => x.id),
  );
  return ms.map((x) => {
    const r = notes.get(x.requestId);
    const mine = isOrganiser(actor, f) ? outcomes : outcomes.filter((o) => o.participantId === f.me?.id);
    return {
      id: x.id,
      sessionId: x.sessionId,
      status: x.status,
      participants: [
        partyView(people.get(x.participantAId), x.participantAId),
        partyView(people.get(x.participantBId), x.participantBId),
      ],
      slot: x.slotIndex === null ? null : slotView(s, x.slotIndex),
      location: locationView(s, x.location),
      onlineLink: x.onlineLink,
      fixedSlot: x.fixedSlot,
      message: r?.message ?? null,
      citedItem: r ? citedItemOf(r) : null,
      outcomes: mine
        .filter((o) => o.meetingId === x.id)
        .map((o) => ({ participantId: o.participantId, outcome: o.outcome, note: o.note, recordedAt: o.recordedAt })),
      abilities: meetingAbilities(actor, f, x, now, s),
    };
  });
}

/**
 * The participant's agenda: meetings with a slot in time order (time, table or online link, counterpart,
 * cited item, their own outcome) and accepted meetings still waiting for one. `meetings` are the
 * participant's meetings that are not cancelled.
 */
export async function presentAgenda(
  db: Executor,
  actor: Actor | null,
  f: SessionFacts,
  s: SessionRecord,
  me: ParticipantRecord,
  meetings: MeetingRecord[],
  now: string,
): Promise<AgendaView> {
  const people = await participantsById(
    db,
    meetings.flatMap((m) => [m.participantAId, m.participantBId]),
  );
  const notes = await requestNotes(
    db,
    meetings.map((m) => m.requestId),
  );
  const outcomes = await outcomesOf(
    db,
    meetings.map((m) => m.id),
  );
  const counterpart = (m: MeetingRecord) => {
    const other = m.participantAId === me.id ? m.participantBId : m.participantAId;
    return partyView(people.get(other), other);
  };
  const scheduled = meetings
    .flatMap((m) => (m.status === 'scheduled' && m.slotIndex !== null ? [{ m, slotIndex: m.slotIndex }] : []))
    .sort((a, b) => a.slotIndex - b.slotIndex);
  const items = scheduled.map(({ m, slotIndex }): AgendaItemView => {
    const r = notes.get(m.requestId);
    return {
      meetingId: m.id,
      slot: slotView(s, slotIndex)!,
      location: locationView(s, m.location),
      onlineLink: m.onlineLink,
      counterpart: counterpart(m),
      message: r?.message ?? null,
      citedItem: r ? citedItemOf(r) : null,
      myOutcome: outcomes.find((o) => o.meetingId === m.id && o.participantId === me.id)?.outcome ?? null,
      abilities: meetingAbilities(actor, f, m, now, s),
    };
  });
  return {
    session: { id: s.id, title: s.title, date: s.date, venue: s.venue, publishedAt: s.publishedAt, mode: s.mode },
    participantId: me.id,
    breaks: breaksOf(
      s,
      scheduled.map((x) => x.slotIndex),
    ),
    items,
    unscheduled: meetings
      .filter((m) => m.status === 'accepted')
      .map((m) => ({ meetingId: m.id, counterpart: counterpart(m) })),
  };
}

/** Meetings of a session as the organisers' grid shows them: with a slot (and location) or waiting for one. */
async function grid(db: Executor, meetings: MeetingRecord[]) {
  const people = await participantsById(
    db,
    meetings.flatMap((m) => [m.participantAId, m.participantBId]),
  );
  const parties = (m: MeetingRecord) => [
    partyView(people.get(m.participantAId), m.participantAId),
    partyView(people.get(m.participantBId), m.participantBId),
  ];
  const scheduled = meetings.flatMap((m) =>
    m.status === 'scheduled' && m.slotIndex !== null ? [{ m, slotIndex: m.slotIndex }] : [],
  );
  return { parties, scheduled };
}

/** The organisers' overview of a session: counts, breaks, the slot × location grid and the unscheduled meetings. */
export async function presentOverview(
  db: Executor,
  s: SessionRecord,
  p: { session: SessionView; meetings: MeetingRecord[]; participants: number; pendingRequests: number },
): Promise<OverviewView> {
  const { meetings } = p;
  const { parties, scheduled } = await grid(db, meetings);
  const slotsOf = new Map<string, number[]>();
  for (const { m, slotIndex } of scheduled)
    for (const pid of [m.participantAId, m.participantBId]) slotsOf.set(pid, [...(slotsOf.get(pid) ?? []), slotIndex]);
  const totalBreaks = [...slotsOf.values()].reduce(
    (t, l) =>
      t +
      breaksOf(
        s,
        l.sort((a, b) => a - b),
      ),
    0,
  );
  return {
    session: p.session,
    counts: {
      participants: p.participants,
      pendingRequests: p.pendingRequests,
      accepted: meetings.filter((m) => m.status !== 'cancelled').length,
      scheduled: scheduled.length,
      unscheduled: meetings.filter((m) => m.status === 'accepted').length,
      cancelled: meetings.filter((m) => m.status === 'cancelled').length,
    },
    totalBreaks,
    grid: s.slots.map((_, i) => ({
      slot: slotView(s, i)!,
      meetings: scheduled
        .filter((x) => x.slotIndex === i)
        .map((x) => x.m)
        .sort((a, b) => (a.location ?? 0) - (b.location ?? 0))
        .map((m) => ({ meetingId: m.id, location: locationView(s, m.location), participants: parties(m) })),
    })),
    unscheduled: meetings
      .filter((m) => m.status === 'accepted')
      .map((m) => ({ meetingId: m.id, participants: parties(m) })),
  };
}

/** One printable sheet per table and online room: who meets there in each slot. */
export async function presentTableSheets(
  db: Executor,
  s: SessionRecord,
  meetings: MeetingRecord[],
): Promise<TableSheetsView> {
  const { parties, scheduled } = await grid(db, meetings);
  const placed = scheduled.filter((x) => x.m.location !== null);
  const sheets = Array.from({ length: s.tables + s.onlineRooms }, (_, k) => {
    const loc = k + 1;
    return {
      location: locationView(s, loc)!,
      rows: s.slots.map((_, i) => {
        const m = placed.find((x) => x.slotIndex === i && x.m.location === loc)?.m;
        return { slot: slotView(s, i)!, meetingId: m?.id ?? null, participants: m ? parties(m) : [] };
      }),
    };
  });
  return { session: { id: s.id, title: s.title, date: s.date, venue: s.venue }, sheets };
}

export function presentRun(actor: Actor | null, f: SessionFacts, r: RunRecord): RunView {
  const organiser = isOrganiser(actor, f);
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
    gap:
      r.status !== 'running' && r.feasible && r.bestBreaks != null && r.lowerBound != null
        ? Math.max(0, r.bestBreaks - r.lowerBound)
        : null,
    exactStatus: r.result?.exactStatus ?? null,
    workerMemoryMb: r.result?.workerMemoryMb ?? null,
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
