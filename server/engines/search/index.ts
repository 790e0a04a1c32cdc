/**
 * In-memory Chinese full-text index with BM25F ranking, filters, top-k and highlight ranges.
 *
 * Why in memory and not the database's own full-text search: SQLite (FTS5) and PostgreSQL (tsvector,
 * pg_trgm) tokenise and rank differently, neither segments Chinese, and FTS5's trigram tokenizer cannot
 * match a 2-character word such as 芯片. Building the index in the app from the items themselves gives
 * the same results on both databases: the database only stores items, this module ranks them.
 *
 * Keeping it fresh (how the server uses it; the wiring lives outside this pure module):
 * - On start, each app server reads every published item from the database (in pages) and calls
 *   `addAll`; 100k items take seconds (jieba dominates), during which searches fall back to nothing or
 *   wait for the ready promise.
 * - Afterwards it follows changes by an `updated_at` watermark (plus a deleted-items table/flag):
 *   a short poll (every few seconds) selects rows with `updated_at > watermark`, calls `upsert` or
 *   `remove` for each, and moves the watermark. On one machine the module that wrote an item also calls
 *   `upsert` right after its transaction commits (in a `setImmediate`, never inside the request), so the
 *   writer sees its change at once; other servers see it at their next poll. Each app server holds its
 *   own index: there is no shared state to lock, and results are identical because scoring depends only
 *   on the set of live documents, not on the order in which they arrived.
 * - `upsert`/`remove` are cheap (one document re-tokenised); postings of new documents go to a small
 *   delta that is merged into the compact arrays by `compact()` once it grows past a threshold. A server
 *   may also call `compact()` when idle. Recommendations (recommend.ts) are recomputed from the same
 *   index in the background when an item changes, never on the request path that changed it.
 *
 * Exactness: after any sequence of upsert/remove, every score equals the score a fresh build over the
 * same live documents would give (document frequencies, lengths and N are maintained exactly, not
 * approximated as Lucene does until a merge). Ties are broken by document id, so results are
 * deterministic whatever order the database returned rows in.
 *
 * Memory: postings live in flat typed arrays (doc id Int32 + packed per-field term frequencies Uint16,
 * 6 bytes per posting); the stored text is kept for snippets.
 */
import type { EnterpriseSize } from '../../../common/enterprise-size.ts';
import { sectionOf } from '../../../common/industry.ts';
import { QUERY_FILLERS, STOPWORDS } from './dict.ts';
import { lexicon } from './lexicon/index.ts';
import { Speller, type SuggestionKind } from './spell.ts';
import { analyzeForIndex, analyzeQuery, getJieba, normalizeText, seeksProvider, type QueryTerm } from './tokenize.ts';

/** Item kinds that can be searched (the five published kinds plus organisations, for recommendations). */
export type ItemType = 'resource' | 'demand' | 'technology' | 'result' | 'event' | 'organisation';

const ITEM_TYPES: readonly ItemType[] = ['resource', 'demand', 'technology', 'result', 'event', 'organisation'];
/** Bit of an item type in a type mask (a Set<string> lookup per hit was the slowest part of a filtered query). */
const typeBit = (t: string): number => 1 << Math.max(0, ITEM_TYPES.indexOf(t as ItemType));

/** A document as the index receives it: text fields plus the metadata that filters and matching use. */
export interface SearchDoc {
  /** Stable external id (the database id). Results are tie-broken by it. */
  id: string;
  type: ItemType;
  title: string;
  body: string;
  /** Keywords, field tags, technology domains: indexed as their own boosted field. */
  keywords?: readonly string[];
  /** GB/T 4754-2017 code: 'C', 'C39', '39', 'C3911' … (normalised to letter + digits). */
  industry?: string;
  /** GB/T 2260 6-digit region code of the item or its organisation. */
  region?: string;
  /** Theme days the item was published in. */
  themeDayIds?: readonly string[];
  /** Kind of the publishing organisation (enterprise, university, institute, …). */
  orgKind?: string;
  /** Size class of the publishing organisation (or of the organisation itself). */
  orgSize?: EnterpriseSize;
  /** For demands: the organisation sizes it wants to hear from (e.g. SMEs). */
  sizePreference?: readonly EnterpriseSize[];
  /** Technology readiness level 1–9: of a result/technology, or the minimum a demand wishes. */
  trl?: number;
}

/** Filters applied to search hits; every given criterion must hold, values within one are alternatives. */
export interface SearchFilter {
  types?: readonly ItemType[];
  /** Section letters or division codes ('C', 'C39', '39'); a document matches by prefix. */
  industries?: readonly string[];
  /** GB/T 2260 codes or prefixes: '32' / '320000' (province), '3201' / '320100' (city), '320102'. */
  regions?: readonly string[];
  themeDayIds?: readonly string[];
  orgKinds?: readonly string[];
  orgSizes?: readonly EnterpriseSize[];
  /** Minimum TRL (documents without a TRL fail). */
  trlMin?: number;
  /** Ids never returned (e.g. the demand itself when matching). */
  excludeIds?: readonly string[];
}

/** Ranking parameters (BM25F). */
export interface Bm25Params {
  k1: number;
  /** length normalisation per field (0 = none, 1 = full) */
  b: { title: number; keywords: number; body: number };
  /** field weights: a hit in the title counts this many body hits */
  weights: { title: number; keywords: number; body: number };
  /** Queries longer than this keep only their most selective terms (whole demand texts as queries). */
  maxQueryTerms: number;
  /**
   * Terms with an idf below this (df above ~37% of the documents at 1.0) are skipped when the query has
   * at least three terms above it: they add almost nothing to the order but cost the longest postings
   * lists (技术, 企业 in every demand). Short queries made only of such words still use them, and
   * indexes under 1,000 documents always score every term.
   */
  minIdf: number;
}

/** Defaults: title ×3, keywords ×2, Lucene-like k1; deliberately not tuned on bench/data/matching. */
export const DEFAULT_BM25: Bm25Params = {
  k1: 1.2,
  b: { title: 0.5, keywords: 0.3, body: 0.75 },
  weights: { title: 3, keywords: 2, body: 1 },
  maxQueryTerms: 48,
  minIdf: 1.0,
};

/** A half-open range [start, end) of UTF-16 offsets into a highlight's text. */
export type Range = readonly [number, number];

