/**
 * Which recommendations were followed (issue 14). Showing a list records one impression per
 * recommendation and Shanghai day (one multi-row insert; rows already recorded today by this server are
 * skipped in memory, by another server by the unique key). A response, meeting request or cooperation
 * project calls `markFollowed` inside its own transaction: the impressions of the matching recommendations
 * shown in the 30 days before are marked, only if not marked already, so a retry or a second follow-up
 * never counts a recommendation twice.
 */
import { sql } from 'kysely';
import { shanghaiToday } from '../../../common/time.ts';
import {
  FOLLOW_KIND_LABELS,
  FOLLOW_KINDS,
  FOLLOW_WINDOW_DAYS,
  type FollowKind,
  type RecStats,
  type RecType,
} from '../../../common/contracts/search.ts';
import type { Executor } from '../../db/index.ts';
import { newId } from '../../lib/ids.ts';

export interface Shown {
  type: RecType;
  id: string;
  /** the organisation behind the item (the item itself for an organisation) */
  orgId: string;
}

/** `${day}|${rec_key}` recorded by this server today. */
let seenDay = '';
const seen = new Set<string>();
const MAX_SEEN = 200_000;

/** Records the impressions of one list shown to `viewerOrgId`; never throws (showing must not fail for it). */
export async function recordImpressions(
  db: Executor,
  p: { viewerOrgId: string; subjectKind: 'demand' | 'organisation'; subjectId: string; items: Shown[]; now: Date },
): Promise<void> {
  const day = shanghaiToday(p.now);
  if (day !== seenDay || seen.size > MAX_SEEN) {
    seen.clear();
    seenDay = day;
  }
  const at = p.now.toISOString();
  const rows = p.items.flatMap((it, i) => {
    if (it.orgId === p.viewerOrgId) return [];
    const recKey = `${p.viewerOrgId}|${p.subjectId}|${it.id}`;
    if (seen.has(recKey)) return [];
    return [
      {
        id: newId(),
        rec_key: recKey,
        viewer_org_id: p.viewerOrgId,
        subject_kind: p.subjectKind,
        subject_id: p.subjectId,
        item_type: it.type,
        item_id: it.id,
        item_org_id: it.orgId,
        rank: i + 1,
        shown_on: day,
        shown_at: at,
        followed_kind: null,
        followed_ref: null,
        followed_at: null,
      },
    ];
  });
  if (rows.length === 0) return;
  try {
    await db
      .insertInto('recommendation_impressions')
      .values(rows)
      .onConflict((oc) => oc.columns(['rec_key', 'shown_on']).doNothing())
      .execute();
    for (const r of rows) seen.add(r.rec_key);
  } catch {
    // an impression lost is a statistic slightly low, not a failed page
  }
}

/**
 * Marks the recommendations a follow-up answers, in the caller's transaction: shown to one of `viewerOrgIds`
 * in the FOLLOW_WINDOW_DAYS before `now`, and either the item itself (`itemId`: the demand responded to)
 * or an item of one of `itemOrgIds` (the organisation met or cooperated with). Returns the rows marked.
 */
export async function markFollowed(
  db: Executor,
  p: {
    kind: FollowKind;
    ref: string;
    now: Date;
    viewerOrgIds: readonly string[];
    itemId?: string;
    itemOrgIds?: readonly string[];
  },
): Promise<number> {
  const viewers = [...new Set(p.viewerOrgIds)];
  const itemOrgs = [...new Set(p.itemOrgIds ?? [])];
  if (viewers.length === 0 || (p.itemId === undefined && itemOrgs.length === 0)) return 0;
  const at = p.now.toISOString();
  const from = new Date(p.now.getTime() - FOLLOW_WINDOW_DAYS * 86_400_000).toISOString();
  const r = await db
    .updateTable('recommendation_impressions')
    .set({ followed_kind: p.kind, followed_ref: p.ref, followed_at: at })
    .where('followed_at', 'is', null)
    .where('viewer_org_id', 'in', viewers)
    .where('shown_at', '>=', from)
    .where('shown_at', '<=', at)
    .where((eb) =>
      p.itemId !== undefined
        ? eb('item_id', '=', p.itemId)
        : eb.and([eb('item_org_id', 'in', itemOrgs), eb('item_org_id', '!=', eb.ref('viewer_org_id'))]),
    )
    // a recommendation already followed (on another day's row) is not counted again
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('recommendation_impressions as f')
            .select('f.id')
            .whereRef('f.rec_key', '=', 'recommendation_impressions.rec_key')
            .where('f.followed_at', 'is not', null),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

const rate = (shown: number, followed: number) => (shown > 0 ? Math.round((followed / shown) * 10_000) / 10_000 : null);

/** Shown, followed and the rate, by kind of follow-up and by month (each recommendation once). */
export async function recommendationStats(db: Executor): Promise<RecStats> {
  const followedExpr = sql<number>`count(distinct case when followed_at is not null then rec_key end)`;
  const total = await db
    .selectFrom('recommendation_impressions')
    .select([sql<number>`count(distinct rec_key)`.as('shown'), followedExpr.as('followed')])
    .executeTakeFirstOrThrow();
  const kinds = await db
    .selectFrom('recommendation_impressions')
    .select(['followed_kind', sql<number>`count(distinct rec_key)`.as('n')])
    .where('followed_at', 'is not', null)
    .groupBy('followed_kind')
    .execute();
  const months = await db
    .selectFrom('recommendation_impressions')
    .select([
      sql<string>`substr(shown_on, 1, 7)`.as('month'),
      sql<number>`count(distinct rec_key)`.as('shown'),
      followedExpr.as('followed'),
    ])
    .groupBy(sql`substr(shown_on, 1, 7)`)
    .orderBy(sql`substr(shown_on, 1, 7)`)
    .execute();
  const byKindCount = new Map(kinds.map((k) => [k.followed_kind, Number(k.n)]));
  const shown = Number(total.shown);
  const followed = Number(total.followed);
  return {
    shown,
    followed,
    rate: rate(shown, followed),
    byKind: FOLLOW_KINDS.map((kind) => ({
      kind,
      label: FOLLOW_KIND_LABELS[kind],
      followed: byKindCount.get(kind) ?? 0,
    })),
    byMonth: months.map((m) => ({
      month: m.month,
      shown: Number(m.shown),
      followed: Number(m.followed),
      rate: rate(Number(m.shown), Number(m.followed)),
    })),
  };
}
