/**
 * The B2B meeting scheduler: pure TypeScript, no I/O, deterministic for a given seed, anytime.
 *
 * 1. analyse.ts computes slot domains, infeasibility proofs and a lower bound on the breaks.
 * 2. Feasibility: a greedy construction followed by a tabu search on the number of violated constraints
 *    (participant clashes, table overflow, precedences); session/forbidden/fixed constraints are never
 *    violated because meetings only take slots of their domain.
 * 3. Optimisation: simulated annealing with periodic reheats (and restarts from the best schedule) over
 *    feasible schedules only, minimising total breaks plus a small weight on idle slots (which steers gaps
 *    to shrink until they close); fairness is kept by a penalty and only fair schedules are recorded.
 *    Moves: move one meeting (often aimed at a participant's gap); Kempe-chain swap between two slots
 *    (keeps every participant clash-free); swap of two whole slots; rotation of a short range of slots;
 *    ruin-and-recreate of one participant's meetings; exact re-optimisation of one participant (best window
 *    of consecutive slots, or with one hole, plus a min-cost matching of its meetings to the window).
 *
 * Determinism: every random decision comes from the seeded PRNG and is taken per iteration, so two runs
 * with the same seed follow the same trajectory; the clock only decides when to stop. With `maxIterations`
 * (or when optimality is proved before the time limit) results are identical across runs.
 */
import type { Instance, SolverRun } from './model.ts';
import type { Reason } from './analyse.ts';
import { analyse, breakFreeWindows } from './analyse.ts';
import { checkSchedule } from './check.ts';
import type { ExactStatus } from './exact.ts';
import { EXACT_MAX_PAIRS, exactSearch, loadClingo } from './exact.ts';
import type { MaxSatResult } from './exact-maxsat.ts';
import type { SatResult } from './exact-sat.ts';
import { loadCadical, satSearch } from './exact-sat.ts';
import { loadZ3, maxSatSearch } from './exact-maxsat.ts';
import { createRng } from '../../../common/rng.ts';

export type { Reason } from './analyse.ts';

export interface SolveProgress {
  /** Total breaks of the best fair, feasible schedule so far, or null while none is known. */
  bestBreaks: number | null;
  lowerBound: number;
  elapsedMs: number;
  iterations: number;
  phase: 'feasibility' | 'optimise' | 'exact';
}

export interface SolveOptions {
  /** Wall-clock budget in milliseconds (default 10 000). */
  timeLimitMs?: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /** Stop after this many search iterations (for reproducible runs and tests). */
  maxIterations?: number;
  /** Polled regularly; return true to stop and get the best schedule so far. */
  shouldStop?: () => boolean;
  signal?: AbortSignal;
  onProgress?: (p: SolveProgress) => void;
  /** Minimum milliseconds between periodic progress reports (improvements are always reported). */
  progressIntervalMs?: number;
  /** Clock, injectable for tests (default performance.now). */
  now?: () => number;
  /** A schedule to start from instead of the greedy construction (used when every slot is in its domain). */
  initial?: readonly number[];
  /** Search knobs for experiments; defaults are DEFAULT_TUNING. */
  tuning?: Partial<Tuning>;
}

export interface SolveResult {
  /** True when every meeting is placed and every constraint (fairness included) holds. */
  feasible: boolean;
  /** 0-based slot per meeting, -1 when unplaced. */
  slotOf: number[];
  /** Total breaks of the returned schedule (over placed meetings). */
  breaks: number;
  breaksPerParticipant: number[];
  lowerBound: number;
  /** True when feasible and breaks === lowerBound. */
  provedOptimal: boolean;
  /** True when a counting/structural argument shows that no schedule exists. */
  provedInfeasible: boolean;
  /** Why the instance is (or could not be shown) feasible; empty when feasible. */
  reasons: Reason[];
  iterations: number;
  elapsedMs: number;
}

class StopClock {
  private readonly start: number;
  private readonly deadline: number;
  constructor(
    private readonly opts: SolveOptions,
    private readonly now: () => number,
  ) {
    this.start = now();
    this.deadline = this.start + (opts.timeLimitMs ?? 10_000);
  }
  elapsed(): number {
    return this.now() - this.start;
  }
  /** Deadline reached or stop requested. */
  expired(iterations: number): boolean {
    if (this.opts.maxIterations !== undefined && iterations >= this.opts.maxIterations) return true;
    if (this.opts.signal?.aborted) return true;
    if (this.opts.shouldStop?.()) return true;
    return this.now() >= this.deadline;
  }
  remaining(): number {
    return this.deadline - this.now();
  }
}

/** Search state shared by both phases. */
class Search {
  readonly S: number;
  readonly P: number;
  readonly M: number;
  readonly T: number;
  readonly lunchFree: boolean;
  readonly morning: number;
  readonly pa: Int32Array;
  readonly pb: Int32Array;
  readonly dom: Uint8Array;
  readonly domList: Int32Array[];
  readonly slotOf: Int32Array;
  /** Meetings per (participant, slot). */
  readonly cnt: Int32Array;
  /** Meeting at (participant, slot) or -1; exact only when cnt <= 1 (optimisation phase). */
  readonly occ: Int32Array;
  readonly members: Int32Array;
  readonly load: Int32Array;
  readonly pos: Int32Array;
  readonly bp: Int32Array;
  /** Idle slots between first and last meeting, per participant (a secondary guide for the search). */
  readonly ip: Int32Array;
  readonly hist: Int32Array;
  total = 0;
  totalIdle = 0;
  /** Idle slots and clashes (surplus meetings in one slot) found by the last rowBreaks() call. */
  lastIdle = 0;
  lastClash = 0;
  readonly stamp: Int32Array;
  readonly pStamp: Int32Array;
  stampId = 0;
  readonly rng: () => number;

  constructor(
    readonly inst: Instance,
    readonly domains: number[][],
    readonly preds: number[][],
    readonly succs: number[][],
    readonly byP: number[][],
    seed: number,
  ) {
    this.S = inst.slots;
    this.P = inst.participants;
    this.M = inst.meetings.length;
    this.T = inst.tables;
    this.lunchFree = inst.lunch === 'free';
    this.morning = inst.morningSlots;
    this.pa = Int32Array.from(inst.meetings, (m) => m.a);
    this.pb = Int32Array.from(inst.meetings, (m) => m.b);
    this.dom = new Uint8Array(this.M * this.S);
    this.domList = domains.map((d) => Int32Array.from(d));
    domains.forEach((d, m) => d.forEach((s) => (this.dom[m * this.S + s] = 1)));
    this.slotOf = new Int32Array(this.M).fill(-1);
    this.cnt = new Int32Array(this.P * this.S);
    this.occ = new Int32Array(this.P * this.S).fill(-1);
    this.members = new Int32Array(Math.max(1, this.S * this.M));
    this.load = new Int32Array(this.S);
    this.pos = new Int32Array(this.M);
    this.bp = new Int32Array(this.P);
    this.ip = new Int32Array(this.P);
    this.hist = new Int32Array(this.S + 2);
    this.stamp = new Int32Array(this.M);
    this.pStamp = new Int32Array(this.P);
    this.rng = createRng(seed);
  }

  randInt(n: number): number {
    return Math.floor(this.rng() * n);
  }

