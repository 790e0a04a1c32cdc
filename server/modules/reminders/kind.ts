/** The shape of a reminder kind (kinds.ts lists them; service.ts plans and runs them). */
import { shanghaiToUtc } from '../../../common/time.ts';
import type { Executor } from '../../db/index.ts';

export interface PlannedJob {
  key: string;
  runAt: Date;
  payload: unknown;
}

export interface RunResult {
  /** Why the job no longer applies (recorded as skipped), or undefined when it ran. */
  skipped?: string;
  notified?: number;
}

export interface ReminderKind {
  /** Chinese name, for logs and the audit trail. */
  label: string;
  plan(db: Executor, now: Date): Promise<PlannedJob[]>;
  run(trx: Executor, payload: unknown, now: Date): Promise<RunResult>;
}

/** Reminders go out at 09:00 Beijing time on their day. */
export const at9 = (date: string): Date => shanghaiToUtc(`${date}T09:00`);

/** The agenda for tomorrow goes out at 17:00 Beijing time, after the day's scheduling changes. */
export const at17 = (date: string): Date => shanghaiToUtc(`${date}T17:00`);
