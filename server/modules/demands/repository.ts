/**
 * All SQL of the demands area: demands and technology catalogue items, responses (with their attachment
 * list, a JSON column), consortia and their members, and the public organisation card. Every function
 * takes the executor (root handle or transaction) first.
 */
import type { Insertable, Selectable, Updateable } from 'kysely';
import { normaliseField } from '../../../common/contracts/results.ts';
import type {
  ConsortiumListQuery,
  DemandKind,
  DemandListQuery,
  ResponseListQuery,
} from '../../../common/contracts/demands.ts';
import { forUpdate, json, type Dialect, type Executor } from '../../db/index.ts';
import type { ConsortiumMemberTable, ConsortiumTable, DemandResponseTable, DemandTable } from '../../db/schema.ts';
import type { AttachmentType } from '../../lib/attachments.ts';
import { newId } from '../../lib/ids.ts';
import { containsText, regionPrefix, toCount } from '../../lib/sql.ts';

export type DemandRow = Selectable<DemandTable>;
export type NewDemand = Insertable<DemandTable>;
export type DemandChanges = Updateable<DemandTable>;
export type ResponseRow = Selectable<DemandResponseTable>;
export type NewResponse = Insertable<DemandResponseTable>;
export type ConsortiumRow = Selectable<ConsortiumTable>;
export type ConsortiumMemberRow = Selectable<ConsortiumMemberTable>;

/** An attachment as stored in `demand_responses.attachments` (path relative to the uploads folder). */
export interface StoredAttachment {
  id: string;
  name: string;
  type: AttachmentType;
  size: number;
  path: string;
}

/** A member as the commands write it (the body's shape). */
export interface MemberInput {
  organisationId: string;
  role: string;
  costShareBp: number;
  benefitShareBp: number;
}

// ----- demands --------------------------------------------------------------------------------------------

export async function getDemand(db: Executor, id: string): Promise<DemandRow | undefined> {
  return db.selectFrom('demands').selectAll().where('id', '=', id).executeTakeFirst();
}

const SORT = {
  publishedAt: 'd.published_at',
  deadline: 'd.deadline',
  createdAt: 'd.created_at',
  title: 'd.title',
} as const;

/**
 * A page of demands. `mineOrgId` is the organisation whose own list (`mine=true`, every status) is asked
 * for — null when the caller does not act for one (the list is then empty); without `mine` only published
 * (or, asked for, closed) demands are listed. `today` is the Beijing date `open=true` compares deadlines with.
 */
