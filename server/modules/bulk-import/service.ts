/**
 * The administrators' bulk import of organisations and people from .xlsx templates (issue 12 §1).
 *
 * All or nothing: every row is checked first, and one wrong cell imports nothing (422 `import_rows_invalid`
 * with one error per cell: row number, column, Chinese message); then every row is written in ONE transaction,
 * so a failure while writing (e.g. a credit code registered by someone else a moment ago) leaves nothing behind
 * either. Organisations come first (people name theirs by its 统一社会信用代码, checked by the organisations
 * module's own rules); imported people get no password: they are told by e-mail or SMS that their account
 * exists and set a password with a one-time code on the 找回密码 page (the accounts module's reset flow).
 */
import { ORG_KINDS, ORG_KIND_LABELS, ROLES, ROLE_LABELS, type OrgKind, type Role } from '../../../common/roles.ts';
import {
  ADMIN_IMPORT_MAX_ROWS,
  ORGANISATION_IMPORT_HEADERS,
  PEOPLE_IMPORT_HEADERS,
  type AdminImportResult,
} from '../../../common/contracts/invitations.ts';
import { isUniqueViolation } from '../../db/index.ts';
import { audit } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError, type FieldError } from '../../lib/errors.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { authorize, requireActor } from '../../lib/policy.ts';
import { readXlsx } from '../../lib/xlsx.ts';
import { messageChannelAvailable, sendCodeMessage } from '../accounts/delivery.ts';
import { isOrgManager } from '../organisations/policy.ts';
import { findByUscc, getOrganisation, insertOrganisation, type OrganisationRow } from '../organisations/repository.ts';
import { validateProfile } from '../organisations/service.ts';
import { userPolicy } from '../users/policy.ts';
import { identifierTaken, insertMembership, insertUser, type UserRow } from '../users/repository.ts';
import { normaliseEmail, normaliseMobile, roleFits } from '../users/service.ts';

/**
 * Stored in place of a password hash: no password verifies against it (it is not an argon2 hash), so an
 * imported account cannot sign in until its owner sets a password with a code.
 */
export const NO_PASSWORD = '!no-password:set-by-code';

/** Roles an import may not grant: the platform's own keys stay a deliberate, one-by-one act in 用户管理. */
const NOT_IMPORTABLE: readonly Role[] = ['system_admin', 'programme_owner'];

type Row = { rowNumber: number; cells: Record<string, string> };

function collector() {
  const errors: FieldError[] = [];
  const at = (rowNumber: number) => (col: string, message: string) =>
    errors.push({
      field: `row${rowNumber}.${col}`,
      code: 'invalid_cell',
      message: `第${rowNumber}行「${col}」：${message}`,
    });
  const fail = () => {
    if (errors.length)
      throw new AppError(422, 'import_rows_invalid', `有${errors.length}处错误，未导入任何一行`, errors);
  };
  return { at, fail };
}

async function rowsOf(file: Buffer, headers: readonly string[]): Promise<Row[]> {
  const rows = await readXlsx(file, headers, { maxRows: ADMIN_IMPORT_MAX_ROWS });
  if (rows.length === 0) throw new AppError(422, 'import_empty', '模板中没有数据行');
  return rows;
}

const conflict = () =>
  new AppError(409, 'import_conflict', '导入期间有机构或用户被其他人登记，未导入任何一行，请重新上传');

