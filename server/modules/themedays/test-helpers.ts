/**
 * Small factories for the theme-day, activity-plan, public and to-do tests: programmes and preliminary
 * plans are written directly (the programmes/plans modules are built separately), users sign in for real.
 * Statuses are checked against the contracts' lists, so a mistyped status fails here, not in the app.
 */
import { defaultRules2020, type ProgrammeRules } from '../../../common/programme-rules.ts';
import { PlanStatus } from '../../../common/contracts/plans.ts';
import { ProgrammeStatus } from '../../../common/contracts/programmes.ts';
import type { BaseKind, Role } from '../../../common/roles.ts';
import type { Executor } from '../../db/index.ts';
import { newId } from '../../lib/ids.ts';
import { Client, type TestEnv } from '../../test/harness.ts';
import { createBase, createOrganisation, createUser, createUserWithRole, factoryNow } from '../../test/factories.ts';

export async function createProgramme(
  db: Executor,
  p: { year?: number; status?: string; rules?: Partial<ProgrammeRules> } = {},
) {
  const year = p.year ?? 2020;
  const row = {
    id: newId(),
    year,
    name: `${year}年国家双创示范基地“融通创新”主题日`,
    // Plans here are written without reviews: the minReviews rule is off unless a test sets it.
    rules: JSON.stringify({
      ...defaultRules2020,
      planDeadline: `${year}-06-30T23:59:59`,
      minReviews: 0,
      ...(p.rules ?? {}),
    }),
    status: ProgrammeStatus.parse(p.status ?? 'open'),
    opened_at: factoryNow(),
    closed_at: null,
    created_at: factoryNow(),
    updated_at: factoryNow(),
  };
  await db.insertInto('programmes').values(row).execute();
  return row;
}

export const FULL_AREAS = defaultRules2020.contentAreas
  .slice(0, 4)
  .map((a) => ({ key: a.key, description: `${a.name}：开放场景与对接活动` }));

export async function createPlan(
  db: Executor,
  p: {
    programmeId: string;
    baseId: string;
    status?: string;
    theme?: string;
    partnerBaseIds?: string[];
    areas?: { key: string; description: string }[];
    createdBy: string;
  },
) {
  const row = {
    id: newId(),
    programme_id: p.programmeId,
    base_id: p.baseId,
    status: PlanStatus.parse(p.status ?? 'submitted'),
    theme: p.theme ?? '工业互联网',
    title: '活动初步计划',
    body: '正文',
    partner_base_ids: JSON.stringify(p.partnerBaseIds ?? []),
    areas: JSON.stringify(p.areas ?? FULL_AREAS),
    planned_months: JSON.stringify([9]),
    epidemic_measures: '线上为主，线下限流',
    submitted_at: factoryNow(),
    return_reason: null,
    created_by: p.createdBy,
    created_at: factoryNow(),
    updated_at: factoryNow(),
  };
  await db.insertInto('preliminary_plans').values(row).execute();
  return row;
}

/** A base run by its own organisation, with one administrator. */
export async function createBaseWithAdmin(
  db: Executor,
  b: { shortName?: string; name?: string; regionCode?: string; kind?: BaseKind } = {},
) {
  const org = await createOrganisation(db, {
    kind: 'enterprise',
    ...(b.regionCode ? { regionCode: b.regionCode } : {}),
  });
  const base = await createBase(db, { organisationId: org.id, ...b });
  const admin = await createUserWithRole(db, 'base_admin', org);
  return { org, base, admin };
}

export async function userWithRole(db: Executor, role: Role, orgOpts: Parameters<typeof createOrganisation>[1] = {}) {
  const org = await createOrganisation(db, orgOpts);
  const user = await createUser(db, { memberships: [{ organisationId: org.id, role }] });
  return { org, user };
}

export async function signIn(env: TestEnv, user: { email: string | null; password: string }): Promise<Client> {
  const c = new Client(env.app);
  const r = await c.login(user.email ?? '', user.password);
  if (r.statusCode !== 200) throw new Error(`login failed: ${r.body}`);
  return c;
}

/** The world most tests need: an owner, a host base with a submitted plan naming a partner base. */
export async function hostWorld(
  env: TestEnv,
  opts: { year?: number; programmeStatus?: string; shortName?: string; regionCode?: string } = {},
) {
  const db = env.database.db;
  const year = opts.year ?? 2020;
  // One programme per year (unique): worlds of the same year share it.
  const programme =
    (await db.selectFrom('programmes').selectAll().where('year', '=', year).executeTakeFirst()) ??
    (await createProgramme(db, { year, status: opts.programmeStatus ?? 'open' }));
  const owner = await userWithRole(db, 'programme_owner', { kind: 'government', departmentCode: 'NDRC' });
  const host = await createBaseWithAdmin(db, {
    shortName: opts.shortName ?? `海尔${Math.random().toString(36).slice(2, 6)}`,
    ...(opts.regionCode ? { regionCode: opts.regionCode } : {}),
  });
  const partner = await createBaseWithAdmin(db, {});
  const plan = await createPlan(db, {
    programmeId: programme.id,
    baseId: host.base.id,
    partnerBaseIds: [partner.base.id],
    createdBy: host.admin.id,
  });
  return { programme, owner, host, partner, plan };
}

/** `hostWorld` with its plan scheduled as a theme day by the owner (start and end: YYYY-MM-DD). */
export async function scheduledWorld(
  env: TestEnv,
  year: number,
  start: string,
  end: string,
  opts: { shortName?: string; regionCode?: string } = {},
) {
  const w = await hostWorld(env, { year, ...opts });
  const ownerClient = await signIn(env, w.owner.user);
  const r = await ownerClient.post(`/api/programmes/${w.programme.id}/theme-days`, {
    planId: w.plan.id,
    startDate: start,
    endDate: end,
  });
  if (r.statusCode !== 201) throw new Error(`scheduling failed: ${r.body}`);
  return { ...w, ownerClient, themeDayId: r.json<{ themeDay: { id: string } }>().themeDay.id };
}
