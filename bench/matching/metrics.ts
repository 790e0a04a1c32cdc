/**
 * Ranking metrics and paired significance tests of the matching benchmark (pure functions, no I/O).
 * Grades are 0/1/2; "relevant" means grade ≥ 1 unless a function says otherwise.
 */
import { createRng } from '../../common/rng.ts';

export type Grades = Readonly<Record<string, number>>;

/** nDCG@k with gain 2^g − 1; the ideal ranking is taken over every graded item. */
export function ndcgAt(ranked: readonly string[], grades: Grades, k: number): number {
  let dcg = 0;
  ranked.slice(0, k).forEach((id, i) => {
    dcg += (2 ** (grades[id] ?? 0) - 1) / Math.log2(i + 2);
  });
  const ideal = Object.values(grades)
    .filter((g) => g > 0)
    .sort((a, b) => b - a)
    .slice(0, k);
  let idcg = 0;
  ideal.forEach((g, i) => (idcg += (2 ** g - 1) / Math.log2(i + 2)));
  return idcg === 0 ? 0 : dcg / idcg;
}

/** Reciprocal rank of the first item of grade ≥ 1 within the top k (0 if none). */
export function mrrAt(ranked: readonly string[], grades: Grades, k: number): number {
  const i = ranked.slice(0, k).findIndex((id) => (grades[id] ?? 0) >= 1);
  return i < 0 ? 0 : 1 / (i + 1);
}

/** Share of the items of grade ≥ 1 found in the top k. */
export function recallAt(ranked: readonly string[], grades: Grades, k: number): number {
  const rel = Object.keys(grades).filter((id) => (grades[id] ?? 0) >= 1);
  if (rel.length === 0) return 0;
  const top = new Set(ranked.slice(0, k));
  return rel.filter((id) => top.has(id)).length / rel.length;
}

/** Precision@k: share of the top k with grade ≥ minGrade (missing ranks count as misses). */
export function precisionAt(ranked: readonly string[], grades: Grades, k: number, minGrade = 1): number {
  return ranked.slice(0, k).filter((id) => (grades[id] ?? 0) >= minGrade).length / k;
}

export const mean = (xs: readonly number[]): number =>
  xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length;

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Nearest-rank percentile. */
export const pct = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};

/** Result of comparing system A with system B on the same queries. */
export interface PairedTest {
  n: number;
  /** mean of a − b */
  delta: number;
  wins: number;
  ties: number;
  losses: number;
  /** two-sided paired randomisation (sign-flip) test of the mean difference */
  pRandom: number;
  /** two-sided exact sign test on the non-tied pairs */
  pSign: number;
  /** 95 % paired bootstrap interval of the mean difference */
  ci: [number, number];
}

const EPS = 1e-9;

/**
 * Paired comparison of per-query scores a[i] vs b[i]: randomisation test (each difference's sign flipped
 * at random, `iterations` times, seeded so a run is reproducible), exact sign test, bootstrap interval.
 */
export function pairedTest(a: readonly number[], b: readonly number[], iterations = 20_000, seed = 14): PairedTest {
  if (a.length !== b.length) throw new Error('paired samples differ in length');
  const d = a.map((x, i) => x - b[i]!);
  const n = d.length;
  const delta = mean(d);
  const wins = d.filter((x) => x > EPS).length;
  const losses = d.filter((x) => x < -EPS).length;
  const ties = n - wins - losses;
  const r = createRng(seed);
  const obs = Math.abs(delta * n);
  let extreme = 0;
  for (let it = 0; it < iterations; it++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += r() < 0.5 ? -d[i]! : d[i]!;
    if (Math.abs(s) >= obs - EPS) extreme++;
  }
  const boots: number[] = [];
  for (let it = 0; it < 5_000; it++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += d[Math.floor(r() * n)]!;
    boots.push(s / n);
  }
  return {
    n,
    delta,
    wins,
    ties,
    losses,
    pRandom: (extreme + 1) / (iterations + 1),
    pSign: signTest(wins, losses),
    ci: [pct(boots, 2.5), pct(boots, 97.5)],
  };
}

/** Two-sided exact binomial sign test (p = 0.5) of `wins` against `losses`. */
export function signTest(wins: number, losses: number): number {
  const m = wins + losses;
  if (m === 0) return 1;
  const k = Math.min(wins, losses);
  let tail = 0;
  let c = 1; // C(m, 0)
  for (let i = 0; i <= k; i++) {
    tail += c;
    c = (c * (m - i)) / (i + 1);
  }
  return Math.min(1, (2 * tail) / 2 ** m);
}

/** Known answers, checked at the start of every run so a broken metric cannot print a plausible table. */
export function selfCheck(): void {
  const g = { a: 2, b: 1, c: 0, d: 1 };
  const near = (x: number, y: number) => Math.abs(x - y) < 1e-9;
  const ok =
    near(ndcgAt(['a', 'b', 'd'], g, 10), 1) &&
    near(ndcgAt(['c', 'a'], g, 1), 0) &&
    near(mrrAt(['c', 'x', 'b'], g, 10), 1 / 3) &&
    near(recallAt(['a', 'c', 'b'], g, 10), 2 / 3) &&
    near(precisionAt(['a', 'b', 'c'], g, 5, 1), 2 / 5) &&
    near(precisionAt(['a', 'b', 'c'], g, 5, 2), 1 / 5) &&
    near(signTest(10, 0), 2 / 1024) &&
    near(signTest(3, 3), 1) &&
    pairedTest([1, 1, 1, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 0, 0, 0], 2000).pRandom < 0.02 &&
    pairedTest([1, 0, 1, 0], [0, 1, 0, 1], 2000).pRandom > 0.5;
  if (!ok) throw new Error('bench/matching/metrics.ts self-check failed');
}
