/**
 * Migrations: frozen files in ./migrations, named by ISO date, applied in name order at start and by
 * `npm run db:migrate`. Files are discovered from the folder so adding one needs no registry edit.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inspect } from 'node:util';
import { Migrator, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

class FolderProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    const files = readdirSync(dir)
      .filter((f) => /\.ts$/.test(f) && !f.endsWith('.test.ts'))
      .sort();
    for (const f of files) {
      const mod = (await import(pathToFileURL(join(dir, f)).href)) as Migration;
      out[f.replace(/\.ts$/, '')] = mod;
    }
    return out;
  }
}

/** Works on a database of any schema (the migrations create it), hence the free type parameter. */
export function migrator<DB>(db: Kysely<DB>): Migrator {
  return new Migrator({
    db,
    provider: new FolderProvider(),
    migrationTableName: 'kysely_migration',
    migrationLockTableName: 'kysely_migration_lock',
  });
}

/** Applies all pending migrations; throws on the first failure (the caller exits non-zero). */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<MigrationResultSet> {
  const res = await migrator(db).migrateToLatest();
  if (res.error) {
    const failed = res.results?.find((r) => r.status === 'Error');
    // Kysely types the error as unknown; a thrown non-Error would otherwise read "[object Object]".
    const reason = res.error instanceof Error ? String(res.error) : inspect(res.error);
    throw new Error(`Migration ${failed?.migrationName ?? '?'} failed: ${reason}`, { cause: res.error });
  }
  return res;
}

/** Names of applied and pending migrations, for /api/health. */
export async function migrationState<DB>(db: Kysely<DB>): Promise<{ applied: string[]; pending: string[] }> {
  const all = await migrator(db).getMigrations();
  return {
    applied: all.filter((m) => m.executedAt).map((m) => m.name),
    pending: all.filter((m) => !m.executedAt).map((m) => m.name),
  };
}
