/**
 * Second B2B benchmark table: generated variants of the 20 real instances (server/engines/b2b/variants.ts),
 * the portfolio ("PF", local search + exact model) against the local search alone ("LS", `--no-exact`), the
 * same time limit and seed for both, one run at a time.
 *
 * Ground truth comes from the generator, not from the engine: feasible variants carry a witness schedule
 * (checked here by the independent verifier before anything runs), infeasible ones a proof by construction.
 * Every schedule either side returns is checked by bench/b2b/verify.ts against the variant's raw data.
 * The run fails (exit code 1) on a schedule that does not verify, a schedule for an infeasible-by-construction
 * variant, an "infeasible" for a variant with a witness, or an "infeasible" without a reason.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { b2bInstanceFromRaw, parseB2bDzn } from '../../server/engines/b2b/dzn.ts';
import type { LunchPolicy } from '../../server/engines/b2b/model.ts';
import type { PortfolioResult } from '../../server/engines/b2b/solve.ts';
import { solve, solvePortfolio } from '../../server/engines/b2b/solve.ts';
import type { Base, Variant, VariantKind } from '../../server/engines/b2b/variants.ts';
import { generateVariants, variantToDzn } from '../../server/engines/b2b/variants.ts';
import { verifyRaw } from './verify.ts';

/** How the benchmarks' summary lines name the lunch policy. */
export function lunchLabel(lunch: LunchPolicy): string {
  return `lunch gap ${lunch === 'counts' ? 'counts as a break' : 'free'}`;
}

export interface VariantArgs {
  timeLimit: number;
  seed: number;
  lunch: LunchPolicy;
  /** Seed of the generator (default 1). */
  variantSeed: number;
  /** Number of variants (default 30). */
  limit: number;
  kinds?: VariantKind[];
  /** Write every variant as .dzn (plus truth.json) into this directory. */
  outDir?: string;
  /**
   * Run the .dzn files of this directory instead of generating (with the ground truth of its truth.json when
   * there is one, as written by outDir; files without an entry count as truth unknown).
   */
  inDir?: string;
}

/** A variant as the runner needs it (kind is free text for variants read from a directory). */
type RunVariant = Omit<Variant, 'kind' | 'base'> & { kind: string };

interface TruthEntry {
  kind?: string;
  truth?: Variant['truth'];
  witness?: number[] | null;
  witnessBreaks?: number | null;
  proof?: string | null;
  label?: string;
}

function readVariants(dir: string): RunVariant[] {
  const truthFile = join(dir, 'truth.json');
  const truth = existsSync(truthFile)
    ? (JSON.parse(readFileSync(truthFile, 'utf8')) as Record<string, TruthEntry>)
    : {};
  return readdirSync(dir)
    .filter((f) => f.endsWith('.dzn'))
    .sort()
    .map((f) => {
      const t = truth[f] ?? {};
      return {
        name: f.replace(/\.dzn$/, ''),
        kind: t.kind ?? '?',
        label: t.label ?? `read from ${f}`,
        raw: parseB2bDzn(readFileSync(join(dir, f), 'utf8')).raw,
        truth: t.truth ?? 'unknown',
        witness: t.witness ?? null,
        witnessBreaks: t.witnessBreaks ?? null,
        proof: t.proof ?? null,
      };
    });
}

interface Outcome {
  status: 'schedule' | 'infeasible' | 'none';
  breaks: number | null;
  lowerBound: number;
  proved: boolean;
  /** Seconds to the returned schedule, or to the proof of infeasibility. */
  at: number | null;
  reason: string;
  verified: string;
  /** A claimed schedule that fails verification or contradicts an infeasibility proof. */
  falseFeasible: boolean;
  /** "infeasible" for a variant with a witness. */
  falseInfeasible: boolean;
  /** "infeasible" with no reason given. */
  unproved: boolean;
}

/** Feasible, fair schedule of every base instance from a fixed number of local-search iterations. */
function witnesses(dataDir: string, files: string[], seed: number, lunch: LunchPolicy): Base[] {
  const bases: Base[] = [];
  for (const f of files) {
    const name = f.replace(/\.original\.dzn$/, '').replace(/\.dzn$/, '');
    const { instance, raw } = parseB2bDzn(readFileSync(join(dataDir, f), 'utf8'));
    // maxIterations makes the witness independent of the clock (and of the machine's load).
    const r = solve({ ...instance, lunch }, { seed: seed + 1000, maxIterations: 200_000, timeLimitMs: 300_000 });
    const slots = r.slotOf.map((s) => s + 1);
    const v = verifyRaw(raw, slots, instance.fairness, lunch === 'counts');
    if (r.feasible && v.ok) bases.push({ name, raw, witness: slots });
    else console.log(`# ${name}: no verified witness after 200,000 iterations, not used for variants`);
  }
  return bases;
}

