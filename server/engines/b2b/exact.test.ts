import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, breakFreeWindows } from './analyse.ts';
import { checkSchedule } from './check.ts';
import { parseB2bDzn } from './dzn.ts';
import { exactSearch, loadClingo } from './exact.ts';
import { aspMultiShot, aspProgram } from './exact-model.ts';
import type { Instance, Meeting } from './model.ts';
import { solve, solvePortfolio } from './solve.ts';
import { bruteForce, bruteForceBroken, fairnessStar, inst, randomTiny } from './test-instance.ts';

const any = (a: number, b: number): Meeting => ({ a, b, session: 'any' });
const DATA = join(import.meta.dirname, '..', '..', '..', 'bench', 'data', 'b2b');
const jair = (name: string) => parseB2bDzn(readFileSync(join(DATA, `${name}.original.dzn`), 'utf8')).instance;

describe('exact model (clingo)', { timeout: 60_000 }, () => {
  it('proves the optimum of a small instance from a worse schedule', async () => {
    // A path 0-1-2-3 plus 0-2: participant 0 and 2 meet twice each; with 3 slots and one table per slot
    // the four meetings cannot all be placed, with 4 slots and one table they can without any break?
    // Brute force is the judge, not this comment.
    const i = inst({
      participants: 4,
      slots: 5,
      tables: 1,
      meetings: [any(0, 1), any(1, 2), any(2, 3), any(0, 2), any(1, 3)],
    });
    const opt = bruteForce(i);
    expect(opt).not.toBeNull();
    const run = await loadClingo();
    const an = analyse(i);
    // Start from the worst valid schedule found by enumeration order: slot m for meeting m.
    const start = [0, 1, 2, 3, 4];
    const c = checkSchedule(i, start);
    const r = exactSearch(run, i, {
      domains: an.domains,
      best: c.ok ? { slotOf: start, breaks: c.totalBreaks } : undefined,
      lowerBound: 0,
      deadline: performance.now() + 30_000,
    });
    expect(r.status).toBe('optimal');
    expect(r.best!.breaks).toBe(opt);
    expect(r.lowerBound).toBe(opt);
    expect(checkSchedule(i, r.best!.slotOf).ok).toBe(true);
  });

  it('proves infeasibility the counting arguments miss (odd cycle in two slots)', async () => {
    // Three participants meeting pairwise need three different slots; two slots cannot do, although every
    // participant alone fits (2 meetings, 2 slots) and there are enough tables.
    const i = inst({ participants: 3, slots: 2, tables: 3, meetings: [any(0, 1), any(1, 2), any(0, 2)] });
    expect(analyse(i).infeasible).toEqual([]);
    const r = await solvePortfolio(i, { timeLimitMs: 5000, seed: 1 });
    expect(r.feasible).toBe(false);
    expect(r.provedInfeasible).toBe(true);
    expect(r.reasons.map((x) => x.code)).toEqual(['exact-unsat']);
    expect(r.exact?.status).toBe('infeasible');
  });

  it('proves that fairness makes an instance infeasible', async () => {
    const i = fairnessStar();
    expect(bruteForce(i)).toBeNull();
    const r = await solvePortfolio(i, { timeLimitMs: 5000, seed: 1 });
    expect(r.feasible).toBe(false);
    expect(r.provedInfeasible).toBe(true);
  });

  it('never returns an invalid schedule and never claims more than it knows (random tiny instances)', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const i = randomTiny(seed);
      const opt = bruteForce(i);
      const r = await solvePortfolio(i, { timeLimitMs: 4000, seed, localShare: 0.05 });
      if (r.feasible) {
        const c = checkSchedule(i, r.slotOf);
        expect(c.violations, `seed ${seed}`).toEqual([]);
        expect(c.totalBreaks).toBe(r.breaks);
        expect(opt).not.toBeNull();
        expect(r.breaks).toBeGreaterThanOrEqual(opt!);
        expect(r.lowerBound).toBeLessThanOrEqual(opt!);
        // Tiny instances are solved to optimality within the limit.
        expect(r.provedOptimal, `seed ${seed}`).toBe(true);
        expect(r.breaks).toBe(opt);
      } else {
        expect(opt, `seed ${seed}: claimed infeasible`).toBeNull();
        expect(r.provedInfeasible).toBe(true);
      }
    }
  });

  it('alone (no schedule, no bound given) finds the brute-force optimum or proves infeasibility', async () => {
    const run = await loadClingo();
    const seen = { optimal: 0, infeasible: 0 };
    for (let seed = 101; seed <= 140; seed++) {
      const t = randomTiny(seed);
      // Every other instance has nothing that tells the slots apart (the model then breaks the slot-reversal
      // symmetry, which must not cut off the optimum).
      const i: Instance =
        seed % 2 === 0
          ? t
          : {
              ...t,
              meetings: t.meetings.map((m) => ({ ...m, session: 'any' })),
              forbidden: t.forbidden.map(() => []),
              fixed: t.fixed.map(() => null),
              precedences: [],
            };
      const opt = bruteForce(i);
      const r = exactSearch(run, i, {
        domains: analyse(i).domains,
        lowerBound: 0,
        deadline: performance.now() + 20_000,
      });
      if (opt === null) {
        expect(r.status, `seed ${seed}`).toBe('infeasible');
        expect(r.best).toBeUndefined();
        seen.infeasible++;
      } else {
        expect(r.status, `seed ${seed}`).toBe('optimal');
        expect(checkSchedule(i, r.best!.slotOf).violations).toEqual([]);
        expect(r.best!.breaks, `seed ${seed}`).toBe(opt);
        expect(r.lowerBound).toBe(opt);
        seen.optimal++;
      }
    }
    // Both outcomes occur among these instances, so both paths were checked.
    expect(seen.optimal).toBeGreaterThan(3);
    expect(seen.infeasible).toBeGreaterThan(3);
  });

  it('core-guided turns alone: the bound they end with is the fewest participants with a break', async () => {
    const run = await loadClingo();
    let raised = 0;
    let checked = 0;
    for (let seed = 201; seed <= 240; seed++) {
      const i = randomTiny(seed);
      const opt = bruteForce(i);
      if (opt === null) continue;
      const fewest = bruteForceBroken(i)!;
      const count = new Array<number>(i.participants).fill(0);
      for (const m of i.meetings) {
        count[m.a]!++;
        count[m.b]!++;
      }
      const soft = count.flatMap((n, p) => (n >= 2 ? [p] : []));
      const program = aspMultiShot(
        i,
        {
          domains: analyse(i).domains,
          windows: breakFreeWindows(i, analyse(i).domains, analyse(i).byParticipant, analyse(i).participantLowerBound),
        },
        { lb: 0, ub: 1000, budget: 20, mode: 'core', cores: { soft, base: 0 } },
      );
      const out = run(program);
      expect(
        out.lines.some((l) => l.startsWith('@@ERROR')),
        out.lines.join('\n'),
      ).toBe(false);
      expect(out.lines.some((l) => l.startsWith('@@E'))).toBe(true);
      const bounds = out.lines.filter((l) => l.startsWith('@@L')).map((l) => Number(l.split(' ')[1]));
      const last = bounds.length ? bounds[bounds.length - 1]! : 0;
      // Never above the truth (fewest participants with a break <= fewest breaks), and exact once done.
      expect(last, `seed ${seed}`).toBe(fewest);
      expect(last).toBeLessThanOrEqual(opt);
      // Every model printed on the way is a valid schedule.
      for (const l of out.lines.filter((x) => x.startsWith('@@M'))) {
        const slotOf = new Array<number>(i.meetings.length).fill(-1);
        for (const pair of l.split(' ').slice(3)) {
          const [m, sl] = pair.split(':').map(Number);
          slotOf[m!] = sl!;
        }
        expect(checkSchedule(i, slotOf).ok, `seed ${seed}`).toBe(true);
      }
      if (last > 0) raised++;
      checked++;
    }
    // The instances include ones where the cores raise the bound, so relaxations were exercised.
    expect(checked).toBeGreaterThan(10);
    expect(raised).toBeGreaterThan(3);
  });

  it('core-guided turns raise ticf-13crafb to its optimum 3 (the counting bounds stop at 2)', async () => {
    const i = jair('ticf-13crafb');
    const an = analyse(i);
    expect(an.lowerBound).toBe(2);
    const ls = solve(i, { timeLimitMs: 1000, seed: 1 });
    const run = await loadClingo();
    let seen = 0;
    const r = exactSearch(run, i, {
      domains: an.domains,
      best: { slotOf: ls.slotOf, breaks: ls.breaks },
      lowerBound: an.lowerBound,
      deadline: performance.now() + 40_000,
      maxQuestionMs: 4000,
      shouldStop: () => seen >= 3,
      onBound: (b) => (seen = b),
    });
    // 3 is the proven optimum (JAIR 2022), so the bound can be neither more nor, here, less.
    expect(r.lowerBound).toBe(3);
  });

  it('gives up on size with a reason and keeps the local search schedule', async () => {
    // Five participants, each pair meets once, 5 slots with 2 tables: 10 meetings need all 10 places.
    const meetings: Meeting[] = [];
    for (let a = 0; a < 5; a++) for (let b = a + 1; b < 5; b++) meetings.push(any(a, b));
    const i = inst({ participants: 5, slots: 5, tables: 2, meetings });
    const r = await solvePortfolio(i, { timeLimitMs: 1500, seed: 1, exactMaxPairs: 10 });
    expect(r.feasible).toBe(true);
    expect(checkSchedule(i, r.slotOf).ok).toBe(true);
    // Every slot is full, so three participants are idle in the middle of the day: 3 breaks, which the
    // counting bound of analyse.ts does not prove, so the exact part would have been asked.
    expect(r.provedOptimal).toBe(false);
    expect(r.exact?.status).toBe('too-large');
    expect(r.exact?.note).toMatch(/50 meeting-slot pairs \(limit 10\)/);
    expect(r.gap).toBe(r.breaks - r.lowerBound);
  });

  it('the local search continues from a given schedule (portfolio rounds) and ignores an invalid one', () => {
    const i = inst({
      participants: 4,
      slots: 5,
      tables: 1,
      meetings: [any(0, 1), any(1, 2), any(2, 3), any(0, 2), any(1, 3)],
    });
    const start = [0, 1, 2, 3, 4];
    const before = checkSchedule(i, start);
    expect(before.ok).toBe(true);
    // No search iteration at all: the result is the given schedule, not a greedy construction.
    const r = solve(i, { initial: start, maxIterations: 0, seed: 1 });
    expect(r.feasible).toBe(true);
    expect(r.slotOf).toEqual(start);
    expect(r.breaks).toBe(before.totalBreaks);
    const bad = solve(i, { initial: [0, 0, 0, 9, 0], timeLimitMs: 300, seed: 1 });
    expect(checkSchedule(i, bad.slotOf).ok).toBe(true);
  });

  it('break-free windows: the runs of consecutive slots in which a participant can hold all its meetings', () => {
    // Participant 0 meets 1 and 2 in 4 slots and cannot meet in slot 1; participant 2 cannot meet in slot 3.
    // Back to back, 0's meetings fit only in slots 2-3 (with 2 in slot 2); 2's in 0-1 or 1-2. Participants
    // 1 and 3 (one meeting each) are not constrained.
    const windowsOf = (i: Instance) => {
      const an = analyse(i);
      return { w: breakFreeWindows(i, an.domains, an.byParticipant, an.participantLowerBound), an };
    };
    const base = { participants: 4, slots: 4, tables: 2, meetings: [any(0, 1), any(0, 2), any(2, 3)] };
    const { w } = windowsOf(inst({ ...base, forbidden: [[1], [], [3], []] }));
    expect(w).toEqual([[2], null, [0, 1], null]);
    // With slots 2 and 3 forbidden for participant 2, meeting 0-2 must be in slot 0 and 0-1 cannot be in
    // slot 1: participant 0 has a break in every schedule, so it has no break-free window.
    const b = windowsOf(inst({ ...base, forbidden: [[1], [], [2, 3], []] }));
    expect(b.an.participantLowerBound[0]).toBe(1);
    expect(b.w[0]).toEqual([]);
  });

  it('proves forumt-14crafe optimal (5 breaks), where the counting bounds stop at 4', async () => {
    const i = jair('forumt-14crafe');
    const an = analyse(i);
    expect(an.lowerBound).toBe(4);
    const ls = solve(i, { timeLimitMs: 3000, seed: 1 });
    expect(ls.feasible).toBe(true);
    const run = await loadClingo();
    const r = exactSearch(run, i, {
      domains: an.domains,
      best: { slotOf: ls.slotOf, breaks: ls.breaks },
      lowerBound: an.lowerBound,
      deadline: performance.now() + 30_000,
    });
    expect(r.status).toBe('optimal');
    expect(r.lowerBound).toBe(5);
    expect(r.best!.breaks).toBe(5);
    expect(checkSchedule(i, r.best!.slotOf).ok).toBe(true);
    // Every question is reported, and the bound was raised by an UNSAT answer.
    expect(r.questions.some((q) => q.result === 'unsat')).toBe(true);
  });

  /** forum-13crafb (optimum 6, which the exact part does not reach quickly) from a short local search. */
  async function hardStart() {
    const i = jair('forum-13crafb');
    const an = analyse(i);
    const ls = solve(i, { timeLimitMs: 500, seed: 1 });
    return { i, an, ls, run: await loadClingo() };
  }

  it('honours a stop request between segments of one clingo run', async () => {
    const { i, an, ls, run } = await hardStart();
    let looks = 0;
    const t0 = performance.now();
    const r = exactSearch(run, i, {
      domains: an.domains,
      best: { slotOf: ls.slotOf, breaks: ls.breaks },
      lowerBound: an.lowerBound,
      deadline: t0 + 60_000,
      maxQuestionMs: 1500,
      shouldStop: () => ++looks > 1,
    });
    const sec = (performance.now() - t0) / 1000;
    expect(r.status).toBe('stopped');
    expect(r.message).toBe('stop requested');
    expect(looks).toBe(2);
    // One segment of 1.5 s plus grounding and analysis, not the 60 s of the deadline.
    expect(sec).toBeLessThan(8);
    expect(r.best!.breaks).toBeLessThanOrEqual(ls.breaks);
  });

  it('gives up when it makes no progress (stallMs) instead of holding the time until the deadline', async () => {
    const { i, an, ls, run } = await hardStart();
    const t0 = performance.now();
    const r = exactSearch(run, i, {
      domains: an.domains,
      best: { slotOf: ls.slotOf, breaks: ls.breaks },
      lowerBound: an.lowerBound,
      deadline: t0 + 60_000,
      stallMs: 1500,
    });
    expect(r.status).toBe('stalled');
    expect(r.message).toMatch(/no better schedule or bound for 2 s/);
    expect((performance.now() - t0) / 1000).toBeLessThan(30);
    // What it has is still sound: the optimum is 6.
    expect(r.lowerBound).toBeLessThanOrEqual(6);
    expect(checkSchedule(i, r.best!.slotOf).ok).toBe(true);
  });

  it('after a stall (without CaDiCaL and Z3) the local search goes on to the end and keeps reporting progress', async () => {
    const i = jair('forum-13crafb');
    const events: { elapsedMs: number; phase: string; bestBreaks: number | null }[] = [];
    const r = await solvePortfolio(i, {
      timeLimitMs: 6000,
      seed: 1,
      localShare: 0.05,
      exactStallMs: 1000,
      sat: false,
      maxsat: false,
      onProgress: (p) => events.push({ elapsedMs: p.elapsedMs, phase: p.phase, bestBreaks: p.bestBreaks }),
    });
    expect(r.exact?.status).toBe('stalled');
    expect(r.exact?.note).toMatch(/local search for the remaining time/);
    const after = events.filter((e) => e.phase === 'optimise' && e.elapsedMs > 2500);
    // Reported every 200 ms or so until the end, not only at the end.
    expect(after.length).toBeGreaterThan(5);
    expect(Math.max(...after.map((e) => e.elapsedMs))).toBeGreaterThan(5000);
    // The best reported never gets worse and ends at the returned schedule's breaks.
    const bests = after.map((e) => e.bestBreaks!);
    expect(bests).toEqual([...bests].sort((a, b) => b - a));
    expect(bests.at(-1)).toBe(r.breaks);
  });

  it('the model text carries the lunch rule and the fairness bound', () => {
    const i = inst({ participants: 2, slots: 4, morningSlots: 2, meetings: [any(0, 1)], lunch: 'free' });
    const text = aspProgram(i, { domains: [[0, 1, 2, 3]] });
    expect(text).toMatch(/laterM/);
    expect(text).toMatch(/N > L \+ 2/);
    expect(aspProgram({ ...i, lunch: 'counts' }, { domains: [[0, 1, 2, 3]] })).not.toMatch(/laterM/);
  });
});
