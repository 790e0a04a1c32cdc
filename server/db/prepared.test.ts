/**
 * `prepared()` (server/db/prepared.ts): a query compiled once binds each call's own values, in and out of a
 * transaction, on the database the suite runs on; a builder that uses an argument other than as a bound value
 * is refused when it is first compiled instead of running wrong SQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testDialect } from '../test/harness.ts';
import { sql } from 'kysely';
import { openDatabase, type Executor } from './index.ts';
import { prepared, preparedList } from './prepared.ts';

let opened: Awaited<ReturnType<typeof openTestDatabase>>;
const at = '2026-12-05T00:00:00.000Z';

const insertOrg = prepared((db: Executor, id: string, name: string, uscc: string, region: string | null) =>
  db.insertInto('organisations').values({
    id,
    name,
    uscc,
    uscc_status: 'valid',
    kind: 'enterprise',
    region_code: region,
    industry_code: null,
    employees: null,
    revenue_wan: null,
    assets_wan: null,
    size_class: null,
    department_code: null,
    created_at: at,
    updated_at: at,
  }),
);
const orgByName = prepared((db: Executor, name: string) =>
  db
    .selectFrom('organisations')
    .select(['id', 'name', 'region_code'])
    .where('name', '=', name)
    .where('kind', '=', 'enterprise'),
);

beforeAll(async () => {
  opened = await openTestDatabase();
});
afterAll(async () => {
  await opened.drop();
});

describe('prepared queries', () => {
  it('bind every call its own values (the SQL is compiled once)', async () => {
    const db = opened.database.db;
    await insertOrg(db, 'p-1', '预编译测试一', 'P1', '370200');
    await insertOrg(db, 'p-2', '预编译测试二', 'P2', null);
    expect((await orgByName(db, '预编译测试一')).rows).toEqual([
      { id: 'p-1', name: '预编译测试一', region_code: '370200' },
    ]);
    expect((await orgByName(db, '预编译测试二')).rows).toEqual([
      { id: 'p-2', name: '预编译测试二', region_code: null },
    ]);
    expect((await orgByName(db, "' or 1=1 --")).rows).toEqual([]);
  });

  it('run inside a transaction and roll back with it', async () => {
    const db = opened.database.db;
    await expect(
      db.transaction().execute(async (trx) => {
        await insertOrg(trx, 'p-3', '预编译测试三', 'P3', null);
        expect((await orgByName(trx, '预编译测试三')).rows).toHaveLength(1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await orgByName(db, '预编译测试三')).rows).toEqual([]);
  });

  it('refuse a builder that does not bind an argument as a value', async () => {
    const byColumn = prepared((db: Executor, column: string) =>
      db
        .selectFrom('organisations')
        .select('id')
        .where(column as 'name', '=', 'x'),
    );
    await expect(byColumn(opened.database.db, 'name')).rejects.toThrow(/must be used as a bound value/);
    const unused = prepared((db: Executor, _id: string) => db.selectFrom('organisations').select('id'));
    await expect(unused(opened.database.db, 'p-1')).rejects.toThrow(/must be used as a bound value/);
  });

  it('over a list: each length compiled once, every call its own items and arguments', async () => {
    const db = opened.database.db;
    const named = preparedList((db: Executor, names: readonly string[], kind: 'enterprise' | 'university') =>
      db.selectFrom('organisations').select('id').where('name', 'in', names).where('kind', '=', kind).orderBy('id'),
    );
    const ids = async (names: string[], kind: 'enterprise' | 'university' = 'enterprise') =>
      (await named(db, names, kind)).rows.map((r) => r.id);
    expect(await ids(['预编译测试一'])).toEqual(['p-1']);
    expect(await ids(['预编译测试二'])).toEqual(['p-2']);
    expect(await ids(['预编译测试一', '预编译测试二'])).toEqual(['p-1', 'p-2']);
    expect(await ids(['预编译测试二', "' or 1=1 --"])).toEqual(['p-2']);
    expect(await ids(['预编译测试一', '预编译测试二'], 'university')).toEqual([]);
    // Longer than the kept lengths: compiled on the call, same answer.
    expect(await ids([...Array.from({ length: 70 }, (_, i) => `无${i}`), '预编译测试一'])).toEqual(['p-1']);
  });

  it('count the rows an update changed, on the database and in a transaction', async () => {
    const db = opened.database.db;
    const rename = prepared((db: Executor, region: string, name: string) =>
      db.updateTable('organisations').set({ region_code: region }).where('name', '=', name),
    );
    expect((await rename(db, '370201', '预编译测试一')).numAffectedRows).toBe(1n);
    expect((await rename(db, '370201', '不存在')).numAffectedRows).toBe(0n);
    await db.transaction().execute(async (trx) => {
      expect((await rename(trx, '370202', '预编译测试一')).numAffectedRows).toBe(1n);
    });
    expect((await orgByName(db, '预编译测试一')).rows[0]?.region_code).toBe('370202');
  });

  it.runIf(testDialect() === 'postgres')(
    'on PostgreSQL, run on the database as named statements (parsed and planned once per connection)',
    async () => {
      // One connection, so the statements it has prepared are the ones these calls made.
      const one = openDatabase({ url: opened.location.url, sqlitePath: '', poolSize: 1 });
      try {
        const statements = async () =>
          (
            await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(
              one.db,
            )
          ).rows;
        expect(await statements()).toEqual([]);
        for (let i = 0; i < 3; i++) expect((await orgByName(one.db, '预编译测试二')).rows).toHaveLength(1);
        const names = (await statements()).filter((r) => r.statement.includes('"organisations"'));
        expect(names).toHaveLength(1);
        expect(names[0]!.name).toMatch(/^rt-p\d+$/);
        // Inside a transaction Kysely holds the connection: the query goes unnamed there, with the same answer.
        await one.db.transaction().execute(async (trx) => {
          expect((await orgByName(trx, '预编译测试二')).rows).toHaveLength(1);
        });
        expect((await statements()).filter((r) => r.statement.includes('"organisations"'))).toHaveLength(1);
      } finally {
        await one.close();
      }
    },
  );
});
