/** Organisations and their members as the caller may see them. */
import { industryName } from '../../../common/industry.ts';
import { regionName } from '../../../common/region.ts';
import type { UsccResult } from '../../../common/uscc.ts';
import type { Member, Organisation, UsccCheckResult } from '../../../common/contracts/organisations.ts';
import type { Actor } from '../../lib/context.ts';
import { organisationAbilities, organisationPolicy } from './policy.ts';
import type { MemberRow, OrganisationRow } from './repository.ts';
import { deriveSize } from './service.ts';

/** The organisation as the caller may see it: figures only for its own people and the managers. */
export function presentOrganisation(actor: Actor | null, r: OrganisationRow): Organisation {
  const ref = { id: r.id, usccStatus: r.uscc_status };
  const base = {
    id: r.id,
    name: r.name,
    uscc: r.uscc,
    usccStatus: r.uscc_status,
    kind: r.kind,
    regionCode: r.region_code,
    regionName: r.region_code ? (regionName(r.region_code) ?? null) : null,
    industryCode: r.industry_code,
    industryName: r.industry_code ? (industryName(r.industry_code) ?? null) : null,
    sizeClass: r.size_class,
    departmentCode: r.department_code,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    abilities: organisationAbilities(actor, ref),
  };
  if (!organisationPolicy.viewFigures(actor, ref)) return base;
  return {
    ...base,
    employees: r.employees,
    revenueWan: r.revenue_wan,
    assetsWan: r.assets_wan,
    sizeBasis: deriveSize(r).basis,
  };
}

/** The live credit-code check: the checksum verdict and who already holds the code. */
export function presentUsccCheck(
  r: UsccResult,
  registeredAs: { id: string; name: string } | undefined,
): UsccCheckResult {
  return {
    status: r.status,
    normalized: r.normalized,
    reasonCode: r.reasonCode ?? null,
    message: r.message ?? null,
    registeredAs: registeredAs ?? null,
  };
}

export function presentMember(r: MemberRow): Member {
  return {
    membershipId: r.id,
    userId: r.user_id,
    name: r.name,
    email: r.email,
    mobile: r.mobile,
    role: r.role,
    disabled: !!r.disabled,
    joinedAt: r.created_at,
  };
}