  place(m: number, s: number): void {
    this.slotOf[m] = s;
    const k = this.load[s]!;
    this.members[s * this.M + k] = m;
    this.pos[m] = k;
    this.load[s] = k + 1;
    const S = this.S;
    this.cnt[this.pa[m]! * S + s]!++;
    this.cnt[this.pb[m]! * S + s]!++;
    this.occ[this.pa[m]! * S + s] = m;
    this.occ[this.pb[m]! * S + s] = m;
  }

  unplace(m: number): void {
    const s = this.slotOf[m]!;
    if (s < 0) return;
    const S = this.S;
    const k = --this.load[s]!;
    const last = this.members[s * this.M + k]!;
    const i = this.pos[m]!;
    this.members[s * this.M + i] = last;
    this.pos[last] = i;
    this.slotOf[m] = -1;
    const ia = this.pa[m]! * S + s;
    const ib = this.pb[m]! * S + s;
    this.cnt[ia]!--;
    this.cnt[ib]!--;
    if (this.occ[ia] === m) this.occ[ia] = -1;
    if (this.occ[ib] === m) this.occ[ib] = -1;
  }

  /** Breaks of participant p from its current row of busy slots. */
  rowBreaks(p: number): number {
    const S = this.S;
    const base = p * S;
    let breaks = 0;
    let idle = 0;
    let clash = 0;
    let last = -1;
    for (let s = 0; s < S; s++) {
      const c = this.cnt[base + s]!;
      if (c > 0) {
        if (c > 1) clash += c - 1;
        if (last >= 0 && s - last > 1 && !(this.lunchFree && last < this.morning && s >= this.morning)) {
          breaks++;
          idle += s - last - 1;
        }
        last = s;
      }
    }
    this.lastIdle = idle;
    this.lastClash = clash;
    return breaks;
  }

  recomputeBreaks(): void {
    this.hist.fill(0);
    this.total = 0;
    this.totalIdle = 0;
    for (let p = 0; p < this.P; p++) {
      const b = this.rowBreaks(p);
      this.bp[p] = b;
      this.ip[p] = this.lastIdle;
      this.hist[b]!++;
      this.total += b;
      this.totalIdle += this.lastIdle;
    }
  }

  excess(): number {
    let hi = this.hist.length - 1;
    while (hi > 0 && this.hist[hi] === 0) hi--;
    let lo = 0;
    while (lo < hi && this.hist[lo] === 0) lo++;
    return Math.max(0, hi - lo - this.inst.fairness);
  }

  precOk(m: number): boolean {
    const s = this.slotOf[m]!;
    for (const q of this.preds[m]!) if (this.slotOf[q]! >= s) return false;
    for (const q of this.succs[m]!) if (this.slotOf[q]! <= s) return false;
    return true;
  }
}

/**
 * A list of small integers with a fixed capacity, for the move buffers the search empties on every
 * iteration: emptying a plain array (`length = 0`) is a runtime call that drops its storage, which cost
 * about a tenth of the search's time (engine README, "Local search speed").
 */
class IntList {
  readonly a: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.a = new Int32Array(capacity);
  }
  push(x: number): void {
    this.a[this.length++] = x;
  }
  pushPair(x: number, y: number): void {
    this.a[this.length++] = x;
    this.a[this.length++] = y;
  }
  includes(x: number): boolean {
    for (let i = 0; i < this.length; i++) if (this.a[i] === x) return true;
    return false;
  }
}

// -------------------------------------------------------------------------------------------------------
// Phase 1: feasibility by tabu search on violations.
// -------------------------------------------------------------------------------------------------------

function violations(st: Search): number {
  const { S, P, T } = st;
  let v = 0;
  for (let i = 0; i < P * S; i++) if (st.cnt[i]! > 1) v += st.cnt[i]! - 1;
  for (let s = 0; s < S; s++) if (st.load[s]! > T) v += st.load[s]! - T;
  for (let m = 0; m < st.M; m++)
    for (const q of st.preds[m]!) if (st.slotOf[q]! >= 0 && st.slotOf[m]! >= 0 && st.slotOf[q]! >= st.slotOf[m]!) v++;
  return v;
}

function greedyConstruct(st: Search, active: Uint8Array): void {
  const { S, M, T } = st;
  const deg = st.byP.map((l) => l.length);
  const order: number[] = [];
  for (let m = 0; m < M; m++) if (active[m]) order.push(m);
  const key = order.map(() => st.rng());
  const rank = new Float64Array(M);
  order.forEach(
    (m, i) => (rank[m] = st.domList[m]!.length * 1000 - (deg[st.pa[m]!]! + deg[st.pb[m]!]!) * 10 + key[i]!),
  );
  order.sort((x, y) => rank[x]! - rank[y]!);
  for (const m of order) {
    const a = st.pa[m]! * S;
    const b = st.pb[m]! * S;
    let best = -1;
    let bestScore = Infinity;
    for (const s of st.domList[m]!) {
      let score = 0;
      if (st.cnt[a + s]! > 0) score += 1000;
      if (st.cnt[b + s]! > 0) score += 1000;
      if (st.load[s]! >= T) score += 1000;
      for (const q of st.preds[m]!) if (st.slotOf[q]! >= s) score += 1000;
      for (const q of st.succs[m]!) if (st.slotOf[q]! >= 0 && st.slotOf[q]! <= s) score += 1000;
      // Prefer slots next to the participants' other meetings: fewer breaks later.
      if (s > 0 && st.cnt[a + s - 1]! > 0) score -= 1;
      if (s + 1 < S && st.cnt[a + s + 1]! > 0) score -= 1;
      if (s > 0 && st.cnt[b + s - 1]! > 0) score -= 1;
      if (s + 1 < S && st.cnt[b + s + 1]! > 0) score -= 1;
      score += st.load[s]! / (T + 1) + st.rng() * 0.5;
      if (score < bestScore) {
        bestScore = score;
        best = s;
      }
    }
    if (best >= 0) st.place(m, best);
  }
}

