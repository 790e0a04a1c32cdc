/**
 * MaxSAT part of the exact engine: the whole problem as weighted-free (unit) MaxSAT, one soft clause "no break
 * starts here" per participant and slot, solved by Z3's core-guided RC2 engine (npm `z3-solver`, WebAssembly,
 * no download at run time). In the portfolio (solve.ts) it runs after the local search, clingo's multi-shot
 * questions (exact.ts) and CaDiCaL's (exact-sat.ts), when at least 3 s are left: on the instances where clingo's
 * search stays undecided at the first core (forum-13crafc, ticf-13crafc, optimum 1, lower bound 0) Z3's SAT
 * core answers the relaxed questions and returns the optimum with its proof in 6–10 s (engine README).
 *
 * The model (`maxSatModel`, SMT-LIB 2 text, pure):
 * - `x<m>_<s>`: meeting m in slot s, one per meeting and allowed slot (the domains of analyse.ts), exactly
 *   one per meeting; at most `tables` per slot; precedences as "slot(after) = s implies slot(before) < s";
 * - per participant with at least two meetings: `b<p>_<s>` busy (at most one of its meetings per slot, and
 *   exactly n_p busy slots), `l<p>_<s>` busy at s or later, and `k<p>_<s>` a break starting at s (busy at
 *   s-1, idle at s, busy later; with lunch 'free' a gap from the morning into the afternoon is not one), the
 *   soft clauses being `(not k<p>_<s>)`;
 * - fairness: every participant's breaks within [L, L + d] for one L (L = 0 when someone has at most one
 *   meeting, as in the 20 JAIR instances: then "at most d breaks each");
 * - implied (lunch 'counts'): two busy slots at least n_p apart imply a break of p (`h<p>`).
 *
 * The search (`maxSatSearch`) runs Z3's Optimize with a time-out at the deadline and is interrupted when the
 * stop flag is raised (polled every 100 ms: Z3's check runs on its own thread, so the event loop is free).
 * An optimal answer's schedule is verified by check.ts before it is returned; on a time-out the lower bound
 * of the cores found so far is returned (Z3's lower bound of the objective: sound, every core holds a break),
 * with a schedule only if Z3 has one below the soft-clause count. "Infeasible" is Z3's UNSAT of the hard
 * part, which holds every constraint of the problem.
 */
import { createRequire } from 'node:module';
import { checkSchedule } from './check.ts';
import type { Instance, SolverRun, SolverRunOptions } from './model.ts';
import { meetingsByParticipant } from './model.ts';

export interface MaxSatModel {
  text: string;
  /** Number of soft clauses (break indicators): an upper bound Z3 reports when it has no model. */
  softCount: number;
}

