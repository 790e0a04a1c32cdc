/**
 * Commands of the 1:1 meeting module (一对一洽谈), each `(ctx, props)`. Each runs in one transaction with its
 * audit row and notifications; placements run behind the session's row lock (PostgreSQL) and the occupancy
 * table's unique constraint, so parallel accepts can never double-book a participant or a table.
 */
import { formatShanghai, shanghaiToUtc } from '../../../common/time.ts';
import { isUniqueViolation, json, type Executor } from '../../db/index.ts';
import { proposeFromMeeting } from '../projects/service.ts';
import { markFollowed } from '../search/impressions.ts';
import { audit } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError, invalidState, notFound, validationFailed, type FieldError } from '../../lib/errors.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { requireActor } from '../../lib/policy.ts';
import { notifyUsers, usersWithRole } from '../notifications/service.ts';
import type { ThemeDayRecord } from '../themedays/repository.ts';
import {
  claimSlot,
  countOpenOutgoing,
  effectiveStatus,
  expirePair,
  getMeeting,
  getParticipant,
  getRequest,
  hasScheduledMeeting,
  hostOrganisationId,
  lockParticipant,
  lockSession,
  occupancy,
  outcomeOf,
  pairKey,
  releaseSlot,
  slotsOfParticipant,
  supportOrganisationIds,
  type MeetingRecord,
  type ParticipantRecord,
  type SessionRecord,
  type Slot,
} from './repository.ts';
import { chooseSlot, freeLocation, liveState, slotRefusal } from './placement.ts';
import { locationView, onlineLinkFor } from './presenter.ts';
import type {
  CitedItem,
  CreateSessionBody,
  Outcome,
  ProfileBody,
  UpdateSessionBody,
} from '../../../common/contracts/meetings.ts';
import { links } from '../../../common/links.ts';

const HOUR_MS = 3_600_000;

export const sessionLink = (id: string): string => links.meetingSession(id);

/** Local 'YYYY-MM-DDTHH:mm' slots → UTC slots, with the morning/afternoon split; field errors for bad input. */
export function buildSlots(
  body: Pick<CreateSessionBody, 'slots' | 'afternoonFrom'>,
  td: Pick<ThemeDayRecord, 'startDate' | 'endDate'>,
): { date: string; slots: Slot[]; morningSlots: number } {
  const errors: FieldError[] = [];
  const out: Slot[] = [];
  let morningSlots = 0;
  const date = body.slots[0]?.start.slice(0, 10) ?? '';
  body.slots.forEach((s, i) => {
    let start: Date;
    try {
      start = shanghaiToUtc(s.start);
    } catch {
      errors.push({ field: `slots.${i}.start`, code: 'invalid_format', message: '时间无效' });
      return;
    }
    if (s.start.slice(0, 10) !== date) {
      errors.push({
        field: `slots.${i}.start`,
        code: 'custom',
        message: '一场洽谈会的所有时段须在同一天；多日请分别创建洽谈会',
      });
      return;
    }
    const prev = out[out.length - 1];
    if (prev && start.toISOString() < prev.endsAt) {
      errors.push({ field: `slots.${i}.start`, code: 'custom', message: '时段须按时间顺序排列且互不重叠' });
      return;
    }
    if (s.start.slice(11) < body.afternoonFrom) {
      if (morningSlots !== out.length)
        errors.push({ field: `slots.${i}.start`, code: 'custom', message: '上午时段须排在下午时段之前' });
      morningSlots++;
    }
    out.push({ startsAt: start.toISOString(), endsAt: new Date(start.getTime() + s.minutes * 60_000).toISOString() });
  });
  if (errors.length) throw validationFailed(errors);
  if (date < td.startDate || date > td.endDate) {
    throw new AppError(422, 'date_out_of_theme_day', `洽谈日期须在主题日 ${td.startDate} 至 ${td.endDate} 之间`);
  }
  return { date, slots: out, morningSlots };
}

function requireCapacity(tables: number, onlineRooms: number) {
  if (tables + onlineRooms < 1) {
    throw validationFailed([{ field: 'tables', code: 'too_small', message: '至少需要一张洽谈桌或一个线上洽谈室' }]);
  }
}

