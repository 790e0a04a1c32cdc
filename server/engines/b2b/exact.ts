/**
 * Exact part of the B2B scheduler: the answer-set model of exact-model.ts solved by clingo (npm
 * `clingo-wasm`, WebAssembly, single-threaded in Node 20), as a sequence of decision questions
 * "is there a schedule with at most K breaks?".
 *
 * - K = best known - 1, with the best known schedule as the solver's initial phase: a model is a better
 *   schedule (checked by check.ts before it is used); UNSAT proves the best known schedule optimal.
 * - K = lower bound, without hint: UNSAT raises the lower bound by one (bottom-up proof), a model is an
 *   optimal schedule.
 * - Without any known schedule, K = "no limit": UNSAT proves that no schedule exists at all (with fairness).
 *
 * clingo's run cannot be interrupted from JavaScript and its --time-limit does not work in WebAssembly, so
 * every question runs under a conflict limit (--solve-limit) sized from the measured conflict rate to end
 * before the deadline; the stop flag and the clock are checked between questions. Each question grounds the
 * program again (about 0.3-1 s on the JAIR instances), which is the price of a stateless runner.
 */
import { createRequire } from 'node:module';
import { checkSchedule } from './check.ts';
import { aspProgram } from './exact-model.ts';
import type { Instance } from './model.ts';

interface ClingoResult {
  Result: 'SATISFIABLE' | 'UNSATISFIABLE' | 'UNKNOWN' | 'OPTIMUM FOUND' | 'ERROR';
  Call?: { Witnesses?: { Value: string[] }[] }[];
  Time?: { Total: number; Solve: number };
  Error?: string;
}
type RunFn = (program: string, models?: number, options?: string[]) => ClingoResult;

let runner: Promise<RunFn> | undefined;

/** Load clingo's WebAssembly module once per thread (it prints a line on console.info, which is silenced). */
export function loadClingo(): Promise<RunFn> {
  runner ??= (async () => {
    const require = createRequire(import.meta.url);
    const mod = require('clingo-wasm') as { init: () => Promise<RunFn> };
    const info = console.info;
    console.info = () => {};
    try {
      return await mod.init();
    } finally {
      console.info = info;
    }
  })();
  return runner;
}

/** Above this many (meeting, allowed slot) pairs the exact part does not run (grounding would take too long). */
export const EXACT_MAX_PAIRS = 20_000;

export interface ExactOptions {
  domains: readonly (readonly number[])[];
  /** Best known fair, feasible schedule (0-based) and its breaks, if any. */
  best?: { slotOf: readonly number[]; breaks: number };
  /** Known lower bound on the total breaks (analyse.ts). */
  lowerBound: number;
  /** Absolute deadline on the `now` clock. */
  deadline: number;
  now?: () => number;
  shouldStop?: () => boolean;
  /** Called with every better schedule (already verified by check.ts) and with every raised lower bound. */
  onImprove?: (slotOf: number[], breaks: number) => void;
  onBound?: (lowerBound: number) => void;
  /** First conflict limit per question (default 4000); doubled while questions end undecided. */
  initialConflicts?: number;
  /** Return with status 'improved' as soon as a better schedule is found (default false). */
  stopOnImprove?: boolean;
  /** Longest single question in milliseconds (sizes the conflict limit once the conflict rate is known). */
  maxQuestionMs?: number;
  /** Largest number of (meeting, slot) pairs the exact part accepts (default EXACT_MAX_PAIRS). */
  maxPairs?: number;
}

export type ExactStatus =
  /** The best schedule is optimal (lower bound reached). */
  | 'optimal'
  /** No schedule satisfies all constraints (the solver's UNSAT, or an empty domain). */
  | 'infeasible'
  /** Time ran out or stop was requested: the best schedule and lower bound are what is known. */
  | 'stopped'
  /** A better schedule was found and stopOnImprove was set. */
  | 'improved'
  /** The instance is larger than the exact part accepts. */
  | 'too-large'
  /** clingo could not be loaded or failed; the local search result stands. */
  | 'error';

export interface ExactResult {
  status: ExactStatus;
  best?: { slotOf: number[]; breaks: number };
  lowerBound: number;
  /** Decision questions asked, for the report. */
  questions: { k: number | null; hint: boolean; result: string; conflicts: number; seconds: number }[];
  message?: string;
}

/** Number of (meeting, allowed slot) pairs: the size of the exact model. */
export function modelPairs(domains: readonly (readonly number[])[]): number {
  return domains.reduce((n, d) => n + d.length, 0);
}

function parseModel(values: readonly string[], meetings: number): number[] {
  const slotOf = new Array<number>(meetings).fill(-1);
  for (const v of values) {
    const m = /^at\((\d+),(\d+)\)$/.exec(v);
    if (m) slotOf[Number(m[1])] = Number(m[2]);
  }
  return slotOf;
}

