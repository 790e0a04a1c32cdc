/**
 * Test helpers for the events and roadshow suites (not a test file): a theme day with an approved activity
 * plan, and signed-in clients minted straight into the sessions table — a real session that the session
 * plugin loads like any other, without 200 argon2 verifications when a test needs 200 people.
 */
import { randomBytes } from 'node:crypto';
import type { ActivityPlanStatus } from '../../../common/contracts/themedays.ts';
import type { Role } from '../../../common/roles.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { tokenHash } from '../../plugins/session.ts';
import { Client, type TestEnv } from '../../test/harness.ts';
import { createOrganisation, createUser } from '../../test/factories.ts';
import { createBaseWithAdmin, createPlan, createProgramme, FULL_AREAS } from '../themedays/test-helpers.ts';

/** A client signed in as `userId` (optionally acting in the organisation of `membershipId`). */
export async function clientFor(env: TestEnv, userId: string, membershipId: string | null = null): Promise<Client> {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  const now = env.clock.now();
  await env.database.db
    .insertInto('sessions')
    .values({
      id: tokenHash(token),
      user_id: userId,
      membership_id: membershipId,
      csrf_token: csrf,
      ip: '127.0.0.1',
      user_agent: 'test',
      created_at: nowIso(now),
      last_seen_at: nowIso(now),
      expires_at: nowIso(new Date(now.getTime() + 12 * 3600_000)),
    })
    .execute();
  const c = new Client(env.app);
  c.cookie = `rt_sid=${token}`;
  c.csrf = csrf;
  return c;
}

export interface Person {
  user: { id: string; name: string };
  org: { id: string; name: string };
  client: Client;
}

/** A signed-in user holding `role` in a new (or the given) organisation. */
export async function person(
  env: TestEnv,
  role: Role,
  org?: { id: string; name: string },
  orgOpts: Parameters<typeof createOrganisation>[1] = {},
): Promise<Person> {
  const db = env.database.db;
  const o =
    org ??
    (await createOrganisation(db, {
      kind: role === 'programme_owner' || role === 'local_drc' ? 'government' : 'enterprise',
      ...orgOpts,
    }));
  const user = await createUser(db, { memberships: [{ organisationId: o.id, role }] });
  return { user, org: o, client: await clientFor(env, user.id) };
}

let years = 2030;

export interface EventWorld {
  programme: { id: string; year: number };
  themeDay: { id: string; startDate: string; endDate: string };
  host: Person & { baseId: string };
  support: Person;
  activityPlanId: string;
}

/**
 * A theme day (its own programme year, so dates never clash) on 2020-09-15..16 by default, with an
 * activity plan in `planStatus` (approved by default) naming one support organisation.
 */
export async function eventWorld(
  env: TestEnv,
  opts: {
    headcountLimit?: number | null;
    planStatus?: ActivityPlanStatus;
    programmeStatus?: string;
    onlineChannel?: string;
    regionCode?: string;
  } = {},
): Promise<EventWorld> {
  const db = env.database.db;
  const year = years++;
  const programme = await createProgramme(db, { year, status: opts.programmeStatus ?? 'open' });
  const host = await createBaseWithAdmin(db, {
    shortName: `场次基地${year}${Math.random().toString(36).slice(2, 5)}`,
    ...(opts.regionCode ? { regionCode: opts.regionCode } : {}),
  });
  const plan = await createPlan(db, {
    programmeId: programme.id,
    baseId: host.base.id,
    status: 'selected',
    createdBy: host.admin.id,
  });
  const supportOrg = await createOrganisation(db, { kind: 'support_org' });
  const supportUser = await createUser(db, { memberships: [{ organisationId: supportOrg.id, role: 'support_org' }] });
  const themeDayId = newId();
  const now = nowIso();
  await db
    .insertInto('theme_days')
    .values({
      id: themeDayId,
      programme_id: programme.id,
      plan_id: plan.id,
      base_id: host.base.id,
      title: `${host.base.short_name}融通创新主题日`,
      theme: '工业互联网',
      start_date: '2020-09-15',
      end_date: '2020-09-16',
      partner_base_ids: '[]',
      created_at: now,
      updated_at: now,
    })
    .execute();
  const activityPlanId = newId();
  await db
    .insertInto('activity_plans')
    .values({
      id: activityPlanId,
      theme_day_id: themeDayId,
      status: opts.planStatus ?? 'approved',
      title: `${host.base.short_name}融通创新主题日活动方案`,
      content: JSON.stringify({
        agenda: [{ date: '2020-09-15', time: '09:00—11:30', item: '创新团队对接路演' }],
        parts: FULL_AREAS,
        partnerBaseIds: [],
        supportOrganisationIds: [supportOrg.id],
        venue: '青岛国际会议中心',
        headcountLimit: opts.headcountLimit === undefined ? 100 : opts.headcountLimit,
        onlineChannel: opts.onlineChannel ?? 'https://live.example.cn/rongtong',
        epidemicMeasures: '实名登记、测温、佩戴口罩，线下人数控制在核定范围内。',
        emergencyPlan: '设立应急处置小组，发现发热人员立即隔离并报告属地卫生健康部门。',
      }),
      submitted_at: now,
      decided_at: now,
      return_reason: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return {
    programme: { id: programme.id, year },
    themeDay: { id: themeDayId, startDate: '2020-09-15', endDate: '2020-09-16' },
    host: { user: host.admin, org: host.org, baseId: host.base.id, client: await clientFor(env, host.admin.id) },
    support: { user: supportUser, org: supportOrg, client: await clientFor(env, supportUser.id) },
    activityPlanId,
  };
}

/** A valid session body (registration open from May to the eve of the theme day). */
export function sessionBody(over: Record<string, unknown> = {}) {
  return {
    title: '创新团队对接路演',
    kind: 'roadshow',
    mode: 'offline',
    startsAt: '2020-09-15T09:00',
    endsAt: '2020-09-15T11:30',
    venue: '主会场',
    registrationOpensAt: '2020-05-01T00:00',
    registrationClosesAt: '2020-09-14T18:00',
    questions: [],
    ...over,
  };
}

/** Creates a session as the host; returns its id. */
export async function createSessionVia(w: EventWorld, over: Record<string, unknown> = {}): Promise<string> {
  const r = await w.host.client.post(`/api/theme-days/${w.themeDay.id}/sessions`, sessionBody(over));
  if (r.statusCode !== 201) throw new Error(`create session: ${r.body}`);
  return r.json<{ id: string }>().id;
}

/** `n` members, each in their own organisation, signed in. */
export async function members(env: TestEnv, n: number): Promise<Person[]> {
  const db = env.database.db;
  const org = await createOrganisation(db, { kind: 'enterprise' });
  const out: Person[] = [];
  for (let i = 0; i < n; i++) {
    const user = await createUser(db, { memberships: [{ organisationId: org.id, role: 'member' }] });
    out.push({ user, org, client: await clientFor(env, user.id) });
  }
  return out;
}