/** A piece of text with the spans the caller should mark (e.g. wrap in <mark> or «»). */
export interface Highlight {
  text: string;
  ranges: Range[];
  /** text was cut at its start / end (the UI adds an ellipsis) */
  cutStart: boolean;
  cutEnd: boolean;
}

/** One query term found in a hit, with its share of the score. */
export interface TermMatch {
  term: string;
  score: number;
}

/** One search hit. */
export interface SearchHit {
  id: string;
  type: ItemType;
  score: number;
  /** Query terms found in the document, highest contribution first. */
  matches: TermMatch[];
  highlights?: { title: Highlight; body: Highlight };
}

/** Options of one search. */
export interface SearchOptions {
  filter?: SearchFilter;
  /** page size (default 20) */
  limit?: number;
  offset?: number;
  /** compute highlight ranges (default true) */
  highlight?: boolean;
  /** characters of body snippet (default 120) */
  snippetLength?: number;
}

/** Result of a search: hits of the requested page and the number of documents that matched at all. */
export interface SearchResult {
  total: number;
  hits: SearchHit[];
  /** the analysed query that ranked the hits, for display and debugging */
  terms: QueryTerm[];
  /**
   * The query with its mistyped words corrected against the index's vocabulary (碳纤为 → 碳纤维), when
   * one was found; shown as 「您是不是要找」.
   */
  didYouMean?: string;
  /** The hits were ranked with didYouMean's words (a confident correction, or too few literal hits). */
  corrected: boolean;
}

/** A spelling correction of a query (see `SearchIndex.correct`). */
export interface QueryCorrection {
  /** the query text with the corrected words replaced */
  text: string;
  /** every replaced word was an exact pinyin match (confident enough to rank with at once) */
  confident: boolean;
  /** the corrected words: what was typed, what replaces it, how it was found */
  words: { from: string; to: string; kind: SuggestionKind; literal: string[] }[];
}

/** A query term ready to score: its term id, query weight, group and whether it is an alternative. */
interface Prepared {
  id: number;
  term: string;
  qw: number;
  group: number;
  /** one of the group's alternatives (word, synonym, narrower, correction), combined by dis_max */
  alt: boolean;
  /** the idf the term scores with (capped for expansions, see `prepare`) */
  idf: number;
}

/** Share of a group's other matching alternatives (a word's synonyms, narrower terms) added to the best one. */
export const GROUP_TIE = 0.3;
/** Score factors per item type (1 when absent). */
export type TypeFactor = Partial<Record<ItemType, number>>;
/**
 * A query that asks for a provider (有没有能做…、想找…、…怎么解决) wants what others offer — technologies,
 * results, resources, organisations — not the demands of other firms that seek the same: demands rank
 * with this factor (still found, below offers of equal text relevance).
 */
export const SEEKING_FACTOR: TypeFactor = { demand: 0.5 };
/** Queries of up to this many concepts reward documents that match all of them (coordination). */
export const COORD_MAX_GROUPS = 8;
/** A literal query with fewer hits than this is retried with its spelling correction. */
export const FEW_HITS = 3;
/** Queries longer than this (normalised characters) are not spell-checked: they are texts, not searches. */
export const MAX_SPELLCHECK_LENGTH = 24;
/** Weight of the words typed inside a corrected span (人工 of 人工只能), kept in case they were meant. */
export const LITERAL_IN_CORRECTION = 0.3;

const CJK_ONLY = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$/;

/** Where the memory goes, for the benchmark and for operations. */
export interface IndexStats {
  docs: number;
  terms: number;
  postings: number;
  deltaPostings: number;
  tombstones: number;
  postingBytes: number;
}

const F_TITLE = 0;
const F_KEYWORDS = 1;
const F_BODY = 2;
const TF_TITLE_MAX = 15;
const TF_KW_MAX = 15;
const TF_BODY_MAX = 255;

/** Packs per-field term frequencies into 16 bits: title 4 bits, keywords 4 bits, body 8 bits. */
function packTf(t: number, k: number, b: number): number {
  return (Math.min(t, TF_TITLE_MAX) << 12) | (Math.min(k, TF_KW_MAX) << 8) | Math.min(b, TF_BODY_MAX);
}

/** The document plus a copy of its filter fields in one fixed shape (fast, monomorphic access). */
interface StoredDoc {
  doc: SearchDoc;
  id: string;
  type: string;
  typeBit: number;
  industry: string;
  region: string;
  themeDayIds: readonly string[];
  orgKind: string;
  orgSize: string;
  trl: number;
}

/** Canonical industry code: section letter + digits ('39' → 'C39', 'c3911' → 'C3911'). */
export function canonicalIndustry(code: string | undefined): string {
  if (code === undefined) return '';
  const c = code.replace(/\s+/g, '').toUpperCase();
  if (/^[A-T]\d*$/.test(c)) return c;
  if (/^\d{2,4}$/.test(c)) {
    const s = sectionOf(c);
    return s === undefined ? '' : s + c;
  }
  return '';
}

/** Region prefix that a 6-digit GB/T 2260 code stands for: '320000' → '32', '320100' → '3201'. */
export function regionPrefix(code: string | undefined): string {
  if (code === undefined) return '';
  const c = code.trim();
  if (!/^\d{2}(\d{2}(\d{2})?)?$/.test(c)) return '';
  if (c.length === 6 && c.endsWith('0000')) return c.slice(0, 2);
  if (c.length === 6 && c.endsWith('00')) return c.slice(0, 4);
  return c;
}

class IntVec {
  a: Int32Array;
  n = 0;
  constructor(cap = 4) {
    this.a = new Int32Array(cap);
  }
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
}

/**
 * The search index. Create one per process (see the header for how it is kept fresh); all methods are
 * synchronous and do no I/O.
 */
export class SearchIndex {
  readonly params: Bm25Params;

  private termIds = new Map<string, number>();
  private termStr: string[] = [];
  /** live document frequency per term id */
  private df = new IntVec(1024);

  // main segment: CSR postings, doc ids ascending within a term
  private mainOff = new Int32Array(1);
  private mainDoc = new Int32Array(0);
  private mainTf = new Uint16Array(0);
  // delta: postings of documents added since the last compaction, per term id (doc, tf) pairs
  private delta = new Map<number, number[]>();
  private deltaCount = 0;

