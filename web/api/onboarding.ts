/** Types of organisation registration, verification and join requests (common/contracts/onboarding.ts). */
export type {
  JoinCandidate,
  JoinRequest,
  JoinRequestStatus,
  OnboardingStatus,
  OrganisationRegistration,
  OrgVerificationStatus,
  RegisteredOrganisation,
  ResubmittedOrganisation,
  VerificationItem,
} from '../../common/contracts/onboarding.ts';
export { JOIN_REQUEST_LABELS, ORG_VERIFICATION_LABELS } from '../../common/contracts/onboarding.ts';