function tabuFeasibility(
  st: Search,
  active: Uint8Array,
  clock: StopClock,
  iterBase: { n: number },
  report: () => void,
): boolean {
  const { S, M, T } = st;
  let v = violations(st);
  let bestV = v;
  const tabu = new Int32Array(M * S);
  const cand = new IntList(M);
  const moves = new IntList(2 * M * S);
  let iter = 0;
  while (v > 0) {
    if ((iter & 63) === 0) {
      if (clock.expired(iterBase.n)) break;
      report();
    }
    iter++;
    iterBase.n++;
    cand.length = 0;
    for (let m = 0; m < M; m++) {
      const s = st.slotOf[m]!;
      if (s < 0 || !active[m]) continue;
      if (st.cnt[st.pa[m]! * S + s]! > 1 || st.cnt[st.pb[m]! * S + s]! > 1 || st.load[s]! > T || !st.precOk(m))
        cand.push(m);
    }
    let bestDelta = Infinity;
    moves.length = 0;
    for (let c = 0; c < cand.length; c++) {
      const m = cand.a[c]!;
      const s = st.slotOf[m]!;
      const a = st.pa[m]! * S;
      const b = st.pb[m]! * S;
      const out = (st.cnt[a + s]! > 1 ? 1 : 0) + (st.cnt[b + s]! > 1 ? 1 : 0) + (st.load[s]! > T ? 1 : 0);
      for (const t of st.domList[m]!) {
        if (t === s) continue;
        let d = (st.cnt[a + t]! > 0 ? 1 : 0) + (st.cnt[b + t]! > 0 ? 1 : 0) + (st.load[t]! >= T ? 1 : 0) - out;
        for (const q of st.preds[m]!) {
          const sq = st.slotOf[q]!;
          if (sq < 0) continue;
          d += (sq >= t ? 1 : 0) - (sq >= s ? 1 : 0);
        }
        for (const q of st.succs[m]!) {
          const sq = st.slotOf[q]!;
          if (sq < 0) continue;
          d += (sq <= t ? 1 : 0) - (sq <= s ? 1 : 0);
        }
        if (tabu[m * S + t]! > iter && v + d >= bestV) continue;
        if (d < bestDelta) {
          bestDelta = d;
          moves.length = 0;
          moves.pushPair(m, t);
        } else if (d === bestDelta) moves.pushPair(m, t);
      }
    }
    let m: number;
    let t: number;
    if (moves.length === 0) {
      if (cand.length === 0) break;
      m = cand.a[st.randInt(cand.length)]!;
      const dl = st.domList[m]!;
      t = dl[st.randInt(dl.length)]!;
    } else {
      const k = st.randInt(moves.length / 2) * 2;
      m = moves.a[k]!;
      t = moves.a[k + 1]!;
    }
    const s = st.slotOf[m]!;
    if (t === s) continue;
    st.unplace(m);
    st.place(m, t);
    tabu[m * S + s] = iter + 3 + Math.floor(0.6 * cand.length) + st.randInt(10);
    v = violations(st);
    if (v < bestV) bestV = v;
  }
  return v === 0;
}

/** Remove meetings until nothing clashes, so an unfinished schedule is at least valid for what it places. */
function stripConflicts(st: Search): void {
  const { S, M, T } = st;
  for (let m = M - 1; m >= 0; m--) {
    const s = st.slotOf[m]!;
    if (s < 0) continue;
    if (st.cnt[st.pa[m]! * S + s]! > 1 || st.cnt[st.pb[m]! * S + s]! > 1 || st.load[s]! > T || !st.precOk(m))
      st.unplace(m);
  }
}

// -------------------------------------------------------------------------------------------------------
// Phase 2: break minimisation over feasible schedules.
// -------------------------------------------------------------------------------------------------------

const hungarianWorkspace = (size: number) => ({
  u: new Float64Array(size),
  v: new Float64Array(size),
  p: new Int32Array(size),
  way: new Int32Array(size),
  minv: new Float64Array(size),
  used: new Uint8Array(size),
});
/** Reused by every call and grown when needed (the function is synchronous and does not re-enter). */
let hw = hungarianWorkspace(0);

/**
 * Minimum-cost perfect matching on an n x n matrix (Hungarian algorithm with potentials, O(n^3)).
 * Returns the total cost and writes the column of each row into `assign`.
 */
export function hungarian(n: number, a: Float64Array, assign: Int32Array): number {
  const INF = Number.POSITIVE_INFINITY;
  if (hw.u.length < n + 1) hw = hungarianWorkspace(n + 1);
  const { u, v, p, way, minv, used } = hw;
  u.fill(0, 0, n + 1);
  v.fill(0, 0, n + 1);
  p.fill(0, 0, n + 1);
  way.fill(0, 0, n + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    minv.fill(INF, 0, n + 1);
    used.fill(0, 0, n + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = INF;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = a[(i0 - 1) * n + j - 1]! - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j]!]! += delta;
          v[j]! -= delta;
        } else minv[j]! -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0);
  }
  let total = 0;
  for (let j = 1; j <= n; j++) {
    assign[p[j]! - 1] = j - 1;
    total += a[(p[j]! - 1) * n + j - 1]!;
  }
  return total;
}

interface Best {
  breaks: number;
  slotOf: Int32Array;
}

/** Knobs of the optimisation phase (defaults tuned on the JAIR instances). */
export interface Tuning {
  /** Cost of one idle slot inside a participant's day, in breaks: steers gaps to shrink until they close. */
  idleWeight: number;
  /** Cost per unit of fairness excess, in breaks. */
  fairnessWeight: number;
  tHigh: number;
  tLow: number;
  /** Iterations per annealing cycle = max(minCycle, cycleFactor * meetings). */
  cycleFactor: number;
  minCycle: number;
  /** Move mix: whole-slot swap, slot-range rotation, gap-targeted move (rest: random meeting move). */
  pColumnSwap: number;
  pRotate: number;
  pTarget: number;
  /** Probability of a ruin-and-recreate move (remove a participant's meetings, reinsert greedily). */
  pRuin: number;
  /** Probability of re-optimising one participant exactly (window choice + min-cost matching). */
  pReopt: number;
  /** Probability that a re-optimisation also tries windows with one hole (one break for the participant). */
  pHoled: number;
}

export const DEFAULT_TUNING: Tuning = {
  idleWeight: 0.1,
  fairnessWeight: 3,
  tHigh: 0.5,
  tLow: 0.03,
  cycleFactor: 150,
  minCycle: 50_000,
  pColumnSwap: 0.02,
  pRotate: 0.02,
  pTarget: 0.45,
  pRuin: 0.01,
  pReopt: 0.002,
  pHoled: 0.25,
};