  private docs: (StoredDoc | undefined)[] = [];
  private byId = new Map<string, number>();
  private fieldLen: [IntVec, IntVec, IntVec] = [new IntVec(1024), new IntVec(1024), new IntVec(1024)];
  /**
   * Filter attributes in flat arrays (type bit, numeric region code, section×100+division): a filtered
   * query touches up to every document, and reading 100k scattered objects cost ~0.2 µs each in cache
   * misses, against a few ns here.
   */
  private meta: [IntVec, IntVec, IntVec] = [new IntVec(1024), new IntVec(1024), new IntVec(1024)];
  private fieldTotal = [0, 0, 0];
  private live = 0;
  private tombstones = 0;

  // per-document field weight × length normalisation, recomputed lazily after changes
  private norms: [Float32Array, Float32Array, Float32Array] = [
    new Float32Array(0),
    new Float32Array(0),
    new Float32Array(0),
  ];
  private normsStale = true;

  // query scratch space, reused between queries
  private acc = new Float64Array(0);
  private touched = new Int32Array(0);

  /** Spelling suggestions against this index's vocabulary (built lazily or by `warmSpeller`). */
  private readonly speller = new Speller(
    () => this.termStr,
    (t) => this.docFreq(t),
  );
  // per-group scratch space of `rank`
  private gMax = new Float64Array(0);
  private gSum = new Float64Array(0);
  private gTouched = new Int32Array(0);
  private gMask = new Int32Array(0);

  /** When false, `upsert`/`remove` never compact on their own (bulk loading calls compact once). */
  autoCompact = true;

  constructor(params: Partial<Bm25Params> = {}) {
    this.params = { ...DEFAULT_BM25, ...params };
  }

  /** Number of live documents. */
  get size(): number {
    return this.live;
  }

