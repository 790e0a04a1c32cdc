/** Plan records as API payloads: explicit fields, derived 字数 and areas covered, partner names, abilities. */
import { planDeadlineInstant, planLengthRange, type PreliminaryPlanCheck } from '../../../common/programme-rules.ts';
import { countZishu } from '../../../common/zishu.ts';
import type {
  CheckResult,
  PlanDto,
  PlanSummary,
  Version,
  VersionContent,
  VersionSummary,
} from '../../../common/contracts/plans.ts';
import type { Executor } from '../../db/index.ts';
import type { Actor } from '../../lib/context.ts';
import type { ProgrammeRecord } from '../programmes/repository.ts';
import { planAbilities } from './policy.ts';
import { baseRefs, type PlanRecord } from './repository.ts';
import { checkPlan } from './service.ts';

export type PartnerMap = Map<string, { id: string; name: string; shortName: string }>;

/** The partner bases of the given plans, by id (one query). */
export async function partnerMap(db: Executor, plans: PlanRecord[]): Promise<PartnerMap> {
  const refs = await baseRefs(
    db,
    plans.flatMap((p) => p.partnerBaseIds),
  );
  return new Map(refs.map((r) => [r.id, r]));
}

/** Explicit fields, the derived 字数 / areas covered, partner base names and the caller's abilities. */
export function presentPlan(
  actor: Actor | null,
  plan: PlanRecord,
  programme: ProgrammeRecord,
  partners: PartnerMap,
  now: Date,
  assigned: boolean,
): PlanDto {
  const check = checkPlan(programme, plan, now);
  const areaNames = new Map(programme.rules.contentAreas.map((a) => [a.key, a.name]));
  return {
    id: plan.id,
    programmeId: plan.programmeId,
    programmeYear: programme.year,
    base: {
      id: plan.base.id,
      name: plan.base.name,
      shortName: plan.base.shortName,
      kind: plan.base.kind,
      regionCode: plan.base.regionCode,
    },
    status: plan.status,
    theme: plan.theme,
    title: plan.title,
    body: plan.body,
    partnerBases: plan.partnerBaseIds.flatMap((id) => {
      const b = partners.get(id);
      return b ? [{ id: b.id, name: b.name, shortName: b.shortName }] : [];
    }),
    areas: plan.areas.map((a) => ({ key: a.key, name: areaNames.get(a.key) ?? null, description: a.description })),
    plannedMonths: plan.plannedMonths,
    epidemicMeasures: plan.epidemicMeasures,
    version: plan.version,
    submittedAt: plan.submittedAt,
    returnReason: plan.returnReason,
    createdAt: plan.createdAt,
    updatedAt: plan.updatedAt,
    zishu: check.zishu,
    areasCovered: check.areasCovered,
    minContentAreas: programme.rules.minContentAreas,
    abilities: planAbilities(actor, plan, programme, now, assigned),
  };
}

/** A plan in a list: everything but the long texts. */
export function presentPlanSummary(...args: Parameters<typeof presentPlan>): PlanSummary {
  const { body: _b, epidemicMeasures: _e, ...summary } = presentPlan(...args);
  return summary;
}

/** The live check with the year's limits, so the editor can show them next to the result. */
export function presentCheck(programme: ProgrammeRecord, result: PreliminaryPlanCheck): CheckResult {
  const range = planLengthRange(programme.rules);
  return {
    ...result,
    minContentAreas: programme.rules.minContentAreas,
    length: { target: programme.rules.planLengthTarget, min: range.min, max: range.max },
    planDeadlineAt: planDeadlineInstant(programme.rules).toISOString(),
  };
}

export function presentVersionSummary(r: {
  version: number;
  submitted_at: string;
  submitted_by: string;
  name: string | null;
}): VersionSummary {
  return { version: Number(r.version), submittedAt: r.submitted_at, submittedBy: { id: r.submitted_by, name: r.name } };
}

/** A stored version; rows written before a field existed get its empty value (字数 is recounted). */
export function presentVersion(
  planId: string,
  r: {
    version: number;
    submitted_at: string;
    submitted_by: string;
    name: string | null;
    content: Partial<VersionContent>;
  },
): Version {
  const raw = r.content;
  const content: VersionContent = {
    theme: raw.theme ?? null,
    title: raw.title ?? null,
    body: raw.body ?? null,
    partnerBaseIds: raw.partnerBaseIds ?? [],
    partnerBases: raw.partnerBases ?? [],
    areas: raw.areas ?? [],
    plannedMonths: raw.plannedMonths ?? [],
    epidemicMeasures: raw.epidemicMeasures ?? null,
    zishu: raw.zishu ?? countZishu(raw.body ?? ''),
    areasCovered: raw.areasCovered ?? 0,
  };
  return { planId, ...presentVersionSummary(r), content };
}
