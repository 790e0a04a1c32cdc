/** `npm run demo`: migrate and seed the demo into the configured database (only if it is empty). */
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/index.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoIfEmpty } from './seed.ts';

const cfg = loadConfig();
const database = openDatabase({ url: cfg.DATABASE_URL, sqlitePath: cfg.SQLITE_PATH });
try {
  await migrateToLatest(database.db);
  const seeded = await seedDemoIfEmpty(database.db, new Date());
  if (!seeded) {
    console.log(
      'The database already has data; the demo was not seeded. Use an empty database (e.g. SQLITE_PATH=data/demo.db).',
    );
  } else {
    console.log(`Demo seeded. Password for every demo account: ${DEMO_PASSWORD}`);
    for (const u of DEMO_USERS) console.log(`  ${u.email.padEnd(28)} ${u.name}`);
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await database.close();
}
