/**
 * Types of the third-party evaluation API (server/modules/evaluation), derived from common/contracts/evaluation.ts;
 * nothing here is declared by hand.
 */
export type {
  CommissionInput,
  ContentFigures,
  EvaluationAbilities,
  EvaluationList,
  EvaluationStatus,
  EvaluationView,
  HeadcountFigures,
  Indicator,
  IndicatorsView,
  ParticipationFigures,
  SatisfactionFigures,
  ScoresInput,
  ScoreView,
  SessionHeadcount,
  ThemeDayIndicators,
} from '../../common/contracts/evaluation.ts';
export {
  DEFAULT_INDICATORS,
  EVALUATION_STATUS_LABELS,
  KNOWN_INDICATOR_LABELS,
  SCORE_MAX,
} from '../../common/contracts/evaluation.ts';
