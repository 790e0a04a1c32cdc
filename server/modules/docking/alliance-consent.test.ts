import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AllianceView } from '../../../common/contracts/docking.ts';
import { newId } from '../../lib/ids.ts';
import { auditActions, createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { person, type Person } from '../events/testkit.ts';
import * as consentMigration from '../../db/migrations/2026-12-15T20-alliance-consent.ts';

let env: TestEnv;
let founder: Person;
let invitee: Person;
let other: Person;
/** An investor of the invited organisation: not a role that acts for it. */
let inviteeInvestor: Person;
beforeAll(async () => {
  env = await createTestEnv();
  founder = await person(env, 'member', undefined, { sizeClass: 'large' });
  invitee = await person(env, 'member');
  other = await person(env, 'member');
  inviteeInvestor = await person(env, 'investor', invitee.org);
});
afterAll(async () => {
  await env?.close();
});

const db = () => env.database.db;

async function found(name: string, invited: Person[] = [invitee]): Promise<AllianceView> {
  const r = await founder.client.post('/api/alliances', {
    name,
    charter: '联盟章程：共享测试资源，联合攻关。',
    members: invited.map((p) => ({ organisationId: p.org.id, role: '理事单位' })),
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json<AllianceView>();
}
const publicView = async (id: string) =>
  (await env.app.inject({ method: 'GET', url: `/api/alliances/${id}` })).json<AllianceView>();
const memberIds = (a: AllianceView) => a.members.map((m) => m.organisation.id);
const notes = (userId: string) =>
  db().selectFrom('notifications').select(['kind', 'title', 'link']).where('user_id', '=', userId).execute();

describe(`alliance membership needs the member's consent (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('lists an invited organisation nowhere public until it accepts; the invitee is told and accepts', async () => {
    const a = await found('工业软件创新联盟');
    expect(memberIds(await publicView(a.id))).toEqual([founder.org.id]);
    expect((await publicView(a.id)).invitations).toEqual([]); // only the founder sees invitations
    expect((await other.client.get(`/api/alliances/${a.id}`)).json<AllianceView>().invitations).toEqual([]);
    const listed = (await env.app.inject({ method: 'GET', url: `/api/alliances?organisationId=${founder.org.id}` }))
      .json<{ items: AllianceView[] }>()
      .items.find((x) => x.id === a.id)!;
    expect(listed.members).toHaveLength(1);

    expect(await notes(invitee.user.id)).toContainEqual({
      kind: 'alliance_invitation',
      title: expect.stringContaining('工业软件创新联盟'),
      link: '/workspace/docking?tab=alliances',
    });
    const inbox = (await invitee.client.get('/api/alliance-invitations')).json<AllianceView[]>();
    const mine = inbox.find((x) => x.id === a.id)!;
    expect(mine.myInvitation).toMatchObject({ role: '理事单位' });
    expect(mine.abilities).toMatchObject({ respond: true, leave: false, manageMembers: false });

    const r = await invitee.client.post(`/api/alliances/${a.id}/invitation/accept`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json<AllianceView>()).toMatchObject({ myInvitation: null, abilities: { respond: false, leave: true } });
    expect(memberIds(await publicView(a.id))).toEqual([founder.org.id, invitee.org.id]);
    expect(
      (await invitee.client.get('/api/alliance-invitations')).json<AllianceView[]>().map((x) => x.id),
    ).not.toContain(a.id);
    expect((await notes(founder.user.id)).map((n) => n.kind)).toContain('alliance_invitation_accepted');
    expect(await auditActions(env, 'alliance', a.id)).toEqual(['accept_invitation', 'create']);
  });

  it('keeps a declining organisation out; the founder sees the answer and may invite it again', async () => {
    const a = await found('储能产业联盟');
    const r = await invitee.client.post(`/api/alliances/${a.id}/invitation/decline`);
    expect(r.statusCode, r.body).toBe(200);
    expect(memberIds(await publicView(a.id))).toEqual([founder.org.id]);
    const seen = (await founder.client.get(`/api/alliances/${a.id}`)).json<AllianceView>();
    expect(seen.invitations).toMatchObject([
      { organisation: { id: invitee.org.id }, status: 'declined', statusLabel: '已谢绝' },
    ]);
    expect((await notes(founder.user.id)).map((n) => n.kind)).toContain('alliance_invitation_declined');
    // Invited again: a new invitation awaiting a new answer.
    const again = await founder.client.post(`/api/alliances/${a.id}/members`, { organisationId: invitee.org.id });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<AllianceView>().invitations).toMatchObject([{ status: 'invited', respondedAt: null }]);
    expect((await invitee.client.post(`/api/alliances/${a.id}/invitation/accept`)).statusCode).toBe(200);
    expect(await auditActions(env, 'alliance', a.id)).toEqual([
      'accept_invitation',
      'create',
      'decline_invitation',
      'invite_member',
    ]);
  });

  it('refuses answers from anyone but the invited organisation, and a second answer', async () => {
    const a = await found('氢能联盟');
    // Not invited: the invitation does not exist for them.
    expect(problem(await other.client.post(`/api/alliances/${a.id}/invitation/accept`))).toMatchObject({
      status: 404,
    });
    // The founder cannot answer for anyone.
    expect(problem(await founder.client.post(`/api/alliances/${a.id}/invitation/accept`)).status).toBe(409);
    // A role that does not act for the invited organisation.
    expect(problem(await inviteeInvestor.client.post(`/api/alliances/${a.id}/invitation/accept`))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    expect(
      problem(await env.app.inject({ method: 'POST', url: `/api/alliances/${a.id}/invitation/accept` })).status,
    ).toBe(401);
    expect(problem(await invitee.client.post('/api/alliances/no-such-alliance/invitation/accept')).status).toBe(404);
    // Only the founder invites or withdraws.
    expect(
      problem(await invitee.client.post(`/api/alliances/${a.id}/members`, { organisationId: other.org.id })).code,
    ).toBe('forbidden');
    expect(problem(await other.client.delete(`/api/alliances/${a.id}/members/${invitee.org.id}`)).code).toBe(
      'forbidden',
    );
    expect((await invitee.client.post(`/api/alliances/${a.id}/invitation/decline`)).statusCode).toBe(200);
    expect(problem(await invitee.client.post(`/api/alliances/${a.id}/invitation/accept`))).toMatchObject({
      status: 409,
      code: 'invalid_state',
    });
    expect(memberIds(await publicView(a.id))).toEqual([founder.org.id]);
  });

  it('answers an invitation once when accept and decline race', async () => {
    const a = await found('并发联盟');
    const [x, y] = await Promise.all([
      invitee.client.post(`/api/alliances/${a.id}/invitation/accept`),
      invitee.client.post(`/api/alliances/${a.id}/invitation/decline`),
    ]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
    const answers = (await auditActions(env, 'alliance', a.id)).filter((s) => s.endsWith('_invitation'));
    expect(answers).toHaveLength(1);
  });

  it('lets a member leave, but not the founder', async () => {
    const a = await found('可退出联盟');
    await invitee.client.post(`/api/alliances/${a.id}/invitation/accept`);
    const r = await invitee.client.delete(`/api/alliances/${a.id}/members/${invitee.org.id}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(memberIds(await publicView(a.id))).toEqual([founder.org.id]);
    expect(await auditActions(env, 'alliance', a.id)).toContain('leave');
    expect(problem(await founder.client.delete(`/api/alliances/${a.id}/members/${founder.org.id}`)).code).toBe(
      'invalid_state',
    );
  });

  it('keeps existing members as accepted members when the migration runs', async () => {
    const a = await found('迁移前的联盟', []);
    await consentMigration.down(db() as unknown as Kysely<unknown>);
    await sql`insert into alliance_members (id, alliance_id, organisation_id, role, joined_at)
      values (${newId()}, ${a.id}, ${other.org.id}, ${'成员单位'}, ${'2020-05-01T00:00:00.000Z'})`.execute(db());
    await consentMigration.up(db() as unknown as Kysely<unknown>);
    const rows = await db()
      .selectFrom('alliance_members')
      .select(['organisation_id', 'status'])
      .where('alliance_id', '=', a.id)
      .execute();
    expect(rows.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    expect(memberIds(await publicView(a.id)).sort()).toEqual([founder.org.id, other.org.id].sort());
  });
});
