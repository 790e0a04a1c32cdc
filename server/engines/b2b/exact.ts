/**
 * Exact part of the B2B scheduler: the answer-set model of exact-model.ts solved by clingo (npm
 * `clingo-wasm`, WebAssembly, single-threaded in Node 20) with clingo's multi-shot API, driven by a Lua
 * script inside one `run` (clingo-wasm has Lua 5.4 compiled in): the program is grounded once, then the
 * script asks decision questions "is there a schedule with at most K breaks?" by switching #external
 * atoms, so the solver keeps its learnt nogoods from one question to the next.
 *
 * - K = lower bound (bottom-up): UNSAT raises the lower bound by one, a model is an optimal schedule.
 * - K = best known - 1, with the best known schedule as the solver's initial phase (top-down): a model is a
 *   better schedule; UNSAT proves the best known schedule optimal.
 * - Without any known schedule, "any schedule at all?": UNSAT proves that no schedule exists.
 *
 * Questions take turns under conflict limits sized by the script from the measured conflict rate, so each
 * ends within ~1.5 s and the whole run within its budget (Lua's os.clock is wall time in WebAssembly).
 * clingo's run cannot be interrupted from JavaScript, so when a stop flag is given the time is cut into
 * segments (`maxQuestionMs`, each grounding again) and the flag is checked between them. The script
 * prints its findings as `@@` lines; every schedule is verified by check.ts before it is used.
 */
import { createRequire } from 'node:module';
import { analyse, breakFreeWindows } from './analyse.ts';
import { checkSchedule } from './check.ts';
import { aspMultiShot } from './exact-model.ts';
import type { Instance } from './model.ts';

/** Runs a clingo program (with its Lua script) and returns the script's `@@` lines and clingo's messages. */
export type RunFn = (program: string, options?: string[]) => { lines: string[]; errors: string[] };

let runner: Promise<RunFn> | undefined;

