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
  /**
   * Which questions: top-down, bottom-up and core-guided in turns (default), only top-down, only bottom-up,
   * only core-guided (ends when the cores are exhausted: then `@@L` holds base + the fewest soft
   * participants with a break).
   */
  mode?: 'both' | 'top' | 'bottom' | 'core';
  /**
   * Core-guided lower bound over per-participant break indicators (modes 'both' and 'core'): `soft` lists the
   * participants (at least two meetings, own lower bound 0) assumed to be without a break, `base` is the sum
   * of the other participants' own lower bounds (analyse.ts participantLowerBound). See LUA_DRIVER.
   */
  cores?: { soft: readonly number[]; base: number };
}

/**
 * Multi-shot version (clingo's Lua scripting inside one `run`): ground once, then ask "at most K breaks?"
 * for K = best - 1 (hinted, top-down) and K = lower bound (bottom-up), and core-guided questions over the
 * participants' break indicators (see below), in turns under conflict limits,
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
        `  local stall = ${(p.stall ?? 1e9).toFixed(3)}\n` +
        `  local softP, coreBase = {${(p.cores?.soft ?? []).join(',')}}, ${p.cores?.base ?? 0}`,
    )
  );
}

// Core-guided turns (when `cores` is given, modes 'both' and 'core'): the question is "a schedule in which none of the
// soft participants has a break?", asked with assumptions `not hasbrk(P)` (no bound on the total). UNSAT gives
// a core: a set of soft literals that cannot all hold, i.e. at least one of them is violated. The cores are
// relaxed as in OLL (unit weights): core C adds `o(i,J) :- #count{C} >= J` for J = 2..|C|, its literals leave
// the soft set and `o(i,2)` joins it; when `o(i,J)` is in a later core, `o(i,J+1)` joins the soft set. OLL's
// cost (one per core) is then a lower bound on the number of soft participants with a break (each relaxation
// literal o(i,J) counts the J-th violated literal of core i, so no violation is counted twice), and so on
// their breaks; the other participants have at least `coreBase` breaks between them (their own bounds), so
// coreBase + cost is a lower bound on the total breaks. A model of a core question satisfies every hard
// constraint (only the bound atoms are off), so it is a schedule like any other (verified by exact.ts).
// Cores are shrunk by asking again with only the core's literals (at most 3 times, same conflict limit).
// Core questions run at most 0.5 s each (cores come within a few thousand conflicts or not at all on the JAIR
// instances), and after three undecided core questions in a row the turns go back to top-down/bottom-up
// only (the bottom-up questions find the optima of forum-14, ticf-13crafa and ticf-14crafa).
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
  local found = nil
  local function onModel(m)
    local n, parts = 0, {}
    for _, a in ipairs(m:symbols({shown = true})) do
      if a.name == "brk" then n = n + 1
      elseif a.name == "at" then parts[#parts + 1] = a.arguments[1].number .. ":" .. a.arguments[2].number end
    end
    found = n
    print("\\n@@M " .. n .. " " .. string.format("%.3f", os.clock() - t0) .. " " .. table.concat(parts, " "))
  end
  -- core-guided state: soft literals (symbols assumed false), OLL relaxations (size and next level)
  local soft, cost, coreDone, nrel, relSize, coreMisses = {}, 0, true, 0, {}, 0
  for _, p in ipairs(softP) do
    local sa = prg.symbolic_atoms:lookup(clingo.Function("hasbrk", {p}))
    if sa then soft[#soft + 1] = sa.symbol end
  end
  if (mode == "both" or mode == "core") and #soft > 0 then coreDone = false end
  local function litOf(sym)
    local sa = prg.symbolic_atoms:lookup(sym)
    return sa and sa.literal or nil
  end
  -- one core question on the given soft symbols; returns status and the core (list of soft symbols)
  local function coreAsk(syms, lim)
    set(-1, false)
    prg.configuration.solve.solve_limit = tostring(lim)
    local lits, byLit = {}, {}
    for i, sym in ipairs(syms) do
      lits[i] = {sym, false}
      local l = litOf(sym)
      if l then
        local key = math.tointeger(math.abs(l))
        byLit[key] = byLit[key] or {}
        table.insert(byLit[key], sym)
      end
    end
    found = nil
    local h = prg:solve({assumptions = lits, yield = true})
    for m in h:iter() do onModel(m) end
    local res = h:get()
    local core = nil
    if res.unsatisfiable then
      core = {}
      local seen = {}
      for _, c in ipairs(h:core()) do
        local key = math.tointeger(math.abs(c))
        if byLit[key] and not seen[key] then
          seen[key] = true
          for _, sym in ipairs(byLit[key]) do core[#core + 1] = sym end
        end
      end
    end
    h:close()
    local st = "unknown"
    if res.satisfiable then st = "sat" elseif res.unsatisfiable then st = "unsat" end
    return st, core
  end
  local function coreTurn(lim)
    local ts = os.clock()
    local st, core = coreAsk(soft, lim)
    if st == "sat" then
      if found and ((not have) or found < best) then best, have = found, true; progress = os.clock() - t0 end
      coreDone = true
    elseif st == "unsat" then
      if #core == 0 then coreDone = true
      else
        for _ = 1, 3 do
          if #core <= 1 then break end
          local st2, core2 = coreAsk(core, lim)
          if st2 == "sat" and found and found < best then best = found; progress = os.clock() - t0 end
          if st2 ~= "unsat" or #core2 == 0 or #core2 >= #core then break end
          core = core2
        end
        local inCore = {}
        for _, sym in ipairs(core) do inCore[tostring(sym)] = true end
        local rest = {}
        for _, sym in ipairs(soft) do if not inCore[tostring(sym)] then rest[#rest + 1] = sym end end
        soft = rest
        for _, sym in ipairs(core) do
          if sym.name == "o" then
            local i, j = sym.arguments[1].number, sym.arguments[2].number
            if j < relSize[i] then soft[#soft + 1] = clingo.Function("o", {i, j + 1}) end
          end
        end
        if #core >= 2 then
          nrel = nrel + 1
          relSize[nrel] = #core
          local el = {}
          for _, sym in ipairs(core) do el[#el + 1] = tostring(sym) .. " : " .. tostring(sym) end
          prg:add("r" .. nrel, {}, "o(" .. nrel .. ",J) :- J = 2.." .. #core .. ", #count{ " .. table.concat(el, "; ") .. " } >= J.")
          prg:ground({{"r" .. nrel, {}}})
          if litOf(clingo.Function("o", {nrel, 2})) then soft[#soft + 1] = clingo.Function("o", {nrel, 2}) end
        end
        cost = cost + 1
        if #soft == 0 then coreDone = true end
        if coreBase + cost > lb then
          lb = coreBase + cost
          progress = os.clock() - t0
          print("\\n@@L " .. lb .. " " .. string.format("%.3f", progress))
        end
      end
    end
    return st, os.clock() - ts
  end
  while true do
    if have and best <= lb then break end
    local left = budget - (os.clock() - t0)
    if left < 0.05 then break end
    if os.clock() - t0 - progress > stall then print("\\n@@E " .. best .. " " .. lb .. " stalled"); return end
    if mode == "core" and (coreDone or not have) then break end
    local useCore = have and (not coreDone) and (mode == "core" or turn % 3 == 1)
    local top = (not useCore) and ((not have) or mode == "top" or (mode == "both" and turn % 3 == 0) or best - 1 == lb)
    local kind = useCore and "core" or (top and "top" or "bottom")
    local k = math.min(top and best - 1 or lb, hiK)
    if not have then k = -1 end
    local lim = chunk
    local rate = rates[kind]
    if rate then lim = math.max(100, math.floor(rate * math.min(left * 0.9, useCore and math.min(maxq, 0.5) or maxq))) end
    local st, dt
    if useCore then
      k = -2
      st, dt = coreTurn(lim)
    else
      set(k, top and have and k > lb)
      prg.configuration.solve.solve_limit = tostring(lim)
      found = nil
      local ts = os.clock()
      local res = prg:solve({on_model = onModel})
      dt = os.clock() - ts
      st = "unknown"
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
      end
    end
    if st == "unknown" then
      if dt > 0.02 then rates[kind] = lim / dt end
      turn = turn + 1
      if useCore then
        coreMisses = coreMisses + 1
        if coreMisses >= 3 and mode ~= "core" then coreDone = true end
      end
    elseif useCore then coreMisses = 0 end
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
