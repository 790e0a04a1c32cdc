/**
 * Sign-in commands: login with lockout after repeated failures, logout, the organisation switcher and
 * the password change. Each runs in one transaction with its audit event. The session cookie is set by
 * plugins/session.ts (`startSession`), which the route hands in, so these commands know nothing of HTTP.
 */
import { links } from '../../../common/links.ts';
import { checkPassword, type PasswordPolicy } from '../../../common/password-policy.ts';
import type { Executor } from '../../db/index.ts';
import { audit } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { nowIso } from '../../lib/ids.ts';
import { dummyVerify, hashPassword, verifyPassword } from '../../lib/passwords.ts';
import { hitRateLimit } from '../../lib/rate-limit.ts';
import { requireActor } from '../../lib/policy.ts';
import { loadMemberships } from '../../plugins/session.ts';
import { notifyUsers } from '../notifications/service.ts';
import { getUser } from '../users/repository.ts';
import {
  clearFailedLogins,
  countFailedLogin,
  deleteSession,
  deleteSessionsOf,
  findUserByIdentifier,
  lockUser,
  setPasswordHash,
  setSessionMembership,
} from './repository.ts';

/** The configured password rules (等保: length and character classes; common passwords refused). */
export function passwordPolicy(cfg: { PASSWORD_MIN_LENGTH: number; PASSWORD_MIN_CLASSES: number }): PasswordPolicy {
  return { minLength: cfg.PASSWORD_MIN_LENGTH, minClasses: cfg.PASSWORD_MIN_CLASSES, forbidCommon: true };
}

/** Normalises the sign-in identifier: e-mail lower-cased, mobile without spaces/+86. */
export function normaliseIdentifier(id: string): { email?: string; mobile?: string } {
  const t = id.trim();
  if (t.includes('@')) return { email: t.toLowerCase() };
  return { mobile: t.replace(/[\s-]/g, '').replace(/^\+?86/, '') };
}

/**
 * How many wrong passwords in a row lock an account, and for how long; how many attempts a minute one
 * address and one account identifier may make (counted in the database, shared by every app server).
 */
export interface LoginLimits {
  maxFailures: number;
  lockMinutes: number;
  perIpPerMinute: number;
  perAccountPerMinute: number;
}

/**
 * Counts the attempt against the address and the account identifier before any password work; 429 when
 * either is over its limit. The account key is the normalised identifier whether or not such an account
 * exists, so the limit tells nothing about who has one.
 */
export async function limitSignInAttempts(
  ctx: Ctx,
  props: { identifier: string; limits: Pick<LoginLimits, 'perIpPerMinute' | 'perAccountPerMinute'> },
): Promise<void> {
  const now = ctx.clock.now();
  const id = normaliseIdentifier(props.identifier);
  const rules = [
    { key: `login:ip:${ctx.ip ?? 'unknown'}`, max: props.limits.perIpPerMinute, windowMs: 60_000 },
    {
      key: `login:account:${id.email ?? `mobile:${id.mobile}`}`,
      max: props.limits.perAccountPerMinute,
      windowMs: 60_000,
    },
  ];
  for (const rule of rules) {
    const r = await hitRateLimit(ctx.db, rule, now);
    if (!r.allowed) {
      throw new AppError(429, 'rate_limited', `登录尝试过于频繁，请 ${r.retryAfterSeconds} 秒后再试`, undefined, {
        retryAfterSeconds: r.retryAfterSeconds,
      });
    }
  }
}

/** Creates the session (and its cookie) inside the login transaction; returns its CSRF token. */
export type StartSession = (
  trx: Executor,
  userId: string,
  membershipId: string | null,
) => Promise<{ csrfToken: string }>;

/** Who signed in: enough to present "me". */
export interface SignedIn {
  userId: string;
  organisationId: string | null;
  csrfToken: string;
}

/** Why a sign-in was refused: recorded in the audit log only, never told to the caller. */
export type LoginFailureReason = 'unknown_account' | 'wrong_password' | 'locked' | 'disabled';

/**
 * The one answer for every refused sign-in — unknown account, wrong password, locked or disabled — so the
 * answer cannot tell who has an account (等保 / OWASP ASVS 2.2: no user enumeration). The real reason goes
 * to the audit log, and a lock also to the account owner as an in-app notification.
 */
export const signInRefused = () =>
  new AppError(
    401,
    'invalid_credentials',
    '账号或密码错误。连续多次输错后账号将被临时锁定；如仍无法登录，请稍后再试或联系所在机构管理员',
  );

/**
 * Signs a person in. Every path spends one argon2 verification (a dummy hash for unknown accounts, the
 * real hash even for locked or disabled ones) so timing tells as little as the answer. Each wrong password
 * counts; the limit-th locks the account for a while and tells its owner. The count, the lock and the
 * audit row are committed even though the request then fails.
 */