/** SMT-LIB 2 text of the whole problem as MaxSAT over the given slot domains (see the file header). */
export function maxSatModel(inst: Instance, domains: readonly (readonly number[])[]): MaxSatModel {
  const S = inst.slots;
  const lunchFree = inst.lunch === 'free' && inst.morningSlots > 0 && inst.morningSlots < S;
  const ms = inst.morningSlots;
  const out: string[] = [];
  const dec = (v: string) => out.push(`(declare-const ${v} Bool)`);
  const exactly = (k: number, vs: string[]) => `((_ pbeq ${k} ${vs.map(() => 1).join(' ')}) ${vs.join(' ')})`;
  const or = (vs: string[]) => (vs.length === 0 ? 'false' : vs.length === 1 ? vs[0]! : `(or ${vs.join(' ')})`);
  const allowed = domains.map((d) => new Set(d));
  inst.meetings.forEach((_, m) => {
    const xs = domains[m]!.map((s) => `x${m}_${s}`);
    xs.forEach(dec);
    out.push(`(assert ${xs.length === 0 ? 'false' : exactly(1, xs)})`);
  });
  for (let s = 0; s < S; s++) {
    const xs: string[] = [];
    inst.meetings.forEach((_, m) => allowed[m]!.has(s) && xs.push(`x${m}_${s}`));
    if (xs.length > inst.tables) out.push(`(assert ((_ at-most ${inst.tables}) ${xs.join(' ')}))`);
  }
  for (const [before, after] of inst.precedences) {
    for (const s of domains[after]!) {
      const earlier = domains[before]!.filter((t) => t < s).map((t) => `x${before}_${t}`);
      out.push(`(assert (=> x${after}_${s} ${or(earlier)}))`);
    }
  }
  const byP = meetingsByParticipant(inst);
  const counts: string[][] = [];
  const d = inst.fairness;
  // Fairness: breaks of every participant within [L, L + d]; with someone at 0 breaks, at most d each.
  const someoneFree = byP.some((mine) => mine.length <= 1);
  for (let p = 0; p < inst.participants; p++) {
    const mine = byP[p]!;
    const n = mine.length;
    if (n < 2) continue;
    const b = (s: number) => `b${p}_${s}`;
    for (let s = 0; s < S; s++) {
      dec(b(s));
      const xs = mine.filter((m) => allowed[m]!.has(s)).map((m) => `x${m}_${s}`);
      if (xs.length === 0) {
        out.push(`(assert (not ${b(s)}))`);
        continue;
      }
      if (xs.length > 1) out.push(`(assert ((_ at-most 1) ${xs.join(' ')}))`);
      out.push(`(assert (= ${b(s)} (or ${xs.join(' ')})))`);
    }
    // l: busy at s or later (with lunch 'free', lm: busy at s or later within the morning).
    const later = (s: number, tag: string, end: number) => {
      for (let t = end - 1; t >= s; t--) {
        dec(`${tag}${p}_${t}`);
        out.push(`(assert (= ${tag}${p}_${t} ${t === end - 1 ? b(t) : `(or ${b(t)} ${tag}${p}_${t + 1})`}))`);
      }
    };
    later(0, 'l', S);
    if (lunchFree) later(0, 'lm', ms);
    const ks: string[] = [];
    for (let s = 1; s < S - 1; s++) {
      let after: string;
      if (!lunchFree) after = `l${p}_${s + 1}`;
      else if (s < ms) {
        if (s + 1 >= ms) continue;
        after = `lm${p}_${s + 1}`;
      } else if (s > ms) after = `l${p}_${s + 1}`;
      else continue;
      const k = `k${p}_${s}`;
      dec(k);
      ks.push(k);
      out.push(`(assert (= ${k} (and ${b(s - 1)} (not ${b(s)}) ${after})))`);
      out.push(`(assert-soft (not ${k}))`);
    }
    counts.push(ks);
    if (someoneFree && ks.length > d) out.push(`(assert ((_ at-most ${d}) ${ks.join(' ')}))`);
    out.push(
      `(assert ${exactly(
        n,
        Array.from({ length: S }, (_, s) => b(s)),
      )})`,
    );
    if (!lunchFree && ks.length > 0) {
      dec(`h${p}`);
      out.push(`(assert (= h${p} ${or(ks)}))`);
      for (let s1 = 0; s1 < S; s1++)
        for (let s2 = s1 + n; s2 < S; s2++) out.push(`(assert (or (not ${b(s1)}) (not ${b(s2)}) h${p}))`);
    }
  }
  const maxK = Math.max(0, ...counts.map((ks) => ks.length));
  if (!someoneFree && maxK > d) {
    const levels = Array.from({ length: maxK - d + 1 }, (_, L) => `fl${L}`);
    levels.forEach(dec);
    out.push(`(assert ${exactly(1, levels)})`);
    levels.forEach((lv, L) => {
      for (const ks of counts) {
        if (L > 0 && ks.length < L) out.push(`(assert (not ${lv}))`);
        else if (L > 0) out.push(`(assert (=> ${lv} ((_ at-least ${L}) ${ks.join(' ')})))`);
        if (ks.length > L + d) out.push(`(assert (=> ${lv} ((_ at-most ${L + d}) ${ks.join(' ')})))`);
      }
    });
  }
  return { text: out.join('\n'), softCount: counts.reduce((n, ks) => n + ks.length, 0) };
}

/** The parts of z3-solver's low-level API used here. */
interface Z3Api {
  mk_config(): unknown;
  mk_context(cfg: unknown): unknown;
  mk_optimize(ctx: unknown): unknown;
  optimize_inc_ref(ctx: unknown, o: unknown): void;
  optimize_dec_ref(ctx: unknown, o: unknown): void;
  optimize_from_string(ctx: unknown, o: unknown, s: string): void;
  optimize_set_params(ctx: unknown, o: unknown, p: unknown): void;
  optimize_check(ctx: unknown, o: unknown, assumptions: unknown[]): Promise<number>;
  optimize_get_model(ctx: unknown, o: unknown): unknown;
  optimize_get_lower(ctx: unknown, o: unknown, idx: number): unknown;
  optimize_get_upper(ctx: unknown, o: unknown, idx: number): unknown;
  model_inc_ref(ctx: unknown, m: unknown): void;
  model_dec_ref(ctx: unknown, m: unknown): void;
  model_eval(ctx: unknown, m: unknown, t: unknown, completion: boolean): unknown;
  get_bool_value(ctx: unknown, a: unknown): number;
  mk_bool_sort(ctx: unknown): unknown;
  mk_const(ctx: unknown, s: unknown, ty: unknown): unknown;
  ast_to_string(ctx: unknown, a: unknown): string;
  mk_params(ctx: unknown): unknown;
  params_inc_ref(ctx: unknown, p: unknown): void;
  params_dec_ref(ctx: unknown, p: unknown): void;
  params_set_uint(ctx: unknown, p: unknown, k: unknown, v: number): void;
  params_set_symbol(ctx: unknown, p: unknown, k: unknown, v: unknown): void;
  mk_string_symbol(ctx: unknown, s: string): unknown;
  interrupt(ctx: unknown): void;
  del_context(ctx: unknown): void;
}

