/**
 * Who may see and do what with a third-party evaluation (issue 11 §2). Everyone else gets 404.
 *
 * - NDRC (programme owner) commissions evaluations, reads every one and accepts a submitted one.
 * - The evaluator's people (role `evaluator` in the commissioned organisation, as their active organisation)
 *   read their evaluations and the indicators of the theme days in scope, score and conclude until they submit.
 */
import type { EvaluationAbilities, EvaluationStatus } from '../../../common/contracts/evaluation.ts';
import type { Actor } from '../../lib/context.ts';
import { hasRole, isOwner } from '../../lib/policy.ts';

export interface EvaluationFacts {
  evaluatorOrganisationId: string;
  status: EvaluationStatus;
}

export const canCommission = (a: Actor | null): boolean => isOwner(a);

export const isEvaluatorOf = (a: Actor | null, e: EvaluationFacts): boolean =>
  !!a && hasRole(a, 'evaluator') && a.organisationId === e.evaluatorOrganisationId;

export const canSeeEvaluation = (a: Actor | null, e: EvaluationFacts): boolean => isOwner(a) || isEvaluatorOf(a, e);

export const isOpen = (s: EvaluationStatus): boolean => s === 'commissioned' || s === 'in_progress';

export const canScore = (a: Actor | null, e: EvaluationFacts): boolean => isEvaluatorOf(a, e) && isOpen(e.status);

export const canAccept = (a: Actor | null, e: EvaluationFacts): boolean => isOwner(a) && e.status === 'submitted';

export const evaluationAbilities = (a: Actor | null, e: EvaluationFacts): EvaluationAbilities => ({
  score: canScore(a, e),
  submit: canScore(a, e),
  accept: canAccept(a, e),
});
