/** What every handler knows about the caller. */
import type { Role } from '../../common/roles.ts';

export interface MembershipInfo {
  id: string;
  organisationId: string;
  organisationName: string;
  organisationKind: string;
  role: Role;
}

export interface Actor {
  userId: string;
  name: string;
  sessionId: string;
  csrfToken: string;
  /** The active organisation (org switcher); null for a user without memberships. */
  organisationId: string | null;
  /** Roles held in the active organisation. */
  roles: Role[];
  memberships: MembershipInfo[];
}

export const hasRole = (a: Actor | null | undefined, ...roles: Role[]): boolean =>
  !!a && a.roles.some((r) => roles.includes(r));
