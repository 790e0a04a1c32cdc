/**
 * The workspace to-do list (MISSION "a to-do list (what awaits me: plans to review, requests to answer,
 * deadlines in the next 14 days)"): derived on the fly from the workflow tables for the caller's active
 * organisation and roles, so it can never disagree with the records it points at.
 */
import { planDeadlineInstant } from '../../../common/programme-rules.ts';
import { formatShanghai, isPastDeadline, startOfShanghaiDay, toShanghaiDate } from '../../../common/time.ts';
import type { TodoItem, TodoList, TodoSeverity } from '../../../common/contracts/todo.ts';
import type { Executor } from '../../db/index.ts';
import type { Actor, Ctx } from '../../lib/context.ts';
import { hasRole, requireActor } from '../../lib/policy.ts';
import { activityPlanSummaries, listThemeDays, parseRules } from '../themedays/repository.ts';
import { dueOf } from '../activity-plans/service.ts';
import {
  basesRunBy,
  openProgrammes,
  pendingReviews,
  plansOfBases,
  submittedActivityPlans,
  submittedPlansWithReviewCounts,
} from './repository.ts';
import { links } from '../../../common/links.ts';
import { projectTodoItems } from '../projects/todo.ts';
import { answerItems } from './answers.ts';

/** "Due soon" means within this many days (MISSION: deadlines in the next 14 days). */
export const DUE_SOON_DAYS = 14;

const DAY_MS = 86_400_000;

/** Overdue or within 3 days: danger; within 14 days: warning; otherwise (or no due date) info. */
export function severityOf(dueAt: string | null, now: Date): TodoSeverity {
  if (!dueAt) return 'info';
  const left = new Date(dueAt).getTime() - now.getTime();
  if (left < 3 * DAY_MS) return 'danger';
  if (left <= 14 * DAY_MS) return 'warning';
  return 'info';
}

type Draft = Omit<TodoItem, 'severity'>;

async function reviewerItems(db: Executor, actor: Actor): Promise<Draft[]> {
  if (!actor.organisationId) return [];
  const rows = await pendingReviews(db, actor.userId, actor.organisationId);
  // The rules set no review deadline, so reviews carry no due date.
  return rows.map((r) => ({
    id: `review_pending:${r.id}`,
    kind: 'review_pending',
    title: `评审${r.short_name}的活动初步计划`,
    detail: `${Number(r.year)}年 · ${r.name}${r.title ? `「${r.title}」` : ''}`,
    dueAt: null,
    link: links.review(r.id),
  }));
}

async function baseAdminItems(db: Executor, actor: Actor, now: Date): Promise<Draft[]> {
  if (!actor.organisationId) return [];
  const bases = await basesRunBy(db, actor.organisationId);
  if (!bases.length) return [];
  const baseIds = bases.map((b) => b.id);
  const out: Draft[] = [];

  // Open calls the base may answer (417号 三(二): enterprise-type bases, by the plan deadline).
  const open = await openProgrammes(db);
  const plans = await plansOfBases(db, baseIds);
  for (const p of open) {
    const rules = parseRules(p.rules);
    const deadline = planDeadlineInstant(rules);
    for (const b of bases) {
      if (!rules.eligibleBaseKinds.includes(b.kind)) continue;
      const plan = plans.find((x) => x.programme_id === p.id && x.base_id === b.id);
      if (plan && plan.status === 'returned') {
        out.push({
          id: `plan_returned:${plan.id}`,
          kind: 'plan_returned',
          title: `修改并重新提交${b.short_name}的活动初步计划`,
          detail: `${Number(p.year)}年活动初步计划被退回${plan.return_reason ? `：${plan.return_reason}` : ''}`,
          dueAt: deadline.toISOString(),
          link: links.plan(plan.id),
        });
        continue;
      }
      if (plan && plan.status !== 'draft' && plan.status !== 'withdrawn') continue;
      if (isPastDeadline(deadline, now)) continue;
      out.push({
        id: `plan_to_submit:${p.id}:${b.id}`,
        kind: 'plan_to_submit',
        title: `提交${b.short_name}的${Number(p.year)}年主题日活动初步计划`,
        detail: `${plan ? '草稿尚未提交；' : ''}截止时间：北京时间${formatShanghai(deadline)}`,
        dueAt: deadline.toISOString(),
        link: plan ? links.plan(plan.id) : links.programmePlans(p.id),
      });
    }
  }

  // Activity plans to file or revise (三(三): "于活动开始1个月前，报国家发展改革委").
  for (const b of bases) {
    const { items: tds } = await listThemeDays(db, {
      baseId: b.id,
      publishedOnly: true,
      page: 1,
      pageSize: 100,
      sort: 'startDate',
      order: 'asc',
    });
    const statuses = await activityPlanSummaries(
      db,
      tds.map((t) => t.id),
    );
    for (const td of tds) {
      const status = statuses.get(td.id)?.status ?? 'none';
      if (status !== 'none' && status !== 'draft' && status !== 'returned') continue;
      if (td.startDate < toShanghaiDate(now)) continue; // the day has passed; nothing left to file
      const due = dueOf(td);
      out.push({
        id: `activity_plan:${td.id}`,
        kind: status === 'returned' ? 'activity_plan_returned' : 'activity_plan_to_file',
        title: status === 'returned' ? `修改并重新报送「${td.title}」活动方案` : `报送「${td.title}」活动方案`,
        detail: `主题日${td.startDate}至${td.endDate}；活动方案须于${formatShanghai(due.dueDate, 'date')}前报送`,
        dueAt: due.deadline.toISOString(),
        link: links.activityPlan(td.id),
      });
    }
  }
  return out;
}

