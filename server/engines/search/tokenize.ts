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
 * - The domain lexicon (lexicon/) adds its words to the dictionary; the words the stock dictionary
 *   would have cut out of a long user word are still emitted with it (电堆 inside 燃料电池电堆).
 * - Queries (analyzeQuery) drop the filler words of a need written as a sentence and stray single
 *   characters when real words remain, group each word with its parts and (on request) its lexicon
 *   synonyms and narrower terms, at weights below the word itself. Spelling correction needs the
 *   index's vocabulary and lives in index.ts / spell.ts.
 *
 * The jieba instance is created lazily, once per process: loading the stock dictionary costs ~350 ms.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { DOMAIN_SINGLE_CHARS, DOMAIN_TERMS, QUERY_FILLERS, STOPWORDS } from './dict.ts';
import { lexicon } from './lexicon/index.ts';

let jieba: Jieba | undefined;

/**
 * For a user-dictionary word, the index terms the stock dictionary alone would have given it and the
 * user dictionary no longer does (filled when jieba loads): emitted with the word, on both sides.
 */
const STOCK_PIECES = new Map<string, readonly string[]>();

/** Domain terms of 4+ characters, normalised: searched for inside longer words (see `terms`). */
const LONG_DOMAIN_TERMS: ReadonlySet<string> = new Set(
  [...DOMAIN_TERMS, ...lexiconWords()].map((t) => normalizeText(t)).filter((t) => t.length >= 4),
);

/**
 * Lexicon terms to load into jieba: not those mixing Latin and Chinese (mems传感器), which jieba would
 * then keep whole, so that a search for mems would no longer find them.
 */
function lexiconWords(): string[] {
  return lexicon.terms().filter((t) => !(/[a-z0-9]/.test(t) && /[^a-z0-9]/.test(t)));
}

/** Every domain and lexicon word, normalised. */
const DOMAIN_WORDS: ReadonlySet<string> = new Set([...DOMAIN_TERMS, ...lexiconWords()].map((t) => normalizeText(t)));

