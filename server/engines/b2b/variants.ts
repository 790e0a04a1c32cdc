/**
 * Seeded, deterministic generator of B2B variants for the second benchmark table (bench/b2b/variants.ts).
 *
 * A variant is a real instance plus the constraints organisers add: precedence chains ("after the
 * keynote"), forbidden slots ("not before 10:00", lunch-hour unavailability), fixed meetings ("this VIP
 * meeting at 14:00"), fewer tables, and combinations. It works on the raw 1-based .dzn arrays
 * ({@link B2bRawData}) so that the benchmark's independent verifier (bench/b2b/verify.ts) judges the
 * schedules against exactly the data that was generated.
 *
 * Ground truth does not come from the engine under test:
 * - feasible kinds only add constraints that a given feasible, fair schedule (the *witness*, 1-based slots)
 *   satisfies, so the witness proves feasibility and its breaks are an upper bound on the optimum;
 * - infeasible kinds add, on top of such a variant, a small core that no schedule can satisfy, with the
 *   argument written out in `proof` (pigeonhole over slots, a precedence cycle, table capacity, fairness);
 * - the `random` kind adds constraints drawn without looking at any schedule (truth unknown), as an
 *   organiser would: there only the checker (for schedules) and the engine's proofs (for "infeasible") judge.
 *
 * Nothing here knows about the solver: the witness is supplied by the caller, and every choice comes from a
 * PRNG seeded by (seed, variant index), so the same seed gives the same variants on any machine.
 */
import type { B2bRawData } from './dzn.ts';
import { createRng } from '../../../common/rng.ts';

export const FEASIBLE_KINDS = ['chains', 'late-start', 'lunch', 'vip-fixed', 'tight', 'combined', 'zero'] as const;
export const INFEASIBLE_KINDS = [
  'squeezed-chain',
  'blocked-slot',
  'table-overflow',
  'forced-unfair',
  'hidden-cycle',
] as const;
export type FeasibleKind = (typeof FEASIBLE_KINDS)[number];
export type InfeasibleKind = (typeof INFEASIBLE_KINDS)[number];
/** Random organiser constraints not derived from a witness: feasibility unknown beforehand. */
export const OPEN_KINDS = ['random'] as const;
export type OpenKind = (typeof OPEN_KINDS)[number];
export type VariantKind = FeasibleKind | InfeasibleKind | OpenKind;
export const ALL_KINDS: readonly VariantKind[] = [...FEASIBLE_KINDS, ...INFEASIBLE_KINDS, ...OPEN_KINDS];

export interface Variant {
  /** Short unique name, e.g. "v03 tic-13". */
  name: string;
  base: string;
  kind: VariantKind;
  /** What was added, in words an organiser would use (1-based slots and participants). */
  label: string;
  raw: B2bRawData;
  /** 'unknown' for the random kind: only the checker and the engine's proofs can tell. */
  truth: 'feasible' | 'infeasible' | 'unknown';
  /** Feasible kinds: the witness (1-based slot per meeting) that satisfies every added constraint. */
  witness: number[] | null;
  /** Feasible kinds: total breaks of the witness (lunch gap counted), an upper bound on the optimum. */
  witnessBreaks: number | null;
  /** Infeasible kinds: why no schedule exists. */
  proof: string | null;
}

export interface Base {
  name: string;
  raw: B2bRawData;
  /** A feasible, fair schedule of the base instance: 1-based slot per meeting. */
  witness: number[];
}

/** FNV-1a of a string, to derive per-variant seeds. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

type Rng = () => number;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
function shuffle<T>(rng: Rng, xs: readonly T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Total breaks of a 1-based schedule (lunch gap counted), computed from the raw rows. */
export function rawBreaks(raw: B2bRawData, slots: readonly number[]): number {
  const busy: number[][] = Array.from({ length: raw.nBusiness + 1 }, () => []);
  raw.requested.forEach(([a, b], i) => {
    busy[a]!.push(slots[i]!);
    busy[b]!.push(slots[i]!);
  });
  let total = 0;
  for (const ts of busy) {
    ts.sort((x, y) => x - y);
    for (let k = 1; k < ts.length; k++) if (ts[k]! - ts[k - 1]! > 1) total++;
  }
  return total;
}

