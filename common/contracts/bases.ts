/** Request and response shapes of the base directory. */
import { z } from 'zod';
import { BASE_KINDS, DEPARTMENTS } from '../roles.ts';
import { listOf, pagingQuery } from './common.ts';

export const BaseCreate = z.object({
  name: z.string().trim().min(2).max(100),
  /** 基地简称; ≤ 20 characters, checked in the service with a Chinese message. */
  shortName: z.string().trim().min(1).max(100),
  kind: z.enum(BASE_KINDS),
  /** 批次: the State Council named the bases in batches (2016, 2017, 2020, …). */
  batch: z.number().int().min(1).max(99),
  regionCode: z.string().trim().min(1).max(12),
  /** 基地主管部门 among the 指导部门. */
  supervisingDepartment: z.enum(DEPARTMENTS).nullable().optional(),
  /** The organisation (enterprise, university/institute or local government body) that runs the base. */
  organisationId: z.string().min(1).max(100).nullable().optional(),
  /** 基地主管部门 (issue 12 §3): the organisation whose base_supervisor people follow the base. */
  supervisorOrganisationId: z.string().min(1).max(100).nullable().optional(),
  description: z.string().trim().max(5000).nullable().optional(),
});
export type BaseCreate = z.infer<typeof BaseCreate>;

export const BasePatch = BaseCreate.partial();
export type BasePatch = z.infer<typeof BasePatch>;

export const Base = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string(),
  kind: z.enum(BASE_KINDS),
  batch: z.number(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  provinceCode: z.string(),
  supervisingDepartment: z.enum(DEPARTMENTS).nullable(),
  organisationId: z.string().nullable(),
  organisationName: z.string().nullable(),
  supervisorOrganisationId: z.string().nullable(),
  supervisorOrganisationName: z.string().nullable(),
  description: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({
    edit: z.boolean(),
    editShortName: z.boolean(),
    editDescription: z.boolean(),
    /** Send the base a reminder (督促提醒): its province's local DRC and its supervising department. */
    remind: z.boolean(),
    /** Follow the base (supervision overview): the owner, the province's local DRC and its supervising department. */
    follow: z.boolean(),
  }),
});
export type Base = z.infer<typeof Base>;

export const BaseListQuery = z.object({
  ...pagingQuery(),
  sort: z.enum(['name', 'shortName', 'batch', 'regionCode', 'createdAt']).default('name'),
  kind: z.enum(BASE_KINDS).optional(),
  batch: z.coerce.number().int().min(1).max(99).optional(),
  /** A GB/T 2260 code or 2/4-digit prefix ('320000' or '32': the bases in 江苏省). */
  region: z
    .string()
    .trim()
    .regex(/^\d{2}(\d{2}(\d{2})?)?$/)
    .optional(),
  supervisingDepartment: z.enum(DEPARTMENTS).optional(),
  organisationId: z.string().max(100).optional(),
  /** The bases a supervising department supervises (基地主管部门: 「我主管的基地」). */
  supervisorOrganisationId: z.string().max(100).optional(),
  /** Matches the name or the short name. */
  q: z.string().trim().min(1).max(100).optional(),
});
export type BaseListQuery = z.infer<typeof BaseListQuery>;

export const BaseList = listOf(Base);
export type BaseList = z.infer<typeof BaseList>;

/** A reminder (督促提醒) from the local DRC or the supervising department to a base (issue 12 §3). */
export const BaseReminderBody = z.object({
  message: z.string().trim().min(1, '请填写提醒内容').max(500, '提醒内容不超过500字'),
});
export type BaseReminderBody = z.infer<typeof BaseReminderBody>;

export const BaseReminder = z.object({
  id: z.string(),
  baseId: z.string(),
  message: z.string(),
  senderRole: z.enum(['local_drc', 'base_supervisor']),
  sender: z.object({ id: z.string(), name: z.string().nullable() }),
  organisation: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
  /** Administrators of the base the reminder reached. */
  recipients: z.number().int(),
});
export type BaseReminder = z.infer<typeof BaseReminder>;

export const BaseReminderList = z.object({ items: z.array(BaseReminder) });
export type BaseReminderList = z.infer<typeof BaseReminderList>;

/**
 * What the people who follow a base see of it (issue 12 §3: 基地主管部门 "follows its bases' plans, theme days
 * and results"; the local DRC likewise; NDRC): its plans per year, its theme days with their activity plans'
 * status, the results figures of those theme days, and the reminders it received.
 */
export const BaseSupervision = z.object({
  base: Base,
  plans: z.array(
    z.object({
      id: z.string(),
      programmeId: z.string(),
      programmeYear: z.number().int(),
      programmeName: z.string(),
      status: z.enum(['draft', 'submitted', 'returned', 'withdrawn', 'selected']),
      title: z.string().nullable(),
      submittedAt: z.string().nullable(),
      updatedAt: z.string(),
      comments: z.number().int(),
    }),
  ),
  themeDays: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      startDate: z.string(),
      endDate: z.string(),
      activityPlanStatus: z.enum(['none', 'draft', 'submitted', 'returned', 'approved']),
      /** The theme day's figures (the evaluation's indicators, computed by the same code). */
      results: z.object({
        projects: z.number().int(),
        candidates: z.number().int(),
        registrations: z.number().int(),
        checkIns: z.number().int(),
        meetingsHeld: z.number().int(),
        /** Share of satisfied respondents (0–1), null without a survey or below 5 answers. */
        csat: z.number().nullable(),
      }),
    }),
  ),
  reminders: z.array(BaseReminder),
});
export type BaseSupervision = z.infer<typeof BaseSupervision>;
