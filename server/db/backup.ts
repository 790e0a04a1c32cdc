/**
 * Backup and restore of a Rongtong installation: the database and the uploaded files (attachments, images).
 *
 * A backup is a folder:
 *   manifest.json     what it holds: dialect, time, the last migration applied, the row counts per table
 *   database.sqlite   SQLite: an online backup (better-sqlite3's backup API, consistent while the server runs)
 *   database.dump     PostgreSQL: `pg_dump --format=custom` (consistent snapshot while the server runs)
 *   uploads/          a copy of the uploads folder
 *
 * Restore needs the server stopped. SQLite: the backup is checked (integrity_check, same migrations table) and
 * copied next to the live file, then renamed over it, so a failure leaves the old database untouched.
 * PostgreSQL: `pg_restore --clean --if-exists --single-transaction`, all or nothing. The uploads folder is
 * replaced the same way (copy beside, then swap).
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { openDatabase, type Database, type Dialect } from './index.ts';

export interface BackupTarget {
  /** postgres://… for PostgreSQL; otherwise SQLite at sqlitePath. */
  url?: string | undefined;
  sqlitePath: string;
  uploadDir: string;
}

export interface Manifest {
  format: 'rongtong-backup/1';
  dialect: Dialect;
  createdAt: string;
  lastMigration: string | null;
  rows: Record<string, number>;
}

const isPostgres = (t: BackupTarget): t is BackupTarget & { url: string } =>
  !!t.url && /^postgres(ql)?:\/\//.test(t.url);

/** Table names and their row counts, excluding the migrator's lock table. */
export async function rowCounts(database: Database): Promise<Record<string, number>> {
  const tables =
    database.dialect === 'postgres'
      ? (
          await sql<{ name: string }>`select table_name as name from information_schema.tables
            where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(database.db)
        ).rows
      : (
          await sql<{ name: string }>`select name from sqlite_master
            where type = 'table' and name not like 'sqlite_%'`.execute(database.db)
        ).rows;
  const out: Record<string, number> = {};
  for (const { name } of tables.sort((a, b) => a.name.localeCompare(b.name))) {
    if (name === 'kysely_migration_lock') continue;
    // Identifiers cannot be bound; these names come from the database's own catalogue, never from input.
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(name)}`.execute(database.db);
    out[name] = Number(r.rows[0]!.n);
  }
  return out;
}

async function lastMigration(database: Database): Promise<string | null> {
  const r = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(
    database.db,
  );
  return r.rows[0]?.name ?? null;
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => reject(new Error(`${cmd}: ${e.message}`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code}: ${err}`))));
  });
}

/** Writes a backup of `target` into the folder `dest` (created; must not exist yet). */
export async function backup(target: BackupTarget, dest: string): Promise<Manifest> {
  if (existsSync(dest)) throw new Error(`${dest} already exists; choose a new folder for the backup`);
  mkdirSync(dest, { recursive: true });
  const database = openDatabase({ url: target.url, sqlitePath: target.sqlitePath, poolSize: 1 });
  try {
    const manifest: Manifest = {
      format: 'rongtong-backup/1',
      dialect: database.dialect,
      createdAt: new Date().toISOString(),
      lastMigration: await lastMigration(database),
      rows: await rowCounts(database),
    };
    if (isPostgres(target)) {
      await run('pg_dump', [
        '--format=custom',
        '--no-owner',
        '--no-privileges',
        '-f',
        join(dest, 'database.dump'),
        target.url,
      ]);
    } else {
      const src = new SQLite(target.sqlitePath, { readonly: true, fileMustExist: true });
      try {
        await src.backup(join(dest, 'database.sqlite'));
      } finally {
        src.close();
      }
      // One self-contained file (the copy inherits WAL mode, which would leave -wal/-shm files beside it when read).
      const copy = new SQLite(join(dest, 'database.sqlite'));
      copy.pragma('journal_mode = DELETE');
      copy.close();
    }
    if (existsSync(target.uploadDir)) cpSync(target.uploadDir, join(dest, 'uploads'), { recursive: true });
    else mkdirSync(join(dest, 'uploads'));
    writeFileSync(join(dest, 'manifest.json'), JSON.stringify(manifest, null, 2));
    return manifest;
  } catch (e) {
    rmSync(dest, { recursive: true, force: true });
    throw e;
  } finally {
    await database.close();
  }
}

export function readManifest(src: string): Manifest {
  const file = join(src, 'manifest.json');
  if (!existsSync(file)) throw new Error(`${src} is not a Rongtong backup (no manifest.json)`);
  const m = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  if (m.format !== 'rongtong-backup/1') throw new Error(`${src}: unknown backup format ${String(m.format)}`);
  return m;
}

/** Replaces `target`'s database and uploads with the backup in `src`. The server must be stopped. */
export async function restore(target: BackupTarget, src: string): Promise<Manifest> {
  const m = readManifest(src);
  const dialect: Dialect = isPostgres(target) ? 'postgres' : 'sqlite';
  if (m.dialect !== dialect)
    throw new Error(`the backup is of a ${m.dialect} database; the configured database is ${dialect}`);
  if (isPostgres(target)) {
    await run('pg_restore', [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--no-privileges',
      '--single-transaction',
      '--exit-on-error',
      '-d',
      target.url,
      join(src, 'database.dump'),
    ]);
  } else {
    const file = join(src, 'database.sqlite');
    const check = new SQLite(file, { readonly: true, fileMustExist: true });
    try {
      const ok = check.pragma('integrity_check', { simple: true });
      if (ok !== 'ok') throw new Error(`${file} failed the integrity check: ${String(ok)}`);
    } finally {
      check.close();
    }
    mkdirSync(dirname(target.sqlitePath), { recursive: true });
    const staged = `${target.sqlitePath}.restoring`;
    cpSync(file, staged);
    for (const suffix of ['-wal', '-shm']) rmSync(target.sqlitePath + suffix, { force: true });
    renameSync(staged, target.sqlitePath);
  }
  const stagedUploads = `${target.uploadDir}.restoring`;
  rmSync(stagedUploads, { recursive: true, force: true });
  cpSync(join(src, 'uploads'), stagedUploads, { recursive: true });
  rmSync(target.uploadDir, { recursive: true, force: true });
  renameSync(stagedUploads, target.uploadDir);
  return m;
}