/** Imports organisations (NDRC's programme owner or the system administrator: the register's keepers). */
export async function importOrganisations(ctx: Ctx, props: { file: Buffer }): Promise<AdminImportResult> {
  authorize(isOrgManager(requireActor(ctx)));
  const rows = await rowsOf(props.file, ORGANISATION_IMPORT_HEADERS);
  const [NAME, USCC, KIND, REGION, INDUSTRY, EMPLOYEES, REVENUE, ASSETS] = ORGANISATION_IMPORT_HEADERS;
  const FIELD_COLUMN: Record<string, string> = { uscc: USCC, regionCode: REGION, industryCode: INDUSTRY };
  const kinds = new Map<string, OrgKind>(ORG_KINDS.map((k) => [ORG_KIND_LABELS[k].zh, k]));
  const { at, fail } = collector();
  const now = nowIso(ctx.clock.now());
  const out: OrganisationRow[] = [];
  const seen = new Map<string, number>();
  for (const { rowNumber, cells } of rows) {
    const err = at(rowNumber);
    const name = (cells[NAME] ?? '').trim();
    if (name.length < 2 || name.length > 100) err(NAME, '必须填写，2～100字');
    const kind = kinds.get(cells[KIND] ?? '');
    if (!kind) err(KIND, `应为以下之一：${ORG_KINDS.map((k) => ORG_KIND_LABELS[k].zh).join('、')}`);
    const num = (col: string, max: number) => {
      const t = (cells[col] ?? '').trim();
      if (t === '') return null;
      const n = Number(t);
      if (!Number.isFinite(n) || n < 0 || n > max) {
        err(col, '应为不小于0的数字');
        return null;
      }
      return n;
    };
    const employees = num(EMPLOYEES, 10_000_000);
    if (employees !== null && !Number.isInteger(employees)) err(EMPLOYEES, '应为整数');
    const revenueWan = num(REVENUE, 1e12);
    const assetsWan = num(ASSETS, 1e12);
    if (!kind) continue;
    let profile: ReturnType<typeof validateProfile>;
    try {
      profile = validateProfile({
        name,
        uscc: cells[USCC] ?? '',
        kind,
        regionCode: cells[REGION] || null,
        industryCode: cells[INDUSTRY] || null,
        employees,
        revenueWan,
        assetsWan,
        departmentCode: null,
      });
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      for (const fe of e.errors ?? []) err(FIELD_COLUMN[fe.field] ?? fe.field, fe.message);
      continue;
    }
    const first = seen.get(profile.uscc);
    if (first !== undefined) {
      err(USCC, `与第${first}行重复`);
      continue;
    }
    seen.set(profile.uscc, rowNumber);
    const taken = await findByUscc(ctx.db, profile.uscc);
    if (taken) {
      err(USCC, `已登记为「${taken.name}」`);
      continue;
    }
    // Imported by NDRC or the administrator: verified from the start, like an organisation they register by hand.
    out.push({
      id: newId(),
      ...profile,
      verification_status: 'verified',
      registered_by: ctx.actor?.userId ?? null,
      verified_by: ctx.actor?.userId ?? null,
      verified_at: now,
      rejection_reason: null,
      created_at: now,
      updated_at: now,
    });
  }
  fail();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      for (const row of out) {
        await insertOrganisation(trx, row);
        await audit(trx, ctx, { entityType: 'organisation', entityId: row.id, action: 'import', after: row });
      }
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict();
    throw e;
  }
  return { created: out.length };
}

