/**
 * Host selection and scheduling (417号 三(三)): NDRC chooses about five enterprise-type bases from the
 * submitted preliminary plans and spreads their theme days over the year. Named commands, each one
 * transaction with its audit rows and notifications.
 */
import {
  activityPlanDueDate,
  addDays,
  addCalendarMonths,
  formatShanghai,
  isPastDeadline,
  isValidDate,
  rangesOverlap,
  shanghaiToday,
} from '../../../common/time.ts';
import type { ProgrammeRules } from '../../../common/programme-rules.ts';
import { json, type Dialect, type Executor } from '../../db/index.ts';
import { AppError, invalidState, notFound, validationFailed } from '../../lib/errors.ts';
import { audit } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { notifyUsers, usersWithRole } from '../notifications/service.ts';
import {
  activityPlanStatusOf,
  getBases,
  submittedReviewCount,
  getThemeDay,
  lockPlanOfProgramme,
  lockProgramme,
  lockThemeDay,
  scheduledThemeDays,
  themeDayChildren,
  type ProgrammeRecord,
  type ThemeDayChild,
  type ThemeDayRecord,
} from './repository.ts';
import { links } from '../../../common/links.ts';

/** Date range as Chinese text: "2020年9月10日至2020年9月11日", or one date when a one-day theme day. */
export function formatRange(start: string, end: string): string {
  return start === end
    ? formatShanghai(start, 'date')
    : `${formatShanghai(start, 'date')}至${formatShanghai(end, 'date')}`;
}

/**
 * Validates a theme day's dates: real calendar dates, start ≤ end (400), both inside the programme's year
 * (422 date_out_of_year: "在全年内统筹安排具体活动时间" — the year's programme schedules that year's days).
 */
export function checkDates(year: number, startDate: string, endDate: string): void {
  const errors = [];
  if (!isValidDate(startDate))
    errors.push({ field: 'startDate', code: 'invalid_date', message: `开始日期无效：${startDate}` });
  if (!isValidDate(endDate))
    errors.push({ field: 'endDate', code: 'invalid_date', message: `结束日期无效：${endDate}` });
  if (errors.length) throw validationFailed(errors);
  if (startDate > endDate) {
    throw validationFailed([{ field: 'endDate', code: 'end_before_start', message: '结束日期不能早于开始日期' }]);
  }
  const prefix = `${year}-`;
  if (!startDate.startsWith(prefix) || !endDate.startsWith(prefix)) {
    throw new AppError(422, 'date_out_of_year', `主题日日期须在${year}年内（${year}年1月1日至${year}年12月31日）`);
  }
}

/** The first start date whose activity-plan due date (leadMonths before it) is today or later. */
export function earliestStartDate(leadMonths: number, now: Date): string {
  const today = shanghaiToday(now);
  let d = addCalendarMonths(today, leadMonths);
  // Month-end clamping can put the due date a few days before today (2020-01-31 + 1 → 2020-02-29 → due 01-29).
  while (activityPlanDueDate(d, leadMonths).dueDate < today) d = addDays(d, 1);
  return d;
}

/**
 * Refuses a start date whose activity-plan due date ("于活动开始1个月前") has already passed (422
 * activity_plan_due_passed on startDate), naming the due date and the earliest start that still leaves time.
 */
export function checkDueDateAhead(rules: ProgrammeRules, startDate: string, now: Date): void {
  const due = activityPlanDueDate(startDate, rules.activityPlanLeadMonths);
  if (!isPastDeadline(due.deadline, now)) return;
  const earliest = earliestStartDate(rules.activityPlanLeadMonths, now);
  const message = `该日期的活动方案报送截止日期（${formatShanghai(due.dueDate, 'date')}）已过；开始日期须不早于${formatShanghai(earliest, 'date')}`;
  throw new AppError(
    422,
    'activity_plan_due_passed',
    message,
    [{ field: 'startDate', code: 'activity_plan_due_passed', message }],
    { earliestStartDate: earliest },
  );
}

/**
 * Takes the programme's row lock, then refuses a range that shares a day with another theme day of the
 * same programme (inclusive ranges). The lock serialises concurrent selections on PostgreSQL, so two
 * parallel requests for overlapping dates cannot both pass the check; SQLite has a single writer.
 */
