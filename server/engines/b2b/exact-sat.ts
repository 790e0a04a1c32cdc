/**
 * SAT step of the exact engine: the whole problem as CNF, solved by CaDiCaL (npm `cadical-wasm`, WebAssembly,
 * no download at run time) with bottom-up questions "at most K breaks?" (K = lower bound, raised by one on
 * each UNSAT) asked incrementally under assumptions, so learnt clauses carry over from one question to the
 * next. A model is a schedule, verified by check.ts; the first one is optimal (every smaller K was refuted).
 *
 * The CNF (`satModel`): `x(m,s)` per meeting and allowed slot (analyse.ts domains), exactly one per meeting;
 * at most `tables` per slot; precedences "x(after, s) ⇒ some x(before, t < s)"; per participant with at least
 * two meetings, busy atoms (at most one meeting per slot, exactly n_p busy slots), "busy at s or later", and
 * `k(p,s)` ⇔ a break starts at s (busy at s-1, idle at s, busy later; with lunch 'free' not a gap from the
 * morning into the afternoon); fairness as in exact-maxsat.ts (at most d each when someone has ≤ 1 meeting,
 * otherwise one-hot levels L with at least L / at most L + d); implied: two busy slots ≥ n_p apart imply a
 * break (lunch 'counts'), at most 2·tables busy participants per slot, which makes CaDiCaL's refutations
 * several times faster, and each participant's own lower bound from analyse.ts (engine README).
 * Cardinalities use Sinz's sequential counter; the total is counted in two levels (per participant "at least
 * j breaks", then one counter over those) with outputs "at least j breaks", and "at most K" is the assumption
 * ¬(at least K + 1).
 */
import { checkSchedule } from './check.ts';
import type { Instance, SolverRun, SolverRunOptions } from './model.ts';
import { meetingsByParticipant } from './model.ts';

export interface SatModel {
  /** Number of variables (1-based DIMACS numbering). */
  vars: number;
  clauses: number[][];
  /** Per meeting, slot → variable. */
  x: Map<number, number>[];
  /** atLeast[j] is true when at least j + 1 breaks start (j = 0..maxBreaks). */
  atLeast: number[];
}

