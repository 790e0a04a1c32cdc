/** Test helpers of the survey suites (not a test file itself): participants written straight into the tables. */
import type { SizeClass } from '../../../common/contracts/organisations.ts';
import type { OrgKind } from '../../../common/roles.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import type { TestEnv } from '../../test/harness.ts';
import { createOrganisation, createUser } from '../../test/factories.ts';

export interface Participant {
  userId: string;
  orgId: string;
}

/** An event session of the theme day (the rows registrations hang on). */
export async function eventSession(env: TestEnv, themeDayId: string, createdBy: string): Promise<string> {
  const id = newId();
  const now = nowIso(env.clock.now());
  await env.database.db
    .insertInto('event_sessions')
    .values({
      id,
      theme_day_id: themeDayId,
      title: '融通创新主题日开幕式',
      kind: 'opening',
      mode: 'offline',
      description: null,
      starts_at: '2020-09-10T01:00:00.000Z',
      ends_at: '2020-09-10T04:00:00.000Z',
      venue: '会议中心',
      venue_capacity: 500,
      capacity: 500,
      online_limit: null,
      online_channel: null,
      registration_opens_at: '2020-08-01T00:00:00.000Z',
      registration_closes_at: '2020-09-09T00:00:00.000Z',
      questions: '[]',
      created_by: createdBy,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

let seq = 0;

/** A person of a new organisation registered to the session (checked in when asked). */
export async function registrant(
  env: TestEnv,
  sessionId: string,
  o: {
    sizeClass?: SizeClass;
    kind?: OrgKind;
    checkedIn?: boolean;
    status?: 'registered' | 'waitlisted' | 'cancelled';
  } = {},
): Promise<Participant> {
  const db = env.database.db;
  const org = await createOrganisation(db, {
    kind: o.kind ?? 'enterprise',
    ...(o.sizeClass ? { sizeClass: o.sizeClass } : {}),
  });
  const user = await createUser(db, { memberships: [{ organisationId: org.id, role: 'member' }] });
  await registration(env, sessionId, { userId: user.id, orgId: org.id }, o);
  return { userId: user.id, orgId: org.id };
}

export async function registration(
  env: TestEnv,
  sessionId: string,
  p: Participant,
  o: { checkedIn?: boolean; status?: 'registered' | 'waitlisted' | 'cancelled' } = {},
): Promise<void> {
  const now = nowIso(env.clock.now());
  seq++;
  await env.database.db
    .insertInto('event_registrations')
    .values({
      id: newId(),
      session_id: sessionId,
      user_id: p.userId,
      organisation_id: p.orgId,
      attendance: 'offline',
      status: o.status ?? 'registered',
      seq,
      answers: '{}',
      code: `C${seq}${Math.random().toString(36).slice(2, 8)}`,
      checked_in_at: o.checkedIn ? now : null,
      checked_in_by: null,
      cancelled_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/** The survey link tokens sent to each user (from their in-app notifications), by user id. */
export async function tokensByUser(env: TestEnv): Promise<Map<string, string>> {
  const rows = await env.database.db
    .selectFrom('notifications')
    .select(['user_id', 'link'])
    .where('kind', '=', 'survey_invitation')
    .execute();
  const out = new Map<string, string>();
  for (const r of rows) {
    const m = /^\/survey\/([A-Za-z0-9_-]+)$/.exec(r.link ?? '');
    if (m) out.set(r.user_id, m[1]!);
  }
  return out;
}

/** A complete, valid answer set of the core instrument v1. */
export const fullAnswers = (over: Record<string, unknown> = {}) => ({
  participation_mode: 'offline',
  organisation: 5,
  matchmaking_value: 4,
  gains: ['partner_found', 'policy_info'],
  overall: 5,
  recommend: 9,
  ...over,
});

/** Posts answers by token from its own address (the public routes are rate-limited per IP). */
export function answer(env: TestEnv, token: string, answers: Record<string, unknown>, ip = '10.0.0.1') {
  return env.app.inject({
    method: 'POST',
    url: `/api/public/surveys/by-token/${token}`,
    payload: { answers },
    remoteAddress: ip,
  });
}