/** Mutable working copy of a base instance, with the witness. All numbers 1-based like the raw data. */
class Work {
  readonly S: number;
  readonly morn: number;
  readonly P: number;
  readonly M: number;
  /** Meeting indices (0-based) per participant (index 1..P). */
  readonly byP: number[][];
  /** Witness slots per participant (index 1..P). */
  readonly busy: Set<number>[];
  readonly forbidden: Set<number>[];
  readonly fixed: number[];
  /** prec[i] = 1-based meetings that must come before meeting i. */
  readonly prec: Set<number>[];
  tables: number;
  readonly notes: string[] = [];

  constructor(
    readonly raw: B2bRawData,
    readonly w: readonly number[],
    readonly rng: Rng,
  ) {
    this.S = raw.nTotalSlots;
    this.morn = raw.nMorningSlots;
    this.P = raw.nBusiness;
    this.M = raw.nMeetings;
    this.byP = Array.from({ length: this.P + 1 }, () => []);
    this.busy = Array.from({ length: this.P + 1 }, () => new Set<number>());
    raw.requested.forEach(([a, b], i) => {
      this.byP[a]!.push(i);
      this.byP[b]!.push(i);
      this.busy[a]!.add(w[i]!);
      this.busy[b]!.add(w[i]!);
    });
    this.forbidden = Array.from(
      { length: this.P + 1 },
      (_, p) => new Set(p === 0 ? [] : (raw.forbidden?.[p - 1] ?? [])),
    );
    this.fixed = [...(raw.fixed ?? new Array<number>(this.M).fill(0))];
    this.prec = Array.from({ length: this.M }, (_, i) => new Set(raw.precedences?.[i] ?? []));
    this.tables = raw.nTables;
  }

  sessionAllows(i: number, t: number): boolean {
    const s = this.raw.requested[i]![2];
    return s === 3 || (s === 1 ? t <= this.morn : t > this.morn);
  }

  /** May meeting i take slot t under the current constraints (session, forbidden, fixed)? */
  allows(i: number, t: number): boolean {
    const [a, b] = this.raw.requested[i]!;
    return (
      t >= 1 &&
      t <= this.S &&
      this.sessionAllows(i, t) &&
      !this.forbidden[a]!.has(t) &&
      !this.forbidden[b]!.has(t) &&
      (this.fixed[i] === 0 || this.fixed[i] === t)
    );
  }

  /** Forbid slot t for participant p only where the witness leaves p idle (keeps the witness valid). */
  forbidIdle(p: number, t: number): boolean {
    if (this.busy[p]!.has(t) || this.forbidden[p]!.has(t)) return false;
    this.forbidden[p]!.add(t);
    return true;
  }

  participantsWith(min: number): number[] {
    const out: number[] = [];
    for (let p = 1; p <= this.P; p++) if (this.byP[p]!.length >= min) out.push(p);
    return out;
  }

  other(i: number, p: number): number {
    const [a, b] = this.raw.requested[i]!;
    return a === p ? b : a;
  }

  /** Witness-consistent precedence chains of 2..4 meetings, half of them through a shared participant. */
  chains(count: number): number[][] {
    const out: number[][] = [];
    for (let c = 0; c < count * 4 && out.length < count; c++) {
      const start = Math.floor(this.rng() * this.M);
      if (this.w[start]! >= this.S) continue;
      const len = 2 + Math.floor(this.rng() * 3);
      const chain = [start];
      const shared = this.rng() < 0.5;
      while (chain.length < len) {
        const cur = chain[chain.length - 1]!;
        const [a, b] = this.raw.requested[cur]!;
        const pool = shared ? [...this.byP[a]!, ...this.byP[b]!] : Array.from({ length: this.M }, (_, j) => j);
        const later = pool.filter((j) => !chain.includes(j) && this.w[j]! > this.w[cur]!);
        if (later.length === 0) break;
        // Prefer a successor close in time: those chains leave the least room.
        const close = later.filter((j) => this.w[j]! <= this.w[cur]! + 2);
        chain.push(pick(this.rng, close.length > 0 && this.rng() < 0.7 ? close : later));
      }
      if (chain.length < 2) continue;
      for (let k = 1; k < chain.length; k++) this.prec[chain[k]!]!.add(chain[k - 1]! + 1);
      out.push(chain);
    }
    if (out.length > 0)
      this.notes.push(
        `${out.length} precedence chains ("after the keynote"): ${out.map((ch) => ch.map((i) => i + 1).join('<')).join(', ')}`,
      );
    return out;
  }

