/**
 * The B2B meeting scheduler: pure TypeScript, no I/O, deterministic for a given seed, anytime.
 *
 * 1. analyse.ts computes slot domains, infeasibility proofs and a lower bound on the breaks.
 * 2. Feasibility: a greedy construction followed by a tabu search on the number of violated constraints
 *    (participant clashes, table overflow, precedences); session/forbidden/fixed constraints are never
 *    violated because meetings only take slots of their domain.
 * 3. Optimisation: simulated annealing with periodic reheats over feasible schedules only, minimising
 *    total breaks while the fairness bound is kept by a penalty (only fair schedules are recorded).
 *    Moves: move one meeting; Kempe-chain swap between two slots (keeps every participant clash-free);
 *    swap of two whole slot columns; moves aimed at closing a participant's gap.
 *
 * Determinism: every random decision comes from the seeded PRNG and is taken per iteration, so two runs
 * with the same seed follow the same trajectory; the clock only decides when to stop. With `maxIterations`
 * (or when optimality is proved before the time limit) results are identical across runs.
 */
import type { Instance } from './model.ts';
import type { Reason } from './analyse.ts';
import { analyse } from './analyse.ts';

export type { Reason } from './analyse.ts';

export interface SolveProgress {
  /** Total breaks of the best fair, feasible schedule so far, or null while none is known. */
  bestBreaks: number | null;
  lowerBound: number;
  elapsedMs: number;
  iterations: number;
  phase: 'feasibility' | 'optimise';
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

/** Small fast seeded PRNG (mulberry32): deterministic across platforms, returns floats in [0, 1). */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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
  readonly hist: Int32Array;
  total = 0;
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
    for (const p of [this.pa[m]!, this.pb[m]!]) {
      this.cnt[p * S + s]!--;
      if (this.occ[p * S + s] === m) this.occ[p * S + s] = -1;
    }
  }

  /** Breaks of participant p from its current row of busy slots. */
  rowBreaks(p: number): number {
    const S = this.S;
    const base = p * S;
    let breaks = 0;
    let last = -1;
    for (let s = 0; s < S; s++) {
      if (this.cnt[base + s]! > 0) {
        if (last >= 0 && s - last > 1 && !(this.lunchFree && last < this.morning && s >= this.morning)) breaks++;
        last = s;
      }
    }
    return breaks;
  }

  recomputeBreaks(): void {
    this.hist.fill(0);
    this.total = 0;
    for (let p = 0; p < this.P; p++) {
      const b = this.rowBreaks(p);
      this.bp[p] = b;
      this.hist[b]!++;
      this.total += b;
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

// -------------------------------------------------------------------------------------------------------
// Phase 1: feasibility by tabu search on violations.
// -------------------------------------------------------------------------------------------------------

function violations(st: Search): number {
  const { S, P, T } = st;
  let v = 0;
  for (let i = 0; i < P * S; i++) if (st.cnt[i]! > 1) v += st.cnt[i]! - 1;
  for (let s = 0; s < S; s++) if (st.load[s]! > T) v += st.load[s]! - T;
  for (let m = 0; m < st.M; m++) for (const q of st.preds[m]!) if (st.slotOf[q]! >= 0 && st.slotOf[m]! >= 0 && st.slotOf[q]! >= st.slotOf[m]!) v++;
  return v;
}

function greedyConstruct(st: Search, active: Uint8Array): void {
  const { S, M, T } = st;
  const deg = st.byP.map((l) => l.length);
  const order: number[] = [];
  for (let m = 0; m < M; m++) if (active[m]) order.push(m);
  const key = order.map(() => st.rng());
  const rank = new Float64Array(M);
  order.forEach((m, i) => (rank[m] = st.domList[m]!.length * 1000 - (deg[st.pa[m]!]! + deg[st.pb[m]!]!) * 10 + key[i]!));
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

function tabuFeasibility(st: Search, active: Uint8Array, clock: StopClock, iterBase: { n: number }, report: () => void): boolean {
  const { S, M, T } = st;
  let v = violations(st);
  let bestV = v;
  const tabu = new Int32Array(M * S);
  const cand: number[] = [];
  const moves: number[] = [];
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
      if (st.cnt[st.pa[m]! * S + s]! > 1 || st.cnt[st.pb[m]! * S + s]! > 1 || st.load[s]! > T || !st.precOk(m)) cand.push(m);
    }
    let bestDelta = Infinity;
    moves.length = 0;
    for (const m of cand) {
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
          moves.push(m, t);
        } else if (d === bestDelta) moves.push(m, t);
      }
    }
    let m: number;
    let t: number;
    if (moves.length === 0) {
      if (cand.length === 0) break;
      m = cand[st.randInt(cand.length)]!;
      const dl = st.domList[m]!;
      t = dl[st.randInt(dl.length)]!;
    } else {
      const k = st.randInt(moves.length / 2) * 2;
      m = moves[k]!;
      t = moves[k + 1]!;
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
    if (st.cnt[st.pa[m]! * S + s]! > 1 || st.cnt[st.pb[m]! * S + s]! > 1 || st.load[s]! > T || !st.precOk(m)) st.unplace(m);
  }
}

