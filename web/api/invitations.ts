/** Types of invitations and the administrators' bulk import (common/contracts/invitations.ts). */
export type {
  AdminImportResult,
  Invitation,
  InvitationAccepted,
  InvitationBody,
  InvitationCreated,
  InvitationImportResult,
  InvitationLanding,
  InvitationList,
  InvitationStatus,
} from '../../common/contracts/invitations.ts';
export { INVITATION_DELIVERY_LABELS, INVITATION_STATUS_LABELS } from '../../common/contracts/invitations.ts';
