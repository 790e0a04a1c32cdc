/** `npm run db:migrate`: apply pending migrations to the configured database and exit. */
import { loadConfig } from '../config.ts';
import { openDatabase } from './index.ts';
import { migrateToLatest } from './migrate.ts';

const cfg = loadConfig();
const database = openDatabase({ url: cfg.DATABASE_URL, sqlitePath: cfg.SQLITE_PATH });
try {
  const res = await migrateToLatest(database.db);
  for (const r of res.results ?? []) console.log(`${r.status}: ${r.migrationName}`);
  if (!res.results?.length) console.log('Database is up to date.');
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await database.close();
}
