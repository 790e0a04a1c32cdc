/**
 * The database: Kysely over better-sqlite3 (embedded default, WAL) or PostgreSQL (DATABASE_URL).
 * Everything above this file is dialect-neutral except `forUpdate`, which only PostgreSQL needs:
 * SQLite serialises writers on its single connection.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type SelectQueryBuilder, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';
import { startCheckpointer, type Checkpointer } from './checkpointer.ts';
import { FairSqliteDialect } from './sqlite-driver.ts';

export type Dialect = 'sqlite' | 'postgres';

/**
 * The pg pool behind a PostgreSQL Kysely instance, for the rare hot statement that is run as a named
 * (server-side prepared) statement, which Kysely cannot do: PostgreSQL then parses and plans it once per
 * connection instead of on every execution.
 */
export const poolOfDb = new WeakMap<object, pg.Pool>();
export type Db = Kysely<DB>;
export type Trx = Transaction<DB>;
/** Repositories take either the root handle or an open transaction. */
export type Executor = Kysely<DB> | Transaction<DB>;

export interface Database {
  db: Db;
  dialect: Dialect;
  /** PostgreSQL only: the connection pool (its counts feed the metrics in server/plugins/metrics.ts). */
  pool?: pg.Pool;
  /** SQLite with `backgroundCheckpoints`: the thread that checkpoints the WAL (server/db/checkpointer.ts). */
  checkpointer?: Checkpointer;
  close(): Promise<void>;
}

/** Opens the database named by a URL (`postgres://…`) or a SQLite file path (`:memory:` allowed for tools). */
export function openDatabase(opts: {
  url?: string | undefined;
  sqlitePath: string;
  poolSize?: number;
  /** SQLite file: checkpoint the WAL from a worker thread instead of inside commits (the server turns it on). */
  backgroundCheckpoints?: boolean;
}): Database {
  const url = opts.url;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    // int8 (COUNT, SUM) arrives as text by default; our counts fit easily in a double.
    pg.types.setTypeParser(20, (v) => Number(v));
    const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10 });
    // An idle pooled connection can be cut by the server (restart, failover, admin termination). pg
    // then emits 'error' on the pool; unhandled, that would crash the process. The pool drops the
    // broken client by itself and the next query opens a new one.
    pool.on('error', (err) => {
      console.warn(`PostgreSQL idle connection closed: ${err.message}`);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    poolOfDb.set(db, pool);
    return { db, dialect: 'postgres', pool, close: () => db.destroy() };
  }
  const file = url?.startsWith('sqlite:') ? url.slice('sqlite:'.length) : opts.sqlitePath;
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Statement journals (a multi-row insert that may fail on a unique index half-way) and sorts in memory
  // rather than in temporary files: the registration batch's insert took 27–39 µs a row with files, 15–18
  // in memory (bench:registration, issue 15). They hold only what one statement or one sort touches.
  sqlite.pragma('temp_store = MEMORY');
  if (file !== ':memory:') sqlite.pragma('cache_size = -65536'); // 64 MB page cache (default 2 MB)
  // A fair (first come, first served) turn on the single connection; see sqlite-driver.ts.
  const checkpointer = opts.backgroundCheckpoints && file !== ':memory:' ? startCheckpointer(sqlite, file) : undefined;
  const db = new Kysely<DB>({ dialect: new FairSqliteDialect(sqlite) });
  return {
    db,
    dialect: 'sqlite',
    ...(checkpointer ? { checkpointer } : {}),
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

/** Adds `FOR UPDATE` on PostgreSQL; a no-op on SQLite, whose single writer already serialises. */
export function forUpdate<DBT, TB extends keyof DBT, O>(
  qb: SelectQueryBuilder<DBT, TB, O>,
  dialect: Dialect,
): SelectQueryBuilder<DBT, TB, O> {
  return dialect === 'postgres' ? qb.forUpdate() : qb;
}

/** True when `err` is a unique-constraint violation on either database. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  if (!e) return false;
  return e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** JSON helpers for text columns. */
export const json = {
  parse<T>(s: string | null | undefined, fallback: T): T {
    if (s == null || s === '') return fallback;
    try {
      return JSON.parse(s) as T;
    } catch {
      return fallback;
    }
  },
  stringify(v: unknown): string {
    return JSON.stringify(v ?? null);
  },
};
