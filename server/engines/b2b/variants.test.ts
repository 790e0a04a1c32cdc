import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSchedule } from './check.ts';
import type { B2bRawData } from './dzn.ts';
import { b2bInstanceFromRaw, parseB2bDzn } from './dzn.ts';
import { solve } from './solve.ts';
import type { Base, Variant, VariantKind } from './variants.ts';
import { FEASIBLE_KINDS, INFEASIBLE_KINDS, generateVariants, makeVariant, variantToDzn } from './variants.ts';

const DATA = join(import.meta.dirname, '..', '..', '..', 'bench', 'data', 'b2b');

function base(name: string): Base {
  const { instance, raw } = parseB2bDzn(readFileSync(join(DATA, `${name}.original.dzn`), 'utf8'));
  const r = solve(instance, { seed: 3, maxIterations: 20_000, timeLimitMs: 60_000 });
  expect(r.feasible).toBe(true);
  return { name, raw, witness: r.slotOf.map((s) => s + 1) };
}

const BASES = ['tic-12', 'forum-13', 'forumt-14', 'ticf-13crafb'].map(base);

/** The first base that can host the kind. */
function variantOf(kind: VariantKind, seed = 1): Variant {
  for (const b of BASES) {
    const v = makeVariant(b, kind, seed);
    if (v) return v;
  }
  throw new Error(`no base hosts ${kind}`);
}

/** Independent view of a variant: 1-based meetings' participants, allowed slots and the precedence graph. */
function view(raw: B2bRawData) {
  const S = raw.nTotalSlots;
  const forb = (p: number) => new Set(raw.forbidden?.[p - 1] ?? []);
  const domain = (i: number) => {
    const [a, b, s] = raw.requested[i]!;
    const out: number[] = [];
    for (let t = 1; t <= S; t++) {
      if (s === 1 && t > raw.nMorningSlots) continue;
      if (s === 2 && t <= raw.nMorningSlots) continue;
      if (forb(a).has(t) || forb(b).has(t)) continue;
      const f = raw.fixed?.[i] ?? 0;
      if (f !== 0 && f !== t) continue;
      out.push(t);
    }
    return out;
  };
  /** succ[i] = meetings that must come after meeting i (0-based). */
  const succ: number[][] = raw.requested.map(() => []);
  (raw.precedences ?? []).forEach((set, i) => set.filter((q) => q !== 0).forEach((q) => succ[q - 1]!.push(i)));
  const byP = new Map<number, number[]>();
  raw.requested.forEach(([a, b], i) => {
    for (const p of [a, b]) byP.set(p, [...(byP.get(p) ?? []), i]);
  });
  return { S, forb, domain, succ, byP };
}

/** Longest precedence path (in edges) from each meeting, -Infinity where a cycle is reachable. */
function longestFrom(succ: number[][]): number[] {
  const memo = new Array<number>(succ.length).fill(NaN);
  const onStack = new Set<number>();
  const go = (i: number): number => {
    if (!Number.isNaN(memo[i]!)) return memo[i]!;
    if (onStack.has(i)) return Infinity;
    onStack.add(i);
    let best = 0;
    for (const j of succ[i]!) best = Math.max(best, 1 + go(j));
    onStack.delete(i);
    memo[i] = best;
    return best;
  };
  return succ.map((_, i) => go(i));
}

