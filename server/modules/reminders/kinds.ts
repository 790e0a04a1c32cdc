/**
 * The reminder kinds. A kind is data plus two functions: `plan` lists the jobs that should exist by now (each
 * with a key unique within the kind and the instant it is due), `run` does one due job inside the transaction
 * that took it. Adding a reminder is adding an entry here; the runner (service.ts) does the rest.
 *
 * Keys carry the date the reminder is about, so a moved deadline or session yields new jobs; a job planned
 * for the old date finds that its date changed and is recorded as skipped.
 *
 * The reminders about answering (reviews, meetings, surveys) are in participation-kinds.ts. Follow-ups of
 * cooperation projects are reminded by the projects module itself (projects/service.ts sendFollowUpReminders:
 * 14 days and 1 day before, and once overdue, each once by a unique key).
 */
import { links } from '../../../common/links.ts';
import { planDeadlineInstant } from '../../../common/programme-rules.ts';
import { activityPlanDueDate, addDays, formatShanghai, toShanghaiDate } from '../../../common/time.ts';
import { json } from '../../db/index.ts';
import { notifyUsers, usersWithRole } from '../notifications/service.ts';
import { at9, type PlannedJob, type ReminderKind } from './kind.ts';
import { meetingAgenda, meetingRequestExpiring, reviewPending, surveyClosing } from './participation-kinds.ts';
import { parseRules } from '../themedays/repository.ts';
import {
  basesWithoutSubmittedPlan,
  openProgrammes,
  programmeById,
  registeredPeople,
  sessionById,
  sessionsStartingBetween,
  themeDaysAwaitingActivityPlan,
} from './repository.ts';

export type { PlannedJob, ReminderKind, RunResult } from './kind.ts';

/** 14, 3 and 1 days before the plan deadline (417号: 6月30日前提交活动初步计划). */
export const PLAN_DEADLINE_DAYS = [14, 3, 1] as const;

const planDeadline: ReminderKind = {
  label: '活动初步计划截止提醒',
  async plan(db, now) {
    const today = toShanghaiDate(now);
    const out: PlannedJob[] = [];
    for (const p of await openProgrammes(db)) {
      const rules = parseRules(p.rules);
      if (planDeadlineInstant(rules) <= now) continue;
      const deadlineDate = rules.planDeadline.slice(0, 10);
      for (const days of PLAN_DEADLINE_DAYS) {
        const day = addDays(deadlineDate, -days);
        if (day < today) continue; // a reminder whose day has passed is not sent late
        out.push({
          key: `${p.id}:${rules.planDeadline}:${days}`,
          runAt: at9(day),
          payload: { programmeId: p.id, planDeadline: rules.planDeadline, days },
        });
      }
    }
    return out;
  },
  async run(trx, raw, now) {
    const payload = raw as { programmeId: string; planDeadline: string; days: number };
    const p = await programmeById(trx, payload.programmeId);
    if (!p || p.status !== 'open') return { skipped: 'programme_not_open' };
    const rules = parseRules(p.rules);
    if (rules.planDeadline !== payload.planDeadline) return { skipped: 'deadline_changed' };
    const deadline = planDeadlineInstant(rules);
    if (deadline <= now) return { skipped: 'deadline_passed' };
    const bases = await basesWithoutSubmittedPlan(trx, p.id, rules.eligibleBaseKinds);
    const byOrg = new Map<string, string[]>();
    for (const b of bases) {
      if (!b.organisation_id) continue;
      byOrg.set(b.organisation_id, [...(byOrg.get(b.organisation_id) ?? []), b.short_name]);
    }
    let notified = 0;
    for (const [orgId, names] of byOrg) {
      const users = await usersWithRole(trx, [orgId], ['base_admin']);
      await notifyUsers(
        trx,
        users,
        {
          kind: 'plan_deadline_reminder',
          title: `距${Number(p.year)}年主题日活动初步计划提交截止还有${payload.days}天`,
          body: `截止时间：北京时间${formatShanghai(deadline)}。尚未提交：${names.join('、')}。`,
          link: links.programmePlans(p.id),
        },
        now,
      );
      notified += users.length;
    }
    return { notified };
  },
};