async function runSide(v: RunVariant, exact: boolean, a: VariantArgs): Promise<Outcome> {
  const inst = { ...b2bInstanceFromRaw(v.raw), lunch: a.lunch };
  const t0 = performance.now();
  const res: PortfolioResult = await solvePortfolio(inst, { timeLimitMs: a.timeLimit * 1000, seed: a.seed, exact });
  const seconds = (performance.now() - t0) / 1000;
  const out: Outcome = {
    status: 'none',
    breaks: null,
    lowerBound: res.lowerBound,
    proved: false,
    at: null,
    reason: '',
    verified: '-',
    falseFeasible: false,
    falseInfeasible: false,
    unproved: false,
  };
  if (res.feasible) {
    const ver = verifyRaw(
      v.raw,
      res.slotOf.map((s) => s + 1),
      inst.fairness,
      a.lunch === 'counts',
    );
    out.status = 'schedule';
    out.breaks = ver.totalBreaks;
    out.proved = res.provedOptimal;
    out.at = res.bestAtMs === null ? null : res.bestAtMs / 1000;
    out.verified = ver.ok ? 'yes' : `NO: ${ver.errors[0] ?? ''}`;
    if (ver.ok && ver.totalBreaks !== res.breaks) out.verified += ` (solver said ${res.breaks})`;
    out.falseFeasible = !ver.ok || v.truth === 'infeasible';
  } else if (res.provedInfeasible) {
    out.status = 'infeasible';
    // 'not-found' and 'fairness-not-reached' say that the search gave up, they prove nothing.
    const proofs = res.reasons.filter((r) => r.code !== 'not-found' && r.code !== 'fairness-not-reached');
    out.proved = proofs.length > 0;
    out.unproved = proofs.length === 0;
    out.reason = proofs[0]?.code ?? '';
    out.at = seconds;
    out.falseInfeasible = v.truth === 'feasible';
  }
  return out;
}

const resultCell = (o: Outcome) => (o.status === 'schedule' ? String(o.breaks) : o.status);
const provedCell = (o: Outcome) =>
  o.status === 'infeasible' ? (o.proved ? `yes: ${o.reason}` : 'NO PROOF') : o.proved ? 'yes' : 'no';

/** +1 when x is better than y, -1 when worse: decided beats undecided, fewer breaks, then a proof. */
function compare(x: Outcome, y: Outcome): number {
  const key = (o: Outcome) => [o.status === 'none' ? 0 : 1, o.status === 'schedule' ? -o.breaks! : 0, o.proved ? 1 : 0];
  const kx = key(x);
  const ky = key(y);
  for (let i = 0; i < kx.length; i++) if (kx[i] !== ky[i]) return kx[i]! > ky[i]! ? 1 : -1;
  return 0;
}

