/**
 * Issue 12 §3: the coordinating roles around a theme day.
 *
 * - base_alliances (双创示范基地联盟): name, region, description; their member bases (base_alliance_bases) and
 *   their staff (base_alliance_staff: users, whatever organisation they belong to). NDRC keeps them.
 * - theme_day_coorganisers: a partner base or an alliance co-organising a theme day, with the parts it manages
 *   (JSON array of common/contracts/coorganisers.ts COORGANISER_PARTS); one row per theme day and party.
 * - support_delegations: a support organisation acting for the host within a scope (JSON array of
 *   DELEGATION_SCOPES) until an expiry instant (end of a day in Asia/Shanghai, stored UTC); revoked rows are kept
 *   for the record. One row per theme day and organisation (a unique key: parallel grants yield one row).
 * - audit_events.acting_for_organisation_id: the host organisation a co-organiser or delegate acted for.
 *
 * Frozen in time; no app imports.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('base_alliances')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('region_code', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('base_alliance_bases')
    .addColumn('alliance_id', 'text', (c) => c.notNull().references('base_alliances.id').onDelete('cascade'))
    .addColumn('base_id', 'text', (c) => c.notNull().references('bases.id'))
    .addPrimaryKeyConstraint('base_alliance_bases_pk', ['alliance_id', 'base_id'])
    .execute();

  await db.schema
    .createTable('base_alliance_staff')
    .addColumn('alliance_id', 'text', (c) => c.notNull().references('base_alliances.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('base_alliance_staff_pk', ['alliance_id', 'user_id'])
    .execute();
  await db.schema.createIndex('base_alliance_staff_user_idx').on('base_alliance_staff').column('user_id').execute();

  await db.schema
    .createTable('theme_day_coorganisers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('theme_day_id', 'text', (c) => c.notNull().references('theme_days.id'))
    .addColumn('party_kind', 'text', (c) => c.notNull()) // base | alliance
    .addColumn('party_id', 'text', (c) => c.notNull()) // bases.id or base_alliances.id
    .addColumn('parts', 'text', (c) => c.notNull()) // JSON CoorganiserPart[]
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('theme_day_coorganisers_uq', ['theme_day_id', 'party_kind', 'party_id'])
    .execute();

  await db.schema
    .createTable('support_delegations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('theme_day_id', 'text', (c) => c.notNull().references('theme_days.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('scopes', 'text', (c) => c.notNull()) // JSON DelegationScope[]
    .addColumn('expires_on', 'text', (c) => c.notNull()) // YYYY-MM-DD, Asia/Shanghai
    .addColumn('expires_at', 'text', (c) => c.notNull()) // end of that day, UTC ISO
    .addColumn('granted_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addColumn('revoked_by', 'text', (c) => c.references('users.id'))
    .addColumn('revoked_at', 'text')
    .addUniqueConstraint('support_delegations_uq', ['theme_day_id', 'organisation_id'])
    .execute();

  await db.schema.alterTable('audit_events').addColumn('acting_for_organisation_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_events').dropColumn('acting_for_organisation_id').execute();
  await db.schema.dropTable('support_delegations').execute();
  await db.schema.dropTable('theme_day_coorganisers').execute();
  await db.schema.dropTable('base_alliance_staff').execute();
  await db.schema.dropTable('base_alliance_bases').execute();
  await db.schema.dropTable('base_alliances').execute();
}
