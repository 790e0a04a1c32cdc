/**
 * Hot queries built and compiled once. Kysely builds an immutable tree and compiles it to SQL on every call
 * — 20–40 µs a query on this machine, a fifth of a signed-in registration's CPU (bench/registration, issue
 * 15). A query that is the same every time except for its values is compiled once per dialect with a marker
 * in place of each argument; a call binds the real values to the same SQL, still as bound parameters.
 *
 * The builder must use its arguments only as values (`where(col, '=', arg)`, `values({ col: arg })`), never in
 * JavaScript logic or as identifiers: compiling checks that every marker became a bound parameter and none
 * reached the SQL text, and throws otherwise.
 *
 * On PostgreSQL, a prepared query run on the database itself (not inside a transaction, whose connection
 * Kysely holds) goes as a named statement: PostgreSQL parses and plans it once per connection instead of on
 * every call. The session lookup every signed-in request makes cost PostgreSQL 50 µs of CPU a request
 * unnamed (bench/registration, issue 15).
 */
import type { Compilable, CompiledQuery, QueryResult } from 'kysely';
import { poolOfDb, type Executor } from './index.ts';

/** Names the prepared queries of this process (`rt-p<k>`, and `:<length>` for a list's variants). */
let nextName = 0;

interface Compiled<R> {
  query: CompiledQuery<R>;
  /** The named statement's name on PostgreSQL ('' for none). */
  name: string;
  /** Per parameter, the argument it takes (null: a constant of the builder). */
  slots: (number | null)[];
}

const mark = (i: number) => `\u0000prepared-arg-${i}\u0000`;

/** `prepared(build)` → a function `(db, ...args)` that runs `build(db, ...args)` without rebuilding it. */
export function prepared<A extends unknown[], R>(
  build: (db: Executor, ...args: A) => Compilable<R>,
): (db: Executor, ...args: A) => Promise<QueryResult<R>> {
  // Keyed by the dialect's adapter: a transaction shares its database's adapter, so both use one entry.
  const byAdapter = new WeakMap<object, Compiled<R>>();
  const name = `rt-p${nextName++}`;
  const compile = (db: Executor, arity: number): Compiled<R> => {
    const marks = Array.from({ length: arity }, (_, i) => mark(i));
    return compileMarked(build(db, ...(marks as unknown as A)), marks, name);
  };
  return async (db, ...args) => {
    const adapter = db.getExecutor().adapter;
    let c = byAdapter.get(adapter);
    if (!c) {
      c = compile(db, args.length);
      byAdapter.set(adapter, c);
    }
    return run(db, c, args);
  };
}

/** Compiles a query built with `marks` in place of its arguments; checks every mark became a bound value. */
function compileMarked<R>(q: Compilable<R>, marks: string[], name: string): Compiled<R> {
  const query = q.compile();
  const slots = query.parameters
    .map((p) => (typeof p === 'string' ? marks.indexOf(p) : -1))
    .map((i) => (i < 0 ? null : i));
  marks.forEach((m, i) => {
    if (!slots.includes(i) || query.sql.includes(m)) {
      throw new Error(`prepared(): argument ${i} must be used as a bound value in ${query.sql}`);
    }
  });
  return { query, slots, name };
}

/** What Kysely's PostgreSQL driver reports as affected rows (numAffectedRows) for these commands. */
const COUNTED = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

async function run<R>(db: Executor, c: Compiled<R>, args: readonly unknown[]): Promise<QueryResult<R>> {
  const { query, slots } = c;
  const parameters = query.parameters.map((p, k) => {
    const s = slots[k];
    return s == null ? p : args[s];
  });
  const pool = poolOfDb.get(db);
  if (!pool || !c.name) return db.executeQuery<R>({ ...query, parameters });
  const res = await pool.query<R & object>({ name: c.name, text: query.sql, values: parameters });
  return COUNTED.has(res.command) && res.rowCount != null
    ? { rows: res.rows, numAffectedRows: BigInt(res.rowCount) }
    : { rows: res.rows };
}

/** Lists longer than this are compiled on each call instead of kept. */
const LIST_MAX_KEPT = 64;

/**
 * `preparedList(build)` → `(db, items, ...args)`: like `prepared`, for a query over a list of values
 * (`where(col, 'in', items)`) and fixed arguments; compiled once per dialect and list length (up to 64 items).
 */
export function preparedList<T, A extends unknown[], R>(
  build: (db: Executor, items: readonly T[], ...args: A) => Compilable<R>,
): (db: Executor, items: readonly T[], ...args: A) => Promise<QueryResult<R>> {
  const byAdapter = new WeakMap<object, Map<number, Compiled<R>>>();
  const name = `rt-p${nextName++}`;
  return async (db, items, ...args) => {
    const adapter = db.getExecutor().adapter;
    let byLength = byAdapter.get(adapter);
    if (!byLength) {
      byLength = new Map();
      byAdapter.set(adapter, byLength);
    }
    let c = byLength.get(items.length);
    if (!c) {
      const marks = Array.from({ length: items.length + args.length }, (_, i) => mark(i));
      const built = build(db, marks.slice(0, items.length) as T[], ...(marks.slice(items.length) as unknown as A));
      // Longer lists are compiled on each call and go unnamed (no statement kept per length on the connections).
      c = compileMarked(built, marks, items.length <= LIST_MAX_KEPT ? `${name}:${items.length}` : '');
      if (items.length <= LIST_MAX_KEPT) byLength.set(items.length, c);
    }
    return run(db, c, [...items, ...args]);
  };
}