function printTable(head: string[], rows: string[][], left: Set<number>): void {
  const all = [head, ...rows];
  const widths = head.map((_, c) => Math.max(...all.map((r) => r[c]!.length)));
  const line = (r: string[]) =>
    `| ${r.map((x, c) => (left.has(c) ? x.padEnd(widths[c]!) : x.padStart(widths[c]!))).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

/** Generate, run and print the variants table; returns the process exit code (0 = no false claim). */
export async function runVariants(dataDir: string, files: string[], a: VariantArgs): Promise<number> {
  const started = new Date();
  const variants: RunVariant[] = a.inDir
    ? readVariants(a.inDir).slice(0, a.limit)
    : generateVariants(witnesses(dataDir, files, a.variantSeed, a.lunch), {
        seed: a.variantSeed,
        count: a.limit,
        kinds: a.kinds,
      });
  let failures = 0;
  for (const v of variants) {
    if (v.witness) {
      const ver = verifyRaw(v.raw, v.witness, 2, a.lunch === 'counts');
      if (!ver.ok) {
        console.log(
          `# ${v.name} (${v.kind}): the witness does not satisfy the variant: ${ver.errors[0]} (a generator bug, or a wrong truth.json)`,
        );
        failures++;
      }
    }
  }
  if (a.outDir) {
    mkdirSync(a.outDir, { recursive: true });
    const truth: Record<string, unknown> = {};
    for (const v of variants) {
      const file = `${v.name.replace(/\s+/g, '-')}-${v.kind}.dzn`;
      writeFileSync(join(a.outDir, file), variantToDzn(v.raw));
      const entry: TruthEntry = {
        kind: v.kind,
        truth: v.truth,
        witnessBreaks: v.witnessBreaks,
        proof: v.proof,
        label: v.label,
        witness: v.witness,
      };
      truth[file] = entry;
    }
    writeFileSync(join(a.outDir, 'truth.json'), `${JSON.stringify(truth, null, 2)}\n`);
  }
  const rows: string[][] = [];
  const legend: string[] = [];
  let falseFeasible = 0;
  let falseInfeasible = 0;
  let unproved = 0;
  let better = 0;
  let equal = 0;
  let worse = 0;
  const solved = { ls: 0, pf: 0 };
  const infeasibleProved = { ls: 0, pf: 0 };
  const atWitness = { ls: 0, pf: 0 };
  const openOut = { ls: { schedule: 0, infeasible: 0 }, pf: { schedule: 0, infeasible: 0 } };
  let nInfeasible = 0;
  for (const v of variants) {
    const ls = await runSide(v, false, a);
    const pf = await runSide(v, true, a);
    for (const [side, o] of [
      ['ls', ls],
      ['pf', pf],
    ] as const) {
      if (o.falseFeasible) falseFeasible++;
      if (o.falseInfeasible) falseInfeasible++;
      if (o.unproved) unproved++;
      if (o.status === 'schedule' && v.truth === 'feasible') solved[side]++;
      if (o.status === 'schedule' && v.witnessBreaks !== null && o.breaks! <= v.witnessBreaks) atWitness[side]++;
      if (o.status === 'infeasible' && o.proved && v.truth === 'infeasible') infeasibleProved[side]++;
      if (v.truth === 'unknown' && o.status !== 'none') openOut[side][o.status]++;
    }
    if (v.truth === 'infeasible') nInfeasible++;
    const c = compare(pf, ls);
    if (c > 0) better++;
    else if (c < 0) worse++;
    else equal++;
    const fmt = (x: number | null) => (x === null ? '-' : x.toFixed(2));
    const verified = [ls, pf]
      .map((o, k) => (o.status === 'schedule' ? `${k ? 'PF' : 'LS'} ${o.verified}` : ''))
      .filter(Boolean)
      .join(', ');
    rows.push([
      v.name,
      v.kind,
      String(v.raw.nBusiness),
      String(v.raw.nMeetings),
      resultCell(ls),
      String(ls.lowerBound),
      provedCell(ls),
      fmt(ls.at),
      resultCell(pf),
      String(pf.lowerBound),
      provedCell(pf),
      fmt(pf.at),
      verified || '-',
      v.truth === 'feasible'
        ? `feasible (witness ${v.witnessBreaks ?? '?'})`
        : v.truth === 'infeasible'
          ? 'infeasible (by construction)'
          : 'unknown',
    ]);
    legend.push(`${v.name} ${v.kind}: ${v.label}${v.proof ? `\n    proof: ${v.proof}` : ''}`);
  }
  const finished = new Date();
  console.log(
    `Variants: ${a.inDir ? `read from ${a.inDir}` : `generator seed ${a.variantSeed}`}, ${variants.length} variants, time limit ${a.timeLimit} s per side, solver seed ${a.seed}, ${lunchLabel(a.lunch)}`,
  );
  printTable(
    [
      'variant',
      'kind',
      'participants',
      'meetings',
      'LS result',
      'LS lb',
      'LS proved',
      'LS at s',
      'PF result',
      'PF lb',
      'PF proved',
      'PF at s',
      'verified (checker)',
      'ground truth',
    ],
    rows,
    new Set([0, 1, 6, 10, 12, 13]),
  );
  const nFeasible = variants.filter((v) => v.truth === 'feasible').length;
  const open = variants.filter((v) => v.truth === 'unknown').length;
  console.log(
    `false feasibility claims: ${falseFeasible} (must be 0); "infeasible" without proof: ${unproved} (must be 0); "infeasible" for a variant with a witness: ${falseInfeasible} (must be 0)`,
  );
  console.log(
    `PF vs LS: better ${better}, equal ${equal}, worse ${worse} (decided beats undecided, then fewer breaks, then proved optimal)`,
  );
  console.log(
    `feasible variants with a schedule: LS ${solved.ls}/${nFeasible}, PF ${solved.pf}/${nFeasible}; at or below the witness's breaks: LS ${atWitness.ls}, PF ${atWitness.pf}; infeasible variants proved infeasible: LS ${infeasibleProved.ls}/${nInfeasible}, PF ${infeasibleProved.pf}/${nInfeasible}` +
      (open > 0
        ? `; truth unknown (${open}): schedule LS ${openOut.ls.schedule} PF ${openOut.pf.schedule}, proved infeasible LS ${openOut.ls.infeasible} PF ${openOut.pf.infeasible}`
        : ''),
  );
  console.log(`started ${started.toISOString()}, finished ${finished.toISOString()}`);
  console.log('\nVariants (1-based meetings, participants and slots):');
  for (const l of legend) console.log(l);
  return failures + falseFeasible + falseInfeasible + unproved > 0 ? 1 : 0;
}
