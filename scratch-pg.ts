import pg from 'pg';
import { execFileSync } from 'node:child_process';
import { openDatabase } from './server/db/index.ts';
import { migrateToLatest } from './server/db/migrate.ts';
import { seedRegistrationWorld } from './bench/lib/registration-world.ts';
import { takePlace } from './server/modules/events/places.ts';
import { newId } from './server/lib/ids.ts';
const [port, dir] = execFileSync('bash', ['scripts/pg-throwaway.sh'], { encoding: 'utf8' }).trim().split(/\s+/);
try {
  const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` }); await admin.connect(); await admin.query('create database rt_s'); await admin.end();
  const database = openDatabase({ url: `postgres://postgres@127.0.0.1:${port}/rt_s`, poolSize: 20 } as never);
  await migrateToLatest(database.db);
  const now = new Date('2020-05-20T02:00:00Z');
  const w = await seedRegistrationWorld(database, { now, year: 2020, startDate: '2020-09-15', endDate: '2020-09-16', label: '', capacity: 500,
    sessions: [{ title: 's', startsAt: '2020-09-15T01:00:00.000Z', endsAt: '2020-09-15T03:00:00.000Z', opensAt: '2020-01-01T00:00:00.000Z', closesAt: '2020-09-14T10:00:00.000Z' }], usersPerSession: 3200, emailPrefix: 'pb' });
  const users = await database.db.selectFrom('users').select('id').where('email', 'like', 'pb%').execute();
  const s = await database.db.selectFrom('event_sessions').selectAll().where('id', '=', w.sessionIds[0]!).executeTakeFirstOrThrow();
  const lat: number[] = []; let next = 0; const t0 = performance.now();
  const worker = async () => { while (next < 3000) { const u = users[next++]!; const t = performance.now();
    await takePlace({ db: database.db, dialect: 'postgres', clock: { now: () => now }, actor: { userId: u.id, organisationId: null } as never, ip: '127.0.0.1', requestId: 'r' + next } as never, s as never,
      { id: newId(), userId: u.id, organisationId: null, attendance: 'offline', answers: '{}', code: newId().slice(-8), at: now.toISOString() });
    lat.push(performance.now() - t); } };
  await Promise.all(Array.from({ length: 200 }, worker));
  const wall = performance.now() - t0;
  const sorted = [...lat].sort((x, y) => x - y);
  console.log(`200 clients: ${(3000 / wall * 1000).toFixed(0)}/s p50 ${sorted[1500]!.toFixed(1)} p99 ${sorted[2970]!.toFixed(1)} max ${sorted.at(-1)!.toFixed(1)}`);
  console.log('slowest by order:', lat.map((v, i) => [i, Math.round(v)]).filter(([, v]) => v > sorted[2970]!).slice(0, 40).map(([i, v]) => `${i}:${v}`).join(' '));
  await database.close();
} finally { execFileSync('bash', ['scripts/pg-throwaway.sh', 'stop', dir!]); }
