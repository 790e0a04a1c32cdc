/**
 * Static analysis of a B2B instance before search: slot domains of the meetings, precedence propagation,
 * proofs of infeasibility by counting arguments, and a lower bound on the total number of breaks.
 * Pure and deterministic; used by solve.ts.
 */
import type { Instance } from './model.ts';
import { breaksOfSlots, meetingsByParticipant, sessionAllows } from './model.ts';

/** A machine-readable reason code plus an English explanation (1-based numbers as a user sees them). */
export interface Reason {
  code: string;
  message: string;
}

export interface Analysis {
  /** Allowed slots per meeting (session, both participants' forbidden slots, fixed slot, precedences). */
  domains: number[][];
  /** Meeting ids per participant. */
  byParticipant: number[][];
  /** Direct predecessors / successors per meeting. */
  preds: number[][];
  succs: number[][];
  /** Proven minimum number of breaks per participant, each considered alone. */
  participantLowerBound: number[];
  /**
   * Extra breaks proved by the slot-coverage argument (see slotCoverageBound): participants that each need
   * slot s to have no break, more of them than the meetings of slot s can serve.
   */
  coverageBound: number;
  /** Sum of participantLowerBound plus coverageBound: a lower bound on the total breaks. */
  lowerBound: number;
  /** Reasons why no schedule can exist (non-empty means proved infeasible). */
  infeasible: Reason[];
}

/** Kuhn's augmenting-path matching: can every meeting get its own slot among `allowed`? */
export function perfectMatchingExists(
  meetings: readonly number[],
  domains: readonly (readonly number[])[],
  allowed?: ReadonlySet<number>,
): boolean {
  const owner = new Map<number, number>();
  const tryAssign = (i: number, seen: Set<number>): boolean => {
    for (const s of domains[meetings[i]!]!) {
      if (allowed && !allowed.has(s)) continue;
      if (seen.has(s)) continue;
      seen.add(s);
      const o = owner.get(s);
      if (o === undefined || tryAssign(o, seen)) {
        owner.set(s, i);
        return true;
      }
    }
    return false;
  };
  // Most constrained first keeps the recursion short.
  const order = meetings.map((_, i) => i).sort((x, y) => domains[meetings[x]!]!.length - domains[meetings[y]!]!.length);
  for (const i of order) if (!tryAssign(i, new Set())) return false;
  return true;
}

/**
 * Smallest number of breaks participant `p` can have on its own (ignoring everyone else), found by trying
 * candidate sets of busy slots in increasing number of breaks and testing each with a matching. Gives up
 * (returning the bound proved so far) after a budget of candidates, so it is always a valid lower bound.
 */
export function participantMinBreaks(
  inst: Instance,
  meetings: readonly number[],
  domains: readonly (readonly number[])[],
  maxBreaks = 3,
  budget = 200_000,
): number {
  const n = meetings.length;
  if (n <= 1) return 0;
  const S = inst.slots;
  const lunch = inst.lunch ?? 'counts';
  const usable = new Uint8Array(S);
  for (const m of meetings) for (const s of domains[m]!) usable[s] = 1;
  let work = 0;
  for (let b = 0; b <= maxBreaks; b++) {
    const maxRuns = b + (lunch === 'free' && inst.morningSlots > 0 && inst.morningSlots < S ? 2 : 1);
    let found = false;
    const chosen: number[] = [];
    // Choose runs left to right; each run is [l, l+len-1] of usable slots, separated by at least one slot.
    const rec = (from: number, left: number, runs: number): void => {
      if (found || work > budget) return;
      if (left === 0) {
        work++;
        if (breaksOfSlots(chosen, inst.morningSlots, lunch) !== b) return;
        if (perfectMatchingExists(meetings, domains, new Set(chosen))) found = true;
        return;
      }
      if (runs === maxRuns) return;
      for (let l = from; l < S; l++) {
        if (!usable[l]) continue;
        for (let len = 1; len <= left && l + len - 1 < S && usable[l + len - 1]; len++) {
          for (let k = 0; k < len; k++) chosen.push(l + k);
          rec(l + len + 1, left - len, runs + 1);
          chosen.length -= len;
          if (found || work > budget) return;
        }
      }
    };
    rec(0, n, 0);
    if (found) return b;
    if (work > budget) return b; // not proven beyond b
  }
  return maxBreaks + 1;
}

