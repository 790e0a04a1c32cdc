/**
 * User administration commands: create, change contact details, memberships, disable/enable and
 * password reset. Each runs in one transaction with its audit event; a change that must end what a
 * user can do now (disable, reset, lost membership) also ends or re-points their sessions.
 */
import { checkPassword, type PasswordPolicy } from '../../../common/password-policy.ts';
import { ROLE_LABELS, type Role } from '../../../common/roles.ts';
import type { MembershipInput, UserCreate, UserPatch } from '../../../common/contracts/users.ts';
import { isUniqueViolation, type Executor } from '../../db/index.ts';
import { audit } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError, type FieldError, invalidState, notFound } from '../../lib/errors.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { hashPassword } from '../../lib/passwords.ts';
import { deleteSessionsOf, detachSessionsFromMembership } from '../auth/repository.ts';
import { notifyUsers } from '../notifications/service.ts';
import { getOrganisation, type OrganisationRow } from '../organisations/repository.ts';
import {
  deleteMembership,
  findMembership,
  identifierTaken,
  insertMembership,
  insertUser,
  updateUserRow,
  type UserRow,
} from './repository.ts';
import { links } from '../../../common/links.ts';

const MOBILE_RE = /^1[3-9]\d{9}$/;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Mainland mobile number without spaces, dashes or the +86 prefix; undefined when it is not one. */
export function normaliseMobile(input: string): string | undefined {
  const digits = input.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  return MOBILE_RE.test(digits) ? digits : undefined;
}

/** E-mail trimmed and lower-cased (sign-in compares lower case); undefined when malformed. */
export function normaliseEmail(input: string): string | undefined {
  const e = input.trim().toLowerCase();
  return EMAIL_RE.test(e) ? e : undefined;
}

/** Validates and normalises the sign-in identifiers; at least one is required. */
export function checkIdentifiers(
  email: string | null | undefined,
  mobile: string | null | undefined,
): { email: string | null; mobile: string | null } {
  const errors: FieldError[] = [];
  let e: string | null = null;
  let m: string | null = null;
  if (email) {
    e = normaliseEmail(email) ?? null;
    if (!e) errors.push({ field: 'email', code: 'invalid_email', message: '邮箱格式不正确' });
  }
  if (mobile) {
    m = normaliseMobile(mobile) ?? null;
    if (!m) errors.push({ field: 'mobile', code: 'invalid_mobile', message: '手机号应为11位中国大陆手机号码' });
  }
  if (!email && !mobile) {
    errors.push({ field: 'email', code: 'identifier_required', message: '邮箱和手机号至少填写一项' });
    errors.push({ field: 'mobile', code: 'identifier_required', message: '邮箱和手机号至少填写一项' });
  }
  if (errors.length)
    throw new AppError(
      400,
      'validation_failed',
      errors
        .map((x) => x.message)
        .filter((v, i, a) => a.indexOf(v) === i)
        .join('；'),
      errors,
    );
  return { email: e, mobile: m };
}

/** Refuses a password the policy rejects (等保: length, character classes, common, own identifiers). */
export function enforcePassword(
  pw: string,
  policy: PasswordPolicy,
  identifiers: (string | null)[],
  field = 'password',
): void {
  const failures = checkPassword(pw, policy, { identifiers: identifiers.filter((x): x is string => !!x) });
  if (failures.length) {
    throw new AppError(
      400,
      'weak_password',
      failures.map((f) => f.message).join('；'),
      failures.map((f) => ({ field, code: f.code, message: f.message })),
    );
  }
}

/** Finds which identifier is already taken, so `duplicate` can name the field. */
async function duplicateIdentifiers(
  db: Executor,
  ids: { email: string | null; mobile: string | null },
  selfId?: string,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const field of ['email', 'mobile'] as const) {
    const v = ids[field];
    if (!v) continue;
    if (await identifierTaken(db, field, v, selfId)) {
      errors.push({
        field,
        code: 'duplicate',
        message: field === 'email' ? '该邮箱已被其他用户使用' : '该手机号已被其他用户使用',
      });
    }
  }
  return errors;
}

const duplicate = (errors: FieldError[]) =>
  new AppError(
    409,
    'duplicate',
    errors.map((e) => e.message).join('；') || '用户已存在',
    errors.length ? errors : undefined,
  );

/**
 * Which organisations a role makes sense in: the programme owner sits in NDRC, a reviewer in a
 * 指导部门 (its department is the organisation's department code), a local DRC in a government body with
 * a region (it follows the bases of that province). Other roles fit any organisation.
 */