/** Load clingo's WebAssembly module once per thread (it prints a line on console.info, which is silenced). */
export function loadClingo(): Promise<RunFn> {
  runner ??= (async () => {
    const require = createRequire(import.meta.url);
    type Init = (params: {
      print: (l: string) => void;
      printErr: (l: string) => void;
    }) => Promise<(program: string, models?: number, options?: string[]) => unknown>;
    const mod = require('clingo-wasm') as { init: Init };
    const lines: string[] = [];
    const errors: string[] = [];
    const info = console.info;
    console.info = () => {};
    let run: Awaited<ReturnType<Init>>;
    try {
      // Own print handlers: clingo's JSON output is ignored (the script's lines would break its parsing).
      run = await mod.init({
        print: (l) => {
          if (l.startsWith('@@')) lines.push(l);
        },
        printErr: (l) => {
          errors.push(l);
        },
      });
    } finally {
      console.info = info;
    }
    return (program, options = []) => {
      lines.length = 0;
      errors.length = 0;
      run(program, 1, options);
      return { lines: [...lines], errors: [...errors] };
    };
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
  /**
   * Called with every better schedule (already verified by check.ts; `at` = when clingo found it, on the
   * `now` clock) and with every raised lower bound. Both are called when a clingo run ends.
   */
  onImprove?: (slotOf: number[], breaks: number, at: number) => void;
  onBound?: (lowerBound: number) => void;
  /** First conflict limit per question (default 1000); later ones are sized from the conflict rate. */
  initialConflicts?: number;
  /** Return with status 'improved' after the segment in which a better schedule was found (default false). */
  stopOnImprove?: boolean;
  /** Longest clingo run (segment) in milliseconds: the stop flag is checked between segments (default: none). */
  maxQuestionMs?: number;
  /**
   * Give up after this many milliseconds without a better schedule or a raised bound (status 'stalled',
   * default: never), so that the caller can spend the rest of the time otherwise.
   */
  stallMs?: number;
  /** Break-free windows per participant (analyse.ts breakFreeWindows); computed when not given. */
  windows?: readonly (readonly number[] | null)[];
  /** Largest number of (meeting, slot) pairs the exact part accepts (default EXACT_MAX_PAIRS). */
  maxPairs?: number;
  /** Proven minimum breaks per participant alone (analyse.ts participantLowerBound); computed when not given. */
  participantLowerBound?: readonly number[];
  /**
   * Core-guided turns over the participants' break indicators (exact-model.ts LUA_DRIVER), between the
   * top-down and bottom-up questions (default true).
   */
  coreGuided?: boolean;
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
  /** No better schedule and no better bound for stallMs: the exact part gave up early. */
  | 'stalled'
  /** The instance is larger than the exact part accepts. */
  | 'too-large'
  /**
   * Not run by the portfolio: the best schedule was too far above the lower bound for bottom-up questions to
   * close the gap within the time, so the local search kept it (solve.ts EXACT_MAX_GAP).
   */
  | 'gap-too-large'
  /** clingo could not be loaded or failed; the local search result stands. */
  | 'error';

export interface ExactResult {
  status: ExactStatus;
  best?: { slotOf: number[]; breaks: number };
  lowerBound: number;
  /** Decision questions asked, for the report (k null: "any schedule?" or a core-guided question). */
  questions: { k: number | null; hint: boolean; result: string; conflicts: number; seconds: number }[];
  message?: string;
}

/** Number of (meeting, allowed slot) pairs: the size of the exact model. */
export function modelPairs(domains: readonly (readonly number[])[]): number {
  return domains.reduce((n, d) => n + d.length, 0);
}

/** `@@M breaks seconds m:s m:s ...` (seconds since the run started). */
function parseModel(line: string, meetings: number): { breaks: number; seconds: number; slotOf: number[] } {
  const [, n, sec, ...pairs] = line.split(' ');
  const slotOf = new Array<number>(meetings).fill(-1);
  for (const p of pairs) {
    const [m, sl] = p.split(':').map(Number);
    if (m !== undefined && sl !== undefined && m >= 0 && m < meetings) slotOf[m] = sl;
  }
  return { breaks: Number(n), seconds: Number(sec), slotOf };
}

/**
 * Improve the best schedule and raise the lower bound until they meet, the deadline passes or stop is
 * requested. Synchronous; `run` comes from loadClingo().
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
  let an: ReturnType<typeof analyse> | undefined;
  const windows =
    o.windows ??
    (() => {
      an ??= analyse(inst);
      return breakFreeWindows(inst, o.domains, an.byParticipant, an.participantLowerBound);
    })();
  // Core-guided turns: participants with at least two meetings and own bound 0 are the soft ones; the
  // others' own bounds add up to the base (a participant with fewer than two meetings has no break).
  let cores: { soft: number[]; base: number } | undefined;
  if (o.coreGuided !== false) {
    const own = o.participantLowerBound ?? (an ??= analyse(inst)).participantLowerBound;
    const meetingsOf = new Int32Array(inst.participants);
    for (const m of inst.meetings) {
      meetingsOf[m.a]!++;
      meetingsOf[m.b]!++;
    }
    cores = { soft: [], base: 0 };
    for (let p = 0; p < inst.participants; p++) {
      if ((own[p] ?? 0) > 0) cores.base += own[p]!;
      else if (meetingsOf[p]! >= 2) cores.soft.push(p);
    }
  }
  // Without a schedule, the first question is "any schedule?" and the bound questions start from there.
  const noLimit = inst.participants * inst.slots + 1;
  let improvedNow = false;
  let lastProgress = now();
  const stalledMessage = () => `no better schedule or bound for ${Math.round((o.stallMs ?? 0) / 1000)} s`;
  while (true) {
    if (best && best.breaks <= lb) return done('optimal');
    if (o.shouldStop?.()) return done('stopped', 'stop requested');
    const remaining = (o.deadline - now()) / 1000;
    if (remaining < 0.3) return done('stopped', 'time limit');
    if (improvedNow && o.stopOnImprove) return done('improved');
    const stallLeft = o.stallMs === undefined ? undefined : o.stallMs - (now() - lastProgress);
    if (stallLeft !== undefined && stallLeft <= 0) return done('stalled', stalledMessage());
    const budget = Math.min(remaining - 0.1, (o.maxQuestionMs ?? Infinity) / 1000);
    const program = aspMultiShot(
      inst,
      { domains: o.domains, hint: best?.slotOf, windows },
      {
        lb,
        ub: best ? best.breaks : noLimit,
        haveSchedule: best !== undefined,
        budget,
        chunk: o.initialConflicts,
        stall: stallLeft === undefined ? undefined : stallLeft / 1000,
        cores,
      },
    );
    const t0 = now();
    let out: ReturnType<RunFn>;
    try {
      out = run(program, best ? ['--heuristic=Domain'] : []);
    } catch (e) {
      return done('error', `clingo failed: ${(e as Error).message}`);
    }
    let ended = false;
    let stalled = false;
    for (const line of out.lines) {
      const [tag, ...rest] = line.slice(2).split(' ');
      if (tag === 'M') {
        const m = parseModel(line, inst.meetings.length);
        // A model: verify independently before trusting it.
        const c = checkSchedule(inst, m.slotOf);
        if (!c.ok) return done('error', `the exact model returned an invalid schedule: ${c.violations[0]?.message}`);
        if (!best || c.totalBreaks < best.breaks) {
          best = { slotOf: m.slotOf, breaks: c.totalBreaks };
          improvedNow = true;
          lastProgress = t0 + m.seconds * 1000;
          o.onImprove?.(m.slotOf, c.totalBreaks, t0 + m.seconds * 1000);
        }
      } else if (tag === 'L') {
        const v = Number(rest[0]);
        if (v > lb) {
          lb = v;
          lastProgress = t0 + Number(rest[1] ?? 0) * 1000;
          o.onBound?.(lb);
        }
      } else if (tag === 'Q') {
        const [k, top, result, conflicts, sec] = rest;
        questions.push({
          k: Number(k) < 0 ? null : Number(k),
          hint: top === '1' && best !== undefined,
          result: result ?? '?',
          conflicts: Number(conflicts),
          seconds: Number(sec),
        });
      } else if (tag === 'INFEASIBLE') {
        if (!best) return done('infeasible', 'the exact model has no solution');
        ended = true;
      } else if (tag === 'ERROR') {
        return done('error', `clingo script failed: ${rest.join(' ')}`);
      } else if (tag === 'E') {
        ended = true;
        stalled = rest[2] === 'stalled';
      }
    }
    if (!ended) {
      const msg = out.errors.find((e) => /error/i.test(e)) ?? out.errors[0] ?? 'no answer';
      return done('error', `clingo failed: ${msg}`);
    }
    if (stalled && !(best && best.breaks <= lb)) return done('stalled', stalledMessage());
    // Guard against a run that returns at once without progress (e.g. budget too small): stop looping.
    if (now() - t0 < 1 && !improvedNow && questions.length === 0) return done('stopped', 'time limit');
  }
}
