/**
 * Self-service accounts (issue 12 §1): one-time codes, sign-up with a code, password reset with a code, and
 * the administrator's revocation of a user's sessions.
 *
 * No enumeration: asking for a code does exactly the same work and gives the same answer whether or not an
 * account exists at the address — a code row is always written, and only sent when it can be used (sign-up:
 * no account yet; reset: an enabled account). An unsent code behaves like a sent one when guessed at (same
 * countdown of tries), so trying codes tells nothing either. Messages leave after the commit, in the
 * background (delivery.ts), so the response time does not depend on them.
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import {
  CODE_MAX_ATTEMPTS,
  CODE_RESEND_SECONDS,
  CODE_TTL_SECONDS,
  type CodePurpose,
  type CodeRequestResult,
} from '../../../common/contracts/accounts.ts';
import type { PasswordPolicy } from '../../../common/password-policy.ts';
import { isUniqueViolation } from '../../db/index.ts';
import { audit } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError, fieldError } from '../../lib/errors.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { hashPassword } from '../../lib/passwords.ts';
import { hitRateLimit, type RateLimitRule } from '../../lib/rate-limit.ts';
import { requireActor } from '../../lib/policy.ts';
import type { SignedIn, StartSession } from '../auth/service.ts';
import { deleteSessionsOf, findUserByIdentifier } from '../auth/repository.ts';
import { notifyUsers } from '../notifications/service.ts';
import { insertUser, updateUserRow, type UserRow } from '../users/repository.ts';
import { enforcePassword, newUserRow, normaliseEmail, normaliseMobile } from '../users/service.ts';
import { codeChannelAvailable, sendCodeMessage } from './delivery.ts';
import {
  consumeCode,
  countSessionsOf,
  countWrongTry,
  insertCode,
  newestCode,
  type VerificationCodeRow,
} from './repository.ts';

/** Limits on asking for codes and on trying them (counted in the database, shared by every app server). */
export const CODE_LIMITS = {
  perAddressPerHour: 5,
  perIpPerHour: 20,
  /** Tries of codes (sign-up and reset) from one address in ten minutes. */
  verifyPerIpPer10Minutes: 30,
};

export interface Address {
  channel: 'email' | 'sms';
  address: string;
}

/** The mobile number or e-mail address typed, normalised; 400 on the `identifier` field when it is neither. */
export function parseAddress(identifier: string): Address {
  const t = identifier.trim();
  if (t.includes('@')) {
    const email = normaliseEmail(t);
    if (email) return { channel: 'email', address: email };
    throw fieldError(400, 'validation_failed', 'identifier', '邮箱格式不正确');
  }
  const mobile = normaliseMobile(t);
  if (mobile) return { channel: 'sms', address: mobile };
  throw fieldError(400, 'validation_failed', 'identifier', '请输入11位中国大陆手机号码或邮箱地址');
}

