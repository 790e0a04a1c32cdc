import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, testDialect, type TestEnv } from '../../test/harness.ts';
import { newId } from '../../lib/ids.ts';
import { createSessionVia, joined, meetingWorld, requestVia } from '../meetings/testkit.ts';

// Issue 14: a meeting request to an organisation recommended to the requester (an impression in the 30 days
// before) marks that recommendation followed, in the request's transaction; other requests mark nothing.
let env: TestEnv;
let w: Awaited<ReturnType<typeof meetingWorld>>;

beforeAll(async () => {
  env = await createTestEnv();
  w = await meetingWorld(env);
});
afterAll(async () => {
  await env?.close();
});

/** An impression as GET …/recommendations records it: `item` of `itemOrg` shown to `viewer`, `daysAgo` days ago. */
async function shown(viewer: string, itemOrg: string, daysAgo: number): Promise<string> {
  const at = new Date(env.clock.now().getTime() - daysAgo * 86_400_000);
  const id = newId();
  const item = newId();
  await env.database.db
    .insertInto('recommendation_impressions')
    .values({
      id,
      rec_key: `${viewer}|d-1|${item}`,
      viewer_org_id: viewer,
      subject_kind: 'demand',
      subject_id: 'd-1',
      item_type: 'resource',
      item_id: item,
      item_org_id: itemOrg,
      rank: 1,
      shown_on: at.toISOString().slice(0, 10),
      shown_at: at.toISOString(),
      followed_kind: null,
      followed_ref: null,
      followed_at: null,
    })
    .execute();
  return id;
}
const row = (id: string) =>
  env.database.db.selectFrom('recommendation_impressions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe(`meeting requests follow recommendations (${testDialect()})`, () => {
  it('marks the recommendation of the recipient’s organisation, not others, and not one shown over 30 days ago', async () => {
    const s = await createSessionVia(w.host.client, w.themeDayId, { tables: 2 });
    const [a, b, c, d] = await joined(env, s.id, 4);
    const ab = await shown(a!.org.id, b!.org.id, 3);
    const ac = await shown(a!.org.id, c!.org.id, 3);
    const old = await shown(d!.org.id, b!.org.id, 31);
    const req = await requestVia(a!, s.id, b!);
    expect(await row(ab)).toMatchObject({ followed_kind: 'meeting_request', followed_ref: req.id });
    expect((await row(ac)).followed_at).toBeNull();
    await requestVia(d!, s.id, b!);
    expect((await row(old)).followed_at).toBeNull();
    // c asks b without having been shown anything: no row of c at all, nothing marked
    await requestVia(c!, s.id, b!);
    const marked = await env.database.db
      .selectFrom('recommendation_impressions')
      .select('id')
      .where('followed_at', 'is not', null)
      .execute();
    expect(marked.map((m) => m.id)).toEqual([ab]);
  });
});