/**
 * Maximum cardinality matching of a general graph (Edmonds' blossom algorithm, O(V^3)); vertices 0..n-1,
 * adjacency lists. Used by the slot-coverage bound, where the participants' meeting graph is not bipartite.
 */
export function maxMatching(n: number, adj: readonly (readonly number[])[]): number {
  const match = new Int32Array(n).fill(-1);
  const parent = new Int32Array(n);
  const base = new Int32Array(n);
  const used = new Uint8Array(n);
  const blossom = new Uint8Array(n);
  const onPath = new Uint8Array(n);
  const queue = new Int32Array(n);
  const lca = (a: number, b: number): number => {
    onPath.fill(0);
    for (;;) {
      a = base[a]!;
      onPath[a] = 1;
      if (match[a] === -1) break;
      a = parent[match[a]!]!;
    }
    for (;;) {
      b = base[b]!;
      if (onPath[b]) return b;
      b = parent[match[b]!]!;
    }
  };
  const markPath = (v: number, b: number, child: number): void => {
    while (base[v] !== b) {
      blossom[base[v]!] = 1;
      blossom[base[match[v]!]!] = 1;
      parent[v] = child;
      child = match[v]!;
      v = parent[match[v]!]!;
    }
  };
  const findPath = (root: number): number => {
    used.fill(0);
    parent.fill(-1);
    for (let i = 0; i < n; i++) base[i] = i;
    used[root] = 1;
    let head = 0;
    let tail = 0;
    queue[tail++] = root;
    while (head < tail) {
      const v = queue[head++]!;
      for (const to of adj[v]!) {
        if (base[v] === base[to] || match[v] === to) continue;
        if (to === root || (match[to] !== -1 && parent[match[to]!] !== -1)) {
          const cur = lca(v, to);
          blossom.fill(0);
          markPath(v, cur, to);
          markPath(to, cur, v);
          for (let i = 0; i < n; i++) {
            if (blossom[base[i]!]) {
              base[i] = cur;
              if (!used[i]) {
                used[i] = 1;
                queue[tail++] = i;
              }
            }
          }
        } else if (parent[to] === -1) {
          parent[to] = v;
          if (match[to] === -1) return to;
          used[match[to]!] = 1;
          queue[tail++] = match[to]!;
        }
      }
    }
    return -1;
  };
  let size = 0;
  for (let i = 0; i < n; i++) {
    if (match[i] !== -1) continue;
    let v = findPath(i);
    if (v === -1) continue;
    size++;
    while (v !== -1) {
      const pv = parent[v]!;
      const next = match[pv]!;
      match[v] = pv;
      match[pv] = v;
      v = next;
    }
  }
  return size;
}

/**
 * Break-free windows (lunch 'counts'): per participant with at least two meetings and own bound 0, the first
 * slots L of the windows L..L+n-1 of n consecutive slots in which its n meetings fit (a perfect matching of
 * its meetings to the window's slots within their domains). A participant without a break meets exactly
 * in one of these windows. `null` for participants this says nothing about (fewer than two meetings);
 * an empty list means the participant cannot be without a break.
 */
export function breakFreeWindows(
  inst: Instance,
  domains: readonly (readonly number[])[],
  byParticipant: readonly (readonly number[])[],
  participantLowerBound: readonly number[],
): (number[] | null)[] {
  const S = inst.slots;
  return byParticipant.map((ms, p) => {
    const n = ms.length;
    if (n < 2) return null;
    const out: number[] = [];
    if (participantLowerBound[p]! > 0 || n > S) return out;
    for (let L = 0; L + n <= S; L++) {
      const w = new Set<number>();
      for (let k = 0; k < n; k++) w.add(L + k);
      if (perfectMatchingExists(ms, domains, w)) out.push(L);
    }
    return out;
  });
}

/**
 * Slot-coverage lower bound (lunch 'counts' only). A participant p whose own bound is 0 can only have no
 * break if its busy slots form one window of consecutive slots in which its meetings fit; the slots common
 * to all such windows (its "core", e.g. the last morning and first afternoon slot for someone with both
 * morning-only and afternoon-only meetings) must then each hold one of its meetings. The meetings of one
 * slot are a matching of at most `tables` meetings allowed in that slot, so they serve at most
 * min(2 * tables, tables + nu, c) core participants, where nu is the largest matching among meetings
 * between two core participants and c the number of core participants with any meeting allowed there.
 * Each core participant left unserved has at least one break; the bound is the largest shortfall over the
 * slots (not the sum: the same participant may fall short in several slots).
 */
