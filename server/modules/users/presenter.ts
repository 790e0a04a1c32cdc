/** Accounts as the administrator (or the user themself) sees them, and reviewers as the programme owner does. */
import type { Membership, ReviewerItem, User } from '../../../common/contracts/users.ts';
import type { Actor } from '../../lib/context.ts';
import { userAbilities } from './policy.ts';
import type { MembershipRow, ReviewerRow, UserRow } from './repository.ts';

export function presentMembership(r: MembershipRow): Membership {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: r.name,
    organisationKind: r.kind,
    departmentCode: r.department_code,
    role: r.role,
    createdAt: r.created_at,
  };
}

/** A user with their memberships — never the password hash. */
export function presentUser(actor: Actor | null, u: UserRow, memberships: MembershipRow[]): User {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    mobile: u.mobile,
    disabled: !!u.disabled,
    lockedUntil: u.locked_until,
    createdAt: u.created_at,
    updatedAt: u.updated_at,
    memberships: memberships.map(presentMembership),
    abilities: userAbilities(actor, u),
  };
}

/** What a programme owner sees of a reviewer when assigning reviews: no contact details. */
export function presentReviewer(r: ReviewerRow): ReviewerItem {
  return {
    id: r.id,
    name: r.name,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    departmentCode: r.department_code,
  };
}