async function lockAndCheckOverlap(
  trx: Executor,
  dialect: Dialect,
  programmeId: string,
  startDate: string,
  endDate: string,
  excludeThemeDayId?: string,
): Promise<void> {
  if (!(await lockProgramme(trx, dialect, programmeId))) throw notFound();
  for (const o of await scheduledThemeDays(trx, programmeId, excludeThemeDayId)) {
    if (rangesOverlap(startDate, endDate, o.start_date, o.end_date)) {
      throw new AppError(
        409,
        'date_overlap',
        `与「${o.short_name}」（${o.name}）的主题日（${formatRange(o.start_date, o.end_date)}）日期冲突，请另选日期`,
        [{ field: 'startDate', code: 'date_overlap', message: `与${o.short_name}主题日日期冲突` }],
        {
          conflict: {
            themeDayId: o.id,
            baseName: o.name,
            baseShortName: o.short_name,
            startDate: o.start_date,
            endDate: o.end_date,
          },
        },
      );
    }
  }
}

/** Administrators of the host base and of the partner bases, for notifications. */
async function hostAndPartnerAdmins(trx: Executor, td: Pick<ThemeDayRecord, 'host' | 'partnerBaseIds'>) {
  const host = td.host.organisationId ? await usersWithRole(trx, [td.host.organisationId], ['base_admin']) : [];
  const partners = await getBases(
    trx,
    td.partnerBaseIds.filter((id) => id !== td.host.id),
  );
  const partnerOrgs = [...partners.values()]
    .map((b) => b.organisationId)
    .filter((x): x is string => !!x && x !== td.host.organisationId);
  const partnerUsers = await usersWithRole(trx, partnerOrgs, ['base_admin']);
  return { host, partners: partnerUsers.filter((u) => !host.includes(u)) };
}

export interface SelectHostProps {
  programme: ProgrammeRecord;
  planId: string;
  startDate: string;
  endDate: string;
  title?: string | undefined;
  override?: boolean | undefined;
  overrideReason?: string | undefined;
}

/**
 * Selects a submitted preliminary plan's base as a host and schedules its theme day. The plan becomes
 * 'selected'; the theme day takes the plan's theme and partner bases; the host's and the partners'
 * administrators are notified. Returns the new theme day's id.
 */
export async function selectHost(ctx: Ctx, p: SelectHostProps): Promise<string> {
  const { programme } = p;
  const now = ctx.clock.now();
  checkDates(programme.year, p.startDate, p.endDate);
  checkDueDateAhead(programme.rules, p.startDate, now);
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await lockAndCheckOverlap(trx, ctx.dialect, programme.id, p.startDate, p.endDate);
    const plan = await lockPlanOfProgramme(trx, ctx.dialect, p.planId, programme.id);
    if (!plan) throw new AppError(404, 'not_found', '本年度方案中没有该活动初步计划');
    if (plan.status !== 'submitted') {
      throw invalidState(
        plan.status === 'selected' ? '该基地已被确定为承办基地' : '只能从已提交的活动初步计划中选择承办基地',
      );
    }
    const base = (await getBases(trx, [plan.base_id])).get(plan.base_id);
    if (!base) throw notFound();
    if (!programme.rules.eligibleBaseKinds.some((k) => k === base.kind)) {
      throw new AppError(422, 'base_not_eligible', '该基地类型不能承办主题日');
    }
    const reviews = await submittedReviewCount(trx, plan.id);
    const minReviews = programme.rules.minReviews;
    const overrideReason = p.overrideReason?.trim() || null;
    const overridden = reviews < minReviews;
    if (overridden && !(p.override && overrideReason)) {
      const message = `该计划仅有${reviews}份已提交的评审意见，少于规则要求的${minReviews}份；如确需选择，请填写理由`;
      throw new AppError(
        422,
        'insufficient_reviews',
        message,
        [{ field: 'overrideReason', code: 'override_reason_required', message: '请填写在评审不足时选择该基地的理由' }],
        { reviews, minReviews },
      );
    }
    const partnerBaseIds = json
      .parse<string[]>(plan.partner_base_ids, [])
      .filter((x) => typeof x === 'string' && x !== base.id);
    const row = {
      id,
      programme_id: programme.id,
      plan_id: plan.id,
      base_id: base.id,
      title: p.title?.trim() || `${base.shortName}融通创新主题日`,
      theme: plan.theme ?? '',
      start_date: p.startDate,
      end_date: p.endDate,
      partner_base_ids: json.stringify(partnerBaseIds),
      created_at: nowIso(now),
      updated_at: nowIso(now),
    };
    await trx.insertInto('theme_days').values(row).execute();
    await trx
      .updateTable('preliminary_plans')
      .set({ status: 'selected', updated_at: nowIso(now) })
      .where('id', '=', plan.id)
      .execute();
    await audit(trx, ctx, {
      entityType: 'theme_day',
      entityId: id,
      action: 'select_host',
      after: {
        planId: plan.id,
        baseId: base.id,
        title: row.title,
        startDate: p.startDate,
        endDate: p.endDate,
        partnerBaseIds,
        ...(overridden ? { reviewOverride: { reviews, minReviews, reason: overrideReason } } : {}),
      },
    });
    await audit(trx, ctx, {
      entityType: 'preliminary_plan',
      entityId: plan.id,
      action: 'select',
      before: { status: plan.status },
      after: { status: 'selected', themeDayId: id },
    });

    const due = activityPlanDueDate(p.startDate, programme.rules.activityPlanLeadMonths);
    const users = await hostAndPartnerAdmins(trx, { host: base, partnerBaseIds });
    await notifyUsers(
      trx,
      users.host,
      {
        kind: 'theme_day_selected',
        title: `贵基地已确定承办${programme.year}年“融通创新”主题日`,
        body: `主题日「${row.title}」安排在${formatRange(p.startDate, p.endDate)}。请于${formatShanghai(due.dueDate, 'date')}前报送活动方案。`,
        link: links.activityPlan(id),
      },
      now,
    );
    await notifyUsers(
      trx,
      users.partners,
      {
        kind: 'theme_day_partner',
        title: `贵基地受邀参与${base.shortName}“融通创新”主题日`,
        body: `主题日「${row.title}」安排在${formatRange(p.startDate, p.endDate)}，由${base.name}承办。`,
        link: links.themeDay(id),
      },
      now,
    );
  });
  return id;
}

