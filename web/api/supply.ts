/**
 * Types of the open-resources, results and deep-docking APIs (server/modules/{resources,results,docking}),
 * derived from the contracts the server validates with; nothing here is declared by hand.
 */
import type {
  ImportResult as ImportResultView,
  QuotaView,
  RequestView,
  ResourceView,
} from '../../common/contracts/resources.ts';
import type {
  ApplicationView,
  DeclarationView,
  ResultView,
  ReviewerCandidate as ReviewerCandidateView,
  ReviewerList as ReviewerListView,
  ReviewerView,
} from '../../common/contracts/results.ts';
import type { AllianceView, DockingView } from '../../common/contracts/docking.ts';

export type { OrgRef, ThemeDayRef } from '../../common/contracts/common.ts';

export {
  PRICE_MODELS,
  QUOTA_PERIODS,
  REQUEST_STATUSES,
  RESOURCE_STATUSES,
  RESOURCE_TYPES,
} from '../../common/contracts/resources.ts';
import type * as ResourceContract from '../../common/contracts/resources.ts';
export type PriceModel = ResourceContract.PriceModel;
export type QuotaPeriod = ResourceContract.QuotaPeriod;
export type RequestStatus = ResourceContract.RequestStatus;
export type ResourceStatus = ResourceContract.ResourceStatus;
export type ResourceType = ResourceContract.ResourceType;
export {
  APPLICATION_STATUSES,
  RESULT_STATUSES,
  REVIEW_OUTCOMES,
  TRANSFER_MODES,
} from '../../common/contracts/results.ts';
export type { ApplicationStatus, ResultStatus, ReviewOutcome, TransferMode } from '../../common/contracts/results.ts';
export { DOCKING_KINDS } from '../../common/contracts/docking.ts';
export type { DockingKind } from '../../common/contracts/docking.ts';

export type Resource = ResourceView;
export type ResourceQuota = QuotaView;
export type ResourceRequest = RequestView;
export type ImportResult = ImportResultView;

export type Result = ResultView;
export type Declaration = DeclarationView;
export type ConfidentialityReviewer = ReviewerView;
export type ReviewerList = ReviewerListView;
export type ReviewerCandidate = ReviewerCandidateView;
export type ResultApplication = ApplicationView;

export type Alliance = AllianceView;
export type DockingSession = DockingView;
