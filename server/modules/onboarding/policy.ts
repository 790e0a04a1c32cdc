/**
 * Who verifies organisations and who decides requests to join. NDRC's programme owner and the system
 * administrator verify every organisation; a local DRC only those in its province (an organisation outside it,
 * or without a region, does not exist for it: 404). An organisation's administrators — the registrant (the
 * membership's org-admin flag) or its base administrators — decide who joins it.
 */
import type { Actor } from '../../lib/context.ts';
import { hasRole, isLocalDrcFor, isOrgAdminOf, provinceOf } from '../../lib/policy.ts';
import { isOrgManager } from '../organisations/policy.ts';

export const onboardingPolicy = {
  /** Only a person without any organisation registers one (a second organisation is NDRC's or the administrator's to register). */
  register: (a: Actor) => a.memberships.length === 0,
  /** Sees the verification queue (scoped by `queueProvince`). */
  viewQueue: (a: Actor | null) => isOrgManager(a) || hasRole(a, 'local_drc'),
  /** Decides this organisation's verification. */
  decide: (a: Actor | null, org: { region_code: string | null }) =>
    isOrgManager(a) || isLocalDrcFor(a, org.region_code),
  /** Corrects and resubmits a rejected organisation: its administrators (others: 404). */
  resubmit: (a: Actor | null, organisationId: string) => isOrgAdminOf(a, organisationId),
  /** Sees and decides requests to join `organisationId`. */
  decideJoin: (a: Actor | null, organisationId: string) => isOrgAdminOf(a, organisationId),
};

/**
 * The province the caller's queue is limited to: null (all) for NDRC and the administrator, the local DRC's
 * province otherwise. A local DRC without a province sees nothing ('--' matches no region code).
 */
export function queueProvince(a: Actor): string | null {
  if (isOrgManager(a)) return null;
  return provinceOf(a.organisationRegionCode) ?? '--';
}
