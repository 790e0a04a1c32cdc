/** Zod schemas of the theme-day API (selection, rescheduling, the year calendar). */
import { z } from 'zod';

export const DateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const BaseSummary = z.object({ id: z.string(), name: z.string(), shortName: z.string(), regionCode: z.string() });
export const PartnerSummary = z.object({ id: z.string(), name: z.string(), shortName: z.string() });

export const Quota = z.object({
  hostQuota: z.number().int(),
  selected: z.number().int(),
  /** More hosts selected than the rules' quota (allowed, flagged for the UI's warning). */
  exceeded: z.boolean(),
});

export const ThemeDayAbilities = z.object({
  update: z.boolean(),
  delete: z.boolean(),
  readActivityPlan: z.boolean(),
  editActivityPlan: z.boolean(),
});

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
    /** 'none' | draft | submitted | returned | approved; null when the caller may not read the plan. */
    status: z.string().nullable(),
    /** Last day to file it ('YYYY-MM-DD', Asia/Shanghai) and the instant that day ends. */
    dueDate: z.string(),
    deadline: z.string(),
  }),
  abilities: ThemeDayAbilities,
});
export type ThemeDayView = z.infer<typeof ThemeDayView>;

export const SelectBody = z.object({
  planId: z.string().min(1).max(100),
  startDate: DateString,
  endDate: DateString,
  title: z.string().trim().max(100).optional(),
});

export const RescheduleBody = z.object({
  startDate: DateString,
  endDate: DateString,
  title: z.string().trim().max(100).optional(),
});

export const CalendarQuery = z.object({
  baseId: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
  sort: z.enum(['startDate', 'createdAt', 'title']).default('startDate'),
  order: z.enum(['asc', 'desc']).default('asc'),
});

export const CalendarResponse = z.object({
  programme: z.object({ id: z.string(), year: z.number().int(), name: z.string(), status: z.string() }),
  items: z.array(ThemeDayView),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  quota: Quota,
});

export { IdParams } from './common.ts';
