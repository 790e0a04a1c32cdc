/**
 * Rows → views with explicit fields and the caller's abilities. Names (organisations, theme days, projects)
 * and images are loaded in batches for a page of rows.
 */
import type { Actor } from '../../lib/context.ts';
import { json, type Executor } from '../../db/index.ts';
import {
  PUBLIC_IMAGE_PATH,
  type BenchmarkView,
  type CaseFigure,
  type CaseView,
  type ImageView,
  type NewsView,
  type NominationView,
  type PublicNewsItem,
  type PublicNewsView,
  type PublicPhoto,
  PUBLIC_PHOTOS_MAX,
} from '../../../common/contracts/publicity.ts';
import { embeddedImageIds } from './sanitize.ts';
import { partiesOf, themeDayFacts, type ProjectRow, type ThemeDayFacts } from '../projects/repository.ts';
import {
  canConsent,
  canEditCase,
  canPublishCase,
  canUnpublishCase,
  newsAbilities,
  nextNominationStatuses,
  type CaseProjectFacts,
  type NewsFacts,
} from './policy.ts';
import {
  consentsOf,
  imagesByIds,
  orgNames,
  themeDayTitles,
  type BenchmarkRow,
  type CaseRow,
  type ImageRow,
  type NewsRow,
  type NominationRow,
} from './repository.ts';

export const imageView = (r: ImageRow): ImageView => ({
  id: r.id,
  type: r.type,
  size: r.size,
  url: `${PUBLIC_IMAGE_PATH}${r.id}`,
});

const ref = (names: Map<string, string>, id: string | null) => (id ? { id, title: names.get(id) ?? '' } : null);
const org = (names: Map<string, string>, id: string) => ({ id, name: names.get(id) ?? '' });

// ----- news ----------------------------------------------------------------------------------------------------

export async function presentNews(
  db: Executor,
  actor: Actor | null,
  items: { row: NewsRow; facts: NewsFacts }[],
): Promise<NewsView[]> {
  const rows = items.map((i) => i.row);
  const [tds, orgs, imgs] = await Promise.all([
    themeDayTitles(
      db,
      rows.map((r) => r.theme_day_id),
    ),
    orgNames(
      db,
      rows.map((r) => r.author_org_id),
    ),
    imagesByIds(
      db,
      rows.map((r) => r.cover_image_id).filter((x): x is string => !!x),
    ),
  ]);
  return items.map(({ row: r, facts }) => {
    const cover = r.cover_image_id ? imgs.get(r.cover_image_id) : undefined;
    return {
      id: r.id,
      themeDay: ref(tds, r.theme_day_id),
      title: r.title,
      summary: r.summary,
      cover: cover ? imageView(cover) : null,
      body: r.body,
      status: r.status,
      authorKind: r.author_kind,
      authorOrganisation: org(orgs, r.author_org_id),
      returnReason: r.return_reason,
      publishedAt: r.published_at,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      abilities: newsAbilities(actor, facts),
    };
  });
}

export async function presentPublicNews(db: Executor, rows: NewsRow[]): Promise<PublicNewsItem[]> {
  const [tds, orgs, imgs] = await Promise.all([
    themeDayTitles(
      db,
      rows.map((r) => r.theme_day_id),
    ),
    orgNames(
      db,
      rows.map((r) => r.author_org_id),
    ),
    imagesByIds(
      db,
      rows.map((r) => r.cover_image_id).filter((x): x is string => !!x),
    ),
  ]);
  return rows.map((r) => {
    const cover = r.cover_image_id ? imgs.get(r.cover_image_id) : undefined;
    return {
      id: r.id,
      themeDay: ref(tds, r.theme_day_id),
      title: r.title,
      summary: r.summary,
      cover: cover ? imageView(cover) : null,
      authorOrganisation: org(orgs, r.author_org_id),
      publishedAt: r.published_at ?? r.updated_at,
    };
  });
}

export async function presentPublicNewsView(db: Executor, r: NewsRow): Promise<PublicNewsView> {
  const [item] = await presentPublicNews(db, [r]);
  return { ...item!, body: r.body, updatedAt: r.updated_at };
}

// ----- success cases -------------------------------------------------------------------------------------------

export interface CaseLoaded {
  row: CaseRow;
  project: ProjectRow;
  facts: CaseProjectFacts;
}

async function caseParts(db: Executor, items: CaseLoaded[]) {
  const ids = items.map((i) => i.row.id);
  const consents = await consentsOf(db, ids);
  const photoIds = items.flatMap((i) => json.parse<string[]>(i.row.photo_ids, []));
  const [orgs, imgs, tds] = await Promise.all([
    orgNames(db, [...consents.map((c) => c.organisation_id), ...items.flatMap((i) => i.facts.partyOrgIds)]),
    imagesByIds(db, photoIds),
    themeDayTitles(
      db,
      items.map((i) => i.project.theme_day_id),
    ),
  ]);
  const photos = (r: CaseRow) =>
    json
      .parse<string[]>(r.photo_ids, [])
      .map((id) => imgs.get(id))
      .filter((x): x is ImageRow => !!x)
      .map(imageView);
  return { consents, orgs, photos, tds };
}