export async function createSession(
  ctx: Ctx,
  p: { themeDay: ThemeDayRecord; body: CreateSessionBody },
): Promise<string> {
  const { themeDay, body } = p;
  const actor = requireActor(ctx);
  const { date, slots, morningSlots } = buildSlots(body, themeDay);
  requireCapacity(body.tables, body.onlineRooms);
  const now = nowIso(ctx.clock.now());
  const id = newId();
  const row = {
    id,
    theme_day_id: themeDay.id,
    title: body.title,
    mode: body.mode,
    status: 'open' as const,
    date,
    slots: json.stringify(slots),
    morning_slots: morningSlots,
    tables: body.tables,
    online_rooms: body.onlineRooms,
    online_url_template: body.onlineUrlTemplate ?? null,
    venue: body.venue ?? null,
    request_limit: body.requestLimit,
    request_ttl_hours: body.requestTtlHours,
    fairness: body.fairness,
    published_at: null,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('meeting_sessions').values(row).execute();
    await audit(trx, ctx, { entityType: 'meeting_session', entityId: id, action: 'create', after: { ...body, date } });
  });
  return id;
}

export async function updateSession(ctx: Ctx, p: { session: SessionRecord; body: UpdateSessionBody }): Promise<void> {
  const { session, body } = p;
  await ctx.db.transaction().execute(async (trx) => {
    const s = await lockSession(trx, ctx.dialect, session.id);
    if (!s) throw notFound();
    const tables = body.tables ?? s.tables;
    const rooms = body.onlineRooms ?? s.onlineRooms;
    requireCapacity(tables, rooms);
    if (tables !== s.tables || rooms !== s.onlineRooms) {
      // Locations are numbered tables first: changing either count renumbers online rooms.
      if (await hasScheduledMeeting(trx, s.id))
        throw invalidState('已有洽谈安排到桌位或线上洽谈室，不能再修改桌位和洽谈室数量');
    }
    await trx
      .updateTable('meeting_sessions')
      .set({
        ...(body.title !== undefined ? { title: body.title } : {}),
        ...(body.status !== undefined ? { status: body.status } : {}),
        tables,
        online_rooms: rooms,
        ...(body.onlineUrlTemplate !== undefined ? { online_url_template: body.onlineUrlTemplate } : {}),
        ...(body.venue !== undefined ? { venue: body.venue } : {}),
        ...(body.requestLimit !== undefined ? { request_limit: body.requestLimit } : {}),
        ...(body.requestTtlHours !== undefined ? { request_ttl_hours: body.requestTtlHours } : {}),
        ...(body.fairness !== undefined ? { fairness: body.fairness } : {}),
        updated_at: nowIso(ctx.clock.now()),
      })
      .where('id', '=', s.id)
      .execute();
    await audit(trx, ctx, {
      entityType: 'meeting_session',
      entityId: s.id,
      action: 'update',
      before: { status: s.status, tables: s.tables, onlineRooms: s.onlineRooms, requestLimit: s.requestLimit },
      after: body,
    });
  });
}