  /** Whether a document with this id is indexed. */
  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The stored document (as given to upsert). */
  get(id: string): SearchDoc | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.docs[i]?.doc;
  }

  /** Bulk load (start-up rebuild): upserts all, then compacts once. */
  addAll(docs: Iterable<SearchDoc>): void {
    const auto = this.autoCompact;
    this.autoCompact = false;
    for (const d of docs) this.upsert(d);
    this.autoCompact = auto;
    this.compact();
  }

  /** Adds a document or replaces the one with the same id. */
  upsert(doc: SearchDoc): void {
    if (this.byId.has(doc.id)) this.removeInternal(doc.id);
    const internal = this.docs.length;
    const title = analyzeForIndex(doc.title);
    const kw = doc.keywords && doc.keywords.length > 0 ? analyzeForIndex(doc.keywords.join('，')) : [];
    const body = analyzeForIndex(doc.body);
    const counts = new Map<number, [number, number, number]>();
    const count = (toks: string[], f: 0 | 1 | 2) => {
      for (const t of toks) {
        const id = this.termId(t);
        let c = counts.get(id);
        if (c === undefined) {
          c = [0, 0, 0];
          counts.set(id, c);
        }
        c[f]++;
      }
    };
    count(title, F_TITLE);
    count(kw, F_KEYWORDS);
    count(body, F_BODY);
    for (const [id, c] of counts) {
      let list = this.delta.get(id);
      if (list === undefined) {
        list = [];
        this.delta.set(id, list);
      }
      list.push(internal, packTf(c[0], c[1], c[2]));
      this.df.a[id]!++;
    }
    this.deltaCount += counts.size;
    this.docs.push({
      doc,
      id: doc.id,
      type: doc.type,
      typeBit: typeBit(doc.type),
      industry: canonicalIndustry(doc.industry),
      region: (doc.region ?? '').trim(),
      themeDayIds: doc.themeDayIds ?? [],
      orgKind: doc.orgKind ?? '',
      orgSize: doc.orgSize ?? '',
      trl: doc.trl ?? -1,
    });
    this.byId.set(doc.id, internal);
    const lens = [title.length, kw.length, body.length];
    for (let f = 0; f < 3; f++) {
      this.fieldLen[f]!.push(lens[f]!);
      this.fieldTotal[f]! += lens[f]!;
    }
    const stored = this.docs[internal]!;
    this.meta[0].push(stored.typeBit);
    this.meta[1].push(/^\d{6}$/.test(stored.region) ? Number(stored.region) : -1);
    this.meta[2].push(industryKey(stored.industry));
    this.live++;
    this.normsStale = true;
    this.maybeCompact();
  }

  /** Removes a document; returns whether it was there. */
  remove(id: string): boolean {
    const ok = this.removeInternal(id);
    if (ok) this.maybeCompact();
    return ok;
  }

  private removeInternal(id: string): boolean {
    const internal = this.byId.get(id);
    if (internal === undefined) return false;
    const stored = this.docs[internal]!;
    // Re-tokenise to find the terms whose document frequency drops (cheaper in memory than keeping a
    // term list per document; the analyzer is fixed for the life of the process).
    const seen = new Set<string>();
    const d = stored.doc;
    for (const t of analyzeForIndex(d.title)) seen.add(t);
    if (d.keywords && d.keywords.length > 0) for (const t of analyzeForIndex(d.keywords.join('，'))) seen.add(t);
    for (const t of analyzeForIndex(d.body)) seen.add(t);
    for (const t of seen) {
      const tid = this.termIds.get(t);
      if (tid !== undefined) this.df.a[tid]!--;
    }
    for (let f = 0; f < 3; f++) this.fieldTotal[f]! -= this.fieldLen[f]!.a[internal]!;
    this.docs[internal] = undefined;
    this.byId.delete(id);
    this.live--;
    this.tombstones++;
    this.normsStale = true;
    return true;
  }

  private maybeCompact(): void {
    if (!this.autoCompact) return;
    const mainPostings = this.mainDoc.length;
    if (
      this.deltaCount > Math.max(20_000, mainPostings * 0.2) ||
      this.tombstones > Math.max(1000, this.docs.length * 0.2)
    ) {
      this.compact();
    }
  }

  private termId(t: string): number {
    let id = this.termIds.get(t);
    if (id === undefined) {
      id = this.termStr.length;
      this.termIds.set(t, id);
      this.termStr.push(t);
      this.df.push(0);
      this.speller.add(t);
    }
    return id;
  }

  /**
   * Merges the delta into the compact arrays, drops removed documents and renumbers the rest. Linear in
   * the number of postings (~0.1 s at 100k documents); call it off the request path.
   */
  compact(): void {
    const oldDocs = this.docs;
    const remap = new Int32Array(oldDocs.length).fill(-1);
    const newDocs: StoredDoc[] = [];
    const newLen: [IntVec, IntVec, IntVec] = [
      new IntVec(this.live + 16),
      new IntVec(this.live + 16),
      new IntVec(this.live + 16),
    ];
    const newMeta: [IntVec, IntVec, IntVec] = [
      new IntVec(this.live + 16),
      new IntVec(this.live + 16),
      new IntVec(this.live + 16),
    ];
    for (let i = 0; i < oldDocs.length; i++) {
      const d = oldDocs[i];
      if (d === undefined) continue;
      remap[i] = newDocs.length;
      newDocs.push(d);
      for (let f = 0; f < 3; f++) newLen[f]!.push(this.fieldLen[f]!.a[i]!);
      for (let f = 0; f < 3; f++) newMeta[f]!.push(this.meta[f]!.a[i]!);
    }
    // Terms no document uses any more are dropped and the rest renumbered.
    const nTerms = this.termStr.length;
    const counts = new Int32Array(nTerms);
    for (let t = 0; t < nTerms; t++) {
      let c = 0;
      const s = this.mainOff[t] ?? 0;
      const e = t + 1 < this.mainOff.length ? this.mainOff[t + 1]! : s;
      for (let p = s; p < e; p++) if (remap[this.mainDoc[p]!]! >= 0) c++;
      const dl = this.delta.get(t);
      if (dl) for (let p = 0; p < dl.length; p += 2) if (remap[dl[p]!]! >= 0) c++;
      counts[t] = c;
    }
    const termRemap = new Int32Array(nTerms).fill(-1);
    const newTermStr: string[] = [];
    const newDf = new IntVec(Math.max(1024, nTerms));
    const newTermIds = new Map<string, number>();
    let total = 0;
    for (let t = 0; t < nTerms; t++) {
      if (counts[t] === 0) continue;
      termRemap[t] = newTermStr.length;
      newTermIds.set(this.termStr[t]!, newTermStr.length);
      newTermStr.push(this.termStr[t]!);
      newDf.push(this.df.a[t]!);
      total += counts[t]!;
    }
    const off = new Int32Array(newTermStr.length + 1);
    const docArr = new Int32Array(total);
    const tfArr = new Uint16Array(total);
    let w = 0;
    for (let t = 0; t < nTerms; t++) {
      const nt = termRemap[t]!;
      if (nt < 0) continue;
      off[nt] = w;
      const s = this.mainOff[t] ?? 0;
      const e = t + 1 < this.mainOff.length ? this.mainOff[t + 1]! : s;
      for (let p = s; p < e; p++) {
        const nd = remap[this.mainDoc[p]!]!;
        if (nd >= 0) {
          docArr[w] = nd;
          tfArr[w++] = this.mainTf[p]!;
        }
      }
      const dl = this.delta.get(t);
      if (dl) {
        for (let p = 0; p < dl.length; p += 2) {
          const nd = remap[dl[p]!]!;
          if (nd >= 0) {
            docArr[w] = nd;
            tfArr[w++] = dl[p + 1]!;
          }
        }
      }
    }
    off[newTermStr.length] = w;
    this.mainOff = off;
    this.mainDoc = docArr;
    this.mainTf = tfArr;
    this.delta = new Map();
    this.deltaCount = 0;
    this.termStr = newTermStr;
    this.termIds = newTermIds;
    this.df = newDf;
    this.docs = newDocs;
    this.fieldLen = newLen;
    this.meta = newMeta;
    this.byId = new Map();
    for (let i = 0; i < newDocs.length; i++) this.byId.set(newDocs[i]!.doc.id, i);
    this.tombstones = 0;
    this.normsStale = true;
  }

  /** Precomputes w_f / (1 − b_f + b_f · len_f / avglen_f) per document and field (O(N), after changes only). */
  private ensureNorms(): void {
    if (!this.normsStale && this.norms[0].length >= this.docs.length) return;
    const avg = this.averages();
    const p = this.params;
    const n = this.docs.length;
    const ws = [p.weights.title, p.weights.keywords, p.weights.body];
    const bs = [p.b.title, p.b.keywords, p.b.body];
    for (let f = 0; f < 3; f++) {
      const out = new Float32Array(n);
      const lens = this.fieldLen[f]!.a;
      const w = ws[f]!;
      const b = bs[f]!;
      const a = avg[f]!;
      for (let i = 0; i < n; i++) out[i] = w / (1 - b + (b * lens[i]!) / a);
      this.norms[f] = out;
    }
    this.normsStale = false;
  }

  /** Counts for the benchmark and for operations. */
  stats(): IndexStats {
    return {
      docs: this.live,
      terms: this.termStr.length,
      postings: this.mainDoc.length,
      deltaPostings: this.deltaCount,
      tombstones: this.tombstones,
      postingBytes: this.mainDoc.byteLength + this.mainTf.byteLength + this.mainOff.byteLength,
    };
  }

  /** Number of live documents containing a term (0 for a term the index does not hold). */
  docFreq(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.df.a[id]!;
  }

  /** Builds the spelling structures now (call it after loading, off the request path). */
  warmSpeller(): void {
    this.speller.warm();
  }

  /** Inverse document frequency (Lucene's BM25 form, never negative). */
  idf(term: string): number {
    const id = this.termIds.get(term);
    const df = id === undefined ? 0 : this.df.a[id]!;
    return Math.log(1 + (this.live - df + 0.5) / (df + 0.5));
  }

  /**
   * Picks the query terms to score: those present in the index, each with its query weight; long
   * queries keep the `maxQueryTerms` terms with the highest weight × idf (ties by term, deterministic).
   */
  private prepare(terms: readonly QueryTerm[]): Prepared[] {
    let out: (Prepared & { key: number })[] = [];
    // A synonym or narrower term never counts as rarer than the word it stands for (the idea of Lucene's
    // SynonymQuery): else an item naming only a rare narrower term (功率器件) outranks items with the
    // common word the user typed (芯片).
    const wordIdf = new Map<number, number>();
    for (const q of terms) {
      if (q.kind !== 'word' && q.kind !== 'correction') continue;
      if (this.docFreq(q.term) === 0) continue;
      wordIdf.set(q.group, Math.min(wordIdf.get(q.group) ?? Infinity, this.idf(q.term)));
    }
    for (const q of terms) {
      const id = this.termIds.get(q.term);
      if (id === undefined || this.df.a[id]! === 0) continue;
      // repeated query words count more, with saturation (BM25's k3 = 1.2)
      const qw = (q.weight * (2.2 * q.count)) / (1.2 + q.count);
      const own = this.idf(q.term);
      const cap = q.kind === 'synonym' || q.kind === 'narrower' ? wordIdf.get(q.group) : undefined;
      const idf = cap === undefined ? own : Math.min(own, cap);
      // a compound's parts and an unknown word's bigrams add up; a word and its alternatives do not
      const alt = q.kind !== 'part' && q.kind !== 'bigram';
      out.push({ id, term: q.term, qw, key: qw * idf, idf, group: q.group, alt });
    }
    // Small indexes are cheap to score exactly, and there a common word can still be a useful signal.
    if (this.live >= 1000 && out.filter((q) => q.idf >= this.params.minIdf).length >= 3) {
      out = out.filter((q) => q.idf >= this.params.minIdf);
    }
    if (out.length > this.params.maxQueryTerms) {
      out.sort((a, b) => b.key - a.key || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
      out.length = this.params.maxQueryTerms;
    }
    return out;
  }

  /** BM25F saturation of one posting (packed tf) for a document; norms must be fresh. */
  private tfPart(doc: number, tf: number): number {
    const k1 = this.params.k1;
    let x = (tf & 255) * this.norms[F_BODY][doc]!;
    if (tf > 255) x += (tf >>> 12) * this.norms[F_TITLE][doc]! + ((tf >>> 8) & 15) * this.norms[F_KEYWORDS][doc]!;
    return (x * (k1 + 1)) / (x + k1);
  }

  private averages(): [number, number, number] {
    const n = Math.max(1, this.live);
    return [
      Math.max(1e-9, this.fieldTotal[0]! / n),
      Math.max(1e-9, this.fieldTotal[1]! / n),
      Math.max(1e-9, this.fieldTotal[2]! / n),
    ];
  }

  /**
   * Scores every live document against analysed query terms and returns the best `limit` after
   * `offset` that pass the filter, with matched terms. Exposed for recommend.ts, which analyses a
   * demand once and scores it with its own filters.
   */
  rank(
    terms: readonly QueryTerm[],
    opts: { filter?: SearchFilter; limit?: number; offset?: number; typeFactor?: TypeFactor } = {},
  ): {
    total: number;
    hits: { internal: number; score: number }[];
    prepared: Prepared[];
  } {
    const limit = opts.limit ?? 20;
    const offset = opts.offset ?? 0;
    const prepared = this.prepare(terms);
    const nDocs = this.docs.length;
    if (this.acc.length < nDocs) {
      const n = Math.max(nDocs, this.acc.length * 2);
      this.acc = new Float64Array(n);
      this.touched = new Int32Array(n);
      this.gMax = new Float64Array(n);
      this.gSum = new Float64Array(n);
      this.gTouched = new Int32Array(n);
      this.gMask = new Int32Array(n);
    }
    // The alternatives of one group (a query word, its synonyms and narrower terms, its correction) are
    // combined as their best score plus GROUP_TIE of the rest (dis_max), so ten narrower terms do not
    // outweigh the word; a compound's parts and the groups add up (an item with the compound holds its
    // parts too, which keeps the compound first).
    const groups: (typeof prepared)[] = [];
    const groupIndex = new Map<number, number>();
    const groupWeight: number[] = [];
    for (const q of prepared) {
      let gi = groupIndex.get(q.group);
      if (gi === undefined) {
        gi = groups.length;
        groupIndex.set(q.group, gi);
        groups.push([]);
        groupWeight.push(0);
      }
      groups[gi]!.push(q);
      groupWeight[gi] = Math.max(groupWeight[gi]!, q.qw);
    }
    // Short queries reward documents matching every concept (Lucene's coord, weighted by the groups'
    // weights): 海上风电运维 ranks items with both 海上风电 and 运维 above items with only 运维.
    const coord = groups.length >= 2 && groups.length <= COORD_MAX_GROUPS;
    const acc = this.acc;
    const touched = this.touched;
    const gMax = this.gMax;
    const gSum = this.gSum;
    const gTouched = this.gTouched;
    const gMask = this.gMask;
    let nTouched = 0;
    this.ensureNorms();
    const [nT, nK, nB] = this.norms;
    const k1 = this.params.k1;
    const k1p = k1 + 1;
    const docs = this.docs;
    const checkLive = this.tombstones > 0;
    const mainDoc = this.mainDoc;
    const mainTf = this.mainTf;
    for (let gi = 0; gi < groups.length; gi++) {
      const group = groups[gi]!;
      let alts = 0;
      for (const q of group) if (q.alt) alts++;
      const bit = coord ? 1 << gi : 0;
      let nG = 0;
      for (const q of group) {
        const single = !q.alt || alts === 1;
        const w = q.qw * q.idf * k1p;
        const s = this.mainOff[q.id];
        const e = q.id + 1 < this.mainOff.length ? this.mainOff[q.id + 1] : undefined;
        if (s !== undefined && e !== undefined) {
          for (let p = s; p < e; p++) {
            const d = mainDoc[p]!;
            if (checkLive && docs[d] === undefined) continue;
            const tf = mainTf[p]!;
            let x = (tf & 255) * nB[d]!;
            if (tf > 255) x += (tf >>> 12) * nT[d]! + ((tf >>> 8) & 15) * nK[d]!;
            const v = (w * x) / (x + k1);
            if (single) {
              if (acc[d] === 0) touched[nTouched++] = d;
              acc[d]! += v;
              gMask[d]! |= bit;
            } else {
              if (gSum[d] === 0) gTouched[nG++] = d;
              if (v > gMax[d]!) gMax[d] = v;
              gSum[d]! += v;
            }
          }
        }
        const dl = this.delta.get(q.id);
        if (dl) {
          for (let p = 0; p < dl.length; p += 2) {
            const d = dl[p]!;
            if (docs[d] === undefined) continue;
            const v = q.qw * q.idf * this.tfPart(d, dl[p + 1]!);
            if (single) {
              if (acc[d] === 0) touched[nTouched++] = d;
              acc[d]! += v;
              gMask[d]! |= bit;
            } else {
              if (gSum[d] === 0) gTouched[nG++] = d;
              if (v > gMax[d]!) gMax[d] = v;
              gSum[d]! += v;
            }
          }
        }
      }
      for (let k = 0; k < nG; k++) {
        const d = gTouched[k]!;
        const m = gMax[d]!;
        const v = m + GROUP_TIE * (gSum[d]! - m);
        gMax[d] = 0;
        gSum[d] = 0;
        if (acc[d] === 0) touched[nTouched++] = d;
        acc[d]! += v;
        gMask[d]! |= bit;
      }
    }
    let totalWeight = 0;
    for (const gw of groupWeight) totalWeight += gw;
    const pred = this.compileFilter(opts.filter);
    const typeFactor = opts.typeFactor;
    const heap = new TopK(offset + limit, (i) => this.docs[i]!.id);
    let total = 0;
    for (let i = 0; i < nTouched; i++) {
      const d = touched[i]!;
      let sc = acc[d]!;
      acc[d] = 0;
      if (coord) {
        const mask = gMask[d]!;
        gMask[d] = 0;
        let matched = 0;
        for (let gi = 0; gi < groupWeight.length; gi++) if (mask & (1 << gi)) matched += groupWeight[gi]!;
        sc *= matched / totalWeight;
      }
      if (pred !== undefined && !pred(d)) continue;
      if (typeFactor !== undefined) sc *= typeFactor[docs[d]!.doc.type] ?? 1;
      total++;
      heap.offer(d, sc);
    }
    const sorted = heap.sorted().slice(offset);
    return { total, hits: sorted.map(([internal, score]) => ({ internal, score })), prepared };
  }

  /**
   * Understands a search box query: analyses it with the lexicon's expansions and, for a short query,
   * looks for mistyped words. A confident correction (exact pinyin) ranks at once, keeping the typed
   * words of the corrected span at a low weight; a weaker one is only suggested, and used when the
   * literal query finds fewer than FEW_HITS documents.
   */
  understand(query: string): { terms: QueryTerm[]; fallback?: QueryTerm[]; correction?: QueryCorrection } {
    const literal = analyzeQuery(query, { expand: true });
    const correction = this.correct(query);
    if (correction === undefined) return { terms: literal };
    const fixed = analyzeQuery(correction.text, { expand: true });
    let nextGroup = fixed.reduce((m, t) => Math.max(m, t.group + 1), 0);
    for (const w of correction.words) {
      const target = fixed.find((t) => t.term === w.to);
      const group = target?.group ?? nextGroup++;
      if (target) target.kind = 'correction';
      for (const l of w.literal) {
        if (!fixed.some((t) => t.term === l))
          fixed.push({ term: l, weight: LITERAL_IN_CORRECTION, count: 1, group, kind: 'word' });
      }
    }
    return correction.confident ? { terms: fixed, correction } : { terms: literal, fallback: fixed, correction };
  }

  /**
   * Spelling correction of a short query against the index's vocabulary. Spans of adjacent CJK tokens
   * (up to 8 characters) that are not themselves an indexed word or a lexicon term are looked up when
   * they contain a single character or a word no document uses (新能原汽车, 碳纤为, 集成电陆) — by pinyin,
   * fuzzy pinyin and edit distance — or, made only of known words, by exact pinyin (人工只能 → 人工智能).
   * The best spans are taken greedily (exact pinyin first, then longer, then more common), never
   * overlapping. Undefined when nothing needs correcting.
   */
  correct(query: string): QueryCorrection | undefined {
    const norm = normalizeText(query);
    if (norm.trim().length < 2 || norm.length > MAX_SPELLCHECK_LENGTH) return undefined;
    const raw = getJieba().cut(norm, false);
    if (raw.join('') !== norm) return undefined;
    const toks = raw.map((t) => ({ t, cjk: CJK_ONLY.test(t), df: this.docFreq(t) }));
    const offs: number[] = [];
    let o = 0;
    for (const t of raw) {
      offs.push(o);
      o += t.length;
    }
    const noise = (t: string) => QUERY_FILLERS.has(t) || STOPWORDS.has(t);
    const rank = { pinyin: 0, 'fuzzy-pinyin': 1, edit: 2 } as const;
    const found: { i: number; j: number; from: string; to: string; kind: SuggestionKind; df: number }[] = [];
    for (let i = 0; i < toks.length; i++) {
      if (!toks[i]!.cjk) continue;
      // a span may start with a filler or stopword character only when its pinyin matches (人工资能)
      const noisyStart = noise(toks[i]!.t);
      if (noisyStart && toks[i]!.t.length > 1) continue;
      let word = '';
      let weak = false;
      let allNoise = true;
      for (let j = i; j < toks.length && toks[j]!.cjk; j++) {
        const tk = toks[j]!;
        word += tk.t;
        if (word.length > 8) break;
        if (tk.t.length === 1 || tk.df === 0) weak = true;
        if (!noise(tk.t)) allNoise = false;
        if (allNoise || word.length < 2 || this.docFreq(word) > 0 || lexicon.has(word)) continue;
        if (i === j && tk.t.length === 1) continue;
        // A span made only of known words is corrected only by its exact pinyin; edit distance only for
        // spans of 3+ characters that neither start nor end with a filler or stopword (else 无损检测的
        // would "correct" to 无损检测仪).
        const editable = word.length >= 3 && !noisyStart && !noise(tk.t);
        const kinds: SuggestionKind[] = !weak
          ? ['pinyin']
          : editable
            ? ['pinyin', 'fuzzy-pinyin', 'edit']
            : ['pinyin', 'fuzzy-pinyin'];
        const s = this.speller.suggest(word, kinds);
        // never a word inside the span: that would only drop characters the user typed
        if (s && !word.includes(s.term)) found.push({ i, j, from: word, to: s.term, kind: s.kind, df: s.df });
      }
    }
    if (found.length === 0) return undefined;
    found.sort(
      (a, b) =>
        rank[a.kind] - rank[b.kind] ||
        b.from.length - a.from.length ||
        b.df - a.df ||
        a.i - b.i ||
        (a.to < b.to ? -1 : 1),
    );
    const taken: typeof found = [];
    for (const f of found) if (taken.every((t) => f.j < t.i || f.i > t.j)) taken.push(f);
    taken.sort((a, b) => a.i - b.i);
    let text = '';
    let at = 0;
    const words: QueryCorrection['words'] = [];
    for (const f of taken) {
      const start = offs[f.i]!;
      const end = offs[f.j]! + toks[f.j]!.t.length;
      text += query.slice(at, start) + f.to;
      at = end;
      const literal = toks
        .slice(f.i, f.j + 1)
        .filter((t) => t.t.length >= 2 && t.df > 0 && !noise(t.t))
        .map((t) => t.t);
      words.push({ from: f.from, to: f.to, kind: f.kind, literal });
    }
    text += query.slice(at);
    return { text, confident: taken.every((f) => f.kind === 'pinyin'), words };
  }

  /** Full-text search: analyse, rank, filter, page, and explain each hit (matched terms, highlights). */
  search(query: string, opts: SearchOptions = {}): SearchResult {
    const u = this.understand(query);
    let terms = u.terms;
    let corrected = u.correction?.confident ?? false;
    const rankOpts = seeksProvider(query) ? { ...opts, typeFactor: SEEKING_FACTOR } : opts;
    let r = this.rank(terms, rankOpts);
    if (u.fallback && r.total < FEW_HITS) {
      const again = this.rank(u.fallback, rankOpts);
      if (again.total > r.total) {
        r = again;
        terms = u.fallback;
        corrected = true;
      }
    }
    const { total, hits, prepared } = r;
    const out: SearchHit[] = hits.map(({ internal, score }) => {
      const stored = this.docs[internal]!;
      const matches = this.matchesOf(internal, prepared);
      const hit: SearchHit = { id: stored.doc.id, type: stored.doc.type, score, matches };
      if (opts.highlight !== false) {
        const words = matches.map((m) => m.term);
        hit.highlights = {
          title: highlightText(stored.doc.title, words, Infinity),
          body: highlightText(stored.doc.body, words, opts.snippetLength ?? 120),
        };
      }
      return hit;
    });
    return {
      total,
      hits: out,
      terms,
      corrected,
      ...(u.correction ? { didYouMean: u.correction.text } : {}),
    };
  }

  /** The query terms a document contains, with their score contributions, highest first. */
  matchesOf(
    internal: number,
    prepared: readonly { id: number; term: string; qw: number; idf?: number }[],
  ): TermMatch[] {
    this.ensureNorms();
    const out: TermMatch[] = [];
    for (const q of prepared) {
      const tf = this.postingTf(q.id, internal);
      if (tf < 0) continue;
      out.push({ term: q.term, score: q.qw * (q.idf ?? this.idf(q.term)) * this.tfPart(internal, tf) });
    }
    out.sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
    return out;
  }

  /** External id and stored document of an internal number (valid until the next compaction). */
  docAt(internal: number): SearchDoc | undefined {
    return this.docs[internal]?.doc;
  }

  /** Internal number of an external id (valid until the next compaction). */
  internalOf(id: string): number | undefined {
    return this.byId.get(id);
  }

  /**
   * A predicate telling whether an indexed document passes a filter, with the same semantics as a
   * search's filter (industry and region by prefix, …): listing without a query text uses it. Valid until
   * the next change to the index; use it synchronously.
   */
  matcher(filter: SearchFilter): (id: string) => boolean {
    const pred = this.compileFilter(filter);
    const byId = this.byId;
    return (id) => {
      const i = byId.get(id);
      return i !== undefined && (pred === undefined || pred(i));
    };
  }

  /** Packed tf of a term in a document, or -1 (binary search: postings are sorted by document). */
  private postingTf(termId: number, doc: number): number {
    const s = this.mainOff[termId];
    const e = termId + 1 < this.mainOff.length ? this.mainOff[termId + 1] : undefined;
    if (s !== undefined && e !== undefined) {
      let lo = s;
      let hi = e - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const v = this.mainDoc[mid]!;
        if (v === doc) return this.mainTf[mid]!;
        if (v < doc) lo = mid + 1;
        else hi = mid - 1;
      }
    }
    const dl = this.delta.get(termId);
    if (dl) for (let p = 0; p < dl.length; p += 2) if (dl[p] === doc) return dl[p + 1]!;
    return -1;
  }

  /**
   * Compiles a filter into one predicate over internal numbers. Type, region and industry (to the
   * division) are read from the flat `meta` arrays; the rarer criteria read the stored document.
   */
  private compileFilter(f: SearchFilter | undefined): ((d: number) => boolean) | undefined {
    if (f === undefined) return undefined;
    const nonEmpty = <T>(xs: readonly T[] | undefined): xs is readonly T[] => xs !== undefined && xs.length > 0;
    const typeMask = nonEmpty(f.types) ? f.types.reduce((m, t) => m | typeBit(t), 0) : 0;
    // regions: [divisor, value] so that floor(code / divisor) === value
    const regions = nonEmpty(f.regions)
      ? f.regions
          .map(regionPrefix)
          .filter((p) => p !== '')
          .map((p) => [10 ** (6 - p.length), Number(p)] as const)
      : undefined;
    // industries: section/division prefixes use the key; deeper codes compare strings
    const industries = nonEmpty(f.industries) ? f.industries.map(canonicalIndustry).filter((p) => p !== '') : undefined;
    const indKeys = industries
      ?.filter((p) => p.length <= 3)
      .map((p): [number, number] => [industryKey(p), p.length === 1 ? 100 : 1]);
    const indDeep = industries?.filter((p) => p.length > 3);
    const themeDays = nonEmpty(f.themeDayIds) ? new Set(f.themeDayIds) : undefined;
    const kinds = nonEmpty(f.orgKinds) ? new Set(f.orgKinds) : undefined;
    const sizes = nonEmpty(f.orgSizes) ? new Set<string>(f.orgSizes) : undefined;
    const trlMin = f.trlMin;
    const exclude = new Set<number>();
    for (const id of f.excludeIds ?? []) {
      const i = this.byId.get(id);
      if (i !== undefined) exclude.add(i);
    }
    const slow = themeDays !== undefined || kinds !== undefined || sizes !== undefined || trlMin !== undefined;
    if (typeMask === 0 && !regions && !industries && !slow && exclude.size === 0) return undefined;
    const typeArr = this.meta[0].a;
    const regionArr = this.meta[1].a;
    const indArr = this.meta[2].a;
    const docs = this.docs;
    return (i) => {
      if (typeMask !== 0 && (typeMask & typeArr[i]!) === 0) return false;
      if (regions !== undefined) {
        const code = regionArr[i]!;
        if (code < 0) return false;
        let hit = false;
        for (const [div, val] of regions) if (Math.floor(code / div) === val) hit = true;
        if (!hit) return false;
      }
      if (industries !== undefined) {
        const key = indArr[i]!;
        let hit = false;
        if (key >= 0) for (const [k, div] of indKeys!) if (Math.floor(key / div) === Math.floor(k / div)) hit = true;
        if (!hit && indDeep!.length > 0) {
          const ind = docs[i]!.industry;
          for (const p of indDeep!) if (ind.startsWith(p)) hit = true;
        }
        if (!hit) return false;
      }
      if (exclude.size > 0 && exclude.has(i)) return false;
      if (slow) {
        const d = docs[i]!;
        if (themeDays !== undefined) {
          let hit = false;
          for (const t of d.themeDayIds) if (themeDays.has(t)) hit = true;
          if (!hit) return false;
        }
        if (kinds !== undefined && !kinds.has(d.orgKind)) return false;
        if (sizes !== undefined && !sizes.has(d.orgSize)) return false;
        if (trlMin !== undefined && (d.trl < 0 || d.trl < trlMin)) return false;
      }
      return true;
    };
  }
}

