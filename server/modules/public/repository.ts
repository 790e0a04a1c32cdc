/** SQL of the portal: published programmes, approved activity plans and the home-page counts. */
import type { Executor } from '../../db/index.ts';
import { toCount } from '../../lib/sql.ts';
import type { BaseKind } from '../../../common/roles.ts';
import type { PublicProgrammeQuery } from '../../../common/contracts/public.ts';

/** One page of the programmes past their draft, by year, with the total. */
export async function listPublishedProgrammes(db: Executor, q: PublicProgrammeQuery) {
  const base = db.selectFrom('programmes').where('status', '!=', 'draft');
  const [rows, total] = await Promise.all([
    base
      .select(['id', 'year', 'name', 'status', 'rules'])
      .orderBy('year', q.order)
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: toCount(total) };
}
export type PublishedProgrammeRow = Awaited<ReturnType<typeof listPublishedProgrammes>>['rows'][number];

/** The stored content of a theme day's activity plan once NDRC approved it; undefined before. */
export async function approvedActivityPlanContent(db: Executor, themeDayId: string): Promise<string | undefined> {
  const ap = await db
    .selectFrom('activity_plans')
    .select(['content'])
    .where('theme_day_id', '=', themeDayId)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  return ap?.content;
}

/** How many bases there are (of one kind, when given). */
export async function countBases(db: Executor, kind?: BaseKind): Promise<number> {
  let q = db.selectFrom('bases');
  if (kind) q = q.where('kind', '=', kind);
  return toCount(await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow());
}

/** Every theme day of a programme past its draft: host, partners, dates and year. */
export function publishedThemeDaySpans(db: Executor) {
  return db
    .selectFrom('theme_days as t')
    .innerJoin('programmes as p', 'p.id', 't.programme_id')
    .where('p.status', '!=', 'draft')
    .select(['t.base_id', 't.partner_base_ids', 't.start_date', 't.end_date', 'p.year'])
    .execute();
}
export type ThemeDaySpanRow = Awaited<ReturnType<typeof publishedThemeDaySpans>>[number];

/**
 * What the sitemap lists: every page anyone may read without signing in — theme days of programmes past their
 * draft with their event sessions and roadshows, published and closed demands (a draft is its publisher's own),
 * open resources (published or closed), results cleared as public, published news and success cases, and the
 * organisations that publish any of these — with the time it last changed.
 */
export async function sitemapItems(db: Executor) {
  const publicDemands = db.selectFrom('demands').where('status', 'in', ['published', 'closed']);
  const publicResources = db.selectFrom('resources').where('status', 'in', ['published', 'closed']);
  const publicResults = db.selectFrom('results').where('status', '=', 'public');
  const [themeDays, sessions, roadshows, demands, resources, results, news, cases, organisations] = await Promise.all([
    db
      .selectFrom('theme_days as t')
      .innerJoin('programmes as p', 'p.id', 't.programme_id')
      .where('p.status', '!=', 'draft')
      .select(['t.id', 't.updated_at'])
      .orderBy('t.start_date', 'desc')
      .orderBy('t.id')
      .execute(),
    db
      .selectFrom('event_sessions as s')
      .innerJoin('theme_days as t', 't.id', 's.theme_day_id')
      .innerJoin('programmes as p', 'p.id', 't.programme_id')
      .where('p.status', '!=', 'draft')
      .select(['s.id', 's.updated_at'])
      .orderBy('s.starts_at', 'desc')
      .orderBy('s.id')
      .execute(),
    db
      .selectFrom('roadshows as r')
      .innerJoin('event_sessions as s', 's.id', 'r.session_id')
      .innerJoin('theme_days as t', 't.id', 's.theme_day_id')
      .innerJoin('programmes as p', 'p.id', 't.programme_id')
      .where('p.status', '!=', 'draft')
      .select(['r.id', 'r.updated_at'])
      .orderBy('s.starts_at', 'desc')
      .orderBy('r.id')
      .execute(),
    publicDemands.select(['id', 'kind', 'updated_at']).orderBy('updated_at', 'desc').orderBy('id').execute(),
    publicResources.select(['id', 'updated_at']).orderBy('updated_at', 'desc').orderBy('id').execute(),
    publicResults.select(['id', 'updated_at']).orderBy('updated_at', 'desc').orderBy('id').execute(),
    db
      .selectFrom('news')
      .where('status', '=', 'published')
      .select(['id', 'updated_at'])
      .orderBy('published_at', 'desc')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('success_cases')
      .where('status', '=', 'published')
      .select(['id', 'updated_at'])
      .orderBy('published_at', 'desc')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('organisations')
      .where((eb) =>
        eb.or([
          eb('id', 'in', publicDemands.select('organisation_id')),
          eb('id', 'in', publicResources.select('organisation_id')),
          eb('id', 'in', publicResults.select('organisation_id')),
        ]),
      )
      .select(['id', 'updated_at'])
      .orderBy('name')
      .orderBy('id')
      .execute(),
  ]);
  return { themeDays, sessions, roadshows, demands, resources, results, news, cases, organisations };
}
export type SitemapItems = Awaited<ReturnType<typeof sitemapItems>>;
