/**
 * Reads of one event-loop turn, sent to the database together (issue 15, registration at the door).
 *
 * Under a surge every signed-in request starts with the same lookup by key (its session). Asked one by one,
 * each lookup is a round trip — on PostgreSQL a wake-up of a pooled backend — and a statement. Here the keys
 * asked for while Node handles one turn's I/O are collected and read with one query after that turn
 * (`setImmediate`) or as soon as 32 wait, each caller getting its own key's value. Alone, a lookup waits one turn, not longer.
 * Reads only: a batch never mixes callers' transactions, so a lookup inside a transaction must not use it.
 */
import type { Executor } from './index.ts';

interface Pending<K, V> {
  flushed?: boolean;
  keys: K[];
  waiters: Map<K, { resolve: (v: V | undefined) => void; reject: (e: unknown) => void }[]>;
}

/** A turn's batch goes as soon as it has this many keys (the rest of the turn starts the next one): bounded
 * batches keep responses flowing while the turn goes on. */
const FLUSH_AT = 32;

/**
 * `turnBatch(loadMany)` → `(db, key) => Promise<value | undefined>`. `loadMany(db, keys)` reads the given
 * distinct keys (at most 32) and returns what it found by key; a key it does not return resolves undefined.
 */
export function turnBatch<K, V>(
  loadMany: (db: Executor, keys: K[]) => Promise<Map<K, V>>,
): (db: Executor, key: K) => Promise<V | undefined> {
  // Per database handle: tests run several apps in one process.
  const pending = new WeakMap<Executor, Pending<K, V>>();

  const flush = async (db: Executor, batch: Pending<K, V>) => {
    try {
      const found = await loadMany(db, batch.keys);
      for (const k of batch.keys) for (const w of batch.waiters.get(k) ?? []) w.resolve(found.get(k));
    } catch (err) {
      for (const k of batch.keys) for (const w of batch.waiters.get(k) ?? []) w.reject(err);
    }
  };

  return (db, key) =>
    new Promise<V | undefined>((resolve, reject) => {
      let batch = pending.get(db);
      if (!batch) {
        const fresh: Pending<K, V> = { keys: [], waiters: new Map() };
        batch = fresh;
        pending.set(db, fresh);
        setImmediate(() => {
          if (fresh.flushed) return;
          pending.delete(db);
          void flush(db, fresh);
        });
      }
      const ws = batch.waiters.get(key);
      if (ws) ws.push({ resolve, reject });
      else {
        batch.keys.push(key);
        batch.waiters.set(key, [{ resolve, reject }]);
        if (batch.keys.length >= FLUSH_AT) {
          pending.delete(db);
          batch.flushed = true;
          void flush(db, batch);
        }
      }
    });
}
