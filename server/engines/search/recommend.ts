/**
 * Supply–demand matching: for a demand, the resources, results, technologies and organisations most
 * likely to meet it; for an organisation, the demands it could answer and the resources it could use.
 *
 * Score = Σ weight × component, every component in [0, 1]:
 * - text: BM25F of the subject's text (title, keywords, body, analysed as one query) against each
 *   candidate, divided by the best candidate's BM25 — relative, so a long demand and a short one weigh
 *   text the same. Only the `pool` best text matches are considered at all: structure alone never
 *   recommends an unrelated item.
 * - industry: same GB/T 4754 division (C39) 1, same section (C) 0.4.
 * - region: same city (GB/T 2260 first 4 digits) 1, same province (first 2) 0.6.
 * - size: the demand's size preference contains the other side's size class 1.
 * - maturity: the offered TRL reaches the wished TRL 1, one level short 0.5.
 * Each recommendation carries its components and a Chinese reason such as
 * 「共同关键词：工业互联网、边缘计算；同属C39；同省」. Ties are broken by id, so the output is
 * deterministic. Recomputation happens off the request path (see RecommendationCache below).
 */
import type { EnterpriseSize } from '../../../common/enterprise-size.ts';
import { canonicalIndustry, type ItemType, type SearchDoc, type SearchFilter, type SearchIndex } from './index.ts';
import { analyzeQuery } from './tokenize.ts';

/** What is being matched: a demand, or an organisation's profile. */
export interface MatchSubject {
  /** its own id, never recommended to itself */
  id?: string;
  kind: 'demand' | 'organisation';
  title: string;
  body: string;
  keywords?: readonly string[];
  industry?: string;
  region?: string;
  /** the organisation's size class (for an organisation subject) */
  orgSize?: EnterpriseSize;
  /** the demand's wished partner sizes */
  sizePreference?: readonly EnterpriseSize[];
  /** demand: minimum TRL wished; organisation: the best TRL it can offer */
  trl?: number;
}

/** Weights of the components (they need not sum to 1; defaults do). */
export interface MatchWeights {
  text: number;
  industry: number;
  region: number;
  size: number;
  maturity: number;
}

/** Defaults: text dominates; structure re-orders among comparable text matches. */
export const DEFAULT_MATCH_WEIGHTS: MatchWeights = {
  text: 0.6,
  industry: 0.15,
  region: 0.1,
  size: 0.05,
  maturity: 0.1,
};

/** Component scores of one recommendation, each in [0, 1]. */
export interface MatchComponents {
  text: number;
  industry: number;
  region: number;
  size: number;
  maturity: number;
}

/** One recommended item or organisation. */
export interface Recommendation {
  id: string;
  type: ItemType;
  score: number;
  components: MatchComponents;
  /** the few words shared with the subject that explain the text match */
  sharedTerms: string[];
  /** e.g. 「共同关键词：工业互联网、边缘计算；同属C39；同省」 */
  reason: string;
}

/** Options of one recommendation run. */
export interface RecommendOptions {
  /** candidate kinds (default: demand subject → resource/result/technology/organisation; organisation → demand/resource) */
  types?: readonly ItemType[];
  filter?: Omit<SearchFilter, 'types'>;
  limit?: number;
  /** how many best text matches are re-scored with the structured signals (default 200) */
  pool?: number;
  weights?: Partial<MatchWeights>;
}

const SIZE_LABEL: Record<EnterpriseSize, string> = { large: '大型', medium: '中型', small: '小型', micro: '微型' };

