/**
 * Spelling suggestions for Chinese query words against the search index's own vocabulary.
 *
 * Chinese typos are mostly homophones picked from the input method's list (碳纤为 for 碳纤维, 人工只能 for
 * 人工智能), near-homophones of the regional accents (平翘舌 z/zh, 前后鼻音 n/ng, l/n), and one wrong or
 * missing character. So a word is looked up:
 * 1. by its toneless pinyin (pinyin-pro), exactly — a confident suggestion;
 * 2. by its "fuzzy" pinyin (zh→z, ch→c, sh→s, ng→n, l→n);
 * 3. by character edit distance 1 (substitution, adjacent transposition, one inserted or missing
 *    character) among words of three or more characters that share its first or last two characters.
 * Among the candidates the one used by most documents wins (ties: the shorter, then the smaller in code
 * order), so the suggestion is a word the index actually holds.
 *
 * Pinyin is taken character by character (the character's most common reading, cached), the same way
 * for the vocabulary and for the query, so both sides agree even for 多音字. Only pure-CJK terms of 2–8
 * characters are indexed. The structures are built lazily on the first lookup (or by `warm`) and follow
 * new vocabulary through `add`; words that left the index are filtered by the caller's `df`.
 */
import { pinyin } from 'pinyin-pro';

const CJK_WORD = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,8}$/;

/** How a suggestion was found: the first kind is confident enough to rank with. */
export type SuggestionKind = 'pinyin' | 'fuzzy-pinyin' | 'edit';

export interface Suggestion {
  term: string;
  kind: SuggestionKind;
  df: number;
}

const charPinyin = new Map<string, string>();

/** Toneless pinyin syllables of a CJK string, one per character. */
export function pinyinOf(word: string): string[] {
  const out: string[] = [];
  for (const ch of word) {
    let p = charPinyin.get(ch);
    if (p === undefined) {
      p = pinyin(ch, { toneType: 'none', type: 'string', v: true }).toLowerCase();
      charPinyin.set(ch, p);
    }
    out.push(p);
  }
  return out;
}

/** A syllable with the usual accent confusions folded (zh/z, ch/c, sh/s, ng/n, l/n). */
export function fuzzySyllable(s: string): string {
  return s
    .replace(/^([zcs])h/, '$1')
    .replace(/ng$/, 'n')
    .replace(/^l/, 'n');
}

/** Damerau–Levenshtein distance ≤ 1 between two strings (by code unit; CJK is in the BMP). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

export class Speller {
  private exact = new Map<string, string[]>();
  private fuzzy = new Map<string, string[]>();
  private byHead = new Map<string, string[]>();
  private byTail = new Map<string, string[]>();
  private known = new Set<string>();
  private built = false;

  /**
   * @param vocabulary every term of the index (read once, on the first lookup)
   * @param df document frequency of a term now (0 when it left the index)
   */
  constructor(
    private readonly vocabulary: () => Iterable<string>,
    private readonly df: (term: string) => number,
  ) {}

  /** Builds the lookup structures now (off the request path, e.g. after the index was loaded). */
  warm(): void {
    if (this.built) return;
    this.built = true;
    for (const t of this.vocabulary()) this.insert(t);
  }

  /** A new vocabulary term (ignored until the structures are built: `warm` reads the whole vocabulary). */
  add(term: string): void {
    if (this.built) this.insert(term);
  }

  /** Number of words indexed for suggestions. */
  get size(): number {
    return this.known.size;
  }

  private insert(t: string): void {
    if (!CJK_WORD.test(t) || this.known.has(t)) return;
    this.known.add(t);
    const py = pinyinOf(t);
    push(this.exact, py.join(' '), t);
    push(this.fuzzy, py.map(fuzzySyllable).join(' '), t);
    if (t.length >= 3) {
      push(this.byHead, t.slice(0, 2), t);
      push(this.byTail, t.slice(-2), t);
    }
  }

  /**
   * The best vocabulary word for a (normalised, pure-CJK) query word, or undefined. `kinds` limits the
   * lookups (e.g. only exact pinyin for a word made of real words). Never returns the word itself.
   */
  suggest(word: string, kinds: readonly SuggestionKind[] = ['pinyin', 'fuzzy-pinyin', 'edit']): Suggestion | undefined {
    if (!CJK_WORD.test(word)) return undefined;
    this.warm();
    const py = pinyinOf(word);
    for (const kind of kinds) {
      let cands: string[] = [];
      if (kind === 'pinyin') cands = this.exact.get(py.join(' ')) ?? [];
      else if (kind === 'fuzzy-pinyin') cands = this.fuzzy.get(py.map(fuzzySyllable).join(' ')) ?? [];
      else if (word.length >= 3) {
        const pool = [...(this.byHead.get(word.slice(0, 2)) ?? []), ...(this.byTail.get(word.slice(-2)) ?? [])];
        cands = pool.filter((c) => c.length >= 3 && withinOneEdit(word, c));
      }
      let best: Suggestion | undefined;
      for (const c of cands) {
        if (c === word) continue;
        const df = this.df(c);
        if (df <= 0) continue;
        if (
          best === undefined ||
          df > best.df ||
          (df === best.df && (c.length < best.term.length || (c.length === best.term.length && c < best.term)))
        )
          best = { term: c, kind, df };
      }
      if (best) return best;
    }
    return undefined;
  }
}

function push(m: Map<string, string[]>, k: string, v: string): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}
