/**
 * Chinese analyzer for search and matching: jieba (@node-rs/jieba) with the domain dictionary of dict.ts.
 *
 * - Text is normalised first, character by character so offsets do not move (highlighting relies on
 *   it): full-width ASCII → half-width, U+3000 → space, Latin upper → lower case.
 * - Indexing uses search mode (cutForSearch, HMM off): every dictionary word inside a longer word is
 *   emitted too, so 芯片 matches 车规级芯片 and 工业互联网 also yields 工业 and 互联网.
 * - Queries use precise mode (cut) for the words the user meant (weight 1) plus the search-mode parts
 *   at a lower weight, so a compound query ranks items containing the compound above items that only
 *   share one part (工业互联网 vs 互联网医疗), and still finds items that wrote the parts apart.
 * - HMM is off on both sides: with it, an unknown word can be cut differently in a short query than in
 *   a long text. Instead, runs of single characters that jieba could not group (unknown words such as
 *   a new product name) also emit their character bigrams, on both sides, so they still match.
 * - jieba's search mode only emits 2- and 3-character parts, so domain terms of 4+ characters inside
 *   a longer word are added as well (工业互联网 inside 工业互联网平台).
 * - Latin and number tokens are kept as jieba emits them (5g, ai, plc, 28nm); stopwords and
 *   punctuation are dropped.
 *
 * The jieba instance is created lazily, once per process: loading the stock dictionary costs ~350 ms.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { DOMAIN_TERMS, STOPWORDS } from './dict.ts';

let jieba: Jieba | undefined;

/** Domain terms of 4+ characters, normalised: searched for inside longer words (see `terms`). */
const LONG_DOMAIN_TERMS: ReadonlySet<string> = new Set(
  DOMAIN_TERMS.map((t) => normalizeText(t)).filter((t) => t.length >= 4),
);

/** The shared jieba instance with the stock and the domain dictionary (loaded on first use). */
export function getJieba(): Jieba {
  if (jieba === undefined) {
    const j = Jieba.withDict(dict);
    j.loadDict(Buffer.from(userDictText(DOMAIN_TERMS), 'utf8'));
    jieba = j;
  }
  return jieba;
}

/**
 * jieba user-dictionary lines ("word freq tag"). Short words get a low frequency so that they win only
 * where they really stand (中试 must not split 集中试点); long terms get a high one so they stay whole.
 */
export function userDictText(terms: readonly string[]): string {
  const lines: string[] = [];
  for (const raw of terms) {
    const t = normalizeText(raw).trim();
    if (t === '' || /\s/.test(t)) continue;
    const freq = t.length <= 2 ? 300 : t.length === 3 ? 3000 : 20000;
    lines.push(`${t} ${freq} nz`);
  }
  return lines.join('\n') + '\n';
}

/**
 * Length-preserving normalisation: full-width ASCII (U+FF01–FF5E) to half-width, ideographic space to
 * space, A–Z to a–z. Every input code unit maps to exactly one output code unit, so an offset into the
 * normalised text is an offset into the original.
 */
export function normalizeText(s: string): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let r = -1;
    if (c >= 0xff01 && c <= 0xff5e) r = c - 0xfee0;
    else if (c === 0x3000) r = 0x20;
    if (r >= 0x41 && r <= 0x5a) r += 32;
    else if (r < 0 && c >= 0x41 && c <= 0x5a) r = c + 32;
    if (r >= 0) {
      out += s.slice(start, i) + String.fromCharCode(r);
      start = i + 1;
    }
  }
  return start === 0 ? s : out + s.slice(start);
}

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const WORDISH = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffa-z0-9]/;

function isSingleCjk(t: string): boolean {
  return t.length === 1 && CJK.test(t);
}

/** Cleans one raw jieba token: trims Latin punctuation at the ends; '' when nothing searchable is left. */
function clean(tok: string): string {
  let t = tok.trim();
  if (t === '') return '';
  if (!CJK.test(t)) t = t.replace(/^[._-]+|[._-]+$/g, '');
  if (t === '' || !WORDISH.test(t) || STOPWORDS.has(t)) return '';
  return t;
}

/**
 * Turns raw search-mode tokens into index terms: cleans, drops stopwords, adds bigrams over runs of
 * single characters. A single-character token in cutForSearch output is always a precise-mode word
 * (sub-words are 2–3 characters), so two adjacent ones are adjacent in the text.
 */
function terms(raw: readonly string[], out: string[]): void {
  let prev = '';
  for (const tok of raw) {
    const t = clean(tok);
    if (t === '') {
      prev = '';
      continue;
    }
    out.push(t);
    // jieba's search mode only emits 2- and 3-character parts; 工业互联网 inside 工业互联网平台 and
    // 复合材料 inside 碳纤维复合材料 must match too, so longer domain terms inside a word are added.
    if (t.length >= 5) {
      for (let len = 4; len < t.length; len++) {
        for (let i = 0; i + len <= t.length; i++) {
          const sub = t.slice(i, i + len);
          if (LONG_DOMAIN_TERMS.has(sub)) out.push(sub);
        }
      }
    }
    if (isSingleCjk(t)) {
      if (prev !== '') out.push(prev + t);
      prev = t;
    } else prev = '';
  }
}

/** Terms to index for a piece of text, with repeats (term frequency counts them). */
export function analyzeForIndex(text: string): string[] {
  const out: string[] = [];
  if (text === '') return out;
  terms(getJieba().cutForSearch(normalizeText(text), false), out);
  return out;
}

/** One distinct query term: how often it occurs in the query and how much it counts. */
export interface QueryTerm {
  term: string;
  /** 1 for the words of the query as meant (precise mode and unknown-word bigrams), less for parts. */
  weight: number;
  /** occurrences in the query text */
  count: number;
}

/** Weight of a search-mode part of a longer query word (工业 and 互联网 inside 工业互联网). */
export const SUBTERM_WEIGHT = 0.35;

/**
 * Analyses a query (a search box entry or a whole demand text) into distinct weighted terms, in order
 * of first appearance. Uses the same cleaning and bigram rules as analyzeForIndex, so every query term
 * can occur in the index.
 */
export function analyzeQuery(text: string): QueryTerm[] {
  const norm = normalizeText(text);
  if (norm.trim() === '') return [];
  const j = getJieba();
  const precise = new Set<string>();
  const pTerms: string[] = [];
  terms(j.cut(norm, false), pTerms);
  for (const t of pTerms) precise.add(t);
  const all: string[] = [];
  terms(j.cutForSearch(norm, false), all);
  const byTerm = new Map<string, QueryTerm>();
  for (const t of all) {
    const q = byTerm.get(t);
    if (q) q.count++;
    else byTerm.set(t, { term: t, weight: precise.has(t) ? 1 : SUBTERM_WEIGHT, count: 1 });
  }
  return [...byTerm.values()];
}

/** Precise-mode words of a text after normalisation, stopword and punctuation removal (for display/tests). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const tok of getJieba().cut(normalizeText(text), false)) {
    const t = clean(tok);
    if (t !== '') out.push(t);
  }
  return out;
}