function optimise(
  st: Search,
  lowerBound: number,
  clock: StopClock,
  iterBase: { n: number },
  best: Best,
  report: (force: boolean) => void,
  tune: Tuning,
): void {
  const { S, M, T, P } = st;
  const d = st.inst.fairness;
  const W = tune.fairnessWeight;
  const IW = tune.idleWeight;
  st.occ.fill(-1);
  for (let m = 0; m < M; m++) {
    const s = st.slotOf[m]!;
    if (s >= 0) {
      st.occ[st.pa[m]! * S + s] = m;
      st.occ[st.pb[m]! * S + s] = m;
    }
  }
  st.recomputeBreaks();
  let exc = st.excess();
  const costNow = () => st.total + IW * st.totalIdle + W * exc;
  let cost = costNow();
  const saveBest = () => {
    if (exc === 0 && st.total < best.breaks) {
      best.breaks = st.total;
      best.slotOf.set(st.slotOf);
      report(true);
    }
  };
  saveBest();
  if (best.breaks <= lowerBound) return;

  const mv = new IntList(M);
  const from = new IntList(M);
  const to = new IntList(M);
  const aff = new IntList(P);
  const oldB = new IntList(P);
  const oldI = new IntList(P);
  const queue = new IntList(M);

  const apply = (): void => {
    for (let i = 0; i < mv.length; i++) st.unplace(mv.a[i]!);
    for (let i = 0; i < mv.length; i++) st.place(mv.a[i]!, to.a[i]!);
  };
  const undo = (): void => {
    for (let i = 0; i < mv.length; i++) st.unplace(mv.a[i]!);
    for (let i = 0; i < mv.length; i++) st.place(mv.a[i]!, from.a[i]!);
  };

  /** Build the Kempe chain between slots s and t from the seeds currently in mv. */
  const kempe = (s: number, t: number): void => {
    const id = ++st.stampId;
    queue.length = 0;
    for (let i = 0; i < mv.length; i++) {
      const m = mv.a[i]!;
      st.stamp[m] = id;
      queue.push(m);
    }
    mv.length = 0;
    from.length = 0;
    to.length = 0;
    for (let k = 0; k < queue.length; k++) {
      const x = queue.a[k]!;
      const u = st.slotOf[x]!;
      const w = u === s ? t : s;
      mv.push(x);
      from.push(u);
      to.push(w);
      for (let side = 0; side < 2; side++) {
        const q = side === 0 ? st.pa[x]! : st.pb[x]!;
        const y = st.occ[q * S + w]!;
        if (y >= 0 && st.stamp[y] !== id) {
          st.stamp[y] = id;
          queue.push(y);
        }
      }
    }
  };

  /** Domains and table capacity for a move between two slots (from.a[0] and to.a[0]). */
  const pairMoveFeasible = (): boolean => {
    for (let i = 0; i < mv.length; i++) if (!st.dom[mv.a[i]! * S + to.a[i]!]) return false;
    if (mv.length === 0) return false;
    const sSlot = from.a[0]!;
    const tSlot = to.a[0]!;
    let dS = 0;
    for (let i = 0; i < mv.length; i++) dS += from.a[i] === sSlot ? -1 : 1;
    return st.load[sSlot]! + dS <= T && st.load[tSlot]! - dS <= T;
  };

  const pushColumn = (s: number, t: number): void => {
    const n = st.load[s]!;
    for (let k = 0; k < n; k++) {
      mv.push(st.members[s * M + k]!);
      from.push(s);
      to.push(t);
    }
  };

  let temp = tune.tHigh;
  const cycle = Math.max(tune.minCycle, tune.cycleFactor * M);
  const cool = Math.pow(tune.tLow / tune.tHigh, 1 / cycle);
  let lastBestIter = iterBase.n;
  const byP = st.byP;
  const pCol = tune.pReopt + tune.pRuin + tune.pColumnSwap;
  const pRot = pCol + tune.pRotate;
  const pTgt = pRot + tune.pTarget;
  // The ruin move is drawn first: r < pRuinP, then the column moves are shifted above it.
  const pRuinP = tune.pReopt + tune.pRuin;
  const ruinSet = new IntList(M);
  const candSlots = new IntList(S);
  const placed = new IntList(M);

  /**
   * Ruin and recreate: take out the meetings of one participant (preferably one with a break) and put them
   * back one by one, each in its best feasible slot for the two participants (ties broken at random).
   * Leaves the result applied with mv/from/to describing it; on failure restores everything.
   */
  const ruinRecreate = (): boolean => {
    let p = -1;
    for (let tries = 0; tries < 8; tries++) {
      const q = st.randInt(P);
      if (byP[q]!.length > 0 && (st.bp[q]! > 0 || tries >= 6)) {
        p = q;
        break;
      }
    }
    if (p < 0) return false;
    ruinSet.length = 0;
    for (const m of byP[p]!) if (st.domList[m]!.length > 1) ruinSet.push(m);
    if (ruinSet.length === 0) return false;
    // Sometimes also free a partner's meetings for a larger neighbourhood.
    if (st.rng() < 0.3) {
      const m0 = ruinSet.a[st.randInt(ruinSet.length)]!;
      const partner = st.pa[m0] === p ? st.pb[m0]! : st.pa[m0]!;
      for (const m of byP[partner]!) if (st.domList[m]!.length > 1 && !ruinSet.includes(m)) ruinSet.push(m);
    }
    mv.length = 0;
    from.length = 0;
    to.length = 0;
    for (let i = 0; i < ruinSet.length; i++) {
      const m = ruinSet.a[i]!;
      mv.push(m);
      from.push(st.slotOf[m]!);
      st.unplace(m);
    }
    // Random order, most constrained (fewest slots) first in expectation.
    for (let i = ruinSet.length - 1; i > 0; i--) {
      const j = st.randInt(i + 1);
      const x = ruinSet.a[i]!;
      ruinSet.a[i] = ruinSet.a[j]!;
      ruinSet.a[j] = x;
    }
    placed.length = 0;
    for (let r = 0; r < ruinSet.length; r++) {
      const m = ruinSet.a[r]!;
      const a = st.pa[m]!;
      const b = st.pb[m]!;
      let bestScore = Infinity;
      candSlots.length = 0;
      for (const t of st.domList[m]!) {
        if (st.occ[a * S + t]! >= 0 || st.occ[b * S + t]! >= 0 || st.load[t]! >= T) continue;
        if (st.preds[m]!.length + st.succs[m]!.length > 0) {
          let ok = true;
          for (const q of st.preds[m]!) if (st.slotOf[q]! >= 0 && st.slotOf[q]! >= t) ok = false;
          for (const q of st.succs[m]!) if (st.slotOf[q]! >= 0 && st.slotOf[q]! <= t) ok = false;
          if (!ok) continue;
        }
        st.place(m, t);
        const score = st.rowBreaks(a) + IW * st.lastIdle + st.rowBreaks(b) + IW * st.lastIdle + st.rng() * 0.05;
        st.unplace(m);
        if (score < bestScore - 1e-9) {
          bestScore = score;
          candSlots.length = 0;
          candSlots.push(t);
        }
      }
      if (candSlots.length === 0) {
        for (let i = 0; i < placed.length; i++) st.unplace(placed.a[i]!);
        for (let i = 0; i < mv.length; i++) st.place(mv.a[i]!, from.a[i]!);
        return false;
      }
      st.place(m, candSlots.a[0]!);
      placed.push(m);
    }
    for (let i = 0; i < mv.length; i++) to.push(st.slotOf[mv.a[i]!]!);
    return true;
  };

  const BIG = 1e6;
  const costRow = new Float64Array(S * S);
  const sub = new Float64Array(S * S);
  const assign = new Int32Array(S);
  const bestAssign = new Int32Array(S);
  const bestSlots = new Int32Array(S);
  const winSlots = new Int32Array(S);
  /**
   * Re-optimise one participant: take out all its meetings, then for every window of consecutive slots
   * (and, sometimes, every window with one hole) find the cheapest assignment of its meetings to the
   * window's slots by min-cost matching, where a meeting's cost is the partner's breaks (+ idle weight)
   * with the meeting in that slot. Applies the cheapest; on failure restores everything.
   */
  const reoptimise = (): boolean => {
    let p = -1;
    for (let tries = 0; tries < 8; tries++) {
      const q = st.randInt(P);
      if (byP[q]!.length > 1 && (st.bp[q]! > 0 || tries >= 5)) {
        p = q;
        break;
      }
    }
    if (p < 0) return false;
    const ms = byP[p]!;
    const n = ms.length;
    if (n > S) return false;
    mv.length = 0;
    from.length = 0;
    to.length = 0;
    for (const m of ms) {
      mv.push(m);
      from.push(st.slotOf[m]!);
      st.unplace(m);
    }
    for (let i = 0; i < n; i++) {
      const m = ms[i]!;
      const q = st.pa[m] === p ? st.pb[m]! : st.pa[m]!;
      for (let t = 0; t < S; t++) {
        let c = BIG;
        if (st.dom[m * S + t] && st.occ[q * S + t]! < 0 && st.load[t]! < T) {
          st.place(m, t);
          c = st.rowBreaks(q) + IW * st.lastIdle;
          st.unplace(m);
        }
        costRow[i * S + t] = c;
      }
    }
    let bestCost = Infinity;
    const tryWindow = (own: number): void => {
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) sub[i * n + j] = costRow[i * S + winSlots[j]!]!;
      const c = hungarian(n, sub, assign) + own + st.rng() * 0.01;
      if (c < bestCost && c < BIG / 2) {
        bestCost = c;
        for (let i = 0; i < n; i++) {
          bestAssign[i] = assign[i]!;
          bestSlots[i] = winSlots[i]!;
        }
      }
    };
    const ownBreaks = (k: number): number => {
      let b = 0;
      let idle = 0;
      for (let j = 1; j < k; j++) {
        const g = winSlots[j]! - winSlots[j - 1]!;
        if (g > 1 && !(st.lunchFree && winSlots[j - 1]! < st.morning && winSlots[j]! >= st.morning)) {
          b++;
          idle += g - 1;
        }
      }
      return b + IW * idle;
    };
    for (let L = 0; L + n <= S; L++) {
      let ok = true;
      for (let j = 0; j < n; j++) {
        winSlots[j] = L + j;
        if (st.load[L + j]! >= T) ok = false;
      }
      if (ok) tryWindow(ownBreaks(n));
    }
    if (bestCost === Infinity || st.rng() < tune.pHoled) {
      for (let L = 0; L + n + 1 <= S; L++) {
        for (let h = L + 1; h < L + n; h++) {
          let k = 0;
          let ok = true;
          for (let t = L; t <= L + n; t++) {
            if (t === h) continue;
            if (st.load[t]! >= T) ok = false;
            winSlots[k++] = t;
          }
          if (ok) tryWindow(ownBreaks(n));
        }
      }
    }
    if (bestCost === Infinity) {
      for (let i = 0; i < n; i++) st.place(ms[i]!, from.a[i]!);
      return false;
    }
    for (let i = 0; i < n; i++) {
      const t = bestSlots[bestAssign[i]!]!;
      st.place(ms[i]!, t);
      to.push(t);
    }
    return true;
  };

  for (;;) {
    if ((iterBase.n & 255) === 0) {
      if (clock.expired(iterBase.n)) break;
      report(false);
    }
    iterBase.n++;
    temp *= cool;
    if (temp < tune.tLow) {
      temp = tune.tHigh;
      // Restart from the best schedule now and then to intensify around it.
      if (best.breaks < Infinity && iterBase.n - lastBestIter > 2 * cycle && st.rng() < 0.5) {
        for (let m = 0; m < M; m++) st.unplace(m);
        for (let m = 0; m < M; m++) if (best.slotOf[m]! >= 0) st.place(m, best.slotOf[m]!);
        st.recomputeBreaks();
        exc = st.excess();
        cost = costNow();
      }
    }

    mv.length = 0;
    from.length = 0;
    to.length = 0;
    const r = st.rng();
    let applied = false;
    if (r < pRuinP) {
      if (!(r < tune.pReopt ? reoptimise() : ruinRecreate())) continue;
      applied = true;
    } else if (r < pRot) {
      if (S < 2) continue;
      const s = st.randInt(S);
      let t = st.randInt(S - 1);
      if (t >= s) t++;
      if (r >= pCol && Math.abs(t - s) > 4) t = s + (t > s ? 1 : -1) * (1 + st.randInt(4));
      if (t < 0 || t >= S) continue;
      if (r < pCol) {
        // Swap two whole slots: keeps every clash and table constraint.
        pushColumn(s, t);
        pushColumn(t, s);
      } else {
        // Rotate the slots between s and t by one (slot s moves to t, the others shift towards s).
        const dir = t > s ? 1 : -1;
        pushColumn(s, t);
        for (let u = s + dir; u !== t + dir; u += dir) pushColumn(u, u - dir);
      }
      let ok = true;
      for (let i = 0; i < mv.length; i++) {
        if (!st.dom[mv.a[i]! * S + to.a[i]!]) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
    } else {
      let m = -1;
      let t = -1;
      if (r < pTgt) {
        // Aim at a participant with a break: move one of its meetings into its gap or next to its run.
        let p = -1;
        for (let tries = 0; tries < 6; tries++) {
          const q = st.randInt(P);
          if (st.bp[q]! > 0) {
            p = q;
            break;
          }
        }
        if (p >= 0) {
          const list = byP[p]!;
          m = list[st.randInt(list.length)]!;
          let first = -1;
          let last = -1;
          for (let s = 0; s < S; s++) {
            if (st.cnt[p * S + s]! > 0) {
              if (first < 0) first = s;
              last = s;
            }
          }
          const lo = Math.max(0, first - 1);
          const hi = Math.min(S - 1, last + 1);
          t = lo + st.randInt(hi - lo + 1);
          if (st.cnt[p * S + t]! > 0 && st.rng() < 0.7) {
            for (let k = 0; k < 4; k++) {
              const u = lo + st.randInt(hi - lo + 1);
              if (st.cnt[p * S + u] === 0) {
                t = u;
                break;
              }
            }
          }
        }
      }
      if (m < 0) {
        m = st.randInt(M);
        const dl = st.domList[m]!;
        if (dl.length < 2) continue;
        t = dl[st.randInt(dl.length)]!;
      }
      const s = st.slotOf[m]!;
      if (s < 0 || t === s || !st.dom[m * S + t]) continue;
      const a = st.pa[m]!;
      const b = st.pb[m]!;
      if (st.occ[a * S + t]! < 0 && st.occ[b * S + t]! < 0 && st.load[t]! < T) {
        mv.push(m);
        from.push(s);
        to.push(t);
      } else {
        mv.push(m);
        kempe(s, t);
        if (!pairMoveFeasible()) {
          // Unbalanced or blocked: add a meeting of the target slot to the chain.
          if (st.load[t]! === 0) continue;
          const m2 = st.members[t * M + st.randInt(st.load[t]!)]!;
          if (st.stamp[m2] === st.stampId) continue;
          mv.length = 0;
          mv.pushPair(m, m2);
          kempe(s, t);
          if (!pairMoveFeasible()) continue;
        }
      }
    }
    if (mv.length === 0) continue;

    if (!applied) apply();
    if (st.inst.precedences.length > 0) {
      let precOk = true;
      for (let i = 0; i < mv.length; i++) {
        if (!st.precOk(mv.a[i]!)) {
          precOk = false;
          break;
        }
      }
      if (!precOk) {
        undo();
        continue;
      }
    }
    // Breaks delta of the affected participants.
    const pid = ++st.stampId;
    aff.length = 0;
    oldB.length = 0;
    oldI.length = 0;
    let delta = 0;
    let deltaIdle = 0;
    for (let i = 0; i < mv.length; i++) {
      const x = mv.a[i]!;
      for (let side = 0; side < 2; side++) {
        const q = side === 0 ? st.pa[x]! : st.pb[x]!;
        if (st.pStamp[q] === pid) continue;
        st.pStamp[q] = pid;
        aff.push(q);
        const ob = st.bp[q]!;
        oldB.push(ob);
        oldI.push(st.ip[q]!);
        const nb = st.rowBreaks(q);
        deltaIdle += st.lastIdle - st.ip[q]!;
        st.ip[q] = st.lastIdle;
        st.bp[q] = nb;
        st.hist[ob]!--;
        st.hist[nb]!++;
        delta += nb - ob;
      }
    }
    const newExc = d >= S ? 0 : st.excess();
    const dc = delta + IW * deltaIdle + W * (newExc - exc);
    if (dc <= 0 || st.rng() < Math.exp(-dc / temp)) {
      st.total += delta;
      st.totalIdle += deltaIdle;
      exc = newExc;
      cost += dc;
      if (exc === 0 && st.total < best.breaks) {
        saveBest();
        lastBestIter = iterBase.n;
        if (best.breaks <= lowerBound) break;
      }
    } else {
      for (let i = 0; i < aff.length; i++) {
        const q = aff.a[i]!;
        st.hist[st.bp[q]!]!--;
        st.hist[oldB.a[i]!]!++;
        st.bp[q] = oldB.a[i]!;
        st.ip[q] = oldI.a[i]!;
      }
      undo();
    }
  }
  void cost;
}

