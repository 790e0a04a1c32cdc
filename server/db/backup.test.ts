/**
 * `npm run db:backup` / `db:restore` round trip (issue 15, operations) on the database the suite runs on: the demo's
 * data is backed up while the database is open, then damaged, then restored — every table has the same rows again
 * and the uploads folder the same files. Refusals: a folder that is not a backup, a backup of the other dialect, a
 * target folder that exists, and (SQLite) a corrupt backup file, which leaves the live database untouched.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../demo/seed.ts';
import { uploadDirFor } from '../lib/attachments.ts';
import { openTestDatabase, testDialect } from '../test/harness.ts';
import { backup, restore, rowCounts, type BackupTarget } from './backup.ts';
import { openDatabase, type Database } from './index.ts';

let work: string;
let opened: Awaited<ReturnType<typeof openTestDatabase>>;
let target: BackupTarget;

const files = (dir: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => {
        const p = join(d.parentPath, d.name);
        return [p.slice(dir.length), readFileSync(p).toString('base64')];
      }),
  );

async function snapshot(database: Database) {
  return {
    rows: await rowCounts(database),
    users: await database.db.selectFrom('users').selectAll().orderBy('id').execute(),
    projects: await database.db.selectFrom('cooperation_projects').selectAll().orderBy('id').execute(),
    news: await database.db.selectFrom('news').selectAll().orderBy('id').execute(),
  };
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'rt-backup-'));
  opened = await openTestDatabase();
  const uploadDir = testDialect() === 'sqlite' ? uploadDirFor(opened.location.sqlitePath) : join(work, 'live-uploads');
  target = { url: opened.location.url, sqlitePath: opened.location.sqlitePath, uploadDir };
  expect(await seedDemoIfEmpty(opened.database.db, new Date('2026-12-05T02:00:00Z'))).toBe(true);
  mkdirSync(join(uploadDir, 'publicity'), { recursive: true });
  writeFileSync(join(uploadDir, 'publicity', 'cover.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
  writeFileSync(join(uploadDir, 'attachment.pdf'), '%PDF-1.4 方案');
}, 120_000);

afterAll(async () => {
  await opened?.drop();
  rmSync(work, { recursive: true, force: true });
});

describe('db:backup and db:restore', () => {
  it('restores every row and every uploaded file after the data was damaged', async () => {
    const before = await snapshot(opened.database);
    const uploadsBefore = files(target.uploadDir);
    expect(before.rows.users).toBeGreaterThan(10);
    expect(before.rows.cooperation_projects).toBeGreaterThan(0);

    const dest = join(work, 'b1');
    const m = await backup(target, dest); // while the database is open, as on a running server
    expect(m).toMatchObject({ dialect: testDialect(), rows: before.rows });
    expect(m.lastMigration).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    await expect(backup(target, dest)).rejects.toThrow(/already exists/);
    const db = testDialect() === 'sqlite' ? 'database.sqlite' : 'database.dump';
    expect(readdirSync(dest).sort()).toEqual([db, 'manifest.json', 'uploads']);

    // Damage: rows deleted and changed, a file lost and a stray one added.
    await opened.database.db.deleteFrom('news').execute();
    await opened.database.db.updateTable('users').set({ name: '被篡改' }).execute();
    rmSync(join(target.uploadDir, 'publicity', 'cover.png'));
    writeFileSync(join(target.uploadDir, 'stray.txt'), 'x');
    expect((await snapshot(opened.database)).news).toEqual([]);

    // The server is stopped before a restore.
    await opened.database.close();
    await restore(target, dest);
    const again = openDatabase({ url: target.url, sqlitePath: target.sqlitePath, poolSize: 1 });
    try {
      expect(await snapshot(again)).toEqual(before);
    } finally {
      await again.close();
    }
    expect(files(target.uploadDir)).toEqual(uploadsBefore);
  }, 120_000);

  it('refuses a folder that is not a backup, a backup of the other database, and a corrupt SQLite file', async () => {
    await expect(restore(target, work)).rejects.toThrow(/not a Rongtong backup/);
    const dest = join(work, 'b2');
    await backup(target, dest);
    const manifest = JSON.parse(readFileSync(join(dest, 'manifest.json'), 'utf8'));
    const other = { ...manifest, dialect: testDialect() === 'sqlite' ? 'postgres' : 'sqlite' };
    const wrong = join(work, 'wrong-dialect');
    mkdirSync(wrong);
    writeFileSync(join(wrong, 'manifest.json'), JSON.stringify(other));
    await expect(restore(target, wrong)).rejects.toThrow(/backup is of a/);

    if (testDialect() === 'sqlite') {
      const live = readFileSync(target.sqlitePath);
      const file = join(dest, 'database.sqlite');
      const bytes = readFileSync(file);
      bytes.fill(0x41, 4096, 8192 + 4096); // overwrite pages in the middle
      writeFileSync(file, bytes);
      await expect(restore(target, dest)).rejects.toThrow();
      expect(readFileSync(target.sqlitePath).equals(live)).toBe(true);
      expect(existsSync(`${target.sqlitePath}.restoring`)).toBe(false);
    }
  }, 120_000);
});
