/** Zod schemas of the activity-plan (活动方案) API. */
import { z } from 'zod';
import { textOrHttpUrl } from './text.ts';
import { DateString, PartnerSummary, ShownActivityPlanStatus } from './themedays.ts';

export const AgendaItem = z.object({
  date: DateString,
  time: z.string().trim().min(1).max(50),
  item: z.string().trim().min(1).max(500),
  location: z.string().trim().max(200).optional(),
});
export type AgendaItem = z.infer<typeof AgendaItem>;

export const PartInput = z.object({
  key: z.string().trim().min(1).max(50),
  description: z.string().max(5000),
});
export type PartInput = z.infer<typeof PartInput>;

/** What the host saves (a draft may be incomplete; submission checks completeness). */
export const ActivityPlanBody = z.object({
  title: z.string().max(200).default(''),
  agenda: z.array(AgendaItem).max(200).default([]),
  parts: z.array(PartInput).max(20).default([]),
  partnerBaseIds: z.array(z.string().min(1).max(100)).max(100).default([]),
  supportOrganisationIds: z.array(z.string().min(1).max(100)).max(50).default([]),
  venue: z.string().max(500).default(''),
  headcountLimit: z.number().int().min(1).max(1_000_000).nullable().default(null),
  onlineChannel: textOrHttpUrl(1000).default(''),
  epidemicMeasures: z.string().max(5000).default(''),
  emergencyPlan: z.string().max(10000).default(''),
});
export type ActivityPlanBody = z.infer<typeof ActivityPlanBody>;
/** What the client sends: every field may be left out (the defaults above fill it in). */
export type ActivityPlanInput = z.input<typeof ActivityPlanBody>;

/** The JSON stored in activity_plans.content (the title has its own column). */
export type ActivityPlanContent = Omit<ActivityPlanBody, 'title'>;

export const Issue = z.object({ code: z.string(), field: z.string().optional(), message: z.string() });
export type Issue = z.infer<typeof Issue>;

export const ActivityPlanAbilities = z.object({
  edit: z.boolean(),
  submit: z.boolean(),
  approve: z.boolean(),
  return: z.boolean(),
  export: z.boolean(),
});
export type ActivityPlanAbilities = z.infer<typeof ActivityPlanAbilities>;

export const ActivityPlanView = z.object({
  /** null while nothing was saved: the payload is then a pre-filled skeleton. */
  id: z.string().nullable(),
  themeDayId: z.string(),
  status: ShownActivityPlanStatus,
  title: z.string(),
  /** The title the rules require ("{简称}融通创新主题日活动方案" filled in). */
  expectedTitle: z.string(),
  themeDay: z.object({
    id: z.string(),
    title: z.string(),
    theme: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    year: z.number().int(),
    host: z.object({ id: z.string(), name: z.string(), shortName: z.string() }),
  }),
  agenda: z.array(AgendaItem),
  parts: z.array(z.object({ key: z.string(), name: z.string(), description: z.string() })),
  partners: z.array(PartnerSummary),
  supportOrganisations: z.array(z.object({ id: z.string(), name: z.string() })),
  venue: z.string(),
  headcountLimit: z.number().int().nullable(),
  onlineChannel: z.string(),
  epidemicMeasures: z.string(),
  emergencyPlan: z.string(),
  dueDate: z.string(),
  deadline: z.string(),
  overdue: z.boolean(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  returnReason: z.string().nullable(),
  /** What submission would refuse right now (the same check the server runs on submit). */
  issues: z.array(Issue),
  abilities: ActivityPlanAbilities,
});
export type ActivityPlanView = z.infer<typeof ActivityPlanView>;

export const ReturnBody = z.object({ reason: z.string().trim().min(1).max(2000) });
export type ReturnBody = z.infer<typeof ReturnBody>;
