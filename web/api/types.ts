/**
 * Response shapes of the API, mirroring the zod schemas in server/modules/<area>/routes.ts.
 * Kept by hand (the web bundle must not import server code); check against /api/openapi.json.
 */
import type { ProgrammeRules } from '../../common/programme-rules.ts';
import type { BaseKind, Department, OrgKind, Role } from '../../common/roles.ts';
// The directory, sign-in, portal, to-do, notification and audit shapes come from the API contracts
// (common/contracts/*.ts), so a server change that breaks the web fails `tsc`.
import type { Me as MeView, MeMembership, NavItem as NavItemName } from '../../common/contracts/auth.ts';
import type { Page as PageOf } from '../../common/contracts/common.ts';
import type { NotificationList, NotificationView } from '../../common/contracts/notifications.ts';
import type { AuditEventView } from '../../common/contracts/audit.ts';
import type { Base as BaseView } from '../../common/contracts/bases.ts';
import type {
  Organisation as OrganisationView, SizeClass as SizeClassName, UsccCheckResult, UsccStoredStatus as UsccStored,
} from '../../common/contracts/organisations.ts';
import type { Membership as UserMembershipView, User as UserView } from '../../common/contracts/users.ts';
import type {
  PublicProgramme as PublicProgrammeView, PublicStats as PublicStatsView, PublicThemeDay as PublicThemeDayView,
  PublicThemeDayDetail as PublicThemeDayDetailView,
} from '../../common/contracts/public.ts';
import type { TodoItem as TodoItemView, TodoList as TodoListView } from '../../common/contracts/todo.ts';

export type NavItem = NavItemName;
export type Membership = MeMembership;
export type Me = MeView;

/** A page of a list; every list endpoint answers with this shape. */
export type Page<T> = PageOf<T>;

export type NotificationItem = NotificationView;
export type NotificationPage = NotificationList;
export type AuditEvent = AuditEventView;

/**
 * Client-side helper, not an API shape: any record's `abilities` object (what the caller may do with
 * it, as decided by the server's policy), for components that take abilities of any kind.
 */
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

// ---- bases (common/contracts/bases.ts)
export type Base = BaseView;

// ---- organisations (common/contracts/organisations.ts)
export type UsccStoredStatus = UsccStored;
export type SizeClass = SizeClassName;
export type Organisation = OrganisationView;
export type UsccCheck = UsccCheckResult;

// ---- users (common/contracts/users.ts)
export type UserMembership = UserMembershipView;
export type User = UserView;

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

// ---- public portal (common/contracts/public.ts)
export type PublicProgramme = PublicProgrammeView;
export type PublicThemeDay = PublicThemeDayView;
export type PublicThemeDayDetail = PublicThemeDayDetailView;
export type PublicStats = PublicStatsView;

// ---- to-do list (common/contracts/todo.ts)
export type TodoItem = TodoItemView;
export type TodoList = TodoListView;

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