/** Recommends candidates for a demand or an organisation from the items in the index. */
export function recommend(index: SearchIndex, subject: MatchSubject, opts: RecommendOptions = {}): Recommendation[] {
  const weights = { ...DEFAULT_MATCH_WEIGHTS, ...opts.weights };
  const types =
    opts.types ??
    (subject.kind === 'demand'
      ? (['resource', 'result', 'technology', 'organisation'] as const)
      : (['demand', 'resource'] as const));
  const limit = opts.limit ?? 20;
  const text = [subject.title, (subject.keywords ?? []).join('，'), subject.body].filter((s) => s !== '').join('。');
  const terms = analyzeQuery(text);
  const exclude = [...(opts.filter?.excludeIds ?? []), ...(subject.id !== undefined ? [subject.id] : [])];
  const { hits, prepared } = index.rank(terms, {
    filter: { ...opts.filter, types, excludeIds: exclude },
    limit: opts.pool ?? 200,
  });
  if (hits.length === 0) return [];
  const best = hits[0]!.score;
  const scored = hits.map(({ internal, score }) => {
    const doc = index.docAt(internal)!;
    const components: MatchComponents = {
      text: best > 0 ? score / best : 0,
      industry: industryFit(subject.industry, doc.industry),
      region: regionFit(subject.region, doc.region),
      size: sizeFit(subject, doc),
      maturity: maturityFit(subject, doc),
    };
    const total =
      weights.text * components.text +
      weights.industry * components.industry +
      weights.region * components.region +
      weights.size * components.size +
      weights.maturity * components.maturity;
    return { internal, doc, components, total };
  });
  scored.sort((a, b) => b.total - a.total || (a.doc.id < b.doc.id ? -1 : a.doc.id > b.doc.id ? 1 : 0));
  return scored.slice(0, limit).map(({ internal, doc, components, total }) => {
    const shared = displayTerms(
      index.matchesOf(internal, prepared).map((m) => m.term),
      3,
    );
    return {
      id: doc.id,
      type: doc.type,
      score: total,
      components,
      sharedTerms: shared,
      reason: reasonText(shared, subject, doc, components),
    };
  });
}

/** Same division 1, same section 0.4, otherwise (or unknown) 0. */
export function industryFit(a: string | undefined, b: string | undefined): number {
  const x = canonicalIndustry(a);
  const y = canonicalIndustry(b);
  if (x === '' || y === '') return 0;
  if (x.length >= 3 && y.length >= 3 && x.slice(0, 3) === y.slice(0, 3)) return 1;
  return x[0] === y[0] ? 0.4 : 0;
}

/** Same city (first 4 digits) 1, same province (first 2) 0.6, otherwise (or unknown) 0. */
export function regionFit(a: string | undefined, b: string | undefined): number {
  if (a === undefined || b === undefined || a.length < 2 || b.length < 2) return 0;
  if (a.length >= 4 && b.length >= 4 && a.slice(0, 4) === b.slice(0, 4) && !a.slice(2, 4).startsWith('00')) return 1;
  return a.slice(0, 2) === b.slice(0, 2) ? 0.6 : 0;
}

/** 1 when one side's size preference contains the other side's size class. */
function sizeFit(subject: MatchSubject, doc: SearchDoc): number {
  if (subject.sizePreference && subject.sizePreference.length > 0 && doc.orgSize !== undefined) {
    return subject.sizePreference.includes(doc.orgSize) ? 1 : 0;
  }
  if (doc.sizePreference && doc.sizePreference.length > 0 && subject.orgSize !== undefined) {
    return doc.sizePreference.includes(subject.orgSize) ? 1 : 0;
  }
  return 0;
}

/** Wished vs offered TRL: the demand's TRL is the wish, the result's (or organisation's) is the offer. */
function maturityFit(subject: MatchSubject, doc: SearchDoc): number {
  let wish: number | undefined;
  let have: number | undefined;
  if (subject.kind === 'demand') {
    wish = subject.trl;
    have = doc.type === 'demand' ? undefined : doc.trl;
  } else {
    wish = doc.type === 'demand' ? doc.trl : undefined;
    have = subject.trl;
  }
  if (wish === undefined || have === undefined) return 0;
  if (have >= wish) return 1;
  return have === wish - 1 ? 0.5 : 0;
}

/**
 * Picks words to show: longest matches first within the given (score) order, skipping words contained
 * in one already shown (工业 after 工业互联网), single characters and bare numbers (a shared 「40」 from
 * 40吨 and 40℃ tells a reader nothing, while 5G does).
 */
export function displayTerms(terms: readonly string[], max: number): string[] {
  const cands = terms.filter((t) => [...t].length >= 2 && !/^[\d.,%]+$/.test(t)).slice(0, 4 * max + 4);
  const maximal = cands.filter((t) => !cands.some((o) => o !== t && o.includes(t)));
  return maximal.slice(0, max);
}

