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
  /** Add the implied constraints (default true; false only to measure what they bring). */
  implied?: boolean;
  /**
   * Break-free windows per participant (analyse.ts breakFreeWindows, lunch 'counts' only): implied
   * constraints "a participant without a break meets in one of its windows".
   */
  windows?: readonly (readonly number[] | null)[];
}

/** Decision version: every schedule with at most `maxBreaks` breaks (constant `maxbreaks`, set by the caller). */
export function aspProgram(inst: Instance, o: AspModelOptions): string {
  return base(inst, o) + '\n:- #count{ P,S : brk(P,S) } > maxbreaks.';
}

/** Optimisation version: minimise the total breaks. */
export function aspMinimize(inst: Instance, o: AspModelOptions): string {
  return base(inst, o) + '\n#minimize{ 1,P,S : brk(P,S) }.';
}

/** Parameters of the multi-shot program: bounds known before it starts and its time budget in seconds. */
export interface MultiShotParams {
  lb: number;
  /** Best known breaks (the program looks for fewer); without a schedule, an upper bound no schedule exceeds. */
  ub: number;
  /** Whether `ub` belongs to a known schedule (otherwise the first question is "any schedule at all?"). */
  haveSchedule?: boolean;
  budget: number;
  /** First conflict limit per question. */
  chunk?: number;
  /** Longest single question in seconds (bounds how late a stop request is honoured). */
  maxQuestion?: number;
  /** Give up (`@@E best lb stalled`) after this many seconds without a better schedule or bound. */
  stall?: number;
  /** Which questions: both in turns (default), only top-down, only bottom-up. */
  mode?: 'both' | 'top' | 'bottom';
}

/**
 * Multi-shot version (clingo's Lua scripting inside one `run`): ground once, then ask "at most K breaks?"
 * for K = best - 1 (hinted, top-down) and K = lower bound (bottom-up) in turns under conflict limits,
 * keeping the learnt nogoods between questions, until the bounds meet or the budget (seconds of
 * os.clock, which is wall time in WebAssembly) runs out. Output lines start with `@@` (see exact.ts).
 */
export function aspMultiShot(inst: Instance, o: AspModelOptions, p: MultiShotParams): string {
  // Bound atoms for K = lb..hi; a question "<= K" above hi is asked as "<= hi" (a stronger question: a model
  // is still better than the best known schedule, UNSAT still proves K + 1 = hi + 1 a lower bound).
  const hi = Math.max(p.lb, Math.min(p.ub - 1, p.lb + 24));
  return (
    base(inst, o, true) +
    `
#external bnd(K) : K = ${p.lb}..${hi}.
:- #count{ P,S : brk(P,S) } > K, bnd(K).
#show brk/2.
` +
    LUA_DRIVER.replace(
      '--PARAMS--',
      `local lb0, ub0, hiK, have0, budget, chunk0, maxq = ${p.lb}, ${p.ub}, ${hi}, ${p.haveSchedule === false ? 0 : 1}, ` +
        `${Math.max(0, p.budget).toFixed(3)}, ${p.chunk ?? 1000}, ${(p.maxQuestion ?? 1.5).toFixed(3)}\n` +
        `  local mode = "${p.mode ?? 'both'}"\n` +
        `  local stall = ${(p.stall ?? 1e9).toFixed(3)}`,
    )
  );
}

