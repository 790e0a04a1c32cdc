/**
 * The domain lexicon at run time: synonym groups and broader → narrower terms (see domain.ts for the
 * format and the curated entries) merged with entries that administrators add.
 *
 * How the analyzer uses it (tokenize.ts):
 * - every lexicon term is loaded into jieba's dictionary, so items and queries cut it as one word;
 * - a query word is expanded to its synonyms (weight SYNONYM_WEIGHT) and to the narrower terms of the
 *   word and of its synonyms (NARROWER_WEIGHT), always below the word itself (weight 1).
 *
 * Administrators' entries: rows of `search_lexicon_entries` (server/modules/lexicon) are registered under
 * their id at start-up, before the search index is built, and replaced whenever the table's version moves
 * (`lexicon.replaceKeyed`), so every app server follows additions and deletions.
 * Entries registered before the first analysis are also loaded into jieba; entries registered later
 * expand queries at once but their new words are cut as one unit only after a restart (changing the cut
 * of a running index would desynchronise it from the items it already holds).
 */
import { DOMAIN_LEXICON, LEXICON_VERSION } from './domain.ts';

/** One lexicon entry, as data. */
export type LexiconEntry =
  { kind: 'synonym'; terms: readonly string[] } | { kind: 'narrower'; term: string; narrower: readonly string[] };

/** How an expansion relates to the query word. */
export type Relation = 'synonym' | 'narrower';

export interface Expansion {
  term: string;
  relation: Relation;
}

/** Normalised form of a lexicon term (full-width → half-width, lower case), or '' when not usable. */
export function normalizeLexiconTerm(raw: string): string {
  const t = raw.normalize('NFKC').toLowerCase().trim();
  return /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffa-z0-9]+$/.test(t) ? t : '';
}

/** Parses one line of domain.ts (`A = B C` or `A > B C`); throws on a malformed line. */
export function parseLexiconLine(line: string): LexiconEntry {
  const m = /^\s*(\S+)\s*([=>])\s*(.+)$/.exec(line);
  if (!m) throw new Error(`lexicon: cannot parse "${line}"`);
  const rest = m[3]!.split(/\s+/).filter((s) => s !== '');
  if (rest.length === 0) throw new Error(`lexicon: nothing after "${m[2]}" in "${line}"`);
  return m[2] === '='
    ? { kind: 'synonym', terms: [m[1]!, ...rest] }
    : { kind: 'narrower', term: m[1]!, narrower: rest };
}

/** Maximum expansions of one query word (keeps long queries within the latency budget). */
const MAX_EXPANSIONS = 16;

export class Lexicon {
  private readonly synonyms = new Map<string, Set<string>>();
  private readonly narrower = new Map<string, Set<string>>();
  private cache = new Map<string, readonly Expansion[]>();
  /** Entries without a key (the built-in ones), in the order merged. */
  private readonly plain: LexiconEntry[] = [];
  /** Entries under a key (administrators' rows by id), which `remove` and `replaceKeyed` take out again. */
  private readonly keyed = new Map<string, LexiconEntry>();
  /** Entries merged so far that contributed at least one relation. */
  private count = 0;

  constructor(readonly version: string) {}

  /** Number of entries merged so far. */
  get size(): number {
    return this.count;
  }

  /**
   * Merges entries; unusable terms (punctuation, spaces) are skipped. With a key, the entries can be
   * taken out again by `remove(key)` (adding under a key already present replaces what it held).
   */
  add(entries: Iterable<LexiconEntry>, key?: string): void {
    const list = [...entries];
    if (key === undefined) {
      this.plain.push(...list);
      for (const e of list) this.merge(e);
      this.cache = new Map();
      return;
    }
    if (this.keyed.has(key)) this.keyed.delete(key);
    if (list.length === 1) this.keyed.set(key, list[0]!);
    else list.forEach((e, i) => this.keyed.set(`${key}#${i}`, e));
    this.rebuild();
  }

