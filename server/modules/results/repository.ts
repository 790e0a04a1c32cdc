/**
 * SQL of the results (科技成果), their organisations' confidentiality-reviewer designations and the
 * applications to take part. Every function takes the executor (root handle or transaction) first.
 */
import type { Executor } from '../../db/index.ts';
import type { ConfidentialityReviewerTable, ResultApplicationTable, ResultTable } from '../../db/schema.ts';
import {
  normaliseField,
  type ApplicationListQuery,
  type ResultListQuery,
  type ResultStatus,
} from '../../../common/contracts/results.ts';
import { containsText, toCount } from '../../lib/sql.ts';

export type ResultRow = ResultTable;
export type ReviewerRow = ConfidentialityReviewerTable;
export type ApplicationRow = ResultApplicationTable;

/** Matches nothing: the lists of a caller who acts for no organisation / reviews for none. */
const NONE = '__none__';

// ----- results --------------------------------------------------------------------------------------------

export async function getResult(db: Executor, id: string): Promise<ResultRow | undefined> {
  return db.selectFrom('results').selectAll().where('id', '=', id).executeTakeFirst();
}

const SORT = { publishedAt: 'r.published_at', createdAt: 'r.created_at', title: 'r.title', trl: 'r.trl' } as const;

/**
 * A page of results. `box=mine`: the organisation `scope.mineOf` in every status (null: nothing);
 * `box=review`: the organisations `scope.reviewerOf` (those whose reviewer the caller is) in `status`
 * (default in review); otherwise the public ones.
 */