  /** Some participants arrive late (no meeting before their first witness slot or earlier) or leave early. */
  lateStart(share: number, exact: boolean): void {
    const ps = shuffle(this.rng, this.participantsWith(2));
    const n = Math.max(1, Math.round(ps.length * share));
    let late = 0;
    let early = 0;
    for (const p of ps.slice(0, n)) {
      const ts = [...this.busy[p]!].sort((x, y) => x - y);
      const first = ts[0]!;
      const last = ts[ts.length - 1]!;
      if (this.rng() < 0.65 && first > 1) {
        const k = exact ? first - 1 : 1 + Math.floor(this.rng() * (first - 1));
        for (let t = 1; t <= k; t++) this.forbidIdle(p, t);
        late++;
      } else if (last < this.S) {
        const from = exact ? last + 1 : last + 1 + Math.floor(this.rng() * (this.S - last));
        for (let t = from; t <= this.S; t++) this.forbidIdle(p, t);
        early++;
      }
    }
    this.notes.push(
      `${late} participant(s) not before a given slot ("not before 10:00"), ${early} leave(s) early${exact ? ' (at their witness first/last meeting)' : ''}`,
    );
  }

  /** Lunch-hour unavailability: a share of the participants are away for one or two slots around noon. */
  lunch(share: number): void {
    const mid = this.morn > 0 && this.morn < this.S ? this.morn : Math.floor(this.S / 2);
    const window = [mid - 1, mid, mid + 1, mid + 2].filter((t) => t >= 1 && t <= this.S);
    const ps = shuffle(this.rng, this.participantsWith(1));
    let n = 0;
    for (const p of ps.slice(0, Math.max(1, Math.round(ps.length * share)))) {
      const start = Math.floor(this.rng() * (window.length - 1));
      const len = this.rng() < 0.5 ? 1 : 2;
      let any = false;
      for (const t of window.slice(start, start + len)) any = this.forbidIdle(p, t) || any;
      if (any) n++;
    }
    this.notes.push(`${n} participant(s) away for lunch (1-2 slots among ${window.join(',')})`);
  }

  /** VIP meetings fixed at their witness slot: meetings of the busiest participants first. */
  vipFixed(share: number): void {
    const vips = this.participantsWith(1)
      .sort((x, y) => this.byP[y]!.length - this.byP[x]!.length || x - y)
      .slice(0, Math.max(1, Math.round(this.P * 0.1)));
    const pool = shuffle(this.rng, [...new Set(vips.flatMap((p) => this.byP[p]!))]);
    const n = Math.max(1, Math.round(this.M * share));
    let k = 0;
    for (const i of pool) {
      if (k >= n) break;
      if (this.fixed[i] !== 0) continue;
      this.fixed[i] = this.w[i]!;
      k++;
    }
    this.notes.push(
      `${k} VIP meetings fixed at a given slot ("at 14:00"), among the ${vips.length} busiest participants`,
    );
  }

  /** A share of the participants only available from their witness first to last meeting. */
  window(share: number): void {
    const ps = shuffle(this.rng, this.participantsWith(2));
    const chosen = ps.slice(0, Math.max(1, Math.round(ps.length * share)));
    for (const p of chosen) {
      const ts = [...this.busy[p]!];
      const first = Math.min(...ts);
      const last = Math.max(...ts);
      for (let t = 1; t <= this.S; t++) if (t < first || t > last) this.forbidIdle(p, t);
    }
    this.notes.push(`${chosen.length} participant(s) available only from their witness first to last meeting`);
  }