/** Joins the caller to a session with their active organisation. */
export async function joinSession(
  ctx: Ctx,
  p: { session: SessionRecord; profile?: ProfileBody | undefined },
): Promise<string> {
  const { session } = p;
  const offer = p.profile?.offer?.trim() || null;
  const seek = p.profile?.seek?.trim() || null;
  const actor = requireActor(ctx);
  // The route allows joining only with an active organisation (canJoin).
  const organisationId = actor.organisationId;
  if (!organisationId) throw new AppError(403, 'forbidden', '当前机构身份不能参加洽谈');
  const id = newId();
  const now = nowIso(ctx.clock.now());
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('meeting_participants')
        .values({
          id,
          session_id: session.id,
          user_id: actor.userId,
          organisation_id: organisationId,
          unavailable_slots: '[]',
          request_limit: null,
          joined_at: now,
          updated_at: now,
          offer,
          seek,
        })
        .execute();
      await audit(trx, ctx, {
        entityType: 'meeting_participant',
        entityId: id,
        action: 'join',
        after: { sessionId: session.id, organisationId: actor.organisationId, offer, seek },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(409, 'already_participant', '您已加入该洽谈会');
    throw err;
  }
  return id;
}

/** Sets the slots a participant cannot meet in; a slot already holding their meeting cannot be blocked. */
export async function setAvailability(
  ctx: Ctx,
  p: { session: SessionRecord; participant: ParticipantRecord; unavailableSlots: number[] },
): Promise<void> {
  const { session, participant } = p;
  const slots = [...new Set(p.unavailableSlots)].sort((a, b) => a - b);
  const bad = slots.filter((s) => s >= session.slots.length);
  if (bad.length)
    throw validationFailed([
      { field: 'unavailableSlots', code: 'invalid_value', message: `时段 ${bad.map((b) => b + 1).join('、')} 不存在` },
    ]);
  await ctx.db.transaction().execute(async (trx) => {
    await lockSession(trx, ctx.dialect, session.id);
    const mine = await slotsOfParticipant(trx, session.id, participant.id);
    const taken = slots.filter((s) => mine.some((m) => m.slotIndex === s || m.fixedSlot === s));
    if (taken.length) {
      throw new AppError(
        409,
        'slot_has_meeting',
        `时段 ${taken.map((t) => t + 1).join('、')} 已有洽谈安排，请先取消该洽谈`,
      );
    }
    await trx
      .updateTable('meeting_participants')
      .set({ unavailable_slots: json.stringify(slots), updated_at: nowIso(ctx.clock.now()) })
      .where('id', '=', participant.id)
      .execute();
    await audit(trx, ctx, {
      entityType: 'meeting_participant',
      entityId: participant.id,
      action: 'set_availability',
      before: { unavailableSlots: participant.unavailableSlots },
      after: { unavailableSlots: slots },
    });
  });
}

/** Updates what the participant's organisation offers and seeks at the session (null clears). */
export async function setProfile(
  ctx: Ctx,
  p: { participant: ParticipantRecord; offer?: string | null | undefined; seek?: string | null | undefined },
): Promise<void> {
  const next = {
    offer: p.offer === undefined ? p.participant.offer : p.offer?.trim() || null,
    seek: p.seek === undefined ? p.participant.seek : p.seek?.trim() || null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('meeting_participants')
      .set({ ...next, updated_at: nowIso(ctx.clock.now()) })
      .where('id', '=', p.participant.id)
      .execute();
    await audit(trx, ctx, {
      entityType: 'meeting_participant',
      entityId: p.participant.id,
      action: 'set_profile',
      before: { offer: p.participant.offer, seek: p.participant.seek },
      after: next,
    });
  });
}

export async function setParticipantLimit(
  ctx: Ctx,
  p: { participant: ParticipantRecord; requestLimit: number | null },
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('meeting_participants')
      .set({ request_limit: p.requestLimit, updated_at: nowIso(ctx.clock.now()) })
      .where('id', '=', p.participant.id)
      .execute();
    await audit(trx, ctx, {
      entityType: 'meeting_participant',
      entityId: p.participant.id,
      action: 'set_request_limit',
      before: { requestLimit: p.participant.requestLimit },
      after: { requestLimit: p.requestLimit },
    });
  });
}

