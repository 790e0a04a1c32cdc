/**
 * Deep docking (417号 二(五) 创新主体深度对接): the commands on alliances and docking sessions.
 *
 * Any organisation may found an alliance or organise a session for itself (acting role); the founder /
 * organiser edits it and invites members, who join only by accepting (issue 15: no membership without consent). A theme-day link needs the plan's `deep_docking` area, and a
 * session on a theme day must fall within its dates. Registration belongs to the events module: a session
 * links to an event session of the same theme day.
 */
import { links } from '../../../common/links.ts';
import { SHANGHAI_OFFSET_MS, shanghaiToUtc, toShanghaiDate } from '../../../common/time.ts';
import type {
  AllianceBody,
  AllianceMemberInput,
  AllianceUpdateBody,
  DockingBody,
  DockingUpdateBody,
} from '../../../common/contracts/docking.ts';
import { isUniqueViolation, json, type Executor } from '../../db/index.ts';
import { audit } from '../../lib/audit.ts';
import type { Actor, Ctx } from '../../lib/context.ts';
import { AppError, fieldError, invalidState, notFound } from '../../lib/errors.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { ACTING_ROLES, requireActor } from '../../lib/policy.ts';
import { orgNames } from '../../lib/sql.ts';
import { requireThemeDayArea } from '../activity-plans/content-areas.ts';
import { getSessionRow } from '../events/repository.ts';
import { notifyUsers, usersWithRole } from '../notifications/service.ts';
import {
  deleteAllianceMember,
  getAllianceMember,
  insertAlliance,
  insertAllianceMembers,
  insertDockingSession,
  setAllianceMemberStatus,
  updateAllianceRow,
  updateDockingSessionRow,
  type AllianceRow,
  type DockingSessionRow,
} from './repository.ts';

/** The role the founding organisation holds in its alliance. */
const FOUNDER_ROLE = '发起单位';

/** 422 on the first organisation id that does not exist (field `members.<i>.organisationId`). */
async function ensureOrgs(db: Executor, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const found = await orgNames(db, ids);
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0) throw fieldError(422, 'validation_failed', `members.${missing}.organisationId`, '成员单位不存在');
}

// ----- alliances ------------------------------------------------------------------------------------------

/** Tells the acting people of invited organisations about an invitation (in the inviting transaction). */
async function notifyInvited(ctx: Ctx, db: Executor, alliance: { id: string; name: string }, orgIds: string[]) {
  const founder = requireActor(ctx).memberships.find((m) => m.organisationId === ctx.actor?.organisationId);
  await notifyUsers(
    db,
    await usersWithRole(db, orgIds, ACTING_ROLES),
    {
      kind: 'alliance_invitation',
      title: `${founder?.organisationName ?? '一家单位'}邀请贵单位加入“${alliance.name}”`,
      body: '接受后贵单位才会作为成员单位公开显示；也可以谢绝。',
      link: `${links.myDocking()}?tab=alliances`,
    },
    ctx.clock.now(),
  );
}

/**
 * Founds an alliance of the actor's organisation (the founder joins as 发起单位). The other organisations
 * named are invited, not enrolled: each becomes a member only when it accepts (issue 15: consent).
 */
export async function createAlliance(
  ctx: Ctx,
  props: { organisation: { id: string }; body: AllianceBody },
): Promise<string> {
  const actor = requireActor(ctx);
  const { organisation: org, body: b } = props;
  const now = nowIso(ctx.clock.now());
  const id = newId();
  return ctx.db.transaction().execute(async (trx) => {
    if (b.themeDayId) await requireThemeDayArea(trx, actor, b.themeDayId, 'deep_docking');
    const others = b.members.filter((m) => m.organisationId !== org.id);
    if (new Set(others.map((m) => m.organisationId)).size !== others.length)
      throw fieldError(422, 'duplicate_member', 'members', '成员单位重复');
    await ensureOrgs(
      trx,
      others.map((m) => m.organisationId),
    );
    const row: AllianceRow = {
      id,
      organisation_id: org.id,
      theme_day_id: b.themeDayId ?? null,
      name: b.name,
      field_code: b.fieldCode ?? null,
      charter: b.charter,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    };
    await insertAlliance(trx, row);
    await insertAllianceMembers(trx, [
      { id: newId(), alliance_id: id, organisation_id: org.id, role: FOUNDER_ROLE, joined_at: now, status: 'accepted' },
      ...others.map((m) => ({
        id: newId(),
        alliance_id: id,
        organisation_id: m.organisationId,
        role: m.role,
        joined_at: now,
        status: 'invited' as const,
        invited_by: actor.userId,
      })),
    ]);
    await notifyInvited(
      ctx,
      trx,
      row,
      others.map((m) => m.organisationId),
    );
    await audit(trx, ctx, {
      entityType: 'alliance',
      entityId: id,
      action: 'create',
      after: { ...row, invited: others },
    });
    return id;
  });
}

