import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { participantMinBreaks, analyse, maxMatching, slotCoverageBound } from './analyse.ts';
import { checkSchedule } from './check.ts';
import { parseB2bDzn } from './dzn.ts';
import type { Instance, Meeting } from './model.ts';
import { inst, lunchPair } from './test-instance.ts';
import { hungarian, solve } from './solve.ts';
import { createRng } from '../../../common/rng.ts';

const DATA = join(import.meta.dirname, '..', '..', '..', 'bench', 'data', 'b2b');

const any = (a: number, b: number): Meeting => ({ a, b, session: 'any' });

/** Round-robin of n participants: every pair meets once. */
function roundRobin(n: number): Meeting[] {
  const out: Meeting[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out.push(any(i, j));
  return out;
}

function expectValid(i: Instance, slotOf: number[], breaks: number) {
  const c = checkSchedule(i, slotOf);
  expect(c.violations).toEqual([]);
  expect(c.totalBreaks).toBe(breaks);
}

describe('solve: small instances with known optima', () => {
  it('triangle: three participants meeting pairwise need exactly one break', () => {
    const i = inst({ participants: 3, slots: 3, tables: 1, meetings: [any(0, 1), any(0, 2), any(1, 2)] });
    const r = solve(i, { timeLimitMs: 500, seed: 7 });
    expect(r.feasible).toBe(true);
    expect(r.breaks).toBe(1); // whoever is not in the middle meeting waits one slot
    expectValid(i, r.slotOf, 1);
    // Each participant alone could have 0 breaks, but all three would need the middle slot, which holds one
    // meeting serving two of them: the slot-coverage bound proves the break.
    expect(r.lowerBound).toBe(1);
    expect(r.provedOptimal).toBe(true);
  });

  it('round robin of 6 in 5 slots (a 1-factorisation) has 0 breaks and is proved optimal', () => {
    const i = inst({ participants: 6, slots: 5, tables: 3, meetings: roundRobin(6) });
    const r = solve(i, { timeLimitMs: 3000, seed: 1 });
    expect(r.feasible).toBe(true);
    expect(r.breaks).toBe(0);
    expect(r.provedOptimal).toBe(true);
    expectValid(i, r.slotOf, 0);
  });

  it('a forbidden slot in the middle forces a break that the lower bound proves', () => {
    const i = inst({
      participants: 3,
      slots: 3,
      tables: 2,
      meetings: [any(0, 1), any(0, 2)],
      forbidden: [[1], [], []],
    });
    const r = solve(i, { timeLimitMs: 500 });
    expect(r.feasible).toBe(true);
    expect(r.breaks).toBe(1);
    expect(r.lowerBound).toBe(1);
    expect(r.provedOptimal).toBe(true);
  });

  it('respects sessions, fixed meetings and precedences', () => {
    const i = inst({
      participants: 4,
      slots: 6,
      morningSlots: 3,
      tables: 1,
      meetings: [
        { a: 0, b: 1, session: 'afternoon' },
        { a: 0, b: 2, session: 'morning' },
        any(0, 3),
        any(1, 2),
        any(2, 3),
        any(1, 3),
      ],
      fixed: [null, null, 2, null, null, null],
      precedences: [
        [3, 4],
        [4, 5],
      ],
    });
    const r = solve(i, { timeLimitMs: 1000 });
    expect(r.feasible).toBe(true);
    expect(r.slotOf[2]).toBe(2);
    expect(r.slotOf[3]!).toBeLessThan(r.slotOf[4]!);
    expect(r.slotOf[4]!).toBeLessThan(r.slotOf[5]!);
    expectValid(i, r.slotOf, r.breaks);
  });

  it('tables: the lunch gap counts, so two sessions need one break each for a two-session participant', () => {
    // Participant 0 must meet once in the morning (slots 0-1) and once in the afternoon (2-3) with forbidden
    // slots 1 and 2 around lunch: one break; with lunch "free" none.
    const base = lunchPair();
    expect(solve(base, { timeLimitMs: 300 }).breaks).toBe(1);
    const free = solve({ ...base, lunch: 'free' }, { timeLimitMs: 300 });
    expect(free.breaks).toBe(0);
    expect(free.provedOptimal).toBe(true);
  });
});

describe('solve: infeasible instances', () => {
  it('proves infeasibility by pigeonhole and still places what it can', () => {
    const i = inst({ participants: 4, slots: 2, tables: 5, meetings: [any(0, 1), any(0, 2), any(0, 3)] });
    const r = solve(i, { timeLimitMs: 500 });
    expect(r.feasible).toBe(false);
    expect(r.provedInfeasible).toBe(true);
    expect(r.reasons.map((x) => x.code)).toContain('participant-slots');
    expect(r.reasons[0]?.message).toBe('participant 1 has 3 meetings but only 2 allowed slots');
    expect(r.slotOf.filter((s) => s >= 0).length).toBe(2);
    const c = checkSchedule(i, r.slotOf);
    expect(c.violations.every((v) => v.code === 'unplaced')).toBe(true);
  });

  it('detects precedence cycles, fixed clashes, table shortage and fairness impossibility', () => {
    const cyc = inst({
      participants: 4,
      slots: 4,
      meetings: [any(0, 1), any(2, 3)],
      precedences: [
        [0, 1],
        [1, 0],
      ],
    });
    expect(solve(cyc, { timeLimitMs: 200 }).reasons.map((x) => x.code)).toContain('precedence-cycle');
    const clash = inst({ participants: 3, slots: 4, meetings: [any(0, 1), any(0, 2)], fixed: [1, 1] });
    const rc = solve(clash, { timeLimitMs: 200 });
    expect(rc.provedInfeasible).toBe(true);
    expect(rc.reasons.map((x) => x.code)).toContain('fixed-clash');
    const tables = inst({
      participants: 10,
      slots: 2,
      tables: 2,
      meetings: [any(0, 1), any(2, 3), any(4, 5), any(6, 7), any(8, 9)],
    });
    const rt = solve(tables, { timeLimitMs: 200 });
    expect(rt.reasons.map((x) => x.code)).toContain('tables');
    expect(rt.slotOf.filter((s) => s >= 0).length).toBe(4);
    // Participant 1 meets 4 times in slots 1,3,5,7 only (3 breaks) while participant 3 has no meeting: d = 2 is impossible.
    const fair = inst({
      participants: 3,
      slots: 7,
      meetings: [any(0, 1), any(0, 1), any(0, 1), any(0, 1)],
      forbidden: [[1, 3, 5], [], []],
    });
    const rf = solve(fair, { timeLimitMs: 200 });
    expect(rf.provedInfeasible).toBe(true);
    expect(rf.reasons.map((x) => x.code)).toContain('fairness');
  });
});

describe('solve: determinism and anytime behaviour', { timeout: 30_000 }, () => {
  const text = readFileSync(join(DATA, 'forum-13crafb.original.dzn'), 'utf8');
  const { instance } = parseB2bDzn(text);

  it('is deterministic for a seed', () => {
    const a = solve(instance, { seed: 42, maxIterations: 30_000, timeLimitMs: 60_000 });
    const b = solve(instance, { seed: 42, maxIterations: 30_000, timeLimitMs: 60_000 });
    expect(a.slotOf).toEqual(b.slotOf);
    expect(a.breaks).toBe(b.breaks);
    expect(a.iterations).toBe(b.iterations);
    expectValid(instance, a.slotOf, a.breaks);
  });

  it('stops at the time limit with a valid schedule and reports progress', () => {
    const progress: number[] = [];
    const t0 = performance.now();
    const r = solve(instance, {
      timeLimitMs: 400,
      onProgress: (p) => progress.push(p.elapsedMs),
      progressIntervalMs: 50,
    });
    const took = performance.now() - t0;
    expect(took).toBeLessThan(2000);
    expect(r.feasible).toBe(true);
    expect(r.lowerBound).toBe(3);
    expect(progress.length).toBeGreaterThan(1);
    expectValid(instance, r.slotOf, r.breaks);
  });

  it('honours shouldStop and an abort signal', () => {
    let calls = 0;
    const r = solve(instance, { timeLimitMs: 60_000, shouldStop: () => ++calls > 20 });
    expect(r.elapsedMs).toBeLessThan(5000);
    const ac = new AbortController();
    ac.abort();
    const r2 = solve(instance, { timeLimitMs: 60_000, signal: ac.signal });
    expect(r2.elapsedMs).toBeLessThan(5000);
    expect(r2.feasible).toBe(false);
    expect(r2.provedInfeasible).toBe(false);
    expect(['not-found', 'fairness-not-reached']).toContain(r2.reasons[0]?.code);
  });
});

describe('hungarian (min-cost perfect matching, one reused workspace)', () => {
  /** Cheapest assignment by trying every permutation. */
  const bruteForce = (n: number, a: Float64Array): number => {
    let best = Infinity;
    const used = new Array<boolean>(n).fill(false);
    const go = (row: number, cost: number): void => {
      if (row === n) {
        best = Math.min(best, cost);
        return;
      }
      for (let j = 0; j < n; j++) {
        if (used[j]) continue;
        used[j] = true;
        go(row + 1, cost + a[row * n + j]!);
        used[j] = false;
      }
    };
    go(0, 0);
    return best;
  };

  it('matches brute force while the sizes grow and shrink between calls', () => {
    const rng = createRng(7);
    // Growing, shrinking and growing again: a workspace left dirty by a larger call would show here.
    for (const n of [1, 3, 7, 2, 5, 7, 4, 1, 6]) {
      for (let k = 0; k < 6; k++) {
        // Every other matrix on a far larger scale, so potentials left over from it would be wrong for the next.
        const scale = k % 2 === 0 ? 1 : 1000;
        const a = new Float64Array(n * n);
        for (let i = 0; i < n * n; i++) a[i] = scale * Math.floor(rng() * 20) + (rng() < 0.1 ? 1e6 : 0);
        const assign = new Int32Array(n);
        const cost = hungarian(n, a, assign);
        expect(cost).toBe(bruteForce(n, a));
        expect(new Set(assign).size).toBe(n);
        let sum = 0;
        for (let i = 0; i < n; i++) sum += a[i * n + assign[i]!]!;
        expect(sum).toBe(cost);
      }
    }
  });
});

describe('lower bound', () => {
  it('finds the per-participant minimum number of breaks', () => {
    const i = inst({ participants: 2, slots: 8, meetings: [any(0, 1), any(0, 1), any(0, 1)], forbidden: [[2, 5], []] });
    const an = analyse(i);
    // Three meetings in {0,1,3,4,6,7}: e.g. 0,1 + 3 -> one break; never zero.
    expect(an.participantLowerBound).toEqual([1, 1]);
    expect(participantMinBreaks(i, [0, 1, 2], an.domains)).toBe(1);
    expect(an.lowerBound).toBe(2);
  });
});

describe('slot-coverage lower bound', () => {
  it('proves the break forced by one table at the lunch boundary, which per-participant bounds miss', () => {
    // Slots 0-1 morning, 2-3 afternoon, one table. Participants 0 and 1 each meet once in the morning and
    // once in the afternoon, so without a break each needs slots 1 and 2; slot 1 holds one meeting, and
    // 0 and 1 do not meet each other, so one of them waits. Optimum 1.
    const i = inst({
      participants: 6,
      slots: 4,
      morningSlots: 2,
      tables: 1,
      meetings: [
        { a: 0, b: 2, session: 'morning' },
        { a: 0, b: 3, session: 'afternoon' },
        { a: 1, b: 4, session: 'morning' },
        { a: 1, b: 5, session: 'afternoon' },
      ],
    });
    const an = analyse(i);
    expect(an.participantLowerBound).toEqual([0, 0, 0, 0, 0, 0]);
    expect(an.coverageBound).toBe(1);
    expect(an.lowerBound).toBe(1);
    const r = solve(i, { timeLimitMs: 2000 });
    expect(r.breaks).toBe(1);
    expect(r.provedOptimal).toBe(true);
    expectValid(i, r.slotOf, 1);
    // With two tables both fit around lunch: no extra break is proved, and none is needed.
    const two = solve({ ...i, tables: 2 }, { timeLimitMs: 2000 });
    expect(analyse({ ...i, tables: 2 }).lowerBound).toBe(0);
    expect(two.breaks).toBe(0);
    // With the lunch gap free the argument does not apply.
    expect(slotCoverageBound({ ...i, lunch: 'free' }, an.domains, an.byParticipant, an.participantLowerBound)).toBe(0);
  });

  it('counts a meeting between two participants who both need the slot as serving both', () => {
    // 0 needs slots 1 and 2, 1 needs slot 1 (its other meeting may be at any time). They meet each other in
    // the morning: that one meeting in slot 1 serves both, so no break is proved, and none is needed.
    const i = inst({
      participants: 4,
      slots: 4,
      morningSlots: 2,
      tables: 1,
      meetings: [
        { a: 0, b: 1, session: 'morning' },
        { a: 0, b: 2, session: 'afternoon' },
        { a: 1, b: 3, session: 'any' },
      ],
    });
    expect(analyse(i).coverageBound).toBe(0);
    expect(solve(i, { timeLimitMs: 2000 }).breaks).toBe(0);
  });

  it('raises the bound on ticf-13crafb from 0 to 2 (optimum 3)', () => {
    const { instance } = parseB2bDzn(readFileSync(join(DATA, 'ticf-13crafb.original.dzn'), 'utf8'));
    const an = analyse(instance);
    expect(an.coverageBound).toBe(2);
    expect(an.lowerBound).toBe(2);
  });

  it('maxMatching handles odd cycles (blossoms)', () => {
    const edges = (n: number, es: [number, number][]) => {
      const adj: number[][] = Array.from({ length: n }, () => []);
      for (const [a, b] of es) {
        adj[a]!.push(b);
        adj[b]!.push(a);
      }
      return adj;
    };
    expect(
      maxMatching(
        3,
        edges(3, [
          [0, 1],
          [1, 2],
          [2, 0],
        ]),
      ),
    ).toBe(1);
    // A 5-cycle with a pendant vertex on each of two cycle vertices: needs blossom shrinking to find 3.
    expect(
      maxMatching(
        7,
        edges(7, [
          [0, 1],
          [1, 2],
          [2, 3],
          [3, 4],
          [4, 0],
          [0, 5],
          [2, 6],
        ]),
      ),
    ).toBe(3);
    // Petersen graph: perfect matching of size 5.
    const pet: [number, number][] = [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 0],
      [0, 5],
      [1, 6],
      [2, 7],
      [3, 8],
      [4, 9],
      [5, 7],
      [7, 9],
      [9, 6],
      [6, 8],
      [8, 5],
    ];
    expect(maxMatching(10, edges(10, pet))).toBe(5);
    expect(maxMatching(4, edges(4, []))).toBe(0);
  });
});