/** A participant asks another for a meeting; limited per participant, one open request per pair, expiring. */
export async function createRequest(
  ctx: Ctx,
  p: {
    session: SessionRecord;
    me: ParticipantRecord;
    recipientId: string;
    message?: string | undefined;
    citedItem?: CitedItem | undefined;
  },
): Promise<string> {
  const { session, me } = p;
  const now = ctx.clock.now();
  const nowS = nowIso(now);
  if (session.status !== 'open') throw new AppError(409, 'meeting_session_closed', '该洽谈会已关闭，不能再发起邀约');
  const recipient = await getParticipant(ctx.db, p.recipientId);
  if (!recipient || recipient.sessionId !== session.id)
    throw new AppError(422, 'invalid_counterpart', '对方不是本场洽谈会的参会人');
  if (recipient.id === me.id) throw new AppError(422, 'invalid_counterpart', '不能向自己发起洽谈');
  if (recipient.organisationId === me.organisationId)
    throw new AppError(422, 'invalid_counterpart', '不能向本机构的参会人发起洽谈');
  const id = newId();
  const key = pairKey(me.id, recipient.id);
  const expiresAt = new Date(now.getTime() + session.requestTtlHours * HOUR_MS).toISOString();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      // The participant row lock serialises one participant's parallel requests so the limit holds.
      await lockParticipant(trx, ctx.dialect, me.id);
      const limit = me.requestLimit ?? session.requestLimit;
      if ((await countOpenOutgoing(trx, me.id, nowS)) >= limit) {
        throw new AppError(409, 'request_limit_reached', `每位参会人最多可有 ${limit} 个未结束的洽谈邀约`);
      }
      await expirePair(trx, session.id, key, nowS);
      await trx
        .insertInto('meeting_requests')
        .values({
          id,
          session_id: session.id,
          requester_id: me.id,
          recipient_id: recipient.id,
          message: p.message ?? null,
          cited_type: p.citedItem?.type ?? null,
          cited_id: p.citedItem?.id ?? null,
          status: 'pending' as const,
          open_key: key,
          expires_at: expiresAt,
          responded_at: null,
          created_at: nowS,
          updated_at: nowS,
        })
        .execute();
      await audit(trx, ctx, {
        entityType: 'meeting_request',
        entityId: id,
        action: 'create',
        after: { sessionId: session.id, recipientId: recipient.id, citedItem: p.citedItem ?? null },
      });
      // a recommendation of the recipient's organisation (or of its items) counts as followed (issue 14)
      await markFollowed(trx, {
        kind: 'meeting_request',
        ref: id,
        now,
        viewerOrgIds: [me.organisationId],
        itemOrgIds: [recipient.organisationId],
      });
      await notifyUsers(
        trx,
        [recipient.userId],
        {
          kind: 'meeting_request',
          title: `${me.organisationName} 邀请您进行一对一洽谈`,
          body: `${me.name}（${me.organisationName}）邀请您在「${session.title}」洽谈${p.message ? `：${p.message}` : ''}。请于 ${formatShanghai(expiresAt)} 前答复。`,
          link: sessionLink(session.id),
        },
        now,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(409, 'duplicate_request', '您与对方已有未结束的洽谈邀约');
    throw err;
  }
  return id;
}

/** Whether accepted meetings are placed at once: always in self-booking, and in organiser mode after publishing. */
export const placesLive = (s: SessionRecord): boolean => s.mode === 'self_booking' || s.publishedAt !== null;

async function placeLive(
  trx: Executor,
  s: SessionRecord,
  m: Pick<MeetingRecord, 'id' | 'sessionId' | 'participantAId' | 'participantBId'>,
  a: ParticipantRecord,
  b: ParticipantRecord,
  now: string,
) {
  const st = liveState(s, await occupancy(trx, s.id));
  const choice = chooseSlot(st, a, b);
  if (!choice) return null;
  await claimSlot(trx, m, choice.slotIndex, choice.location);
  await trx
    .updateTable('meetings')
    .set({
      status: 'scheduled',
      slot_index: choice.slotIndex,
      location: choice.location,
      online_link: onlineLinkFor(s, m.id, choice.location),
      updated_at: now,
    })
    .where('id', '=', m.id)
    .execute();
  return choice;
}

export function describePlacement(s: SessionRecord, slotIndex: number, location: number): string {
  const slot = s.slots[slotIndex]!;
  return `${formatShanghai(slot.startsAt)}–${formatShanghai(slot.endsAt).slice(-5)}，${locationView(s, location)!.label}`;
}

/**
 * The recipient accepts. Self-booking: the meeting takes the best free slot both sides have (and a free table)
 * at once, or the accept is refused with no_common_slot. Organiser mode: the meeting waits for the scheduler;
 * after publishing it is placed incrementally without moving published meetings.
 */
