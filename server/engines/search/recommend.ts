/**
 * Supply–demand matching: for a demand, the resources, results, technologies and organisations most
 * likely to meet it; for an organisation, the demands it could answer and the resources it could use.
 *
 * Text decides, structure re-orders (issue 14). score = text × (1 + Σ weightᵢ × componentᵢ):
 * - text: BM25F of the subject's text (title, keywords, body, analysed as one query) against each
 *   candidate, divided by the best kept candidate's — relative, so a long demand and a short one weigh
 *   the same. Generic words of demand language (采用、运行、监测、平台、系统 …, generic-words.ts) count a tenth
 *   of a normal word; idf does the rest.
 * - evidence gate: a candidate is recommended only if it shares at least one specific word with the
 *   subject — a term the analyzer found in both, literally present in both texts, not generic, not a
 *   bare number or a single character, and (in an index of 200+ documents) in at most a fifth of them.
 *   Those words are the reason's 共同关键词, so a reason is never empty and never names a word the item
 *   does not contain. Structure alone never recommends anything.
 * - structure, each component in [0, 1], all weights together at most ~0.15: an item needs at least
 *   ~87% of another's text score before structure can put it ahead, so a clearly better text match is
 *   never overtaken:
 *   industry chain (same GB/T 4754 division 1, up/downstream division per industry-chain.ts 0.6; the
 *   same 门类 alone counts nothing — C covers all manufacturing), size (the demand's wished sizes 1,
 *   large firm ↔ SME complementarity 0.6), maturity (offered TRL reaches the wish 1, one short 0.5),
 *   past cooperation (the candidate's organisation already has a confirmed cooperation project with the
 *   subject's), the same theme day, the same content area, and region (same city 1, province 0.5) with a
 *   weight so small it only breaks near-ties.
 * Ties are broken by id, so the output is deterministic. Recomputation happens off the request path
 * (see RecommendationCache below).
 */
import type { EnterpriseSize } from '../../../common/enterprise-size.ts';
import { industryName } from '../../../common/industry.ts';
import { isGenericWord } from './generic-words.ts';
import { chainLink } from './industry-chain.ts';
import { canonicalIndustry, type ItemType, type SearchDoc, type SearchFilter, type SearchIndex } from './index.ts';
import { analyzeQuery, normalizeText } from './tokenize.ts';

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
  /** the (demanding or profiled) organisation's size class */
  orgSize?: EnterpriseSize;
  /** the demand's wished partner sizes */
  sizePreference?: readonly EnterpriseSize[];
  /** demand: minimum TRL wished; organisation: the best TRL it can offer */
  trl?: number;
  /** the theme day the demand was published in (or the organisation takes part in) */
  themeDayIds?: readonly string[];
  /** content areas (内容板块 keys) of the subject */
  contentAreas?: readonly string[];
  /** organisations that already have a confirmed cooperation project with the subject's organisation */
  partnerOrgIds?: readonly string[];
}

/**
 * What recommendations read from an indexed document beyond SearchDoc: the publishing organisation (an
 * organisation's own document: itself) for past cooperation, and content areas. The service puts these
 * fields on the documents it indexes; the index keeps the object as given.
 */
export interface MatchDoc extends SearchDoc {
  organisationId?: string;
  contentAreas?: readonly string[];
}

/** Weights: text 1; the structured components together at most ~0.15 (see the module comment). */
export interface MatchWeights {
  text: number;
  industry: number;
  size: number;
  maturity: number;
  cooperation: number;
  themeDay: number;
  contentArea: number;
  region: number;
}

/** Defaults, set from the principle above (never tuned on a benchmark). */
export const DEFAULT_MATCH_WEIGHTS: MatchWeights = {
  text: 1,
  industry: 0.05,
  size: 0.02,
  maturity: 0.02,
  cooperation: 0.03,
  themeDay: 0.01,
  contentArea: 0.01,
  region: 0.004,
};

/** Query weight factor of a generic word (generic-words.ts). */
export const GENERIC_TERM_FACTOR = 0.1;
/** In an index of at least this many documents, evidence words must be in at most 1/5 of them. */
const EVIDENCE_MIN_DOCS = 200;
const EVIDENCE_MIN_IDF = Math.log(5);

