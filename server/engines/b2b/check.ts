/**
 * Independent constraint checker for B2B schedules: it knows nothing of the solver and recomputes every
 * constraint and the break counts from the instance and the slot assignment alone.
 */
import type { Instance, Schedule } from './model.ts';
import { breaksOfSlots, sessionAllows } from './model.ts';

export type ViolationCode =
  | 'unplaced'
  | 'bad-slot'
  | 'session'
  | 'forbidden'
  | 'fixed'
  | 'participant-clash'
  | 'tables'
  | 'precedence'
  | 'fairness';

/** One broken constraint, with a readable reason (1-based numbers as a user sees them). */
export interface Violation {
  code: ViolationCode;
  message: string;
}

export interface CheckResult {
  /** True when there is no violation at all (every meeting placed, fairness included). */
  ok: boolean;
  violations: Violation[];
  /** Breaks per participant (over placed meetings). */
  breaks: number[];
  totalBreaks: number;
}

/** Check a schedule against every constraint and count breaks, so solver output can be trusted or rejected. */
export function checkSchedule(inst: Instance, schedule: Schedule | readonly number[]): CheckResult {
  const slotOf = Array.isArray(schedule) ? (schedule as readonly number[]) : (schedule as Schedule).slotOf;
  const violations: Violation[] = [];
  const S = inst.slots;
  const slotsOfP: number[][] = Array.from({ length: inst.participants }, () => []);
  const seen = new Map<string, number>();
  const load = new Array<number>(S).fill(0);
  if (slotOf.length !== inst.meetings.length) {
    violations.push({
      code: 'bad-slot',
      message: `schedule has ${slotOf.length} entries for ${inst.meetings.length} meetings`,
    });
  }
  inst.meetings.forEach((m, i) => {
    const s = slotOf[i];
    const name = `meeting ${i + 1} (participants ${m.a + 1} and ${m.b + 1})`;
    if (s === undefined || s === -1) {
      violations.push({ code: 'unplaced', message: `${name} has no slot` });
      return;
    }
    if (!Number.isInteger(s) || s < 0 || s >= S) {
      violations.push({ code: 'bad-slot', message: `${name} is in slot ${s + 1}, which does not exist` });
      return;
    }
    if (!sessionAllows(inst, m.session, s)) {
      violations.push({ code: 'session', message: `${name} must be in the ${m.session} but is in slot ${s + 1}` });
    }
    for (const p of [m.a, m.b]) {
      if (inst.forbidden[p]?.includes(s))
        violations.push({ code: 'forbidden', message: `${name}: slot ${s + 1} is forbidden for participant ${p + 1}` });
      const key = `${p}:${s}`;
      const other = seen.get(key);
      if (other !== undefined) {
        violations.push({
          code: 'participant-clash',
          message: `participant ${p + 1} has meetings ${other + 1} and ${i + 1} both in slot ${s + 1}`,
        });
      } else seen.set(key, i);
      slotsOfP[p]!.push(s);
    }
    const f = inst.fixed[i];
    if (f !== null && f !== undefined && f !== s)
      violations.push({ code: 'fixed', message: `${name} is fixed to slot ${f + 1} but is in slot ${s + 1}` });
    load[s]!++;
  });
  load.forEach((n, s) => {
    if (n > inst.tables)
      violations.push({
        code: 'tables',
        message: `slot ${s + 1} holds ${n} meetings but there are only ${inst.tables} tables`,
      });
  });
  for (const [before, after] of inst.precedences) {
    const sb = slotOf[before];
    const sa = slotOf[after];
    if (sb === undefined || sa === undefined || sb < 0 || sa < 0) continue;
    if (!(sb < sa)) {
      violations.push({
        code: 'precedence',
        message: `meeting ${before + 1} (slot ${sb + 1}) must come before meeting ${after + 1} (slot ${sa + 1})`,
      });
    }
  }
  const breaks = slotsOfP.map((list) => {
    const sorted = [...new Set(list)].sort((x, y) => x - y);
    return breaksOfSlots(sorted, inst.morningSlots, inst.lunch ?? 'counts');
  });
  const totalBreaks = breaks.reduce((x, y) => x + y, 0);
  if (breaks.length > 0) {
    let hi = 0;
    let lo = 0;
    breaks.forEach((b, p) => {
      if (b > breaks[hi]!) hi = p;
      if (b < breaks[lo]!) lo = p;
    });
    if (breaks[hi]! - breaks[lo]! > inst.fairness) {
      violations.push({
        code: 'fairness',
        message: `participant ${hi + 1} has ${breaks[hi]} breaks and participant ${lo + 1} has ${breaks[lo]}: the difference exceeds ${inst.fairness}`,
      });
    }
  }
  return { ok: violations.length === 0, violations, breaks, totalBreaks };
}
