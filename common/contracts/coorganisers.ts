/**
 * The coordinating roles around a theme day (issue 12 §3; 417号 三(三)(四)): 双创示范基地联盟 (base alliances
 * with member bases and staff), co-organisers of a theme day with the parts they manage (partner bases named
 * in the approved activity plan, alliances), and support organisations acting for the host by a delegation
 * with a scope (报名、项目征集、宣传推广 — the notice's three) and an expiry.
 */
import { z } from 'zod';
import { CalendarDate, OrgRef } from './common.ts';

// ----- parts and scopes ----------------------------------------------------------------------------------------

/** The parts of a theme day someone besides the host may manage (each matches a content area). */
export const THEME_DAY_PARTS = ['sessions', 'roadshows', 'docking', 'publicity'] as const;
export type ThemeDayPart = (typeof THEME_DAY_PARTS)[number];
/**
 * The parts a co-organiser (partner base, alliance) may be given: sessions (活动场次与报名), roadshows (路演与项目
 * 征集) and docking (the theme day's 需求对接活动). 宣传推广 stays with the host and its delegated support
 * organisations (news goes through the host's review).
 */
export const COORGANISER_PARTS = ['sessions', 'roadshows', 'docking'] as const;
export type CoorganiserPart = (typeof COORGANISER_PARTS)[number];
export const THEME_DAY_PART_LABELS: Record<ThemeDayPart, string> = {
  sessions: '活动场次与报名',
  roadshows: '路演与项目征集',
  docking: '需求对接活动',
  publicity: '宣传推广',
};

/** What a support organisation may be delegated (417号 三(四): 协助做好活动报名、项目征集、宣传推广等工作). */
export const DELEGATION_SCOPES = ['registration', 'project_call', 'publicity'] as const;
export type DelegationScope = (typeof DELEGATION_SCOPES)[number];
export const DELEGATION_SCOPE_LABELS: Record<DelegationScope, string> = {
  registration: '活动报名',
  project_call: '项目征集',
  publicity: '宣传推广',
};
/** The part of the theme day each scope lets a delegate manage. */
export const SCOPE_PART: Record<DelegationScope, ThemeDayPart> = {
  registration: 'sessions',
  project_call: 'roadshows',
  publicity: 'publicity',
};

export const COORGANISER_KINDS = ['base', 'alliance'] as const;
export type CoorganiserKind = (typeof COORGANISER_KINDS)[number];
export const COORGANISER_KIND_LABELS: Record<CoorganiserKind, string> = {
  base: '协办基地',
  alliance: '双创示范基地联盟',
};

// ----- alliances ---------------------------------------------------------------------------------------------------

export const ALLIANCE_NAME_MAX = 60;
export const ALLIANCE_DESCRIPTION_MAX = 1000;

export const BaseAllianceBody = z.object({
  name: z.string().trim().min(1).max(ALLIANCE_NAME_MAX),
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .nullable()
    .default(null),
  description: z.string().trim().max(ALLIANCE_DESCRIPTION_MAX).default(''),
  baseIds: z.array(z.string().min(1).max(100)).max(200).default([]),
  /** Staff by their sign-in e-mail. */
  staffEmails: z.array(z.string().trim().toLowerCase().email().max(200)).max(50).default([]),
});
export type BaseAllianceBody = z.infer<typeof BaseAllianceBody>;

export const BaseAllianceView = z.object({
  id: z.string(),
  name: z.string(),
  regionCode: z.string().nullable(),
  description: z.string(),
  bases: z.array(z.object({ id: z.string(), name: z.string(), shortName: z.string() })),
  staff: z.array(z.object({ id: z.string(), name: z.string(), email: z.string().nullable() })),
  updatedAt: z.string(),
  abilities: z.object({ edit: z.boolean() }),
});
export type BaseAllianceView = z.infer<typeof BaseAllianceView>;

export const BaseAllianceList = z.object({
  items: z.array(BaseAllianceView),
  abilities: z.object({ create: z.boolean() }),
});
export type BaseAllianceList = z.infer<typeof BaseAllianceList>;

// ----- co-organisers and delegations of a theme day ----------------------------------------------------------------

export const CoorganiserBody = z.object({
  kind: z.enum(COORGANISER_KINDS),
  partyId: z.string().min(1).max(100),
  /** An empty list takes the party off the theme day's co-organisers. */
  parts: z.array(z.enum(COORGANISER_PARTS)).max(COORGANISER_PARTS.length),
});
export type CoorganiserBody = z.infer<typeof CoorganiserBody>;

export const DelegationBody = z.object({
  scopes: z.array(z.enum(DELEGATION_SCOPES)).min(1).max(DELEGATION_SCOPES.length),
  /** Last day of the delegation (Asia/Shanghai); it ends at 23:59:59 that day. */
  expiresOn: CalendarDate,
});
export type DelegationBody = z.infer<typeof DelegationBody>;

export const DELEGATION_STATUSES = ['active', 'expired', 'revoked', 'implicit'] as const;
export type DelegationStatus = (typeof DELEGATION_STATUSES)[number];
export const DELEGATION_STATUS_LABELS: Record<DelegationStatus, string> = {
  active: '有效',
  expired: '已过期',
  revoked: '已撤销',
  implicit: '按活动方案（未单独委托）',
};

export const CoorganiserView = z.object({
  kind: z.enum(COORGANISER_KINDS),
  party: OrgRef,
  /** Named in the approved activity plan (partner bases), or assigned by the host (alliances). */
  namedInPlan: z.boolean(),
  parts: z.array(z.enum(COORGANISER_PARTS)),
  updatedAt: z.string().nullable(),
});
export type CoorganiserView = z.infer<typeof CoorganiserView>;

export const DelegationView = z.object({
  organisation: OrgRef,
  namedInPlan: z.boolean(),
  /** The scopes in force: an implicit row (named in the plan, never delegated explicitly) has all three. */
  scopes: z.array(z.enum(DELEGATION_SCOPES)),
  expiresOn: z.string().nullable(),
  status: z.enum(DELEGATION_STATUSES),
  grantedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type DelegationView = z.infer<typeof DelegationView>;

export const CoorganisationView = z.object({
  themeDay: z.object({ id: z.string(), title: z.string(), host: OrgRef }),
  coorganisers: z.array(CoorganiserView),
  delegations: z.array(DelegationView),
  /** Support organisations the host may delegate to (every organisation of kind support_org). */
  supportCandidates: z.array(OrgRef),
  /** Alliances the host may name as co-organisers. */
  allianceCandidates: z.array(OrgRef),
  /** The caller's own parts on this theme day (host: every part). */
  myParts: z.array(z.enum(THEME_DAY_PARTS)),
  abilities: z.object({ manage: z.boolean() }),
});
export type CoorganisationView = z.infer<typeof CoorganisationView>;
