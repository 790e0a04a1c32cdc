/**
 * `insertRows()` (server/db/insert-rows.ts): one statement writes every row with its own bound values on the
 * database the suite runs on (`?` for SQLite, `$n` for PostgreSQL), missing values become null, and the
 * statement is all-or-nothing inside a transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../test/harness.ts';
import { insertRows } from './insert-rows.ts';

let opened: Awaited<ReturnType<typeof openTestDatabase>>;
const at = '2026-12-05T00:00:00.000Z';
const COLUMNS = ['id', 'at', 'actor_user_id', 'entity_type', 'entity_id', 'action', 'after'] as const;
const row = (id: string, after: string | undefined) => ({
  id,
  at,
  actor_user_id: null,
  entity_type: 'test',
  entity_id: id,
  action: 'insert-rows',
  after,
});
const read = () =>
  opened.database.db
    .selectFrom('audit_events')
    .select(['id', 'entity_id', 'after'])
    .where('action', '=', 'insert-rows')
    .orderBy('id')
    .execute();

beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => {
  await opened.drop();
});

describe('insertRows', () => {
  it('writes each row with its own values, quotes and all, in one statement', async () => {
    const { db, dialect } = opened.database;
    await insertRows(db, dialect, 'audit_events', COLUMNS, [
      row('r-1', '{"a":1}'),
      row('r-2', "'); drop table audit_events; --"),
      row('r-3', undefined),
    ]);
    // A second batch of another size gets its own statement text.
    await insertRows(db, dialect, 'audit_events', COLUMNS, [row('r-4', '四')]);
    await insertRows(db, dialect, 'audit_events', COLUMNS, []);
    expect(await read()).toEqual([
      { id: 'r-1', entity_id: 'r-1', after: '{"a":1}' },
      { id: 'r-2', entity_id: 'r-2', after: "'); drop table audit_events; --" },
      { id: 'r-3', entity_id: 'r-3', after: null },
      { id: 'r-4', entity_id: 'r-4', after: '四' },
    ]);
  });

  it('writes nothing when one row fails (a duplicate key) inside a transaction', async () => {
    const { db, dialect } = opened.database;
    await expect(
      db
        .transaction()
        .execute((trx) =>
          insertRows(trx, dialect, 'audit_events', COLUMNS, [row('r-5', null as never), row('r-1', 'again')]),
        ),
    ).rejects.toThrow();
    expect((await read()).map((r) => r.id)).toEqual(['r-1', 'r-2', 'r-3', 'r-4']);
  });
});
