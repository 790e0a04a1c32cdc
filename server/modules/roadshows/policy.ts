/**
 * Who may see and do what in a roadshow.
 *
 * - A roadshow is seen by whoever may see its session (every signed-in user of a published programme).
 * - The roadshow staff — whoever manages the theme day's 'roadshows' part (themedays/policy.ts `canManagePart`:
 *   the host's base administrators, a co-organiser given the part, a support organisation delegated 项目征集 or
 *   named in the activity plan without an explicit delegation) — set it up, screen projects, set the lineup,
 *   invite judges, open and close scoring, watch the live ranking and export the scores (`staff`, from
 *   access.ts `loadSession`).
 * - Projects: the staff see all, an applicant their own, everyone else the accepted ones (the lineup). The
 *   business plan goes to the staff, the applicant and the judges (of accepted projects).
 * - Invited judges (`judge`: the caller's invitation) score the accepted projects while scoring is open.
 * - The ranking is the staff's until scoring closes; then it is published to everyone.
 */
import type { Actor } from '../../lib/context.ts';
import type { JudgeRow, ProjectRow, RoadshowRow } from './repository.ts';
import type { ProjectView, RoadshowAbilities } from '../../../common/contracts/roadshows.ts';

export const isApplicant = (a: Actor | null, p: Pick<ProjectRow, 'applicant_user_id'>): boolean =>
  !!a && p.applicant_user_id === a.userId;

/** Staff see every project, the applicant their own, everyone else the accepted ones. */
export const canSeeProject = (
  a: Actor | null,
  staff: boolean,
  p: Pick<ProjectRow, 'applicant_user_id' | 'status'>,
): boolean => staff || isApplicant(a, p) || p.status === 'accepted';

export const canDownloadBusinessPlan = (
  a: Actor | null,
  staff: boolean,
  judge: JudgeRow | undefined,
  p: Pick<ProjectRow, 'applicant_user_id' | 'status'>,
): boolean => staff || isApplicant(a, p) || (!!judge && p.status === 'accepted');

/** The staff watch the ranking live; everyone else once the results are published (scoring closed). */
export const canViewRanking = (staff: boolean, r: Pick<RoadshowRow, 'status'>): boolean =>
  staff || r.status === 'closed';

export function roadshowAbilities(
  staff: boolean,
  judge: JudgeRow | undefined,
  r: Pick<RoadshowRow, 'status'>,
): RoadshowAbilities {
  const collecting = r.status === 'collecting';
  return {
    edit: staff && r.status !== 'closed',
    apply: collecting,
    screen: staff && collecting,
    setLineup: staff && r.status !== 'closed',
    inviteJudges: staff && r.status !== 'closed',
    openScoring: staff && collecting,
    score: !!judge && r.status === 'scoring',
    viewRanking: canViewRanking(staff, r),
    close: staff && r.status === 'scoring',
    export: staff,
  };
}

export function projectAbilities(
  a: Actor | null,
  staff: boolean,
  judge: JudgeRow | undefined,
  r: Pick<RoadshowRow, 'status'>,
  p: Pick<ProjectRow, 'applicant_user_id' | 'status'>,
): ProjectView['abilities'] {
  return {
    screen: staff && r.status === 'collecting',
    score: !!judge && p.status === 'accepted' && r.status === 'scoring',
    downloadBusinessPlan: canDownloadBusinessPlan(a, staff, judge, p),
  };
}
