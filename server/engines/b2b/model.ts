/**
 * Plain data types of the B2B (1:1 business meeting) scheduling problem.
 *
 * Everything here is 0-based: participants are 0..participants-1, meetings 0..meetings.length-1 and
 * slots 0..slots-1. Slots 0..morningSlots-1 form the morning session, morningSlots..slots-1 the
 * afternoon session (morningSlots === slots when the event has no morning/afternoon split).
 * The MiniZinc files use 1-based numbers; dzn.ts converts.
 */

/** When a meeting may take place. */
export type Session = 'morning' | 'afternoon' | 'any';

/** One requested 1:1 meeting between two different participants. */
export interface Meeting {
  /** First participant (0-based). */
  a: number;
  /** Second participant (0-based), different from `a`. */
  b: number;
  session: Session;
}

/** Whether idle time spanning the lunch boundary counts as a break (see README of the engine / breaks.ts). */
export type LunchPolicy = 'counts' | 'free';

/** A complete problem instance. */
export interface Instance {
  /** Number of participants. */
  participants: number;
  meetings: Meeting[];
  /** Number of time slots in the day. */
  slots: number;
  /** Number of morning slots (= slots when there is no split). */
  morningSlots: number;
  /** Number of tables/locations: the most meetings that can run in one slot. */
  tables: number;
  /** Per participant, the 0-based slots in which they cannot meet (sorted, unique). */
  forbidden: number[][];
  /** Per meeting, the 0-based slot it is fixed to, or null when free. */
  fixed: (number | null)[];
  /** Precedence pairs [before, after] of meeting ids: slot(before) < slot(after). */
  precedences: [number, number][];
  /** Fairness: |breaks(p) - breaks(q)| <= fairness for all participants p, q (the paper's d, default 2). */
  fairness: number;
  /**
   * How the idle time between a participant's last morning meeting and first afternoon meeting is counted.
   * 'counts' (default, the paper's model): the day is one line of slots, so that idle stretch is a break like
   * any other. 'free': each session is judged on its own and idle time at the lunch boundary is free.
   */
  lunch?: LunchPolicy;
}

/** A schedule: the slot of every meeting, or -1 when the meeting is not placed. */
export interface Schedule {
  slotOf: number[];
}

/** Options every whole-model exact run takes (CaDiCaL's questions in exact-sat.ts, Z3's MaxSAT in exact-maxsat.ts). */
export interface SolverRunOptions {
  /** Per meeting, its allowed slots (analyse.ts). */
  domains: readonly (readonly number[])[];
  /** Absolute deadline on the `now` clock. */
  deadline: number;
  now?: () => number;
  shouldStop?: () => boolean;
  /** Called every few hundred milliseconds while the solver runs, e.g. to show the time. */
  onTick?: () => void;
}

/** What a whole-model exact run ends with; its schedule is verified by check.ts before it is returned. */
export interface SolverRun {
  status: 'optimal' | 'infeasible' | 'stopped' | 'error';
  best?: { slotOf: number[]; breaks: number };
  /** Lower bound on the total breaks the run proved. */
  lowerBound: number;
  seconds: number;
  message?: string;
}

/** The default fairness bound d of the paper. */
export const DEFAULT_FAIRNESS = 2;

/** True when a meeting with this session may be held in this slot (session only, no other constraints). */
export function sessionAllows(inst: Instance, session: Session, slot: number): boolean {
  if (slot < 0 || slot >= inst.slots) return false;
  if (session === 'any') return true;
  return session === 'morning' ? slot < inst.morningSlots : slot >= inst.morningSlots;
}

/** Meeting ids per participant, computed once because nearly every algorithm needs them. */
export function meetingsByParticipant(inst: Instance): number[][] {
  const out: number[][] = Array.from({ length: inst.participants }, () => []);
  inst.meetings.forEach((m, i) => {
    out[m.a]?.push(i);
    out[m.b]?.push(i);
  });
  return out;
}

/**
 * Number of breaks of one participant given the sorted list of slots they meet in.
 * A break is a maximal run of idle slots between two consecutive meetings; with lunch 'free' a run that
 * contains the morning/afternoon boundary is not counted.
 */
export function breaksOfSlots(
  sortedSlots: readonly number[],
  morningSlots: number,
  lunch: LunchPolicy = 'counts',
): number {
  let breaks = 0;
  for (let i = 1; i < sortedSlots.length; i++) {
    const prev = sortedSlots[i - 1]!;
    const cur = sortedSlots[i]!;
    if (cur - prev > 1) {
      if (lunch === 'free' && prev < morningSlots && cur >= morningSlots) continue;
      breaks++;
    }
  }
  return breaks;
}
