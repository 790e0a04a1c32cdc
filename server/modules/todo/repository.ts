/** SQL of the to-do list: the workflow records that await someone. */
import type { Executor } from '../../db/index.ts';

/** Reviews assigned to the user in the organisation and not yet submitted, of plans still under review. */
export function pendingReviews(db: Executor, userId: string, organisationId: string) {
  return db
    .selectFrom('review_assignments as r')
    .innerJoin('preliminary_plans as pl', 'pl.id', 'r.plan_id')
    .innerJoin('bases as b', 'b.id', 'pl.base_id')
    .innerJoin('programmes as p', 'p.id', 'pl.programme_id')
    .select(['r.id', 'b.short_name', 'b.name', 'p.year', 'pl.title'])
    .where('r.reviewer_user_id', '=', userId)
    .where('r.reviewer_organisation_id', '=', organisationId)
    .where('r.status', '=', 'assigned')
    .where('pl.status', '=', 'submitted')
    .execute();
}

/** The bases an organisation runs. */
export function basesRunBy(db: Executor, organisationId: string) {
  return db
    .selectFrom('bases')
    .select(['id', 'name', 'short_name', 'kind'])
    .where('organisation_id', '=', organisationId)
    .execute();
}

/** Programmes whose call for preliminary plans is open. */
export function openProgrammes(db: Executor) {
  return db.selectFrom('programmes').select(['id', 'year', 'rules']).where('status', '=', 'open').execute();
}

/** The preliminary plans of these bases (any programme, any status). */
export function plansOfBases(db: Executor, baseIds: string[]) {
  return db
    .selectFrom('preliminary_plans')
    .select(['id', 'programme_id', 'base_id', 'status', 'return_reason'])
    .where('base_id', 'in', baseIds)
    .execute();
}

/** Submitted preliminary plans with how many reviews are assigned and how many are submitted. */
export function submittedPlansWithReviewCounts(db: Executor) {
  return db
    .selectFrom('preliminary_plans as pl')
    .innerJoin('bases as b', 'b.id', 'pl.base_id')
    .innerJoin('programmes as p', 'p.id', 'pl.programme_id')
    .leftJoin('review_assignments as r', 'r.plan_id', 'pl.id')
    .select((eb) => [
      'pl.id',
      'pl.title',
      'b.short_name',
      'b.name',
      'p.year',
      eb.fn.count<number>('r.id').as('assigned'),
      eb.fn.count<number>(eb.case().when('r.status', '=', 'submitted').then(eb.ref('r.id')).end()).as('done'),
    ])
    .where('pl.status', '=', 'submitted')
    .groupBy(['pl.id', 'pl.title', 'b.short_name', 'b.name', 'p.year'])
    .execute();
}

/** Activity plans submitted and awaiting NDRC's decision, with their theme day's start and host. */
export function submittedActivityPlans(db: Executor) {
  return db
    .selectFrom('activity_plans as a')
    .innerJoin('theme_days as t', 't.id', 'a.theme_day_id')
    .innerJoin('bases as b', 'b.id', 't.base_id')
    .select(['a.id', 'a.title', 't.id as theme_day_id', 't.start_date', 'b.short_name'])
    .where('a.status', '=', 'submitted')
    .execute();
}
