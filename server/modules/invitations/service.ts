/**
 * Invitations to a theme day (issue 12 §1). The host's staff — its base administrators and the support
 * organisations its activity plan names (events/policy.ts `isStaff`) — invite a person by e-mail or mobile, one
 * at a time or from an .xlsx upload. The link (/invite/<token>) shows the theme day to anyone holding it; a
 * signed-in person accepts it and lands on the theme day. Only the token's SHA-256 is stored.
 *
 * Idempotent: an address has at most one pending invitation per theme day (a partial unique index; a second
 * invite, also a parallel one, returns the first and sends nothing). Messages leave after the commit, in the
 * background, through the transports of the one-time codes (accounts/delivery.ts): the notification outbox
 * holds messages to users, and an invited address may have no account yet. How each message fared is recorded
 * on the invitation, so the staff see 「发送失败」 and can revoke and invite again.
 *
 * Upload: all or nothing, like the platform's other imports — one wrong row imports none, and every wrong cell
 * is reported with its row and column (the staff fix the file and upload it again; addresses already invited
 * are not invited twice).
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  INVITATION_IMPORT_MAX_ROWS,
  INVITATION_TEMPLATE_HEADERS,
  INVITATION_TTL_DAYS,
  type InvitationImportResult,
  type InvitationLanding,
  type InvitationStatus,
} from '../../../common/contracts/invitations.ts';
import { formatShanghai, shanghaiToday } from '../../../common/time.ts';
import { audit } from '../../lib/audit.ts';
import type { Actor, Ctx } from '../../lib/context.ts';
import { AppError, fieldError, invalidState, notFound, type FieldError } from '../../lib/errors.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { requireActor } from '../../lib/policy.ts';
import { readXlsx } from '../../lib/xlsx.ts';
import { maskAddress, parseAddress, type Address } from '../accounts/service.ts';
import { messageChannelAvailable, sendCodeMessage } from '../accounts/delivery.ts';
import { isStaff, supportIdsOf } from '../events/policy.ts';
import { planOf } from '../events/repository.ts';
import { canSeeThemeDay } from '../themedays/policy.ts';
import { getThemeDay, type ThemeDayRecord } from '../themedays/repository.ts';
import {
  expireStale,
  findByTokenHash,
  getInvitation,
  insertPendingInvitation,
  markAccepted,
  markRevoked,
  pendingInvitation,
  setDelivery,
  type InvitationRow,
} from './repository.ts';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The status a person sees: a pending invitation past its expiry is expired. */
export const effectiveStatus = (r: Pick<InvitationRow, 'status' | 'expires_at'>, now: Date): InvitationStatus =>
  r.status === 'pending' && new Date(r.expires_at) <= now ? 'expired' : r.status;

/**
 * The theme day when the caller is one of its staff. Everyone else gets 404: a theme day's invitation list
 * (names, addresses) does not exist for them, even where the theme day itself is public.
 */
export async function requireStaffThemeDay(
  ctx: Ctx,
  themeDayId: string,
): Promise<{ actor: Actor; td: ThemeDayRecord }> {
  const actor = requireActor(ctx);
  const td = await getThemeDay(ctx.db, themeDayId);
  if (!td || !canSeeThemeDay(actor, td)) throw notFound();
  const plan = await planOf(ctx.db, td.id);
  if (!isStaff(actor, td, supportIdsOf({ plan }))) throw notFound();
  return { actor, td };
}

/** Invitations are for theme days not yet over. */
function ensureOpen(ctx: Ctx, td: ThemeDayRecord): void {
  if (td.endDate < shanghaiToday(ctx.clock.now())) throw invalidState(`主题日已于 ${td.endDate} 结束，不能再发送邀请`);
}

function channelUnavailable(a: Address, field: string): AppError {
  return fieldError(
    503,
    'channel_unavailable',
    field,
    a.channel === 'email' ? '平台暂未开通邮件发送，请改用手机号邀请' : '平台暂未开通短信邀请，请改用邮箱邀请',
  );
}

interface NewInvitation {
  address: Address;
  name: string | null;
}