/** Moves a theme day to new dates (same checks as selection, excluding itself); notifies host and partners. */
export async function rescheduleThemeDay(
  ctx: Ctx,
  p: { themeDay: ThemeDayRecord; startDate: string; endDate: string; title?: string | undefined },
): Promise<void> {
  const { themeDay: td } = p;
  const now = ctx.clock.now();
  checkDates(td.programme.year, p.startDate, p.endDate);
  if (p.startDate !== td.startDate) checkDueDateAhead(td.programme.rules, p.startDate, now);
  await ctx.db.transaction().execute(async (trx) => {
    await lockAndCheckOverlap(trx, ctx.dialect, td.programmeId, p.startDate, p.endDate, td.id);
    const current = await getThemeDay(trx, td.id);
    if (!current) throw notFound();
    const title = p.title?.trim() || current.title;
    await trx
      .updateTable('theme_days')
      .set({ start_date: p.startDate, end_date: p.endDate, title, updated_at: nowIso(now) })
      .where('id', '=', td.id)
      .execute();
    await audit(trx, ctx, {
      entityType: 'theme_day',
      entityId: td.id,
      action: 'reschedule',
      before: { startDate: current.startDate, endDate: current.endDate, title: current.title },
      after: { startDate: p.startDate, endDate: p.endDate, title },
    });
    const datesChanged = current.startDate !== p.startDate || current.endDate !== p.endDate;
    if (datesChanged) {
      const users = await hostAndPartnerAdmins(trx, current);
      const due = activityPlanDueDate(p.startDate, td.programme.rules.activityPlanLeadMonths);
      const rescheduled = {
        kind: 'theme_day_rescheduled',
        title: `主题日「${title}」日期已调整`,
        body: `由${formatRange(current.startDate, current.endDate)}调整为${formatRange(p.startDate, p.endDate)}。活动方案报送截止日期为${formatShanghai(due.dueDate, 'date')}。`,
      };
      // The host files the activity plan; partner bases read the public theme-day page.
      await notifyUsers(trx, users.host, { ...rescheduled, link: links.activityPlan(td.id) }, now);
      await notifyUsers(trx, users.partners, { ...rescheduled, link: links.themeDay(td.id) }, now);
    }
  });
}

