/** Test helpers of the meeting suites (not a test file itself): a theme day with organisers and signed-in participants. */
import type { OrgKind, Role } from '../../../common/roles.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import type { Client, TestEnv } from '../../test/harness.ts';
import { createOrganisation, createUser } from '../../test/factories.ts';
import { hostWorld, signIn } from '../themedays/test-helpers.ts';

export interface Person {
  user: { id: string; email: string; password: string };
  org: { id: string; name: string };
  client: Client;
}

/** A user with `role` in a new organisation (or the given one), signed in. */
export async function person(
  env: TestEnv,
  role: Role,
  o: { org?: { id: string; name: string }; regionCode?: string; kind?: OrgKind } = {},
): Promise<Person> {
  const db = env.database.db;
  const org =
    o.org ??
    (await createOrganisation(db, {
      kind:
        o.kind ??
        (['programme_owner', 'local_drc', 'department_reviewer'].includes(role) ? 'government' : 'enterprise'),
      ...(o.regionCode ? { regionCode: o.regionCode } : {}),
    }));
  const user = await createUser(db, { memberships: [{ organisationId: org.id, role }] });
  return {
    user: { id: user.id, email: user.email, password: user.password },
    org: { id: org.id, name: org.name },
    client: await signIn(env, user),
  };
}

/**
 * A theme day on 2020-09-10/11 hosted by a base in Beijing (110108), its signed-in base admin, a support
 * organisation named in the activity plan, and the owner.
 */
export async function meetingWorld(env: TestEnv) {
  const db = env.database.db;
  const w = await hostWorld(env, { regionCode: '110108' });
  const themeDayId = newId();
  await db
    .insertInto('theme_days')
    .values({
      id: themeDayId,
      programme_id: w.programme.id,
      plan_id: w.plan.id,
      base_id: w.host.base.id,
      title: `${w.host.base.short_name}融通创新主题日`,
      theme: '工业互联网',
      start_date: '2020-09-10',
      end_date: '2020-09-11',
      partner_base_ids: '[]',
      created_at: nowIso(),
      updated_at: nowIso(),
    })
    .execute();
  const support = await person(env, 'support_org');
  await db
    .insertInto('activity_plans')
    .values({
      id: newId(),
      theme_day_id: themeDayId,
      status: 'approved',
      title: '活动方案',
      content: JSON.stringify({ supportOrganisationIds: [support.org.id] }),
      submitted_at: null,
      decided_at: null,
      return_reason: null,
      created_at: nowIso(),
      updated_at: nowIso(),
    })
    .execute();
  const host: Person = {
    user: { id: w.host.admin.id, email: w.host.admin.email, password: w.host.admin.password },
    org: { id: w.host.org.id, name: w.host.org.name },
    client: await signIn(env, w.host.admin),
  };
  const owner: Person = {
    user: { id: w.owner.user.id, email: w.owner.user.email, password: w.owner.user.password },
    org: { id: w.owner.org.id, name: w.owner.org.name },
    client: await signIn(env, w.owner.user),
  };
  return { themeDayId, host, support, owner, programmeId: w.programme.id };
}

/** `n` slots of `minutes` from 09:00 Beijing time on the theme day's first day (plus an optional afternoon block). */
export function slots(n: number, opts: { minutes?: number; date?: string; afternoon?: number } = {}) {
  const minutes = opts.minutes ?? 30;
  const date = opts.date ?? '2020-09-10';
  const at = (h: number, m: number) => `${date}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  const out: { start: string; minutes: number }[] = [];
  for (let i = 0; i < n; i++) {
    const t = 9 * 60 + i * minutes;
    out.push({ start: at(Math.floor(t / 60), t % 60), minutes });
  }
  for (let i = 0; i < (opts.afternoon ?? 0); i++) {
    const t = 14 * 60 + i * minutes;
    out.push({ start: at(Math.floor(t / 60), t % 60), minutes });
  }
  return out;
}

export async function createSessionVia(c: Client, themeDayId: string, body: Record<string, unknown> = {}) {
  const r = await c.post(`/api/theme-days/${themeDayId}/meeting-sessions`, {
    title: '工业互联网供需洽谈会',
    mode: 'self_booking',
    slots: slots(4),
    tables: 2,
    ...body,
  });
  if (r.statusCode !== 201) throw new Error(`create session: ${r.body}`);
  return r.json<{ id: string; slots: { index: number; startsAt: string; endsAt: string; part: string }[] }>();
}

/** Signed-in members of distinct organisations, joined to the session. */
export async function joined(
  env: TestEnv,
  sessionId: string,
  n: number,
  role: Role = 'member',
): Promise<(Person & { pid: string })[]> {
  const out: (Person & { pid: string })[] = [];
  for (let i = 0; i < n; i++) {
    const p = await person(env, role);
    const r = await p.client.post(`/api/meeting-sessions/${sessionId}/participants`);
    if (r.statusCode !== 201) throw new Error(`join: ${r.body}`);
    out.push({ ...p, pid: r.json<{ id: string }>().id });
  }
  return out;
}

export async function requestVia(
  from: Person,
  sessionId: string,
  to: { pid: string },
  extra: Record<string, unknown> = {},
) {
  const r = await from.client.post(`/api/meeting-sessions/${sessionId}/requests`, {
    recipientParticipantId: to.pid,
    message: '希望交流合作',
    ...extra,
  });
  if (r.statusCode !== 201) throw new Error(`request: ${r.body}`);
  return r.json<{ id: string }>();
}

/** Request and accept; returns the meeting id. */
export async function meet(sessionId: string, a: Person & { pid: string }, b: Person & { pid: string }) {
  const req = await requestVia(a, sessionId, b);
  const r = await b.client.post(`/api/meeting-requests/${req.id}/accept`);
  if (r.statusCode !== 200) throw new Error(`accept: ${r.body}`);
  return r.json<{ meetingId: string }>().meetingId;
}

export { auditActions } from '../../test/harness.ts';

export async function notificationKinds(env: TestEnv, userId: string) {
  const rows = await env.database.db
    .selectFrom('notifications')
    .select('kind')
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.kind);
}