/** The day before a session: everyone holding a place (not the waitlist). */
const eventTomorrow: ReminderKind = {
  label: '活动前一天提醒',
  async plan(db, now) {
    const today = toShanghaiDate(now);
    const horizon = new Date(now.getTime() + 3 * 24 * 60 * 60 * 1000);
    const out: PlannedJob[] = [];
    for (const s of await sessionsStartingBetween(db, now.toISOString(), horizon.toISOString())) {
      const day = addDays(toShanghaiDate(s.starts_at), -1);
      if (day < today) continue; // starts today: too late for "tomorrow"
      out.push({ key: `${s.id}:${s.starts_at}`, runAt: at9(day), payload: { sessionId: s.id, startsAt: s.starts_at } });
    }
    return out;
  },
  async run(trx, raw, now) {
    const payload = raw as { sessionId: string; startsAt: string };
    const s = await sessionById(trx, payload.sessionId);
    if (!s) return { skipped: 'session_gone' };
    if (s.starts_at !== payload.startsAt) return { skipped: 'session_moved' };
    if (s.starts_at <= now.toISOString()) return { skipped: 'session_started' };
    const people = await registeredPeople(trx, s.id);
    for (const r of people) {
      const where = r.attendance === 'online' ? '线上参加' : `地点：${s.venue ?? '见活动页面'}`;
      await notifyUsers(
        trx,
        [r.user_id],
        {
          kind: 'event_reminder',
          title: `明天举行：${s.title}`,
          body: `时间：北京时间${formatShanghai(s.starts_at)}；${where}。请携带报名凭证按时参加。`,
          link: links.eventPass(r.id),
        },
        now,
      );
    }
    return { notified: people.length };
  },
};

/** 7 days and 1 day before the activity plan is due (417号 三(三): 于活动开始1个月前报送). */
export const ACTIVITY_PLAN_DAYS = [7, 1] as const;
const FILED = new Set(['submitted', 'approved']);

const activityPlanDue: ReminderKind = {
  label: '活动方案报送提醒',
  async plan(db, now) {
    const today = toShanghaiDate(now);
    const out: PlannedJob[] = [];
    for (const td of await themeDaysAwaitingActivityPlan(db, today)) {
      if (td.plan_status && FILED.has(td.plan_status)) continue;
      const { dueDate } = activityPlanDueDate(td.start_date, parseRules(td.rules).activityPlanLeadMonths);
      for (const days of ACTIVITY_PLAN_DAYS) {
        const day = addDays(dueDate, -days);
        if (day < today) continue;
        out.push({
          key: `${td.id}:${dueDate}:${days}`,
          runAt: at9(day),
          payload: { themeDayId: td.id, dueDate, days },
        });
      }
    }
    return out;
  },
  async run(trx, raw, now) {
    const payload = raw as { themeDayId: string; dueDate: string; days: number };
    const [td] = await themeDaysAwaitingActivityPlan(trx, toShanghaiDate(now), payload.themeDayId);
    if (!td) return { skipped: 'theme_day_gone_or_past' };
    if (td.plan_status && FILED.has(td.plan_status)) return { skipped: 'filed' };
    const due = activityPlanDueDate(td.start_date, parseRules(td.rules).activityPlanLeadMonths);
    if (due.dueDate !== payload.dueDate) return { skipped: 'due_date_changed' };
    if (!td.organisation_id) return { notified: 0 };
    const users = await usersWithRole(trx, [td.organisation_id], ['base_admin']);
    await notifyUsers(
      trx,
      users,
      {
        kind: 'activity_plan_due_reminder',
        title: `「${td.title}」活动方案还有${payload.days}天截止报送`,
        body: `活动方案须于${formatShanghai(due.dueDate, 'date')}（含当日）前报送国家发展改革委${
          td.plan_status === 'returned' ? '；方案已被退回，请修改后重新报送' : ''
        }。`,
        link: links.activityPlan(td.id),
      },
      now,
    );
    return { notified: users.length };
  },
};

export const REMINDER_KINDS: Record<string, ReminderKind> = {
  plan_deadline: planDeadline,
  event_tomorrow: eventTomorrow,
  activity_plan_due: activityPlanDue,
  review_pending: reviewPending,
  meeting_agenda: meetingAgenda,
  meeting_request_expiring: meetingRequestExpiring,
  survey_closing: surveyClosing,
};

export const parsePayload = (s: string): unknown => json.parse<unknown>(s, null);
