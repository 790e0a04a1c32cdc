import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, problem, testDialect, type TestEnv } from '../../test/harness.ts';
import { clientFor, person, type Person } from '../events/testkit.ts';

// Issue 14: which recommendations were followed. Showing a list records impressions (one per
// recommendation and day); a response, meeting request or cooperation project within 30 days marks them;
// GET /api/search/recommendations/stats gives NDRC and the system administrator the acceptance rate.
let env: TestEnv;
let owner: Person;
let demander: Person; // large firm that publishes the demand
let solver: Person; // sees the demand recommended, then responds
let stranger: Person; // responds without having been shown it
let late: Person; // shown it, responds after 31 days
const ids: Record<string, string> = {};

interface Stats {
  shown: number;
  followed: number;
  rate: number | null;
  byKind: { kind: string; label: string; followed: number }[];
  byMonth: { month: string; shown: number; followed: number; rate: number | null }[];
}
interface Rec {
  type: string;
  id: string;
}

const stats = async (): Promise<Stats> => {
  const r = await owner.client.get('/api/search/recommendations/stats');
  expect(r.statusCode, r.body).toBe(200);
  return r.json<Stats>();
};
const kinds = (s: Stats) => Object.fromEntries(s.byKind.map((k) => [k.kind, k.followed]));
const impressions = () => env.database.db.selectFrom('recommendation_impressions').selectAll().execute();

async function offer(p: Person, title: string, description: string): Promise<string> {
  const r = await p.client.post('/api/resources', { type: 'lab', title, description, priceModel: 'free' });
  expect(r.statusCode, r.body).toBe(201);
  const id = r.json<{ id: string }>().id;
  expect((await p.client.post(`/api/resources/${id}/publish`)).statusCode).toBe(200);
  env.clock.advance(60_000);
  return id;
}

const forMe = async (p: Person): Promise<Rec[]> => {
  const r = await p.client.get('/api/recommendations/for-me');
  expect(r.statusCode, r.body).toBe(200);
  return r.json<{ demands: Rec[] }>().demands;
};
const respond = (p: Person, key?: string) =>
  p.client.request({
    method: 'POST',
    url: `/api/demands/${ids.demand}/responses`,
    payload: { proposal: '我单位具备车规级芯片封装与可靠性测试能力，可联合攻关。' },
    headers: key ? { 'idempotency-key': key } : {},
  });

/** Moves the clock by whole days; everyone signs in again (sessions expire meanwhile). */
async function days(n: number): Promise<void> {
  env.clock.advance(n * 86_400_000);
  for (const p of [owner, demander, solver, stranger, late]) p.client = await clientFor(env, p.user.id);
}

const large = (name: string, regionCode: string) =>
  person(env, 'member', undefined, { name, sizeClass: 'large', regionCode, industryCode: '39' });

beforeAll(async () => {
  env = await createTestEnv({ now: '2020-05-20T02:00:00Z', env: { SEARCH_REFRESH_SECONDS: '0' } });
  owner = await person(env, 'programme_owner');
  demander = await large('苏州华芯微电子有限公司', '320506');
  solver = await large('无锡芯测科技有限公司', '320214');
  stranger = await large('合肥晶封半导体有限公司', '340104');
  late = await large('成都芯可靠检测有限公司', '510107');
  for (const p of [solver, stranger, late])
    await offer(p, '车规级芯片封装测试与可靠性验证平台', '提供车规级芯片封装、老化与可靠性测试，AEC-Q100 认证。');
  const d = await demander.client.post('/api/demands', {
    kind: 'demand',
    title: '车规级芯片封装测试与可靠性验证',
    fieldCode: 'C39',
    description: '需要车规级芯片封装测试和可靠性验证能力，通过 AEC-Q100 认证。',
    cooperationMode: 'joint_rd',
    deadline: '2020-12-31',
  });
  expect(d.statusCode, d.body).toBe(201);
  ids.demand = d.json<{ id: string }>().id;
  expect((await demander.client.post(`/api/demands/${ids.demand}/publish`)).statusCode).toBe(200);
  await env.app.searchIndex.refresh();
});
afterAll(async () => {
  await env?.close();
});

