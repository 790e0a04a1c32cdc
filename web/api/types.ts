/**
 * Response shapes of the API, mirroring the zod schemas in server/modules/<area>/routes.ts.
 * Kept by hand (the web bundle must not import server code); check against /api/openapi.json.
 */
import type { BaseKind, Department, OrgKind, Role } from '../../common/roles.ts';

export type NavItem =
  | 'dashboard'
  | 'programmes'
  | 'plans'
  | 'reviews'
  | 'selection'
  | 'activityPlans'
  | 'organisations'
  | 'bases'
  | 'users'
  | 'audit'
  | 'resources'
  | 'demands'
  | 'results'
  | 'docking'
  | 'meetings'
  | 'events'
  | 'roadshows'
  | 'notifications';

export interface Membership {
  id: string;
  organisationId: string;
  organisationName: string;
  organisationKind: string;
  role: Role;
}

export interface Me {
  user: { id: string; name: string; email: string | null; mobile: string | null };
  memberships: Membership[];
  activeOrganisationId: string | null;
  roles: Role[];
  nav: NavItem[];
  csrfToken: string;
}

/** A page of a list; every list endpoint answers with this shape. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface NotificationItem {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage extends Page<NotificationItem> {
  unread: number;
}

export interface AuditEvent {
  id: string;
  at: string;
  actorUserId: string | null;
  actorName: string | null;
  organisationId: string | null;
  organisationName: string | null;
  ip: string | null;
  requestId: string | null;
  entityType: string;
  entityId: string | null;
  action: string;
  before: unknown;
  after: unknown;
}

/** What the caller may do with a record, as decided by the server's policy. */
export type Abilities = Record<string, boolean | undefined>;

// ---- programmes (common/contracts/programmes.ts)

export type ProgrammeStatus = import('../../common/contracts/programmes.ts').ProgrammeStatus;

export type Programme = import('../../common/contracts/programmes.ts').ProgrammeDto;

// ---- preliminary plans (common/contracts/plans.ts)
export type PlanStatus = import('../../common/contracts/plans.ts').PlanStatus;

export type BaseRef = import('../../common/contracts/plans.ts').BaseRef;

export type PlanSummary = import('../../common/contracts/plans.ts').PlanSummary;

export type Plan = import('../../common/contracts/plans.ts').PlanDto;

/** What the editor sends when saving a draft (any subset of the content). */
export type PlanContent = import('zod').input<typeof import('../../common/contracts/plans.ts').PlanContentPatch>;

export type PlanVersionSummary = import('../../common/contracts/plans.ts').VersionSummary;

export type PlanVersion = import('../../common/contracts/plans.ts').Version;

// ---- bases (server/modules/bases/schema.ts)
export interface Base {
  id: string;
  name: string;
  shortName: string;
  kind: BaseKind;
  batch: number;
  regionCode: string;
  regionName: string | null;
  provinceCode: string;
  supervisingDepartment: Department | null;
  organisationId: string | null;
  organisationName: string | null;
  description: string | null;
  createdAt: string;
  updatedAt: string;
  abilities: { edit: boolean; editShortName: boolean; editDescription: boolean };
}

// ---- organisations (server/modules/organisations/schema.ts)
export type UsccStoredStatus = 'valid' | 'needs_manual_verification' | 'manually_verified';
export type SizeClass = 'large' | 'medium' | 'small' | 'micro';

export interface Organisation {
  id: string;
  name: string;
  uscc: string;
  usccStatus: UsccStoredStatus;
  kind: OrgKind;
  regionCode: string | null;
  regionName: string | null;
  industryCode: string | null;
  industryName: string | null;
  sizeClass: SizeClass | null;
  departmentCode: Department | null;
  employees?: number | null;
  revenueWan?: number | null;
  assetsWan?: number | null;
  sizeBasis?: string | null;
  createdAt: string;
  updatedAt: string;
  abilities: { edit: boolean; editIdentity: boolean; verifyUscc: boolean; viewMembers: boolean };
}