/**
 * Improve the best schedule and raise the lower bound until they meet, the deadline passes or stop is
 * requested. Synchronous between questions; `run` comes from loadClingo().
 */
export function exactSearch(run: RunFn, inst: Instance, o: ExactOptions): ExactResult {
  const now = o.now ?? (() => performance.now());
  const questions: ExactResult['questions'] = [];
  let best = o.best ? { slotOf: [...o.best.slotOf], breaks: o.best.breaks } : undefined;
  let lb = o.lowerBound;
  const done = (status: ExactStatus, message?: string): ExactResult => ({
    status,
    best,
    lowerBound: lb,
    questions,
    message,
  });
  if (o.domains.some((d) => d.length === 0)) return done('infeasible', 'a meeting has no allowed slot');
  const pairs = modelPairs(o.domains);
  if (pairs > (o.maxPairs ?? EXACT_MAX_PAIRS))
    return done(
      'too-large',
      `the exact model would have ${pairs} meeting-slot pairs (limit ${o.maxPairs ?? EXACT_MAX_PAIRS})`,
    );

  const plain = aspProgram(inst, { domains: o.domains });
  let hinted: string | undefined;
  let hintedFor: readonly number[] | undefined;
  let limit = o.initialConflicts ?? 4000;
  // Conflicts per second, measured per kind of question (hinted or not), and grounding time per question;
  // the slowest figures seen are used so that a question ends before the deadline even when the machine's
  // load changes.
  const rates: [number, number] = [0, 0];
  let groundSec = 0.5;
  let turn = 0;
  const noLimit = inst.participants * inst.slots + 1;

  while (true) {
    if (best && best.breaks <= lb) return done('optimal');
    if (o.shouldStop?.()) return done('stopped', 'stop requested');
    const remaining = (o.deadline - now()) / 1000;
    if (remaining < groundSec + 0.2) return done('stopped', 'time limit');
    // Which question: without a schedule, any schedule; otherwise alternate top-down (hinted) and bottom-up.
    let k: number;
    let hint = false;
    if (!best) k = noLimit;
    else if (best.breaks - 1 === lb || turn % 2 === 0) {
      k = best.breaks - 1;
      hint = true;
    } else k = lb;
    let program: string;
    if (hint && best) {
      if (hintedFor !== best.slotOf) {
        hinted = aspProgram(inst, { domains: o.domains, hint: best.slotOf });
        hintedFor = best.slotOf;
      }
      program = hinted!;
    } else program = plain;
    let conflicts = limit;
    const rate = rates[hint ? 1 : 0] || Math.min(...rates.filter((x) => x > 0));
    if (Number.isFinite(rate) && rate > 0) {
      const sec = Math.min(remaining - groundSec * 1.5, (o.maxQuestionMs ?? Infinity) / 1000);
      conflicts = Math.max(200, Math.min(limit, Math.floor(rate * sec * 0.6)));
    }
    const opts = [`-c maxbreaks=${k}`, `--solve-limit=${conflicts}`];
    if (hint) opts.push('--heuristic=Domain');
    const t0 = now();
    let r: ClingoResult;
    try {
      r = run(program, 1, opts);
    } catch (e) {
      return done('error', `clingo failed: ${(e as Error).message}`);
    }
    const sec = (now() - t0) / 1000;
    questions.push({ k: best ? k : null, hint, result: r.Result, conflicts, seconds: Math.round(sec * 100) / 100 });
    if (r.Result === 'ERROR') return done('error', `clingo failed: ${r.Error ?? 'unknown error'}`);
    const solveSec = r.Time?.Solve ?? sec;
    groundSec = Math.max(groundSec * 0.5, sec - solveSec, 0.05);
    if (r.Result === 'UNKNOWN') {
      if (solveSec > 0.05) {
        const measured = conflicts / solveSec;
        const i = hint ? 1 : 0;
        rates[i] = rates[i] > 0 ? Math.min(rates[i], measured) : measured;
      }
      if (!hint || !best || best.breaks - 1 === lb) limit *= 2;
      turn++;
      continue;
    }
    if (r.Result === 'UNSATISFIABLE') {
      if (!best) return done('infeasible', 'the exact model has no solution');
      lb = Math.max(lb, k + 1);
      o.onBound?.(lb);
      continue;
    }
    // A model: verify independently before trusting it.
    const slotOf = parseModel(r.Call?.at(-1)?.Witnesses?.at(-1)?.Value ?? [], inst.meetings.length);
    const c = checkSchedule(inst, slotOf);
    if (!c.ok) return done('error', `the exact model returned an invalid schedule: ${c.violations[0]?.message}`);
    if (!best || c.totalBreaks < best.breaks) {
      best = { slotOf, breaks: c.totalBreaks };
      o.onImprove?.(slotOf, c.totalBreaks);
      if (o.stopOnImprove && best.breaks > lb) return done('improved');
    }
  }
}
