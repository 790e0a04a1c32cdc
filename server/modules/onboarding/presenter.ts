/** Verification queue items and join requests as the caller may see them. */
import { industryName } from '../../../common/industry.ts';
import { regionName } from '../../../common/region.ts';
import type { JoinRequest, VerificationItem } from '../../../common/contracts/onboarding.ts';
import type { Actor } from '../../lib/context.ts';
import { onboardingPolicy } from './policy.ts';
import type { JoinRequestView, VerificationRow } from './repository.ts';

export function presentVerificationItem(actor: Actor, r: VerificationRow): VerificationItem {
  return {
    id: r.id,
    name: r.name,
    uscc: r.uscc,
    usccStatus: r.uscc_status,
    kind: r.kind,
    regionCode: r.region_code,
    regionName: r.region_code ? (regionName(r.region_code) ?? null) : null,
    industryName: r.industry_code ? (industryName(r.industry_code) ?? null) : null,
    employees: r.employees,
    revenueWan: r.revenue_wan,
    assetsWan: r.assets_wan,
    verificationStatus: r.verification_status,
    rejectionReason: r.rejection_reason,
    registeredBy: r.registered_by && r.registrant_name ? { id: r.registered_by, name: r.registrant_name } : null,
    verifiedAt: r.verified_at,
    createdAt: r.created_at,
    abilities: {
      decide: r.verification_status === 'unverified' && onboardingPolicy.decide(actor, r),
    },
  };
}

/** A join request; the requester's contact details are for the organisation's administrators (and the requester). */
export function presentJoinRequest(actor: Actor, r: JoinRequestView): JoinRequest {
  const admin = onboardingPolicy.decideJoin(actor, r.organisation_id);
  return {
    id: r.id,
    organisation: { id: r.organisation_id, name: r.organisation_name },
    requester: { id: r.user_id, name: r.user_name, email: r.email, mobile: r.mobile },
    message: r.message,
    status: r.status,
    decisionNote: r.decision_note,
    decidedAt: r.decided_at,
    createdAt: r.created_at,
    abilities: { decide: admin && r.status === 'pending' },
  };
}
