/**
 * The process: load config, open the database, migrate, seed the demo when appropriate, listen,
 * and shut down gracefully (finish requests in flight, then close the database).
 */
import { loadConfig } from './config.ts';
import { openDatabase } from './db/index.ts';
import { migrateToLatest } from './db/migrate.ts';
import { buildApp } from './app.ts';
import { chooseListenHost, countDemoAccounts } from './demo/listen.ts';
import { seedDemoIfEmpty } from './demo/seed.ts';
import { testClockFor, testClockRoutes } from './plugins/test-clock.ts';

let config;
try {
  config = loadConfig();
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}

const database = openDatabase({
  url: config.DATABASE_URL,
  sqlitePath: config.SQLITE_PATH,
  backgroundCheckpoints: true,
});
try {
  await migrateToLatest(database.db);
} catch (err) {
  console.error((err as Error).message);
  await database.close();
  process.exit(1);
}

const seedWanted = config.DEMO_SEED === 'true' || (config.DEMO_SEED === 'auto' && config.NODE_ENV !== 'production');
if (seedWanted) {
  const seeded = await seedDemoIfEmpty(database.db, new Date());
  if (seeded) console.log('Demo data seeded (see README for the demo accounts).');
}

const testClock = testClockFor(config); // browser tests only (TEST_CLOCK=1, never in production)
const app = await buildApp({ config, database, webRoot: config.WEB_ROOT, clock: testClock });
if (testClock) await app.register(testClockRoutes(testClock), { prefix: '/api' });
let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  const timer = setTimeout(() => process.exit(1), 15_000);
  timer.unref();
  await app.close();
  await database.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

const listen = chooseListenHost(config.HOST, await countDemoAccounts(database.db));
if (listen.notice) console.warn(listen.notice);
await app.listen({ host: listen.host, port: config.PORT });
console.log(
  `融通 Rongtong is running at http://localhost:${config.PORT} (${database.dialect}; listening on ${listen.host})`,
);
