/**
 * The organisation register's rules (credit code, region, industry, derived size class) and its commands:
 * create, update and verify, each one transaction with its audit event.
 */
import { classifyEnterpriseSize } from '../../../common/enterprise-size.ts';
import { parseIndustryCode } from '../../../common/industry.ts';
import { isRegionCode } from '../../../common/region.ts';
import type { Department, OrgKind } from '../../../common/roles.ts';
import { checkUscc, normalizeUscc } from '../../../common/uscc.ts';
import type {
  OrganisationCreate,
  OrganisationPatch,
  SizeClass,
  UsccStoredStatus,
} from '../../../common/contracts/organisations.ts';
import { isUniqueViolation } from '../../db/index.ts';
import { audit } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError, type FieldError, invalidState } from '../../lib/errors.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { organisationPolicy } from './policy.ts';
import { insertOrganisation, markUsccVerified, updateOrganisationRow, type OrganisationRow } from './repository.ts';

/** The profile after validation, as stored. */
interface Profile {
  name: string;
  uscc: string;
  uscc_status: UsccStoredStatus;
  kind: OrgKind;
  region_code: string | null;
  industry_code: string | null;
  employees: number | null;
  revenue_wan: number | null;
  assets_wan: number | null;
  size_class: SizeClass | null;
  department_code: Department | null;
}

/**
 * The size class of an enterprise, derived on the server from its figures under 统计上大中小微型企业
 * 划分办法（2017） — never taken from the client. Null for non-enterprises, or when the industry or a
 * needed figure is missing (the basis says what is missing).
 */
export function deriveSize(p: {
  kind: string;
  industry_code: string | null;
  employees: number | null;
  revenue_wan: number | null;
  assets_wan: number | null;
}): { size: SizeClass | null; basis: string | null } {
  if (p.kind !== 'enterprise') return { size: null, basis: null };
  if (p.employees == null && p.revenue_wan == null && p.assets_wan == null) return { size: null, basis: null };
  if (!p.industry_code)
    return { size: null, basis: '请先填写所属行业，才能按统计上大中小微型企业划分办法（2017）确定企业规模' };
  const r = classifyEnterpriseSize({
    industry: p.industry_code,
    ...(p.employees != null ? { employees: p.employees } : {}),
    ...(p.revenue_wan != null ? { revenueWan: p.revenue_wan } : {}),
    ...(p.assets_wan != null ? { assetsWan: p.assets_wan } : {}),
  });
  return { size: r.size, basis: r.basis };
}

/**
 * Checks a whole profile (the stored one merged with the change) and returns it normalised. An invalid
 * credit code is `invalid_uscc`; a pilot-era code failing only its check character is accepted and
 * marked `needs_manual_verification` (common/uscc.ts). Other mistakes are `validation_failed` with one
 * error per field.
 */
export function validateProfile(
  input: {
    name: string;
    uscc: string;
    kind: OrgKind;
    regionCode: string | null;
    industryCode: string | null;
    employees: number | null;
    revenueWan: number | null;
    assetsWan: number | null;
    departmentCode: Department | null;
  },
  current?: { uscc: string; uscc_status: UsccStoredStatus },
): Profile {
  const errors: FieldError[] = [];
  const usccResult = checkUscc(input.uscc);
  if (usccResult.status === 'invalid') {
    errors.push({
      field: 'uscc',
      code: usccResult.reasonCode ?? 'invalid',
      message: usccResult.message ?? '统一社会信用代码无效',
    });
  }
  let region: string | null = null;
  if (input.regionCode) {
    if (isRegionCode(input.regionCode)) region = input.regionCode;
    else
      errors.push({
        field: 'regionCode',
        code: 'unknown_region',
        message: `「${input.regionCode}」不是有效的行政区划代码（GB/T 2260）`,
      });
  }
  let industry: string | null = null;
  if (input.industryCode) {
    const p = parseIndustryCode(input.industryCode);
    if (p?.digits) industry = p.digits;
    else
      errors.push({
        field: 'industryCode',
        code: 'unknown_industry',
        message: `「${input.industryCode}」不是有效的国民经济行业分类（GB/T 4754-2017）大类代码`,
      });
  }
  if (input.departmentCode && input.kind !== 'government') {
    errors.push({
      field: 'departmentCode',
      code: 'department_not_allowed',
      message: '只有政府部门可以设置所属指导部门',
    });
  }
  // The credit code's own error comes first, with the other fields' errors alongside.
  if (usccResult.status === 'invalid') {
    throw new AppError(400, 'invalid_uscc', usccResult.message ?? '统一社会信用代码无效', errors);
  }
  if (errors.length) throw new AppError(400, 'validation_failed', errors.map((e) => e.message).join('；'), errors);
  const profile = {
    name: input.name,
    uscc: usccResult.normalized,
    // An unchanged code keeps its status, so a manual verification is not undone by a profile edit.
    uscc_status: current && usccResult.normalized === current.uscc ? current.uscc_status : usccResult.status,
    kind: input.kind,
    region_code: region,
    industry_code: industry,
    employees: input.employees,
    revenue_wan: input.revenueWan,
    assets_wan: input.assetsWan,
    department_code: input.departmentCode,
  };
  return { ...profile, size_class: deriveSize(profile).size };
}

