/**
 * Who may do what with a programme. The owner (NDRC) sees drafts; everybody signed in sees open and
 * closed programmes (the call and its rules are public to the bases it concerns).
 */
import type { Actor } from '../../lib/context.ts';
import { hasRole, isOwner } from '../../lib/policy.ts';
import { isPastDeadline } from '../../../common/time.ts';
import { planDeadlineInstant } from '../../../common/programme-rules.ts';
import type { ProgrammeAbilities } from '../../../common/contracts/programmes.ts';
import type { ProgrammeRecord } from './repository.ts';

/** Drafts exist only for the owner. */
export const canSeeProgramme = (actor: Actor | null, p: Pick<ProgrammeRecord, 'status'>): boolean =>
  p.status !== 'draft' || isOwner(actor);

/** True while submissions are possible: the call is open and its deadline (Shanghai time) not yet past. */
export const acceptsPlans = (p: Pick<ProgrammeRecord, 'status' | 'rules'>, now: Date): boolean =>
  p.status === 'open' && !isPastDeadline(planDeadlineInstant(p.rules), now);

/**
 * The buttons the UI may show. `adminBaseKinds` are the kinds of the caller's bases without a plan yet
 * (a record-side fact, programmes/repository.ts baseKindsWithoutPlan), so `createPlan` is true only for
 * an administrator of a base the year's rules allow to host.
 */
export function programmeAbilities(
  actor: Actor | null,
  p: ProgrammeRecord,
  now: Date,
  adminBaseKinds: readonly string[],
): ProgrammeAbilities {
  const owner = isOwner(actor);
  const eligible = adminBaseKinds.some((k) => p.rules.eligibleBaseKinds.some((e) => e === k));
  return {
    edit: owner && p.status === 'draft',
    open: owner && p.status === 'draft',
    close: owner && p.status === 'open',
    reopen: owner && p.status === 'closed' && !isPastDeadline(planDeadlineInstant(p.rules), now),
    createPlan: hasRole(actor, 'base_admin') && eligible && acceptsPlans(p, now),
    viewPlans:
      p.status !== 'draft' &&
      (owner || hasRole(actor, 'base_admin', 'department_reviewer', 'local_drc', 'base_supervisor')),
    assignReviewers: owner && p.status !== 'draft',
    viewReviewSummary: owner && p.status !== 'draft',
  };
}