  /** Constraints drawn blindly (no witness): blocks of forbidden slots, fixed meetings, precedence pairs. */
  random(): void {
    const ps = shuffle(this.rng, this.participantsWith(1));
    const np = Math.max(1, Math.round(ps.length * 0.12));
    let blocks = 0;
    for (const p of ps.slice(0, np)) {
      const len = 1 + Math.floor(this.rng() * 3);
      // Like an organiser would: only participants with free slots to spare get a block.
      if (this.byP[p]!.length + len >= this.S - this.forbidden[p]!.size) continue;
      const from = 1 + Math.floor(this.rng() * (this.S - len + 1));
      for (let t = from; t < from + len; t++) this.forbidden[p]!.add(t);
      blocks++;
    }
    const nf = Math.max(1, Math.round(this.M * 0.04));
    let fixedN = 0;
    for (const i of shuffle(
      this.rng,
      Array.from({ length: this.M }, (_, j) => j),
    ).slice(0, nf)) {
      const [a, b] = this.raw.requested[i]!;
      // No two fixed meetings of a participant in one slot, and room left at the table.
      const taken = new Set([...this.byP[a]!, ...this.byP[b]!].map((j) => this.fixed[j]!).filter((t) => t !== 0));
      const dom: number[] = [];
      for (let t = 1; t <= this.S; t++)
        if (this.allows(i, t) && !taken.has(t) && this.fixed.filter((f) => f === t).length < this.tables - 1)
          dom.push(t);
      if (dom.length === 0) continue;
      this.fixed[i] = pick(this.rng, dom);
      fixedN++;
    }
    const npairs = 3 + Math.floor(this.rng() * 4);
    const pairs: string[] = [];
    for (let k = 0; k < npairs; k++) {
      const a = Math.floor(this.rng() * this.M);
      const b = Math.floor(this.rng() * this.M);
      if (a === b) continue;
      this.prec[b]!.add(a + 1);
      pairs.push(`${a + 1}<${b + 1}`);
    }
    this.notes.push(
      `drawn without a witness: ${blocks} participant(s) unavailable for a block of 1-3 slots, ${fixedN} meetings fixed at a random allowed slot, precedences ${pairs.join(', ')}`,
    );
  }

  /** Cut the tables down to the witness's busiest slot. */
  cutTables(): void {
    const per = new Map<number, number>();
    for (const t of this.w) per.set(t, (per.get(t) ?? 0) + 1);
    const most = Math.max(...per.values());
    if (most < this.tables) {
      this.notes.push(`tables cut from ${this.tables} to ${most}`);
      this.tables = most;
    }
  }

  /** The witness's meetings at slot t. */
  meetingsAt(t: number): number[] {
    const out: number[] = [];
    this.w.forEach((s, i) => {
      if (s === t) out.push(i);
    });
    return out;
  }

  build(): B2bRawData {
    const sorted = (s: Set<number>) => [...s].sort((x, y) => x - y);
    return {
      ...this.raw,
      nTables: this.tables,
      requested: this.raw.requested.map((r) => [...r] as [number, number, number]),
      forbidden: this.forbidden.slice(1).map(sorted),
      fixed: [...this.fixed],
      precedences: this.prec.map(sorted),
    };
  }
}

