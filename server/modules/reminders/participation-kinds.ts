/**
 * Reminders about answering (issue 12 §2): reviews not yet submitted, tomorrow's 1:1 meeting agenda, meeting
 * requests about to expire, and satisfaction surveys about to close. Each kind plans jobs keyed by the record
 * and the date it is about (so a moved date yields a new job and the old one is skipped), and re-checks in
 * `run` that the person still has something to do — a review submitted, a request answered or a survey
 * answered before the reminder is due sends nothing.
 */
import { links } from '../../../common/links.ts';
import { addDays, formatShanghai, toShanghaiDate } from '../../../common/time.ts';
import { json } from '../../db/index.ts';
import { notifyUsers } from '../notifications/service.ts';
import { at17, at9, type PlannedJob, type ReminderKind } from './kind.ts';
import {
  meetingRequestFacts,
  meetingSessionById,
  meetingSessionsOn,
  pendingRequestsExpiring,
  reviewsAwaiting,
  scheduledMeetings,
  surveyFacts,
  surveysClosing,
  unansweredInvitees,
} from './repository.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Reviews carry no deadline in the programme rules (the notice sets none: NDRC decides once the reviews are
 * in), so a reviewer is reminded 3 and 7 days after the assignment while the review is still not submitted.
 */
export const REVIEW_REMINDER_DAYS = [3, 7] as const;

export const reviewPending: ReminderKind = {
  label: '评审意见待提交提醒',
  async plan(db, now) {
    const today = toShanghaiDate(now);
    const out: PlannedJob[] = [];
    for (const r of await reviewsAwaiting(db)) {
      const assigned = toShanghaiDate(r.assigned_at);
      for (const days of REVIEW_REMINDER_DAYS) {
        const day = addDays(assigned, days);
        if (day < today) continue;
        out.push({ key: `${r.id}:${days}`, runAt: at9(day), payload: { assignmentId: r.id, days } });
      }
    }
    return out;
  },
  async run(trx, raw, now) {
    const payload = raw as { assignmentId: string; days: number };
    const [r] = await reviewsAwaiting(trx, payload.assignmentId);
    if (!r) return { skipped: 'submitted_or_closed' };
    await notifyUsers(
      trx,
      [r.reviewer_user_id],
      {
        kind: 'review_pending_reminder',
        title: `请尽快提交对${r.short_name}活动初步计划的评审意见`,
        body: `该评审任务于${formatShanghai(r.assigned_at, 'date')}指派给您，已${payload.days}天尚未提交。${Number(
          r.year,
        )}年承办基地须在评审意见齐备后确定。`,
        link: links.review(r.id),
      },
      now,
    );
    return { notified: 1 };
  },
};

/** Slot times and places as the agenda shows them. */
const hhmm = (iso: string) => formatShanghai(iso).slice(-5);
const placeOf = (location: number | null, tables: number) =>
  location === null ? '' : location <= tables ? `，${location}号桌` : `，线上洽谈室${location - tables}`;

/** The day before a 1:1 meeting session (17:00 Beijing time): each participant's confirmed meetings. */
export const meetingAgenda: ReminderKind = {
  label: '一对一洽谈日程提醒',
  async plan(db, now) {
    const today = toShanghaiDate(now);
    const out: PlannedJob[] = [];
    for (const s of await meetingSessionsOn(db, addDays(today, 1), addDays(today, 3))) {
      const day = addDays(s.date, -1);
      out.push({ key: `${s.id}:${s.date}`, runAt: at17(day), payload: { sessionId: s.id, date: s.date } });
    }
    return out;
  },
  async run(trx, raw, now) {
    const payload = raw as { sessionId: string; date: string };
    const s = await meetingSessionById(trx, payload.sessionId);
    if (!s || s.status !== 'open') return { skipped: 'session_closed' };
    if (s.date !== payload.date) return { skipped: 'session_moved' };
    if (s.date <= toShanghaiDate(now)) return { skipped: 'session_started' };
    // In organiser mode the grid is not final until it is published; self-booked meetings are final at once.
    if (s.mode !== 'self_booking' && !s.published_at) return { skipped: 'not_published' };
    const slots = json.parse<{ startsAt: string; endsAt: string }[]>(s.slots, []);
    const tables = Number(s.tables);
    const byUser = new Map<string, string[]>();
    for (const m of await scheduledMeetings(trx, s.id)) {
      const slot = slots[Number(m.slot_index)];
      if (!slot) continue;
      const when = `${hhmm(slot.startsAt)}–${hhmm(slot.endsAt)}`;
      const place = placeOf(m.location === null ? null : Number(m.location), tables);
      const add = (user: string, line: string) => byUser.set(user, [...(byUser.get(user) ?? []), line]);
      add(m.a_user, `${when} 与${m.b_org}（${m.b_name}）${place}`);
      add(m.b_user, `${when} 与${m.a_org}（${m.a_name}）${place}`);
    }
    for (const [user, lines] of byUser) {
      await notifyUsers(
        trx,
        [user],
        {
          kind: 'meeting_agenda_reminder',
          title: `明天的一对一洽谈安排：${s.title}`,
          body: `${formatShanghai(s.date, 'date')}${s.venue ? `，${s.venue}` : ''}，共${lines.length}场（北京时间）：${lines.join('；')}。`,
          link: links.meetingSession(s.id),
        },
        now,
      );
    }
    return { notified: byUser.size };
  },
};