/** The shared jieba instance with the stock and the domain dictionary (loaded on first use). */
export function getJieba(): Jieba {
  if (jieba === undefined) {
    const j = Jieba.withDict(dict);
    // Lexicon words jieba already keeps whole are left alone: loading them again would lower their
    // frequency to the user dictionary's and change how the text around them is cut.
    const domain = new Set(DOMAIN_TERMS.map((t) => normalizeText(t)));
    const extra = lexiconWords().filter((w) => !domain.has(w) && j.cut(w, false).length > 1);
    // What the stock dictionary makes of each long user word, to keep those pieces findable once the
    // word is cut whole (电堆 inside 燃料电池电堆, which jieba's search mode would no longer emit).
    const stock = new Map<string, string[]>();
    for (const w of new Set([...domain, ...extra])) {
      if (w.length < 3) continue;
      const out: string[] = [];
      terms(j.cutForSearch(w, false), out);
      stock.set(w, out);
    }
    j.loadDict(Buffer.from(userDictText([...DOMAIN_TERMS, ...extra]), 'utf8'));
    for (const [w, before] of stock) {
      const now: string[] = [];
      terms(j.cutForSearch(w, false), now);
      const missing = [...new Set(before)].filter((t) => t !== w && !now.includes(t));
      if (missing.length > 0) STOCK_PIECES.set(w, missing);
    }
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
    if (t.length < 2 || /\s/.test(t)) continue;
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
    const pieces = STOCK_PIECES.get(t);
    if (pieces !== undefined) for (const p of pieces) out.push(p);
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

/** What a query term stands for. */
export type TermKind =
  /** a word of the query as typed (precise mode) */
  | 'word'
  /** a character bigram of a run of single characters (an unknown word) */
  | 'bigram'
  /** a search-mode part of a longer query word (工业 inside 工业互联网) */
  | 'part'
  /** a lexicon synonym or abbreviation of a query word (人工智能 for ai) */
  | 'synonym'
  /** a lexicon narrower term of a query word (碳中和 for 双碳) */
  | 'narrower'
  /** the spelling correction of a mistyped query word (碳纤维 for 碳纤为) */
  | 'correction';

/** One distinct query term: how often it occurs in the query and how much it counts. */
export interface QueryTerm {
  term: string;
  /** 1 for the words of the query as meant (precise mode and unknown-word bigrams), less for the others. */
  weight: number;
  /** occurrences in the query text */
  count: number;
  /**
   * The concept the term belongs to: a query word, its parts, its expansions and its correction share one
   * group. Ranking takes the best of a group's alternatives (the word, its synonyms, narrower terms and
   * correction; plus a little of the others) so that many synonyms do not outweigh the word, adds the
   * parts and bigrams, and rewards items that match every group of a short query.
   */
  group: number;
  kind: TermKind;
}

/** Weight of a search-mode part of a longer query word (工业 and 互联网 inside 工业互联网). */
export const SUBTERM_WEIGHT = 0.35;
/**
 * Weight of a part that is itself a domain term of three or more characters (多模态 and 大模型 inside
 * 多模态大模型): more telling than a generic part such as 模型, still below the whole word.
 */
export const TERM_PART_WEIGHT = 0.6;

const isTermPart = (p: string): boolean => p.length >= 3 && (LONG_DOMAIN_TERMS.has(p) || DOMAIN_WORDS.has(p));

/** Weight of a lexicon synonym or abbreviation (below the word as typed). */
export const SYNONYM_WEIGHT = 0.8;
/** Weight of a lexicon narrower term (below a synonym). */
export const NARROWER_WEIGHT = 0.6;
/** Weight of a domain single character (锂, 氢, 泵) in a query that has other words. */
export const SINGLE_CHAR_WEIGHT = 0.5;

/** Options of `analyzeQuery`. */
export interface AnalyzeOptions {
  /** add the lexicon's synonyms and narrower terms of every query word (default false) */
  expand?: boolean;
}

interface Tok {
  term: string;
  kind: 'word' | 'bigram';
  filler: boolean;
  single: boolean;
}

/**
 * Analyses a query (a search box entry or a whole demand text) into distinct weighted terms, in order
 * of first appearance, each in the group of the query word it comes from. Uses the same cleaning and
 * bigram rules as analyzeForIndex, so every query term can occur in the index.
 *
 * When the query has at least one real word (two or more characters, or Latin/digits), filler words of
 * a need written as a sentence (QUERY_FILLERS) are dropped, and so are single characters other than
 * the domain ones (DOMAIN_SINGLE_CHARS, kept at SINGLE_CHAR_WEIGHT); fillers do not form unknown-word
 * bigrams with their neighbours either. A query made only of such words keeps them.
 */
export function analyzeQuery(text: string, opts: AnalyzeOptions = {}): QueryTerm[] {
  const norm = normalizeText(text);
  if (norm.trim() === '') return [];
  const j = getJieba();
  const toks: Tok[] = [];
  let prev = '';
  for (const raw of j.cut(norm, false)) {
    const t = clean(raw);
    const filler = t !== '' && QUERY_FILLERS.has(t);
    if (t === '' || filler) {
      if (filler) toks.push({ term: t, kind: 'word', filler, single: isSingleCjk(t) });
      prev = '';
      continue;
    }
    const single = isSingleCjk(t);
    toks.push({ term: t, kind: 'word', filler: false, single });
    if (single) {
      if (prev !== '') toks.push({ term: prev + t, kind: 'bigram', filler: false, single: false });
      prev = t;
    } else prev = '';
  }
  const hasReal = toks.some((t) => !t.filler && !t.single);
  const byTerm = new Map<string, QueryTerm>();
  let groups = 0;
  let bigramGroup = -1;
  const put = (term: string, weight: number, group: number, kind: TermKind, count = 1) => {
    const q = byTerm.get(term);
    if (q) {
      q.count += count;
      if (weight > q.weight) q.weight = weight;
    } else byTerm.set(term, { term, weight, count, group, kind });
  };
  const words: QueryTerm[] = [];
  for (const t of toks) {
    if (t.kind === 'bigram') {
      // the bigrams of one run of single characters stand for one unknown word: one group
      if (bigramGroup < 0) bigramGroup = groups++;
      put(t.term, 1, byTerm.get(t.term)?.group ?? bigramGroup, 'bigram');
      continue;
    }
    if (t.filler || !t.single) bigramGroup = -1;
    if (hasReal && t.filler) continue;
    if (hasReal && t.single && !DOMAIN_SINGLE_CHARS.has(t.term)) continue;
    const weight = hasReal && t.single ? SINGLE_CHAR_WEIGHT : 1;
    const known = byTerm.get(t.term);
    if (known) {
      known.count++;
      if (known.kind !== 'word' && known.kind !== 'bigram' && weight >= known.weight) {
        // first seen as a part of an earlier word, now a word of its own: its own concept
        known.kind = 'word';
        known.weight = weight;
        known.group = groups++;
      }
      continue;
    }
    const group = groups++;
    put(t.term, weight, group, 'word');
    words.push(byTerm.get(t.term)!);
    // search-mode parts (2–3 characters, and 4+ character domain terms) at a lower weight, same group
    if (t.term.length >= 3) {
      const parts: string[] = [];
      terms(j.cutForSearch(t.term, false), parts);
      for (const p of parts) {
        if (p === t.term || (isSingleCjk(p) && !DOMAIN_SINGLE_CHARS.has(p))) continue;
        put(p, isTermPart(p) ? TERM_PART_WEIGHT : SUBTERM_WEIGHT, group, 'part');
      }
    }
  }
  if (opts.expand) {
    for (const w of words) {
      if (w.weight < 1) continue;
      const cjk = CJK.test(w.term);
      for (const e of lexicon.expansions(w.term)) {
        // 专精特新企业 for 专精特新 adds nothing: an item with it holds 专精特新 as a part already
        if (cjk && e.term.includes(w.term)) continue;
        const weight = (e.relation === 'synonym' ? SYNONYM_WEIGHT : NARROWER_WEIGHT) * w.weight;
        if (!byTerm.has(e.term))
          byTerm.set(e.term, { term: e.term, weight, count: 1, group: w.group, kind: e.relation });
        // a compound's synonym is cut in parts like the compound itself: 废水…处理 for 污水处理 (synonym
        // 废水处理); not for a short word or an abbreviation (AI's 人工智能 in parts would be 智能 anywhere)
        if (e.relation === 'synonym' && cjk && w.term.length >= 3 && e.term.length >= 4 && CJK.test(e.term)) {
          const parts: string[] = [];
          terms(j.cutForSearch(e.term, false), parts);
          for (const p of parts) {
            if (p === e.term || p.length < 2 || byTerm.has(p)) continue;
            byTerm.set(p, { term: p, weight: weight * SUBTERM_WEIGHT, count: 1, group: w.group, kind: 'part' });
          }
        }
      }
    }
  }
  return [...byTerm.values()];
}

/**
 * How a need written as a sentence asks for a provider: 有没有能做…、想找…、哪家…、谁能…、帮忙…、想上/想装…
 * (a capability to bring in), …怎么解决/怎么处理/怎么办 (a problem to have solved).
 */
const SEEKING =
  /有没有|有无|想找|要找|找个|找家|找人|找能|找哪|哪里|哪儿|哪家|在哪|谁家|谁能|能做|能帮|帮忙|帮我|求助|求推荐|推荐一?[个家下]|想上|想装|想引进|想买|想采购|怎么解决|如何解决|怎么处理|如何处理|怎么办|怎么弄/;

/** Whether a query asks for a provider of something (see SEEKING), as opposed to naming a topic. */
export function seeksProvider(text: string): boolean {
  return SEEKING.test(normalizeText(text));
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
