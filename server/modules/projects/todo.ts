/**
 * The projects' share of the workspace to-do list (server/modules/todo): candidates my organisation has to
 * confirm, my organisation's follow-ups open for answers or overdue, and — for the host base's staff — their
 * theme days' overdue follow-ups.
 */
import type { TodoItem } from '../../../common/contracts/todo.ts';
import { links } from '../../../common/links.ts';
import { addDays, endOfShanghaiDay, shanghaiToday } from '../../../common/time.ts';
import type { Executor } from '../../db/index.ts';
import type { Actor } from '../../lib/context.ts';
import { hasRole } from '../../lib/policy.ts';
import { actsForParty } from './policy.ts';
import { WINDOW_CLOSES_DAYS_AFTER, WINDOW_OPENS_DAYS_BEFORE } from './rules.ts';

export async function projectTodoItems(db: Executor, actor: Actor, now: Date): Promise<Omit<TodoItem, 'severity'>[]> {
  const org = actor.organisationId;
  if (!org) return [];
  const today = shanghaiToday(now);
  const out: Omit<TodoItem, 'severity'>[] = [];
  if (actsForParty(actor, org)) {
    const candidates = await db
      .selectFrom('project_parties as pp')
      .innerJoin('cooperation_projects as c', 'c.id', 'pp.project_id')
      .select(['c.id', 'c.title'])
      .where('pp.organisation_id', '=', org)
      .where('pp.confirmation', '=', 'pending')
      .where('c.stage', '=', 'candidate')
      .where('c.merged_into_id', 'is', null)
      .execute();
    for (const c of candidates) {
      out.push({
        id: `project_to_confirm:${c.id}`,
        kind: 'project_to_confirm',
        title: `确认合作项目「${c.title}」`,
        detail: '合作各方均确认后，该项目方计入主题日成果',
        dueAt: null,
        link: links.project(c.id),
      });
    }
    const followUps = await db
      .selectFrom('project_follow_ups as f')
      .innerJoin('cooperation_projects as c', 'c.id', 'f.project_id')
      .select(['c.id', 'c.title', 'f.point_months', 'f.due_date'])
      .where('f.organisation_id', '=', org)
      .where('f.status', 'is', null)
      .where('c.merged_into_id', 'is', null)
      .where('f.due_date', '<=', addDays(today, WINDOW_OPENS_DAYS_BEFORE))
      .where('f.due_date', '>=', addDays(today, -WINDOW_CLOSES_DAYS_AFTER))
      .execute();
    for (const f of followUps) {
      out.push({
        id: `project_follow_up:${f.id}:${Number(f.point_months)}`,
        kind: 'project_follow_up',
        title: `填写合作项目「${f.title}」${Number(f.point_months)}个月回访`,
        detail: f.due_date < today ? `已于${f.due_date}到期，请尽快补填` : `${f.due_date}到期`,
        dueAt: endOfShanghaiDay(f.due_date).toISOString(),
        link: links.projectFollowUp(f.id, Number(f.point_months)),
      });
    }
  }
  if (hasRole(actor, 'base_admin')) {
    const overdue = await db
      .selectFrom('project_follow_ups as f')
      .innerJoin('cooperation_projects as c', 'c.id', 'f.project_id')
      .innerJoin('theme_days as t', 't.id', 'c.theme_day_id')
      .innerJoin('bases as b', 'b.id', 't.base_id')
      .select(['t.id as theme_day_id', 't.title'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('b.organisation_id', '=', org)
      .where('f.status', 'is', null)
      .where('c.merged_into_id', 'is', null)
      .where('f.due_date', '<', today)
      // Only those still answerable: a window closed long ago is history, not something to chase.
      .where('f.due_date', '>=', addDays(today, -WINDOW_CLOSES_DAYS_AFTER))
      .groupBy(['t.id', 't.title'])
      .execute();
    for (const o of overdue) {
      out.push({
        id: `theme_day_follow_ups_overdue:${o.theme_day_id}`,
        kind: 'theme_day_follow_ups_overdue',
        title: `「${o.title}」有${Number(o.n)}份合作项目回访逾期未填`,
        detail: '请督促合作方填写跟踪回访',
        dueAt: null,
        link: links.themeDayResults(o.theme_day_id),
      });
    }
  }
  if (hasRole(actor, 'programme_owner')) {
    // NDRC's overview: follow-ups past due and still answerable, across all theme days.
    const r = await db
      .selectFrom('project_follow_ups as f')
      .innerJoin('cooperation_projects as c', 'c.id', 'f.project_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('f.status', 'is', null)
      .where('c.merged_into_id', 'is', null)
      .where('f.due_date', '<', today)
      .where('f.due_date', '>=', addDays(today, -WINDOW_CLOSES_DAYS_AFTER))
      .executeTakeFirst();
    const n = Number(r?.n ?? 0);
    if (n > 0) {
      out.push({
        id: 'project_follow_ups_overdue',
        kind: 'project_follow_ups_overdue',
        title: `${n}份合作项目回访逾期未填`,
        detail: '逾期30天内仍可补填，请督促承办基地和合作方',
        dueAt: null,
        link: links.projectsOverview(),
      });
    }
  }
  return out;
}