/** CNF of the whole problem with a break counter up to `maxBreaks` + 1 (see the file header). */
export function satModel(
  inst: Instance,
  domains: readonly (readonly number[])[],
  maxBreaks: number,
  ownBounds?: readonly number[],
): SatModel {
  const S = inst.slots;
  const ms = inst.morningSlots;
  const lunchFree = inst.lunch === 'free' && ms > 0 && ms < S;
  let vars = 0;
  const v = () => ++vars;
  const clauses: number[][] = [];
  /** Clause, switched off by `guard` when given (guard false ⇒ satisfied). */
  const add = (c: number[], guard?: number) => clauses.push(guard === undefined ? c : [...c, -guard]);
  const atMost = (lits: readonly number[], k: number, guard?: number) => {
    const n = lits.length;
    if (k >= n) return;
    if (k < 0) return add([], guard);
    if (k === 0) return lits.forEach((l) => add([-l], guard));
    if (k === 1 && n <= 6) {
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) add([-lits[i]!, -lits[j]!], guard);
      return;
    }
    // Sinz's sequential counter: r[i][j] = at least j + 1 of lits[0..i] are true.
    let prev: number[] = [];
    for (let i = 0; i < n; i++) {
      const cur = Array.from({ length: k }, v);
      add([-lits[i]!, cur[0]!], guard);
      for (let j = 0; j < k; j++) {
        if (i > 0) add([-prev[j]!, cur[j]!], guard);
        if (i > 0 && j > 0) add([-lits[i]!, -prev[j - 1]!, cur[j]!], guard);
      }
      if (i > 0) add([-lits[i]!, -prev[k - 1]!], guard);
      prev = cur;
    }
  };
  const atLeast = (lits: readonly number[], k: number, guard?: number) =>
    k <= 0
      ? undefined
      : k === 1
        ? add([...lits], guard)
        : atMost(
            lits.map((l) => -l),
            lits.length - k,
            guard,
          );

  const x = domains.map((d) => new Map(d.map((s) => [s, v()])));
  for (const mp of x) {
    const xs = [...mp.values()];
    add(xs);
    atMost(xs, 1);
  }
  for (let s = 0; s < S; s++) {
    const xs = x.map((mp) => mp.get(s)).filter((a): a is number => a !== undefined);
    atMost(xs, inst.tables);
  }
  for (const [before, after] of inst.precedences) {
    for (const [s, a] of x[after]!) add([-a, ...[...x[before]!].filter(([t]) => t < s).map(([, b]) => b)]);
  }
  const byP = meetingsByParticipant(inst);
  const d = inst.fairness;
  const someoneFree = byP.some((mine) => mine.length <= 1);
  const busyAt: number[][] = Array.from({ length: S }, () => []);
  const counts: number[][] = [];
  for (let p = 0; p < inst.participants; p++) {
    const mine = byP[p]!;
    const n = mine.length;
    if (n < 2) continue;
    const b = Array.from({ length: S }, v);
    b.forEach((bv, s) => {
      busyAt[s]!.push(bv);
      const xs = mine.map((m) => x[m]!.get(s)).filter((a): a is number => a !== undefined);
      for (const a of xs) add([-a, bv]);
      add([-bv, ...xs]);
      atMost(xs, 1);
    });
    atMost(b, n);
    atLeast(b, n);
    // l: busy at s or later; lm: busy at s or later within the morning (lunch 'free').
    const later = (end: number) => {
      const l: number[] = [];
      for (let s = end - 1; s >= 0; s--) {
        l[s] = v();
        add([-b[s]!, l[s]!]);
        if (s === end - 1) add([-l[s]!, b[s]!]);
        else {
          add([-l[s]!, b[s]!, l[s + 1]!]);
          add([-l[s + 1]!, l[s]!]);
        }
      }
      return l;
    };
    const l = later(S);
    const lm = lunchFree ? later(ms) : [];
    const ks: number[] = [];
    for (let s = 1; s < S - 1; s++) {
      let after: number;
      if (!lunchFree) after = l[s + 1]!;
      else if (s < ms) {
        if (s + 1 >= ms) continue;
        after = lm[s + 1]!;
      } else if (s > ms) after = l[s + 1]!;
      else continue;
      const k = v();
      ks.push(k);
      add([-b[s - 1]!, b[s]!, -after, k]);
      add([-k, b[s - 1]!]);
      add([-k, -b[s]!]);
      add([-k, after]);
    }
    counts.push(ks);
    // Implied: p's own lower bound (analyse.ts) as "at least that many of its break starts".
    if ((ownBounds?.[p] ?? 0) > 0) atLeast(ks, ownBounds![p]!);
    if (someoneFree) atMost(ks, d);
    if (!lunchFree && ks.length > 0) {
      const h = v();
      add([-h, ...ks]);
      for (let s1 = 0; s1 < S; s1++) for (let s2 = s1 + n; s2 < S; s2++) add([-b[s1]!, -b[s2]!, h]);
    }
  }
  for (const bs of busyAt) atMost(bs, 2 * inst.tables);
  const maxK = Math.max(0, ...counts.map((ks) => ks.length));
  if (!someoneFree && maxK > d) {
    const levels = Array.from({ length: maxK - d + 1 }, v);
    add(levels);
    atMost(levels, 1);
    levels.forEach((lv, L) => {
      for (const ks of counts) {
        atLeast(ks, L, lv);
        atMost(ks, L + d, lv);
      }
    });
  }
  /** Sequential counter, only "lits ⇒ counter" (enough to bound from above): out[j] = at least j + 1 of lits. */
  const upCounter = (lits: readonly number[], m: number): number[] => {
    let prev: number[] = [];
    for (let i = 0; i < lits.length; i++) {
      const cur = Array.from({ length: m }, v);
      add([-lits[i]!, cur[0]!]);
      for (let j = 0; j < m; j++) {
        if (i > 0) add([-prev[j]!, cur[j]!]);
        if (i > 0 && j > 0) add([-lits[i]!, -prev[j - 1]!, cur[j]!]);
      }
      prev = cur;
    }
    return prev;
  };
  // The total in two levels: per participant "at least j breaks", then one counter over those outputs. The
  // solver's learnt clauses then speak of participants rather than single break starts (engine README: the
  // finding question "≤ 3" on ticf-13crafb within 16 s in 4 of 6 seeds, 0 of 6 with one counter over all).
  const top = maxBreaks + 1;
  const perParticipant = counts.flatMap((ks) => (ks.length === 0 ? [] : upCounter(ks, Math.min(ks.length, top))));
  const atLeastTotal = upCounter(perParticipant, top);
  // No break indicator at all: "at least j" is false for every j.
  if (perParticipant.length === 0)
    for (let j = 0; j < top; j++) {
      atLeastTotal[j] = v();
      add([-atLeastTotal[j]!]);
    }
  return { vars, clauses, x, atLeast: atLeastTotal };
}

