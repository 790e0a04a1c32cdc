/** Builds the activity-plan payload (saved plan or pre-filled skeleton) with the caller's abilities. */
import { isPastDeadline } from '../../../common/time.ts';
import type { Executor } from '../../db/index.ts';
import { getBases, type ThemeDayRecord } from '../themedays/repository.ts';
import { canReadActivityPlan, isHostAdmin, isOwner, } from '../themedays/policy.ts';
import type { ActivityPlanView } from '../../../common/contracts/activity-plans.ts';
import { checkActivityPlan, dueOf, parseContent, skeleton, type ActivityPlanRow } from './service.ts';
import { fillTitle } from '../../../common/programme-rules.ts';
import type { Actor } from '../../lib/context.ts';

/** What the caller may do with the plan, given its status and the clock. */
export function activityPlanAbilities(scope: Actor, td: ThemeDayRecord, status: ActivityPlanView['status'], supportIds: readonly string[], now: Date) {
  const host = isHostAdmin(scope, td);
  const beforeDeadline = !isPastDeadline(dueOf(td).deadline, now);
  return {
    edit: host && (status === 'none' || status === 'draft' || status === 'returned'),
    submit: host && (status === 'returned' || (status === 'draft' && beforeDeadline)),
    approve: isOwner(scope) && status === 'submitted',
    return: isOwner(scope) && status === 'submitted',
    export: canReadActivityPlan(scope, td, supportIds),
  };
}

export async function presentActivityPlan(db: Executor, scope: Actor, td: ThemeDayRecord, row: ActivityPlanRow | undefined, now: Date): Promise<ActivityPlanView> {
  const base = row ? { title: row.title, content: parseContent(row.content) } : await skeleton(db, td);
  const c = base.content;
  const status = (row?.status ?? 'none') as ActivityPlanView['status'];
  const partners = await getBases(db, c.partnerBaseIds);
  const orgs = c.supportOrganisationIds.length
    ? await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', c.supportOrganisationIds).execute()
    : [];
  const orgNames = new Map(orgs.map((o) => [o.id, o.name]));
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
    agenda: c.agenda.map((a) => ({ date: a.date, time: a.time, item: a.item, ...(a.location ? { location: a.location } : {}) })),
    parts: c.parts.map((p) => ({ key: p.key, name: areaNames.get(p.key) ?? p.key, description: p.description })),
    partners: c.partnerBaseIds.map((id) => partners.get(id)).filter((b) => b !== undefined).map((b) => ({ id: b.id, name: b.name, shortName: b.shortName })),
    supportOrganisations: c.supportOrganisationIds.filter((id) => orgNames.has(id)).map((id) => ({ id, name: orgNames.get(id) as string })),
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
    abilities: activityPlanAbilities(scope, td, status, c.supportOrganisationIds, now),
  };
}