/** 138****8000, a***@example.com. */
export function maskAddress(a: Address): string {
  if (a.channel === 'sms') return `${a.address.slice(0, 3)}****${a.address.slice(-4)}`;
  const [local = '', domain = ''] = a.address.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

const hashCode = (id: string, code: string) => createHash('sha256').update(`${id}:${code}`).digest('hex');

async function limit(ctx: Ctx, rule: RateLimitRule, what: string): Promise<void> {
  const r = await hitRateLimit(ctx.db, rule, ctx.clock.now());
  if (!r.allowed) {
    throw new AppError(429, 'rate_limited', `${what}过于频繁，请 ${r.retryAfterSeconds} 秒后再试`, undefined, {
      retryAfterSeconds: r.retryAfterSeconds,
    });
  }
}

/**
 * Asks for a code. Limits: one per address a minute and five an hour, twenty an hour per client address.
 * Sign-up at an address that already has an account sends a "you are registered" note instead of a code.
 */
export async function requestCode(
  ctx: Ctx,
  props: { identifier: string; purpose: CodePurpose },
): Promise<CodeRequestResult> {
  const a = parseAddress(props.identifier);
  if (!codeChannelAvailable(a.channel)) {
    throw fieldError(
      503,
      'channel_unavailable',
      'identifier',
      a.channel === 'email' ? '平台暂未开通邮件发送，请使用手机号' : '平台暂未开通短信发送，请使用邮箱',
    );
  }
  await limit(
    ctx,
    { key: `code:ip:${ctx.ip ?? 'unknown'}`, max: CODE_LIMITS.perIpPerHour, windowMs: 3_600_000 },
    '获取验证码',
  );
  await limit(ctx, { key: `code:addr:${a.address}`, max: 1, windowMs: CODE_RESEND_SECONDS * 1000 }, '获取验证码');
  await limit(
    ctx,
    { key: `code:addr-h:${a.address}`, max: CODE_LIMITS.perAddressPerHour, windowMs: 3_600_000 },
    '获取验证码',
  );

  const now = ctx.clock.now();
  const user = await findUserByIdentifier(ctx.db, a.channel === 'email' ? { email: a.address } : { mobile: a.address });
  const usable = props.purpose === 'sign_up' ? !user : !!user && !user.disabled;
  const id = newId();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await ctx.db.transaction().execute(async (trx) => {
    await insertCode(trx, {
      id,
      purpose: props.purpose,
      channel: a.channel,
      address: a.address,
      code_hash: hashCode(id, code),
      user_id: props.purpose === 'password_reset' ? (user?.id ?? null) : null,
      attempts: 0,
      expires_at: nowIso(new Date(now.getTime() + CODE_TTL_SECONDS * 1000)),
      consumed_at: null,
      ip: ctx.ip ?? null,
      created_at: nowIso(now),
    });
    await audit(trx, ctx, {
      entityType: 'verification_code',
      entityId: id,
      action: 'code_requested',
      // The audit log (administrators only) may know whether it went out; the caller never does.
      after: { purpose: props.purpose, channel: a.channel, to: maskAddress(a), sent: usable, accountExists: !!user },
      actorUserId: null,
      organisationId: null,
    });
  });
  if (usable) sendCodeMessage({ kind: 'code', channel: a.channel, address: a.address, purpose: props.purpose, code });
  else if (props.purpose === 'sign_up')
    sendCodeMessage({ kind: 'already_registered', channel: a.channel, address: a.address });
  return {
    sentTo: maskAddress(a),
    channel: a.channel,
    resendAfterSeconds: CODE_RESEND_SECONDS,
    expiresInSeconds: CODE_TTL_SECONDS,
  };
}

const codeError = (code: string, message: string) => fieldError(400, code, 'code', message);

/**
 * Checks a code against the newest one for the address and purpose; a wrong one counts a try (the fifth kills
 * it). Does not consume it: the caller does, in the transaction of what the code allows.
 */
export async function checkCode(
  ctx: Ctx,
  a: Address,
  purpose: CodePurpose,
  code: string,
): Promise<VerificationCodeRow> {
  await limit(
    ctx,
    { key: `code-verify:ip:${ctx.ip ?? 'unknown'}`, max: CODE_LIMITS.verifyPerIpPer10Minutes, windowMs: 600_000 },
    '验证码尝试',
  );
  const row = await newestCode(ctx.db, a.address, purpose);
  const now = ctx.clock.now();
  if (!row || row.consumed_at) throw codeError('code_invalid', '验证码不正确或已失效，请重新获取');
  if (row.attempts >= CODE_MAX_ATTEMPTS) throw codeError('code_locked', '验证码错误次数过多，已失效，请重新获取');
  if (new Date(row.expires_at) <= now) throw codeError('code_expired', '验证码已过期，请重新获取');
  const given = Buffer.from(hashCode(row.id, code), 'hex');
  if (!timingSafeEqual(given, Buffer.from(row.code_hash, 'hex'))) {
    const tries = await countWrongTry(ctx.db, row.id, CODE_MAX_ATTEMPTS);
    if (tries === null || tries >= CODE_MAX_ATTEMPTS)
      throw codeError('code_locked', '验证码错误次数过多，已失效，请重新获取');
    throw codeError('code_invalid', `验证码不正确，还可尝试 ${CODE_MAX_ATTEMPTS - tries} 次`);
  }
  return row;
}

const codeUsed = () => codeError('code_invalid', '验证码不正确或已失效，请重新获取');

/**
 * Creates an account from a sign-up code and signs the person in. The new user belongs to no organisation:
 * they may browse and register for public events, and are shown how to join or register an organisation.
 */
export async function signUp(
  ctx: Ctx,
  props: {
    identifier: string;
    code: string;
    name: string;
    password: string;
    policy: PasswordPolicy;
    startSession: StartSession;
  },
): Promise<SignedIn> {
  const a = parseAddress(props.identifier);
  const ids = { email: a.channel === 'email' ? a.address : null, mobile: a.channel === 'sms' ? a.address : null };
  // The password is checked before the code, so a weak password does not spend a try.
  enforcePassword(props.password, props.policy, [ids.email, ids.mobile, props.name]);
  const row = await checkCode(ctx, a, 'sign_up', props.code);
  const now = ctx.clock.now();
  const user = await newUserRow({ name: props.name.trim(), ...ids, password: props.password }, now);
  try {
    const session = await ctx.db.transaction().execute(async (trx) => {
      if (!(await consumeCode(trx, row.id, nowIso(now)))) throw codeUsed();
      await insertUser(trx, user);
      await audit(trx, ctx, {
        entityType: 'user',
        entityId: user.id,
        action: 'sign_up',
        after: { name: user.name, email: user.email, mobile: user.mobile, verifiedBy: a.channel },
        actorUserId: user.id,
        organisationId: null,
      });
      return props.startSession(trx, user.id, null);
    });
    return { userId: user.id, organisationId: null, csrfToken: session.csrfToken };
  } catch (err) {
    // Registered by someone else between the code and now (only the address's owner gets this far).
    if (isUniqueViolation(err))
      throw fieldError(409, 'duplicate', 'identifier', '该手机号或邮箱已注册，请直接登录或找回密码');
    throw err;
  }
}

/**
 * Sets a new password with a reset code. Lifts a lockout and ends every session of the user (whoever knew
 * the old password is out); the owner is told in-app and through their chosen channels.
 */
export async function resetPasswordByCode(
  ctx: Ctx,
  props: { identifier: string; code: string; newPassword: string; policy: PasswordPolicy },
): Promise<void> {
  const a = parseAddress(props.identifier);
  const row = await checkCode(ctx, a, 'password_reset', props.code);
  const user = row.user_id
    ? await findUserByIdentifier(ctx.db, a.channel === 'email' ? { email: a.address } : { mobile: a.address })
    : undefined;
  if (!user || user.id !== row.user_id || user.disabled) throw codeUsed();
  enforcePassword(props.newPassword, props.policy, [user.email, user.mobile, user.name], 'newPassword');
  const now = ctx.clock.now();
  const hash = await hashPassword(props.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await consumeCode(trx, row.id, nowIso(now)))) throw codeUsed();
    await updateUserRow(trx, user.id, {
      password_hash: hash,
      failed_logins: 0,
      locked_until: null,
      updated_at: nowIso(now),
    });
    await deleteSessionsOf(trx, user.id);
    await audit(trx, ctx, {
      entityType: 'user',
      entityId: user.id,
      action: 'password_reset_by_code',
      after: { channel: a.channel },
      actorUserId: user.id,
      organisationId: null,
    });
    await notifyUsers(
      trx,
      [user.id],
      {
        kind: 'password_reset',
        title: '您的密码已通过验证码重置，其他设备上的登录已全部退出',
        body: '如果不是您本人操作，请立即再次找回密码，并联系所在机构管理员。',
      },
      now,
    );
  });
}

/** The administrator ends every session of a user (except their own current one); audited; returns how many. */
export async function revokeSessions(ctx: Ctx, props: { user: Pick<UserRow, 'id'> }): Promise<number> {
  const actor = requireActor(ctx);
  const keep = props.user.id === actor.userId ? actor.sessionId : undefined;
  return ctx.db.transaction().execute(async (trx) => {
    const n = await countSessionsOf(trx, props.user.id, keep);
    await deleteSessionsOf(trx, props.user.id, keep);
    await audit(trx, ctx, {
      entityType: 'user',
      entityId: props.user.id,
      action: 'sessions_revoked',
      after: { revoked: n },
    });
    return n;
  });
}
