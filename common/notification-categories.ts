/**
 * Issue 12 §2: notification categories and delivery channels with their Chinese labels, the defaults and the
 * category of each notification kind — without zod, so the i18n strings in the portal's first load can use the
 * labels (common/contracts/notification-preferences.ts re-exports all of it beside the request schemas).
 */
export const NOTIFICATION_CATEGORIES = ['deadline', 'decision', 'task', 'event', 'account', 'general'] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];
export const NOTIFICATION_CATEGORY_LABELS: Record<NotificationCategory, string> = {
  deadline: '截止提醒',
  decision: '审核与决定结果',
  task: '待我处理的事项',
  event: '活动与对接安排',
  account: '账号安全',
  general: '其他通知',
};

/** Channels beside in-app (which is always on). */
export const DELIVERY_CHANNELS = ['email', 'sms'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];
export const DELIVERY_CHANNEL_LABELS: Record<DeliveryChannel, string> = { email: '电子邮件', sms: '短信' };

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = {
  pending: '待发送',
  sent: '已发送',
  failed: '发送失败',
};

/** Defaults when the user has chosen nothing: e-mail for deadlines, decisions and account security; SMS off. */
export const DEFAULT_PREFERENCES: Record<NotificationCategory, Record<DeliveryChannel, boolean>> = {
  deadline: { email: true, sms: false },
  decision: { email: true, sms: false },
  task: { email: false, sms: false },
  event: { email: false, sms: false },
  account: { email: true, sms: false },
  general: { email: false, sms: false },
};

const CATEGORY_OF_KIND: Record<string, NotificationCategory> = {
  plan_deadline_reminder: 'deadline',
  event_reminder: 'deadline',
  plan_to_submit: 'deadline',
  review_pending: 'deadline',
  project_follow_up: 'deadline',
  project_follow_ups_overdue: 'deadline',
  theme_day_follow_ups_overdue: 'deadline',
  review_pending_reminder: 'deadline',
  survey_closing_reminder: 'deadline',
  meeting_request_expiring_reminder: 'task',
  meeting_agenda_reminder: 'event',
  plan_returned: 'decision',
  plan_withdrawn: 'decision',
  theme_day_selected: 'decision',
  theme_day_rescheduled: 'decision',
  theme_day_cancelled: 'decision',
  activity_plan_approved: 'decision',
  activity_plan_returned: 'decision',
  news_approved: 'decision',
  news_returned: 'decision',
  roadshow_project_accepted: 'decision',
  roadshow_project_rejected: 'decision',
  exhibition_booth_approved: 'decision',
  exhibition_booth_rejected: 'decision',
  project_confirmed: 'decision',
  project_declined: 'decision',
  meeting_request_accepted: 'decision',
  meeting_request_declined: 'decision',
  exhibition_contact_accepted: 'decision',
  exhibition_contact_declined: 'decision',
  confidentiality_review: 'decision',
  case_agreed: 'decision',
  organisation_verified: 'decision',
  organisation_rejected: 'decision',
  join_request_approved: 'decision',
  join_request_declined: 'decision',
  review_assigned: 'task',
  review_unassigned: 'task',
  plan_submitted: 'task',
  plan_resubmitted: 'task',
  plan_needs_reviewers: 'task',
  plan_awaiting_decision: 'task',
  plan_reviews_completed: 'task',
  activity_plan_submitted: 'task',
  activity_plan_to_approve: 'task',
  meeting_request: 'task',
  exhibition_contact_requested: 'task',
  exhibition_booth_submitted: 'task',
  news_submitted: 'task',
  project_to_confirm: 'task',
  project_candidate: 'task',
  case_consent_requested: 'task',
  alliance_invitation: 'task',
  demand_response: 'task',
  resource_request: 'task',
  result_application: 'task',
  consortium: 'task',
  roadshow_judge_invited: 'task',
  survey_invitation: 'task',
  nomination_proposed: 'task',
  organisation_to_verify: 'task',
  join_request: 'task',
  registration_promoted: 'event',
  registration_waitlisted: 'event',
  session_online_only: 'event',
  meeting_scheduled: 'event',
  meeting_schedule_published: 'event',
  meeting_schedule_changed: 'event',
  meeting_changed: 'event',
  meeting_cancelled: 'event',
  meeting_unplaced: 'event',
  roadshow_results_published: 'event',
  theme_day_partner: 'event',
  programme_opened: 'event',
  programme_closed: 'event',
  account_locked: 'account',
  password_reset: 'account',
  membership_added: 'account',
};

/** The category of a notification kind; a kind not listed is 'general'. */
export function notificationCategory(kind: string): NotificationCategory {
  return CATEGORY_OF_KIND[kind] ?? (kind.endsWith('_reminder') ? 'deadline' : 'general');
}