/** The credit code is another organisation's (409; says no more than the live check, which names the holder). */
export const duplicateUscc = (uscc: string) =>
  new AppError(409, 'duplicate', `统一社会信用代码 ${uscc} 已被其他机构登记`, [
    { field: 'uscc', code: 'duplicate', message: '该统一社会信用代码已被其他机构登记' },
  ]);

/** Creates an organisation; the unique index on the credit code decides races (exactly one wins). */
export async function createOrganisation(ctx: Ctx, props: { input: OrganisationCreate }): Promise<OrganisationRow> {
  const body = props.input;
  const now = ctx.clock.now();
  const profile = validateProfile({
    name: body.name,
    uscc: body.uscc,
    kind: body.kind,
    regionCode: body.regionCode ?? null,
    industryCode: body.industryCode ?? null,
    employees: body.employees ?? null,
    revenueWan: body.revenueWan ?? null,
    assetsWan: body.assetsWan ?? null,
    departmentCode: body.departmentCode ?? null,
  });
  // Registered by NDRC or the administrator: verified from the start (self-registration: modules/onboarding).
  const row: OrganisationRow = {
    id: newId(),
    ...profile,
    verification_status: 'verified',
    registered_by: ctx.actor?.userId ?? null,
    verified_by: ctx.actor?.userId ?? null,
    verified_at: nowIso(now),
    rejection_reason: null,
    created_at: nowIso(now),
    updated_at: nowIso(now),
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await insertOrganisation(trx, row);
      await audit(trx, ctx, { entityType: 'organisation', entityId: row.id, action: 'create', after: row });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateUscc(row.uscc);
    throw err;
  }
  return row;
}

const IDENTITY_FIELDS = ['uscc', 'kind', 'departmentCode'] as const;

/**
 * Applies a change to an organisation. Identity fields (credit code, kind, 指导部门) belong to the
 * register's keepers; a base administrator may keep the rest of its own organisation's profile.
 */
export async function updateOrganisation(
  ctx: Ctx,
  props: { current: OrganisationRow; patch: OrganisationPatch },
): Promise<OrganisationRow> {
  const { current, patch } = props;
  const now = ctx.clock.now();
  const touchesIdentity = IDENTITY_FIELDS.some(
    (f) => patch[f] !== undefined && normalisedPatchValue(patch, f) !== fieldOf(current, f),
  );
  if (touchesIdentity && !organisationPolicy.editIdentity(ctx.actor)) {
    throw new AppError(
      403,
      'forbidden',
      '统一社会信用代码、机构类型和所属指导部门只能由国家发展改革委或系统管理员修改',
    );
  }
  const pick = <T>(v: T | undefined, fallback: T): T => (v === undefined ? fallback : v);
  const profile = validateProfile(
    {
      name: pick(patch.name, current.name),
      uscc: pick(patch.uscc, current.uscc),
      kind: pick(patch.kind, current.kind),
      regionCode: pick(patch.regionCode, current.region_code),
      industryCode: pick(patch.industryCode, current.industry_code),
      employees: pick(patch.employees, current.employees),
      revenueWan: pick(patch.revenueWan, current.revenue_wan),
      assetsWan: pick(patch.assetsWan, current.assets_wan),
      departmentCode: pick(patch.departmentCode, current.department_code),
    },
    current,
  );
  const next: OrganisationRow = { ...current, ...profile, updated_at: nowIso(now) };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await updateOrganisationRow(trx, current.id, { ...profile, updated_at: next.updated_at });
      await audit(trx, ctx, {
        entityType: 'organisation',
        entityId: current.id,
        action: 'update',
        before: current,
        after: next,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateUscc(profile.uscc);
    throw err;
  }
  return next;
}

function fieldOf(row: OrganisationRow, f: (typeof IDENTITY_FIELDS)[number]): string | null {
  if (f === 'uscc') return row.uscc;
  if (f === 'kind') return row.kind;
  return row.department_code;
}

const normalisedPatchValue = (patch: OrganisationPatch, f: (typeof IDENTITY_FIELDS)[number]) =>
  f === 'uscc' && patch.uscc !== undefined ? normalizeUscc(patch.uscc) : patch[f];

/**
 * Records that a person checked a credit code the checksum could not confirm (the Fujian pilot-era
 * codes of GB 32100-2015's early roll-out) against the registration certificate.
 */
export async function verifyUscc(ctx: Ctx, props: { current: OrganisationRow }): Promise<OrganisationRow> {
  const { current } = props;
  if (current.uscc_status !== 'needs_manual_verification') {
    throw invalidState('该机构的统一社会信用代码无需人工核验');
  }
  const next: OrganisationRow = { ...current, uscc_status: 'manually_verified', updated_at: nowIso(ctx.clock.now()) };
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await markUsccVerified(trx, current.id, next.updated_at)))
      throw invalidState('该机构的统一社会信用代码无需人工核验');
    await audit(trx, ctx, {
      entityType: 'organisation',
      entityId: current.id,
      action: 'verify_uscc',
      before: { usccStatus: current.uscc_status },
      after: { usccStatus: next.uscc_status },
    });
  });
  return next;
}