/** Renames an alliance or rewrites its charter. */
export async function updateAlliance(
  ctx: Ctx,
  props: { alliance: AllianceRow; body: AllianceUpdateBody },
): Promise<void> {
  const { alliance: a, body } = props;
  const c = {
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.charter !== undefined ? { charter: body.charter } : {}),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await updateAllianceRow(trx, a.id, { ...c, updated_at: nowIso(ctx.clock.now()) });
    await audit(trx, ctx, {
      entityType: 'alliance',
      entityId: a.id,
      action: 'update',
      before: { name: a.name, charter: a.charter },
      after: c,
    });
  });
}

/**
 * Invites an organisation (409 `duplicate_member` when it is a member or already invited). An organisation
 * that declined may be invited again: the new invitation awaits a new answer.
 */
export async function inviteAllianceMember(
  ctx: Ctx,
  props: { alliance: AllianceRow; member: AllianceMemberInput },
): Promise<void> {
  const actor = requireActor(ctx);
  const { alliance: a, member } = props;
  const now = nowIso(ctx.clock.now());
  const duplicate = () => new AppError(409, 'duplicate_member', '该单位已是联盟成员或已在等待其确认的邀请中');
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await ensureOrgs(trx, [member.organisationId]);
      const existing = await getAllianceMember(trx, a.id, member.organisationId);
      if (existing) {
        const again = await setAllianceMemberStatus(trx, existing.id, ['declined'], {
          status: 'invited',
          role: member.role,
          joined_at: now,
          invited_by: actor.userId,
          responded_by: null,
          responded_at: null,
        });
        if (!again) throw duplicate();
      } else {
        await insertAllianceMembers(trx, [
          {
            id: newId(),
            alliance_id: a.id,
            organisation_id: member.organisationId,
            role: member.role,
            joined_at: now,
            status: 'invited',
            invited_by: actor.userId,
          },
        ]);
      }
      await notifyInvited(ctx, trx, a, [member.organisationId]);
      await audit(trx, ctx, { entityType: 'alliance', entityId: a.id, action: 'invite_member', after: member });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate();
    throw err;
  }
}

/**
 * The invited organisation (acting for it) accepts or declines. 404 when it has no invitation to this
 * alliance; 409 when it already answered (also when a parallel answer came first). The founder is told.
 */
export async function answerAllianceInvitation(
  ctx: Ctx,
  props: { alliance: AllianceRow; accept: boolean },
): Promise<void> {
  const actor = requireActor(ctx);
  const { alliance: a, accept } = props;
  const orgId = actor.organisationId;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const mine = orgId ? await getAllianceMember(trx, a.id, orgId) : undefined;
    if (!mine) throw notFound('贵单位没有收到该联盟的邀请');
    const answered = await setAllianceMemberStatus(trx, mine.id, ['invited'], {
      status: accept ? 'accepted' : 'declined',
      responded_by: actor.userId,
      responded_at: nowIso(now),
      ...(accept ? { joined_at: nowIso(now) } : {}),
    });
    if (!answered) {
      throw invalidState(mine.status === 'accepted' ? '贵单位已是该联盟成员' : '贵单位已答复过该邀请');
    }
    const orgName = actor.memberships.find((m) => m.organisationId === orgId)?.organisationName ?? '受邀单位';
    await notifyUsers(
      trx,
      await usersWithRole(trx, [a.organisation_id], ACTING_ROLES),
      {
        kind: accept ? 'alliance_invitation_accepted' : 'alliance_invitation_declined',
        title: `${orgName}${accept ? '已接受' : '谢绝了'}加入“${a.name}”的邀请`,
        link: `${links.myDocking()}?tab=alliances`,
      },
      now,
    );
    await audit(trx, ctx, {
      entityType: 'alliance',
      entityId: a.id,
      action: accept ? 'accept_invitation' : 'decline_invitation',
      before: { status: 'invited' },
      after: { organisationId: orgId, status: accept ? 'accepted' : 'declined' },
    });
  });
}

/**
 * Removes a member organisation or withdraws an invitation (the founder), or leaves (the member itself).
 * The founder cannot leave its own alliance.
 */
export async function removeAllianceMember(
  ctx: Ctx,
  props: { alliance: AllianceRow; organisationId: string },
): Promise<void> {
  const { alliance: a, organisationId } = props;
  if (organisationId === a.organisation_id) throw new AppError(409, 'invalid_state', '发起单位不能移出联盟');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await getAllianceMember(trx, a.id, organisationId);
    if (!row || !(await deleteAllianceMember(trx, a.id, organisationId))) throw notFound('该单位不是联盟成员');
    const leaving = ctx.actor?.organisationId === organisationId;
    await audit(trx, ctx, {
      entityType: 'alliance',
      entityId: a.id,
      action: leaving ? 'leave' : row.status === 'accepted' ? 'remove_member' : 'withdraw_invitation',
      before: { organisationId, status: row.status },
    });
  });
}

// ----- docking sessions -----------------------------------------------------------------------------------

function toUtc(local: string, field: string): string {
  try {
    return shanghaiToUtc(local).toISOString();
  } catch {
    throw fieldError(400, 'validation_failed', field, '时间无效');
  }
}

