/**
 * Who may do what with a programme. The owner (NDRC) sees drafts; everybody signed in sees open and
 * closed programmes (the call and its rules are public to the bases it concerns).
 */
import type { Actor } from '../../lib/context.ts';
import { hasRole } from '../../lib/context.ts';
import { isPastDeadline } from '../../../common/time.ts';
import { planDeadlineInstant } from '../../../common/programme-rules.ts';
import type { ProgrammeRecord } from './repository.ts';

export const isOwner = (a: Actor): boolean => hasRole(a, 'programme_owner');

/** Drafts exist only for the owner. */
export const canSeeProgramme = (a: Actor, p: ProgrammeRecord): boolean => p.status !== 'draft' || isOwner(a);

/** True while submissions are possible: the call is open and its deadline (Shanghai time) not yet past. */
export const acceptsPlans = (p: ProgrammeRecord, now: Date): boolean =>
  p.status === 'open' && !isPastDeadline(planDeadlineInstant(p.rules), now);

/**
 * The buttons the UI may show. `eligibleBaseKinds` are the kinds of the bases the caller administers,
 * so `createPlan` is true only for an administrator of a base the year's rules allow to host.
 */
export function programmeAbilities(a: Actor, p: ProgrammeRecord, now: Date, adminBaseKinds: string[]) {
  const owner = isOwner(a);
  const eligible = adminBaseKinds.some((k) => (p.rules.eligibleBaseKinds as readonly string[]).includes(k));
  return {
    edit: owner && p.status === 'draft',
    open: owner && p.status === 'draft',
    close: owner && p.status === 'open',
    createPlan: hasRole(a, 'base_admin') && eligible && acceptsPlans(p, now),
    viewPlans:
      p.status !== 'draft' &&
      (owner || hasRole(a, 'base_admin', 'department_reviewer', 'local_drc')),
    assignReviewers: owner && p.status !== 'draft',
    viewReviewSummary: owner && p.status !== 'draft',
  };
}