/** Imports people with their organisation and role (the system administrator, who manages users). */
export async function importPeople(ctx: Ctx, props: { file: Buffer }): Promise<AdminImportResult> {
  authorize(userPolicy.manage(requireActor(ctx)));
  const rows = await rowsOf(props.file, PEOPLE_IMPORT_HEADERS);
  const [NAME, EMAIL, MOBILE, ORG, ROLE] = PEOPLE_IMPORT_HEADERS;
  const roles = new Map<string, Role>(ROLES.map((r) => [ROLE_LABELS[r].zh, r]));
  const { at, fail } = collector();
  const now = ctx.clock.now();
  const people: { user: UserRow; membership: { organisationId: string; role: Role } | null }[] = [];
  const seenEmail = new Map<string, number>();
  const seenMobile = new Map<string, number>();
  const orgs = new Map<string, OrganisationRow | null>();
  for (const { rowNumber, cells } of rows) {
    const err = at(rowNumber);
    let ok = true;
    const bad = (col: string, message: string) => {
      ok = false;
      err(col, message);
    };
    const name = (cells[NAME] ?? '').trim();
    if (!name || name.length > 50) bad(NAME, '必须填写，不超过50字');
    const rawEmail = (cells[EMAIL] ?? '').trim();
    const rawMobile = (cells[MOBILE] ?? '').trim();
    const email = rawEmail ? (normaliseEmail(rawEmail) ?? null) : null;
    const mobile = rawMobile ? (normaliseMobile(rawMobile) ?? null) : null;
    if (rawEmail && !email) bad(EMAIL, '邮箱格式不正确');
    if (rawMobile && !mobile) bad(MOBILE, '应为11位中国大陆手机号码');
    if (!rawEmail && !rawMobile) bad(EMAIL, '邮箱和手机号至少填写一项');
    for (const [col, value, seen, field] of [
      [EMAIL, email, seenEmail, 'email'],
      [MOBILE, mobile, seenMobile, 'mobile'],
    ] as const) {
      if (!value) continue;
      const first = seen.get(value);
      if (first !== undefined) bad(col, `与第${first}行重复`);
      else {
        seen.set(value, rowNumber);
        if (await identifierTaken(ctx.db, field, value)) bad(col, '已注册，不能重复导入');
      }
    }
    const uscc = (cells[ORG] ?? '').trim().toUpperCase();
    const roleText = (cells[ROLE] ?? '').trim();
    let membership: { organisationId: string; role: Role } | null = null;
    if (uscc) {
      if (!orgs.has(uscc)) {
        const ref = await findByUscc(ctx.db, uscc);
        orgs.set(uscc, ref ? ((await getOrganisation(ctx.db, ref.id)) ?? null) : null);
      }
      const org = orgs.get(uscc);
      const role = roleText ? roles.get(roleText) : 'member';
      if (!org) bad(ORG, '未找到该统一社会信用代码的机构，请先导入或登记机构');
      if (!role)
        bad(
          ROLE,
          `应为以下之一：${ROLES.filter((r) => !NOT_IMPORTABLE.includes(r))
            .map((r) => ROLE_LABELS[r].zh)
            .join('、')}`,
        );
      else if (NOT_IMPORTABLE.includes(role)) bad(ROLE, '该角色不能批量导入，请在「用户管理」中逐个设置');
      else if (org) {
        const misfit = roleFits(role, org);
        if (misfit) bad(ROLE, misfit);
        else membership = { organisationId: org.id, role };
      }
    } else if (roleText) bad(ORG, '填写角色时须填写所属机构的统一社会信用代码');
    if (!ok) continue;
    people.push({
      user: {
        id: newId(),
        name,
        email,
        mobile,
        password_hash: NO_PASSWORD,
        failed_logins: 0,
        locked_until: null,
        disabled: 0,
        locale: 'zh-CN',
        created_at: nowIso(now),
        updated_at: nowIso(now),
      },
      membership,
    });
  }
  fail();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      for (const p of people) {
        await insertUser(trx, p.user);
        if (p.membership)
          await insertMembership(trx, { id: newId(), userId: p.user.id, ...p.membership, createdAt: nowIso(now) });
        await audit(trx, ctx, {
          entityType: 'user',
          entityId: p.user.id,
          action: 'import',
          after: { name: p.user.name, email: p.user.email, mobile: p.user.mobile, membership: p.membership },
        });
      }
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict();
    throw e;
  }
  for (const { user } of people) {
    const channel =
      user.email && messageChannelAvailable('email', 'account')
        ? 'email'
        : user.mobile && messageChannelAvailable('sms', 'account')
          ? 'sms'
          : null;
    const address = channel === 'email' ? user.email : user.mobile;
    if (channel && address)
      sendCodeMessage({ kind: 'account_created', channel, address, name: user.name, path: '/forgot-password' });
  }
  return { created: people.length };
}