export function slotCoverageBound(
  inst: Instance,
  domains: readonly (readonly number[])[],
  byParticipant: readonly (readonly number[])[],
  participantLowerBound: readonly number[],
): number {
  if ((inst.lunch ?? 'counts') !== 'counts') return 0;
  const S = inst.slots;
  const starts = breakFreeWindows(inst, domains, byParticipant, participantLowerBound);
  const inCore: Uint8Array[] = [];
  byParticipant.forEach((ms, p) => {
    const n = ms.length;
    const core = new Uint8Array(S);
    inCore.push(core);
    const ws = starts[p];
    if (!ws || ws.length === 0) return; // no break-free window: the participant's own bound is already >= 1
    const hits = new Int32Array(S);
    for (const L of ws) for (let k = 0; k < n; k++) hits[L + k]!++;
    for (let s = 0; s < S; s++) if (hits[s] === ws.length) core[s] = 1;
  });
  let best = 0;
  for (let s = 0; s < S; s++) {
    let size = 0;
    for (let p = 0; p < inst.participants; p++) if (inCore[p]![s]) size++;
    if (size <= inst.tables) continue; // one meeting each fits anyway (a meeting serves up to two)
    const adj: number[][] = Array.from({ length: inst.participants }, () => []);
    const reachable = new Uint8Array(inst.participants);
    inst.meetings.forEach((m, i) => {
      if (!domains[i]!.includes(s)) return;
      const ca = inCore[m.a]![s]!;
      const cb = inCore[m.b]![s]!;
      if (ca) reachable[m.a] = 1;
      if (cb) reachable[m.b] = 1;
      if (ca && cb) {
        adj[m.a]!.push(m.b);
        adj[m.b]!.push(m.a);
      }
    });
    let c = 0;
    for (let p = 0; p < inst.participants; p++) if (reachable[p]) c++;
    const nu = maxMatching(inst.participants, adj);
    const served = Math.min(2 * inst.tables, inst.tables + nu, c);
    best = Math.max(best, size - served);
  }
  return best;
}

