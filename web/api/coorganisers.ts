/** API types of the coordinating roles (issue 12 §3), from the contract. */
export type {
  BaseAllianceBody,
  BaseAllianceList,
  BaseAllianceView,
  CoorganisationView,
  CoorganiserBody,
  CoorganiserKind,
  CoorganiserPart,
  CoorganiserView,
  DelegationBody,
  DelegationScope,
  DelegationStatus,
  DelegationView,
  ThemeDayPart,
} from '../../common/contracts/coorganisers.ts';
export {
  ALLIANCE_DESCRIPTION_MAX,
  ALLIANCE_NAME_MAX,
  COORGANISER_KIND_LABELS,
  THEME_DAY_PART_LABELS,
  COORGANISER_PARTS,
  DELEGATION_SCOPE_LABELS,
  DELEGATION_SCOPES,
  DELEGATION_STATUS_LABELS,
} from '../../common/contracts/coorganisers.ts';