export async function listDemands(
  db: Executor,
  q: DemandListQuery,
  mineOrgId: string | null,
  today: string,
): Promise<{ items: DemandRow[]; total: number }> {
  let qb = db.selectFrom('demands as d').innerJoin('organisations as o', 'o.id', 'd.organisation_id');
  if (q.mine === 'true') {
    qb = qb.where('d.organisation_id', '=', mineOrgId ?? '__none__');
    if (q.status) qb = qb.where('d.status', '=', q.status);
  } else {
    qb = qb.where('d.status', '=', q.status === 'closed' ? 'closed' : 'published');
  }
  if (q.kind) qb = qb.where('d.kind', '=', q.kind);
  if (q.fieldCode) qb = qb.where('d.field_code', '=', normaliseField(q.fieldCode));
  if (q.cooperationMode) qb = qb.where('d.cooperation_mode', '=', q.cooperationMode);
  if (q.region) qb = qb.where('o.region_code', 'like', `${regionPrefix(q.region) ?? q.region}%`);
  if (q.q) {
    const text = q.q;
    qb = qb.where((eb) =>
      eb.or([containsText('d.title', text), containsText('d.description', text), containsText('d.indicators', text)]),
    );
  }
  if (q.themeDayId) qb = qb.where('d.theme_day_id', '=', q.themeDayId);
  if (q.organisationId) qb = qb.where('d.organisation_id', '=', q.organisationId);
  if (q.open === 'true') qb = qb.where('d.deadline', '>=', today);
  const [items, total] = await Promise.all([
    qb
      .selectAll('d')
      .orderBy(SORT[q.sort], q.order)
      .orderBy('d.created_at', 'desc')
      .orderBy('d.id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: toCount(total) };
}

export async function insertDemand(db: Executor, row: NewDemand): Promise<void> {
  await db.insertInto('demands').values(row).execute();
}

export async function updateDemandRow(db: Executor, id: string, changes: DemandChanges): Promise<void> {
  await db.updateTable('demands').set(changes).where('id', '=', id).execute();
}

/** Published demands of an organisation, counted per kind (the public organisation card). */
export async function publishedCountsByKind(db: Executor, organisationId: string): Promise<Map<DemandKind, number>> {
  const rows = await db
    .selectFrom('demands')
    .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'published')
    .groupBy('kind')
    .execute();
  return new Map(rows.map((r) => [r.kind, toCount(r)]));
}

// ----- responses ------------------------------------------------------------------------------------------

function responseQuery(db: Executor) {
  return db
    .selectFrom('demand_responses as r')
    .innerJoin('demands as d', 'd.id', 'r.demand_id')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .selectAll('r')
    .select([
      'd.title as demand_title',
      'd.kind as demand_kind',
      'd.organisation_id as demand_org_id',
      'd.deadline as demand_deadline',
      'u.name as user_name',
    ]);
}
/** A response with the facts of its demand and the responding person's name. */
export type ResponseJoined = NonNullable<Awaited<ReturnType<ReturnType<typeof responseQuery>['executeTakeFirst']>>>;

export async function getResponse(db: Executor, id: string): Promise<ResponseJoined | undefined> {
  return responseQuery(db).where('r.id', '=', id).executeTakeFirst();
}

/**
 * Every response of one box (`mine`: sent by `orgId`; `received`: to demands of `orgId`), filtered and
 * sorted; null `orgId` (the caller acts for no organisation) gives none.
 */
export async function listResponses(
  db: Executor,
  q: ResponseListQuery,
  orgId: string | null,
): Promise<ResponseJoined[]> {
  let qb = responseQuery(db).where(
    q.box === 'mine' ? 'r.organisation_id' : 'd.organisation_id',
    '=',
    orgId ?? '__none__',
  );
  if (q.demandId) qb = qb.where('r.demand_id', '=', q.demandId);
  if (q.status) qb = qb.where('r.status', '=', q.status);
  return qb
    .orderBy(q.sort === 'updatedAt' ? 'r.updated_at' : 'r.created_at', q.order)
    .orderBy('r.id')
    .execute();
}

/** Response ids of `organisationId` by demand id, for the given demands. */
export async function myResponseIds(
  db: Executor,
  organisationId: string,
  demandIds: string[],
): Promise<Map<string, string>> {
  if (demandIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('demand_responses')
    .select(['id', 'demand_id'])
    .where('organisation_id', '=', organisationId)
    .where('demand_id', 'in', demandIds)
    .execute();
  return new Map(rows.map((r) => [r.demand_id, r.id]));
}

export async function insertResponse(db: Executor, row: NewResponse): Promise<void> {
  await db.insertInto('demand_responses').values(row).execute();
}

/** Moves a response from `from` to another status; false when its status had already changed. */
export async function setResponseStatus(
  db: Executor,
  id: string,
  from: ResponseRow['status'],
  changes: { status: ResponseRow['status']; updated_at: string; decision_note?: string },
): Promise<boolean> {
  const n = await db
    .updateTable('demand_responses')
    .set(changes)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(n.numUpdatedRows) === 1;
}

export const attachmentsOf = (r: Pick<ResponseRow, 'attachments'>): StoredAttachment[] =>
  json.parse<StoredAttachment[]>(r.attachments, []);

/**
 * The response's current attachment list, read inside the transaction that appends to it and locked on
 * PostgreSQL (SQLite's writer lock serialises already): two uploads at once must not both append to the same
 * old list, one of them lost.
 */
export async function currentAttachments(
  db: Executor,
  dialect: Dialect,
  responseId: string,
): Promise<StoredAttachment[]> {
  return attachmentsOf(
    await forUpdate(
      db.selectFrom('demand_responses').select('attachments').where('id', '=', responseId),
      dialect,
    ).executeTakeFirstOrThrow(),
  );
}

export async function setAttachments(
  db: Executor,
  responseId: string,
  list: StoredAttachment[],
  updatedAt: string,
): Promise<void> {
  await db
    .updateTable('demand_responses')
    .set({ attachments: json.stringify(list), updated_at: updatedAt })
    .where('id', '=', responseId)
    .execute();
}

/** Organisations whose response to the demand was accepted. */
export async function acceptedOrganisations(db: Executor, demandId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('demand_responses')
    .select('organisation_id')
    .where('demand_id', '=', demandId)
    .where('status', '=', 'accepted')
    .execute();
  return new Set(rows.map((r) => r.organisation_id));
}

// ----- consortia ------------------------------------------------------------------------------------------

export async function getConsortium(db: Executor, id: string): Promise<ConsortiumRow | undefined> {
  return db.selectFrom('consortia').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The consortium row, locked for the rest of the transaction (PostgreSQL; SQLite's single writer serialises). */
export async function lockConsortium(trx: Executor, dialect: Dialect, id: string): Promise<ConsortiumRow | undefined> {
  return forUpdate(trx.selectFrom('consortia').selectAll().where('id', '=', id), dialect).executeTakeFirst();
}

export async function consortiaOfDemand(db: Executor, demandId: string): Promise<ConsortiumRow[]> {
  return db.selectFrom('consortia').selectAll().where('demand_id', '=', demandId).orderBy('created_at').execute();
}

export async function consortiumMembers(db: Executor, consortiumId: string): Promise<ConsortiumMemberRow[]> {
  return db
    .selectFrom('consortium_members')
    .selectAll()
    .where('consortium_id', '=', consortiumId)
    .orderBy('cost_share_bp', 'desc')
    .orderBy('id')
    .execute();
}

/** A page of the consortia `orgId` is a member of (none for null), each with its demand's title. */
export async function listConsortiaOf(
  db: Executor,
  q: ConsortiumListQuery,
  orgId: string | null,
): Promise<{ items: (ConsortiumRow & { demand_title: string })[]; total: number }> {
  const member = orgId ?? '__none__';
  let qb = db
    .selectFrom('consortia as c')
    .innerJoin('demands as d', 'd.id', 'c.demand_id')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('consortium_members as m')
          .select('m.id')
          .whereRef('m.consortium_id', '=', 'c.id')
          .where('m.organisation_id', '=', member),
      ),
    );
  if (q.status) qb = qb.where('c.status', '=', q.status);
  const [items, total] = await Promise.all([
    qb
      .selectAll('c')
      .select('d.title as demand_title')
      .orderBy(q.sort === 'createdAt' ? 'c.created_at' : 'c.updated_at', q.order)
      .orderBy('c.id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: toCount(total) };
}

export async function insertConsortium(db: Executor, row: Insertable<ConsortiumTable>): Promise<void> {
  await db.insertInto('consortia').values(row).execute();
}

export async function updateConsortiumRow(
  db: Executor,
  id: string,
  changes: Updateable<ConsortiumTable>,
): Promise<void> {
  await db.updateTable('consortia').set(changes).where('id', '=', id).execute();
}

/** Replaces the member list (every signature goes with it). */
export async function replaceMembers(
  db: Executor,
  consortiumId: string,
  members: readonly MemberInput[],
): Promise<void> {
  await db.deleteFrom('consortium_members').where('consortium_id', '=', consortiumId).execute();
  await db
    .insertInto('consortium_members')
    .values(
      members.map((m) => ({
        id: newId(),
        consortium_id: consortiumId,
        organisation_id: m.organisationId,
        role: m.role,
        cost_share_bp: m.costShareBp,
        benefit_share_bp: m.benefitShareBp,
        signed_at: null,
        signed_by: null,
      })),
    )
    .execute();
}

export async function clearSignatures(db: Executor, consortiumId: string): Promise<void> {
  await db
    .updateTable('consortium_members')
    .set({ signed_at: null, signed_by: null })
    .where('consortium_id', '=', consortiumId)
    .execute();
}

export async function signMember(db: Executor, memberId: string, at: string, userId: string): Promise<void> {
  await db
    .updateTable('consortium_members')
    .set({ signed_at: at, signed_by: userId })
    .where('id', '=', memberId)
    .execute();
}

// ----- organisations --------------------------------------------------------------------------------------

/** The public facts of an organisation (its portal card). */
export async function getPublicOrganisation(db: Executor, id: string) {
  return db
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'region_code', 'industry_code', 'size_class'])
    .where('id', '=', id)
    .executeTakeFirst();
}
export type PublicOrganisationRow = NonNullable<Awaited<ReturnType<typeof getPublicOrganisation>>>;
