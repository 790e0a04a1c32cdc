/**
 * Response shapes of the API, mirroring the zod schemas in server/modules/<area>/routes.ts.
 * Kept by hand (the web bundle must not import server code); check against /api/openapi.json.
 */
import type { ProgrammeRules } from '../../common/programme-rules.ts';
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

// ---- programmes (server/modules/programmes/schema.ts)

export type ProgrammeStatus = 'draft' | 'open' | 'closed';

export interface Programme {
  id: string;
  year: number;
  name: string;
  status: ProgrammeStatus;
  rules: ProgrammeRules;
  planDeadlineAt: string;
  openedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
  abilities: {
    edit: boolean;
    open: boolean;
    close: boolean;
    createPlan: boolean;
    viewPlans: boolean;
    assignReviewers: boolean;
    viewReviewSummary: boolean;
  };
}

// ---- preliminary plans (server/modules/plans/schema.ts)
export type PlanStatus = 'draft' | 'submitted' | 'returned' | 'withdrawn' | 'selected';

export interface BaseRef {
  id: string;
  name: string;
  shortName: string;
}

export interface PlanSummary {
  id: string;
  programmeId: string;
  programmeYear: number;
  base: BaseRef & { kind: string; regionCode: string };
  status: PlanStatus;
  theme: string | null;
  title: string | null;
  partnerBases: BaseRef[];
  areas: { key: string; name: string | null; description: string }[];
  plannedMonths: number[];
  version: number;
  submittedAt: string | null;
  returnReason: string | null;
  createdAt: string;
  updatedAt: string;
  zishu: number;
  areasCovered: number;
  minContentAreas: number;
  abilities: {
    edit: boolean;
    check: boolean;
    submit: boolean;
    withdraw: boolean;
    return: boolean;
    assignReviewers: boolean;
    viewReviews: boolean;
    viewVersions: boolean;
  };
}

export interface Plan extends PlanSummary {
  body: string | null;
  epidemicMeasures: string | null;
}

export interface PlanContent {
  theme?: string | null;
  title?: string | null;
  body?: string | null;
  partnerBaseIds?: string[];
  areas?: { key: string; description: string }[];
  plannedMonths?: number[];
  epidemicMeasures?: string | null;
}

export interface PlanVersionSummary {
  version: number;
  submittedAt: string;
  submittedBy: { id: string; name: string | null };
}

export interface PlanVersion extends PlanVersionSummary {
  planId: string;
  content: {
    theme: string | null;
    title: string | null;
    body: string | null;
    partnerBaseIds: string[];
    partnerBases: BaseRef[];
    areas: { key: string; description: string }[];
    plannedMonths: number[];
    epidemicMeasures: string | null;
    zishu: number;
    areasCovered: number;
  };
}

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

export interface ReviewerItem {
  id: string;
  name: string;
  organisationId: string;
  organisationName: string;
  departmentCode: Department | null;
}

// ---- theme days (server/modules/themedays/schema.ts)
export interface ThemeDay {
  id: string;
  programmeId: string;
  year: number;
  planId: string;
  title: string;
  theme: string;
  startDate: string;
  endDate: string;
  host: { id: string; name: string; shortName: string; regionCode: string };
  partners: { id: string; name: string; shortName: string }[];
  activityPlan: { status: string | null; dueDate: string; deadline: string };
  abilities: { update: boolean; delete: boolean; readActivityPlan: boolean; editActivityPlan: boolean };
}

export interface Calendar extends Page<ThemeDay> {
  programme: { id: string; year: number; name: string; status: string };
  quota: { hostQuota: number; selected: number; exceeded: boolean };
}

// ---- activity plans (server/modules/activity-plans/schema.ts)
export interface AgendaItem {
  date: string;
  time: string;
  item: string;
  location?: string;
}

export type ActivityPlanStatus = 'none' | 'draft' | 'submitted' | 'returned' | 'approved';

export interface ActivityPlan {
  id: string | null;
  themeDayId: string;
  status: ActivityPlanStatus;
  title: string;
  expectedTitle: string;
  themeDay: {
    id: string;
    title: string;
    theme: string;
    startDate: string;
    endDate: string;
    year: number;
    host: { id: string; name: string; shortName: string };
  };
  agenda: AgendaItem[];
  parts: { key: string; name: string; description: string }[];
  partners: { id: string; name: string; shortName: string }[];
  supportOrganisations: { id: string; name: string }[];
  venue: string;
  headcountLimit: number | null;
  onlineChannel: string;
  epidemicMeasures: string;
  emergencyPlan: string;
  dueDate: string;
  deadline: string;
  overdue: boolean;
  submittedAt: string | null;
  decidedAt: string | null;
  returnReason: string | null;
  issues: { code: string; field?: string; message: string }[];
  abilities: { edit: boolean; submit: boolean; approve: boolean; return: boolean; export: boolean };
}

export interface ActivityPlanBody {
  title: string;
  agenda: AgendaItem[];
  parts: { key: string; description: string }[];
  partnerBaseIds: string[];
  supportOrganisationIds: string[];
  venue: string;
  headcountLimit: number | null;
  onlineChannel: string;
  epidemicMeasures: string;
  emergencyPlan: string;
}

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

// ---- reviews (server/modules/reviews/schema.ts)
export type ReviewStatus = 'assigned' | 'submitted';

export interface ReviewerRef {
  id: string;
  name: string;
  organisationName: string | null;
  department: string | null;
}

export interface PlanRef {
  id: string;
  programmeId: string;
  programmeYear: number;
  title: string | null;
  theme: string | null;
  status: PlanStatus;
  version: number;
  base: BaseRef;
}

export interface Criterion {
  key: string;
  name: string;
  weight: number;
}

export interface Review {
  id: string;
  status: ReviewStatus;
  plan: PlanRef;
  reviewer: ReviewerRef;
  criteria: Criterion[];
  scoreMin: number;
  scoreMax: number;
  scores: Record<string, number>;
  comment: string | null;
  weightedTotal: number | null;
  assignedAt: string;
  submittedAt: string | null;
  abilities: { save: boolean; submit: boolean };
}

export type ReviewListItem = Omit<Review, 'criteria' | 'scoreMin' | 'scoreMax' | 'comment' | 'scores'>;

export interface PlanReview {
  id: string;
  reviewer: ReviewerRef;
  status: ReviewStatus;
  scores: Record<string, number> | null;
  comment: string | null;
  weightedTotal: number | null;
  assignedAt: string;
  submittedAt: string | null;
  mine: boolean;
}

export interface PlanReviews extends Page<PlanReview> {
  othersHidden: boolean;
}

export interface AutoAssignResult {
  created: number;
  assignments: { planId: string; reviewer: ReviewerRef }[];
  understaffed: { planId: string; baseName: string; assigned: number; needed: number }[];
}

export interface SummaryItem {
  plan: PlanRef;
  reviews: { reviewId: string; reviewer: ReviewerRef; status: ReviewStatus; scores: Record<string, number> | null; weightedTotal: number | null }[];
  assigned: number;
  submitted: number;
  mean: number | null;
  spread: number | null;
  rank: number | null;
}

export interface ReviewSummary extends Page<SummaryItem> {
  criteria: Criterion[];
}
