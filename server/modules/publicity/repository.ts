/**
 * SQL of publicity: images, news delegations, news, success cases and their consents, benchmark enterprises,
 * nominations. Every function takes `db | trx` first.
 */
import type { Selectable } from 'kysely';
import type {
  BenchmarkEnterpriseTable,
  NewsTable,
  NominationTable,
  PublicityImageTable,
  SuccessCaseConsentTable,
  SuccessCaseTable,
} from '../../db/schema.ts';
import type { Executor } from '../../db/index.ts';
import { PUBLIC_IMAGE_PATH, type NewsStatus } from '../../../common/contracts/publicity.ts';
import { newId } from '../../lib/ids.ts';

export type ImageRow = Selectable<PublicityImageTable>;
export type NewsRow = Selectable<NewsTable>;
export type CaseRow = Selectable<SuccessCaseTable>;
export type ConsentRow = Selectable<SuccessCaseConsentTable>;
export type BenchmarkRow = Selectable<BenchmarkEnterpriseTable>;
export type NominationRow = Selectable<NominationTable>;

const num = <T extends { size?: number; year?: number }>(r: T): T => ({
  ...r,
  ...(r.size !== undefined ? { size: Number(r.size) } : {}),
  ...(r.year !== undefined ? { year: Number(r.year) } : {}),
});

const count = (r: { n: number | string | bigint } | undefined): number => Number(r?.n ?? 0);

// ----- images ---------------------------------------------------------------------------------------------------

export async function insertImage(db: Executor, row: ImageRow): Promise<void> {
  await db.insertInto('publicity_images').values(row).execute();
}

export async function imagesByIds(db: Executor, ids: Iterable<string>): Promise<Map<string, ImageRow>> {
  const list = [...new Set(ids)];
  if (!list.length) return new Map();
  const rows = await db.selectFrom('publicity_images').selectAll().where('id', 'in', list).execute();
  return new Map(rows.map((r) => [r.id, num(r)]));
}

// ----- delegations ------------------------------------------------------------------------------------------------

export async function delegatesOf(db: Executor, themeDayId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('news_delegations')
    .select('organisation_id')
    .where('theme_day_id', '=', themeDayId)
    .orderBy('created_at')
    .orderBy('organisation_id')
    .execute();
  return rows.map((r) => r.organisation_id);
}

export async function replaceDelegates(
  db: Executor,
  themeDayId: string,
  organisationIds: string[],
  by: string,
  at: string,
): Promise<void> {
  await db.deleteFrom('news_delegations').where('theme_day_id', '=', themeDayId).execute();
  if (organisationIds.length)
    await db
      .insertInto('news_delegations')
      .values(
        organisationIds.map((o) => ({
          id: newId(),
          theme_day_id: themeDayId,
          organisation_id: o,
          created_by: by,
          created_at: at,
        })),
      )
      .execute();
}

// ----- news -------------------------------------------------------------------------------------------------------

