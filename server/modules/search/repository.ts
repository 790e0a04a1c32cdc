/**
 * All SQL of the search module: reads the five publishable tables and the organisations, either every
 * row the public may see (the start-up build) or every row changed since a watermark (the refresher, which
 * must also see rows that stopped being public so it can drop them). Rows come back as `ItemRecord`s,
 * one shape for all sources, with the visibility rule of the owning module already applied.
 *
 * Visibility, as the owning modules define "public" (read from their services; they are not changed here):
 * - resources: status `published` (drafts are the organisation's own; `closed` resources no longer take
 *   requests and the public list leaves them out);
 * - demands (kind demand → `demand`, kind technology → `technology`): status `published`;
 * - results: status `public`, i.e. the confidentiality review said 可以公开 (never draft, in_review,
 *   changes_requested = 修改后公开 or rejected = 不同意公开);
 * - docking sessions and alliances: always public (the docking module has no draft state).
 */
import { json, type Executor } from '../../db/index.ts';
import { COOPERATION_MODE_LABELS } from '../../../common/contracts/demands.ts';
import { DOCKING_KIND_LABELS } from '../../../common/contracts/docking.ts';
import { RESOURCE_TYPE_LABELS } from '../../../common/contracts/resources.ts';
import { TRANSFER_MODE_LABELS } from '../../../common/contracts/results.ts';
import type { SearchType } from '../../../common/contracts/search.ts';

export const SOURCES = ['resources', 'demands', 'results', 'docking_sessions', 'alliances'] as const;
export type SourceName = (typeof SOURCES)[number];

/** One searchable row, whatever table it comes from. */
export interface ItemRecord {
  id: string;
  source: SourceName;
  type: SearchType;
  visible: boolean;
  organisationId: string;
  themeDayId: string | null;
  title: string;
  body: string;
  keywords: string[];
  /** The item's own GB/T 4754 field (demands, results, alliances); else the organisation's is used. */
  industry: string | null;
  /** The item's own region (resources); else the organisation's is used. */
  region: string | null;
  trl: number | null;
  publishedAt: string | null;
  /** Demands: last day responses are taken (YYYY-MM-DD, Beijing). */
  deadline: string | null;
  updatedAt: string;
}

export interface OrgRecord {
  id: string;
  name: string;
  kind: string;
  region_code: string | null;
  industry_code: string | null;
  size_class: string | null;
  updated_at: string;
}

/** Which rows one read returns: visible ones only (build) or all changed since `since`, keyset-paged by id. */
export interface ReadOpts {
  since?: string;
  organisationIds?: readonly string[];
  onlyVisible?: boolean;
  afterId?: string;
  limit: number;
}

const join = (...parts: (string | null | undefined)[]) =>
  parts.filter((p): p is string => !!p && p.trim() !== '').join('\n');

/** Reads one page of one source as ItemRecords (ordered by id). */
export async function readSource(db: Executor, source: SourceName, o: ReadOpts): Promise<ItemRecord[]> {
  switch (source) {
    case 'resources': {
      const rows = await db
        .selectFrom('resources')
        .selectAll()
        .$if(o.onlyVisible === true, (q) => q.where('status', '=', 'published'))
        .$if(o.since !== undefined, (q) => q.where('updated_at', '>=', o.since!))
        .$if(o.organisationIds !== undefined, (q) =>
          q.where('organisation_id', 'in', o.organisationIds!.length ? [...o.organisationIds!] : ['__none__']),
        )
        .$if(o.afterId !== undefined, (q) => q.where('id', '>', o.afterId!))
        .orderBy('id')
        .limit(o.limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        source,
        type: 'resource',
        visible: r.status === 'published',
        organisationId: r.organisation_id,
        themeDayId: r.theme_day_id,
        title: r.title,
        body: join(r.description, r.conditions, r.location),
        keywords: [RESOURCE_TYPE_LABELS[r.type] ?? '', r.graduate_teams === 1 ? '高校毕业生创业团队' : ''].filter(
          (k) => k !== '',
        ),
        industry: null,
        region: r.region_code,
        trl: null,
        publishedAt: r.published_at,
        deadline: null,
        updatedAt: r.updated_at,
      }));
    }
    case 'demands': {
      const rows = await db
        .selectFrom('demands')
        .selectAll()
        .$if(o.onlyVisible === true, (q) => q.where('status', '=', 'published'))
        .$if(o.since !== undefined, (q) => q.where('updated_at', '>=', o.since!))
        .$if(o.organisationIds !== undefined, (q) =>
          q.where('organisation_id', 'in', o.organisationIds!.length ? [...o.organisationIds!] : ['__none__']),
        )
        .$if(o.afterId !== undefined, (q) => q.where('id', '>', o.afterId!))
        .orderBy('id')
        .limit(o.limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        source,
        type: r.kind === 'technology' ? 'technology' : 'demand',
        visible: r.status === 'published',
        organisationId: r.organisation_id,
        themeDayId: r.theme_day_id,
        title: r.title,
        body: join(r.description, r.indicators),
        keywords: [COOPERATION_MODE_LABELS[r.cooperation_mode] ?? ''].filter((k) => k !== ''),
        industry: r.field_code,
        region: null,
        trl: null,
        publishedAt: r.published_at,
        deadline: r.deadline,
        updatedAt: r.updated_at,
      }));
    }
    case 'results': {
      const rows = await db
        .selectFrom('results')
        .selectAll()
        .$if(o.onlyVisible === true, (q) => q.where('status', '=', 'public'))
        .$if(o.since !== undefined, (q) => q.where('updated_at', '>=', o.since!))
        .$if(o.organisationIds !== undefined, (q) =>
          q.where('organisation_id', 'in', o.organisationIds!.length ? [...o.organisationIds!] : ['__none__']),
        )
        .$if(o.afterId !== undefined, (q) => q.where('id', '>', o.afterId!))
        .orderBy('id')
        .limit(o.limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        source,
        type: 'result',
        visible: r.status === 'public',
        organisationId: r.organisation_id,
        themeDayId: r.theme_day_id,
        title: r.title,
        body: r.description,
        keywords: [TRANSFER_MODE_LABELS[r.transfer_mode] ?? ''].filter((k) => k !== ''),
        industry: r.field_code,
        region: null,
        trl: r.trl,
        publishedAt: r.published_at,
        deadline: null,
        updatedAt: r.updated_at,
      }));
    }
    case 'docking_sessions': {
      const rows = await db
        .selectFrom('docking_sessions')
        .selectAll()
        .$if(o.since !== undefined, (q) => q.where('updated_at', '>=', o.since!))
        .$if(o.organisationIds !== undefined, (q) =>
          q.where('organisation_id', 'in', o.organisationIds!.length ? [...o.organisationIds!] : ['__none__']),
        )
        .$if(o.afterId !== undefined, (q) => q.where('id', '>', o.afterId!))
        .orderBy('id')
        .limit(o.limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        source,
        type: 'event',
        visible: true,
        organisationId: r.organisation_id,
        themeDayId: r.theme_day_id,
        title: r.title,
        body: join(
          r.description,
          json
            .parse<{ item?: string }[]>(r.agenda, [])
            .map((a) => a.item ?? '')
            .join('；'),
          r.venue,
        ),
        keywords: [DOCKING_KIND_LABELS[r.kind] ?? ''].filter((k) => k !== ''),
        industry: null,
        region: null,
        trl: null,
        publishedAt: r.created_at,
        deadline: null,
        updatedAt: r.updated_at,
      }));
    }
    case 'alliances': {
      const rows = await db
        .selectFrom('alliances')
        .selectAll()
        .$if(o.since !== undefined, (q) => q.where('updated_at', '>=', o.since!))
        .$if(o.organisationIds !== undefined, (q) =>
          q.where('organisation_id', 'in', o.organisationIds!.length ? [...o.organisationIds!] : ['__none__']),
        )
        .$if(o.afterId !== undefined, (q) => q.where('id', '>', o.afterId!))
        .orderBy('id')
        .limit(o.limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        source,
        type: 'event',
        visible: true,
        organisationId: r.organisation_id,
        themeDayId: r.theme_day_id,
        title: r.name,
        body: r.charter,
        keywords: ['创新联盟'],
        industry: r.field_code,
        region: null,
        trl: null,
        publishedAt: r.created_at,
        deadline: null,
        updatedAt: r.updated_at,
      }));
    }
  }
}

