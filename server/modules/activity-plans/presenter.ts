/** Builds the activity-plan payload (saved plan or pre-filled skeleton) with the caller's abilities. */
import { isPastDeadline } from '../../../common/time.ts';
import type { Executor } from '../../db/index.ts';
import { isOwner } from '../../lib/policy.ts';
import { orgNames } from '../../lib/sql.ts';
import { getBases, type ThemeDayRecord } from '../themedays/repository.ts';
import { canReadActivityPlan, isHostAdmin } from '../themedays/policy.ts';
import type { ActivityPlanAbilities, ActivityPlanView } from '../../../common/contracts/activity-plans.ts';
import type { ShownActivityPlanStatus } from '../../../common/contracts/themedays.ts';
import { checkActivityPlan, dueOf, parseContent, skeleton } from './service.ts';
import type { ActivityPlanRow } from './repository.ts';
import { fillTitle } from '../../../common/programme-rules.ts';
import type { Actor } from '../../lib/context.ts';

/** What the caller may do with the plan, given its status and the clock. */
export function activityPlanAbilities(
  actor: Actor | null,
  td: ThemeDayRecord,
  status: ShownActivityPlanStatus,
  supportIds: readonly string[],
  now: Date,
): ActivityPlanAbilities {
  const host = isHostAdmin(actor, td);
  const beforeDeadline = !isPastDeadline(dueOf(td).deadline, now);
  return {
    edit: host && (status === 'none' || status === 'draft' || status === 'returned'),
    submit: host && (status === 'returned' || (status === 'draft' && beforeDeadline)),
    approve: isOwner(actor) && status === 'submitted',
    return: isOwner(actor) && status === 'submitted',
    export: canReadActivityPlan(actor, td, supportIds),
  };
}

export async function presentActivityPlan(
  db: Executor,
  actor: Actor | null,
  td: ThemeDayRecord,
  row: ActivityPlanRow | undefined,
  now: Date,
): Promise<ActivityPlanView> {
  const base = row ? { title: row.title, content: parseContent(row.content) } : await skeleton(db, td);
  const c = base.content;
  const status: ShownActivityPlanStatus = row?.status ?? 'none';
  const partners = await getBases(db, c.partnerBaseIds);
  const names = await orgNames(db, c.supportOrganisationIds);
  const areaNames = new Map(td.programme.rules.contentAreas.map((a) => [a.key, a.name]));
  const due = dueOf(td);
  return {
    id: row?.id ?? null,
    themeDayId: td.id,
    status,
    title: base.title,
    expectedTitle: fillTitle(td.programme.rules.titleTemplate, td.host.shortName),
    themeDay: {
      id: td.id,
      title: td.title,
      theme: td.theme,
      startDate: td.startDate,
      endDate: td.endDate,
      year: td.programme.year,
      host: { id: td.host.id, name: td.host.name, shortName: td.host.shortName },
    },
    agenda: c.agenda.map((a) => ({
      date: a.date,
      time: a.time,
      item: a.item,
      ...(a.location ? { location: a.location } : {}),
    })),
    parts: c.parts.map((p) => ({ key: p.key, name: areaNames.get(p.key) ?? p.key, description: p.description })),
    partners: c.partnerBaseIds
      .map((id) => partners.get(id))
      .filter((b) => b !== undefined)
      .map((b) => ({ id: b.id, name: b.name, shortName: b.shortName })),
    supportOrganisations: c.supportOrganisationIds.flatMap((id) => {
      const name = names.get(id);
      return name === undefined ? [] : [{ id, name }];
    }),
    venue: c.venue,
    headcountLimit: c.headcountLimit,
    onlineChannel: c.onlineChannel,
    epidemicMeasures: c.epidemicMeasures,
    emergencyPlan: c.emergencyPlan,
    dueDate: due.dueDate,
    deadline: due.deadline.toISOString(),
    overdue: (status === 'none' || status === 'draft') && isPastDeadline(due.deadline, now),
    submittedAt: row?.submitted_at ?? null,
    decidedAt: row?.decided_at ?? null,
    returnReason: row?.return_reason ?? null,
    issues: checkActivityPlan(td.programme.rules, td, base.title, c),
    abilities: activityPlanAbilities(actor, td, status, c.supportOrganisationIds, now),
  };
}
