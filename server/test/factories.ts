/**
 * Factories: build what a test needs, with its parents. Passwords hash once per distinct password,
 * because argon2id is deliberately slow.
 *
 * Timestamps come from the test clock (the one the app under test reads), never the wall clock: a row a
 * factory writes and a row the app writes then compare the way they would in production, and a test
 * that moves the clock moves the factories with it. `createTestEnv` installs its clock here.
 */
import type { Selectable } from 'kysely';
import type { SizeClass } from '../../common/contracts/organisations.ts';
import type { BaseKind, Department, OrgKind, Role } from '../../common/roles.ts';
import { makeUscc } from '../../common/uscc-make.ts';
import type { Executor } from '../db/index.ts';
import type { BaseTable, OrganisationTable } from '../db/schema.ts';
import type { Clock } from '../lib/context.ts';
import { newId, nowIso } from '../lib/ids.ts';
import { hashPassword } from '../lib/passwords.ts';

/** The clock the factories stamp rows with; createTestEnv sets it to the env's TestClock. */
let clock: Clock = { now: () => new Date() };

/** Makes the factories read `c` (server/test/harness.ts calls this with the app's test clock). */
export function useFactoryClock(c: Clock): void {
  clock = c;
}

/** "Now" as the app under test sees it, as stored (ISO-8601 UTC). */
export const factoryNow = (): string => nowIso(clock.now());

export const DEFAULT_PASSWORD = 'Rongtong@2020';
const hashes = new Map<string, Promise<string>>();
const cachedHash = (pw: string) => {
  let h = hashes.get(pw);
  if (!h) {
    h = hashPassword(pw);
    hashes.set(pw, h);
  }
  return h;
};

let seq = 0;
const next = () => ++seq;

export async function createOrganisation(
  db: Executor,
  o: Partial<{
    name: string;
    kind: OrgKind;
    regionCode: string;
    industryCode: string;
    departmentCode: Department;
    sizeClass: SizeClass;
    uscc: string;
    verificationStatus: 'unverified' | 'verified' | 'rejected';
  }> = {},
) {
  const n = next();
  const now = factoryNow();
  const row: Selectable<OrganisationTable> = {
    id: newId(),
    name: o.name ?? `测试机构${n}有限公司`,
    uscc: o.uscc ?? makeUscc(n * 7919 + Math.floor(Math.random() * 1e6)),
    uscc_status: 'valid',
    kind: o.kind ?? 'enterprise',
    region_code: o.regionCode ?? '110108',
    industry_code: o.industryCode ?? '39',
    employees: null,
    revenue_wan: null,
    assets_wan: null,
    size_class: o.sizeClass ?? null,
    department_code: o.departmentCode ?? null,
    verification_status: o.verificationStatus ?? 'verified',
    registered_by: null,
    verified_by: null,
    verified_at: null,
    rejection_reason: null,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('organisations').values(row).execute();
  return row;
}

export async function createBase(
  db: Executor,
  b: Partial<{
    name: string;
    shortName: string;
    kind: BaseKind;
    organisationId: string | null;
    regionCode: string;
    batch: number;
    supervisorOrganisationId: string | null;
  }> = {},
) {
  const n = next();
  const now = factoryNow();
  const organisationId =
    b.organisationId === undefined ? (await createOrganisation(db, { name: `基地运营企业${n}` })).id : b.organisationId;
  const row: Selectable<BaseTable> = {
    id: newId(),
    name: b.name ?? `测试示范基地${n}`,
    short_name: b.shortName ?? `测试${n}`,
    kind: b.kind ?? 'enterprise',
    batch: b.batch ?? 2,
    region_code: b.regionCode ?? '110108',
    supervising_department: 'SASAC',
    organisation_id: organisationId,
    description: null,
    created_at: now,
    updated_at: now,
    supervisor_organisation_id: b.supervisorOrganisationId ?? null,
  };
  await db.insertInto('bases').values(row).execute();
  return row;
}

export async function createUser(
  db: Executor,
  u: Partial<{
    name: string;
    email: string;
    mobile: string;
    password: string;
    memberships: { organisationId: string; role: Role }[];
  }> = {},
) {
  const n = next();
  const now = factoryNow();
  const row = {
    id: newId(),
    name: u.name ?? `用户${n}`,
    email: (u.email ?? `user${n}.${Math.random().toString(36).slice(2, 8)}@example.cn`).toLowerCase(),
    mobile: u.mobile ?? null,
    password_hash: await cachedHash(u.password ?? DEFAULT_PASSWORD),
    locked_until: null,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('users').values(row).execute();
  for (const m of u.memberships ?? []) {
    await db
      .insertInto('memberships')
      .values({
        id: newId(),
        user_id: row.id,
        organisation_id: m.organisationId,
        role: m.role,
        created_at: factoryNow(),
      })
      .execute();
  }
  return { ...row, password: u.password ?? DEFAULT_PASSWORD };
}

/** A user with one role in a (new or given) organisation. */
export async function createUserWithRole(
  db: Executor,
  role: Role,
  org?: { id: string },
  extra: Partial<{ name: string; email: string; mobile: string; password: string }> = {},
) {
  const organisation =
    org ??
    (await createOrganisation(db, {
      kind: role === 'department_reviewer' || role === 'programme_owner' ? 'government' : 'enterprise',
    }));
  return createUser(db, { ...extra, memberships: [{ organisationId: organisation.id, role }] });
}