async function ownerItems(db: Executor): Promise<Draft[]> {
  const out: Draft[] = [];
  const submitted = await submittedPlansWithReviewCounts(db);
  for (const r of submitted) {
    const assigned = Number(r.assigned);
    const done = Number(r.done);
    if (assigned === 0) {
      out.push({
        id: `plan_needs_reviewers:${r.id}`,
        kind: 'plan_needs_reviewers',
        title: `为${r.short_name}的活动初步计划指派评审`,
        detail: `${Number(r.year)}年 · ${r.name}`,
        dueAt: null,
        link: links.plan(r.id),
      });
    } else if (done === assigned) {
      out.push({
        id: `plan_awaiting_decision:${r.id}`,
        kind: 'plan_awaiting_decision',
        title: `${r.short_name}的活动初步计划评审已完成，待确定是否承办`,
        detail: `${Number(r.year)}年 · ${done}份评审意见`,
        dueAt: null,
        link: links.plan(r.id),
      });
    }
  }
  const waiting = await submittedActivityPlans(db);
  for (const a of waiting) {
    // The decision is needed before the theme day begins.
    out.push({
      id: `activity_plan_to_approve:${a.id}`,
      kind: 'activity_plan_to_approve',
      title: `审核${a.short_name}的活动方案`,
      detail: `「${a.title}」，主题日${a.start_date}开始`,
      dueAt: startOfShanghaiDay(a.start_date).toISOString(),
      link: links.activityPlan(a.theme_day_id),
    });
  }
  return out;
}

/** Everything awaiting the caller in the active organisation, soonest due first (undated last). */
export async function todoFor(db: Executor, actor: Actor, now: Date): Promise<TodoItem[]> {
  const drafts: Draft[] = [];
  if (hasRole(actor, 'department_reviewer', 'expert')) drafts.push(...(await reviewerItems(db, actor)));
  if (hasRole(actor, 'base_admin')) drafts.push(...(await baseAdminItems(db, actor, now)));
  if (hasRole(actor, 'programme_owner')) drafts.push(...(await ownerItems(db)));
  drafts.push(...(await projectTodoItems(db, actor, now)));
  drafts.push(...(await answerItems(db, actor, now)));
  const seen = new Set<string>();
  const items = drafts
    .filter((d) => (seen.has(d.id) ? false : (seen.add(d.id), true)))
    .map((d) => ({ ...d, severity: severityOf(d.dueAt, now) }));
  return items.sort((a, b) => {
    if (a.dueAt !== b.dueAt) {
      if (a.dueAt === null) return 1;
      if (b.dueAt === null) return -1;
      return a.dueAt < b.dueAt ? -1 : 1;
    }
    return a.title.localeCompare(b.title, 'zh-CN');
  });
}

/** The items falling due between now and now + days (inclusive); undated and overdue items are left out. */
export function dueWithin(items: TodoItem[], now: Date, days: number): TodoItem[] {
  const from = now.getTime();
  const to = from + days * DAY_MS;
  return items.filter(
    (i) => i.dueAt !== null && new Date(i.dueAt).getTime() >= from && new Date(i.dueAt).getTime() <= to,
  );
}

/**
 * The caller's to-do list: every item, or with `dueWithinDays` only those falling due within that many
 * days; `dueSoon` always counts the items due within DUE_SOON_DAYS.
 */
export async function todoList(ctx: Ctx, props: { dueWithinDays?: number }): Promise<TodoList> {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  const all = await todoFor(ctx.db, actor, now);
  const items = props.dueWithinDays === undefined ? all : dueWithin(all, now, props.dueWithinDays);
  const soon = dueWithin(all, now, DUE_SOON_DAYS);
  return { items, total: items.length, dueSoon: soon.length };
}