/** One page of organisations (all, or changed since `since`), ordered by id. */
export async function readOrganisations(
  db: Executor,
  o: { since?: string; ids?: readonly string[]; afterId?: string; limit: number },
): Promise<OrgRecord[]> {
  return db
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'region_code', 'industry_code', 'size_class', 'updated_at'])
    .$if(o.since !== undefined, (q) => q.where('updated_at', '>=', o.since!))
    .$if(o.ids !== undefined, (q) => q.where('id', 'in', o.ids!.length ? [...o.ids!] : ['__none__']))
    .$if(o.afterId !== undefined, (q) => q.where('id', '>', o.afterId!))
    .orderBy('id')
    .limit(o.limit)
    .execute();
}

/** The latest `updated_at` of a table (the refresher's starting watermark), or null when it is empty. */
export async function maxUpdatedAt(db: Executor, table: SourceName | 'organisations'): Promise<string | null> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max<string>('updated_at').as('m'))
    .executeTakeFirst();
  return r?.m ?? null;
}

/** Project stages that count as cooperation (the parties confirmed; not candidate, not terminated). */
const COOPERATING_STAGES = ['intent', 'signed', 'in_progress', 'completed'] as const;

/**
 * Organisations that already cooperate with `orgId`: fellow parties of a counted cooperation project
 * (both sides confirmed, not merged away), sorted by id — for the recommender's past-cooperation signal.
 */
export async function readPartners(db: Executor, orgId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('project_parties as me')
    .innerJoin('project_parties as other', 'other.project_id', 'me.project_id')
    .innerJoin('cooperation_projects as p', 'p.id', 'me.project_id')
    .select('other.organisation_id as id')
    .distinct()
    .where('me.organisation_id', '=', orgId)
    .where('other.organisation_id', '<>', orgId)
    .where('me.confirmation', '=', 'confirmed')
    .where('other.confirmation', '=', 'confirmed')
    .where('p.stage', 'in', [...COOPERATING_STAGES])
    .where('p.merged_into_id', 'is', null)
    .orderBy('other.organisation_id')
    .limit(500)
    .execute();
  return rows.map((r) => r.id);
}

/** What an organisation said it offers and seeks at its most recent meeting sessions (meeting profiles). */
export async function readMeetingProfiles(
  db: Executor,
  orgId: string,
): Promise<{ offer: string | null; seek: string | null }[]> {
  const rows = await db
    .selectFrom('meeting_participants')
    .select(['offer', 'seek'])
    .where('organisation_id', '=', orgId)
    .where((eb) => eb.or([eb('offer', 'is not', null), eb('seek', 'is not', null)]))
    .orderBy('joined_at', 'desc')
    .orderBy('id')
    .limit(5)
    .execute();
  return rows.map((r) => ({ offer: r.offer ?? null, seek: r.seek ?? null }));
}
