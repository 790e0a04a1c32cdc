/**
 * Who keeps the 双创示范基地联盟 and who sees them. The theme-day side (co-organisers' parts, delegations) is
 * `canManagePart` / `canCoordinate` in themedays/policy.ts, shared by every content area.
 */
import type { Actor } from '../../lib/context.ts';
import { hasRole } from '../../lib/policy.ts';

/** NDRC and the system administrator create and edit alliances, their member bases and staff. */
export const canManageAlliances = (a: Actor | null): boolean => hasRole(a, 'programme_owner', 'system_admin');

/** An alliance is seen by its keepers and by its own staff; for everyone else it does not exist. */
export const canSeeAlliance = (a: Actor | null, staffUserIds: readonly string[]): boolean =>
  canManageAlliances(a) || (!!a && staffUserIds.includes(a.userId));
