/** "Me": the signed-in person, their organisations, the active one's roles, the menu and the CSRF token. */
import type { Me } from '../../../common/contracts/auth.ts';
import type { MembershipInfo } from '../../lib/context.ts';
import { navFor } from './nav.ts';

export function presentMe(
  user: Me['user'],
  memberships: MembershipInfo[],
  activeOrganisationId: string | null,
  csrfToken: string,
): Me {
  // The session's organisation, else the first one (a session whose membership was removed falls back).
  const orgId = activeOrganisationId ?? memberships[0]?.organisationId ?? null;
  const roles = memberships.filter((m) => m.organisationId === orgId).map((m) => m.role);
  return {
    user: { id: user.id, name: user.name, email: user.email, mobile: user.mobile },
    memberships: memberships.map((m) => ({
      id: m.id,
      organisationId: m.organisationId,
      organisationName: m.organisationName,
      organisationKind: m.organisationKind,
      role: m.role,
      organisationVerification: m.organisationVerification,
      orgAdmin: m.orgAdmin,
    })),
    activeOrganisationId: orgId,
    roles,
    nav: navFor(roles, {
      noOrganisation: memberships.length === 0,
      orgAdmin: memberships.some((m) => m.organisationId === orgId && (m.orgAdmin || m.role === 'base_admin')),
    }),
    csrfToken,
  };
}