/** Component scores of one recommendation, each in [0, 1]. */
export interface MatchComponents {
  text: number;
  industry: number;
  size: number;
  maturity: number;
  cooperation: number;
  themeDay: number;
  contentArea: number;
  region: number;
}

/** One recommended item or organisation. */
export interface Recommendation {
  id: string;
  type: ItemType;
  score: number;
  components: MatchComponents;
  /** the specific words shared with the subject that explain the text match (never empty) */
  sharedTerms: string[];
  /** e.g. 「共同关键词：工业互联网、边缘计算；同属C39计算机、通信和其他电子设备制造业；同市」 */
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

/** The text a subject is matched by. */
const subjectText = (s: MatchSubject) =>
  [s.title, (s.keywords ?? []).join('，'), s.body].filter((x) => x !== '').join('。');

/** Recommends candidates for a demand or an organisation from the items in the index. */
export function recommend(index: SearchIndex, subject: MatchSubject, opts: RecommendOptions = {}): Recommendation[] {
  const weights = { ...DEFAULT_MATCH_WEIGHTS, ...opts.weights };
  const types =
    opts.types ??
    (subject.kind === 'demand'
      ? (['resource', 'result', 'technology', 'organisation'] as const)
      : (['demand', 'resource'] as const));
  const limit = opts.limit ?? 20;
  const text = subjectText(subject);
  const terms = analyzeQuery(text).map((t) =>
    isGenericWord(t.term) ? { ...t, weight: t.weight * GENERIC_TERM_FACTOR } : t,
  );
  const exclude = [...(opts.filter?.excludeIds ?? []), ...(subject.id !== undefined ? [subject.id] : [])];
  const { hits, prepared } = index.rank(terms, {
    filter: { ...opts.filter, types, excludeIds: exclude },
    limit: opts.pool ?? 200,
  });
  if (hits.length === 0) return [];
  const subjectNorm = normalizeText(text);
  const large = index.stats().docs >= EVIDENCE_MIN_DOCS;
  const kept: { doc: MatchDoc; score: number; evidence: string[] }[] = [];
  for (const { internal, score } of hits) {
    const doc: MatchDoc | undefined = index.docAt(internal);
    if (doc === undefined) continue;
    const docNorm = normalizeText([doc.title, (doc.keywords ?? []).join('，'), doc.body].join('。'));
    const evidence = index
      .matchesOf(internal, prepared)
      .map((m) => m.term)
      .filter(
        (t) =>
          isEvidenceTerm(t) &&
          subjectNorm.includes(t) &&
          docNorm.includes(t) &&
          (!large || index.idf(t) >= EVIDENCE_MIN_IDF),
      );
    if (evidence.length === 0) continue;
    kept.push({ doc, score, evidence });
  }
  if (kept.length === 0) return [];
  const best = Math.max(...kept.map((k) => k.score));
  const scored = kept.map(({ doc, score, evidence }) => {
    const components: MatchComponents = {
      text: best > 0 ? score / best : 0,
      industry: industryFit(subject.industry, doc.industry),
      size: sizeFit(subject, doc),
      maturity: maturityFit(subject, doc),
      cooperation:
        doc.organisationId !== undefined && (subject.partnerOrgIds ?? []).includes(doc.organisationId) ? 1 : 0,
      themeDay: overlaps(subject.themeDayIds, doc.themeDayIds) ? 1 : 0,
      contentArea: overlaps(subject.contentAreas, doc.contentAreas) ? 1 : 0,
      region: regionFit(subject.region, doc.region),
    };
    const structure =
      weights.industry * components.industry +
      weights.size * components.size +
      weights.maturity * components.maturity +
      weights.cooperation * components.cooperation +
      weights.themeDay * components.themeDay +
      weights.contentArea * components.contentArea +
      weights.region * components.region;
    return { doc, components, evidence, total: weights.text * components.text * (1 + structure) };
  });
  scored.sort((a, b) => b.total - a.total || (a.doc.id < b.doc.id ? -1 : a.doc.id > b.doc.id ? 1 : 0));
  return scored.slice(0, limit).map(({ doc, components, total, evidence }) => {
    const shared = displayTerms(evidence, 3);
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

/** A word that can explain a match: not generic, not a single character, not a bare number. */
export function isEvidenceTerm(t: string): boolean {
  return [...t].length >= 2 && !/^[\d.,%]+$/.test(t) && !isGenericWord(t);
}

const overlaps = (a: readonly string[] | undefined, b: readonly string[] | undefined): boolean =>
  a !== undefined && b !== undefined && a.some((x) => b.includes(x));

/**
 * Same division 1, up/downstream divisions (industry-chain.ts) 0.6, otherwise 0 — the same 门类 alone
 * (C: all of manufacturing) is no evidence of fit.
 */
export function industryFit(a: string | undefined, b: string | undefined): number {
  const x = canonicalIndustry(a);
  const y = canonicalIndustry(b);
  if (x.length < 3 || y.length < 3) return 0;
  if (x.slice(0, 3) === y.slice(0, 3)) return 1;
  return chainLink(x, y) !== undefined ? 0.6 : 0;
}

/** Same city (first 4 digits) 1, same province (first 2) 0.5, otherwise (or unknown) 0. */
export function regionFit(a: string | undefined, b: string | undefined): number {
  if (a === undefined || b === undefined || a.length < 2 || b.length < 2) return 0;
  if (a.length >= 4 && b.length >= 4 && a.slice(0, 4) === b.slice(0, 4) && !a.slice(2, 4).startsWith('00')) return 1;
  return a.slice(0, 2) === b.slice(0, 2) ? 0.5 : 0;
}

const isSme = (s: EnterpriseSize | undefined) => s === 'medium' || s === 'small' || s === 'micro';

/**
 * 1 when one side's size preference contains the other side's size class; otherwise 0.6 for a large
 * firm and an SME (融通: large firms open their chains to SMEs); else 0.
 */
export function sizeFit(subject: MatchSubject, doc: SearchDoc): number {
  if (subject.sizePreference && subject.sizePreference.length > 0 && doc.orgSize !== undefined) {
    if (subject.sizePreference.includes(doc.orgSize)) return 1;
  } else if (doc.sizePreference && doc.sizePreference.length > 0 && subject.orgSize !== undefined) {
    if (doc.sizePreference.includes(subject.orgSize)) return 1;
  }
  const a = subject.orgSize;
  const b = doc.orgSize;
  return (a === 'large' && isSme(b)) || (b === 'large' && isSme(a)) ? 0.6 : 0;
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
 * in one already shown (工业 after 工业互联网), single characters, bare numbers (a shared 「40」 from 40吨
 * and 40℃ tells a reader nothing, while 5G does) and generic words.
 */
export function displayTerms(terms: readonly string[], max: number): string[] {
  const cands = terms.filter(isEvidenceTerm).slice(0, 4 * max + 4);
  const maximal = cands.filter((t) => !cands.some((o) => o !== t && o.includes(t)));
  return maximal.slice(0, max);
}

const divisionLabel = (code: string) => {
  const c = code.slice(0, 3);
  return `${c}${industryName(c) ?? ''}`;
};

function reasonText(shared: readonly string[], subject: MatchSubject, doc: SearchDoc, c: MatchComponents): string {
  const parts: string[] = [`共同关键词：${shared.join('、')}`];
  const ind = canonicalIndustry(doc.industry);
  if (c.industry === 1) parts.push(`同属${divisionLabel(ind)}`);
  else if (c.industry > 0) {
    const link = chainLink(canonicalIndustry(subject.industry), ind)!;
    parts.push(`产业链上下游（${divisionLabel(link.up)}→${divisionLabel(link.down)}：${link.flow}）`);
  }
  if (c.cooperation > 0) parts.push('双方已有合作项目');
  if (c.size === 1) {
    const size = doc.sizePreference && subject.orgSize && !subject.sizePreference ? subject.orgSize : doc.orgSize;
    if (size !== undefined) parts.push(`规模相符（${SIZE_LABEL[size]}）`);
  } else if (c.size > 0) parts.push('大企业与中小企业互补');
  if (c.maturity > 0) {
    const wish = subject.kind === 'demand' ? subject.trl : doc.trl;
    const have = subject.kind === 'demand' ? doc.trl : subject.trl;
    parts.push(c.maturity === 1 ? `成熟度TRL${have}（需≥${wish}）` : `成熟度TRL${have}接近要求（≥${wish}）`);
  }
  if (c.themeDay > 0) parts.push('同一主题日');
  if (c.contentArea > 0) parts.push('同一内容板块');
  if (c.region === 1) parts.push('同市');
  else if (c.region > 0) parts.push('同省');
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