export function roleFits(
  role: Role,
  org: Pick<OrganisationRow, 'kind' | 'department_code' | 'region_code'>,
): string | null {
  if (role === 'programme_owner' && !(org.kind === 'government' && org.department_code === 'NDRC')) {
    return '“国家发展改革委（方案管理）”角色只能设在国家发展改革委（指导部门代码为 NDRC 的政府部门）';
  }
  if (role === 'department_reviewer' && !(org.kind === 'government' && org.department_code)) {
    return '“指导部门评审”角色只能设在设置了指导部门的政府部门';
  }
  if (role === 'local_drc' && !(org.kind === 'government' && org.region_code)) {
    return '“地方发展改革委”角色只能设在设置了行政区划的政府部门';
  }
  return null;
}

async function checkMembership(db: Executor, m: MembershipInput, field: string): Promise<OrganisationRow> {
  const org = await getOrganisation(db, m.organisationId);
  if (!org) {
    throw new AppError(400, 'validation_failed', '所选机构不存在', [
      { field: `${field}organisationId`, code: 'not_found', message: '所选机构不存在' },
    ]);
  }
  const misfit = roleFits(m.role, org);
  if (misfit)
    throw new AppError(400, 'role_not_applicable', misfit, [
      { field: `${field}role`, code: 'role_not_applicable', message: misfit },
    ]);
  return org;
}