describe(`recommendation acceptance (${testDialect()})`, () => {
  it('is shown to NDRC and the system administrator only', async () => {
    expect((await env.app.inject({ method: 'GET', url: '/api/search/recommendations/stats' })).statusCode).toBe(401);
    expect(problem(await solver.client.get('/api/search/recommendations/stats'))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    const admin = await person(env, 'system_admin');
    expect((await admin.client.get('/api/search/recommendations/stats')).statusCode).toBe(200);
    expect(await stats()).toMatchObject({ shown: 0, followed: 0, rate: null, byMonth: [] });
  });

  it('records an impression once a day however often the list is shown', async () => {
    expect((await forMe(solver)).map((r) => r.id)).toContain(ids.demand);
    await forMe(solver);
    await forMe(solver);
    const rows = (await impressions()).filter((r) => r.viewer_org_id === solver.org.id && r.item_id === ids.demand);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ subject_kind: 'organisation', item_type: 'demand', item_org_id: demander.org.id });
    expect(rows[0]!.rank).toBeGreaterThanOrEqual(1);
    expect((await forMe(late)).map((r) => r.id)).toContain(ids.demand);
  });

  it('counts a response after the impression as followed; one without an impression does not count', async () => {
    await days(2);
    const r = await respond(solver, 'resp-solver');
    expect(r.statusCode, r.body).toBe(201);
    const s = await respond(stranger);
    expect(s.statusCode, s.body).toBe(201);
    const rows = await impressions();
    expect(rows.filter((x) => x.followed_at !== null).map((x) => [x.viewer_org_id, x.followed_kind])).toEqual([
      [solver.org.id, 'response'],
    ]);
    expect(rows.some((x) => x.viewer_org_id === stranger.org.id)).toBe(false);
    const st = await stats();
    expect(st.followed).toBe(1);
    expect(kinds(st)).toEqual({ response: 1, meeting_request: 0, project: 0 });
    expect(st.rate).toBeCloseTo(1 / st.shown, 4);
  });

  it('does not count twice: a retried response, the list shown again, a later project with the same party', async () => {
    const before = await stats();
    // the same request retried with its key: replayed, nothing new
    const replay = await respond(solver, 'resp-solver');
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    // a second response is refused; shown again on a later day: a new impression row of the same recommendation
    expect(problem(await respond(solver)).code).toBe('already_responded');
    await days(1);
    await forMe(solver);
    // a cooperation project between the two: the recommendation was already followed
    const p = await solver.client.post('/api/projects', {
      title: '车规级芯片封装测试联合攻关',
      type: 'joint_rd',
      parties: [
        { organisationId: solver.org.id, role: 'lead' },
        { organisationId: demander.org.id, role: 'participant' },
      ],
    });
    expect(p.statusCode, p.body).toBe(201);
    const after = await stats();
    expect(after.followed).toBe(before.followed);
    expect(after.shown).toBe(before.shown);
    expect(kinds(after)).toEqual(kinds(before));
    const solverRows = (await impressions()).filter(
      (x) => x.viewer_org_id === solver.org.id && x.item_id === ids.demand,
    );
    expect(solverRows).toHaveLength(2);
  });

  it('does not count a response more than 30 days after the recommendation was shown', async () => {
    await days(31);
    expect((await respond(late)).statusCode).toBe(201);
    const rows = (await impressions()).filter((x) => x.viewer_org_id === late.org.id);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((x) => x.followed_at === null)).toBe(true);
  });

  it('counts a cooperation project with an organisation recommended for a demand, by month', async () => {
    const rec = await demander.client.get(`/api/demands/${ids.demand}/recommendations`);
    expect(rec.statusCode, rec.body).toBe(200);
    const items = rec.json<{ items: Rec[] }>().items;
    expect(items.length).toBeGreaterThan(0);
    const before = await stats();
    const p = await demander.client.post('/api/projects', {
      title: '芯片可靠性验证合作',
      type: 'joint_rd',
      parties: [
        { organisationId: demander.org.id, role: 'lead' },
        { organisationId: stranger.org.id, role: 'participant' },
      ],
    });
    expect(p.statusCode, p.body).toBe(201);
    const rows = (await impressions()).filter((x) => x.viewer_org_id === demander.org.id);
    const followed = rows.filter((x) => x.followed_kind === 'project');
    expect(followed.length).toBeGreaterThan(0);
    expect(followed.every((x) => x.item_org_id === stranger.org.id && x.subject_id === ids.demand)).toBe(true);
    const after = await stats();
    expect(after.followed).toBe(before.followed + new Set(followed.map((x) => x.rec_key)).size);
    expect(kinds(after).project).toBe(new Set(followed.map((x) => x.rec_key)).size);
    expect(after.byMonth.map((m) => m.month)).toEqual(['2020-05', '2020-06']);
    expect(after.byMonth.reduce((n, m) => n + m.followed, 0)).toBeGreaterThanOrEqual(after.followed);
  });
});