function reasonText(shared: readonly string[], subject: MatchSubject, doc: SearchDoc, c: MatchComponents): string {
  const parts: string[] = [];
  if (shared.length > 0) parts.push(`共同关键词：${shared.join('、')}`);
  if (c.industry === 1) parts.push(`同属${canonicalIndustry(doc.industry).slice(0, 3)}`);
  else if (c.industry > 0) parts.push(`同属${canonicalIndustry(doc.industry).slice(0, 1)}门类`);
  if (c.region === 1) parts.push('同市');
  else if (c.region > 0) parts.push('同省');
  if (c.size === 1) {
    const size = doc.sizePreference && subject.orgSize && !subject.sizePreference ? subject.orgSize : doc.orgSize;
    if (size !== undefined) parts.push(`规模相符（${SIZE_LABEL[size]}）`);
  }
  if (c.maturity > 0) {
    const wish = subject.kind === 'demand' ? subject.trl : doc.trl;
    const have = subject.kind === 'demand' ? doc.trl : subject.trl;
    parts.push(c.maturity === 1 ? `成熟度TRL${have}（需≥${wish}）` : `成熟度TRL${have}接近要求（≥${wish}）`);
  }
  return parts.join('；');
}

/** Two subjects are the same when every field is (they are plain data). */
function sameSubject(a: MatchSubject, b: MatchSubject): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Keeps recommendations per subject and recomputes the stale ones in the background. The service that
 * changes an item calls `invalidate` (all subjects, or those sharing its industry, after an item
 * change) and returns; `runPending` (scheduled by `schedule`, one macrotask at a time, a time budget
 * each) recomputes them, so no request waits for matching.
 */
export class RecommendationCache {
  private results = new Map<string, Recommendation[]>();
  private subjects = new Map<string, MatchSubject>();
  private dirty = new Set<string>();
  private running: Promise<void> | undefined;

  constructor(
    private readonly index: SearchIndex,
    private readonly options: RecommendOptions = {},
    /** Subjects kept at most; the least recently read are forgotten (they are recomputed if read again). */
    private readonly maxSubjects = 10_000,
  ) {}

  /**
   * What a reader gets: the cached recommendations when the subject is unchanged (possibly stale while a
   * background run is pending — never a wait), otherwise computed now and cached. A reader pays for the
   * first computation of a subject; a writer never does (it only invalidates).
   */
  getOrCompute(key: string, subject: MatchSubject): Recommendation[] {
    const known = this.subjects.get(key);
    const cached = this.results.get(key);
    if (known !== undefined && cached !== undefined && sameSubject(known, subject)) {
      // least-recently-read order: move the key to the end of the Map
      this.subjects.delete(key);
      this.subjects.set(key, known);
      return cached;
    }
    const recs = recommend(this.index, subject, this.options);
    this.subjects.delete(key);
    this.subjects.set(key, subject);
    this.results.set(key, recs);
    this.dirty.delete(key);
    while (this.subjects.size > this.maxSubjects) {
      const oldest = this.subjects.keys().next().value as string;
      this.deleteSubject(oldest);
    }
    return recs;
  }

  /** Registers (or replaces) a subject; it is computed on the next run. */
  setSubject(key: string, subject: MatchSubject): void {
    this.subjects.set(key, subject);
    this.dirty.add(key);
  }

  /** Forgets a subject. */
  deleteSubject(key: string): void {
    this.subjects.delete(key);
    this.results.delete(key);
    this.dirty.delete(key);
  }

  /** Marks subjects stale (all when no keys are given); their last results stay readable meanwhile. */
  invalidate(keys?: Iterable<string>): void {
    for (const k of keys ?? this.subjects.keys()) if (this.subjects.has(k)) this.dirty.add(k);
  }

  /** Last computed recommendations (possibly stale), or undefined if never computed. */
  get(key: string): Recommendation[] | undefined {
    return this.results.get(key);
  }

  /** Number of subjects waiting for recomputation. */
  get pending(): number {
    return this.dirty.size;
  }

  /** Recomputes stale subjects (in key order) until the budget is spent; returns how many were done. */
  runPending(budgetMs = 20, now: () => number = () => performance.now()): number {
    const start = now();
    let done = 0;
    for (const key of [...this.dirty].sort()) {
      const s = this.subjects.get(key);
      this.dirty.delete(key);
      if (s !== undefined) this.results.set(key, recommend(this.index, s, this.options));
      done++;
      if (now() - start >= budgetMs) break;
    }
    return done;
  }

  /** Schedules background runs with setImmediate until nothing is stale; resolves when done. */
  schedule(budgetMs = 20): Promise<void> {
    if (this.running !== undefined) return this.running;
    this.running = new Promise((resolve) => {
      const step = () => {
        this.runPending(budgetMs);
        if (this.dirty.size > 0) setImmediate(step);
        else {
          this.running = undefined;
          resolve();
        }
      };
      setImmediate(step);
    });
    return this.running;
  }
}
