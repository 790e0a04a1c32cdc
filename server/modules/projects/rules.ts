/**
 * Pure rules of cooperation projects: follow-up due dates and answer windows (calendar months in Asia/Shanghai,
 * clamped at month ends, like the activity-plan due date), the programme's follow-up points and content areas.
 */
import { ProgrammeRules, defaultRules2020 } from '../../../common/programme-rules.ts';
import type { FollowUpState, FollowUpStatus } from '../../../common/contracts/projects.ts';
import { addCalendarMonths, addDays } from '../../../common/time.ts';
import { json } from '../../db/index.ts';

/** A party may answer from 14 days before the due date (when the first reminder goes out)… */
export const WINDOW_OPENS_DAYS_BEFORE = 14;
/** …until 30 days after it; within the window it may also correct its answer (audited). */
export const WINDOW_CLOSES_DAYS_AFTER = 30;

/** Due date of the follow-up `months` after signing: signed 2026-08-31 + 6 → 2027-02-28. */
export const followUpDueDate = (signedOn: string, months: number): string => addCalendarMonths(signedOn, months);

export const windowOf = (dueDate: string) => ({
  opensOn: addDays(dueDate, -WINDOW_OPENS_DAYS_BEFORE),
  closesOn: addDays(dueDate, WINDOW_CLOSES_DAYS_AFTER),
});

export function followUpState(f: { due_date: string; status: FollowUpStatus | null }, today: string): FollowUpState {
  const w = windowOf(f.due_date);
  if (f.status) return 'answered';
  if (today < w.opensOn) return 'upcoming';
  if (today <= f.due_date) return 'open';
  if (today <= w.closesOn) return 'overdue';
  return 'missed';
}

/** The rules of a stored programme (the defaults when absent or unreadable: a project without a theme day). */
export function rulesOf(text: string | null | undefined): ProgrammeRules {
  if (!text) return defaultRules2020;
  const r = ProgrammeRules.safeParse(json.parse<unknown>(text, null));
  return r.success ? r.data : defaultRules2020;
}