/** Infeasible core builders: each returns the proof, or null when the base does not lend itself. */
const CORES: Record<InfeasibleKind, (w: Work) => string | null> = {
  /** A fixed at s, C fixed at s+k, a chain of k meetings between them: k meetings for k-1 slots. */
  'squeezed-chain': (w) => {
    const k = 2 + Math.floor(w.rng() * 2);
    const order = shuffle(
      w.rng,
      Array.from({ length: w.M }, (_, i) => i),
    );
    for (const a of order) {
      const s = w.w[a]!;
      const c = order.find((j) => j !== a && w.w[j] === s + k);
      if (c === undefined) continue;
      const mids = order.filter((j) => j !== a && j !== c).slice(0, k);
      if (mids.length < k) return null;
      w.fixed[a] = s;
      w.fixed[c] = s + k;
      const chain = [a, ...mids, c];
      for (let q = 1; q < chain.length; q++) w.prec[chain[q]!]!.add(chain[q - 1]! + 1);
      w.notes.push(
        `chain ${chain.map((i) => i + 1).join('<')} with meeting ${a + 1} fixed at slot ${s} and meeting ${c + 1} at slot ${s + k}`,
      );
      return `meetings ${mids.map((i) => i + 1).join(', ')} must take ${k} different slots strictly between slots ${s} and ${s + k} (precedences ${chain.map((i) => i + 1).join('<')}, ends fixed): only ${k - 1} exist`;
    }
    return null;
  },

  /**
   * Participant p may only meet in n slots (forbidden elsewhere) for its n meetings; in one of them, t, every
   * partner is unavailable: one through a fixed meeting with someone else, the others forbidden at t.
   */
  'blocked-slot': (w) => {
    for (const p of shuffle(w.rng, w.participantsWith(3))) {
      const own = w.byP[p]!;
      const slots = [...w.busy[p]!];
      for (const t of shuffle(w.rng, slots)) {
        const at = own.find((i) => w.w[i] === t)!;
        const q = w.other(at, p);
        // q's other meeting to fix at t: not with p, session allows t, partner not forbidden at t.
        const partners = new Set(own.map((i) => w.other(i, p)));
        const mq = w.byP[q]!.find(
          (i) => i !== at && !partners.has(w.other(i, q)) && w.other(i, q) !== p && w.fixed[i] === 0 && w.allows(i, t),
        );
        if (mq === undefined) continue;
        for (let s = 1; s <= w.S; s++) if (!w.busy[p]!.has(s)) w.forbidden[p]!.add(s);
        w.fixed[mq] = t;
        const others = [...partners].filter((r) => r !== q);
        for (const r of others) w.forbidden[r]!.add(t);
        w.notes.push(
          `participant ${p} (${own.length} meetings) available only in slots ${slots.sort((x, y) => x - y).join(',')}; meeting ${mq + 1} of its partner ${q} fixed at slot ${t}; its other partners ${others.join(',') || '-'} unavailable at slot ${t}`,
        );
        return `participant ${p} has ${own.length} meetings and ${own.length} allowed slots, but none of its meetings can be in slot ${t} (partner ${q} is in fixed meeting ${mq + 1} then, the others are unavailable): ${own.length} meetings for ${own.length - 1} slots`;
      }
    }
    return null;
  },

  /** Tables cut to the busiest witness slot t, whose meetings are all fixed there, plus one more forced into t. */
  'table-overflow': (w) => {
    const per = new Map<number, number>();
    for (const t of w.w) per.set(t, (per.get(t) ?? 0) + 1);
    const ts = shuffle(w.rng, [...per.keys()]).sort((x, y) => per.get(y)! - per.get(x)!);
    for (const t of ts) {
      const here = w.meetingsAt(t);
      // A meeting whose both participants are idle at t and whose session allows t; preferably one whose
      // first participant only meets after t and the second only before t in the witness, so that the
      // forbidden slots below leave every other meeting its witness slot and the tables are the only obstacle.
      const fits = shuffle(
        w.rng,
        Array.from({ length: w.M }, (_, i) => i),
      ).filter((i) => {
        const [a, b] = w.raw.requested[i]!;
        return w.w[i] !== t && !w.busy[a]!.has(t) && !w.busy[b]!.has(t) && w.allows(i, t) && w.fixed[i] === 0;
      });
      const clean = (i: number, a: number, b: number) =>
        w.byP[a]!.every((j) => j === i || w.w[j]! > t) && w.byP[b]!.every((j) => j === i || w.w[j]! < t);
      let cand: number | undefined;
      let swap = false;
      for (const i of fits) {
        const [a, b] = w.raw.requested[i]!;
        if (clean(i, a, b) || clean(i, b, a)) {
          cand = i;
          swap = !clean(i, a, b);
          break;
        }
      }
      cand ??= fits[0];
      if (cand === undefined) continue;
      const row = w.raw.requested[cand]!;
      const a = swap ? row[1] : row[0];
      const b = swap ? row[0] : row[1];
      w.tables = here.length;
      for (const i of here) w.fixed[i] = t;
      // a cannot meet before t, b cannot meet after t: the only slot left to their meeting is t.
      for (let s = 1; s < t; s++) w.forbidden[a]!.add(s);
      for (let s = t + 1; s <= w.S; s++) w.forbidden[b]!.add(s);
      w.notes.push(
        `tables cut to ${here.length}; ${here.length} meetings fixed at slot ${t}; participant ${a} not before slot ${t}, participant ${b} not after it (their meeting ${cand + 1})`,
      );
      return `slot ${t} must hold the ${here.length} fixed meetings and meeting ${cand + 1} (participant ${a} is unavailable before slot ${t}, participant ${b} after it): ${here.length + 1} meetings for ${here.length} tables`;
    }
    return null;
  },

  /** A participant allowed only in blocks of b consecutive slots: more than d breaks, while someone has 0. */
  'forced-unfair': (w) => {
    const d = 2;
    const low = w.participantsWith(0).filter((p) => p >= 1 && w.byP[p]!.length <= 1);
    if (low.length === 0) return null;
    const cands = shuffle(w.rng, w.participantsWith(d + 2));
    for (const p of cands) {
      const n = w.byP[p]!.length;
      const b = Math.floor((n - 1) / (d + 1));
      // Blocks of b allowed slots separated by one forbidden slot, starting at a random offset.
      const off = Math.floor(w.rng() * (b + 1));
      const allowed: number[] = [];
      const blocked: number[] = [];
      for (let s = 1; s <= w.S; s++) ((s - 1 + off) % (b + 1) === b ? blocked : allowed).push(s);
      // Keep every meeting of p placeable and enough slots, so that fairness is the only obstacle left.
      const kept = new Set(allowed);
      const placeable = w.byP[p]!.every(
        (i) => (w.fixed[i] === 0 || kept.has(w.fixed[i]!)) && allowed.some((s) => w.allows(i, s)),
      );
      const session = (code: number, inSession: (s: number) => boolean) =>
        w.byP[p]!.filter((i) => w.raw.requested[i]![2] === code).length <= allowed.filter(inSession).length;
      const roomy = session(1, (s) => s <= w.morn) && session(2, (s) => s > w.morn);
      if (allowed.length < n || !placeable || !roomy) continue;
      for (const s of blocked) w.forbidden[p]!.add(s);
      w.notes.push(
        `participant ${p} (${n} meetings) available only in runs of ${b} slot${b > 1 ? 's' : ''} (${allowed.join(',')})`,
      );
      return `participant ${p}'s ${n} meetings lie in runs of at most ${b} consecutive allowed slots, so it has at least ${Math.ceil(n / b) - 1} breaks > d = ${d}, while participant ${low[0]} (at most one meeting) has 0: fairness cannot hold`;
    }
    return null;
  },

  /** Witness-consistent chains, then one edge that closes a cycle among meetings of increasing witness slots. */
  'hidden-cycle': (w) => {
    const chains = w.chains(3).filter((c) => c.length >= 3);
    const ch = chains.length > 0 ? chains[0]! : null;
    if (!ch) return null;
    const first = ch[0]!;
    const last = ch[ch.length - 1]!;
    w.prec[first]!.add(last + 1);
    w.notes.push(`plus meeting ${last + 1} before meeting ${first + 1}`);
    return `precedence cycle ${[...ch, first].map((i) => i + 1).join('<')}`;
  },
};

