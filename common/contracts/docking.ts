/** Zod schemas of the deep-docking API (创新主体深度对接): alliances, expert seminars and supply–demand docking sessions. */
import { z } from 'zod';
import { FieldCode } from './results.ts';
import { CalendarDate, OrgRef, Paging, ThemeDayRef, listOf, LocalDateTime } from './common.ts';
import { httpUrl } from './text.ts';

/** An organisation is a member only once it accepts the founder's invitation (issue 15: consent). */
export const ALLIANCE_MEMBER_STATUSES = ['invited', 'accepted', 'declined'] as const;
export type AllianceMemberStatus = (typeof ALLIANCE_MEMBER_STATUSES)[number];
export const ALLIANCE_MEMBER_STATUS_LABELS: Record<AllianceMemberStatus, string> = {
  invited: '待确认',
  accepted: '已加入',
  declined: '已谢绝',
};

export const AllianceMemberInput = z.object({
  organisationId: z.string().min(1).max(100),
  role: z.string().trim().min(1).max(100).default('成员单位'),
});
export type AllianceMemberInput = z.infer<typeof AllianceMemberInput>;
export const AllianceMemberParams = z.object({ id: z.string().max(100), organisationId: z.string().max(100) });
export type AllianceMemberParams = z.infer<typeof AllianceMemberParams>;
export const AllianceBody = z.object({
  name: z.string().trim().min(2).max(200),
  fieldCode: FieldCode.nullable().optional(),
  charter: z.string().trim().min(1).max(20_000),
  themeDayId: z.string().min(1).max(100).nullable().optional(),
  members: z.array(AllianceMemberInput).max(200).default([]),
});
export type AllianceBody = z.infer<typeof AllianceBody>;
export type AllianceInput = z.input<typeof AllianceBody>;
export const AllianceUpdateBody = z.object({
  name: z.string().trim().min(2).max(200).optional(),
  charter: z.string().trim().min(1).max(20_000).optional(),
});
export type AllianceUpdateBody = z.infer<typeof AllianceUpdateBody>;
export const AllianceView = z.object({
  id: z.string(),
  founder: OrgRef,
  themeDay: ThemeDayRef,
  name: z.string(),
  fieldCode: z.string().nullable(),
  charter: z.string(),
  /** Accepted members only: an invitation is not a membership. */
  members: z.array(z.object({ organisation: OrgRef, role: z.string(), joinedAt: z.string() })),
  /** Invitations not (yet) accepted — shown to the founder only (empty for everyone else). */
  invitations: z.array(
    z.object({
      organisation: OrgRef,
      role: z.string(),
      status: z.enum(['invited', 'declined']),
      statusLabel: z.string(),
      invitedAt: z.string(),
      respondedAt: z.string().nullable(),
    }),
  ),
  /** The caller's active organisation's pending invitation to this alliance, if any. */
  myInvitation: z.object({ role: z.string(), invitedAt: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({
    edit: z.boolean(),
    manageMembers: z.boolean(),
    /** Accept or decline the invitation of the caller's organisation. */
    respond: z.boolean(),
    /** Leave the alliance (a member that is not the founder). */
    leave: z.boolean(),
  }),
});
export type AllianceView = z.infer<typeof AllianceView>;
export const AllianceListQuery = z.object({
  fieldCode: z.string().max(10).optional(),
  themeDayId: z.string().max(100).optional(),
  organisationId: z.string().max(100).optional(),
  sort: z.enum(['createdAt', 'name']).default('createdAt'),
  ...Paging,
});
export type AllianceListQuery = z.infer<typeof AllianceListQuery>;
export const AllianceList = listOf(AllianceView);
export type AllianceList = z.infer<typeof AllianceList>;

export const DOCKING_KINDS = ['seminar', 'supply_demand'] as const;
export type DockingKind = (typeof DOCKING_KINDS)[number];
export const DOCKING_KIND_LABELS: Record<DockingKind, string> = { seminar: '专家研讨会', supply_demand: '供需对接会' };
export const AgendaItem = z.object({ time: z.string().trim().min(1).max(50), item: z.string().trim().min(1).max(500) });
export type AgendaItem = z.infer<typeof AgendaItem>;
export const DockingBody = z.object({
  kind: z.enum(DOCKING_KINDS),
  title: z.string().trim().min(2).max(200),
  description: z.string().trim().max(10_000).nullable().optional(),
  agenda: z.array(AgendaItem).min(1, '请至少填写一项议程').max(100),
  /** Beijing wall-clock times. */
  startsAt: LocalDateTime,
  endsAt: LocalDateTime,
  venue: z.string().trim().max(500).nullable().optional(),
  onlineLink: httpUrl(1000).nullable().optional(),
  themeDayId: z.string().min(1).max(100).nullable().optional(),
});
export type DockingBody = z.infer<typeof DockingBody>;
export const DockingUpdateBody = DockingBody.partial().extend({
  /** Hook for registration: the event session (same theme day) that takes sign-ups; null to unlink. */
  eventSessionId: z.string().min(1).max(100).nullable().optional(),
});
export type DockingUpdateBody = z.infer<typeof DockingUpdateBody>;
export const DockingView = z.object({
  id: z.string(),
  organiser: OrgRef,
  themeDay: ThemeDayRef,
  kind: z.enum(DOCKING_KINDS),
  kindLabel: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  agenda: z.array(AgendaItem),
  startsAt: z.string(),
  endsAt: z.string(),
  venue: z.string().nullable(),
  onlineLink: z.string().nullable(),
  /** Where sign-ups happen (the events module), or null while the session takes no registration. */
  registration: z.object({ eventSessionId: z.string(), path: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ edit: z.boolean() }),
});
export type DockingView = z.infer<typeof DockingView>;
export const DockingListQuery = z.object({
  kind: z.enum(DOCKING_KINDS).optional(),
  themeDayId: z.string().max(100).optional(),
  organisationId: z.string().max(100).optional(),
  /** Sessions starting on/after this Beijing date. */
  from: CalendarDate.optional(),
  sort: z.enum(['startsAt', 'createdAt', 'title']).default('startsAt'),
  ...Paging,
});
export type DockingListQuery = z.infer<typeof DockingListQuery>;
export const DockingList = listOf(DockingView);
export type DockingList = z.infer<typeof DockingList>;