/** A pending meeting request's recipient is reminded this long before it expires. */
export const REQUEST_EXPIRY_NOTICE_HOURS = 24;

export const meetingRequestExpiring: ReminderKind = {
  label: '洽谈邀约即将过期提醒',
  async plan(db, now) {
    const notice = REQUEST_EXPIRY_NOTICE_HOURS * HOUR_MS;
    const horizon = new Date(now.getTime() + notice + 3 * DAY_MS).toISOString();
    const out: PlannedJob[] = [];
    for (const r of await pendingRequestsExpiring(db, now.toISOString(), horizon)) {
      const runAt = new Date(new Date(r.expires_at).getTime() - notice);
      // A request that lives no longer than the notice: the invitation itself named the deadline.
      if (runAt.getTime() <= new Date(r.created_at).getTime()) continue;
      out.push({ key: `${r.id}:${r.expires_at}`, runAt, payload: { requestId: r.id, expiresAt: r.expires_at } });
    }
    return out;
  },
  async run(trx, raw, now) {
    const payload = raw as { requestId: string; expiresAt: string };
    const r = await meetingRequestFacts(trx, payload.requestId);
    if (!r || r.status !== 'pending') return { skipped: 'answered' };
    if (r.expires_at !== payload.expiresAt) return { skipped: 'expiry_changed' };
    if (r.expires_at <= now.toISOString()) return { skipped: 'expired' };
    await notifyUsers(
      trx,
      [r.recipient_user],
      {
        kind: 'meeting_request_expiring_reminder',
        title: `洽谈邀约即将过期：${r.requester_org}`,
        body: `${r.requester_name}（${r.requester_org}）在「${r.session_title}」向您发出的一对一洽谈邀约将于北京时间${formatShanghai(
          r.expires_at,
        )}过期，请尽快接受或婉拒。`,
        link: links.meetingSession(r.session_id),
      },
      now,
    );
    return { notified: 1 };
  },
};

/** 3 days and 1 day before a satisfaction survey closes. */
export const SURVEY_CLOSING_DAYS = [3, 1] as const;

export const surveyClosing: ReminderKind = {
  label: '满意度问卷截止提醒',
  async plan(db, now) {
    const today = toShanghaiDate(now);
    const horizon = new Date(now.getTime() + 5 * DAY_MS).toISOString();
    const out: PlannedJob[] = [];
    for (const s of await surveysClosing(db, now.toISOString(), horizon)) {
      for (const days of SURVEY_CLOSING_DAYS) {
        const day = addDays(toShanghaiDate(s.closes_at), -days);
        if (day < today) continue;
        const runAt = at9(day);
        if (runAt.toISOString() >= s.closes_at) continue;
        out.push({ key: `${s.id}:${s.closes_at}:${days}`, runAt, payload: { surveyId: s.id, closesAt: s.closes_at } });
      }
    }
    return out;
  },
  async run(trx, raw, now) {
    const payload = raw as { surveyId: string; closesAt: string };
    const s = await surveyFacts(trx, payload.surveyId);
    if (!s || s.status !== 'open') return { skipped: 'survey_closed' };
    if (s.closes_at !== payload.closesAt) return { skipped: 'closing_changed' };
    if (s.closes_at <= now.toISOString()) return { skipped: 'survey_closed' };
    const people = await unansweredInvitees(trx, s.id, now.toISOString());
    // The answer link is personal and stored only as a hash: the reminder points to the invitation holding it.
    await notifyUsers(
      trx,
      people,
      {
        kind: 'survey_closing_reminder',
        title: `请于${formatShanghai(s.closes_at, 'date')}前填写${s.title}满意度问卷`,
        body: `问卷将于北京时间${formatShanghai(s.closes_at)}截止，您尚未填写。请在消息中心打开「${s.title}满意度调查」通知，使用其中的专属链接填写，约需3分钟。`,
        link: links.notifications(),
      },
      now,
    );
    return { notified: people.length };
  },
};