/**
 * Drop meetings until the witness has no break: while someone has a break, keep only their longest run of
 * consecutive meetings. The result has a known optimum of 0 breaks, the witness. Indices of
 * fixed slots and precedences are remapped; the redundant per-participant arrays are left out.
 */
export function dropToZeroBreaks(
  raw: B2bRawData,
  witness: readonly number[],
  rng: Rng,
): { raw: B2bRawData; witness: number[]; dropped: number } {
  const keep = new Array<boolean>(raw.nMeetings).fill(true);
  const slotsOf = (p: number) =>
    raw.requested
      .map((r, i) => (keep[i] && (r[0] === p || r[1] === p) ? i : -1))
      .filter((i) => i >= 0)
      .sort((x, y) => witness[x]! - witness[y]!);
  for (;;) {
    const withBreak: number[] = [];
    for (let p = 1; p <= raw.nBusiness; p++) {
      const own = slotsOf(p);
      if (own.some((i, k) => k > 0 && witness[i]! - witness[own[k - 1]!]! > 1)) withBreak.push(p);
    }
    if (withBreak.length === 0) break;
    // Keep the participant's longest run of consecutive meetings (ties at random), drop the others.
    const own = slotsOf(pick(rng, withBreak));
    const runs: number[][] = [];
    own.forEach((i, k) => {
      if (k === 0 || witness[i]! - witness[own[k - 1]!]! > 1) runs.push([i]);
      else runs[runs.length - 1]!.push(i);
    });
    const longest = Math.max(...runs.map((r) => r.length));
    const kept = pick(
      rng,
      runs.filter((r) => r.length === longest),
    );
    for (const r of runs) if (r !== kept) for (const i of r) keep[i] = false;
  }
  const newId = new Array<number>(raw.nMeetings).fill(-1);
  let n = 0;
  keep.forEach((k, i) => {
    if (k) newId[i] = n++;
  });
  const kept = (i: number) => keep[i];
  return {
    raw: {
      ...raw,
      nMeetings: n,
      requested: raw.requested.filter((_, i) => kept(i)).map((r) => [...r] as [number, number, number]),
      meetingsxBusiness: undefined,
      nMeetingsBusiness: undefined,
      fixed: raw.fixed?.filter((_, i) => kept(i)),
      precedences: raw.precedences
        ?.filter((_, i) => kept(i))
        .map((set) => set.filter((q) => q !== 0 && keep[q - 1]).map((q) => newId[q - 1]! + 1)),
    },
    witness: witness.filter((_, i) => kept(i)),
    dropped: raw.nMeetings - n,
  };
}

