/** Zod schemas of the theme-day API (selection, rescheduling, the year calendar). */
import { z } from 'zod';
import { CalendarDate, pagingQuery } from './common.ts';
import { ProgrammeStatus } from './programmes.ts';

/**
 * The statuses a saved activity plan goes through (activity-plans contract). Declared here because the
 * theme day reports its plan's status and contracts/activity-plans.ts already imports this file.
 */
export const ACTIVITY_PLAN_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const;
export type ActivityPlanStatus = (typeof ACTIVITY_PLAN_STATUSES)[number];
/** As shown: 'none' while nothing has been saved yet. */
export const ShownActivityPlanStatus = z.enum(['none', ...ACTIVITY_PLAN_STATUSES]);
export type ShownActivityPlanStatus = z.infer<typeof ShownActivityPlanStatus>;

/** A real calendar date 'YYYY-MM-DD' (the shared `CalendarDate`). */
export const DateString = CalendarDate;

export const BaseSummary = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string(),
  regionCode: z.string(),
});
export type BaseSummary = z.infer<typeof BaseSummary>;
export const PartnerSummary = z.object({ id: z.string(), name: z.string(), shortName: z.string() });
export type PartnerSummary = z.infer<typeof PartnerSummary>;

export const Quota = z.object({
  hostQuota: z.number().int(),
  selected: z.number().int(),
  /** More hosts selected than the rules' quota (allowed, flagged for the UI's warning). */
  exceeded: z.boolean(),
});
export type Quota = z.infer<typeof Quota>;

export const ThemeDayAbilities = z.object({
  update: z.boolean(),
  delete: z.boolean(),
  readActivityPlan: z.boolean(),
  editActivityPlan: z.boolean(),
});
export type ThemeDayAbilities = z.infer<typeof ThemeDayAbilities>;

export const ThemeDayView = z.object({
  id: z.string(),
  programmeId: z.string(),
  year: z.number().int(),
  planId: z.string(),
  title: z.string(),
  theme: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  host: BaseSummary,
  partners: z.array(PartnerSummary),
  activityPlan: z.object({
    /** null when the caller may not read the plan. */
    status: ShownActivityPlanStatus.nullable(),
    /** Last day to file it ('YYYY-MM-DD', Asia/Shanghai) and the instant that day ends. */
    dueDate: z.string(),
    deadline: z.string(),
  }),
  abilities: ThemeDayAbilities,
});
export type ThemeDayView = z.infer<typeof ThemeDayView>;

/** A theme day after selection or rescheduling, with the programme's host quota. */
export const ThemeDayWithQuota = z.object({ themeDay: ThemeDayView, quota: Quota });
export type ThemeDayWithQuota = z.infer<typeof ThemeDayWithQuota>;

export const SelectBody = z.object({
  planId: z.string().min(1).max(100),
  startDate: DateString,
  endDate: DateString,
  title: z.string().trim().max(100).optional(),
  /**
   * Select although the plan has fewer submitted reviews than the programme's minReviews; needs
   * `overrideReason`, which the audit keeps.
   */
  override: z.boolean().optional(),
  overrideReason: z.string().trim().max(500).optional(),
});
export type SelectBody = z.infer<typeof SelectBody>;

export const RescheduleBody = z.object({
  startDate: DateString,
  endDate: DateString,
  title: z.string().trim().max(100).optional(),
});
export type RescheduleBody = z.infer<typeof RescheduleBody>;

/** The whole year fits on one page: up to 500 a page, 100 by default. */
export const CalendarQuery = z.object({
  baseId: z.string().max(100).optional(),
  ...pagingQuery(),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
  sort: z.enum(['startDate', 'createdAt', 'title']).default('startDate'),
});
export type CalendarQuery = z.infer<typeof CalendarQuery>;

export const CalendarResponse = z.object({
  programme: z.object({ id: z.string(), year: z.number().int(), name: z.string(), status: ProgrammeStatus }),
  items: z.array(ThemeDayView),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  quota: Quota,
});
export type CalendarResponse = z.infer<typeof CalendarResponse>;
