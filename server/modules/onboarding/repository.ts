/** SQL of organisation registration, verification and join requests. */
import type { Selectable } from 'kysely';
import type { JoinRequestQuery, OrgVerificationStatus } from '../../../common/contracts/onboarding.ts';
import type { Executor } from '../../db/index.ts';
import type { JoinRequestTable, OrganisationTable } from '../../db/schema.ts';
import { containsText, toCount } from '../../lib/sql.ts';

export type JoinRequestRow = Selectable<JoinRequestTable>;

/** The verification queue: organisations with `status`, optionally within a province (its 2-digit prefix). */
export async function listForVerification(
  db: Executor,
  f: { status: OrgVerificationStatus; province: string | null; page: number; pageSize: number; order: 'asc' | 'desc' },
) {
  let q = db
    .selectFrom('organisations as o')
    .leftJoin('users as u', 'u.id', 'o.registered_by')
    .where('o.verification_status', '=', f.status);
  if (f.province) q = q.where('o.region_code', 'like', `${f.province}%`);
  const [rows, total] = await Promise.all([
    q
      .select([
        'o.id',
        'o.name',
        'o.uscc',
        'o.uscc_status',
        'o.kind',
        'o.region_code',
        'o.industry_code',
        'o.employees',
        'o.revenue_wan',
        'o.assets_wan',
        'o.verification_status',
        'o.rejection_reason',
        'o.registered_by',
        'u.name as registrant_name',
        'o.verified_at',
        'o.created_at',
      ])
      .orderBy('o.created_at', f.order)
      .orderBy('o.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { rows, total: toCount(total) };
}
export type VerificationRow = Awaited<ReturnType<typeof listForVerification>>['rows'][number];

/**
 * Records a verification decision if the organisation still awaits one; false when someone decided first (the
 * condition on the status makes two concurrent decisions leave exactly one).
 */
export async function decideVerification(
  db: Executor,
  id: string,
  set: {
    verification_status: 'verified' | 'rejected';
    verified_by: string;
    verified_at: string;
    rejection_reason: string | null;
    updated_at: string;
  },
): Promise<boolean> {
  return updateIfStatus(db, id, 'unverified', set);
}

/**
 * Puts a rejected organisation's corrected details back for verification; false when it was not rejected (any
 * more), e.g. a second resubmission of the same rejection.
 */
export async function resubmitRejected(
  db: Executor,
  id: string,
  set: Partial<Omit<Selectable<OrganisationTable>, 'id' | 'created_at'>> & { verification_status: 'unverified' },
): Promise<boolean> {
  return updateIfStatus(db, id, 'rejected', set);
}

/** One conditional update: the organisation changes only while its verification status is still `from`. */
async function updateIfStatus(
  db: Executor,
  id: string,
  from: 'unverified' | 'rejected',
  set: Partial<Omit<Selectable<OrganisationTable>, 'id' | 'created_at'>>,
): Promise<boolean> {
  const r = await db
    .updateTable('organisations')
    .set(set)
    .where('id', '=', id)
    .where('verification_status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Users who administer an organisation: the org-admin flag, or its base administrators. */
export async function orgAdminUserIds(db: Executor, organisationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('memberships')
    .select('user_id')
    .distinct()
    .where('organisation_id', '=', organisationId)
    .where((eb) => eb.or([eb('org_admin', '=', 1), eb('role', '=', 'base_admin')]))
    .execute();
  return rows.map((r) => r.user_id);
}

/** Users who may verify an organisation of `province`: every programme owner and that province's local DRC. */
export async function verifierUserIds(db: Executor, province: string | null): Promise<string[]> {
  let q = db
    .selectFrom('memberships as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select('m.user_id')
    .distinct();
  q = q.where((eb) =>
    province
      ? eb.or([
          eb('m.role', '=', 'programme_owner'),
          eb.and([eb('m.role', '=', 'local_drc'), eb('o.region_code', 'like', `${province}%`)]),
        ])
      : eb('m.role', '=', 'programme_owner'),
  );
  return (await q.execute()).map((r) => r.user_id);
}

/** Organisations a person may ask to join: by exact credit code or a part of the name; rejected ones are left out. */
export function searchJoinable(db: Executor, text: string, uscc: string | null) {
  return db
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'region_code', 'verification_status'])
    .where('verification_status', '<>', 'rejected')
    .where((eb) => (uscc ? eb.or([eb('uscc', '=', uscc), containsText('name', text)]) : containsText('name', text)))
    .orderBy('name')
    .orderBy('id')
    .limit(20)
    .execute();
}

const joinRequestColumns = [
  'j.id',
  'j.organisation_id',
  'o.name as organisation_name',
  'j.user_id',
  'u.name as user_name',
  'u.email',
  'u.mobile',
  'j.message',
  'j.status',
  'j.decision_note',
  'j.decided_at',
  'j.created_at',
] as const;

const joinRequestsFrom = (db: Executor) =>
  db
    .selectFrom('join_requests as j')
    .innerJoin('organisations as o', 'o.id', 'j.organisation_id')
    .innerJoin('users as u', 'u.id', 'j.user_id');

export function getJoinRequest(db: Executor, id: string) {
  return joinRequestsFrom(db).select(joinRequestColumns).where('j.id', '=', id).executeTakeFirst();
}
export type JoinRequestView = NonNullable<Awaited<ReturnType<typeof getJoinRequest>>>;

/** One page of an organisation's join requests, newest first unless asked otherwise. */
export async function listJoinRequests(db: Executor, organisationId: string, f: JoinRequestQuery) {
  let q = joinRequestsFrom(db).where('j.organisation_id', '=', organisationId);
  if (f.status) q = q.where('j.status', '=', f.status);
  const [rows, total] = await Promise.all([
    q
      .select(joinRequestColumns)
      .orderBy('j.created_at', f.order)
      .orderBy('j.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { rows, total: toCount(total) };
}

/** A person's own join requests, newest first. */
export function listMyJoinRequests(db: Executor, userId: string) {
  return joinRequestsFrom(db)
    .select(joinRequestColumns)
    .where('j.user_id', '=', userId)
    .orderBy('j.created_at', 'desc')
    .orderBy('j.id')
    .limit(50)
    .execute();
}

/** Decides a pending request; false when it was no longer pending (someone decided first). */
export async function decideJoinRequest(
  db: Executor,
  id: string,
  set: { status: 'approved' | 'declined'; decided_by: string; decided_at: string; decision_note: string | null },
): Promise<boolean> {
  const r = await db
    .updateTable('join_requests')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The organisations a person belongs to, with their verification and whether the person administers them. */
export function myOrganisations(db: Executor, userId: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select([
      'o.id',
      'o.name',
      'o.verification_status',
      'o.rejection_reason',
      'o.uscc',
      'o.kind',
      'o.region_code',
      'o.industry_code',
      'o.employees',
      'o.revenue_wan',
      'o.assets_wan',
      'm.org_admin',
      'm.role',
    ])
    .where('m.user_id', '=', userId)
    .orderBy('m.created_at')
    .execute();
}
