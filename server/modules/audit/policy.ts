/** The audit log is for programme owners and system administrators only, and read-only by design. */
import type { Actor } from '../../lib/context.ts';
import { hasRole } from '../../lib/policy.ts';

export const auditPolicy = {
  list: (a: Actor | null) => hasRole(a, 'programme_owner', 'system_admin'),
};