export async function acceptRequest(
  ctx: Ctx,
  p: { sessionId: string; requestId: string; me: ParticipantRecord },
): Promise<string> {
  const { me } = p;
  const now = ctx.clock.now();
  const nowS = nowIso(now);
  const meetingId = newId();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const s = await lockSession(trx, ctx.dialect, p.sessionId);
      if (!s) throw notFound();
      if (s.status !== 'open') throw new AppError(409, 'meeting_session_closed', '该洽谈会已关闭');
      const r = await getRequest(trx, p.requestId, ctx.dialect);
      if (!r || r.sessionId !== s.id) throw notFound();
      if (r.recipientId !== me.id) throw new AppError(403, 'forbidden', '只有受邀方可以接受邀约');
      const status = effectiveStatus(r, nowS);
      if (status === 'expired') throw new AppError(409, 'request_expired', '该洽谈邀约已过期');
      if (status !== 'pending') throw invalidState('该邀约已处理');
      const requester = await getParticipant(trx, r.requesterId);
      if (!requester) throw notFound();
      const m = { id: meetingId, sessionId: s.id, participantAId: r.requesterId, participantBId: r.recipientId };
      await trx
        .insertInto('meetings')
        .values({
          id: meetingId,
          session_id: s.id,
          request_id: r.id,
          participant_a_id: r.requesterId,
          participant_b_id: r.recipientId,
          status: 'accepted',
          slot_index: null,
          location: null,
          online_link: null,
          fixed_slot: null,
          cancelled_by: null,
          cancelled_at: null,
          created_at: nowS,
          updated_at: nowS,
        })
        .execute();
      await trx
        .updateTable('meeting_requests')
        .set({ status: 'accepted', responded_at: nowS, updated_at: nowS })
        .where('id', '=', r.id)
        .execute();
      let placed: { slotIndex: number; location: number } | null = null;
      if (placesLive(s)) {
        placed = await placeLive(trx, s, m, requester, me, nowS);
        if (!placed && s.mode === 'self_booking')
          throw new AppError(409, 'no_common_slot', '双方已没有共同的空闲时段或空余桌位，可改约其他时间或婉拒');
      }
      await audit(trx, ctx, {
        entityType: 'meeting_request',
        entityId: r.id,
        action: 'accept',
        before: { status: 'pending' },
        after: { status: 'accepted', meetingId },
      });
      await audit(trx, ctx, {
        entityType: 'meeting',
        entityId: meetingId,
        action: placed ? 'place' : 'create',
        after: placed ?? { status: 'accepted' },
      });
      if (placed) {
        const when = describePlacement(s, placed.slotIndex, placed.location);
        await notifyUsers(
          trx,
          [requester.userId, me.userId],
          {
            kind: 'meeting_scheduled',
            title: '一对一洽谈已安排',
            body: `${requester.organisationName} 与 ${me.organisationName}：${when}（${s.title}）`,
            link: sessionLink(s.id),
          },
          now,
        );
      } else {
        await notifyUsers(
          trx,
          [requester.userId],
          {
            kind: 'meeting_request_accepted',
            title: `${me.organisationName} 已接受您的洽谈邀约`,
            body: `「${s.title}」的洽谈时间将由主办方统一安排，发布后通知您。`,
            link: sessionLink(s.id),
          },
          now,
        );
        if (s.publishedAt) {
          // Late request after publishing that found no free slot: the organisers must act.
          await notifyUsers(
            trx,
            await organiserUserIds(trx, s),
            {
              kind: 'meeting_unplaced',
              title: '有新接受的洽谈无法自动安排',
              body: `${requester.organisationName} 与 ${me.organisationName} 的洽谈没有共同空闲时段，请手动调整或重新排程。`,
              link: sessionLink(s.id),
            },
            now,
          );
        }
      }
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(409, 'slot_taken', '所选时段刚被占用，请重试');
    throw err;
  }
  return meetingId;
}

/** The users who organise a session: the host base's administrators and the named support organisations' staff. */
export async function organiserUserIds(trx: Executor, s: SessionRecord): Promise<string[]> {
  const host = await hostOrganisationId(trx, s.themeDayId);
  const support = await supportOrganisationIds(trx, s.themeDayId);
  return [
    ...(host ? await usersWithRole(trx, [host], ['base_admin']) : []),
    ...(await usersWithRole(trx, support, ['support_org'])),
  ];
}

