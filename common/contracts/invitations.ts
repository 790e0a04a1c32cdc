/**
 * Invitations to a theme day and the administrators' bulk import of people and organisations (issue 12 §1).
 *
 * An invitation goes to an e-mail address or a mobile number; its link (/invite/<token>) shows the theme day,
 * lets the person sign in or sign up, and lands them on the theme day. Only the token's hash is stored.
 */
import { z } from 'zod';

export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];
export const INVITATION_STATUS_LABELS: Record<InvitationStatus, string> = {
  pending: '待接受',
  accepted: '已接受',
  revoked: '已撤销',
  expired: '已过期',
};

export const INVITATION_DELIVERY_STATUSES = ['queued', 'sent', 'logged', 'failed'] as const;
export type InvitationDeliveryStatus = (typeof INVITATION_DELIVERY_STATUSES)[number];
export const INVITATION_DELIVERY_LABELS: Record<InvitationDeliveryStatus, string> = {
  queued: '发送中',
  sent: '已发送',
  logged: '已记录（开发环境未实际发送）',
  failed: '发送失败',
};

/** An invitation is valid for 14 days. */
export const INVITATION_TTL_DAYS = 14;
/** Rows of one invitation upload. */
export const INVITATION_IMPORT_MAX_ROWS = 500;
/** Rows of one administrator's import. */
export const ADMIN_IMPORT_MAX_ROWS = 1000;

/** One invitation: a mobile number or e-mail address, and optionally the person's name. */
export const InvitationBody = z.object({
  identifier: z.string().trim().min(1).max(200),
  name: z.string().trim().max(50).optional(),
});
export type InvitationBody = z.infer<typeof InvitationBody>;

export const Invitation = z.object({
  id: z.string(),
  themeDayId: z.string(),
  channel: z.enum(['email', 'sms']),
  address: z.string(),
  name: z.string().nullable(),
  status: z.enum(INVITATION_STATUSES),
  expiresAt: z.string(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  acceptedByName: z.string().nullable(),
  revokedAt: z.string().nullable(),
  delivery: z.enum(INVITATION_DELIVERY_STATUSES),
  deliveryError: z.string().nullable(),
  abilities: z.object({ revoke: z.boolean() }),
});
export type Invitation = z.infer<typeof Invitation>;

/** The theme day's invitations (newest first) and whether the caller may invite. */
export const InvitationList = z.object({
  themeDay: z.object({ id: z.string(), title: z.string(), startDate: z.string(), endDate: z.string() }),
  items: z.array(Invitation),
  abilities: z.object({ invite: z.boolean() }),
});
export type InvitationList = z.infer<typeof InvitationList>;

/** `created: false` when the address already had a pending invitation (nothing new is sent). */
export const InvitationCreated = z.object({ invitation: Invitation, created: z.boolean() });
export type InvitationCreated = z.infer<typeof InvitationCreated>;

export const InvitationImportResult = z.object({ created: z.number().int(), existing: z.number().int() });
export type InvitationImportResult = z.infer<typeof InvitationImportResult>;

/** The token from the link; looking up and accepting send it in the body (it stays out of URLs in logs). */
export const InvitationTokenBody = z.object({ token: z.string().trim().min(16).max(200) });
export type InvitationTokenBody = z.infer<typeof InvitationTokenBody>;

/** What the invitation page shows (public: the theme day is public too). */
export const InvitationLanding = z.object({
  status: z.enum(INVITATION_STATUSES),
  themeDay: z.object({
    id: z.string(),
    title: z.string(),
    theme: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    hostName: z.string(),
  }),
  /** The invited address, partly masked (138****8000, a***@example.com). */
  sentTo: z.string(),
  channel: z.enum(['email', 'sms']),
  expiresAt: z.string(),
  /** Signed in and this is the account that accepted it. */
  acceptedByMe: z.boolean(),
});
export type InvitationLanding = z.infer<typeof InvitationLanding>;

export const InvitationAccepted = z.object({ themeDayId: z.string(), alreadyAccepted: z.boolean() });
export type InvitationAccepted = z.infer<typeof InvitationAccepted>;

/** The administrators' import: how many rows became records. */
export const AdminImportResult = z.object({ created: z.number().int() });
export type AdminImportResult = z.infer<typeof AdminImportResult>;

export const INVITATION_TEMPLATE_HEADERS = ['手机号或邮箱', '姓名'] as const;
export const ORGANISATION_IMPORT_HEADERS = [
  '机构名称',
  '统一社会信用代码',
  '机构类型',
  '行政区划代码',
  '行业代码',
  '从业人员（人）',
  '营业收入（万元）',
  '资产总额（万元）',
] as const;
export const PEOPLE_IMPORT_HEADERS = ['姓名', '邮箱', '手机号', '所属机构统一社会信用代码', '角色'] as const;
