/**
 * `npm run db:backup [-- <folder>]` writes a backup of the configured database and the uploads folder (default
 * folder backups/rongtong-<Shanghai date-time>); `npm run db:restore -- <folder> --yes` puts one back (stop the
 * server first). See server/db/backup.ts for what a backup holds and how restore stays all-or-nothing.
 */
import { join } from 'node:path';
import { utcToShanghaiParts } from '../../common/time.ts';
import { loadConfig } from '../config.ts';
import { uploadDirFor } from '../lib/attachments.ts';
import { backup, readManifest, restore, type Manifest } from './backup.ts';

const cfg = loadConfig();
const target = { url: cfg.DATABASE_URL, sqlitePath: cfg.SQLITE_PATH, uploadDir: uploadDirFor(cfg.SQLITE_PATH) };
const [command, ...rest] = process.argv.slice(2);
const args = rest.filter((a) => !a.startsWith('--'));
const total = (m: Manifest) => Object.values(m.rows).reduce((a, b) => a + b, 0);

/** YYYYMMDD-HHmmss in Beijing time. */
function stamp(d: Date): string {
  const p = utcToShanghaiParts(d);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}${two(p.month)}${two(p.day)}-${two(p.hour)}${two(p.minute)}${two(p.second)}`;
}

try {
  if (command === 'backup') {
    const dest = args[0] ?? join('backups', `rongtong-${stamp(new Date())}`);
    const m = await backup(target, dest);
    console.log(
      `Backup written to ${dest}: ${m.dialect}, ${Object.keys(m.rows).length} tables, ${total(m)} rows, last migration ${m.lastMigration}.`,
    );
  } else if (command === 'restore') {
    const src = args[0];
    if (!src) throw new Error('usage: npm run db:restore -- <backup folder> --yes');
    const m = readManifest(src);
    if (!rest.includes('--yes')) {
      console.error(
        `This replaces the configured ${m.dialect} database and the uploads folder with the backup of ${m.createdAt} ` +
          `(${total(m)} rows). Stop the server first, then run again with --yes.`,
      );
      process.exitCode = 2;
    } else {
      await restore(target, src);
      console.log(
        `Restored ${src} (${m.createdAt}, ${total(m)} rows). Start the server to apply any newer migrations.`,
      );
    }
  } else {
    throw new Error('usage: tsx server/db/backup-cli.ts backup [folder] | restore <folder> --yes');
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
}