// -------------------------------------------------------------------------------------------------------
// Entry point
// -------------------------------------------------------------------------------------------------------

/**
 * Schedule all meetings of an instance, minimising total breaks under the fairness bound. Anytime: returns
 * the best schedule found when the time limit, iteration limit, abort signal or shouldStop() ends the run,
 * or earlier once the schedule provably matches the lower bound.
 */
export function solve(inst: Instance, opts: SolveOptions = {}): SolveResult {
  const now = opts.now ?? (() => performance.now());
  const clock = new StopClock(opts, now);
  const an = analyse(inst);
  const st = new Search(inst, an.domains, an.preds, an.succs, an.byParticipant, opts.seed ?? 1);
  const M = st.M;
  const iter = { n: 0 };
  const best: Best = { breaks: Infinity, slotOf: new Int32Array(M).fill(-1) };
  const interval = opts.progressIntervalMs ?? 200;
  let lastReport = -Infinity;
  let phase: SolveProgress['phase'] = 'feasibility';
  const report = (force = false) => {
    if (!opts.onProgress) return;
    const el = clock.elapsed();
    if (!force && el - lastReport < interval) return;
    lastReport = el;
    opts.onProgress({
      bestBreaks: Number.isFinite(best.breaks) ? best.breaks : null,
      lowerBound: an.lowerBound,
      elapsedMs: el,
      iterations: iter.n,
      phase,
    });
  };

  const provedInfeasible = an.infeasible.length > 0;
  const active = new Uint8Array(M);
  for (let m = 0; m < M; m++) active[m] = an.domains[m]!.length > 0 ? 1 : 0;

  const init = opts.initial;
  if (init && init.length === M && init.every((s, m) => !active[m] || an.domains[m]!.includes(s))) {
    for (let m = 0; m < M; m++) if (active[m]) st.place(m, init[m]!);
  } else greedyConstruct(st, active);
  let feasibleFound = false;
  if (!provedInfeasible) {
    feasibleFound = tabuFeasibility(st, active, clock, iter, () => report(false));
  } else {
    // Place what can be placed; the search budget is small because a full schedule cannot exist.
    const sub = new StopClock({ ...opts, timeLimitMs: Math.min(opts.timeLimitMs ?? 10_000, 1000) }, now);
    tabuFeasibility(st, active, sub, iter, () => report(false));
  }

  const reasons: Reason[] = [...an.infeasible];
  if (feasibleFound) {
    phase = 'optimise';
    const tune = { ...DEFAULT_TUNING, ...opts.tuning };
    optimise(st, an.lowerBound, clock, iter, best, report, tune);
  }
  let slotOf: number[];
  let feasible = false;
  if (Number.isFinite(best.breaks)) {
    slotOf = Array.from(best.slotOf);
    feasible = true;
  } else {
    if (feasibleFound) {
      reasons.push({
        code: 'fairness-not-reached',
        message: `no schedule meeting the fairness bound (d = ${inst.fairness}) was found in the time limit`,
      });
    } else {
      stripConflicts(st);
      if (!provedInfeasible) {
        reasons.push({
          code: 'not-found',
          message:
            'no schedule satisfying every constraint was found in the time limit; unplaced meetings have no slot',
        });
      }
    }
    slotOf = Array.from(st.slotOf);
  }
  // Breaks of the returned schedule, from scratch.
  const rows: number[][] = Array.from({ length: inst.participants }, () => []);
  slotOf.forEach((s, m) => {
    if (s < 0) return;
    rows[st.pa[m]!]!.push(s);
    rows[st.pb[m]!]!.push(s);
  });
  const breaksPerParticipant = rows.map((r) => {
    r.sort((x, y) => x - y);
    let b = 0;
    for (let i = 1; i < r.length; i++) {
      const prev = r[i - 1]!;
      const cur = r[i]!;
      if (cur - prev > 1 && !(st.lunchFree && prev < st.morning && cur >= st.morning)) b++;
    }
    return b;
  });
  const breaks = breaksPerParticipant.reduce((x, y) => x + y, 0);
  const result: SolveResult = {
    feasible,
    slotOf,
    breaks,
    breaksPerParticipant,
    lowerBound: an.lowerBound,
    provedOptimal: feasible && breaks <= an.lowerBound,
    provedInfeasible,
    reasons: feasible ? [] : reasons,
    iterations: iter.n,
    elapsedMs: clock.elapsed(),
  };
  report(true);
  return result;
}

