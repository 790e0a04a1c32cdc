/**
 * Response shapes of the API, mirroring the zod schemas in server/modules/<area>/routes.ts.
 * Kept by hand (the web bundle must not import server code); check against /api/openapi.json.
 */
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

// ---- public portal (common/contracts/public.ts)
export type PublicProgramme = PublicProgrammeView;
export type PublicThemeDay = PublicThemeDayView;
export type PublicThemeDayDetail = PublicThemeDayDetailView;
export type PublicStats = PublicStatsView;

// ---- to-do list (common/contracts/todo.ts)
export type TodoItem = TodoItemView;
export type TodoList = TodoListView;

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
