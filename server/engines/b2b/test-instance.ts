/**
 * Test-only helpers: a small instance with sensible defaults (no AM/PM split, 10 tables, nothing forbidden or
 * fixed), random tiny instances and their optimum by enumeration.
 */
import { checkSchedule } from './check.ts';
import type { Instance, Meeting } from './model.ts';
import { createRng } from '../../../common/rng.ts';

/**
 * Participant 0 meets 1 in the morning (slots 0-1) and 2 in the afternoon (slots 2-3); slots 1 and 2, around
 * lunch, are forbidden for 0, so its meetings are two slots apart at best: one break when the lunch gap counts,
 * none with lunch 'free'.
 */
export function lunchPair(): Instance {
  return inst({
    participants: 3,
    slots: 4,
    morningSlots: 2,
    tables: 1,
    meetings: [
      { a: 0, b: 1, session: 'morning' },
      { a: 0, b: 2, session: 'afternoon' },
    ],
    forbidden: [[1, 2], [], []],
  });
}

/**
 * A star around participant 0 (three meetings in four slots, slot 1 forbidden for it): 0 has at least one break
 * while the leaves (one meeting each) have none, so with fairness d = 0 no schedule exists.
 */
export function fairnessStar(): Instance {
  const any = (a: number, b: number): Meeting => ({ a, b, session: 'any' });
  return inst({
    participants: 4,
    slots: 4,
    tables: 3,
    meetings: [any(0, 1), any(0, 2), any(0, 3)],
    forbidden: [[1], [], [], []],
    fairness: 0,
  });
}

export function inst(partial: Partial<Instance> & Pick<Instance, 'participants' | 'meetings' | 'slots'>): Instance {
  return {
    morningSlots: partial.slots,
    tables: 10,
    forbidden: Array.from({ length: partial.participants }, () => []),
    fixed: partial.meetings.map(() => null),
    precedences: [],
    fairness: 2,
    ...partial,
  };
}

/**
 * The least `cost` of a valid schedule over every assignment of slots (null when no valid schedule exists), by
 * enumeration.
 */
export function bruteForceMin(i: Instance, cost: (c: ReturnType<typeof checkSchedule>) => number): number | null {
  const M = i.meetings.length;
  const slotOf = new Array<number>(M).fill(0);
  let best: number | null = null;
  const rec = (m: number) => {
    if (m === M) {
      const c = checkSchedule(i, slotOf);
      if (!c.ok) return;
      const n = cost(c);
      if (best === null || n < best) best = n;
      return;
    }
    for (let s = 0; s < i.slots; s++) {
      slotOf[m] = s;
      rec(m + 1);
    }
  };
  rec(0);
  return best;
}

/** Fewest breaks over every valid schedule. */
export const bruteForce = (i: Instance) => bruteForceMin(i, (c) => c.totalBreaks);
/** Fewest participants with at least one break over every valid schedule. */
export const bruteForceBroken = (i: Instance) => bruteForceMin(i, (c) => c.breaks.filter((b) => b > 0).length);

/** A random tiny instance (at most 6^6 assignments), with sessions, forbidden and fixed slots, precedences. */
export function randomTiny(seed: number): Instance {
  const rnd = createRng(seed);
  const P = 3 + Math.floor(rnd() * 3);
  const S = 4 + Math.floor(rnd() * 3);
  const M = 4 + Math.floor(rnd() * 3);
  const meetings: Meeting[] = [];
  while (meetings.length < M) {
    const a = Math.floor(rnd() * P);
    const b = Math.floor(rnd() * P);
    if (a === b) continue;
    const r = rnd();
    meetings.push({ a, b, session: r < 0.15 ? 'morning' : r < 0.3 ? 'afternoon' : 'any' });
  }
  const forbidden = Array.from({ length: P }, () => (rnd() < 0.3 ? [Math.floor(rnd() * S)] : []));
  const fixed = meetings.map(() => (rnd() < 0.1 ? Math.floor(rnd() * S) : null));
  const precedences: [number, number][] = rnd() < 0.5 ? [[0, 1]] : [];
  return inst({
    participants: P,
    slots: S,
    morningSlots: rnd() < 0.5 ? S : 2,
    tables: 1 + Math.floor(rnd() * 3),
    meetings,
    forbidden,
    fixed,
    precedences,
    fairness: rnd() < 0.3 ? 0 : 2,
    lunch: rnd() < 0.3 ? 'free' : 'counts',
  });
}