export async function getNews(db: Executor, id: string): Promise<NewsRow | undefined> {
  return db.selectFrom('news').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertNews(db: Executor, row: NewsRow): Promise<void> {
  await db.insertInto('news').values(row).execute();
}

/** Updates only while the status is still `from` (two concurrent moves: one wins); true when updated. */
export async function updateNewsFrom(
  db: Executor,
  id: string,
  from: NewsStatus,
  changes: Partial<NewsRow>,
): Promise<boolean> {
  const r = await db
    .updateTable('news')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Candidate rows for the management list (the caller's visibility is applied after). */
export async function findNews(db: Executor, q: { themeDayId?: string; status?: NewsStatus }): Promise<NewsRow[]> {
  let qb = db.selectFrom('news').selectAll();
  if (q.themeDayId) qb = qb.where('theme_day_id', '=', q.themeDayId);
  if (q.status) qb = qb.where('status', '=', q.status);
  return qb.orderBy('updated_at', 'desc').orderBy('id').execute();
}

/** One page of published news, newest first. */
export async function publishedNews(
  db: Executor,
  q: { themeDayId?: string; offset: number; limit: number },
): Promise<{ rows: NewsRow[]; total: number }> {
  let base = db.selectFrom('news').where('status', '=', 'published');
  if (q.themeDayId) base = base.where('theme_day_id', '=', q.themeDayId);
  const total = count(await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst());
  const rows = await base
    .selectAll()
    .orderBy('published_at', 'desc')
    .orderBy('id')
    .offset(q.offset)
    .limit(q.limit)
    .execute();
  return { rows, total };
}

/**
 * The news and success cases (any status) that show an image: as a cover, embedded in a body, or as a photo. The
 * id is only ever one of our own (a UUID, checked by the caller), so the LIKE patterns match exactly that id.
 */
export async function imageUses(db: Executor, id: string): Promise<{ news: NewsRow[]; cases: CaseRow[] }> {
  const news = await db
    .selectFrom('news')
    .selectAll()
    .where((eb) => eb.or([eb('cover_image_id', '=', id), eb('body', 'like', `%${PUBLIC_IMAGE_PATH}${id}%`)]))
    .execute();
  const cases = await db.selectFrom('success_cases').selectAll().where('photo_ids', 'like', `%"${id}"%`).execute();
  return { news, cases };
}

// ----- success cases ------------------------------------------------------------------------------------------------

export async function getCase(db: Executor, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('success_cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function caseOfProject(db: Executor, projectId: string): Promise<CaseRow | undefined> {
  return db.selectFrom('success_cases').selectAll().where('project_id', '=', projectId).executeTakeFirst();
}

/** Inserts the case unless the project has one already; true when this call inserted it. */
export async function insertCaseOnce(db: Executor, row: CaseRow): Promise<boolean> {
  const r = await db
    .insertInto('success_cases')
    .values(row)
    .onConflict((oc) => oc.column('project_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return !!r;
}

export async function updateCase(db: Executor, id: string, changes: Partial<CaseRow>): Promise<void> {
  await db.updateTable('success_cases').set(changes).where('id', '=', id).execute();
}

export async function findCases(db: Executor): Promise<CaseRow[]> {
  return db.selectFrom('success_cases').selectAll().orderBy('updated_at', 'desc').orderBy('id').execute();
}

export async function publishedCases(
  db: Executor,
  q: { themeDayId?: string; offset: number; limit: number },
): Promise<{ rows: CaseRow[]; total: number }> {
  let base = db
    .selectFrom('success_cases as c')
    .innerJoin('cooperation_projects as p', 'p.id', 'c.project_id')
    .where('c.status', '=', 'published');
  if (q.themeDayId) base = base.where('p.theme_day_id', '=', q.themeDayId);
  const total = count(await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst());
  const rows = await base
    .selectAll('c')
    .orderBy('c.published_at', 'desc')
    .orderBy('c.id')
    .offset(q.offset)
    .limit(q.limit)
    .execute();
  return { rows, total };
}

/** Published news of a theme day and the published success cases of its projects, for its photos (newest first). */
export async function publishedOfThemeDay(
  db: Executor,
  themeDayId: string,
): Promise<{ news: NewsRow[]; cases: CaseRow[] }> {
  const news = await db
    .selectFrom('news')
    .selectAll()
    .where('status', '=', 'published')
    .where('theme_day_id', '=', themeDayId)
    .orderBy('published_at', 'desc')
    .orderBy('id')
    .execute();
  const cases = await db
    .selectFrom('success_cases as c')
    .innerJoin('cooperation_projects as p', 'p.id', 'c.project_id')
    .selectAll('c')
    .where('c.status', '=', 'published')
    .where('p.theme_day_id', '=', themeDayId)
    .orderBy('c.published_at', 'desc')
    .orderBy('c.id')
    .execute();
  return { news, cases };
}

export async function consentsOf(db: Executor, caseIds: string[]): Promise<ConsentRow[]> {
  if (!caseIds.length) return [];
  return db
    .selectFrom('success_case_consents')
    .selectAll()
    .where('case_id', 'in', caseIds)
    .orderBy('organisation_id')
    .execute();
}

export async function insertConsents(db: Executor, rows: ConsentRow[]): Promise<void> {
  if (rows.length) await db.insertInto('success_case_consents').values(rows).execute();
}

export async function updateConsent(db: Executor, id: string, changes: Partial<ConsentRow>): Promise<void> {
  await db.updateTable('success_case_consents').set(changes).where('id', '=', id).execute();
}

export async function resetConsents(db: Executor, caseId: string): Promise<void> {
  await db
    .updateTable('success_case_consents')
    .set({ decision: 'pending', reason: null, decided_by: null, decided_at: null })
    .where('case_id', '=', caseId)
    .execute();
}

// ----- benchmark enterprises -------------------------------------------------------------------------------------

export async function insertBenchmarkOnce(db: Executor, row: BenchmarkRow): Promise<boolean> {
  const r = await db
    .insertInto('benchmark_enterprises')
    .values(row)
    .onConflict((oc) => oc.columns(['year', 'organisation_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return !!r;
}

export async function getBenchmark(db: Executor, id: string): Promise<BenchmarkRow | undefined> {
  const r = await db.selectFrom('benchmark_enterprises').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? num(r) : undefined;
}

export async function deleteBenchmark(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('benchmark_enterprises').where('id', '=', id).execute();
}

export async function benchmarks(db: Executor, year?: number): Promise<BenchmarkRow[]> {
  let qb = db.selectFrom('benchmark_enterprises').selectAll();
  if (year !== undefined) qb = qb.where('year', '=', year);
  const rows = await qb.orderBy('year', 'desc').orderBy('named_at').orderBy('id').execute();
  return rows.map(num);
}

export async function benchmarkYears(db: Executor): Promise<number[]> {
  const rows = await db.selectFrom('benchmark_enterprises').select('year').distinct().orderBy('year', 'desc').execute();
  return rows.map((r) => Number(r.year));
}

// ----- nominations ------------------------------------------------------------------------------------------------

export async function insertNominationOnce(db: Executor, row: NominationRow): Promise<boolean> {
  const r = await db
    .insertInto('nominations')
    .values(row)
    .onConflict((oc) => oc.columns(['project_id', 'event', 'year']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return !!r;
}

/**
 * A withdrawn nomination does not hold its project, event and year: proposing it again reopens that row (same id,
 * new reason, status and proposer; the audit log keeps the earlier round). Conditional on `withdrawn`, so of two
 * parallel attempts one reopens and the other finds it live. Returns the reopened id, or undefined.
 */
export async function reopenWithdrawnNomination(db: Executor, row: NominationRow): Promise<string | undefined> {
  const { id: _id, created_at: _created, ...changes } = row;
  const r = await db
    .updateTable('nominations')
    .set(changes)
    .where('project_id', '=', row.project_id)
    .where('event', '=', row.event)
    .where('year', '=', row.year)
    .where('status', '=', 'withdrawn')
    .returning('id')
    .executeTakeFirst();
  return r?.id;
}

export async function getNomination(db: Executor, id: string): Promise<NominationRow | undefined> {
  const r = await db.selectFrom('nominations').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? num(r) : undefined;
}

export async function moveNomination(
  db: Executor,
  id: string,
  from: NominationRow['status'],
  changes: Partial<NominationRow>,
): Promise<boolean> {
  const r = await db
    .updateTable('nominations')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function findNominations(
  db: Executor,
  q: { event?: NominationRow['event']; year?: number; statuses?: readonly NominationRow['status'][] },
): Promise<NominationRow[]> {
  let qb = db.selectFrom('nominations').selectAll();
  if (q.event) qb = qb.where('event', '=', q.event);
  if (q.year !== undefined) qb = qb.where('year', '=', q.year);
  if (q.statuses) qb = qb.where('status', 'in', [...q.statuses]);
  const rows = await qb.orderBy('year', 'desc').orderBy('created_at').orderBy('id').execute();
  return rows.map(num);
}

// ----- names ------------------------------------------------------------------------------------------------------

export async function orgNames(db: Executor, ids: Iterable<string | null>): Promise<Map<string, string>> {
  const list = [...new Set([...ids].filter((x): x is string => !!x))];
  if (!list.length) return new Map();
  const rows = await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', list).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function orgKind(db: Executor, id: string): Promise<{ id: string; kind: string } | undefined> {
  return db.selectFrom('organisations').select(['id', 'kind']).where('id', '=', id).executeTakeFirst();
}

export async function themeDayTitles(db: Executor, ids: Iterable<string | null>): Promise<Map<string, string>> {
  const list = [...new Set([...ids].filter((x): x is string => !!x))];
  if (!list.length) return new Map();
  const rows = await db.selectFrom('theme_days').select(['id', 'title']).where('id', 'in', list).execute();
  return new Map(rows.map((r) => [r.id, r.title]));
}
