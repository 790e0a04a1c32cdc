/** Test helpers: another app server's connection to the test's database (a second pool or SQLite handle). */
import { sql } from 'kysely';
import { openDatabase, type Database } from '../../db/index.ts';
import type { TestEnv } from '../../test/harness.ts';

export async function secondHandle(env: TestEnv): Promise<Database> {
  if (env.dialect === 'postgres') {
    const pool = (env.database.pool as unknown as { options: { connectionString: string } }).options;
    return openDatabase({ url: pool.connectionString, sqlitePath: '' });
  }
  const r = await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(
    env.database.db,
  );
  return openDatabase({ sqlitePath: r.rows[0]!.file });
}