export interface UsccCheck {
  status: 'valid' | 'needs_manual_verification' | 'invalid';
  normalized: string;
  reasonCode: string | null;
  message: string | null;
  registeredAs: { id: string; name: string } | null;
}

// ---- users (server/modules/users/schema.ts)
export interface UserMembership {
  id: string;
  organisationId: string;
  organisationName: string;
  organisationKind: OrgKind;
  departmentCode: Department | null;
  role: Role;
  createdAt: string;
}

export interface User {
  id: string;
  name: string;
  email: string | null;
  mobile: string | null;
  disabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
  memberships: UserMembership[];
  abilities: { edit: boolean; disable: boolean; enable: boolean; resetPassword: boolean; manageMemberships: boolean };
}

export type ReviewerItem = import('zod').infer<typeof import('../../common/contracts/users.ts').ReviewerItem>;

// ---- theme days (common/contracts/themedays.ts)
export type ThemeDay = import('../../common/contracts/themedays.ts').ThemeDayView;

export type Calendar = import('../../common/contracts/themedays.ts').CalendarResponse;

// ---- activity plans (common/contracts/activity-plans.ts)
export type AgendaItem = import('../../common/contracts/activity-plans.ts').AgendaItem;

export type ActivityPlanStatus = import('../../common/contracts/themedays.ts').ShownActivityPlanStatus;

export type ActivityPlan = import('../../common/contracts/activity-plans.ts').ActivityPlanView;

/** What the host sends when saving (fields left out take their defaults). */
export type ActivityPlanBody = import('../../common/contracts/activity-plans.ts').ActivityPlanInput;

// ---- public portal (server/modules/public/routes.ts)
export interface PublicProgramme {
  id: string;
  year: number;
  name: string;
  status: string;
  /** Not (yet) in the public API; shown when present. */
  planDeadlineAt?: string;
}

export interface PublicThemeDay {
  id: string;
  year: number;
  title: string;
  theme: string;
  startDate: string;
  endDate: string;
  host: { id: string; name: string; shortName: string; regionCode: string; regionName: string | null; provinceName: string | null };
  partners: { id: string; name: string; shortName: string }[];
}

export interface PublicThemeDayDetail extends PublicThemeDay {
  planPublished: boolean;
  agenda: { date: string; time: string; item: string; location: string | null }[];
  parts: { key: string; name: string; description: string }[];
}

export interface PublicStats {
  year: number;
  bases: number;
  enterpriseBases: number;
  themeDaysThisYear: number;
  upcomingThemeDays: number;
  basesTakingPartThisYear: number;
  themeDaysTotal: number;
}

export interface TodoItem {
  id: string;
  kind: string;
  title: string;
  detail: string;
  dueAt: string | null;
  link: string;
  severity: 'info' | 'warning' | 'danger';
}

export interface TodoList {
  items: TodoItem[];
  total: number;
  dueSoon: number;
}

// ---- reviews (common/contracts/reviews.ts)
export type ReviewStatus = import('../../common/contracts/reviews.ts').ReviewStatus;

export type ReviewerRef = import('../../common/contracts/reviews.ts').ReviewerRef;

export type PlanRef = import('../../common/contracts/reviews.ts').PlanRef;

export type Criterion = import('../../common/contracts/reviews.ts').Criterion;

export type Review = import('../../common/contracts/reviews.ts').ReviewDto;

export type ReviewListItem = import('../../common/contracts/reviews.ts').ReviewListItem;

export type PlanReview = import('../../common/contracts/reviews.ts').PlanReview;

export type PlanReviews = import('../../common/contracts/reviews.ts').PlanReviews;

export type AutoAssignResult = import('../../common/contracts/reviews.ts').AutoAssignResult;

export type SummaryItem = import('../../common/contracts/reviews.ts').SummaryItem;

export type ReviewSummary = import('../../common/contracts/reviews.ts').Summary;
