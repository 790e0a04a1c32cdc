/**
 * Multi-row INSERT for hot paths, without Kysely's builder: building and compiling `insertInto(t).values(rows)`
 * costs about 7 µs a row of 14 columns on this machine (its tree is rebuilt and frozen per row), which a
 * batch of registrations at the door paid for each registration and its audit row (bench/registration,
 * issue 15). Here the SQL text of a (table, columns, row count, dialect) is built once and reused; values are
 * always bound parameters, table and column names come from the schema's types (never from input).
 */
import { CompiledQuery } from 'kysely';
import type { DB } from './schema.ts';
import type { Dialect, Executor } from './index.ts';

const texts = new Map<string, string>();

function insertText<T extends keyof DB>(
  dialect: Dialect,
  table: T,
  columns: readonly (keyof DB[T] & string)[],
  n: number,
): string {
  const key = `${dialect} ${table} ${columns.join(',')} ${n}`;
  let text = texts.get(key);
  if (!text) {
    let k = 0;
    const mark = () => (dialect === 'postgres' ? `$${++k}` : '?');
    const tuples = Array.from({ length: n }, () => `(${columns.map(mark).join(', ')})`);
    text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${tuples.join(', ')}`;
    if (texts.size > 500) texts.clear();
    texts.set(key, text);
  }
  return text;
}

/** Inserts `rows` (objects with at least `columns`) into `table` in one statement. */
export async function insertRows<T extends keyof DB>(
  db: Executor,
  dialect: Dialect,
  table: T,
  columns: readonly (keyof DB[T] & string)[],
  rows: readonly { [C in keyof DB[T] & string]?: unknown }[],
): Promise<void> {
  if (!rows.length) return;
  const params: unknown[] = [];
  for (const r of rows) for (const c of columns) params.push(r[c] === undefined ? null : r[c]);
  await db.executeQuery(CompiledQuery.raw(insertText(dialect, table, columns, rows.length), params));
}