/** The recipient declines, or the requester withdraws, a pending request. */
export async function closeRequest(
  ctx: Ctx,
  p: { sessionId: string; requestId: string; me: ParticipantRecord; action: 'decline' | 'withdraw' },
): Promise<void> {
  const { me } = p;
  const now = ctx.clock.now();
  const nowS = nowIso(now);
  await ctx.db.transaction().execute(async (trx) => {
    const r = await getRequest(trx, p.requestId, ctx.dialect);
    if (!r || r.sessionId !== p.sessionId) throw notFound();
    const mine = p.action === 'decline' ? r.recipientId === me.id : r.requesterId === me.id;
    if (!mine)
      throw new AppError(
        403,
        'forbidden',
        p.action === 'decline' ? '只有受邀方可以婉拒邀约' : '只有邀约方可以撤回邀约',
      );
    const status = effectiveStatus(r, nowS);
    if (status === 'expired') throw new AppError(409, 'request_expired', '该洽谈邀约已过期');
    if (status !== 'pending') throw invalidState('该邀约已处理');
    const next = p.action === 'decline' ? 'declined' : 'withdrawn';
    await trx
      .updateTable('meeting_requests')
      .set({ status: next, open_key: null, responded_at: nowS, updated_at: nowS })
      .where('id', '=', r.id)
      .execute();
    await audit(trx, ctx, {
      entityType: 'meeting_request',
      entityId: r.id,
      action: p.action,
      before: { status: 'pending' },
      after: { status: next },
    });
    if (p.action === 'decline') {
      const requester = await getParticipant(trx, r.requesterId);
      if (requester)
        await notifyUsers(
          trx,
          [requester.userId],
          {
            kind: 'meeting_request_declined',
            title: `${me.organisationName} 婉拒了您的洽谈邀约`,
            link: sessionLink(p.sessionId),
          },
          now,
        );
    }
  });
}

/** A party or an organiser cancels a meeting: its slot and table are freed and the others concerned are told. */
export async function cancelMeeting(
  ctx: Ctx,
  p: { sessionId: string; meetingId: string; reason?: string | undefined },
): Promise<void> {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  const nowS = nowIso(now);
  await ctx.db.transaction().execute(async (trx) => {
    const s = await lockSession(trx, ctx.dialect, p.sessionId);
    const m = await getMeeting(trx, p.meetingId);
    if (!s || !m || m.sessionId !== s.id) throw notFound();
    if (m.status === 'cancelled') throw invalidState('该洽谈已取消');
    await releaseSlot(trx, m.id);
    await trx
      .updateTable('meetings')
      .set({
        status: 'cancelled',
        slot_index: null,
        location: null,
        online_link: null,
        cancelled_by: actor.userId,
        cancelled_at: nowS,
        updated_at: nowS,
      })
      .where('id', '=', m.id)
      .execute();
    await trx
      .updateTable('meeting_requests')
      .set({ status: 'cancelled', open_key: null, updated_at: nowS })
      .where('id', '=', m.requestId)
      .execute();
    await audit(trx, ctx, {
      entityType: 'meeting',
      entityId: m.id,
      action: 'cancel',
      before: { status: m.status, slotIndex: m.slotIndex, location: m.location },
      after: { status: 'cancelled', reason: p.reason ?? null },
    });
    const a = await getParticipant(trx, m.participantAId);
    const b = await getParticipant(trx, m.participantBId);
    const others = [a?.userId, b?.userId].filter((u): u is string => !!u && u !== actor.userId);
    await notifyUsers(
      trx,
      others,
      {
        kind: 'meeting_cancelled',
        title: '一对一洽谈已取消',
        body: `${a?.organisationName ?? ''} 与 ${b?.organisationName ?? ''} 在「${s.title}」的洽谈已取消${p.reason ? `，原因：${p.reason}` : ''}。`,
        link: sessionLink(s.id),
      },
      now,
    );
  });
}

/**
 * The organiser fixes a meeting to a slot (or clears the fix). Where meetings are placed live, the meeting
 * moves there now, provided both participants and a table are free; otherwise the scheduler honours it.
 */
