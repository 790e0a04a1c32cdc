/**
 * What makes a lexicon entry acceptable, checked before anything is written: every term normalised
 * (full-width → half-width, lower case) and made of Chinese characters, letters and digits; 2 to
 * LEXICON_TERM_MAX characters; 1 to LEXICON_MAX_TERMS terms after the head; no term repeated or equal to
 * the head. Each problem names its field (`term`, `terms`, `terms.3`).
 */
import { LEXICON_MAX_TERMS, LEXICON_TERM_MAX, type LexiconKind } from '../../../common/contracts/lexicon.ts';
import { normalizeLexiconTerm, type LexiconEntry } from '../../engines/search/lexicon/index.ts';
import type { FieldError } from '../../lib/errors.ts';

export interface NormalisedEntry {
  kind: LexiconKind;
  term: string;
  terms: string[];
}

const fe = (field: string, code: string, message: string): FieldError => ({ field, code, message });

/** One term: its normalised form, or the problem with it. */
function checkTerm(raw: string, field: string, errors: FieldError[]): string | null {
  if (raw.trim() === '') {
    errors.push(fe(field, 'lexicon_term_empty', '请填写词语'));
    return null;
  }
  const t = normalizeLexiconTerm(raw);
  if (t === '') {
    errors.push(fe(field, 'lexicon_term_invalid', `「${raw.trim()}」只能由汉字、字母和数字组成，不能含空格或标点`));
    return null;
  }
  if (t.length > LEXICON_TERM_MAX) {
    errors.push(fe(field, 'lexicon_term_too_long', `词语不能超过 ${LEXICON_TERM_MAX} 个字符`));
    return null;
  }
  if (t.length < 2) {
    errors.push(fe(field, 'lexicon_term_too_short', '词语至少 2 个字符（单字过于宽泛，不会用于扩展检索）'));
    return null;
  }
  return t;
}

/** The entry normalised, or every problem found. */
export function checkEntry(body: { kind: LexiconKind; term: string; terms: string[] }): {
  entry: NormalisedEntry | null;
  errors: FieldError[];
} {
  const errors: FieldError[] = [];
  const what = body.kind === 'synonym' ? '同义词' : '下位词';
  const term = checkTerm(body.term, 'term', errors);
  if (body.terms.length === 0) errors.push(fe('terms', 'lexicon_terms_missing', `请至少填写一个${what}`));
  if (body.terms.length > LEXICON_MAX_TERMS)
    errors.push(fe('terms', 'lexicon_too_many_terms', `一个词条最多填写 ${LEXICON_MAX_TERMS} 个${what}`));
  const terms: string[] = [];
  const seen = new Set<string>();
  body.terms.forEach((raw, i) => {
    if (i >= LEXICON_MAX_TERMS) return;
    const field = `terms.${i}`;
    const t = checkTerm(raw, field, errors);
    if (t === null) return;
    if (t === term) {
      errors.push(fe(field, 'lexicon_same_term', `「${t}」与词条本身相同，${what}须是另一个词`));
      return;
    }
    if (seen.has(t)) {
      errors.push(fe(field, 'lexicon_term_repeated', `「${t}」重复填写`));
      return;
    }
    seen.add(t);
    terms.push(t);
  });
  if (errors.length > 0 || term === null) return { entry: null, errors };
  return { entry: { kind: body.kind, term, terms }, errors };
}

/**
 * The same entry, whoever wrote it and in whatever order: a synonym group is a set of terms; a narrower
 * relation is its broader term and the set of narrower ones.
 */
export function signatureOf(e: NormalisedEntry): string {
  return e.kind === 'synonym'
    ? `synonym:${[e.term, ...e.terms].sort().join(',')}`
    : `narrower:${e.term}>${[...e.terms].sort().join(',')}`;
}

/** A built-in entry in the same normalised shape (unusable terms dropped, as the lexicon does). */
export function normaliseBuiltIn(e: LexiconEntry): NormalisedEntry {
  if (e.kind === 'synonym') {
    const ts = [...new Set(e.terms.map(normalizeLexiconTerm).filter((t) => t !== ''))];
    return { kind: 'synonym', term: ts[0] ?? '', terms: ts.slice(1) };
  }
  const term = normalizeLexiconTerm(e.term);
  return {
    kind: 'narrower',
    term,
    terms: [...new Set(e.narrower.map(normalizeLexiconTerm).filter((n) => n !== '' && n !== term))],
  };
}

/** The engine's form of an entry. */
export const toLexiconEntry = (e: NormalisedEntry): LexiconEntry =>
  e.kind === 'synonym'
    ? { kind: 'synonym', terms: [e.term, ...e.terms] }
    : { kind: 'narrower', term: e.term, narrower: e.terms };
