/**
 * Small helpers shared by the directory lists (organisations, bases, users): paging parameters,
 * a portable case-insensitive "contains" filter and GB/T 2260 region prefixes.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import { z } from 'zod';

/** `page`/`pageSize`/`order` as every list endpoint takes them. */
export const pagingQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  order: z.enum(['asc', 'desc']).default('asc'),
};

/** The envelope of every list response. */
export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });

/**
 * `lower(column) LIKE lower('%q%')` with the user's text as a bound parameter and %, _ and \ escaped, so
 * a search for "50%" finds "50%" and nothing else. The explicit ESCAPE makes SQLite and PostgreSQL agree.
 */
export function containsText(column: string, q: string): Expression<SqlBool> {
  const pattern = `%${q.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
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