function applyFeasible(w: Work, kind: FeasibleKind): void {
  switch (kind) {
    case 'chains':
      w.chains(4 + Math.floor(w.rng() * 5));
      break;
    case 'late-start':
      w.lateStart(0.25, false);
      break;
    case 'lunch':
      w.lunch(0.4);
      break;
    case 'vip-fixed':
      w.vipFixed(0.1);
      break;
    case 'tight':
      w.cutTables();
      w.window(0.5);
      w.vipFixed(0.05);
      w.chains(3);
      break;
    case 'zero': // the base was reduced by dropToZeroBreaks (makeVariant); then a mix of constraints
      w.window(0.3);
      w.vipFixed(0.05);
      w.chains(3);
      w.lunch(0.2);
      break;
    case 'combined':
      w.chains(3);
      w.lateStart(0.15, false);
      w.lunch(0.25);
      w.vipFixed(0.05);
      break;
  }
}

/** Decoration added before an infeasible core, so the contradiction hides among ordinary constraints. */
const DECOR: Record<InfeasibleKind, FeasibleKind> = {
  'squeezed-chain': 'lunch',
  'blocked-slot': 'chains',
  'table-overflow': 'late-start',
  'forced-unfair': 'vip-fixed',
  'hidden-cycle': 'lunch',
};