export async function presentCases(db: Executor, actor: Actor | null, items: CaseLoaded[]): Promise<CaseView[]> {
  const { consents, orgs, photos, tds } = await caseParts(db, items);
  return items.map(({ row: r, project, facts }) => ({
    id: r.id,
    project: { id: project.id, title: project.title },
    themeDay: ref(tds, project.theme_day_id),
    title: r.title,
    summary: r.summary,
    story: r.story,
    figures: json.parse<CaseFigure[]>(r.figures, []),
    photos: photos(r),
    status: r.status,
    consents: consents
      .filter((c) => c.case_id === r.id)
      .map((c) => ({
        organisation: org(orgs, c.organisation_id),
        decision: c.decision,
        reason: c.reason,
        decidedAt: c.decided_at,
      })),
    publishedAt: r.published_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    abilities: {
      edit: canEditCase(actor, facts, r.status),
      consent: canConsent(actor, facts),
      publish: canPublishCase(actor, r.status),
      unpublish: canUnpublishCase(actor, r.status),
    },
  }));
}

export async function presentPublicCases(db: Executor, items: CaseLoaded[]) {
  const { orgs, photos, tds } = await caseParts(db, items);
  return items.map(({ row: r, project, facts }) => {
    const ph = photos(r);
    return {
      id: r.id,
      themeDay: ref(tds, project.theme_day_id),
      title: r.title,
      summary: r.summary,
      cover: ph[0] ?? null,
      parties: facts.partyOrgIds.map((o) => org(orgs, o)),
      figures: json.parse<CaseFigure[]>(r.figures, []),
      publishedAt: r.published_at ?? r.updated_at,
      story: r.story,
      photos: ph,
    };
  });
}

/**
 * A theme day's photos from its published news (cover, then the images of the body) and its published success
 * cases (their photos), newest publication first, each image once, at most PUBLIC_PHOTOS_MAX.
 */
export async function presentPublicPhotos(db: Executor, news: NewsRow[], cases: CaseRow[]): Promise<PublicPhoto[]> {
  const wanted = [
    ...news.map((n) => ({
      source: { kind: 'news' as const, id: n.id, title: n.title },
      publishedAt: n.published_at ?? n.updated_at,
      ids: [...(n.cover_image_id ? [n.cover_image_id] : []), ...embeddedImageIds(n.body)],
    })),
    ...cases.map((c) => ({
      source: { kind: 'case' as const, id: c.id, title: c.title },
      publishedAt: c.published_at ?? c.updated_at,
      ids: json.parse<string[]>(c.photo_ids, []),
    })),
  ].sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : 0));
  const imgs = await imagesByIds(
    db,
    wanted.flatMap((w) => w.ids),
  );
  const seen = new Set<string>();
  const out: PublicPhoto[] = [];
  for (const w of wanted)
    for (const id of w.ids) {
      const img = imgs.get(id);
      if (!img || seen.has(id) || out.length >= PUBLIC_PHOTOS_MAX) continue;
      seen.add(id);
      out.push({ image: imageView(img), source: w.source, publishedAt: w.publishedAt });
    }
  return out;
}

// ----- benchmarks and nominations ---------------------------------------------------------------------------------

export async function presentBenchmarks(db: Executor, rows: BenchmarkRow[]): Promise<BenchmarkView[]> {
  const orgs = await orgNames(
    db,
    rows.map((r) => r.organisation_id),
  );
  return rows.map((r) => ({
    id: r.id,
    year: r.year,
    organisation: org(orgs, r.organisation_id),
    reason: r.reason,
    namedAt: r.named_at,
  }));
}

export interface NominationLoaded {
  row: NominationRow;
  project: ProjectRow;
  themeDay: ThemeDayFacts | null;
}

export async function presentNominations(
  db: Executor,
  actor: Actor | null,
  items: NominationLoaded[],
): Promise<NominationView[]> {
  const orgs = await orgNames(
    db,
    items.map((i) => i.row.proposed_by_org_id),
  );
  return items.map(({ row: r, project, themeDay }) => ({
    id: r.id,
    project: { id: project.id, title: project.title },
    themeDay: themeDay ? { id: themeDay.id, title: themeDay.title } : null,
    event: r.event,
    year: r.year,
    reason: r.reason,
    status: r.status,
    note: r.note,
    proposedBy: org(orgs, r.proposed_by_org_id),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    nextStatuses: nextNominationStatuses(actor, themeDay, r.status),
  }));
}

/** Loads projects, parties and theme days around case or nomination rows. */
export async function loadProjects(
  db: Executor,
  projectIds: string[],
): Promise<{ projects: Map<string, ProjectRow>; facts: Map<string, CaseProjectFacts> }> {
  const list = [...new Set(projectIds)];
  if (!list.length) return { projects: new Map(), facts: new Map() };
  const rows = (await db
    .selectFrom('cooperation_projects')
    .selectAll()
    .where('id', 'in', list)
    .execute()) as ProjectRow[];
  const parties = await partiesOf(db, list);
  const tds = await themeDayFacts(
    db,
    rows.map((r) => r.theme_day_id),
  );
  const projects = new Map(rows.map((r) => [r.id, r]));
  const facts = new Map(
    rows.map((r): [string, CaseProjectFacts] => [
      r.id,
      {
        stage: r.stage,
        merged: r.merged_into_id !== null,
        themeDay: r.theme_day_id ? (tds.get(r.theme_day_id) ?? null) : null,
        partyOrgIds: parties.filter((p) => p.project_id === r.id).map((p) => p.organisation_id),
      },
    ]),
  );
  return { projects, facts };
}