/** What the owner is told is attached to a theme day, per child table (sessions have their own refusal). */
type ContentChild = Exclude<ThemeDayChild, 'meeting_sessions' | 'event_sessions'>;
const CONTENT_LABELS: Record<ContentChild, string> = {
  resources: '开放资源',
  demands: '需求',
  results: '科技成果',
  alliances: '创新联盟',
  docking_sessions: '对接活动',
  exhibition_booths: '展位',
  cooperation_projects: '合作项目',
  surveys: '满意度调查',
  news: '新闻',
  news_delegations: '新闻撰写委托',
  evaluation_theme_days: '第三方评估',
  evaluation_scores: '第三方评估评分',
  invitations: '参会邀请',
  theme_day_coorganisers: '协办单位',
  support_delegations: '支撑机构委托',
};

/**
 * Refuses to remove a theme day that anything still points at (409, nothing removed): activity
 * sessions and 1:1 meeting sessions (`invalid_state`, as before), then the content areas' items
 * (`theme_day_has_content`, naming each kind and how many) — removing the day under them would
 * orphan them.
 */
async function ensureNothingAttached(trx: Executor, themeDayId: string): Promise<void> {
  const attached = await themeDayChildren(trx, themeDayId);
  const content: { table: ContentChild; count: number }[] = [];
  let sessions = false;
  for (const { table, count } of attached) {
    if (table === 'meeting_sessions' || table === 'event_sessions') sessions = true;
    else content.push({ table, count });
  }
  if (sessions) throw invalidState('该主题日已安排活动场次或一对一洽谈，请先删除这些场次再取消主题日');
  if (content.length) {
    const list = content.map((c) => `${CONTENT_LABELS[c.table]}（${c.count}项）`).join('、');
    throw new AppError(
      409,
      'theme_day_has_content',
      `该主题日下已有${list}，请先删除或移出这些内容再取消主题日`,
      undefined,
      { attached: Object.fromEntries(content.map((c) => [c.table, c.count])) },
    );
  }
}

/**
 * Withdraws a host selection while its activity plan is not yet approved and nothing is attached to the
 * theme day: the theme day (and any unapproved activity plan) is removed and the preliminary plan goes
 * back to 'submitted'.
 */
export async function removeThemeDay(ctx: Ctx, p: { themeDay: ThemeDayRecord }): Promise<void> {
  const { themeDay: td } = p;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await lockProgramme(trx, ctx.dialect, td.programmeId);
    // Holding the theme day's row lock keeps new items from being attached (their foreign key waits for it).
    if (!(await lockThemeDay(trx, ctx.dialect, td.id))) throw notFound();
    const ap = await activityPlanStatusOf(trx, td.id);
    if (ap?.status === 'approved') throw invalidState('活动方案已审核通过，不能取消该主题日');
    await ensureNothingAttached(trx, td.id);
    const users = await hostAndPartnerAdmins(trx, td);
    if (ap) {
      await trx.deleteFrom('activity_plans').where('id', '=', ap.id).execute();
      await audit(trx, ctx, {
        entityType: 'activity_plan',
        entityId: ap.id,
        action: 'delete',
        before: { themeDayId: td.id, status: ap.status },
      });
    }
    const del = await trx.deleteFrom('theme_days').where('id', '=', td.id).executeTakeFirst();
    if (Number(del.numDeletedRows) === 0) throw notFound();
    await trx
      .updateTable('preliminary_plans')
      .set({ status: 'submitted', updated_at: nowIso(now) })
      .where('id', '=', td.planId)
      .where('status', '=', 'selected')
      .execute();
    await audit(trx, ctx, {
      entityType: 'theme_day',
      entityId: td.id,
      action: 'delete',
      before: { planId: td.planId, baseId: td.host.id, title: td.title, startDate: td.startDate, endDate: td.endDate },
    });
    await audit(trx, ctx, {
      entityType: 'preliminary_plan',
      entityId: td.planId,
      action: 'deselect',
      before: { status: 'selected' },
      after: { status: 'submitted' },
    });
    await notifyUsers(
      trx,
      [...users.host, ...users.partners],
      {
        kind: 'theme_day_cancelled',
        title: `主题日「${td.title}」安排已取消`,
        body: `原定于${formatRange(td.startDate, td.endDate)}举办的主题日安排已取消。`,
        link: links.home(),
      },
      now,
    );
  });
}
