/**
 * Response shapes of the API, as the pages use them: names aliased to the types of the API contracts
 * (common/contracts/*.ts), so a server change that breaks the web fails `tsc`.
 */
import type { z } from 'zod';
import type { Me as MeView, MeMembership, NavItem as NavItemName } from '../../common/contracts/auth.ts';
import type { Page as PageOf } from '../../common/contracts/common.ts';
import type { NotificationList, NotificationView } from '../../common/contracts/notifications.ts';
import type { AuditEventView } from '../../common/contracts/audit.ts';
import type { ProgrammeDto, ProgrammeStatus as ProgrammeStatusT } from '../../common/contracts/programmes.ts';
import type {
  BaseRef as BaseRefT,
  PlanContentPatch,
  PlanDto,
  PlanStatus as PlanStatusT,
  PlanSummary as PlanSummaryT,
  Version,
  VersionSummary,
} from '../../common/contracts/plans.ts';
import type { Base as BaseView } from '../../common/contracts/bases.ts';
import type {
  Organisation as OrganisationView,
  SizeClass as SizeClassName,
  UsccCheckResult,
  UsccStoredStatus as UsccStored,
} from '../../common/contracts/organisations.ts';
import type {
  Membership as UserMembershipView,
  ReviewerItem as ReviewerItemT,
  User as UserView,
} from '../../common/contracts/users.ts';
import type { CalendarResponse, ShownActivityPlanStatus, ThemeDayView } from '../../common/contracts/themedays.ts';
import type {
  ActivityPlanInput,
  ActivityPlanView,
  AgendaItem as AgendaItemT,
} from '../../common/contracts/activity-plans.ts';
import type {
  PublicProgramme as PublicProgrammeView,
  PublicStats as PublicStatsView,
  PublicThemeDay as PublicThemeDayView,
  PublicThemeDayDetail as PublicThemeDayDetailView,
} from '../../common/contracts/public.ts';
import type { TodoItem as TodoItemView, TodoList as TodoListView } from '../../common/contracts/todo.ts';
import type {
  AutoAssignResult as AutoAssignResultT,
  Criterion as CriterionT,
  PlanRef as PlanRefT,
  PlanReview as PlanReviewT,
  PlanReviews as PlanReviewsT,
  ReviewDto,
  ReviewerRef as ReviewerRefT,
  ReviewListItem as ReviewListItemT,
  ReviewStatus as ReviewStatusT,
  Summary,
  SummaryItem as SummaryItemT,
} from '../../common/contracts/reviews.ts';

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

export type ProgrammeStatus = ProgrammeStatusT;

export type Programme = ProgrammeDto;

// ---- preliminary plans (common/contracts/plans.ts)
export type PlanStatus = PlanStatusT;

export type BaseRef = BaseRefT;

export type PlanSummary = PlanSummaryT;

export type Plan = PlanDto;

/** What the editor sends when saving a draft (any subset of the content). */
export type PlanContent = z.input<typeof PlanContentPatch>;

export type PlanVersionSummary = VersionSummary;

export type PlanVersion = Version;

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

export type ReviewerItem = ReviewerItemT;

// ---- theme days (common/contracts/themedays.ts)
export type ThemeDay = ThemeDayView;

export type Calendar = CalendarResponse;

// ---- activity plans (common/contracts/activity-plans.ts)
export type AgendaItem = AgendaItemT;

export type ActivityPlanStatus = ShownActivityPlanStatus;

export type ActivityPlan = ActivityPlanView;

/** What the host sends when saving (fields left out take their defaults). */
export type ActivityPlanBody = ActivityPlanInput;

// ---- public portal (common/contracts/public.ts)
export type PublicProgramme = PublicProgrammeView;
export type PublicThemeDay = PublicThemeDayView;
export type PublicThemeDayDetail = PublicThemeDayDetailView;
export type PublicStats = PublicStatsView;

// ---- to-do list (common/contracts/todo.ts)
export type TodoItem = TodoItemView;
export type TodoList = TodoListView;

// ---- reviews (common/contracts/reviews.ts)
export type ReviewStatus = ReviewStatusT;

export type ReviewerRef = ReviewerRefT;

export type PlanRef = PlanRefT;

export type Criterion = CriterionT;

export type Review = ReviewDto;

export type ReviewListItem = ReviewListItemT;

export type PlanReview = PlanReviewT;

export type PlanReviews = PlanReviewsT;

export type AutoAssignResult = AutoAssignResultT;

export type SummaryItem = SummaryItemT;

export type ReviewSummary = Summary;
