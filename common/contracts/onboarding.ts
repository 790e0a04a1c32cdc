/**
 * Issue 12 §1: registering an organisation, its verification and requests to join one. A self-registered
 * organisation starts `unverified` (it may register for events and answer surveys, not publish) until NDRC, the
 * system administrator or the local DRC of its province verifies it; others join it by request, which its
 * administrators approve.
 */
import { z } from 'zod';
import { ORG_KINDS } from '../roles.ts';
import { listOf, pagingQuery } from './common.ts';
import { OrganisationCreate } from './organisations.ts';

export const ORG_VERIFICATION_STATUSES = ['unverified', 'verified', 'rejected'] as const;
export type OrgVerificationStatus = (typeof ORG_VERIFICATION_STATUSES)[number];
export const ORG_VERIFICATION_LABELS: Record<OrgVerificationStatus, { zh: string; en: string }> = {
  unverified: { zh: '待审核', en: 'Awaiting verification' },
  verified: { zh: '已审核', en: 'Verified' },
  rejected: { zh: '未通过', en: 'Rejected' },
};

export const JOIN_REQUEST_STATUSES = ['pending', 'approved', 'declined'] as const;
export type JoinRequestStatus = (typeof JOIN_REQUEST_STATUSES)[number];
export const JOIN_REQUEST_LABELS: Record<JoinRequestStatus, { zh: string; en: string }> = {
  pending: { zh: '待处理', en: 'Pending' },
  approved: { zh: '已同意', en: 'Approved' },
  declined: { zh: '已拒绝', en: 'Declined' },
};

/** A person registers their own organisation: the register's profile without the 指导部门 (set by NDRC only). */
export const OrganisationRegistration = OrganisationCreate.omit({ departmentCode: true });
export type OrganisationRegistration = z.infer<typeof OrganisationRegistration>;

/** The result of correcting a rejected organisation's details and resubmitting it: awaiting verification again. */
export const ResubmittedOrganisation = z.object({
  id: z.string(),
  name: z.string(),
  verificationStatus: z.enum(ORG_VERIFICATION_STATUSES),
});
export type ResubmittedOrganisation = z.infer<typeof ResubmittedOrganisation>;

/** The registered organisation as its registrant sees it. */
export const RegisteredOrganisation = z.object({
  id: z.string(),
  name: z.string(),
  verificationStatus: z.enum(ORG_VERIFICATION_STATUSES),
  membershipId: z.string(),
});
export type RegisteredOrganisation = z.infer<typeof RegisteredOrganisation>;

/** One organisation in the verification queue, with what the verifier needs to decide. */
export const VerificationItem = z.object({
  id: z.string(),
  name: z.string(),
  uscc: z.string(),
  usccStatus: z.enum(['valid', 'needs_manual_verification', 'manually_verified']),
  kind: z.enum(ORG_KINDS),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  industryName: z.string().nullable(),
  employees: z.number().nullable(),
  revenueWan: z.number().nullable(),
  assetsWan: z.number().nullable(),
  verificationStatus: z.enum(ORG_VERIFICATION_STATUSES),
  rejectionReason: z.string().nullable(),
  registeredBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  verifiedAt: z.string().nullable(),
  createdAt: z.string(),
  abilities: z.object({ decide: z.boolean() }),
});
export type VerificationItem = z.infer<typeof VerificationItem>;

export const VerificationQueueQuery = z.object({
  ...pagingQuery({ order: 'asc' }),
  status: z.enum(ORG_VERIFICATION_STATUSES).default('unverified'),
});
export type VerificationQueueQuery = z.infer<typeof VerificationQueueQuery>;
export const VerificationList = listOf(VerificationItem);
export type VerificationList = z.infer<typeof VerificationList>;

/** Approve, or reject with the reason the registrant reads. */
export const VerificationDecision = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve') }),
  z.object({ decision: z.literal('reject'), reason: z.string().trim().min(2).max(500) }),
]);
export type VerificationDecision = z.infer<typeof VerificationDecision>;

/** Finding an organisation to join: by its exact credit code or a part of its name. */
export const JoinSearchQuery = z.object({ q: z.string().trim().min(2).max(100) });
export type JoinSearchQuery = z.infer<typeof JoinSearchQuery>;
export const JoinCandidate = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(ORG_KINDS),
  regionName: z.string().nullable(),
  verificationStatus: z.enum(ORG_VERIFICATION_STATUSES),
});
export type JoinCandidate = z.infer<typeof JoinCandidate>;
export const JoinCandidateList = z.object({ items: z.array(JoinCandidate) });

export const JoinRequestCreate = z.object({
  organisationId: z.string().min(1).max(100),
  message: z.string().trim().max(500).optional(),
});
export type JoinRequestCreate = z.infer<typeof JoinRequestCreate>;

export const JoinRequest = z.object({
  id: z.string(),
  organisation: z.object({ id: z.string(), name: z.string() }),
  requester: z.object({
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    mobile: z.string().nullable(),
  }),
  message: z.string().nullable(),
  status: z.enum(JOIN_REQUEST_STATUSES),
  decisionNote: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  abilities: z.object({ decide: z.boolean() }),
});
export type JoinRequest = z.infer<typeof JoinRequest>;

export const JoinRequestQuery = z.object({
  ...pagingQuery({ order: 'desc' }),
  status: z.enum(JOIN_REQUEST_STATUSES).optional(),
});
export type JoinRequestQuery = z.infer<typeof JoinRequestQuery>;
export const JoinRequestList = listOf(JoinRequest);
export type JoinRequestList = z.infer<typeof JoinRequestList>;

export const JoinRequestDecision = z.object({
  decision: z.enum(['approve', 'decline']),
  note: z.string().trim().max(500).optional(),
});
export type JoinRequestDecision = z.infer<typeof JoinRequestDecision>;

/** Where the caller stands: their organisations' verification and their own join requests. */
export const OnboardingStatus = z.object({
  organisations: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      verificationStatus: z.enum(ORG_VERIFICATION_STATUSES),
      rejectionReason: z.string().nullable(),
      orgAdmin: z.boolean(),
      /**
       * Only for its administrators while it is rejected: its registered details, to correct and resubmit
       * (POST /onboarding/organisations/:id/resubmit).
       */
      registration: OrganisationRegistration.optional(),
    }),
  ),
  joinRequests: z.array(JoinRequest),
});
export type OnboardingStatus = z.infer<typeof OnboardingStatus>;
