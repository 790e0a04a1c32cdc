/**
 * Background WAL checkpoints (server/db/checkpointer.ts): with `backgroundCheckpoints` the app's connection
 * no longer checkpoints at SQLite's default 1,000 pages, a worker thread moves the committed WAL frames into
 * the database file, and closing the database stops the thread. SQLite files only, whatever the suite's
 * database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { FALLBACK_AUTOCHECKPOINT_PAGES } from './checkpointer.ts';
import { openDatabase } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'rt-ckpt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const autocheckpoint = async (db: ReturnType<typeof openDatabase>['db']) =>
  Number(Object.values((await sql<Record<string, number>>`pragma wal_autocheckpoint`.execute(db)).rows[0] ?? {})[0]);

describe('background checkpoints', () => {
  it('move committed WAL frames into the database file from a thread, and stop on close', async () => {
    const database = openDatabase({ sqlitePath: join(dir, 'on.db'), backgroundCheckpoints: true });
    const { db } = database;
    expect(await autocheckpoint(db)).toBe(FALLBACK_AUTOCHECKPOINT_PAGES);
    await sql`create table t (id integer primary key, v text not null)`.execute(db);
    for (let b = 0; b < 20; b++) {
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < 100; i++) await sql`insert into t (v) values (${'值'.repeat(200)})`.execute(trx);
      });
    }
    const deadline = Date.now() + 10_000;
    let last = database.checkpointer?.last;
    while (Date.now() < deadline && !(last && last.log > 0 && last.checkpointed === last.log)) {
      await new Promise((r) => setTimeout(r, 50));
      last = database.checkpointer?.last;
    }
    expect(last?.log).toBeGreaterThan(0);
    expect(last?.checkpointed).toBe(last?.log);
    const n = await sql<{ n: number }>`select count(*) as n from t`.execute(db);
    expect(Number(n.rows[0]?.n)).toBe(2000);
    await database.close();
    // Reopened without the thread: the rows are in the file, and SQLite's own threshold is back.
    const again = openDatabase({ sqlitePath: join(dir, 'on.db') });
    expect(again.checkpointer).toBeUndefined();
    expect(await autocheckpoint(again.db)).toBe(1000);
    const m = await sql<{ n: number }>`select count(*) as n from t`.execute(again.db);
    expect(Number(m.rows[0]?.n)).toBe(2000);
    await again.close();
  });
});
