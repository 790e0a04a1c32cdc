/**
 * User administration is the system administrator's alone. Everyone may read their own record; the
 * programme owner may list reviewers (names and departments, no contact details) to assign reviews.
 * Any other user record does not exist for the caller (404).
 */
import type { Actor } from '../../lib/context.ts';
import { hasRole } from '../../lib/policy.ts';

export const userPolicy = {
  manage: (a: Actor | null) => hasRole(a, 'system_admin'),
  view: (a: Actor | null, u: { id: string }) => hasRole(a, 'system_admin') || (!!a && a.userId === u.id),
  listAll: (a: Actor | null) => hasRole(a, 'system_admin'),
  listReviewers: (a: Actor | null) => hasRole(a, 'programme_owner'),
};

export function userAbilities(a: Actor | null, u: { id: string; disabled: number }) {
  const manage = userPolicy.manage(a);
  const self = !!a && a.userId === u.id;
  return {
    edit: manage,
    disable: manage && !self && !u.disabled,
    enable: manage && !!u.disabled,
    resetPassword: manage,
    revokeSessions: manage,
    manageMemberships: manage,
  };
}