/** One variant of `base` of the given kind, or null when the base cannot host it. */
export function makeVariant(
  base: Base,
  kind: VariantKind,
  seed: number,
  name = `${base.name} ${kind}`,
): Variant | null {
  const rng = createRng(hash(`${seed}/${base.name}/${kind}`));
  let w: Work;
  if (kind === 'zero') {
    const z = dropToZeroBreaks(base.raw, base.witness, rng);
    // Nothing to drop (the witness has no break: see 'tight') or too little of the real event left.
    if (z.dropped === 0 || z.raw.nMeetings < base.raw.nMeetings * 0.6) return null;
    w = new Work(z.raw, z.witness, rng);
    w.notes.push(
      `${z.dropped} of ${base.raw.nMeetings} meetings dropped so that a schedule without breaks exists (optimum 0)`,
    );
  } else w = new Work(base.raw, base.witness, rng);
  const infeasible = (INFEASIBLE_KINDS as readonly string[]).includes(kind);
  let proof: string | null = null;
  if (kind === 'random') w.random();
  else if (infeasible) {
    applyFeasible(w, DECOR[kind as InfeasibleKind]);
    proof = CORES[kind as InfeasibleKind](w);
    if (proof === null) return null;
  } else applyFeasible(w, kind as FeasibleKind);
  const raw = w.build();
  const known = kind !== 'random' && !infeasible;
  return {
    name,
    base: base.name,
    kind,
    label: w.notes.join('; '),
    raw,
    truth: kind === 'random' ? 'unknown' : infeasible ? 'infeasible' : 'feasible',
    witness: known ? [...w.w] : null,
    witnessBreaks: known ? rawBreaks(raw, w.w) : null,
    proof,
  };
}

export interface GenerateOptions {
  seed: number;
  /** Number of variants (default 30: in every ten, six feasible, three infeasible, one random). */
  count?: number;
  /** Restrict to these kinds (default all). */
  kinds?: readonly VariantKind[];
}

/**
 * `count` variants: kinds in a fixed rotation (feasible, feasible, infeasible, three times, then random), bases
 * in a seeded shuffle; a base that cannot host a kind is skipped for the next one.
 */
export function generateVariants(bases: readonly Base[], o: GenerateOptions): Variant[] {
  const count = o.count ?? 30;
  const feas = FEASIBLE_KINDS.filter((k) => !o.kinds || o.kinds.includes(k));
  const inf = INFEASIBLE_KINDS.filter((k) => !o.kinds || o.kinds.includes(k));
  const open = OPEN_KINDS.filter((k) => !o.kinds || o.kinds.includes(k));
  const slots: ('f' | 'i' | 'o')[] = ['f', 'f', 'i', 'f', 'f', 'i', 'f', 'f', 'i', 'o'];
  const pattern = slots.filter(
    (c) => (c === 'f' && feas.length > 0) || (c === 'i' && inf.length > 0) || (c === 'o' && open.length > 0),
  );
  const order = shuffle(createRng(hash(`bases/${o.seed}`)), bases);
  const out: Variant[] = [];
  let fi = 0;
  let ii = 0;
  let oi = 0;
  for (let v = 0; v < count && order.length > 0 && pattern.length > 0; v++) {
    const c = pattern[v % pattern.length]!;
    const kind: VariantKind =
      c === 'i' ? inf[ii++ % inf.length]! : c === 'o' ? open[oi++ % open.length]! : feas[fi++ % feas.length]!;
    for (let k = 0; k < order.length; k++) {
      // Shift by one after each pass over the bases, so a base does not meet the same kind again.
      const base = order[(v + Math.floor(v / order.length) + k) % order.length]!;
      const name = `v${String(v + 1).padStart(2, '0')} ${base.name}`;
      const variant = makeVariant(base, kind, o.seed + v, name);
      if (variant) {
        out.push(variant);
        break;
      }
    }
  }
  return out;
}

/** The variant as MiniZinc data in the layout of the JAIR files (readable by parseB2bDzn). */
export function variantToDzn(raw: B2bRawData): string {
  const set = (xs: readonly number[]) => `{${xs.join(',')}}`;
  const lines = [
    `nBusiness = ${raw.nBusiness};`,
    `nMeetings = ${raw.nMeetings};`,
    `nTables = ${raw.nTables};`,
    `nTotalSlots = ${raw.nTotalSlots};`,
    `nMorningSlots = ${raw.nMorningSlots};`,
    `requested = [|${raw.requested.map((r) => r.join(', ')).join('\n|')}|];`,
    `forbidden = [${(raw.forbidden ?? []).map(set).join(', ')}];`,
    `fixed = [${(raw.fixed ?? []).join(',')}];`,
    `precedences = [${(raw.precedences ?? []).map(set).join(', ')}];`,
  ];
  return `${lines.join('\n')}\n`;
}