// -------------------------------------------------------------------------------------------------------
// Portfolio: local search, then the exact model (exact.ts)
// -------------------------------------------------------------------------------------------------------

export interface PortfolioOptions extends SolveOptions {
  /** Run the exact part after the local search (default true). */
  exact?: boolean;
  /** Largest exact model (meeting x allowed slot pairs) the portfolio builds (default EXACT_MAX_PAIRS). */
  exactMaxPairs?: number;
  /** Share of the time limit given to the local search before the exact part starts (default 0.05, at least 1 s). */
  localShare?: number;
  /**
   * Longest single exact question in seconds, so that a stop request is honoured quickly (default 5 when
   * shouldStop or signal is given, else unlimited: one question may use all the remaining time).
   */
  maxQuestionSeconds?: number;
  /**
   * clingo's questions give up after this many milliseconds without a better schedule or bound, and Z3's
   * CaDiCaL's questions take over (default: 10% of the time left when clingo starts, at least 2 s).
   */
  exactStallMs?: number;
  /** Run CaDiCaL's bottom-up questions after clingo (default true; false only to measure what it brings). */
  sat?: boolean;
  /**
   * CaDiCaL's and Z3's questions run only when the best schedule is at most this many breaks above the lower
   * bound when clingo hands over, and the first local search hands over to clingo only once the gap is at
   * most twice this (default EXACT_MAX_GAP); otherwise the local search keeps the time.
   */
  exactMaxGap?: number;
  /** Share of the time left when CaDiCaL starts that it may use (default 0.9). */
  satShare?: number;
  /** Run Z3's MaxSAT model after CaDiCaL when at least 3 s are left (default true). */
  maxsat?: boolean;
  /**
   * Share of the time left when Z3 starts that it may use (default 0.8); the local search continues from the
   * best schedule for the rest when Z3 has not proved the optimum.
   */
  maxsatShare?: number;
}