// -------------------------------------------------------------------------------------------------------
// Phase 2: break minimisation over feasible schedules.
// -------------------------------------------------------------------------------------------------------

interface Best {
  breaks: number;
  slotOf: Int32Array;
}

function optimise(st: Search, lowerBound: number, clock: StopClock, iterBase: { n: number }, best: Best, report: (force: boolean) => void): void {
  const { S, M, T, P } = st;
  const d = st.inst.fairness;
  const W = 3; // penalty per unit of fairness excess
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
  let cost = st.total + W * exc;
  const saveBest = () => {
    if (exc === 0 && st.total < best.breaks) {
      best.breaks = st.total;
      best.slotOf.set(st.slotOf);
      report(true);
    }
  };
  saveBest();
  if (best.breaks <= lowerBound) return;

  const mv: number[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const aff: number[] = [];
  const oldB: number[] = [];
  const queue: number[] = [];

  const apply = (): void => {
    for (let i = 0; i < mv.length; i++) st.unplace(mv[i]!);
    for (let i = 0; i < mv.length; i++) st.place(mv[i]!, to[i]!);
  };
  const undo = (): void => {
    for (let i = 0; i < mv.length; i++) st.unplace(mv[i]!);
    for (let i = 0; i < mv.length; i++) st.place(mv[i]!, from[i]!);
  };

  /** Build the Kempe chain between slots s and t from the seeds currently in mv. */
  const kempe = (s: number, t: number): void => {
    const id = ++st.stampId;
    queue.length = 0;
    for (const m of mv) {
      st.stamp[m] = id;
      queue.push(m);
    }
    mv.length = 0;
    from.length = 0;
    to.length = 0;
    for (let k = 0; k < queue.length; k++) {
      const x = queue[k]!;
      const u = st.slotOf[x]!;
      const w = u === s ? t : s;
      mv.push(x);
      from.push(u);
      to.push(w);
      for (const q of [st.pa[x]!, st.pb[x]!]) {
        const y = st.occ[q * S + w]!;
        if (y >= 0 && st.stamp[y] !== id) {
          st.stamp[y] = id;
          queue.push(y);
        }
      }
    }
  };

  const movesFeasible = (): boolean => {
    let dS = 0;
    let sSlot = -1;
    let tSlot = -1;
    for (let i = 0; i < mv.length; i++) {
      if (!st.dom[mv[i]! * S + to[i]!]) return false;
    }
    // Table check per destination slot.
    if (mv.length > 0) {
      sSlot = from[0]!;
      tSlot = to[0]!;
      for (let i = 0; i < mv.length; i++) dS += from[i] === sSlot ? -1 : 1;
      if (st.load[sSlot]! + dS > T) return false;
      if (st.load[tSlot]! - dS > T) return false;
    }
    return true;
  };

  let temp = 0.6;
  const tHigh = 0.6;
  const tLow = 0.04;
  const cycle = Math.max(50_000, 150 * M);
  const cool = Math.pow(tLow / tHigh, 1 / cycle);
  let sinceImprove = 0;
  let lastBestIter = iterBase.n;
  const byP = st.byP;

  for (;;) {
    if ((iterBase.n & 255) === 0) {
      if (clock.expired(iterBase.n)) break;
      report(false);
    }
    iterBase.n++;
    temp *= cool;
    if (temp < tLow) {
      temp = tHigh;
      // Restart from the best schedule now and then to intensify around it.
      if (best.breaks < Infinity && iterBase.n - lastBestIter > 2 * cycle && st.rng() < 0.5) {
        for (let m = 0; m < M; m++) st.unplace(m);
        for (let m = 0; m < M; m++) if (best.slotOf[m]! >= 0) st.place(m, best.slotOf[m]!);
        st.recomputeBreaks();
        exc = st.excess();
        cost = st.total + W * exc;
      }
    }

    mv.length = 0;
    from.length = 0;
    to.length = 0;
    const r = st.rng();
    if (r < 0.08) {
      // Swap two whole slots.
      const s = st.randInt(S);
      let t = st.randInt(S - 1);
      if (t >= s) t++;
      if (S < 2) continue;
      const ls = st.load[s]!;
      const lt = st.load[t]!;
      for (let k = 0; k < ls; k++) {
        const m = st.members[s * M + k]!;
        mv.push(m);
        from.push(s);
        to.push(t);
      }
      for (let k = 0; k < lt; k++) {
        const m = st.members[t * M + k]!;
        mv.push(m);
        from.push(t);
        to.push(s);
      }
      let ok = true;
      for (let i = 0; i < mv.length; i++) if (!st.dom[mv[i]! * S + to[i]!]) { ok = false; break; }
      if (!ok) continue;
    } else {
      let m = -1;
      let t = -1;
      if (r < 0.55) {
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
          for (let s = 0; s < S; s++) if (st.cnt[p * S + s]! > 0) { if (first < 0) first = s; last = s; }
          const lo = Math.max(0, first - 1);
          const hi = Math.min(S - 1, last + 1);
          t = lo + st.randInt(hi - lo + 1);
          if (st.cnt[p * S + t]! > 0 && st.rng() < 0.7) {
            // Busy there: pick another idle slot inside the span instead.
            for (let k = 0; k < 4; k++) {
              const u = lo + st.randInt(hi - lo + 1);
              if (st.cnt[p * S + u] === 0) { t = u; break; }
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
        if (!movesFeasible()) {
          // Unbalanced: add a meeting of the target slot to the chain.
          if (st.load[t]! === 0) continue;
          const m2 = st.members[t * M + st.randInt(st.load[t]!)]!;
          if (st.stamp[m2] === st.stampId) continue;
          mv.length = 0;
          mv.push(m, m2);
          kempe(s, t);
        }
      }
      if (!movesFeasible()) continue;
    }
    if (mv.length === 0) continue;

    apply();
    let precOk = true;
    if (st.inst.precedences.length > 0) {
      for (const x of mv) if (!st.precOk(x)) { precOk = false; break; }
    }
    if (!precOk) {
      undo();
      continue;
    }
    // Breaks delta of the affected participants.
    const pid = ++st.stampId;
    aff.length = 0;
    oldB.length = 0;
    let delta = 0;
    for (const x of mv) {
      for (const q of [st.pa[x]!, st.pb[x]!]) {
        if (st.pStamp[q] === pid) continue;
        st.pStamp[q] = pid;
        aff.push(q);
        const ob = st.bp[q]!;
        oldB.push(ob);
        const nb = st.rowBreaks(q);
        st.bp[q] = nb;
        st.hist[ob]!--;
        st.hist[nb]!++;
        delta += nb - ob;
      }
    }
    const newExc = d >= S ? 0 : st.excess();
    const newCost = st.total + delta + W * newExc;
    const dc = newCost - cost;
    if (dc <= 0 || st.rng() < Math.exp(-dc / temp)) {
      st.total += delta;
      exc = newExc;
      cost = newCost;
      if (exc === 0 && st.total < best.breaks) {
        saveBest();
        lastBestIter = iterBase.n;
        sinceImprove = 0;
        if (best.breaks <= lowerBound) break;
      }
    } else {
      for (let i = 0; i < aff.length; i++) {
        const q = aff[i]!;
        st.hist[st.bp[q]!]!--;
        st.hist[oldB[i]!]!++;
        st.bp[q] = oldB[i]!;
      }
      undo();
    }
    sinceImprove++;
  }
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
    opts.onProgress({ bestBreaks: Number.isFinite(best.breaks) ? best.breaks : null, lowerBound: an.lowerBound, elapsedMs: el, iterations: iter.n, phase });
  };

  const provedInfeasible = an.infeasible.length > 0;
  const active = new Uint8Array(M);
  for (let m = 0; m < M; m++) active[m] = an.domains[m]!.length > 0 ? 1 : 0;

  greedyConstruct(st, active);
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
    optimise(st, an.lowerBound, clock, iter, best, report);
  }
  let slotOf: number[];
  let feasible = false;
  if (Number.isFinite(best.breaks)) {
    slotOf = Array.from(best.slotOf);
    feasible = true;
  } else {
    if (feasibleFound) {
      reasons.push({ code: 'fairness-not-reached', message: `no schedule meeting the fairness bound (d = ${inst.fairness}) was found in the time limit` });
    } else {
      stripConflicts(st);
      if (!provedInfeasible) {
        reasons.push({ code: 'not-found', message: 'no schedule satisfying every constraint was found in the time limit; unplaced meetings have no slot' });
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