export async function listResults(
  db: Executor,
  q: ResultListQuery,
  scope: { mineOf: string | null; reviewerOf: readonly string[] },
): Promise<{ items: ResultRow[]; total: number }> {
  let qb = db.selectFrom('results as r').innerJoin('organisations as o', 'o.id', 'r.organisation_id');
  if (q.box === 'mine') {
    qb = qb.where('r.organisation_id', '=', scope.mineOf ?? NONE);
    if (q.status) qb = qb.where('r.status', '=', q.status);
  } else if (q.box === 'review') {
    qb = qb
      .where('r.organisation_id', 'in', scope.reviewerOf.length ? [...scope.reviewerOf] : [NONE])
      .where('r.status', '=', q.status ?? 'in_review');
  } else {
    qb = qb.where('r.status', '=', 'public');
  }
  if (q.q) {
    const text = q.q;
    qb = qb.where((eb) => eb.or([containsText('r.title', text), containsText('r.description', text)]));
  }
  if (q.fieldCode) qb = qb.where('r.field_code', '=', normaliseField(q.fieldCode));
  if (q.transferMode) qb = qb.where('r.transfer_mode', '=', q.transferMode);
  if (q.trlMin) qb = qb.where('r.trl', '>=', q.trlMin);
  if (q.trlMax) qb = qb.where('r.trl', '<=', q.trlMax);
  if (q.themeDayId) qb = qb.where('r.theme_day_id', '=', q.themeDayId);
  if (q.organisationId) qb = qb.where('r.organisation_id', '=', q.organisationId);
  if (q.region) qb = qb.where('o.region_code', 'like', `${q.region}%`);
  const [items, total] = await Promise.all([
    qb
      .selectAll('r')
      .orderBy(SORT[q.sort], q.order)
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: toCount(total) };
}

export async function insertResult(db: Executor, row: ResultRow): Promise<void> {
  await db.insertInto('results').values(row).execute();
}

export async function updateResultRow(db: Executor, id: string, changes: Partial<ResultRow>): Promise<void> {
  await db.updateTable('results').set(changes).where('id', '=', id).execute();
}

/** Applies `changes` only while the result is still in `from`; false when its status had moved on. */
export async function updateResultIf(
  db: Executor,
  id: string,
  from: ResultStatus,
  changes: Partial<ResultRow>,
): Promise<boolean> {
  const n = await db
    .updateTable('results')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(n.numUpdatedRows) === 1;
}

// ----- confidentiality reviewers --------------------------------------------------------------------------

export async function isReviewerOf(db: Executor, userId: string | undefined, organisationId: string): Promise<boolean> {
  if (!userId) return false;
  const r = await db
    .selectFrom('confidentiality_reviewers')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return !!r;
}

/** The organisations whose designated confidentiality reviewer the user is. */
export async function reviewerOrganisationIds(db: Executor, userId: string): Promise<string[]> {
  return (
    await db.selectFrom('confidentiality_reviewers').select('organisation_id').where('user_id', '=', userId).execute()
  ).map((x) => x.organisation_id);
}

/** The users designated as the organisation's confidentiality reviewers. */
export async function reviewerUserIds(db: Executor, organisationId: string): Promise<string[]> {
  return (
    await db
      .selectFrom('confidentiality_reviewers')
      .select('user_id')
      .where('organisation_id', '=', organisationId)
      .execute()
  ).map((x) => x.user_id);
}

export type ReviewerWithName = Pick<ReviewerRow, 'id' | 'organisation_id' | 'user_id' | 'created_at'> & {
  name: string;
};

export async function listReviewers(db: Executor, organisationId: string): Promise<ReviewerWithName[]> {
  return db
    .selectFrom('confidentiality_reviewers as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .select(['c.id', 'c.organisation_id', 'c.user_id', 'u.name', 'c.created_at'])
    .where('c.organisation_id', '=', organisationId)
    .orderBy('c.created_at')
    .execute();
}

/** Enabled people of the organisation (any role), by name; a person with several memberships comes once per membership. */
export async function memberCandidates(
  db: Executor,
  organisationId: string,
): Promise<{ id: string; name: string; role: string }[]> {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.name', 'm.role'])
    .where('m.organisation_id', '=', organisationId)
    .where('u.disabled', '=', 0)
    .orderBy('u.name')
    .orderBy('m.id')
    .execute();
}

/** The user, when they belong to the organisation. */
export async function memberOf(
  db: Executor,
  organisationId: string,
  userId: string,
): Promise<{ id: string; name: string } | undefined> {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.name'])
    .where('m.organisation_id', '=', organisationId)
    .where('m.user_id', '=', userId)
    .executeTakeFirst();
}

export async function getReviewer(db: Executor, id: string): Promise<ReviewerRow | undefined> {
  return db.selectFrom('confidentiality_reviewers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertReviewer(db: Executor, row: ReviewerRow): Promise<void> {
  await db.insertInto('confidentiality_reviewers').values(row).execute();
}

export async function deleteReviewer(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('confidentiality_reviewers').where('id', '=', id).execute();
}

// ----- applications to take part --------------------------------------------------------------------------

/** An application with its result's title and organisation and the applicant's name. */
export type ApplicationJoined = ApplicationRow & { result_title: string; result_org_id: string; user_name: string };

function applicationQuery(db: Executor) {
  return db
    .selectFrom('result_applications as a')
    .innerJoin('results as r', 'r.id', 'a.result_id')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .selectAll('a')
    .select(['r.title as result_title', 'r.organisation_id as result_org_id', 'u.name as user_name']);
}

export async function getApplication(db: Executor, id: string): Promise<ApplicationJoined | undefined> {
  return applicationQuery(db).where('a.id', '=', id).executeTakeFirst();
}

/** All applications of one organisation (null: none): `mine` — those it made; `received` — those for its results. */
export async function listApplications(
  db: Executor,
  q: ApplicationListQuery,
  organisationId: string | null,
): Promise<ApplicationJoined[]> {
  let qb = applicationQuery(db).where(
    q.box === 'mine' ? 'a.organisation_id' : 'r.organisation_id',
    '=',
    organisationId ?? NONE,
  );
  if (q.resultId) qb = qb.where('a.result_id', '=', q.resultId);
  if (q.status) qb = qb.where('a.status', '=', q.status);
  return qb.orderBy('a.created_at', q.order).orderBy('a.id').execute();
}

export async function insertApplication(db: Executor, row: ApplicationRow): Promise<void> {
  await db.insertInto('result_applications').values(row).execute();
}

export async function updateApplicationRow(db: Executor, id: string, changes: Partial<ApplicationRow>): Promise<void> {
  await db.updateTable('result_applications').set(changes).where('id', '=', id).execute();
}