/** section index × 100 + division (99 when only the section is known); -1 when unknown. */
function industryKey(canonical: string): number {
  if (canonical === '') return -1;
  const sec = canonical.charCodeAt(0) - 65;
  const div = canonical.length >= 3 ? Number(canonical.slice(1, 3)) : 99;
  return sec * 100 + div;
}

/** Bounded min-heap keeping the k best (score desc, then id asc). */
class TopK {
  private items: [number, number][] = [];
  constructor(
    private readonly k: number,
    private readonly idOf: (i: number) => string,
  ) {}
  /** a ranks below b */
  private worse(a: [number, number], b: [number, number]): boolean {
    if (a[1] !== b[1]) return a[1] < b[1];
    return this.idOf(a[0]) > this.idOf(b[0]);
  }
  offer(i: number, score: number): void {
    if (this.k <= 0) return;
    const h = this.items;
    // Most offers lose against the current k-th best: reject them before allocating anything (a query
    // touches tens of thousands of documents at 100k items, and the garbage showed in the p95).
    if (h.length >= this.k) {
      const min = h[0]!;
      if (score < min[1] || (score === min[1] && this.idOf(i) >= this.idOf(min[0]))) return;
    }
    const it: [number, number] = [i, score];
    if (h.length < this.k) {
      h.push(it);
      let c = h.length - 1;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (this.worse(h[c]!, h[p]!)) {
          [h[c], h[p]] = [h[p]!, h[c]!];
          c = p;
        } else break;
      }
      return;
    }
    if (!this.worse(h[0]!, it)) return;
    h[0] = it;
    let c = 0;
    for (;;) {
      const l = 2 * c + 1;
      const r = l + 1;
      let m = c;
      if (l < h.length && this.worse(h[l]!, h[m]!)) m = l;
      if (r < h.length && this.worse(h[r]!, h[m]!)) m = r;
      if (m === c) break;
      [h[c], h[m]] = [h[m]!, h[c]!];
      c = m;
    }
  }
  sorted(): [number, number][] {
    return [...this.items].sort((a, b) => (this.worse(a, b) ? 1 : this.worse(b, a) ? -1 : 0));
  }
}

