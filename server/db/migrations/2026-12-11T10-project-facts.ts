/**
 * Issue 10 (bench/outcomes): per-project facts for the numbers (stats.ts), kept on the project row so the NDRC
 * overview reads one narrow row per project instead of summing 46k party rows and 100k follow-up rows per request.
 *
 * - `fact_*` columns: what the stats need from a project's parties and follow-ups (see repository.ts
 *   `refreshStaleFacts`, which computes them): party count, size-class masks (at signing / the organisations'
 *   class today), the lead party's region code, per follow-up point [rows, stable answers of parties] as JSON,
 *   the due dates of unanswered follow-ups as JSON (overdue depends on "today", counted in code), the party
 *   organisations' ids sorted as JSON (the pairs for the repeat-cooperation rate).
 * - `stale_seq` / `facts_seq`: the facts are current when they are equal. Database triggers bump `stale_seq`
 *   whenever a row the facts depend on changes (follow-ups, parties, an organisation's size class or region),
 *   whoever writes it (service code, demo seeders, tests writing SQL, merges, organisation edits). New projects
 *   start stale (defaults 0 / 1, and an insert that copies equal values is made stale too). A change of one of
 *   the project's own columns the numbers read (OWN_COLS) marks it stale as well: `facts_seq` is then the
 *   version of everything the numbers read of the project, which lets the app keep the parsed rows in memory
 *   and re-read only the changed ones. Writing the facts touches none of OWN_COLS (no recursion).
 * - a partial index on the stale rows, so finding them costs nothing when there are none.
 *
 * Frozen in time; no app imports.
 */
import { SqliteAdapter, sql, type Kysely } from 'kysely';

const FACTS: [string, 'integer' | 'text', string | number | null][] = [
  ['facts_seq', 'integer', 0],
  ['stale_seq', 'integer', 1],
  ['fact_parties', 'integer', 0],
  ['fact_signed_mask', 'integer', 0],
  ['fact_current_mask', 'integer', 0],
  ['fact_lead_region', 'text', null],
  ['fact_points', 'text', '{}'],
  ['fact_open_dues', 'text', '[]'],
  ['fact_orgs', 'text', '[]'],
];

