/** SQL for activity plans. Every function takes the root handle or an open transaction first. */
import type { Selectable } from 'kysely';
import { forUpdate, type Dialect, type Executor } from '../../db/index.ts';
import type { ActivityPlanTable } from '../../db/schema.ts';

/** A stored activity plan, exactly as the table holds it. */
export type ActivityPlanRow = Selectable<ActivityPlanTable>;

export async function getActivityPlanRow(db: Executor, themeDayId: string): Promise<ActivityPlanRow | undefined> {
  return db.selectFrom('activity_plans').selectAll().where('theme_day_id', '=', themeDayId).executeTakeFirst();
}

/** The theme day's activity plan with a row lock (PostgreSQL), so a command's check and write see the same row. */
export async function lockActivityPlan(
  db: Executor,
  dialect: Dialect,
  themeDayId: string,
): Promise<ActivityPlanRow | undefined> {
  return forUpdate(
    db.selectFrom('activity_plans').selectAll().where('theme_day_id', '=', themeDayId),
    dialect,
  ).executeTakeFirst();
}

/** The content areas and epidemic measures of the preliminary plan a theme day came from (the skeleton's source). */
export async function preliminaryPlanContent(db: Executor, planId: string) {
  return db
    .selectFrom('preliminary_plans')
    .select(['areas', 'epidemic_measures'])
    .where('id', '=', planId)
    .executeTakeFirst();
}

/** The given organisations' kind and whether anyone holds the support_org role in them. */
export async function supportOrganisationFacts(db: Executor, ids: string[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('organisations as o')
    .select(['o.id', 'o.kind'])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('memberships as m')
            .select('m.id')
            .whereRef('m.organisation_id', '=', 'o.id')
            .where('m.role', '=', 'support_org'),
        )
        .as('has_support_role'),
    )
    .where('o.id', 'in', ids)
    .execute();
}

/** An organisation's registered name (the 落款 of the exported plan is the host base's organisation). */
export async function organisationName(db: Executor, id: string): Promise<string | undefined> {
  const r = await db.selectFrom('organisations').select('name').where('id', '=', id).executeTakeFirst();
  return r?.name;
}
