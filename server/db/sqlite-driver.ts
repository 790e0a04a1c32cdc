/**
 * Kysely's SQLite dialect with a fair connection queue (issue 15, registration at the door).
 *
 * better-sqlite3 is one synchronous connection, so every query and every transaction takes turns on it.
 * Kysely's own driver guards it with a mutex that wakes every waiter on each release and lets whoever asks
 * at that instant barge in: under 200 concurrent requests the oldest waiters kept losing to new arrivals
 * (p99 of a signed-in no-op above 4 s) and each release cost a wake-up per waiter. Here the turn is handed
 * to the longest waiting caller, first come first served, in O(1).
 *
 * It also keeps prepared statements by SQL text (bounded): preparing the same few statements again on every
 * request was a tenth of the server's CPU under load. SQLite re-prepares a kept statement by itself when the
 * schema changes.
 */
import type SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  SelectQueryNode,
  SqliteDialect,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely';

/** A lock handed from one holder to the next in arrival order (no barging, one wake-up per release). */
export class FifoMutex {
  #locked = false;
  #waiters: (() => void)[] = [];
  #head = 0;

  lock(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  unlock(): void {
    if (this.#head < this.#waiters.length) {
      const next = this.#waiters[this.#head];
      this.#waiters[this.#head++] = noop;
      if (this.#head > 1024 && this.#head * 2 > this.#waiters.length) {
        this.#waiters = this.#waiters.slice(this.#head);
        this.#head = 0;
      }
      next?.();
      return;
    }
    this.#locked = false;
  }

  /** Callers waiting for the lock (not counting the holder). */
  get waiting(): number {
    return this.#waiters.length - this.#head;
  }
}
const noop = () => undefined;

const CACHE_LIMIT = 500;
const CACHEABLE = /^\s*(select|insert|update|delete|with|begin|commit|rollback|savepoint|release)\b/i;

class FairSqliteConnection implements DatabaseConnection {
  readonly #db: SQLite.Database;
  readonly #cache = new Map<string, SQLite.Statement>();

  constructor(db: SQLite.Database) {
    this.#db = db;
  }

  #prepare(text: string): SQLite.Statement {
    if (!CACHEABLE.test(text)) return this.#db.prepare(text);
    let stmt = this.#cache.get(text);
    if (!stmt) {
      stmt = this.#db.prepare(text);
      if (this.#cache.size >= CACHE_LIMIT) {
        const oldest = this.#cache.keys().next().value;
        if (oldest !== undefined) this.#cache.delete(oldest);
      }
      this.#cache.set(text, stmt);
    }
    return stmt;
  }

  executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    const stmt = this.#prepare(q.sql);
    const params = q.parameters as unknown[];
    if (stmt.reader) return Promise.resolve({ rows: stmt.all(params) as R[] });
    const { changes, lastInsertRowid } = stmt.run(params);
    return Promise.resolve({
      numAffectedRows: BigInt(changes),
      insertId: BigInt(lastInsertRowid),
      rows: [],
    });
  }

  async *streamQuery<R>(q: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(q.query)) throw new Error('Sqlite driver only supports streaming of select queries');
    // Not from the cache: an iterating statement cannot run again until the iteration ends.
    for (const row of this.#db.prepare(q.sql).iterate(q.parameters)) yield { rows: [row as R] };
  }
}

class FairSqliteDriver implements Driver {
  readonly #mutex = new FifoMutex();
  readonly #connection: FairSqliteConnection;
  readonly #db: SQLite.Database;

  constructor(db: SQLite.Database) {
    this.#db = db;
    this.#connection = new FairSqliteConnection(db);
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return this.#connection;
  }
  async beginTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(CompiledQuery.raw('begin'));
  }
  async commitTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(CompiledQuery.raw('rollback'));
  }
  async savepoint(c: DatabaseConnection, name: string): Promise<void> {
    await c.executeQuery(CompiledQuery.raw(`savepoint "${name.replace(/"/g, '""')}"`));
  }
  async rollbackToSavepoint(c: DatabaseConnection, name: string): Promise<void> {
    await c.executeQuery(CompiledQuery.raw(`rollback to "${name.replace(/"/g, '""')}"`));
  }
  async releaseSavepoint(c: DatabaseConnection, name: string): Promise<void> {
    await c.executeQuery(CompiledQuery.raw(`release "${name.replace(/"/g, '""')}"`));
  }
  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }
  async destroy(): Promise<void> {
    this.#db.close();
  }
}

/** `new SqliteDialect({ database })` with the fair driver above. */
export class FairSqliteDialect extends SqliteDialect {
  readonly #db: SQLite.Database;
  constructor(db: SQLite.Database) {
    super({ database: db });
    this.#db = db;
  }
  override createDriver(): Driver {
    return new FairSqliteDriver(this.#db);
  }
}