let z3: Promise<Z3Api> | undefined;

/** Load Z3's WebAssembly module once per thread. */
export function loadZ3(): Promise<Z3Api> {
  z3 ??= (async () => {
    const require = createRequire(import.meta.url);
    const mod = require('z3-solver') as { init: () => Promise<{ Z3: unknown }> };
    return (await mod.init()).Z3 as Z3Api;
  })();
  return z3;
}

/** `onTick` is called about every 250 ms while Z3 runs (Z3 reports nothing until it ends). */
export type MaxSatOptions = SolverRunOptions;

/** `best`: the optimal (or, on a time-out, Z3's best) schedule; `lowerBound`: from the cores Z3 found (0 without). */
export type MaxSatResult = SolverRun;

/** Solve the MaxSAT model with Z3 until the optimum is proved, the deadline passes or stop is requested. */
export async function maxSatSearch(api: Z3Api, inst: Instance, o: MaxSatOptions): Promise<MaxSatResult> {
  const now = o.now ?? (() => performance.now());
  const t0 = now();
  const seconds = () => (now() - t0) / 1000;
  const { text, softCount } = maxSatModel(inst, o.domains);
  const ctx = api.mk_context(api.mk_config());
  const opt = api.mk_optimize(ctx);
  api.optimize_inc_ref(ctx, opt);
  let poll: ReturnType<typeof setInterval> | undefined;
  const sym = (s: string) => api.mk_string_symbol(ctx, s);
  try {
    api.optimize_from_string(ctx, opt, text);
    const params = api.mk_params(ctx);
    api.params_inc_ref(ctx, params);
    api.params_set_uint(ctx, params, sym('timeout'), Math.max(1, Math.floor(o.deadline - now())));
    api.params_set_symbol(ctx, params, sym('maxsat_engine'), sym('rc2'));
    api.optimize_set_params(ctx, opt, params);
    api.params_dec_ref(ctx, params);
    let stopped = false;
    let interrupted = false;
    let ticks = 0;
    poll = setInterval(() => {
      if (++ticks % 3 === 0) o.onTick?.();
      // Z3's own time-out does not end an RC2 run in time, so the deadline is enforced here too.
      if (!interrupted && (o.shouldStop?.() || now() > o.deadline)) {
        interrupted = true;
        stopped = o.shouldStop?.() === true;
        api.interrupt(ctx);
      }
    }, 100);
    const res = await api.optimize_check(ctx, opt, []);
    clearInterval(poll);
    poll = undefined;
    if (res === -1)
      return { status: 'infeasible', lowerBound: 0, seconds: seconds(), message: 'Z3: the model has no solution' };
    const lower = Number(api.ast_to_string(ctx, api.optimize_get_lower(ctx, opt, 0)));
    const upper = Number(api.ast_to_string(ctx, api.optimize_get_upper(ctx, opt, 0)));
    const lowerBound = Number.isFinite(lower) ? lower : 0;
    let best: MaxSatResult['best'];
    if (res === 1 || (Number.isFinite(upper) && upper < softCount)) {
      const model = api.optimize_get_model(ctx, opt);
      api.model_inc_ref(ctx, model);
      // Evaluated with model completion: Z3's preprocessing may have eliminated some atoms from the model.
      const bool = api.mk_bool_sort(ctx);
      const slotOf = o.domains.map(
        (d, m) =>
          d.find((s) => {
            const v = api.model_eval(ctx, model, api.mk_const(ctx, sym(`x${m}_${s}`), bool), true);
            return v !== null && api.get_bool_value(ctx, v) === 1;
          }) ?? -1,
      );
      api.model_dec_ref(ctx, model);
      const c = checkSchedule(inst, slotOf);
      // An optimal answer must be a valid schedule (else the model is wrong: an error). After a time-out or a
      // stop, the model Z3 holds may be one of a relaxed question, not a schedule: it is dropped.
      if (!c.ok && res === 1)
        return {
          status: 'error',
          lowerBound,
          seconds: seconds(),
          message: `Z3 returned an invalid schedule: ${c.violations[0]?.message}`,
        };
      if (c.ok) best = { slotOf, breaks: c.totalBreaks };
    }
    if (res === 1 && best && best.breaks <= lowerBound)
      return { status: 'optimal', best, lowerBound, seconds: seconds() };
    return {
      status: 'stopped',
      best,
      lowerBound,
      seconds: seconds(),
      message: stopped ? 'stop requested' : 'time limit',
    };
  } catch (e) {
    return { status: 'error', lowerBound: 0, seconds: seconds(), message: `Z3 failed: ${(e as Error).message}` };
  } finally {
    if (poll) clearInterval(poll);
    api.optimize_dec_ref(ctx, opt);
    api.del_context(ctx);
  }
}