/** Creates a user with an initial password and optional memberships. */
export async function createUser(ctx: Ctx, props: { input: UserCreate; policy: PasswordPolicy }): Promise<UserRow> {
  const { input: body, policy } = props;
  const db = ctx.db;
  const now = ctx.clock.now();
  const ids = checkIdentifiers(body.email, body.mobile);
  enforcePassword(body.password, policy, [ids.email, ids.mobile, body.name]);
  const memberships = body.memberships ?? [];
  for (const [i, m] of memberships.entries()) await checkMembership(db, m, `memberships.${i}.`);
  const dups = await duplicateIdentifiers(db, ids);
  if (dups.length) throw duplicate(dups);
  const row = await newUserRow({ name: body.name, ...ids, password: body.password }, now);
  try {
    await db.transaction().execute(async (trx) => {
      await insertUser(trx, row);
      const seen = new Set<string>();
      for (const m of memberships) {
        const key = `${m.organisationId}/${m.role}`;
        if (seen.has(key)) continue;
        seen.add(key);
        await insertMembership(trx, {
          id: newId(),
          userId: row.id,
          organisationId: m.organisationId,
          role: m.role,
          createdAt: nowIso(now),
        });
      }
      await audit(trx, ctx, {
        entityType: 'user',
        entityId: row.id,
        action: 'create',
        after: { name: row.name, email: row.email, mobile: row.mobile, memberships },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate(await duplicateIdentifiers(db, ids));
    throw err;
  }
  return row;
}

/** Changes name and sign-in identifiers; at least one identifier must remain. */
export async function updateUser(ctx: Ctx, props: { current: UserRow; patch: UserPatch }): Promise<UserRow> {
  const { current, patch } = props;
  const db = ctx.db;
  const now = ctx.clock.now();
  const ids = checkIdentifiers(
    patch.email === undefined ? current.email : patch.email,
    patch.mobile === undefined ? current.mobile : patch.mobile,
  );
  const dups = await duplicateIdentifiers(db, ids, current.id);
  if (dups.length) throw duplicate(dups);
  const next: UserRow = { ...current, name: patch.name ?? current.name, ...ids, updated_at: nowIso(now) };
  try {
    await db.transaction().execute(async (trx) => {
      await updateUserRow(trx, current.id, {
        name: next.name,
        email: next.email,
        mobile: next.mobile,
        updated_at: next.updated_at,
      });
      await audit(trx, ctx, {
        entityType: 'user',
        entityId: current.id,
        action: 'update',
        before: { name: current.name, email: current.email, mobile: current.mobile },
        after: { name: next.name, email: next.email, mobile: next.mobile },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate(await duplicateIdentifiers(db, ids, current.id));
    throw err;
  }
  return next;
}

/** Adds a role in an organisation; the (user, organisation, role) unique key refuses a second copy. */
export async function addMembership(ctx: Ctx, props: { user: UserRow; membership: MembershipInput }): Promise<string> {
  const { user, membership: m } = props;
  const now = ctx.clock.now();
  const org = await checkMembership(ctx.db, m, '');
  const id = newId();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await insertMembership(trx, {
        id,
        userId: user.id,
        organisationId: m.organisationId,
        role: m.role,
        createdAt: nowIso(now),
      });
      await audit(trx, ctx, {
        entityType: 'membership',
        entityId: id,
        action: 'create',
        after: { userId: user.id, organisationId: m.organisationId, role: m.role },
      });
      await notifyUsers(
        trx,
        [user.id],
        {
          kind: 'membership_added',
          title: `您已被设为「${org.name}」的${ROLE_LABELS[m.role].zh}`,
          link: links.workspace(),
        },
        now,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError(409, 'duplicate', '该用户在此机构已有该角色', [
        { field: 'role', code: 'duplicate', message: '该用户在此机构已有该角色' },
      ]);
    }
    throw err;
  }
  return id;
}

/**
 * Removes a role. An administrator cannot take away their own system-administrator role (nobody would
 * be left to give it back). Sessions that had this membership active fall back to the user's others.
 */
export async function removeMembership(ctx: Ctx, props: { user: UserRow; membershipId: string }): Promise<void> {
  const { user } = props;
  const m = await findMembership(ctx.db, user.id, props.membershipId);
  if (!m) throw notFound();
  if (user.id === ctx.actor?.userId && m.role === 'system_admin') {
    throw invalidState('不能移除自己的系统管理员角色');
  }
  await ctx.db.transaction().execute(async (trx) => {
    await detachSessionsFromMembership(trx, m.id);
    await deleteMembership(trx, m.id);
    await audit(trx, ctx, {
      entityType: 'membership',
      entityId: m.id,
      action: 'delete',
      before: { userId: user.id, organisationId: m.organisation_id, role: m.role },
    });
  });
}

/** Disables or re-enables an account. Disabling ends every session at once. */
export async function setDisabled(ctx: Ctx, props: { user: UserRow; disabled: boolean }): Promise<UserRow> {
  const { user, disabled } = props;
  if (disabled && user.id === ctx.actor?.userId) throw invalidState('不能停用自己的账号');
  if (!!user.disabled === disabled) return user;
  const next: UserRow = { ...user, disabled: disabled ? 1 : 0, updated_at: nowIso(ctx.clock.now()) };
  await ctx.db.transaction().execute(async (trx) => {
    await updateUserRow(trx, user.id, { disabled: next.disabled, updated_at: next.updated_at });
    if (disabled) await deleteSessionsOf(trx, user.id);
    await audit(trx, ctx, {
      entityType: 'user',
      entityId: user.id,
      action: disabled ? 'disable' : 'enable',
      before: { disabled: !!user.disabled },
      after: { disabled },
    });
  });
  return next;
}

/**
 * Sets a new password for a user who lost theirs. It also lifts a lockout and ends the user's sessions,
 * so whoever may have known the old password is out. Administrators change their own password the
 * ordinary way (with the current one).
 */
export async function resetPassword(
  ctx: Ctx,
  props: { user: UserRow; password: string; policy: PasswordPolicy },
): Promise<void> {
  const { user, password: pw, policy } = props;
  if (user.id === ctx.actor?.userId) {
    throw invalidState('请通过“修改密码”更改自己的密码');
  }
  const now = ctx.clock.now();
  enforcePassword(pw, policy, [user.email, user.mobile, user.name]);
  const hash = await hashPassword(pw);
  await ctx.db.transaction().execute(async (trx) => {
    await updateUserRow(trx, user.id, {
      password_hash: hash,
      failed_logins: 0,
      locked_until: null,
      updated_at: nowIso(now),
    });
    await deleteSessionsOf(trx, user.id);
    await audit(trx, ctx, { entityType: 'user', entityId: user.id, action: 'password_reset' });
    await notifyUsers(
      trx,
      [user.id],
      { kind: 'password_reset', title: '您的密码已由系统管理员重置，请登录后及时修改' },
      now,
    );
  });
}

/** A new user's row: the password hashed (argon2id), not locked, not disabled, Chinese UI; id and times from now. */
export async function newUserRow(
  props: { name: string; email: string | null; mobile: string | null; password: string },
  now: Date,
): Promise<UserRow> {
  return {
    id: newId(),
    name: props.name,
    email: props.email,
    mobile: props.mobile,
    password_hash: await hashPassword(props.password),
    failed_logins: 0,
    locked_until: null,
    disabled: 0,
    locale: 'zh-CN',
    created_at: nowIso(now),
    updated_at: nowIso(now),
  };
}