/**
 * Largest gap (best schedule - lower bound, in breaks) at which CaDiCaL's and Z3's questions still run after
 * clingo; while the gap is above twice this, the first local search goes on alone instead of handing over.
 * Bottom-up questions raise the bound by one per refutation, and each took 1-15 s on the JAIR instances, where
 * the gap at hand-over was at most 11 in 100 runs. On generated theme days of 80-200 participants it was 16-63,
 * no question was answered within 20 s, and the time they took left the portfolio up to 14 breaks behind the
 * local search alone (engine README, "Mid-size theme days").
 */
export const EXACT_MAX_GAP = 12;

export interface PortfolioResult extends SolveResult {
  /** best - lower bound when feasible, else null. */
  gap: number | null;
  /**
   * What the exact part did: its final status and a note (e.g. why it gave up), or null when not run. `maxsat`
   * is Z3's run after clingo's questions, when it ran.
   */
  exact: {
    status: ExactStatus;
    note?: string;
    questions: number;
    improved: boolean;
    raisedBound: boolean;
    sat?: { status: SatResult['status']; seconds: number; questions: number; note?: string };
    maxsat?: { status: MaxSatResult['status']; seconds: number; note?: string };
  } | null;
  /** Milliseconds from the start until the returned schedule was first found. */
  bestAtMs: number | null;
  /** Resident memory of the process (MiB) at the end of the run. */
  memoryMb: number;
}

/**
 * Local search first (a good schedule within the first second or so), then the exact model with the local
 * search's best schedule as upper bound and hint (clingo's questions, exact.ts), until the lower bound meets
 * the best schedule, the time limit passes, stop is requested or the questions stall; after a stall, when
 * the gap is at most `exactMaxGap`, CaDiCaL's bottom-up questions (exact-sat.ts) take `satShare` of the time
 * left, then, with at least 3 s left, Z3's MaxSAT run (exact-maxsat.ts) `maxsatShare` of it, and the local
 * search the rest. While the gap is above twice `exactMaxGap`, the first local search goes on. Every schedule
 * the exact part returns is verified by check.ts before it is used; "infeasible" is only reported with a
 * proof (analyse.ts's counting arguments or the exact model's UNSAT).
 */