export async function login(
  ctx: Ctx,
  props: { identifier: string; password: string; limits: LoginLimits; startSession: StartSession },
): Promise<SignedIn> {
  const { identifier, password, limits } = props;
  await limitSignInAttempts(ctx, { identifier, limits });
  const db = ctx.db;
  const now = ctx.clock.now();
  const user = await findUserByIdentifier(db, normaliseIdentifier(identifier));
  if (!user) {
    await dummyVerify(password);
    await audit(db, ctx, {
      entityType: 'session',
      action: 'login_failed',
      after: { identifier, reason: 'unknown_account' satisfies LoginFailureReason },
      actorUserId: null,
      organisationId: null,
    });
    throw signInRefused();
  }
  const ok = await verifyPassword(user.password_hash, password);
  const refuse = async (reason: LoginFailureReason) => {
    await audit(db, ctx, {
      entityType: 'user',
      entityId: user.id,
      action: 'login_failed',
      after: { reason },
      actorUserId: user.id,
      organisationId: null,
    });
    return signInRefused();
  };
  // A disabled or locked account is refused whatever the password, with the same answer as a wrong one.
  if (user.disabled) throw await refuse('disabled');
  if (user.locked_until && new Date(user.locked_until) > now) throw await refuse('locked');
  if (!ok) {
    await db.transaction().execute(async (trx) => {
      const failedLogins = await countFailedLogin(trx, user.id);
      const locked = failedLogins >= limits.maxFailures;
      if (locked) {
        const until = new Date(now.getTime() + limits.lockMinutes * 60_000);
        await lockUser(trx, user.id, nowIso(until));
        await notifyUsers(
          trx,
          [user.id],
          {
            kind: 'account_locked',
            title: `您的账号因连续 ${limits.maxFailures} 次密码错误已被临时锁定 ${limits.lockMinutes} 分钟`,
            body: '如果不是您本人在尝试登录，请在解锁后及时修改密码，或联系所在机构管理员。',
            link: links.workspace(),
          },
          now,
        );
      }
      await audit(trx, ctx, {
        entityType: 'user',
        entityId: user.id,
        action: locked ? 'locked' : 'login_failed',
        after: locked ? { reason: 'wrong_password', lockedMinutes: limits.lockMinutes } : { reason: 'wrong_password' },
        actorUserId: user.id,
        organisationId: null,
      });
    });
    throw signInRefused();
  }
  const memberships = await loadMemberships(db, user.id);
  const first = memberships[0] ?? null;
  const session = await db.transaction().execute(async (trx) => {
    await clearFailedLogins(trx, user.id);
    const s = await props.startSession(trx, user.id, first?.id ?? null);
    await audit(trx, ctx, {
      entityType: 'session',
      action: 'login',
      actorUserId: user.id,
      organisationId: first?.organisationId ?? null,
    });
    return s;
  });
  return { userId: user.id, organisationId: first?.organisationId ?? null, csrfToken: session.csrfToken };
}

/** Ends the caller's session (nothing to do when not signed in). */
export async function logout(ctx: Ctx): Promise<void> {
  const actor = ctx.actor;
  if (!actor) return;
  await ctx.db.transaction().execute(async (trx) => {
    await deleteSession(trx, actor.sessionId);
    await audit(trx, ctx, { entityType: 'session', action: 'logout' });
  });
}

/** Makes another of the caller's organisations the active one; 404 when they do not belong to it. */
export async function switchOrganisation(ctx: Ctx, props: { organisationId: string }): Promise<SignedIn> {
  const actor = requireActor(ctx);
  const m = actor.memberships.find((x) => x.organisationId === props.organisationId);
  if (!m) throw notFound('您不属于该机构');
  await ctx.db.transaction().execute(async (trx) => {
    await setSessionMembership(trx, actor.sessionId, m.id);
    await audit(trx, ctx, {
      entityType: 'session',
      action: 'switch_organisation',
      after: { organisationId: m.organisationId },
      organisationId: m.organisationId,
    });
  });
  return { userId: actor.userId, organisationId: m.organisationId, csrfToken: actor.csrfToken };
}

/**
 * Changes the caller's own password: the current one must be right and the new one must satisfy the
 * policy. Every other session of the user ends: a changed password must lock out whoever knew the old one.
 */
export async function changePassword(
  ctx: Ctx,
  props: { currentPassword: string; newPassword: string; policy: PasswordPolicy },
): Promise<void> {
  const actor = requireActor(ctx);
  const user = await getUser(ctx.db, actor.userId);
  if (!user) throw new Error(`user ${actor.userId} of a live session is missing`);
  if (!(await verifyPassword(user.password_hash, props.currentPassword))) {
    throw new AppError(400, 'validation_failed', '当前密码不正确', [
      { field: 'currentPassword', code: 'wrong_password', message: '当前密码不正确' },
    ]);
  }
  const failures = checkPassword(props.newPassword, props.policy, {
    identifiers: [user.email ?? '', user.mobile ?? '', user.name].filter(Boolean),
  });
  if (failures.length) {
    throw new AppError(
      400,
      'weak_password',
      failures.map((f) => f.message).join('；'),
      failures.map((f) => ({ field: 'newPassword', code: f.code, message: f.message })),
    );
  }
  const hash = await hashPassword(props.newPassword);
  await ctx.db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, user.id, hash, nowIso(ctx.clock.now()));
    await deleteSessionsOf(trx, user.id, actor.sessionId);
    await audit(trx, ctx, { entityType: 'user', entityId: user.id, action: 'password_changed' });
  });
}
