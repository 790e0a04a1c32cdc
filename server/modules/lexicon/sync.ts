/**
 * Keeps this process's lexicon (server/engines/search/lexicon) in step with `search_lexicon_entries`.
 * A write on this server registers or removes its entry at once; other servers notice the table's
 * version (one row, `search_lexicon_state`) has moved and re-read every entry — checked at start-up before
 * the index is built, on each background refresh, and on a search at most once every CHECK_MS.
 */
import { json, type Executor } from '../../db/index.ts';
import { lexicon, registerLexiconEntries, unregisterLexiconEntries } from '../../engines/search/lexicon/index.ts';
import { listEntries, readVersion } from './repository.ts';
import { toLexiconEntry } from './rules.ts';
import type { LexiconRow } from './repository.ts';

/** How often a search may look at the version (a refresh always does). */
const CHECK_MS = 2000;

/** The version whose entries this process holds (null: none loaded yet). */
let loaded: number | null = null;
let lastCheck = 0;
let inFlight: Promise<boolean> | null = null;

const entryOf = (r: Pick<LexiconRow, 'kind' | 'term' | 'terms'>) =>
  toLexiconEntry({ kind: r.kind, term: r.term, terms: json.parse<string[]>(r.terms, []) });

/**
 * Re-reads the entries when the version moved; `force` skips the time throttle. Returns whether the
 * lexicon changed. Never throws: a failed read keeps the entries held (searching must not fail for it).
 */
export function syncLexicon(db: Executor, force = false): Promise<boolean> {
  const now = performance.now();
  if (!force && loaded !== null && now - lastCheck < CHECK_MS) return Promise.resolve(false);
  if (inFlight) return inFlight;
  lastCheck = now;
  inFlight = (async () => {
    try {
      const version = await readVersion(db);
      if (version === loaded) return false;
      const rows = await listEntries(db);
      lexicon.replaceKeyed(rows.map((r) => [r.id, entryOf(r)] as const));
      loaded = version;
      return true;
    } catch {
      return false;
    } finally {
      inFlight = null;
    }
  })();
  return inFlight;
}

/**
 * After this server committed a write that moved the version to `version`: applies it at once. When
 * another server wrote in between (the version jumped), the held version is left behind, so the next
 * check re-reads everything.
 */
export function appliedLocally(version: number, change: { add: LexiconRow } | { remove: string }): void {
  if ('add' in change) registerLexiconEntries([entryOf(change.add)], change.add.id);
  else unregisterLexiconEntries(change.remove);
  if (loaded === version - 1) loaded = version;
}
