/** SQL for review assignments and reviewer profiles. */
import type { Selectable } from 'kysely';
import type { MyReviewsQuery, ReviewStatus } from '../../../common/contracts/reviews.ts';
import { forUpdate, json, type Dialect, type Executor } from '../../db/index.ts';
import type { ReviewAssignmentTable } from '../../db/schema.ts';
import { toCount } from '../../lib/sql.ts';

export interface ReviewerProfile {
  id: string;
  name: string;
  /** The organisation in which the user holds department_reviewer (the first, if several). */
  organisationId: string;
  organisationName: string;
  /** 指导部门 code of that organisation (MIIT, SASAC, …). */
  department: string | null;
  /** Every organisation the user belongs to, in any role: the basis of the conflict check. */
  orgIds: string[];
}

/** Department reviewers (all, or the given users that are reviewers), with every organisation they belong to. */
export async function reviewerProfiles(db: Executor, userIds?: string[]): Promise<ReviewerProfile[]> {
  if (userIds && !userIds.length) return [];
  let q = db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select(['u.id', 'u.name', 'o.id as org_id', 'o.name as org_name', 'o.department_code'])
    .where('m.role', '=', 'department_reviewer')
    .where('u.disabled', '=', 0);
  if (userIds) q = q.where('u.id', 'in', userIds);
  const rows = await q.orderBy('m.created_at').orderBy('m.id').execute();
  if (!rows.length) return [];
  const ids = [...new Set(rows.map((r) => r.id))];
  const all = await db
    .selectFrom('memberships')
    .select(['user_id', 'organisation_id'])
    .where('user_id', 'in', ids)
    .execute();
  const profiles = new Map<string, ReviewerProfile>();
  for (const r of rows) {
    if (profiles.has(r.id)) continue;
    profiles.set(r.id, {
      id: r.id,
      name: r.name,
      organisationId: r.org_id,
      organisationName: r.org_name,
      department: r.department_code,
      orgIds: [...new Set(all.filter((m) => m.user_id === r.id).map((m) => m.organisation_id))],
    });
  }
  return [...profiles.values()];
}

/** Every organisation the user belongs to, in any role (the conflict check when scoring). */
export async function organisationIdsOf(db: Executor, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('memberships').select('organisation_id').where('user_id', '=', userId).execute();
  return [...new Set(rows.map((r) => r.organisation_id))];
}

export interface ReviewRecord {
  id: string;
  planId: string;
  reviewerUserId: string;
  reviewerOrganisationId: string;
  status: ReviewStatus;
  scores: Record<string, number>;
  comment: string | null;
  assignedAt: string;
  submittedAt: string | null;
}

export function toReviewRecord(r: Selectable<ReviewAssignmentTable>): ReviewRecord {
  return {
    id: r.id,
    planId: r.plan_id,
    reviewerUserId: r.reviewer_user_id,
    reviewerOrganisationId: r.reviewer_organisation_id,
    status: r.status,
    scores: json.parse<Record<string, number>>(r.scores, {}),
    comment: r.comment,
    assignedAt: r.assigned_at,
    submittedAt: r.submitted_at,
  };
}

export async function findReview(
  db: Executor,
  id: string,
  lock?: { dialect: Dialect },
): Promise<ReviewRecord | undefined> {
  let q = db.selectFrom('review_assignments').selectAll().where('id', '=', id);
  if (lock) q = forUpdate(q, lock.dialect);
  const row = await q.executeTakeFirst();
  return row ? toReviewRecord(row) : undefined;
}

/** A plan's reviews with reviewer name, organisation and department. */
export async function reviewsOfPlans(db: Executor, planIds: string[]) {
  if (!planIds.length) return [];
  const rows = await db
    .selectFrom('review_assignments as r')
    .innerJoin('users as u', 'u.id', 'r.reviewer_user_id')
    .leftJoin('organisations as o', 'o.id', 'r.reviewer_organisation_id')
    .selectAll('r')
    .select(['u.name as reviewer_name', 'o.name as org_name', 'o.department_code'])
    .where('r.plan_id', 'in', planIds)
    .orderBy('r.assigned_at')
    .orderBy('r.id')
    .execute();
  return rows.map((r) => ({
    ...toReviewRecord(r),
    reviewerName: r.reviewer_name,
    organisationName: r.org_name,
    department: r.department_code,
  }));
}
export type ReviewWithReviewer = Awaited<ReturnType<typeof reviewsOfPlans>>[number];

/** The review `userId` holds on the plan, locked (PostgreSQL) so that its status check and the change agree. */
export async function findReviewOf(
  db: Executor,
  planId: string,
  userId: string,
  lock?: { dialect: Dialect },
): Promise<ReviewRecord | undefined> {
  let q = db
    .selectFrom('review_assignments')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('reviewer_user_id', '=', userId);
  if (lock) q = forUpdate(q, lock.dialect);
  const row = await q.executeTakeFirst();
  return row ? toReviewRecord(row) : undefined;
}

/** Every (plan, reviewer) assignment in a programme. */
export async function assignmentsInProgramme(db: Executor, programmeId: string) {
  return db
    .selectFrom('review_assignments as r')
    .innerJoin('preliminary_plans as pp', 'pp.id', 'r.plan_id')
    .select(['r.plan_id', 'r.reviewer_user_id'])
    .where('pp.programme_id', '=', programmeId)
    .execute();
}

/** True when every review of the plan is submitted. */
export async function allReviewsSubmitted(db: Executor, planId: string): Promise<boolean> {
  const pending = await db
    .selectFrom('review_assignments')
    .select('id')
    .where('plan_id', '=', planId)
    .where('status', '!=', 'submitted')
    .executeTakeFirst();
  return !pending;
}

/** A page of the reviewer's own assignments: (review id, plan id) in the asked order. */
export async function listMyReviews(db: Executor, userId: string, f: MyReviewsQuery) {
  let q = db
    .selectFrom('review_assignments as r')
    .innerJoin('preliminary_plans as pp', 'pp.id', 'r.plan_id')
    .where('r.reviewer_user_id', '=', userId);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.programmeId) q = q.where('pp.programme_id', '=', f.programmeId);
  const col = { assignedAt: 'r.assigned_at', submittedAt: 'r.submitted_at', status: 'r.status' } as const;
  const [rows, total] = await Promise.all([
    q
      .select(['r.id', 'r.plan_id'])
      .orderBy(col[f.sort], f.order)
      .orderBy('r.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows, total: toCount(total) };
}