/** Writes the invitations that are new (inside the caller's transaction); returns them with their tokens. */
async function insertAll(
  ctx: Ctx,
  trx: Ctx['db'],
  actor: Actor,
  td: ThemeDayRecord,
  items: NewInvitation[],
): Promise<{ created: { row: InvitationRow; token: string }[]; existing: InvitationRow[] }> {
  const now = ctx.clock.now();
  const at = nowIso(now);
  const expires = nowIso(new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000));
  const created: { row: InvitationRow; token: string }[] = [];
  const existing: InvitationRow[] = [];
  for (const it of items) {
    await expireStale(trx, td.id, it.address.address, at);
    const token = randomBytes(32).toString('base64url');
    const row: InvitationRow = {
      id: newId(),
      theme_day_id: td.id,
      channel: it.address.channel,
      address: it.address.address,
      name: it.name,
      token_hash: hashToken(token),
      status: 'pending',
      expires_at: expires,
      created_by: actor.userId,
      created_at: at,
      accepted_by: null,
      accepted_at: null,
      revoked_by: null,
      revoked_at: null,
      delivery_status: 'queued',
      delivery_error: null,
    };
    if (await insertPendingInvitation(trx, row)) {
      await audit(trx, ctx, {
        entityType: 'invitation',
        entityId: row.id,
        action: 'invite',
        after: { themeDayId: td.id, channel: row.channel, to: maskAddress(it.address), name: row.name },
      });
      created.push({ row, token });
    } else {
      const first = await pendingInvitation(trx, td.id, it.address.address);
      if (first) existing.push(first);
    }
  }
  return { created, existing };
}

/** Sends the new invitations after the commit and records how each fared. */
function sendAll(ctx: Ctx, td: ThemeDayRecord, created: { row: InvitationRow; token: string }[]): void {
  const dates = td.startDate === td.endDate ? td.startDate : `${td.startDate} 至 ${td.endDate}`;
  for (const { row, token } of created) {
    sendCodeMessage(
      {
        kind: 'invitation',
        channel: row.channel,
        address: row.address,
        themeDayTitle: td.title,
        hostName: td.host.name,
        dates,
        path: `/invite/${token}`,
        expires: formatShanghai(row.expires_at, 'date'),
      },
      (o) => setDelivery(ctx.db, row.id, o.status, o.error ?? null),
    );
  }
}

/** Invites one person; `created: false` when the address already has a pending invitation (nothing is sent). */
export async function invite(
  ctx: Ctx,
  props: { themeDayId: string; identifier: string; name?: string },
): Promise<{ id: string; created: boolean }> {
  const { actor, td } = await requireStaffThemeDay(ctx, props.themeDayId);
  ensureOpen(ctx, td);
  const address = parseAddress(props.identifier);
  if (!messageChannelAvailable(address.channel, 'invitation')) throw channelUnavailable(address, 'identifier');
  const r = await ctx.db
    .transaction()
    .execute((trx) => insertAll(ctx, trx, actor, td, [{ address, name: props.name?.trim() || null }]));
  sendAll(ctx, td, r.created);
  const id = r.created[0]?.row.id ?? r.existing[0]?.id;
  if (!id) throw new AppError(500, 'internal_error');
  return { id, created: r.created.length === 1 };
}

/** Invites everyone of an .xlsx upload (template columns 手机号或邮箱, 姓名); one wrong row invites no one. */
export async function importInvitations(
  ctx: Ctx,
  props: { themeDayId: string; file: Buffer },
): Promise<InvitationImportResult> {
  const { actor, td } = await requireStaffThemeDay(ctx, props.themeDayId);
  ensureOpen(ctx, td);
  const rows = await readXlsx(props.file, INVITATION_TEMPLATE_HEADERS, { maxRows: INVITATION_IMPORT_MAX_ROWS });
  if (rows.length === 0) throw new AppError(422, 'import_empty', '模板中没有数据行');
  const [ADDR, NAME] = INVITATION_TEMPLATE_HEADERS;
  const errors: FieldError[] = [];
  const items: NewInvitation[] = [];
  const seen = new Map<string, number>();
  for (const { rowNumber, cells } of rows) {
    const err = (col: string, message: string) =>
      errors.push({
        field: `row${rowNumber}.${col}`,
        code: 'invalid_cell',
        message: `第${rowNumber}行「${col}」：${message}`,
      });
    const raw = cells[ADDR] ?? '';
    const name = (cells[NAME] ?? '').trim();
    if (name.length > 50) err(NAME, '不超过50字');
    if (!raw) {
      err(ADDR, '必须填写');
      continue;
    }
    let address: Address;
    try {
      address = parseAddress(raw);
    } catch {
      err(ADDR, '应为11位中国大陆手机号码或邮箱地址');
      continue;
    }
    if (!messageChannelAvailable(address.channel, 'invitation')) {
      err(ADDR, address.channel === 'email' ? '平台暂未开通邮件发送' : '平台暂未开通短信邀请');
      continue;
    }
    const first = seen.get(address.address);
    if (first !== undefined) {
      err(ADDR, `与第${first}行重复`);
      continue;
    }
    seen.set(address.address, rowNumber);
    items.push({ address, name: name || null });
  }
  if (errors.length) throw new AppError(422, 'import_rows_invalid', `有${errors.length}处错误，未发送任何邀请`, errors);
  const r = await ctx.db.transaction().execute((trx) => insertAll(ctx, trx, actor, td, items));
  sendAll(ctx, td, r.created);
  return { created: r.created.length, existing: r.existing.length };
}