  /** Takes out the entries added under `key`; returns whether there were any. */
  remove(key: string): boolean {
    let found = false;
    for (const k of [...this.keyed.keys()]) {
      if (k === key || k.startsWith(`${key}#`)) {
        this.keyed.delete(k);
        found = true;
      }
    }
    if (found) this.rebuild();
    return found;
  }

  /** Replaces every keyed entry by `entries` (key → entry) in one rebuild; the plain entries stay. */
  replaceKeyed(entries: Iterable<readonly [string, LexiconEntry]>): void {
    this.keyed.clear();
    for (const [k, e] of entries) this.keyed.set(k, e);
    this.rebuild();
  }

  /** The keys of the keyed entries. */
  keys(): string[] {
    return [...this.keyed.keys()];
  }

  private rebuild(): void {
    this.synonyms.clear();
    this.narrower.clear();
    this.count = 0;
    for (const e of this.plain) this.merge(e);
    for (const e of this.keyed.values()) this.merge(e);
    this.cache = new Map();
  }

  private merge(e: LexiconEntry): void {
    if (e.kind === 'synonym') {
      const ts = [...new Set(e.terms.map(normalizeLexiconTerm).filter((t) => t !== ''))];
      if (ts.length < 2) return;
      for (const t of ts) {
        let s = this.synonyms.get(t);
        if (!s) this.synonyms.set(t, (s = new Set()));
        for (const u of ts) if (u !== t) s.add(u);
      }
    } else {
      const t = normalizeLexiconTerm(e.term);
      const ns = e.narrower.map(normalizeLexiconTerm).filter((n) => n !== '' && n !== t);
      if (t === '' || ns.length === 0) return;
      let s = this.narrower.get(t);
      if (!s) this.narrower.set(t, (s = new Set()));
      for (const n of ns) s.add(n);
    }
    this.count++;
  }

  /** Whether a (normalised) term appears in any entry. */
  has(term: string): boolean {
    return this.synonyms.has(term) || this.narrower.has(term);
  }

  /** Every term of every entry (normalised), for jieba's dictionary. */
  terms(): string[] {
    const out = new Set<string>();
    for (const [t, s] of this.synonyms) {
      out.add(t);
      for (const u of s) out.add(u);
    }
    for (const [t, s] of this.narrower) {
      out.add(t);
      for (const u of s) out.add(u);
    }
    return [...out];
  }

  /**
   * Expansions of a normalised query word: its synonyms, then the narrower terms of it and of its
   * synonyms; never the word itself, each term once, single characters never (too broad as a target).
   */
  expansions(term: string): readonly Expansion[] {
    const hit = this.cache.get(term);
    if (hit) return hit;
    const out: Expansion[] = [];
    const seen = new Set([term]);
    const push = (t: string, relation: Relation) => {
      if (seen.has(t) || t.length < 2 || out.length >= MAX_EXPANSIONS) return;
      seen.add(t);
      out.push({ term: t, relation });
    };
    const syn = [...(this.synonyms.get(term) ?? [])];
    for (const s of syn) push(s, 'synonym');
    for (const n of this.narrower.get(term) ?? []) push(n, 'narrower');
    for (const s of syn) for (const n of this.narrower.get(s) ?? []) push(n, 'narrower');
    this.cache.set(term, out);
    return out;
  }
}

/** The built-in entries, parsed. */
export const BUILTIN_ENTRIES: readonly LexiconEntry[] = DOMAIN_LEXICON.map(parseLexiconLine);

/** The process's lexicon: the built-in entries plus whatever administrators registered. */
export const lexicon = new Lexicon(LEXICON_VERSION);
lexicon.add(BUILTIN_ENTRIES);

/**
 * Administrators' entries: merges entries into the process's lexicon (under `key`, e.g. the row id, so
 * that `unregisterLexiconEntries(key)` takes them out again). Called before the search index is built, their
 * words are also cut as one unit; later, they expand queries at once.
 */
export function registerLexiconEntries(entries: readonly LexiconEntry[], key?: string): void {
  lexicon.add(entries, key);
}

/** Takes out the entries registered under `key`: they stop expanding queries at once. */
export function unregisterLexiconEntries(key: string): boolean {
  return lexicon.remove(key);
}

export { LEXICON_VERSION };