/** A stored instant as the Beijing wall-clock time the forms send ('YYYY-MM-DDTHH:mm'). */
const shanghaiLocal = (iso: string): string =>
  new Date(new Date(iso).getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16);

interface SessionTimes {
  startsAt: string;
  endsAt: string;
  venue: string | null;
  onlineLink: string | null;
  themeDayId: string | null;
}

/** Checks times, venue/link and the theme-day link; returns the UTC instants. */
async function checkSession(
  db: Executor,
  actor: Actor,
  s: SessionTimes,
): Promise<{ startsAt: string; endsAt: string }> {
  const startsAt = toUtc(s.startsAt, 'startsAt');
  const endsAt = toUtc(s.endsAt, 'endsAt');
  if (endsAt <= startsAt) throw fieldError(422, 'invalid_time_range', 'endsAt', '结束时间须晚于开始时间');
  if (!s.venue && !s.onlineLink)
    throw fieldError(422, 'venue_or_link_required', 'venue', '请填写举办地点或线上链接（至少一项）');
  if (s.themeDayId) {
    const td = await requireThemeDayArea(db, actor, s.themeDayId, 'deep_docking');
    if (toShanghaiDate(startsAt) < td.startDate || toShanghaiDate(endsAt) > td.endDate) {
      throw fieldError(
        422,
        'dates_outside_theme_day',
        'startsAt',
        `时间须在主题日（${td.startDate}至${td.endDate}）内`,
      );
    }
  }
  return { startsAt, endsAt };
}

/** Creates an expert seminar or a supply–demand docking session organised by the actor's organisation. */
export async function createDockingSession(
  ctx: Ctx,
  props: { organisation: { id: string }; body: DockingBody },
): Promise<string> {
  const actor = requireActor(ctx);
  const { organisation: org, body: b } = props;
  return ctx.db.transaction().execute(async (trx) => {
    const t = await checkSession(trx, actor, {
      startsAt: b.startsAt,
      endsAt: b.endsAt,
      venue: b.venue ?? null,
      onlineLink: b.onlineLink ?? null,
      themeDayId: b.themeDayId ?? null,
    });
    const now = nowIso(ctx.clock.now());
    const row: DockingSessionRow = {
      id: newId(),
      organisation_id: org.id,
      theme_day_id: b.themeDayId ?? null,
      kind: b.kind,
      title: b.title,
      description: b.description || null,
      agenda: json.stringify(b.agenda),
      starts_at: t.startsAt,
      ends_at: t.endsAt,
      venue: b.venue || null,
      online_link: b.onlineLink || null,
      event_session_id: null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    };
    await insertDockingSession(trx, row);
    await audit(trx, ctx, { entityType: 'docking_session', entityId: row.id, action: 'create', after: row });
    return row.id;
  });
}

/**
 * Edits a docking session; the merged times, venue/link and theme day are checked again. `eventSessionId`
 * links the event session (same theme day) that takes the sign-ups, or unlinks it with null.
 */
export async function updateDockingSession(
  ctx: Ctx,
  props: { session: DockingSessionRow; body: DockingUpdateBody },
): Promise<void> {
  const actor = requireActor(ctx);
  const { session: s, body: b } = props;
  const merged: SessionTimes = {
    startsAt: b.startsAt ?? shanghaiLocal(s.starts_at),
    endsAt: b.endsAt ?? shanghaiLocal(s.ends_at),
    venue: b.venue !== undefined ? b.venue || null : s.venue,
    onlineLink: b.onlineLink !== undefined ? b.onlineLink || null : s.online_link,
    themeDayId: b.themeDayId !== undefined ? b.themeDayId : s.theme_day_id,
  };
  await ctx.db.transaction().execute(async (trx) => {
    const t = await checkSession(trx, actor, merged);
    const eventSessionId = b.eventSessionId !== undefined ? b.eventSessionId : s.event_session_id;
    if (eventSessionId) {
      const es = await getSessionRow(trx, eventSessionId);
      if (!es || es.theme_day_id !== merged.themeDayId)
        throw fieldError(422, 'validation_failed', 'eventSessionId', '报名场次须为同一主题日的活动场次');
    }
    const c: Partial<DockingSessionRow> = {
      starts_at: t.startsAt,
      ends_at: t.endsAt,
      venue: merged.venue,
      online_link: merged.onlineLink,
      theme_day_id: merged.themeDayId,
      event_session_id: eventSessionId,
      ...(b.kind !== undefined ? { kind: b.kind } : {}),
      ...(b.title !== undefined ? { title: b.title } : {}),
      ...(b.description !== undefined ? { description: b.description || null } : {}),
      ...(b.agenda !== undefined ? { agenda: json.stringify(b.agenda) } : {}),
    };
    await updateDockingSessionRow(trx, s.id, { ...c, updated_at: nowIso(ctx.clock.now()) });
    await audit(trx, ctx, { entityType: 'docking_session', entityId: s.id, action: 'update', before: s, after: c });
  });
}
