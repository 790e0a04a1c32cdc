/**
 * Sign-in commands: login with lockout after repeated failures, logout, the organisation switcher and
 * the password change. Each runs in one transaction with its audit event. The session cookie is set by
 * plugins/session.ts (`startSession`), which the route hands in, so these commands know nothing of HTTP.
 */
import { checkPassword, type PasswordPolicy } from '../../../common/password-policy.ts';
import type { Executor } from '../../db/index.ts';
import { audit } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { nowIso } from '../../lib/ids.ts';
import { dummyVerify, hashPassword, verifyPassword } from '../../lib/passwords.ts';
import { requireActor } from '../../lib/policy.ts';
import { loadMemberships } from '../../plugins/session.ts';
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

/** How many wrong passwords in a row lock an account, and for how long. */
export interface LoginLimits {
  maxFailures: number;
  lockMinutes: number;
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

/**
 * Signs a person in. Unknown identifiers cost as much time as known ones (dummy hash). Each wrong password
 * counts; the limit-th locks the account for a while. The count and the lock are committed even though
 * the request then fails.
 */
export async function login(
  ctx: Ctx,
  props: { identifier: string; password: string; limits: LoginLimits; startSession: StartSession },
): Promise<SignedIn> {
  const { identifier, password, limits } = props;
  const db = ctx.db;
  const now = ctx.clock.now();
  const user = await findUserByIdentifier(db, normaliseIdentifier(identifier));
  if (!user) {
    await dummyVerify(password);
    await audit(db, ctx, { entityType: 'session', action: 'login_failed', after: { identifier }, actorUserId: null });
    throw new AppError(401, 'invalid_credentials');
  }
  if (user.locked_until && new Date(user.locked_until) > now) {
    const mins = Math.ceil((new Date(user.locked_until).getTime() - now.getTime()) / 60_000);
    throw new AppError(423, 'account_locked', `连续登录失败次数过多，账号已锁定，请 ${mins} 分钟后再试`, undefined, {
      retryAfterMinutes: mins,
    });
  }
  if (user.disabled) throw new AppError(403, 'account_disabled');
  const ok = await verifyPassword(user.password_hash, password);
  if (!ok) {
    const failure = await db.transaction().execute(async (trx) => {
      const failedLogins = await countFailedLogin(trx, user.id);
      const locked = failedLogins >= limits.maxFailures;
      if (locked) await lockUser(trx, user.id, nowIso(new Date(now.getTime() + limits.lockMinutes * 60_000)));
      await audit(trx, ctx, {
        entityType: 'user',
        entityId: user.id,
        action: locked ? 'locked' : 'login_failed',
        actorUserId: user.id,
        organisationId: null,
      });
      return { failedLogins, locked };
    });
    if (failure.locked) {
      throw new AppError(
        423,
        'account_locked',
        `连续 ${limits.maxFailures} 次登录失败，账号已锁定 ${limits.lockMinutes} 分钟`,
        undefined,
        { retryAfterMinutes: limits.lockMinutes },
      );
    }
    const left = limits.maxFailures - failure.failedLogins;
    throw new AppError(
      401,
      'invalid_credentials',
      `账号或密码错误，再失败 ${left} 次账号将被锁定 ${limits.lockMinutes} 分钟`,
    );
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
