/**
 * Portable SQL fragments and lookups shared by the modules: a case-insensitive "contains" filter, GB/T
 * 2260 region prefixes, counts, and names of organisations / theme days by id.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { OrgRef, ThemeDayRef } from '../../common/contracts/common.ts';
import type { Executor } from '../db/index.ts';

/**
 * `lower(column) LIKE lower('%q%')` with the user's text as a bound parameter and %, _ and \ escaped, so
 * a search for "50%" finds "50%" and nothing else. The explicit ESCAPE makes SQLite and PostgreSQL agree.
 */
export function containsText(column: string, q: string): Expression<SqlBool> {
  const pattern = `%${q
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
}

/**
 * The prefix a region filter means: a province code '320000' → '32', a prefecture '320100' → '3201',
 * a county '320102' itself; 2 or 4 digits are taken as given. Undefined when the text is not a prefix.
 */
export function regionPrefix(code: string): string | undefined {
  if (/^\d{2}$|^\d{4}$/.test(code)) return code;
  if (!/^\d{6}$/.test(code)) return undefined;
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** Counts rows as a JS number on both databases. */
export const toCount = (row: { n: number | string | bigint } | undefined): number => Number(row?.n ?? 0);

const distinctIds = (ids: Iterable<string | null | undefined>): string[] => [
  ...new Set([...ids].filter((x): x is string => !!x)),
];

/** Names of organisations by id (one query). */
export async function orgNames(db: Executor, ids: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  const list = distinctIds(ids);
  if (list.length === 0) return new Map();
  const rows = await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', list).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Theme-day titles by id (one query). */
export async function themeDayTitles(
  db: Executor,
  ids: Iterable<string | null | undefined>,
): Promise<Map<string, string>> {
  const list = distinctIds(ids);
  if (list.length === 0) return new Map();
  const rows = await db.selectFrom('theme_days').select(['id', 'title']).where('id', 'in', list).execute();
  return new Map(rows.map((r) => [r.id, r.title]));
}

/** Organisation references (`{ id, name }`) for presenters, from one query. */
export async function orgRefs(db: Executor, ids: Iterable<string | null | undefined>): Promise<(id: string) => OrgRef> {
  const names = await orgNames(db, ids);
  return (id) => ({ id, name: names.get(id) ?? '' });
}

/** Theme-day references (`{ id, title }`, or null for none) for presenters, from one query. */
export async function themeDayRefs(
  db: Executor,
  ids: Iterable<string | null | undefined>,
): Promise<(id: string | null) => ThemeDayRef> {
  const titles = await themeDayTitles(db, ids);
  return (id) => (id ? { id, title: titles.get(id) ?? '' } : null);
}