/** Compute domains, infeasibility proofs and the lower bound, so the search starts from solid ground. */
export function analyse(inst: Instance): Analysis {
  const S = inst.slots;
  const M = inst.meetings.length;
  const reasons: Reason[] = [];
  const byParticipant = meetingsByParticipant(inst);
  const forb = inst.forbidden.map((f) => new Set(f));
  const domains: number[][] = inst.meetings.map((m, i) => {
    const out: number[] = [];
    const f = inst.fixed[i];
    for (let s = 0; s < S; s++) {
      if (f !== null && f !== undefined && f !== s) continue;
      if (!sessionAllows(inst, m.session, s)) continue;
      if (forb[m.a]?.has(s) || forb[m.b]?.has(s)) continue;
      out.push(s);
    }
    return out;
  });
  const meetingName = (i: number) =>
    `meeting ${i + 1} (participants ${inst.meetings[i]!.a + 1} and ${inst.meetings[i]!.b + 1})`;
  domains.forEach((d, i) => {
    if (d.length === 0) {
      const f = inst.fixed[i];
      const m = inst.meetings[i]!;
      const why =
        f !== null && f !== undefined
          ? `it is fixed to slot ${f + 1}, which its session or a participant's forbidden slots exclude`
          : `its session (${m.session}) and the participants' forbidden slots leave no slot`;
      reasons.push({ code: 'no-slot', message: `${meetingName(i)} has no allowed slot: ${why}` });
    }
  });

  // Precedences: graph, cycle detection, then earliest/latest slot propagation.
  const preds: number[][] = Array.from({ length: M }, () => []);
  const succs: number[][] = Array.from({ length: M }, () => []);
  for (const [b, a] of inst.precedences) {
    if (b === a) {
      reasons.push({ code: 'precedence-cycle', message: `meeting ${b + 1} must come before itself` });
      continue;
    }
    preds[a]!.push(b);
    succs[b]!.push(a);
  }
  const indeg = preds.map((p) => p.length);
  const topo: number[] = [];
  for (let i = 0; i < M; i++) if (indeg[i] === 0) topo.push(i);
  for (let k = 0; k < topo.length; k++) {
    for (const x of succs[topo[k]!]!) if (--indeg[x]! === 0) topo.push(x);
  }
  if (topo.length < M && inst.precedences.length > 0) {
    const inCycle: number[] = [];
    for (let i = 0; i < M; i++) if (indeg[i]! > 0) inCycle.push(i + 1);
    reasons.push({
      code: 'precedence-cycle',
      message: `the precedences contain a cycle (meetings involved: ${inCycle.slice(0, 20).join(', ')}${inCycle.length > 20 ? ', …' : ''})`,
    });
  } else if (inst.precedences.length > 0) {
    // Forward: a meeting cannot start before each predecessor's earliest slot + 1; backward likewise.
    for (const m of topo) {
      let lo = -1;
      for (const p of preds[m]!) lo = Math.max(lo, domains[p]![0] ?? S);
      if (lo >= 0) domains[m] = domains[m]!.filter((s) => s > lo);
    }
    for (let k = topo.length - 1; k >= 0; k--) {
      const m = topo[k]!;
      let hi = S;
      for (const x of succs[m]!) hi = Math.min(hi, domains[x]![domains[x]!.length - 1] ?? -1);
      if (hi < S) domains[m] = domains[m]!.filter((s) => s < hi);
    }
    domains.forEach((d, i) => {
      if (d.length === 0 && !reasons.some((r) => r.code === 'no-slot' && r.message.startsWith(`meeting ${i + 1} `))) {
        reasons.push({
          code: 'precedence-chain',
          message: `${meetingName(i)} has no slot left once its chain of precedences is respected`,
        });
      }
    });
  }

  // Fixed meetings sharing a participant and a slot, and fixed meetings exceeding the tables of a slot.
  const fixedLoad = new Array<number>(S).fill(0);
  const fixedAt = new Map<string, number>();
  inst.fixed.forEach((f, i) => {
    if (f === null || f === undefined) return;
    fixedLoad[f]!++;
    const m = inst.meetings[i]!;
    for (const p of [m.a, m.b]) {
      const key = `${p}:${f}`;
      const other = fixedAt.get(key);
      if (other !== undefined) {
        reasons.push({
          code: 'fixed-clash',
          message: `meetings ${other + 1} and ${i + 1} of participant ${p + 1} are both fixed to slot ${f + 1}`,
        });
      } else fixedAt.set(key, i);
    }
  });
  fixedLoad.forEach((n, s) => {
    if (n > inst.tables)
      reasons.push({
        code: 'fixed-tables',
        message: `${n} meetings are fixed to slot ${s + 1} but there are only ${inst.tables} tables`,
      });
  });

  // Table capacity: all meetings, morning-only, afternoon-only.
  if (M > inst.tables * S) {
    reasons.push({
      code: 'tables',
      message: `${M} meetings need more than the ${inst.tables * S} places (${inst.tables} tables x ${S} slots)`,
    });
  }
  const nMorning = inst.meetings.filter((m) => m.session === 'morning').length;
  const nAfternoon = inst.meetings.filter((m) => m.session === 'afternoon').length;
  const aft = S - inst.morningSlots;
  if (nMorning > inst.tables * inst.morningSlots) {
    reasons.push({
      code: 'tables-morning',
      message: `${nMorning} morning meetings but only ${inst.tables * inst.morningSlots} morning places (${inst.tables} tables x ${inst.morningSlots} slots)`,
    });
  }
  if (nAfternoon > inst.tables * aft) {
    reasons.push({
      code: 'tables-afternoon',
      message: `${nAfternoon} afternoon meetings but only ${inst.tables * aft} afternoon places (${inst.tables} tables x ${aft} slots)`,
    });
  }

  // Per participant: enough distinct allowed slots (pigeonhole, then an exact matching test).
  const participantLowerBound = new Array<number>(inst.participants).fill(0);
  const checkParticipants = () =>
    byParticipant.forEach((ms, p) => {
      if (ms.length <= 1) return;
      if (ms.some((m) => domains[m]!.length === 0)) return;
      const union = new Set<number>();
      for (const m of ms) for (const s of domains[m]!) union.add(s);
      if (union.size < ms.length) {
        reasons.push({
          code: 'participant-slots',
          message: `participant ${p + 1} has ${ms.length} meetings but only ${union.size} allowed slots`,
        });
        return;
      }
      for (const [session, label, count] of [
        ['morning', 'morning', inst.morningSlots],
        ['afternoon', 'afternoon', aft],
      ] as const) {
        const k = ms.filter((m) => inst.meetings[m]!.session === session).length;
        const free = new Set<number>();
        for (const m of ms) if (inst.meetings[m]!.session === session) for (const s of domains[m]!) free.add(s);
        if (k > free.size) {
          reasons.push({
            code: 'participant-session',
            message: `participant ${p + 1} has ${k} ${label} meetings but only ${free.size} allowed ${label} slots (of ${count})`,
          });
          return;
        }
      }
      if (!perfectMatchingExists(ms, domains)) {
        reasons.push({
          code: 'participant-matching',
          message: `the ${ms.length} meetings of participant ${p + 1} cannot all get different allowed slots`,
        });
        return;
      }
      participantLowerBound[p] = participantMinBreaks(inst, ms, domains);
    });
  checkParticipants();

  // Forced slots, when nothing simpler proved infeasibility: a meeting left with one allowed slot (fixed, or
  // narrowed by sessions, forbidden slots and precedences) holds that slot for both its participants, so the
  // slot leaves their other meetings' domains, to a fixpoint; a domain emptied this way is a proof, and so are
  // meetings forced into one slot beyond its tables. The narrowed domains go to the search and the exact
  // model.
  if (reasons.length === 0) {
    const isFixed = (i: number) => inst.fixed[i] !== null && inst.fixed[i] !== undefined;
    const queue: number[] = [];
    domains.forEach((d, i) => d.length === 1 && queue.push(i));
    const settled = new Uint8Array(M);
    let narrowed = false;
    while (queue.length > 0) {
      const i = queue.pop()!;
      if (settled[i] || domains[i]!.length !== 1) continue;
      settled[i] = 1;
      const s = domains[i]![0]!;
      const m = inst.meetings[i]!;
      for (const p of [m.a, m.b]) {
        for (const j of byParticipant[p]!) {
          if (j === i || (isFixed(i) && isFixed(j))) continue;
          const d = domains[j]!;
          const k = d.indexOf(s);
          if (k < 0) continue;
          d.splice(k, 1);
          narrowed = true;
          if (d.length === 0) {
            reasons.push({
              code: 'slot-taken',
              message: `${meetingName(j)} has no slot left: its last allowed slot ${s + 1} is the only slot meeting ${i + 1} of participant ${p + 1} can have`,
            });
          } else if (d.length === 1) queue.push(j);
        }
      }
    }
    // Meetings forced into one slot (not all of them fixed) beyond its tables.
    const forcedLoad = new Array<number>(S).fill(0);
    const forcedFixed = new Array<number>(S).fill(0);
    domains.forEach((d, i) => {
      if (d.length !== 1) return;
      forcedLoad[d[0]!]!++;
      if (isFixed(i)) forcedFixed[d[0]!]!++;
    });
    forcedLoad.forEach((n, s) => {
      if (n > inst.tables && forcedFixed[s]! <= inst.tables)
        reasons.push({
          code: 'forced-tables',
          message: `${n} meetings can only be held in slot ${s + 1} (${forcedFixed[s]} of them fixed there) but there are only ${inst.tables} tables`,
        });
    });
    // The participants again on the narrowed domains: a slot taken from a participant's meetings may leave
    // it too few, and its fewest breaks may rise.
    if (narrowed && reasons.length === 0) checkParticipants();
  }

  // Fairness: someone forced above d breaks while someone else can never have any.
  if (reasons.length === 0 && inst.participants > 0) {
    let worst = 0;
    participantLowerBound.forEach((b, p) => {
      if (b > participantLowerBound[worst]!) worst = p;
    });
    const idle = byParticipant.findIndex((ms) => ms.length <= 1);
    const need = participantLowerBound[worst]!;
    if (idle >= 0 && need > inst.fairness) {
      reasons.push({
        code: 'fairness',
        message: `participant ${worst + 1} needs at least ${need} breaks while participant ${idle + 1} has at most one meeting and so no break; the difference exceeds ${inst.fairness}`,
      });
    }
  }

  const coverageBound =
    reasons.length === 0 ? slotCoverageBound(inst, domains, byParticipant, participantLowerBound) : 0;
  const lowerBound = participantLowerBound.reduce((x, y) => x + y, 0) + coverageBound;
  return {
    domains,
    byParticipant,
    preds,
    succs,
    participantLowerBound,
    coverageBound,
    lowerBound,
    infeasible: reasons,
  };
}
