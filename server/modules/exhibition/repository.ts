/**
 * SQL of the virtual exhibition hall: booths, the records they show, contact requests. Every function
 * takes `db | trx` first so a command can run it inside its transaction; bound parameters only.
 */
import type { Executor } from '../../db/index.ts';
import type { ExhibitionBoothTable, ExhibitionContactRequestTable } from '../../db/schema.ts';
import type { Actor } from '../../lib/context.ts';
import { toCount } from '../../lib/sql.ts';
import { planOf } from '../events/repository.ts';
import { isStaff, supportIdsOf } from '../events/policy.ts';
import type { ThemeDayRecord } from '../themedays/repository.ts';
import type { BoothStatus, ContactRequestStatus, ItemType } from '../../../common/contracts/exhibition.ts';

export type BoothRow = ExhibitionBoothTable;
export type ContactRequestRow = ExhibitionContactRequestTable;
/** A booth with its organisation's name and its theme day's title, as the booth views show it. */
export type BoothWithOrg = BoothRow & { organisation_name: string; theme_day_title: string };
export interface ItemRef {
  type: ItemType;
  id: string;
}

export async function getBooth(db: Executor, id: string): Promise<BoothRow | undefined> {
  return db.selectFrom('exhibition_booths').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getBoothWithOrg(db: Executor, id: string): Promise<BoothWithOrg | undefined> {
  return db
    .selectFrom('exhibition_booths as b')
    .innerJoin('organisations as o', 'o.id', 'b.organisation_id')
    .innerJoin('theme_days as t', 't.id', 'b.theme_day_id')
    .selectAll('b')
    .select(['o.name as organisation_name', 't.title as theme_day_title'])
    .where('b.id', '=', id)
    .executeTakeFirst();
}

/** Whether the actor runs the theme day as host staff (base admin of the host, or a support org its activity plan names). */
export async function isThemeDayStaff(db: Executor, actor: Actor | null, td: ThemeDayRecord): Promise<boolean> {
  if (!actor) return false;
  return isStaff(actor, td, supportIdsOf({ plan: await planOf(db, td.id) }));
}

const BOOTH_SORT = { title: 'b.title', createdAt: 'b.created_at', updatedAt: 'b.updated_at' } as const;

export interface BoothListFilter {
  /** One theme day (the public hall), or those of `themeDayIds` (the staff's review list). */
  themeDayId?: string | undefined;
  themeDayIds?: string[] | undefined;
  organisationId?: string | undefined;
  status?: BoothStatus | undefined;
  /** Searched in the title and the organisation's name, and in the intro when `searchIntro`. */
  q?: string | undefined;
  searchIntro?: boolean;
  page: number;
  pageSize: number;
  sort: keyof typeof BOOTH_SORT;
  order: 'asc' | 'desc';
}

export async function listBooths(db: Executor, f: BoothListFilter): Promise<{ items: BoothWithOrg[]; total: number }> {
  let qb = db.selectFrom('exhibition_booths as b').innerJoin('organisations as o', 'o.id', 'b.organisation_id');
  if (f.organisationId !== undefined) qb = qb.where('b.organisation_id', '=', f.organisationId);
  if (f.themeDayIds !== undefined) qb = qb.where('b.theme_day_id', 'in', f.themeDayIds);
  if (f.themeDayId) qb = qb.where('b.theme_day_id', '=', f.themeDayId);
  if (f.status) qb = qb.where('b.status', '=', f.status);
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, '')}%`;
    qb = f.searchIntro
      ? qb.where((eb) => eb.or([eb('b.title', 'like', like), eb('b.intro', 'like', like), eb('o.name', 'like', like)]))
      : qb.where((eb) => eb.or([eb('b.title', 'like', like), eb('o.name', 'like', like)]));
  }
  const [items, total] = await Promise.all([
    qb
      .innerJoin('theme_days as t', 't.id', 'b.theme_day_id')
      .selectAll('b')
      .select(['o.name as organisation_name', 't.title as theme_day_title'])
      .orderBy(BOOTH_SORT[f.sort], f.order)
      .orderBy('b.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: toCount(total) };
}

/** The caller's own contact request to a booth, if any. */
export async function myContactRequest(
  db: Executor,
  boothId: string,
  userId: string,
): Promise<{ id: string; status: ContactRequestStatus } | undefined> {
  return db
    .selectFrom('exhibition_contact_requests')
    .select(['id', 'status'])
    .where('booth_id', '=', boothId)
    .where('requester_user_id', '=', userId)
    .executeTakeFirst();
}

/** Status meaning "public" for each kind of record a booth may show. */
const OPEN_STATUS: Record<ItemType, string> = {
  roadshow_project: 'accepted',
  result: 'public',
  resource: 'published',
  demand: 'published',
};

async function loadItem(
  db: Executor,
  ref: ItemRef,
): Promise<{ title: string; status: string; organisation_id: string | null } | undefined> {
  switch (ref.type) {
    case 'roadshow_project':
      return db
        .selectFrom('roadshow_projects')
        .select(['name as title', 'status', 'organisation_id'])
        .where('id', '=', ref.id)
        .executeTakeFirst();
    case 'result':
      return db
        .selectFrom('results')
        .select(['title', 'status', 'organisation_id'])
        .where('id', '=', ref.id)
        .executeTakeFirst();
    case 'resource':
      return db
        .selectFrom('resources')
        .select(['title', 'status', 'organisation_id'])
        .where('id', '=', ref.id)
        .executeTakeFirst();
    case 'demand':
      return db
        .selectFrom('demands')
        .select(['title', 'status', 'organisation_id'])
        .where('id', '=', ref.id)
        .executeTakeFirst();
  }
}

export interface ResolvedItem {
  type: ItemType;
  id: string;
  title: string;
  public: boolean;
  organisationId: string | null;
}

/** Resolves linked items: title and whether the record is public. Items whose record is gone are dropped. */
export async function resolveItems(db: Executor, refs: ItemRef[]): Promise<ResolvedItem[]> {
  const out: ResolvedItem[] = [];
  for (const ref of refs) {
    const row = await loadItem(db, ref);
    if (row)
      out.push({
        type: ref.type,
        id: ref.id,
        title: row.title,
        public: row.status === OPEN_STATUS[ref.type],
        organisationId: row.organisation_id,
      });
  }
  return out;
}

// ----- contact requests ---------------------------------------------------------------------------------

/** A contact request with its booth, the booth's organisation and the requester, as the views show it. */
export type ContactRequestJoined = ContactRequestRow & {
  booth_title: string;
  booth_org_id: string;
  booth_org_name: string;
  requester_name: string;
  requester_org_name: string | null;
};

const requestQuery = (db: Executor) =>
  db
    .selectFrom('exhibition_contact_requests as r')
    .innerJoin('exhibition_booths as b', 'b.id', 'r.booth_id')
    .innerJoin('organisations as bo', 'bo.id', 'b.organisation_id')
    .innerJoin('users as u', 'u.id', 'r.requester_user_id')
    .leftJoin('organisations as ro', 'ro.id', 'r.requester_organisation_id');
const REQUEST_COLUMNS = [
  'b.title as booth_title',
  'b.organisation_id as booth_org_id',
  'bo.name as booth_org_name',
  'u.name as requester_name',
  'ro.name as requester_org_name',
] as const;

export async function getContactRequest(db: Executor, id: string): Promise<ContactRequestJoined | undefined> {
  return requestQuery(db)
    .selectAll('r')
    .select([...REQUEST_COLUMNS])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

/** Requests to an organisation's booths (`boothOrganisationId`) or from a person (`requesterUserId`), newest first by default. */
export async function listContactRequests(
  db: Executor,
  f: {
    boothOrganisationId?: string;
    requesterUserId?: string;
    status?: ContactRequestStatus | undefined;
    page: number;
    pageSize: number;
    order: 'asc' | 'desc';
  },
): Promise<{ items: ContactRequestJoined[]; total: number }> {
  let qb = requestQuery(db);
  if (f.boothOrganisationId !== undefined) qb = qb.where('b.organisation_id', '=', f.boothOrganisationId);
  if (f.requesterUserId !== undefined) qb = qb.where('r.requester_user_id', '=', f.requesterUserId);
  if (f.status) qb = qb.where('r.status', '=', f.status);
  const [items, total] = await Promise.all([
    qb
      .selectAll('r')
      .select([...REQUEST_COLUMNS])
      .orderBy('r.created_at', f.order)
      .orderBy('r.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: toCount(total) };
}
