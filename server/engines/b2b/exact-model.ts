/**
 * Answer-set (clingo) model of the B2B meeting scheduling problem, built from an Instance and the slot
 * domains of analyse.ts. Pure text generation; exact.ts runs it.
 *
 * One choice atom per meeting x allowed slot (exactly one per meeting); `busy(P,S)` per participant and slot;
 * a break is counted at its first idle slot: `brk(P,S)` when P is busy at S-1, idle at S and busy at some
 * slot after S (`later`). With lunch 'free' a gap that reaches the afternoon from the morning is not counted.
 * Fairness: all participants' break counts lie in [L, L + d] for one L (L = 0 when someone has at most one
 * meeting). Precedences through "at or after" chains. When nothing tells the slots apart (no split or
 * all sessions 'any', nothing forbidden or fixed, no precedences), the slot-reversal symmetry is broken.
 */
import type { Instance } from './model.ts';

export interface AspModelOptions {
  /** Slot domains per meeting (analyse.ts), already filtered by session, forbidden and fixed slots. */
  domains: readonly (readonly number[])[];
  /** A known schedule (0-based slot per meeting) used as the initial phase of the solver's choices. */
  hint?: readonly number[];
}

/** Decision version: every schedule with at most `maxBreaks` breaks (constant `maxbreaks`, set by the caller). */
export function aspProgram(inst: Instance, o: AspModelOptions): string {
  return base(inst, o) + '\n:- #count{ P,S : brk(P,S) } > maxbreaks.';
}

/** Optimisation version: minimise the total breaks. */
export function aspMinimize(inst: Instance, o: AspModelOptions): string {
  return base(inst, o) + '\n#minimize{ 1,P,S : brk(P,S) }.';
}

function base(inst: Instance, o: AspModelOptions): string {
  const S = inst.slots;
  const out: string[] = [];
  const lunchFree = inst.lunch === 'free' && inst.morningSlots < S && inst.morningSlots > 0;
  const count = new Int32Array(inst.participants);
  inst.meetings.forEach((m, i) => {
    count[m.a]!++;
    count[m.b]!++;
    out.push(`meet(${i},${m.a},${m.b}).`);
    for (const s of o.domains[i]!) out.push(`dom(${i},${s}).`);
  });
  count.forEach((n, p) => n > 1 && out.push(`part(${p}).`, `nm(${p},${n}).`));
  for (const [b, a] of inst.precedences) out.push(`prec(${b},${a}).`);
  // Slot reversal (s -> S-1-s) maps schedules to schedules with the same breaks when nothing tells the
  // slots apart: then meeting 0 may be kept in the first half of the day (and the hint reversed to match).
  const symmetric =
    inst.meetings.length > 0 &&
    (inst.morningSlots >= S || inst.meetings.every((m) => m.session === 'any')) &&
    (inst.morningSlots >= S || inst.lunch !== 'free') &&
    inst.forbidden.every((f) => f.length === 0) &&
    inst.fixed.every((f) => f === null || f === undefined) &&
    inst.precedences.length === 0 &&
    o.domains.every((d) => d.length === S);
  let hint = o.hint;
  if (symmetric) {
    const half = Math.floor((S - 1) / 2);
    out.push(`:- at(0,S), S > ${half}.`);
    if (hint && hint[0]! > half) hint = hint.map((s) => (s >= 0 ? S - 1 - s : s));
  }
  if (hint) hint.forEach((s, i) => s >= 0 && out.push(`hint(${i},${s}).`));
  out.push(`#defined prec/2. #defined hint/2.
1 { at(M,S) : dom(M,S) } 1 :- meet(M,_,_).
has(P,M) :- meet(M,P,_).
has(P,M) :- meet(M,_,P).
cand(P,S) :- has(P,M), dom(M,S).
busy(P,S) :- has(P,M), at(M,S).
:- cand(P,S), #count{ M : has(P,M), at(M,S) } > 1.
:- nm(P,N), not N { busy(P,S) : cand(P,S) } N.
:- dom(_,S), #count{ M : at(M,S) } > ${inst.tables}.
pr(M) :- prec(M,_).
pr(M) :- prec(_,M).
atOrAfter(M,S) :- at(M,S), pr(M).
atOrAfter(M,S) :- atOrAfter(M,S+1), S >= 0.
:- prec(B,A), at(A,S), atOrAfter(B,S).
later(P,S) :- busy(P,S), part(P).
later(P,S) :- later(P,S+1), S >= 0.`);
  if (!lunchFree) {
    out.push('brk(P,S) :- busy(P,S-1), not busy(P,S), later(P,S+1), part(P).');
  } else {
    const ms = inst.morningSlots;
    out.push(`laterM(P,S) :- busy(P,S), part(P), S < ${ms}.`);
    out.push('laterM(P,S) :- laterM(P,S+1), S >= 0.');
    out.push(`brk(P,S) :- busy(P,S-1), not busy(P,S), laterM(P,S+1), part(P), S < ${ms}.`);
    out.push(`brk(P,S) :- busy(P,S-1), not busy(P,S), later(P,S+1), part(P), S > ${ms}.`);
  }
  out.push('nb(P,N) :- part(P), N = #count{ S : brk(P,S) }.');
  if (count.some((n) => n <= 1)) out.push('low(0).');
  else out.push(`1 { low(L) : L = 0..${S} } 1.`);
  out.push(':- low(L), nb(P,N), N < L.');
  out.push(`:- low(L), nb(P,N), N > L + ${inst.fairness}.`);
  if (o.hint) out.push('#heuristic at(M,S) : hint(M,S). [1,true]');
  out.push('#show at/2.');
  return out.join('\n');
}
