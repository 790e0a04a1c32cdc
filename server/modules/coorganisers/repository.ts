/**
 * SQL of the coordinating roles (issue 12 §3): 双创示范基地联盟 with member bases and staff, the co-organisers of a
 * theme day with their parts, and support organisations' delegations. `loadPartFacts` gathers what
 * themedays/policy.ts `canManagePart` needs about one theme day; every area that checks a part loads it here.
 */
import type { CoorganiserKind, CoorganiserPart, DelegationScope } from '../../../common/contracts/coorganisers.ts';
import { json, type Executor } from '../../db/index.ts';
import type { CoorganiserFact, DelegationFact, PartFacts } from '../themedays/policy.ts';
import type { ThemeDayRecord } from '../themedays/repository.ts';
import { getActivityPlanRow } from '../activity-plans/repository.ts';
import { parseContent } from '../activity-plans/service.ts';

// ----- alliances ---------------------------------------------------------------------------------------------------

export interface AllianceRecord {
  id: string;
  name: string;
  region_code: string | null;
  description: string;
  updated_at: string;
  bases: { id: string; name: string; shortName: string }[];
  staff: { id: string; name: string; email: string | null }[];
}

export async function listAlliances(db: Executor, ids?: readonly string[]): Promise<AllianceRecord[]> {
  if (ids && !ids.length) return [];
  let q = db.selectFrom('base_alliances').select(['id', 'name', 'region_code', 'description', 'updated_at']);
  if (ids) q = q.where('id', 'in', ids);
  const rows = await q.orderBy('name').execute();
  if (!rows.length) return [];
  const allianceIds = rows.map((r) => r.id);
  const [bases, staff] = await Promise.all([
    db
      .selectFrom('base_alliance_bases as ab')
      .innerJoin('bases as b', 'b.id', 'ab.base_id')
      .select(['ab.alliance_id', 'b.id', 'b.name', 'b.short_name'])
      .where('ab.alliance_id', 'in', allianceIds)
      .orderBy('b.name')
      .execute(),
    db
      .selectFrom('base_alliance_staff as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select(['s.alliance_id', 'u.id', 'u.name', 'u.email'])
      .where('s.alliance_id', 'in', allianceIds)
      .orderBy('u.name')
      .execute(),
  ]);
  return rows.map((r) => ({
    ...r,
    bases: bases
      .filter((b) => b.alliance_id === r.id)
      .map(({ id, name, short_name }) => ({ id, name, shortName: short_name })),
    staff: staff.filter((s) => s.alliance_id === r.id).map(({ id, name, email }) => ({ id, name, email })),
  }));
}

export async function getAlliance(db: Executor, id: string): Promise<AllianceRecord | undefined> {
  return (await listAlliances(db, [id]))[0];
}

/** The alliances the user is staff of. */
export async function alliancesOfStaff(db: Executor, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('base_alliance_staff').select('alliance_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.alliance_id);
}

export async function replaceAllianceMembers(
  db: Executor,
  allianceId: string,
  baseIds: readonly string[],
  userIds: readonly string[],
): Promise<void> {
  await db.deleteFrom('base_alliance_bases').where('alliance_id', '=', allianceId).execute();
  await db.deleteFrom('base_alliance_staff').where('alliance_id', '=', allianceId).execute();
  if (baseIds.length)
    await db
      .insertInto('base_alliance_bases')
      .values(baseIds.map((base_id) => ({ alliance_id: allianceId, base_id })))
      .execute();
  if (userIds.length)
    await db
      .insertInto('base_alliance_staff')
      .values(userIds.map((user_id) => ({ alliance_id: allianceId, user_id })))
      .execute();
}

// ----- co-organisers and delegations -------------------------------------------------------------------------------

export interface CoorganiserRow {
  party_kind: CoorganiserKind;
  party_id: string;
  parts: CoorganiserPart[];
  updated_at: string;
}

export async function coorganiserRows(db: Executor, themeDayId: string): Promise<CoorganiserRow[]> {
  const rows = await db
    .selectFrom('theme_day_coorganisers')
    .select(['party_kind', 'party_id', 'parts', 'updated_at'])
    .where('theme_day_id', '=', themeDayId)
    .execute();
  return rows.map((r) => ({ ...r, parts: json.parse<CoorganiserPart[]>(r.parts, []) }));
}

export interface DelegationRow {
  organisation_id: string;
  scopes: DelegationScope[];
  expires_on: string;
  expires_at: string;
  granted_at: string;
  revoked_at: string | null;
}

export async function delegationRows(db: Executor, themeDayId: string): Promise<DelegationRow[]> {
  const rows = await db
    .selectFrom('support_delegations')
    .select(['organisation_id', 'scopes', 'expires_on', 'expires_at', 'granted_at', 'revoked_at'])
    .where('theme_day_id', '=', themeDayId)
    .execute();
  return rows.map((r) => ({ ...r, scopes: json.parse<DelegationScope[]>(r.scopes, []) }));
}

/** The support organisations the theme day's activity plan names. */
export async function planSupportIds(db: Executor, themeDayId: string): Promise<string[]> {
  const plan = await getActivityPlanRow(db, themeDayId);
  return plan ? parseContent(plan.content).supportOrganisationIds : [];
}

/**
 * What `canManagePart` needs about a theme day: the plan's support organisations (pass them when the caller
 * already read the plan), every co-organiser — partner bases of the approved plan without an assignment count
 * with no parts, so they see the theme day's co-organisation page — and the explicit delegations.
 */
export async function loadPartFacts(
  db: Executor,
  td: Pick<ThemeDayRecord, 'id' | 'partnerBaseIds'>,
  now: Date,
  supportOrganisationIds?: readonly string[],
): Promise<PartFacts> {
  const [rows, delegations, support] = await Promise.all([
    coorganiserRows(db, td.id),
    delegationRows(db, td.id),
    supportOrganisationIds ?? planSupportIds(db, td.id),
  ]);
  const baseIds = [
    ...new Set([...td.partnerBaseIds, ...rows.filter((r) => r.party_kind === 'base').map((r) => r.party_id)]),
  ];
  const allianceIds = rows.filter((r) => r.party_kind === 'alliance').map((r) => r.party_id);
  const [bases, staff] = await Promise.all([
    baseIds.length ? db.selectFrom('bases').select(['id', 'organisation_id']).where('id', 'in', baseIds).execute() : [],
    allianceIds.length
      ? db
          .selectFrom('base_alliance_staff')
          .select(['alliance_id', 'user_id'])
          .where('alliance_id', 'in', allianceIds)
          .execute()
      : [],
  ]);
  const orgOf = new Map(bases.map((b) => [b.id, b.organisation_id]));
  const coorganisers: CoorganiserFact[] = [
    ...baseIds.map((id) => ({
      kind: 'base' as const,
      partyId: id,
      parts: rows.find((r) => r.party_kind === 'base' && r.party_id === id)?.parts ?? [],
      organisationId: orgOf.get(id) ?? null,
      staffUserIds: [],
    })),
    ...rows
      .filter((r) => r.party_kind === 'alliance')
      .map((r) => ({
        kind: 'alliance' as const,
        partyId: r.party_id,
        parts: r.parts,
        organisationId: null,
        staffUserIds: staff.filter((s) => s.alliance_id === r.party_id).map((s) => s.user_id),
      })),
  ];
  const facts: DelegationFact[] = delegations.map((d) => ({
    organisationId: d.organisation_id,
    scopes: d.scopes,
    expiresAt: d.expires_at,
    revokedAt: d.revoked_at,
  }));
  return { supportOrganisationIds: support, coorganisers, delegations: facts, now };
}