/** The columns of a row a fact depends on (an update touching none of them leaves the facts current). */
const FOLLOW_UP_COLS = 'project_id, organisation_id, point_months, status, due_date';
const PARTY_COLS = 'id, project_id, organisation_id, role, size_class, created_at';
const OWN_COLS = [
  'id',
  'theme_day_id',
  'type',
  'stage',
  'content_areas',
  'intended_amount',
  'contracted_amount',
  'received_amount',
  'jobs_created',
  'signed_on',
  'intent_on',
  'created_at',
  'merged_into_id',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  for (const [name, type, dflt] of FACTS)
    await db.schema
      .alterTable('cooperation_projects')
      .addColumn(name, type, (c) => (dflt === null ? c : c.notNull().defaultTo(dflt)))
      .execute();
  await sql`create index cooperation_projects_stale_facts_idx on cooperation_projects (id) where stale_seq <> facts_seq`.execute(
    db,
  );
  // The numbers read (created_at, id, facts_seq) of every live project in order: from the index alone.
  await sql`create index cooperation_projects_live_facts_idx on cooperation_projects (created_at, id, facts_seq) where merged_into_id is null`.execute(
    db,
  );
  // The overdue follow-ups (NDRC's list): unanswered ones by due date, without visiting the answered ones.
  await sql`create index project_follow_ups_open_due_idx on project_follow_ups (due_date, id) where status is null`.execute(
    db,
  );
  const bump = (ref: string) =>
    `update cooperation_projects set stale_seq = stale_seq + 1 where id = ${ref}.project_id;`;
  if (sqlite) {
    for (const [table, cols] of [
      ['project_follow_ups', FOLLOW_UP_COLS],
      ['project_parties', PARTY_COLS],
    ] as const) {
      await sql.raw(`create trigger ${table}_facts_ins after insert on ${table} begin ${bump('new')} end`).execute(db);
      await sql
        .raw(
          `create trigger ${table}_facts_upd after update of ${cols} on ${table} begin ${bump('new')} ` +
            `update cooperation_projects set stale_seq = stale_seq + 1 where id = old.project_id and old.project_id is not new.project_id; end`,
        )
        .execute(db);
      await sql.raw(`create trigger ${table}_facts_del after delete on ${table} begin ${bump('old')} end`).execute(db);
    }
    await sql
      .raw(
        `create trigger organisations_project_facts after update of size_class, region_code on organisations ` +
          `when old.size_class is not new.size_class or old.region_code is not new.region_code begin ` +
          `update cooperation_projects set stale_seq = stale_seq + 1 where id in (select project_id from project_parties where organisation_id = new.id); end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger cooperation_projects_facts_new after insert on cooperation_projects ` +
          `when new.stale_seq = new.facts_seq begin update cooperation_projects set stale_seq = facts_seq + 1 where id = new.id; end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger cooperation_projects_facts_own after update of ${OWN_COLS.join(', ')} on cooperation_projects ` +
          `when ${OWN_COLS.map((c) => `old.${c} is not new.${c}`).join(' or ')} begin ` +
          `update cooperation_projects set stale_seq = stale_seq + 1 where id = new.id; end`,
      )
      .execute(db);
    return;
  }
  await sql
    .raw(
      `create function cooperation_project_facts_stale() returns trigger language plpgsql as $$
begin
  if tg_op <> 'DELETE' then ${bump('new')} end if;
  if tg_op = 'DELETE' or old.project_id is distinct from new.project_id then ${bump('old')} end if;
  return null;
end $$`,
    )
    .execute(db);
  for (const [table, cols] of [
    ['project_follow_ups', FOLLOW_UP_COLS],
    ['project_parties', PARTY_COLS],
  ] as const)
    await sql
      .raw(
        `create trigger ${table}_facts after insert or delete or update of ${cols} on ${table} ` +
          `for each row execute function cooperation_project_facts_stale()`,
      )
      .execute(db);
  await sql
    .raw(
      `create function organisation_project_facts_stale() returns trigger language plpgsql as $$
begin
  if old.size_class is distinct from new.size_class or old.region_code is distinct from new.region_code then
    update cooperation_projects set stale_seq = stale_seq + 1
      where id in (select project_id from project_parties where organisation_id = new.id);
  end if;
  return null;
end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger organisations_project_facts after update of size_class, region_code on organisations ` +
        `for each row execute function organisation_project_facts_stale()`,
    )
    .execute(db);
  await sql
    .raw(
      `create function cooperation_project_facts_new() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    if new.stale_seq = new.facts_seq then new.stale_seq := new.facts_seq + 1; end if;
  elsif (${OWN_COLS.map((c) => `old.${c}`).join(', ')}) is distinct from (${OWN_COLS.map((c) => `new.${c}`).join(', ')}) then
    new.stale_seq := new.stale_seq + 1;
  end if;
  return new;
end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger cooperation_projects_facts_new before insert or update of ${OWN_COLS.join(', ')} on cooperation_projects ` +
        `for each row execute function cooperation_project_facts_new()`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  if (sqlite) {
    for (const t of [
      'project_follow_ups_facts_ins',
      'project_follow_ups_facts_upd',
      'project_follow_ups_facts_del',
      'project_parties_facts_ins',
      'project_parties_facts_upd',
      'project_parties_facts_del',
      'organisations_project_facts',
      'cooperation_projects_facts_new',
      'cooperation_projects_facts_own',
    ])
      await sql.raw(`drop trigger if exists ${t}`).execute(db);
  } else {
    await sql.raw('drop trigger if exists project_follow_ups_facts on project_follow_ups').execute(db);
    await sql.raw('drop trigger if exists project_parties_facts on project_parties').execute(db);
    await sql.raw('drop trigger if exists organisations_project_facts on organisations').execute(db);
    await sql.raw('drop trigger if exists cooperation_projects_facts_new on cooperation_projects').execute(db);
    await sql.raw('drop function if exists cooperation_project_facts_stale()').execute(db);
    await sql.raw('drop function if exists organisation_project_facts_stale()').execute(db);
    await sql.raw('drop function if exists cooperation_project_facts_new()').execute(db);
  }
  await db.schema.dropIndex('project_follow_ups_open_due_idx').ifExists().execute();
  await db.schema.dropIndex('cooperation_projects_live_facts_idx').ifExists().execute();
  await db.schema.dropIndex('cooperation_projects_stale_facts_idx').ifExists().execute();
  for (const [name] of [...FACTS].reverse())
    await db.schema.alterTable('cooperation_projects').dropColumn(name).execute();
}
