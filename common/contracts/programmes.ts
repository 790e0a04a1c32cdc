/** Zod schemas of the programme (年度方案) API, and the list-query shape every list endpoint shares. */
import { z } from 'zod';
import { pagingQuery } from './common.ts';
import { ProgrammeRules } from '../programme-rules.ts';

/**
 * Rules as the client may send them: any subset of the known fields (unknown keys refused). Missing
 * fields are taken from the defaults (create) or the current rules (edit) and the whole is then
 * validated by ProgrammeRules, so every problem, per field or across fields, carries its Chinese message.
 */
export const RulesPatch = z
  .object(
    Object.fromEntries(Object.keys(ProgrammeRules.shape).map((k) => [k, z.unknown().optional()])) as Record<
      keyof typeof ProgrammeRules.shape,
      z.ZodOptional<z.ZodUnknown>
    >,
  )
  .strict();
export type RulesPatch = z.infer<typeof RulesPatch>;

/** A programme's call: drafted by the owner, open for preliminary plans, closed. */
export const PROGRAMME_STATUSES = ['draft', 'open', 'closed'] as const;
export const ProgrammeStatus = z.enum(PROGRAMME_STATUSES);
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];

export const ProgrammeAbilities = z.object({
  edit: z.boolean(),
  open: z.boolean(),
  close: z.boolean(),
  /** Reopen a closed call before its plan deadline (issue 12 §4). */
  reopen: z.boolean(),
  createPlan: z.boolean(),
  viewPlans: z.boolean(),
  assignReviewers: z.boolean(),
  viewReviewSummary: z.boolean(),
});
export type ProgrammeAbilities = z.infer<typeof ProgrammeAbilities>;

export const Programme = z.object({
  id: z.string(),
  year: z.number(),
  name: z.string(),
  status: ProgrammeStatus,
  rules: z.object(ProgrammeRules.shape),
  /** The plan deadline as a UTC instant (rules.planDeadline is Shanghai wall-clock time). */
  planDeadlineAt: z.string(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: ProgrammeAbilities,
});
export type ProgrammeDto = z.infer<typeof Programme>;

export const CreateProgrammeBody = z.object({
  year: z.number().int().min(2020).max(2100),
  name: z.string().trim().min(1).max(100).optional(),
  rules: RulesPatch.optional(),
});
export type CreateProgrammeBody = z.infer<typeof CreateProgrammeBody>;

export const UpdateProgrammeBody = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  rules: RulesPatch.optional(),
});
export type UpdateProgrammeBody = z.infer<typeof UpdateProgrammeBody>;

export const ListProgrammesQuery = z.object({
  ...pagingQuery({ order: 'desc' }),
  sort: z.enum(['year', 'createdAt']).default('year'),
  status: ProgrammeStatus.optional(),
  year: z.coerce.number().int().optional(),
});
export type ListProgrammesQuery = z.infer<typeof ListProgrammesQuery>;
