/**
 * Response shapes of the portal (门户, no login): published programmes, theme days, a theme day's page and
 * the home-page counters. Only what a press release would say (server/modules/public).
 */
import { z } from 'zod';
import { listOf, pagingQuery } from './common.ts';

export const PublicProgrammeQuery = z.object({ ...pagingQuery({ order: 'desc' }) });
export type PublicProgrammeQuery = z.infer<typeof PublicProgrammeQuery>;

export const PublicProgramme = z.object({
  id: z.string(),
  year: z.number().int(),
  name: z.string(),
  status: z.string(),
  /** The call's plan deadline; null when the stored rules cannot be read. */
  planDeadlineAt: z.string().nullable(),
});
export type PublicProgramme = z.infer<typeof PublicProgramme>;

export const PublicProgrammeList = listOf(PublicProgramme);
export type PublicProgrammeList = z.infer<typeof PublicProgrammeList>;

export const PublicHost = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  provinceName: z.string().nullable(),
});
export type PublicHost = z.infer<typeof PublicHost>;

export const PublicPartner = z.object({ id: z.string(), name: z.string(), shortName: z.string() });
export type PublicPartner = z.infer<typeof PublicPartner>;

export const PublicThemeDay = z.object({
  id: z.string(),
  year: z.number().int(),
  title: z.string(),
  theme: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  host: PublicHost,
  partners: z.array(PublicPartner),
});
export type PublicThemeDay = z.infer<typeof PublicThemeDay>;

export const PublicThemeDayDetail = PublicThemeDay.extend({
  /** True once NDRC approved the activity plan; agenda and parts are empty until then. */
  planPublished: z.boolean(),
  agenda: z.array(z.object({ date: z.string(), time: z.string(), item: z.string(), location: z.string().nullable() })),
  parts: z.array(z.object({ key: z.string(), name: z.string(), description: z.string() })),
});
export type PublicThemeDayDetail = z.infer<typeof PublicThemeDayDetail>;

export const PublicThemeDayQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  baseId: z.string().max(100).optional(),
  page: pagingQuery().page,
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  sort: z.enum(['startDate', 'title']).default('startDate'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type PublicThemeDayQuery = z.infer<typeof PublicThemeDayQuery>;

export const PublicThemeDayList = listOf(PublicThemeDay);
export type PublicThemeDayList = z.infer<typeof PublicThemeDayList>;

export const PublicStats = z.object({
  year: z.number().int(),
  bases: z.number().int(),
  enterpriseBases: z.number().int(),
  themeDaysThisYear: z.number().int(),
  upcomingThemeDays: z.number().int(),
  basesTakingPartThisYear: z.number().int(),
  themeDaysTotal: z.number().int(),
});
export type PublicStats = z.infer<typeof PublicStats>;
