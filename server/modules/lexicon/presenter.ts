/** Lexicon entries as the API shows them (added ones with who added them; built-in ones read-only). */
import { LEXICON_KIND_LABELS, type LexiconEntryView } from '../../../common/contracts/lexicon.ts';
import { json } from '../../db/index.ts';
import { BUILTIN_ENTRIES } from '../../engines/search/lexicon/index.ts';
import type { LexiconRow } from './repository.ts';
import { normaliseBuiltIn } from './rules.ts';

export const presentEntry = (r: LexiconRow & { created_by_name?: string | null }): LexiconEntryView => ({
  id: r.id,
  kind: r.kind,
  kindLabel: LEXICON_KIND_LABELS[r.kind].zh,
  term: r.term,
  terms: json.parse<string[]>(r.terms, []),
  builtIn: false,
  createdAt: r.created_at,
  createdByName: r.created_by_name ?? null,
});

let builtIn: LexiconEntryView[] | undefined;

/** The built-in entries (computed once: they change only with a release). */
export function builtInViews(): LexiconEntryView[] {
  builtIn ??= BUILTIN_ENTRIES.map(normaliseBuiltIn)
    .filter((e) => e.term !== '' && e.terms.length > 0)
    .map((e) => ({
      id: null,
      kind: e.kind,
      kindLabel: LEXICON_KIND_LABELS[e.kind].zh,
      term: e.term,
      terms: e.terms,
      builtIn: true,
      createdAt: null,
      createdByName: null,
    }));
  return builtIn;
}