/** Revokes a pending invitation (its link stops working). */
export async function revokeInvitation(ctx: Ctx, props: { id: string }): Promise<void> {
  const inv = await getInvitation(ctx.db, props.id);
  if (!inv) throw notFound();
  const { actor } = await requireStaffThemeDay(ctx, inv.theme_day_id);
  const now = ctx.clock.now();
  if (effectiveStatus(inv, now) !== 'pending') throw invalidState('只有待接受的邀请可以撤销');
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await markRevoked(trx, inv.id, actor.userId, nowIso(now)))) throw invalidState('只有待接受的邀请可以撤销');
    await audit(trx, ctx, {
      entityType: 'invitation',
      entityId: inv.id,
      action: 'revoke',
      before: { status: 'pending' },
      after: { status: 'revoked' },
    });
  });
}

const unknownToken = () =>
  new AppError(404, 'invitation_not_found', '邀请链接无效，请核对链接是否完整，或联系邀请方重新发送');

async function byToken(ctx: Ctx, token: string): Promise<InvitationRow> {
  const inv = await findByTokenHash(ctx.db, hashToken(token.trim()));
  if (!inv) throw unknownToken();
  return inv;
}

/** What the invitation page shows; anyone holding the link may see it (the theme day is public). */
export async function lookupInvitation(ctx: Ctx, props: { token: string }): Promise<InvitationLanding> {
  const inv = await byToken(ctx, props.token);
  const td = await getThemeDay(ctx.db, inv.theme_day_id);
  if (!td) throw unknownToken();
  return {
    status: effectiveStatus(inv, ctx.clock.now()),
    themeDay: {
      id: td.id,
      title: td.title,
      theme: td.theme,
      startDate: td.startDate,
      endDate: td.endDate,
      hostName: td.host.name,
    },
    sentTo: maskAddress({ channel: inv.channel, address: inv.address }),
    channel: inv.channel,
    expiresAt: inv.expires_at,
    acceptedByMe: inv.status === 'accepted' && !!ctx.actor && inv.accepted_by === ctx.actor.userId,
  };
}

/**
 * Accepts the invitation as the signed-in person and records who did (audit). Accepting again is harmless; an
 * invitation another account accepted, a revoked one and an expired one are refused with their own codes.
 */
export async function acceptInvitation(
  ctx: Ctx,
  props: { token: string },
): Promise<{ themeDayId: string; alreadyAccepted: boolean }> {
  const actor = requireActor(ctx);
  const inv = await byToken(ctx, props.token);
  const settled = (r: InvitationRow) => {
    if (r.status === 'accepted') {
      if (r.accepted_by === actor.userId) return { themeDayId: r.theme_day_id, alreadyAccepted: true };
      throw new AppError(409, 'invitation_used', '该邀请已由其他账号接受。邀请仅限本人使用，如需参加请联系邀请方');
    }
    if (r.status === 'revoked') throw new AppError(410, 'invitation_revoked', '该邀请已被邀请方撤销');
    throw new AppError(410, 'invitation_expired', '该邀请已过期，请联系邀请方重新发送');
  };
  const now = ctx.clock.now();
  if (effectiveStatus(inv, now) !== 'pending') return settled({ ...inv, status: effectiveStatus(inv, now) });
  const won = await ctx.db.transaction().execute(async (trx) => {
    if (!(await markAccepted(trx, inv.id, actor.userId, nowIso(now)))) return false;
    await audit(trx, ctx, {
      entityType: 'invitation',
      entityId: inv.id,
      action: 'accept',
      before: { status: 'pending' },
      after: { status: 'accepted', themeDayId: inv.theme_day_id, acceptedBy: actor.userId },
    });
    return true;
  });
  if (won) return { themeDayId: inv.theme_day_id, alreadyAccepted: false };
  // Someone (perhaps this person, in a parallel request) changed it first: answer from what it is now.
  const now2 = await getInvitation(ctx.db, inv.id);
  if (!now2) throw unknownToken();
  return settled({ ...now2, status: effectiveStatus(now2, now) });
}
