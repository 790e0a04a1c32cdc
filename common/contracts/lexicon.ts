/**
 * The search lexicon's administration (issue 14): GET/POST/DELETE /api/search/lexicon, for the system
 * administrator and NDRC. An entry is a synonym group (「term = terms…」: all name the same thing) or a
 * broader → narrower relation (「term > terms…」: a query for the term also finds the narrower ones).
 * The built-in entries (server/engines/search/lexicon/domain.ts) are listed read-only.
 */
import { z } from 'zod';

export const LEXICON_KINDS = ['synonym', 'narrower'] as const;
export type LexiconKind = (typeof LEXICON_KINDS)[number];
export const LEXICON_KIND_LABELS: Record<LexiconKind, { zh: string; en: string }> = {
  synonym: { zh: '同义词组', en: 'Synonym group' },
  narrower: { zh: '上位词 → 下位词', en: 'Broader → narrower' },
};

/** Longest term, in characters after normalisation (a term is a word or a short compound, not a phrase). */
export const LEXICON_TERM_MAX = 20;
/** Most terms after the head term (synonyms or narrower terms) in one entry. */
export const LEXICON_MAX_TERMS = 10;

/**
 * The body of a new entry. The shape is checked here loosely; the rules (normalised, not empty, not too
 * long, no repeats, not the head term again, at most LEXICON_MAX_TERMS) are checked by the server, which
 * names the field at fault (`term`, `terms.2`) with a stable code and a Chinese message.
 */
export const LexiconEntryBody = z.object({
  kind: z.enum(LEXICON_KINDS),
  term: z.string().max(200),
  terms: z.array(z.string().max(200)).max(50),
});
export type LexiconEntryBody = z.infer<typeof LexiconEntryBody>;

export const LexiconEntryView = z.object({
  /** null for a built-in entry */
  id: z.string().nullable(),
  kind: z.enum(LEXICON_KINDS),
  kindLabel: z.string(),
  /** the head term: the first of a synonym group, the broader term of a narrower relation (normalised) */
  term: z.string(),
  terms: z.array(z.string()),
  builtIn: z.boolean(),
  createdAt: z.string().nullable(),
  createdByName: z.string().nullable(),
});
export type LexiconEntryView = z.infer<typeof LexiconEntryView>;

export const LexiconList = z.object({
  /** the built-in lexicon's version (domain.ts LEXICON_VERSION) */
  version: z.string(),
  added: z.array(LexiconEntryView),
  builtIn: z.array(LexiconEntryView),
});
export type LexiconList = z.infer<typeof LexiconList>;