describe('variant generator', () => {
  it('is deterministic for a seed, differs across seeds and leaves the base untouched', () => {
    const before = JSON.stringify(BASES.map((b) => b.raw));
    const a = generateVariants(BASES, { seed: 5, count: 9 });
    const b = generateVariants(BASES, { seed: 5, count: 9 });
    const c = generateVariants(BASES, { seed: 6, count: 9 });
    expect(a).toHaveLength(9);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a.map((v) => v.raw))).not.toBe(JSON.stringify(c.map((v) => v.raw)));
    expect(JSON.stringify(BASES.map((x) => x.raw))).toBe(before);
    // Two feasible kinds for each infeasible one.
    expect(a.filter((v) => v.truth === 'infeasible')).toHaveLength(3);
  });

  it.each(FEASIBLE_KINDS)('%s: adds constraints that the witness satisfies, breaks as an upper bound', (kind) => {
    const v = variantOf(kind);
    const b = BASES.find((x) => x.name === v.base)!;
    expect(v.truth).toBe('feasible');
    expect(JSON.stringify(v.raw)).not.toBe(JSON.stringify(b.raw));
    const res = checkSchedule(
      b2bInstanceFromRaw(v.raw),
      v.witness!.map((s) => s - 1),
    );
    expect(res.violations).toEqual([]);
    expect(v.witnessBreaks).toBe(res.totalBreaks);
    expect(v.label.length).toBeGreaterThan(10);
    if (kind === 'zero') {
      // Meetings were dropped until the witness has no break: optimum 0 is known.
      expect(v.witnessBreaks).toBe(0);
      expect(v.raw.nMeetings).toBeLessThan(b.raw.nMeetings);
      expect(b2bInstanceFromRaw(v.raw).meetings.length).toBe(v.raw.requested.length);
    }
  });

  it('squeezed-chain: two fixed meetings joined by a precedence path longer than their slot distance', () => {
    const v = variantOf('squeezed-chain');
    const { succ } = view(v.raw);
    const fixed = v.raw.fixed!;
    // Longest path from A to C with both fixed: DFS over paths ending at a fixed meeting.
    let found = false;
    const longestTo = (i: number, target: number, seen: Set<number>): number => {
      if (i === target) return 0;
      let best = -Infinity;
      for (const j of succ[i]!)
        if (!seen.has(j)) best = Math.max(best, 1 + longestTo(j, target, new Set([...seen, j])));
      return best;
    };
    fixed.forEach((fa, a) => {
      if (fa === 0) return;
      fixed.forEach((fc, c) => {
        if (fc === 0 || a === c) return;
        if (longestTo(a, c, new Set([a])) > fc - fa) found = true;
      });
    });
    expect(found).toBe(true);
    expect(v.proof).toMatch(/only \d+ exist/);
  });

  it('hidden-cycle: the precedence graph has a cycle', () => {
    const v = variantOf('hidden-cycle');
    expect(longestFrom(view(v.raw).succ).some((x) => x === Infinity)).toBe(true);
  });

  it('blocked-slot: a participant with as many allowed slots as meetings, one of them unusable', () => {
    const v = variantOf('blocked-slot');
    const { S, forb, byP } = view(v.raw);
    const fixed = v.raw.fixed!;
    let found = false;
    for (const [p, own] of byP) {
      const allowed = [...Array(S).keys()].map((t) => t + 1).filter((t) => !forb(p).has(t));
      if (allowed.length !== own.length) continue;
      for (const t of allowed) {
        const blocked = own.every((i) => {
          const [a, b] = v.raw.requested[i]!;
          const q = a === p ? b : a;
          const busyFixed = (byP.get(q) ?? []).some((j) => j !== i && fixed[j] === t);
          return forb(q).has(t) || busyFixed;
        });
        if (blocked) found = true;
      }
    }
    expect(found).toBe(true);
  });

  it('table-overflow: more meetings bound to one slot than there are tables', () => {
    const v = variantOf('table-overflow');
    const { S, domain } = view(v.raw);
    const bound = new Array<number>(S + 1).fill(0);
    v.raw.requested.forEach((_, i) => {
      const d = domain(i);
      if (d.length === 1) bound[d[0]!]!++;
    });
    expect(Math.max(...bound)).toBeGreaterThan(v.raw.nTables);
  });

  it('forced-unfair: someone confined to short runs of slots needs more than d breaks, someone else has none', () => {
    const v = variantOf('forced-unfair');
    const { S, forb, byP } = view(v.raw);
    const loners = [...Array(v.raw.nBusiness).keys()].filter((p) => (byP.get(p + 1) ?? []).length <= 1);
    expect(loners.length).toBeGreaterThan(0);
    let found = false;
    for (const [p, own] of byP) {
      let run = 0;
      let longest = 0;
      for (let t = 1; t <= S; t++) {
        run = forb(p).has(t) ? 0 : run + 1;
        longest = Math.max(longest, run);
      }
      if (longest > 0 && Math.ceil(own.length / longest) - 1 > 2) found = true;
    }
    expect(found).toBe(true);
  });

  it.each(INFEASIBLE_KINDS)('%s: the base witness no longer fits and a proof is given', (kind) => {
    const v = variantOf(kind);
    const b = BASES.find((x) => x.name === v.base)!;
    expect(v.truth).toBe('infeasible');
    expect(v.witness).toBeNull();
    expect(v.proof).toBeTruthy();
    const res = checkSchedule(
      b2bInstanceFromRaw(v.raw),
      b.witness.map((s) => s - 1),
    );
    expect(res.ok).toBe(false);
  });

  it('random: constraints drawn without a witness, truth unknown, one in every ten variants', () => {
    const v = variantOf('random');
    const b = BASES.find((x) => x.name === v.base)!;
    expect(v.truth).toBe('unknown');
    expect(v.witness).toBeNull();
    expect(JSON.stringify(v.raw.forbidden)).not.toBe(JSON.stringify(b.raw.forbidden));
    expect(v.raw.fixed!.some((f) => f !== 0)).toBe(true);
    const ten = generateVariants(BASES, { seed: 4, count: 10 });
    expect(ten.map((x) => x.truth)).toEqual([
      ...['feasible', 'feasible', 'infeasible'],
      ...['feasible', 'feasible', 'infeasible'],
      ...['feasible', 'feasible', 'infeasible'],
      'unknown',
    ]);
  });

  it('writes .dzn that parses back to the same instance', () => {
    for (const v of generateVariants(BASES, { seed: 2, count: 6 })) {
      const back = parseB2bDzn(variantToDzn(v.raw)).instance;
      expect(back).toEqual(b2bInstanceFromRaw(v.raw));
    }
  });
});
