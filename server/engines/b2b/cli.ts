/**
 * Command line for the B2B scheduler:
 *   npm run --silent schedule:dzn -- FILE.dzn [--time-limit S] [--seed N] [--lunch counts|free]
 * Runs the portfolio (local search, then the exact model; see solve.ts). Prints exactly one JSON object on
 * stdout: feasible, slots, breaks, lower_bound, proved_optimal, seconds, gap (breaks - lower bound, null when
 * infeasible), exact (what the exact part ended with: optimal, stopped, stalled (it gave up without progress
 * and the local search went on), too-large, infeasible, error, or not-run when the local search alone
 * settled it) and exact_note when there is something to say. Exit code 0 on success (also for infeasible
 * instances); 2 with a message on stderr for bad arguments or an unreadable/malformed file.
 */
import { readFileSync } from 'node:fs';
import { parseB2bDzn } from './dzn.ts';
import { solvePortfolio } from './solve.ts';
import type { LunchPolicy } from './model.ts';

interface Args {
  file: string;
  timeLimit: number;
  seed: number;
  lunch: LunchPolicy;
}

class UsageError extends Error {}

const USAGE = 'usage: schedule:dzn FILE.dzn [--time-limit SECONDS] [--seed N] [--lunch counts|free]';

/** Parse argv strictly, so a typo fails loudly instead of silently running with defaults. */
export function parseArgs(argv: string[]): Args {
  let file: string | undefined;
  let timeLimit = 10;
  let seed = 1;
  let lunch: LunchPolicy = 'counts';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--time-limit' || a.startsWith('--time-limit=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : value();
      timeLimit = Number(v);
      if (!Number.isFinite(timeLimit) || timeLimit <= 0 || v.trim() === '')
        throw new UsageError(`--time-limit must be a positive number of seconds, got "${v}"`);
    } else if (a === '--seed' || a.startsWith('--seed=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : value();
      seed = Number(v);
      if (!Number.isInteger(seed) || v.trim() === '') throw new UsageError(`--seed must be an integer, got "${v}"`);
    } else if (a === '--lunch' || a.startsWith('--lunch=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : value();
      if (v !== 'counts' && v !== 'free') throw new UsageError(`--lunch must be "counts" or "free", got "${v}"`);
      lunch = v;
    } else if (a === '--help' || a === '-h') {
      throw new UsageError(USAGE);
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(`unknown option ${a}\n${USAGE}`);
    } else if (file === undefined) {
      file = a;
    } else throw new UsageError(`unexpected extra argument "${a}"\n${USAGE}`);
  }
  if (file === undefined) throw new UsageError(`missing FILE.dzn\n${USAGE}`);
  return { file, timeLimit, seed, lunch };
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(args.file === '-' ? 0 : args.file, 'utf8');
  } catch (e) {
    process.stderr.write(`cannot read ${args.file}: ${(e as Error).message}\n`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseB2bDzn(text);
  } catch (e) {
    process.stderr.write(`${args.file}: ${(e as Error).message}\n`);
    return 2;
  }
  const inst = { ...parsed.instance, lunch: args.lunch };
  const started = performance.now();
  const res = await solvePortfolio(inst, { timeLimitMs: args.timeLimit * 1000, seed: args.seed });
  const seconds = Math.round((performance.now() - started) / 10) / 100;
  const out: Record<string, unknown> = {
    feasible: res.feasible,
    slots: res.slotOf.map((s) => s + 1),
    breaks: res.breaks,
    lower_bound: res.lowerBound,
    proved_optimal: res.provedOptimal,
    seconds,
    gap: res.gap,
    exact: res.exact ? res.exact.status : 'not-run',
  };
  if (res.exact?.note) out.exact_note = res.exact.note;
  if (!res.feasible) {
    out.reasons = res.reasons.map((r) => `${r.code}: ${r.message}`);
    out.proved_infeasible = res.provedInfeasible;
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
  return 0;
}

process.exitCode = await main();