/** The parts of cadical-wasm's solver used here. */
interface CadicalSolver {
  addClause(lits: Iterable<number>): void;
  solve(options?: { assumptions?: number[] }): 'satisfiable' | 'unsatisfiable' | 'unknown';
  value(lit: number): boolean;
  setTerminate(cb: (() => boolean) | null): void;
  dispose(): void;
}
export interface CadicalApi {
  create(options?: Record<string, number>): Promise<CadicalSolver>;
}

/**
 * CaDiCaL's options for these questions: "stable mode only" (as in its `--sat` configuration) found the
 * schedules at the optimum of forum-13crafb and ticf-13crafb faster than the default over 4 seeds each
 * (engine README).
 */
export const CADICAL_OPTIONS: Record<string, number> = { stabilizeonly: 1 };

let cadical: Promise<CadicalApi> | undefined;

/** Load CaDiCaL's WebAssembly module once per thread. */
export function loadCadical(): Promise<CadicalApi> {
  cadical ??= (async () => {
    const mod = (await import('cadical-wasm')) as unknown as { Cadical: CadicalApi };
    return { create: (options) => mod.Cadical.create(options) };
  })();
  return cadical;
}

/** `onTick` is called about every 300 ms while CaDiCaL runs (from its terminate poll). */
export interface SatOptions extends SolverRunOptions {
  /** Per participant, a proved lower bound on its breaks (analyse.ts), added as implied clauses. */
  ownBounds?: readonly number[];
  lowerBound: number;
  /** CaDiCaL's options (default CADICAL_OPTIONS). */
  options?: Record<string, number>;
  /** Best known schedule's breaks: questions stop below it (nothing to gain at or above). */
  best?: number;
  onBound?: (lowerBound: number) => void;
}

export interface SatResult extends SolverRun {
  /** The questions asked: K and the answer. */
  questions: { k: number; result: string; seconds: number }[];
}

/** Bottom-up "at most K breaks?" from the lower bound until a schedule is found, K reaches `best`, or time is up. */
export async function satSearch(api: CadicalApi, inst: Instance, o: SatOptions): Promise<SatResult> {
  const now = o.now ?? (() => performance.now());
  const t0 = now();
  let lb = o.lowerBound;
  const questions: SatResult['questions'] = [];
  const out = (status: SatResult['status'], extra: Partial<SatResult> = {}): SatResult => ({
    status,
    lowerBound: lb,
    seconds: (now() - t0) / 1000,
    questions,
    ...extra,
  });
  const cap = Math.min((o.best ?? Infinity) - 1, lb + 40);
  const model = satModel(inst, o.domains, cap, o.ownBounds);
  let solver: CadicalSolver;
  try {
    solver = await api.create(o.options ?? CADICAL_OPTIONS);
  } catch (e) {
    return out('error', { message: `CaDiCaL failed: ${(e as Error).message}` });
  }
  try {
    for (const c of model.clauses) solver.addClause(c);
    let lastTick = now();
    solver.setTerminate(() => {
      const t = now();
      if (o.onTick && t - lastTick > 300) {
        lastTick = t;
        o.onTick();
      }
      return t > o.deadline || o.shouldStop?.() === true;
    });
    while (lb < (o.best ?? Infinity)) {
      const tq = now();
      // "At most lb breaks" (above the counter's reach only "any schedule?").
      const bounded = lb < model.atLeast.length;
      const res = solver.solve({ assumptions: bounded ? [-model.atLeast[lb]!] : [] });
      questions.push({ k: lb, result: res, seconds: (now() - tq) / 1000 });
      if (res === 'unknown') return out('stopped', { message: o.shouldStop?.() ? 'stop requested' : 'time limit' });
      if (res === 'unsatisfiable') {
        if (!bounded) return out('infeasible', { message: 'CaDiCaL: the model has no solution' });
        lb++;
        o.onBound?.(lb);
        continue;
      }
      const slotOf = model.x.map((mp) => {
        for (const [s, a] of mp) if (solver.value(a)) return s;
        return -1;
      });
      const c = checkSchedule(inst, slotOf);
      if (!c.ok) return out('error', { message: `CaDiCaL returned an invalid schedule: ${c.violations[0]?.message}` });
      const best = { slotOf, breaks: c.totalBreaks };
      // Unbounded question: a schedule, optimal only if it meets the bound.
      if (!bounded && c.totalBreaks > lb) return out('stopped', { best, message: 'bound counter exhausted' });
      if (c.totalBreaks > lb)
        return out('error', { message: `CaDiCaL's schedule has ${c.totalBreaks} breaks, above the question's ${lb}` });
      return out('optimal', { best });
    }
    return out('optimal');
  } catch (e) {
    return out('error', { message: `CaDiCaL failed: ${(e as Error).message}` });
  } finally {
    solver.dispose();
  }
}