export async function solvePortfolio(inst: Instance, opts: PortfolioOptions = {}): Promise<PortfolioResult> {
  const now = opts.now ?? (() => performance.now());
  const start = now();
  const limit = opts.timeLimitMs ?? 10_000;
  const deadline = start + limit;
  // Size of the exact model (meeting x session-allowed slot pairs, an upper bound on the real domains):
  // above EXACT_MAX_PAIRS the local search gets the whole time and the result says why.
  const pairs = inst.meetings.reduce(
    (n, m) =>
      n +
      (m.session === 'any' ? inst.slots : m.session === 'morning' ? inst.morningSlots : inst.slots - inst.morningSlots),
    0,
  );
  const maxPairs = opts.exactMaxPairs ?? EXACT_MAX_PAIRS;
  const tooLarge = pairs > maxPairs;
  const useExact = (opts.exact ?? true) && !tooLarge;
  const clingo = useExact ? loadClingo().catch((e: unknown) => e as Error) : undefined;
  let bestAtMs: number | null = null;
  let bestSeen = Infinity;
  let lowerSeen = 0;
  const localMs = useExact ? Math.min(limit, Math.max(1000, limit * (opts.localShare ?? 0.05))) : limit;
  const maxGap = opts.exactMaxGap ?? EXACT_MAX_GAP;
  // The first local search hands over after localMs, unless its best schedule is still more than twice
  // maxGap above the bound: then no exact question would pay off (engine README), and it goes on as one run.
  const farApart = () => Number.isFinite(bestSeen) && bestSeen - lowerSeen > 2 * maxGap;
  const ls = solve(inst, {
    ...opts,
    timeLimitMs: limit,
    shouldStop: () => opts.shouldStop?.() === true || (now() - start >= localMs && !farApart()),
    onProgress: (p) => {
      lowerSeen = p.lowerBound;
      if (p.bestBreaks !== null && p.bestBreaks < bestSeen) {
        bestSeen = p.bestBreaks;
        bestAtMs = now() - start;
      }
      opts.onProgress?.(p);
    },
  });
  const finish = (r: SolveResult, exact: PortfolioResult['exact']): PortfolioResult => ({
    ...r,
    elapsedMs: now() - start,
    gap: r.feasible ? r.breaks - r.lowerBound : null,
    exact,
    bestAtMs: r.feasible ? bestAtMs : null,
    memoryMb: Math.round(process.memoryUsage().rss / 1048576),
  });
  if (tooLarge && (opts.exact ?? true) && !ls.provedOptimal && !ls.provedInfeasible) {
    const note = `the exact model would have ${pairs} meeting-slot pairs (limit ${maxPairs}); local search only`;
    return finish(ls, { status: 'too-large', note, questions: 0, improved: false, raisedBound: false });
  }
  if (!useExact || ls.provedOptimal || ls.provedInfeasible) return finish(ls, null);
  // Still far apart at the end: the first local search ran as the whole run.
  if (farApart()) {
    const note = `exact part not run: gap ${bestSeen - lowerSeen} above ${2 * maxGap}; local search for the whole time`;
    return finish(ls, { status: 'gap-too-large', note, questions: 0, improved: false, raisedBound: false });
  }
  const stopped = () => opts.signal?.aborted === true || opts.shouldStop?.() === true;
  if (stopped() || now() >= deadline - 200) return finish(ls, null);
  const run = await clingo;
  if (!run || run instanceof Error)
    return finish(ls, {
      status: 'error',
      note: `clingo not available: ${String(run)}`,
      questions: 0,
      improved: false,
      raisedBound: false,
    });

  const an = analyse(inst);
  const maxQ = (opts.maxQuestionSeconds ?? (opts.shouldStop || opts.signal ? 5 : Infinity)) * 1000;
  const bound = { lb: ls.lowerBound, best: ls.feasible ? ls.breaks : Infinity };
  let current: SolveResult = ls;
  // One exact run until the bounds meet, the time limit or a stop request (in segments when a stop flag is
  // given); its better schedules are verified again here before they replace the local search's.
  const ex = exactSearch(run, inst, {
    domains: an.domains,
    windows: breakFreeWindows(inst, an.domains, an.byParticipant, an.participantLowerBound),
    participantLowerBound: an.participantLowerBound,
    best: current.feasible ? { slotOf: current.slotOf, breaks: current.breaks } : undefined,
    lowerBound: bound.lb,
    deadline,
    now,
    maxQuestionMs: maxQ,
    stallMs: opts.exactStallMs ?? Math.max(2000, 0.1 * (deadline - now())),
    shouldStop: stopped,
    onImprove: (_s, b, at) => {
      bestAtMs = at - start;
      bound.best = b;
      opts.onProgress?.({
        bestBreaks: b,
        lowerBound: bound.lb,
        elapsedMs: now() - start,
        iterations: ls.iterations,
        phase: 'exact',
      });
    },
    onBound: (lb) => {
      bound.lb = lb;
      opts.onProgress?.({
        bestBreaks: Number.isFinite(bound.best) ? bound.best : null,
        lowerBound: lb,
        elapsedMs: now() - start,
        iterations: ls.iterations,
        phase: 'exact',
      });
    },
  });
  const questions = ex.questions.length;
  bound.lb = Math.max(bound.lb, ex.lowerBound);
  const report = () =>
    opts.onProgress?.({
      bestBreaks: current.feasible ? current.breaks : null,
      lowerBound: bound.lb,
      elapsedMs: now() - start,
      iterations: ls.iterations,
      phase: 'exact',
    });
  /** An exact part's schedule, verified again, replaces the current one when it is better (found at `atMs`). */
  const adopt = (better: { slotOf: number[]; breaks: number } | undefined, atMs = now() - start) => {
    if (!better || (current.feasible && better.breaks >= current.breaks)) return;
    const c = checkSchedule(inst, better.slotOf);
    if (!c.ok) return;
    current = {
      ...current,
      feasible: true,
      slotOf: better.slotOf,
      breaks: c.totalBreaks,
      breaksPerParticipant: c.breaks,
      reasons: [],
    };
    bound.best = c.totalBreaks;
    bestAtMs = atMs;
  };
  // clingo's better schedule keeps the time it was found at (set by onImprove).
  adopt(ex.best, bestAtMs ?? now() - start);
  /** After CaDiCaL or Z3: their schedule and bound are taken; "no solution" beside a verified schedule is a model error. */
  const settle = <R extends SolverRun>(r: R, solver: string): R => {
    const out =
      r.status === 'infeasible' && current.feasible
        ? { ...r, status: 'error', message: `${solver} found no solution although a verified schedule exists` }
        : r;
    adopt(out.best);
    bound.lb = Math.max(bound.lb, out.lowerBound);
    report();
    return out;
  };
  const unavailable = (solver: string, e: Error): SolverRun => ({
    status: 'error',
    lowerBound: 0,
    seconds: 0,
    message: `${solver} not available: ${e.message}`,
  });
  const open = () => !(current.feasible && current.breaks <= bound.lb);
  const handOver = (ex.status === 'stalled' || ex.status === 'error') && open();
  // Too far apart for bottom-up questions to meet within the time: the local search keeps it instead.
  const gap = current.feasible ? current.breaks - bound.lb : 0;
  const withinGap = gap <= maxGap;
  const skipped = handOver && !withinGap ? `CaDiCaL and Z3 not run: gap ${gap} above ${maxGap}` : undefined;
  // clingo's questions gave up (no progress) or failed: CaDiCaL's bottom-up questions take over.
  let sat: SatResult | undefined;
  if ((opts.sat ?? true) && handOver && withinGap && !stopped() && deadline - now() > 1000) {
    const api = await loadCadical().catch((e: unknown) => e as Error);
    sat =
      api instanceof Error
        ? { ...unavailable('CaDiCaL', api), questions: [] }
        : await satSearch(api, inst, {
            domains: an.domains,
            ownBounds: an.participantLowerBound,
            lowerBound: bound.lb,
            best: current.feasible ? current.breaks : undefined,
            deadline: now() + (deadline - now()) * (opts.satShare ?? 0.9),
            now,
            shouldStop: stopped,
            onBound: (lb) => {
              bound.lb = Math.max(bound.lb, lb);
              report();
            },
            onTick: report,
          });
    sat = settle(sat, 'CaDiCaL');
  }
  // Still open: Z3's MaxSAT run takes over for its share of the time.
  let maxsat: MaxSatResult | undefined;
  if (
    (opts.maxsat ?? true) &&
    handOver &&
    withinGap &&
    open() &&
    sat?.status !== 'infeasible' &&
    !stopped() &&
    deadline - now() > 3000
  ) {
    // Loaded only when needed: Z3's WebAssembly module starts its own threads.
    const api = await loadZ3().catch((e: unknown) => e as Error);
    maxsat =
      api instanceof Error
        ? unavailable('Z3', api)
        : await maxSatSearch(api, inst, {
            domains: an.domains,
            deadline: now() + (deadline - now()) * (opts.maxsatShare ?? 0.8),
            now,
            shouldStop: stopped,
            onTick: report,
          });
    maxsat = settle(maxsat, 'Z3');
  }
  // Still open with time left: the local search continues from the best schedule.
  let note: string | undefined;
  if (handOver && current.feasible && open() && !stopped() && deadline - now() > 300) {
    let seen = current.breaks;
    const again = solve(inst, {
      ...opts,
      seed: (opts.seed ?? 1) + 1,
      timeLimitMs: deadline - now(),
      initial: current.slotOf,
      // The organiser keeps seeing the run move (elapsed time, iterations, a better schedule) until the end.
      onProgress: (p) => {
        if (p.bestBreaks !== null && p.bestBreaks < seen) {
          seen = p.bestBreaks;
          bestAtMs = now() - start;
        }
        opts.onProgress?.({
          bestBreaks: seen,
          lowerBound: bound.lb,
          elapsedMs: now() - start,
          iterations: ls.iterations + p.iterations,
          phase: 'optimise',
        });
      },
    });
    note = 'local search for the remaining time';
    if (again.feasible && again.breaks < current.breaks && checkSchedule(inst, again.slotOf).ok) {
      current = { ...again, lowerBound: current.lowerBound };
      bound.best = again.breaks;
      opts.onProgress?.({
        bestBreaks: again.breaks,
        lowerBound: bound.lb,
        elapsedMs: now() - start,
        iterations: ls.iterations + again.iterations,
        phase: 'optimise',
      });
    }
  }
  const improved = current.feasible && (!ls.feasible || current.breaks < ls.breaks);
  const raisedBound = bound.lb > ls.lowerBound;
  // With CaDiCaL's or Z3's run, the last one's outcome is the exact part's: proved, or not within the time.
  const status: ExactStatus =
    !open() && (sat || maxsat)
      ? 'optimal'
      : maxsat && maxsat.status !== 'error'
        ? maxsat.status
        : sat && sat.status !== 'error'
          ? sat.status
          : ex.status;
  const info = (note?: string) => ({
    status,
    note:
      [
        ex.message && `clingo: ${ex.message}`,
        sat &&
          `CaDiCaL: ${sat.status} after ${sat.seconds.toFixed(1)} s, ${sat.questions.length} questions${sat.message ? ` (${sat.message})` : ''}`,
        maxsat &&
          `Z3 MaxSAT: ${maxsat.status} after ${maxsat.seconds.toFixed(1)} s${maxsat.message ? ` (${maxsat.message})` : ''}`,
        skipped,
        note,
      ]
        .filter(Boolean)
        .join('; ') || undefined,
    questions,
    improved,
    raisedBound,
    ...(sat
      ? { sat: { status: sat.status, seconds: sat.seconds, questions: sat.questions.length, note: sat.message } }
      : {}),
    ...(maxsat ? { maxsat: { status: maxsat.status, seconds: maxsat.seconds, note: maxsat.message } } : {}),
  });
  if (
    (ex.status === 'infeasible' || sat?.status === 'infeasible' || maxsat?.status === 'infeasible') &&
    !current.feasible
  ) {
    return finish(
      {
        ...ls,
        provedInfeasible: true,
        reasons: [
          {
            code: 'exact-unsat',
            message: 'the exact model (every constraint, fairness included) has no solution: no schedule exists',
          },
        ],
      },
      info(),
    );
  }
  const r: SolveResult = { ...current, lowerBound: bound.lb };
  r.provedOptimal = r.feasible && r.breaks <= r.lowerBound;
  return finish(r, info(note));
}