const LATIN = /[a-z0-9]/;

/**
 * Marks occurrences of the given terms in a text. Returns the text (or, when longer than `maxLength`,
 * the window with the most marked characters) and the ranges to mark, relative to the returned text.
 * Matching is on normalised text (full-width, case), which keeps offsets; Latin terms only match at
 * word boundaries (ai is not marked inside 'mail').
 */
export function highlightText(text: string, terms: readonly string[], maxLength: number): Highlight {
  const norm = normalizeText(text);
  const marks = new Uint8Array(text.length);
  const sorted = [...new Set(terms)].filter((t) => t !== '').sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  for (const t of sorted) {
    const latin = LATIN.test(t[0]!) || LATIN.test(t[t.length - 1]!);
    let from = 0;
    for (;;) {
      const at = norm.indexOf(t, from);
      if (at < 0) break;
      from = at + 1;
      if (
        latin &&
        ((at > 0 && LATIN.test(norm[at - 1]!)) || (at + t.length < norm.length && LATIN.test(norm[at + t.length]!)))
      )
        continue;
      marks.fill(1, at, at + t.length);
    }
  }
  let start = 0;
  let end = text.length;
  if (text.length > maxLength) {
    const len = Math.max(1, Math.floor(maxLength));
    // window with the most marked characters; earliest wins ties, then back off a little for context
    let best = 0;
    let bestAt = 0;
    let cur = 0;
    for (let i = 0; i < text.length; i++) {
      cur += marks[i]!;
      if (i >= len) cur -= marks[i - len]!;
      if (i >= len - 1 && cur > best) {
        best = cur;
        bestAt = i - len + 1;
      }
    }
    if (best > 0) {
      let firstMark = bestAt;
      while (firstMark < text.length && marks[firstMark] === 0) firstMark++;
      bestAt = Math.max(0, Math.min(firstMark - Math.floor(len / 6), text.length - len));
    }
    start = bestAt;
    end = Math.min(text.length, start + len);
  }
  const ranges: [number, number][] = [];
  for (let i = start; i < end; i++) {
    if (marks[i] === 0) continue;
    let j = i;
    while (j < end && marks[j] === 1) j++;
    ranges.push([i - start, j - start]);
    i = j - 1;
  }
  return { text: text.slice(start, end), ranges, cutStart: start > 0, cutEnd: end < text.length };
}