export async function fixMeeting(
  ctx: Ctx,
  p: { sessionId: string; meetingId: string; slotIndex: number | null },
): Promise<void> {
  const now = ctx.clock.now();
  const nowS = nowIso(now);
  await ctx.db.transaction().execute(async (trx) => {
    const s = await lockSession(trx, ctx.dialect, p.sessionId);
    const m = await getMeeting(trx, p.meetingId);
    if (!s || !m || m.sessionId !== s.id) throw notFound();
    if (m.status === 'cancelled') throw invalidState('该洽谈已取消');
    if (p.slotIndex !== null && p.slotIndex >= s.slots.length)
      throw validationFailed([{ field: 'slotIndex', code: 'invalid_value', message: '该时段不存在' }]);
    const a = await getParticipant(trx, m.participantAId);
    const b = await getParticipant(trx, m.participantBId);
    if (!a || !b) throw notFound();
    if (
      p.slotIndex !== null &&
      (a.unavailableSlots.includes(p.slotIndex) || b.unavailableSlots.includes(p.slotIndex))
    ) {
      throw new AppError(409, 'participant_unavailable', '参会人已将该时段标为不可用');
    }
    let moved: { slotIndex: number; location: number } | null = null;
    if (p.slotIndex !== null && placesLive(s) && p.slotIndex !== m.slotIndex) {
      await releaseSlot(trx, m.id);
      const st = liveState(s, await occupancy(trx, s.id));
      const refusal = slotRefusal(st, a, b, p.slotIndex);
      if (refusal === 'slot_has_meeting') throw new AppError(409, 'slot_has_meeting', '参会人在该时段已有其他洽谈');
      if (refusal) throw new AppError(409, 'slot_taken', '该时段已没有空余桌位或线上洽谈室');
      const location = freeLocation(st, p.slotIndex)!;
      await claimSlot(trx, m, p.slotIndex, location);
      moved = { slotIndex: p.slotIndex, location };
      await trx
        .updateTable('meetings')
        .set({ status: 'scheduled', slot_index: p.slotIndex, location, online_link: onlineLinkFor(s, m.id, location) })
        .where('id', '=', m.id)
        .execute();
    }
    await trx
      .updateTable('meetings')
      .set({ fixed_slot: p.slotIndex, updated_at: nowS })
      .where('id', '=', m.id)
      .execute();
    await audit(trx, ctx, {
      entityType: 'meeting',
      entityId: m.id,
      action: 'fix',
      before: { fixedSlot: m.fixedSlot, slotIndex: m.slotIndex, location: m.location },
      after: { fixedSlot: p.slotIndex, ...(moved ?? {}) },
    });
    if (moved) {
      await notifyUsers(
        trx,
        [a.userId, b.userId],
        {
          kind: 'meeting_changed',
          title: '一对一洽谈时间已调整',
          body: `${a.organisationName} 与 ${b.organisationName}：${describePlacement(s, moved.slotIndex, moved.location)}（${s.title}）`,
          link: sessionLink(s.id),
        },
        now,
      );
    }
  });
}

/** Either side records how the meeting went, once it is over; recording again replaces their answer. */
export async function recordOutcome(
  ctx: Ctx,
  p: {
    session: SessionRecord;
    meeting: MeetingRecord;
    me: ParticipantRecord;
    outcome: Outcome;
    note?: string | undefined;
  },
): Promise<void> {
  const { session, meeting, me } = p;
  const nowS = nowIso(ctx.clock.now());
  if (meeting.status !== 'scheduled' || meeting.slotIndex === null)
    throw invalidState('该洽谈未安排或已取消，不能填写结果');
  const slot = session.slots[meeting.slotIndex]!;
  if (slot.endsAt > nowS)
    throw new AppError(409, 'meeting_not_over', `洽谈将于 ${formatShanghai(slot.endsAt)} 结束，结束后方可填写结果`);
  await ctx.db.transaction().execute(async (trx) => {
    const prev = await outcomeOf(trx, meeting.id, me.id);
    if (prev) {
      await trx
        .updateTable('meeting_outcomes')
        .set({ outcome: p.outcome, note: p.note ?? null, updated_at: nowS })
        .where('id', '=', prev.id)
        .execute();
    } else {
      await trx
        .insertInto('meeting_outcomes')
        .values({
          id: newId(),
          meeting_id: meeting.id,
          participant_id: me.id,
          outcome: p.outcome,
          note: p.note ?? null,
          recorded_at: nowS,
          updated_at: nowS,
        })
        .execute();
    }
    await audit(trx, ctx, {
      entityType: 'meeting',
      entityId: meeting.id,
      action: 'record_outcome',
      before: prev ? { outcome: prev.outcome } : undefined,
      after: { participantId: me.id, outcome: p.outcome },
    });
    // Issue 10: "有合作可能" is a signal; a candidate cooperation project for both organisations (once per meeting).
    if (p.outcome === 'cooperation_possible') await proposeFromMeeting(trx, ctx, { meetingId: meeting.id });
  });
}
