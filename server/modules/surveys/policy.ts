/**
 * Who may see and do what with satisfaction surveys (issue 11 §1). Everyone else gets 404.
 *
 * - NDRC (programme owner) owns the core instrument, opens, closes and reads every survey.
 * - The host base's administrators open their theme day's survey, add their own questions after the core
 *   ones (until the first answer arrives), invite late-found participants, close it and read its results.
 * - An evaluator reads the results of the theme days in scope of the evaluations commissioned from its
 *   organisation (server/lib/evaluated.ts), nothing else.
 * - A department reviewer reads the surveys of theme days hosted by bases it supervises; a local DRC those of
 *   host bases in its province.
 * Respondents never sign in: their link is their credential (routes under /api/public/surveys).
 */
import type { Actor } from '../../lib/context.ts';
import { hasRole, isLocalDrcFor, isOwner } from '../../lib/policy.ts';
import type { SurveyAbilities } from '../../../common/contracts/surveys.ts';
import type { ThemeDayFacts } from '../projects/repository.ts';
import { isHostStaff } from '../projects/policy.ts';

export { isHostStaff };

/** Caller-side facts not on the Actor: the department of the caller's active organisation. */
export interface CallerFacts {
  departmentCode: string | null;
  /** The theme days the caller evaluates (empty unless it acts as an evaluator). */
  evaluatedThemeDayIds: readonly string[];
}

/** Reads a theme day's survey and its results. */
export function canSeeSurveys(a: Actor | null, td: ThemeDayFacts, c: CallerFacts): boolean {
  if (!a) return false;
  if (isOwner(a) || isHostStaff(a, td)) return true;
  if (hasRole(a, 'evaluator') && c.evaluatedThemeDayIds.includes(td.id)) return true;
  if (hasRole(a, 'department_reviewer') && !!c.departmentCode && td.hostDepartment === c.departmentCode) return true;
  return isLocalDrcFor(a, td.hostRegionCode);
}

/** Opens (and closes, and invites more to) a theme day's survey. */
export const canRunSurvey = (a: Actor | null, td: ThemeDayFacts): boolean => isOwner(a) || isHostStaff(a, td);

/** Publishes a new version of the core instrument. */
export const canPublishInstrument = (a: Actor | null): boolean => isOwner(a);

export function surveyAbilities(
  a: Actor | null,
  td: ThemeDayFacts,
  s: { status: 'open' | 'closed'; answers: number },
  c: CallerFacts,
): SurveyAbilities {
  const open = s.status === 'open';
  return {
    editQuestions: open && s.answers === 0 && isHostStaff(a, td),
    inviteMore: open && canRunSurvey(a, td),
    close: open && canRunSurvey(a, td),
    seeResults: canSeeSurveys(a, td, c),
  };
}
