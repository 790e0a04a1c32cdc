/** Turns theme-day records into API payloads with explicit fields and the caller's abilities. */
import { activityPlanDueDate } from '../../../common/time.ts';
import type { Executor } from '../../db/index.ts';
import {
  activityPlanSummaries,
  countThemeDays,
  getBases,
  type ProgrammeRecord,
  type ThemeDayRecord,
} from './repository.ts';
import { canReadActivityPlan, themeDayAbilities } from './policy.ts';
import type { Quota, ThemeDayView } from '../../../common/contracts/themedays.ts';
import type { Actor } from '../../lib/context.ts';

/** Presents several theme days with two batched look-ups (partners, activity-plan status). */
export async function presentThemeDays(
  db: Executor,
  actor: Actor | null,
  tds: ThemeDayRecord[],
): Promise<ThemeDayView[]> {
  const partners = await getBases(
    db,
    tds.flatMap((t) => t.partnerBaseIds),
  );
  const plans = await activityPlanSummaries(
    db,
    tds.map((t) => t.id),
  );
  return tds.map((td) => {
    const ap = plans.get(td.id);
    const status = ap?.status ?? 'none';
    const supportIds = ap?.supportOrganisationIds ?? [];
    const due = activityPlanDueDate(td.startDate, td.programme.rules.activityPlanLeadMonths);
    return {
      id: td.id,
      programmeId: td.programmeId,
      year: td.programme.year,
      planId: td.planId,
      title: td.title,
      theme: td.theme,
      startDate: td.startDate,
      endDate: td.endDate,
      host: { id: td.host.id, name: td.host.name, shortName: td.host.shortName, regionCode: td.host.regionCode },
      partners: td.partnerBaseIds
        .map((id) => partners.get(id))
        .filter((b) => b !== undefined)
        .map((b) => ({ id: b.id, name: b.name, shortName: b.shortName })),
      activityPlan: {
        status: canReadActivityPlan(actor, td, supportIds) ? status : null,
        dueDate: due.dueDate,
        deadline: due.deadline.toISOString(),
      },
      abilities: themeDayAbilities(actor, td, status, supportIds),
    };
  });
}

export async function presentThemeDay(db: Executor, actor: Actor | null, td: ThemeDayRecord): Promise<ThemeDayView> {
  const [v] = await presentThemeDays(db, actor, [td]);
  return v!;
}

/** How many hosts the rules ask for and how many are chosen; beyond the quota is allowed but flagged. */
export async function quotaOf(db: Executor, programme: ProgrammeRecord): Promise<Quota> {
  const selected = await countThemeDays(db, programme.id);
  return { hostQuota: programme.rules.hostQuota, selected, exceeded: selected > programme.rules.hostQuota };
}
