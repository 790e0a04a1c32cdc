/**
 * 基地简称 is unique: it stands in every plan title ("XXX（示范基地简称）融通创新主题日活动方案",
 * 发改办高技〔2020〕417号 三（三）), so two bases with one short name would file indistinguishable plans.
 * A unique index (rather than an application check) also holds when two administrators save at once.
 *
 * Frozen in time; no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('bases_short_name_uq').on('bases').column('short_name').unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('bases_short_name_uq').ifExists().execute();
}
