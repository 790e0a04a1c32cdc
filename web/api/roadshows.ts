/**
 * Types of the roadshow and exhibition-hall APIs, derived from their contracts (common/contracts/roadshows.ts,
 * common/contracts/exhibition.ts); names kept for the pages.
 */
import type {
  Criterion as CriterionSchema,
  JudgeCandidate as JudgeCandidateView,
  JudgeView,
  MyProject as MyProjectView,
  MyScore as MyScoreView,
  ProjectStatus as ProjectStatusT,
  ProjectView,
  PublicRoadshow as PublicRoadshowView,
  Ranking as RankingView,
  RankingItem as RankingItemView,
  RoadshowStatus as RoadshowStatusT,
  RoadshowSummary as RoadshowSummaryView,
  RoadshowView,
  SessionRef as SessionRefView,
  Stage as StageT,
  StaffThemeDay as StaffThemeDayView,
} from '../../common/contracts/roadshows.ts';
import type {
  BoothList,
  BoothStatus as BoothStatusT,
  BoothView,
  ContactRequestStatus,
  ContactRequestView,
  ItemType,
} from '../../common/contracts/exhibition.ts';

export { STAGES } from '../../common/contracts/roadshows.ts';

export type RoadshowStatus = RoadshowStatusT;
export type ProjectStatus = ProjectStatusT;
export type Stage = StageT;
export type Criterion = CriterionSchema;
export type Roadshow = RoadshowView;
export type SessionRef = SessionRefView;
export type RoadshowSummary = RoadshowSummaryView;
export type MyScore = MyScoreView;
export type Project = ProjectView;
export type Judge = JudgeView;
export type JudgeCandidate = JudgeCandidateView;
export type RankingItem = RankingItemView;
export type Ranking = RankingView;
export type MyProject = MyProjectView;
export type StaffThemeDay = StaffThemeDayView;
export type PublicRoadshow = PublicRoadshowView;

export type BoothItemType = ItemType;
export type BoothStatus = BoothStatusT;
export type ContactStatus = ContactRequestStatus;
export type Booth = BoothView;
export type ContactRequest = ContactRequestView;
export type BoothPage = BoothList;