const LUA_DRIVER = `
#script (lua)
function search(prg)
  local t0 = os.clock()
  --PARAMS--
  local lb, best, have = lb0, ub0, have0 == 1
  local progress = 0
  prg:ground({{"base", {}}})
  print("\\n@@G " .. string.format("%.3f", os.clock() - t0))
  local chunk, rates, turn = chunk0, {}, 0
  local function set(k, hint)
    for K = lb0, hiK do prg:assign_external(clingo.Function("bnd", {K}), K == k) end
    prg:assign_external(clingo.Function("useHint"), hint)
  end
  while true do
    if have and best <= lb then break end
    local left = budget - (os.clock() - t0)
    if left < 0.05 then break end
    if os.clock() - t0 - progress > stall then print("\\n@@E " .. best .. " " .. lb .. " stalled"); return end
    local top = (not have) or mode == "top" or (mode == "both" and turn % 3 == 0) or best - 1 == lb
    local k = math.min(top and best - 1 or lb, hiK)
    if not have then k = -1 end
    set(k, top and have and k > lb)
    local lim = chunk
    local rate = rates[top]
    if rate then lim = math.max(100, math.floor(rate * math.min(left * 0.9, maxq))) end
    prg.configuration.solve.solve_limit = tostring(lim)
    local found = nil
    local ts = os.clock()
    local res = prg:solve({on_model = function(m)
      local n, parts = 0, {}
      for _, a in ipairs(m:symbols({shown = true})) do
        if a.name == "brk" then n = n + 1
        else parts[#parts + 1] = a.arguments[1].number .. ":" .. a.arguments[2].number end
      end
      found = n
      print("\\n@@M " .. n .. " " .. string.format("%.3f", os.clock() - t0) .. " " .. table.concat(parts, " "))
    end})
    local dt = os.clock() - ts
    local st = "unknown"
    if res.satisfiable then
      st = "sat"
      best, have = found, true
      progress = os.clock() - t0
    elseif res.unsatisfiable then
      st = "unsat"
      if k < 0 then print("\\n@@Q " .. k .. " 1 unsat " .. lim .. " " .. string.format("%.3f", dt)); print("\\n@@INFEASIBLE"); return end
      lb = k + 1
      progress = os.clock() - t0
      print("\\n@@L " .. lb .. " " .. string.format("%.3f", progress))
    else
      if dt > 0.02 then rates[top] = lim / dt end
      turn = turn + 1
    end
    print("\\n@@Q " .. k .. " " .. (top and 1 or 0) .. " " .. st .. " " .. lim .. " " .. string.format("%.3f", dt))
  end
  print("\\n@@E " .. best .. " " .. lb)
end
function main(prg)
  local ok, err = pcall(search, prg)
  if not ok then print("\\n@@ERROR " .. tostring(err)) end
end
#end.
`;

function base(inst: Instance, o: AspModelOptions, multiShot = false): string {
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
  if (o.implied !== false) {
    // Implied: a participant without a break meets in n_P consecutive slots, so two of its meetings at
    // least n_P slots apart force a break (binary nogoods; the definition of brk alone propagates late).
    out.push('hasbrk(P) :- brk(P,_).');
    if (!lunchFree) out.push(':- busy(P,S1), busy(P,S2), S2 - S1 >= N, nm(P,N), S1 < S2, not hasbrk(P).');
    if (o.windows && !lunchFree) {
      o.windows.forEach((ws, p) => {
        if (!ws || count[p]! < 2) return;
        if (ws.length === 0) out.push(`:- not hasbrk(${p}).`);
        else for (const L of ws) out.push(`wstart(${p},${L}).`);
      });
      out.push(
        '#defined wstart/2.',
        'inwin(P,S) :- wstart(P,L), nm(P,N), S = L..L+N-1.',
        ':- busy(P,S), wstart(P,_), not inwin(P,S), not hasbrk(P).',
        ':- busy(P,S1), busy(P,S2), S1 < S2, nm(P,N), S2 - S1 < N, wstart(P,_), not hasbrk(P), ' +
          '#count{ L : wstart(P,L), L <= S1, L >= S2 - N + 1 } = 0.',
        'core(P,S) :- inwin(P,S), wstart(P,_), #count{ L : wstart(P,L), L <= S, L >= S - N + 1 } = C, nm(P,N), ' +
          '#count{ L : wstart(P,L) } = C.',
        ':- core(P,S), not busy(P,S), not hasbrk(P).',
      );
    }
    // Implied: the busy participants of a slot are the two sides of its at most `tables` meetings.
    out.push(`:- dom(_,S), #count{ P : busy(P,S) } > ${2 * inst.tables}.`);
  }
  if (count.some((n) => n <= 1)) out.push('low(0).');
  else out.push(`1 { low(L) : L = 0..${S} } 1.`);
  out.push(':- low(L), nb(P,N), N < L.');
  out.push(`:- low(L), nb(P,N), N > L + ${inst.fairness}.`);
  if (multiShot) out.push('#external useHint.', '#heuristic at(M,S) : hint(M,S), useHint. [1,true]');
  else if (o.hint) out.push('#heuristic at(M,S) : hint(M,S). [1,true]');
  out.push('#show at/2.');
  return out.join('\n');
}
