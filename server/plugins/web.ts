/**
 * The built SPA (dist/web) and what the portal needs to be fast on a phone, indexable and shareable:
 *
 * - static files with their brotli/gzip siblings written at `vite build` (web/precompress.ts, served through
 *   @fastify/static's `preCompressed`); hashed /assets/* cached a year as immutable, everything else (index.html)
 *   revalidated on each use;
 * - the public pages (home, theme day, event session, roadshow, base directory, the lists of demands and
 *   technologies, resources, results, news and success cases and their detail pages, organisations) answered
 *   with index.html in which the page is put as real HTML (title, description, canonical, Open Graph, JSON-LD, a readable content block) from the
 *   same public API the SPA reads, and its data embedded so the SPA does not fetch it again
 *   (server/modules/public/seo.ts); compressed per request, with an ETag and `no-cache`;
 * - /robots.txt and /sitemap.xml, served whether or not the SPA is built.
 *
 * Other client routes fall through to app.ts's not-found handler, which sends index.html.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import { shanghaiToday } from '../../common/time.ts';
import type { PublicProgrammeList, PublicStats, PublicThemeDayDetail } from '../../common/contracts/public.ts';
import type { PublicThemeDayList } from '../../common/contracts/public.ts';
import type { DemandView } from '../../common/contracts/demands.ts';
import type { PublicNewsView } from '../../common/contracts/publicity.ts';
import { sitemapItems } from '../modules/public/repository.ts';
import type { Base } from '../../common/contracts/bases.ts';
import type { PublicOrganisationView } from '../../common/contracts/demands.ts';
import type { SessionView } from '../../common/contracts/events.ts';
import type { ResourceView } from '../../common/contracts/resources.ts';
import type { ResultView } from '../../common/contracts/results.ts';
import type { PublicRoadshow } from '../../common/contracts/roadshows.ts';
import {
  basesView,
  caseView,
  casesListView,
  demandsListView,
  demandView,
  homeView,
  newsListView,
  newsView,
  organisationView,
  queryString,
  renderPage,
  resourcesListView,
  resourceView,
  resultsListView,
  resultView,
  roadshowView,
  robotsTxt,
  sessionView,
  sitemapXml,
  tableQuery,
  themeDayView,
  type CaseItem,
  type ListPage,
  type PageView,
  type Seed,
} from '../modules/public/seo.ts';
import { compressBody, etagMatches, pickEncoding, weakEtag } from '../lib/http-encoding.ts';
import { SESSION_COOKIE } from './session.ts';

export interface WebOptions {
  webRoot: string;
  /** Whether webRoot holds a built SPA (index.html). */
  hasWeb: boolean;
}

/** Hashed build output: the name changes with the content, so it never needs revalidating. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** HTML and other unhashed files: stored, but checked with the server (ETag / Last-Modified) on each use. */
export const REVALIDATE = 'no-cache';

/** The site's origin for canonical URLs: PUBLIC_URL when set, else what the request was addressed to. */
function originOf(app: FastifyInstance, req: FastifyRequest): string {
  const configured = app.config.PUBLIC_URL;
  if (configured) return configured.replace(/\/+$/, '');
  return `${req.protocol}://${req.host}`;
}

/** Sends a text body with validation and the best content coding the client takes. */
async function sendText(
  req: FastifyRequest,
  reply: FastifyReply,
  type: string,
  text: string,
  vary = 'Accept-Encoding',
) {
  const body = Buffer.from(text);
  const etag = weakEtag(body);
  reply.header('content-type', type).header('cache-control', REVALIDATE).header('etag', etag).header('vary', vary);
  if (etagMatches(req.headers['if-none-match'], etag)) return reply.code(304).send();
  const encoding = body.length >= 1024 ? pickEncoding(req.headers['accept-encoding']) : null;
  if (!encoding) return reply.send(body);
  return reply.header('content-encoding', encoding).send(await compressBody(body, encoding));
}

export default fp<WebOptions>(async (app, { webRoot, hasWeb }) => {
  app.get('/robots.txt', { schema: { hide: true } }, async (req, reply) =>
    sendText(req, reply, 'text/plain; charset=utf-8', robotsTxt(originOf(app, req))),
  );
  app.get('/sitemap.xml', { schema: { hide: true } }, async (req, reply) =>
    sendText(
      req,
      reply,
      'application/xml; charset=utf-8',
      sitemapXml(originOf(app, req), await sitemapItems(app.database.db)),
    ),
  );

  if (!hasWeb) return;

  await app.register(fastifyStatic, {
    root: webRoot,
    wildcard: false,
    // '/' is a server-rendered page (below); /index.html stays a file.
    index: false,
    preCompressed: true,
    // The compressed siblings are found by preCompressed, not served under their own names.
    globIgnore: ['**/*.br', '**/*.gz'],
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header('cache-control', /[/\\]assets[/\\]/.test(path) ? IMMUTABLE : REVALIDATE);
    },
  });

  const template = readFileSync(join(webRoot, 'index.html'), 'utf8');

  /** A GET of the public API as an anonymous reader (the same views, the same privacy rules); null unless 200. */
  async function read<T>(url: string): Promise<{ status: number; data: T | null }> {
    const r = await app.inject({ method: 'GET', url });
    return { status: r.statusCode, data: r.statusCode === 200 ? r.json<T>() : null };
  }

  async function sendPage(
    req: FastifyRequest,
    reply: FastifyReply,
    view: PageView | null,
    status: number,
    opts: { seedAnonymousOnly?: boolean } = {},
  ) {
    const today = shanghaiToday(app.clock.now());
    const origin = originOf(app, req);
    if (!view) {
      // Not there (or not public): the SPA shows its own 404 page; search engines are told not to index it.
      reply.code(status === 404 || status === 400 ? 404 : 200);
      const html = template.replace('</head>', '    <meta name="robots" content="noindex" />\n  </head>');
      return sendText(req, reply, 'text/html; charset=utf-8', html);
    }
    const signedIn = !!req.cookies?.[SESSION_COOKIE];
    // A view that depends on who reads it (a demand's abilities) is only embedded for the anonymous reader.
    const seeds: Seed[] = opts.seedAnonymousOnly && signedIn ? [] : [...view.seeds];
    if (!signedIn) seeds.push(...(view.anonymousSeeds ?? []));
    seeds.push([['server-today'], today]);
    // No session cookie: nobody is signed in, so the SPA need not ask (useMe's null is "not signed in").
    if (!signedIn) seeds.push([['me'], null]);
    const html = renderPage(template, { ...view, seeds }, origin);
    return sendText(
      req,
      reply,
      'text/html; charset=utf-8',
      html,
      opts.seedAnonymousOnly || view.anonymousSeeds?.length ? 'Accept-Encoding, Cookie' : 'Accept-Encoding',
    );
  }

  app.get('/', { schema: { hide: true } }, async (req, reply) => {
    const today = shanghaiToday(app.clock.now());
    const [programmes, days, stats] = await Promise.all([
      read<PublicProgrammeList>('/api/public/programmes?pageSize=50'),
      read<PublicThemeDayList>('/api/public/theme-days?pageSize=200'),
      read<PublicStats>('/api/public/stats'),
    ]);
    const view = homeView(days.data?.items ?? [], stats.data, today);
    if (programmes.data) view.seeds.push([['public', 'programmes'], programmes.data]);
    if (days.data) view.seeds.push([['public', 'theme-days', 'all'], days.data]);
    if (stats.data) view.seeds.push([['public', 'stats'], stats.data]);
    return sendPage(req, reply, view, 200);
  });

  app.get<{ Params: { id: string } }>('/theme-days/:id', { schema: { hide: true } }, async (req, reply) => {
    const id = encodeURIComponent(req.params.id);
    const r = await read<PublicThemeDayDetail>(`/api/public/theme-days/${id}`);
    if (!r.data) return sendPage(req, reply, null, r.status);
    const today = shanghaiToday(app.clock.now());
    // Its sessions, roadshows and published content: listed and linked on the page (the sessions as sub-events
    // of its Event) and embedded under the query keys of its sections (web/components/events/ThemeDaySessions,
    // demands/ThemeDayContent, roadshows/ThemeDayRoadshows, meetings/ThemeDayMeetings, projects/outcomes/
    // PublicResults). The views of the logged-in API carry the reader's abilities: for the anonymous reader only.
    const tdId = r.data.id;
    const q = queryString({ themeDayId: tdId, pageSize: 50 });
    const [sessions, demands, resources, results, docking, alliances, roadshows, meetings, outcomes] =
      await Promise.all([
        read<ListPage<SessionView>>(`/api/theme-days/${id}/sessions?pageSize=200`),
        read<ListPage<DemandView>>(`/api/demands${q}`),
        read<ListPage<ResourceView>>(`/api/resources${q}`),
        read<ListPage<ResultView>>(`/api/results${q}`),
        read<unknown>(`/api/docking-sessions${q}`),
        read<unknown>(`/api/alliances${q}`),
        read<{ items: PublicRoadshow[] }>(`/api/public/theme-days/${id}/roadshows`),
        read<unknown>(`/api/public/theme-days/${id}/meeting-sessions`),
        read<unknown>(`/api/public/theme-days/${id}/results`),
      ]);
    const view = themeDayView(
      r.data,
      today,
      {
        sessions: sessions.data?.items ?? [],
        demands: demands.data?.items ?? [],
        resources: resources.data?.items ?? [],
        results: results.data?.items ?? [],
        roadshows: roadshows.data?.items ?? [],
      },
      originOf(app, req),
    );
    const seed = (key: unknown[], res: { data: unknown }, to: Seed[]) => {
      if (res.data) to.push([key, res.data]);
    };
    const own: Seed[] = [];
    seed(['events', 'theme-day', tdId], sessions, own);
    seed(['demands', 'theme-day', tdId], demands, own);
    seed(['resources', 'theme-day', tdId], resources, own);
    seed(['results', 'theme-day', tdId], results, own);
    seed(['docking', 'theme-day', tdId], docking, own);
    seed(['alliances', 'theme-day', tdId], alliances, own);
    view.anonymousSeeds = own;
    seed(['public', 'theme-day', tdId, 'roadshows'], roadshows, view.seeds);
    seed(['public', 'meeting-sessions', tdId], meetings, view.seeds);
    seed(['public', 'theme-day', tdId, 'results'], outcomes, view.seeds);
    return sendPage(req, reply, view, r.status);
  });

  const demandPage = async (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    const r = await read<DemandView>(`/api/demands/${encodeURIComponent(req.params.id)}`);
    // /demands/:id of a technology (or the other way round) is still the same item; its canonical URL says which.
    const view = r.data ? demandView(r.data) : null;
    if (view && r.data) view.seeds.push([['demand', r.data.id], r.data]);
    return sendPage(req, reply, view, r.status, { seedAnonymousOnly: true });
  };
  app.get('/demands/:id', { schema: { hide: true } }, demandPage);
  app.get('/technologies/:id', { schema: { hide: true } }, demandPage);

  app.get<{ Params: { id: string } }>('/news/:id', { schema: { hide: true } }, async (req, reply) => {
    const r = await read<PublicNewsView>(`/api/public/news/${encodeURIComponent(req.params.id)}`);
    return sendPage(req, reply, r.data ? newsView(r.data) : null, r.status);
  });

  /** The URL parameters of a page request. */
  const paramsOf = (req: FastifyRequest) => new URL(req.url, 'http://x').searchParams;
  const idOf = (req: FastifyRequest<{ Params: { id: string } }>) => encodeURIComponent(req.params.id);
  // Views that come from the logged-in API (with the reader's abilities in them) are embedded only for the
  // anonymous reader; the /api/public ones are the same for everyone.
  const anonymous = { seedAnonymousOnly: true };

  /** Every public theme day under the key the home page and the lists' theme-day filter read them. */
  async function themeDaysSeed(): Promise<Seed | null> {
    const r = await read<PublicThemeDayList>('/api/public/theme-days?pageSize=200');
    return r.data ? [['public', 'theme-days', 'all'], r.data] : null;
  }
  /**
   * A list of the logged-in API (items with the reader's abilities) embedded for the anonymous reader only, and
   * the public theme days (its filter's options) for everyone.
   */
  function withPublicSeeds(view: PageView, days: Seed | null): PageView {
    return { ...view, seeds: days ? [days] : [], anonymousSeeds: view.seeds };
  }

  app.get('/bases', { schema: { hide: true } }, async (req, reply) => {
    const params = paramsOf(req);
    // The page's query key and its API read (web/components/BasesDirectory.tsx: useTableState, name ascending).
    const q = tableQuery(params, { sort: 'name', order: 'asc' });
    const r = await read<ListPage<Base>>(`/api/bases${queryString(q)}`);
    return sendPage(req, reply, basesView(params, q, r.data), 200, anonymous);
  });

  app.get('/demands', { schema: { hide: true } }, async (req, reply) => {
    const params = paramsOf(req);
    // As web/pages/demands/DemandsPortalPage.tsx builds its query.
    const kind = params.get('kind') === 'technology' ? 'technology' : 'demand';
    const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
    const f = {
      q: params.get('q') ?? undefined,
      fieldCode: params.get('fieldCode') ?? undefined,
      cooperationMode: params.get('cooperationMode') ?? undefined,
      region: params.get('region') ?? undefined,
      open: params.get('open') ?? undefined,
    };
    const byDeadline = kind === 'demand' && f.open === 'true';
    const r = await read<ListPage<DemandView>>(
      `/api/demands${queryString({ kind, ...f, page, pageSize: 12, sort: byDeadline ? 'deadline' : 'publishedAt', order: byDeadline ? 'asc' : 'desc' })}`,
    );
    return sendPage(
      req,
      reply,
      demandsListView(kind, params, ['demands', 'public', kind, f, page], r.data),
      200,
      anonymous,
    );
  });

  app.get('/resources', { schema: { hide: true } }, async (req, reply) => {
    const params = paramsOf(req);
    const q = tableQuery(params, { pageSize: 12 });
    const [r, days] = await Promise.all([
      read<ListPage<ResourceView>>(`/api/resources${queryString(q)}`),
      themeDaysSeed(),
    ]);
    return sendPage(req, reply, withPublicSeeds(resourcesListView(params, q, r.data), days), 200);
  });

  app.get('/results', { schema: { hide: true } }, async (req, reply) => {
    const params = paramsOf(req);
    const q = tableQuery(params, { pageSize: 12 });
    const [r, days] = await Promise.all([read<ListPage<ResultView>>(`/api/results${queryString(q)}`), themeDaysSeed()]);
    return sendPage(req, reply, withPublicSeeds(resultsListView(params, q, r.data), days), 200);
  });

  app.get('/news', { schema: { hide: true } }, async (req, reply) => {
    const params = paramsOf(req);
    // As web/pages/publicity/PortalNewsPages.tsx (NewsListPage) builds its query.
    const page = Number(params.get('page') ?? 1) || 1;
    const themeDayId = params.get('themeDay');
    const [r, days] = await Promise.all([
      read<ListPage<PublicNewsView>>(`/api/public/news${queryString({ page, pageSize: 10, themeDayId })}`),
      themeDaysSeed(),
    ]);
    const view = newsListView(params, ['public', 'news', page, themeDayId], r.data);
    if (days) view.seeds.push(days);
    return sendPage(req, reply, view, 200);
  });

  app.get('/cases', { schema: { hide: true } }, async (req, reply) => {
    const params = paramsOf(req);
    const page = Number(params.get('page') ?? 1) || 1;
    const r = await read<ListPage<CaseItem>>(`/api/public/cases${queryString({ page, pageSize: 12 })}`);
    return sendPage(req, reply, casesListView(params, ['public', 'cases', page], r.data), 200);
  });

  app.get<{ Params: { id: string } }>('/resources/:id', { schema: { hide: true } }, async (req, reply) => {
    const r = await read<ResourceView>(`/api/resources/${idOf(req)}`);
    const view = r.data ? resourceView(r.data) : null;
    if (view && r.data?.quota != null) {
      const quota = await read(`/api/resources/${idOf(req)}/quota`);
      if (quota.data) view.seeds.push([['resources', r.data.id, 'quota', 'today'], quota.data]);
    }
    return sendPage(req, reply, view, r.status, anonymous);
  });

  app.get<{ Params: { id: string } }>('/results/:id', { schema: { hide: true } }, async (req, reply) => {
    const r = await read<ResultView>(`/api/results/${idOf(req)}`);
    return sendPage(req, reply, r.data ? resultView(r.data) : null, r.status, anonymous);
  });

  app.get<{ Params: { id: string } }>('/sessions/:id', { schema: { hide: true } }, async (req, reply) => {
    const r = await read<SessionView>(`/api/event-sessions/${idOf(req)}`);
    return sendPage(req, reply, r.data ? sessionView(r.data, originOf(app, req)) : null, r.status, anonymous);
  });

  app.get<{ Params: { id: string } }>('/roadshows/:id', { schema: { hide: true } }, async (req, reply) => {
    const r = await read<PublicRoadshow>(`/api/public/roadshows/${idOf(req)}`);
    return sendPage(req, reply, r.data ? roadshowView(r.data, originOf(app, req)) : null, r.status);
  });

  app.get<{ Params: { id: string } }>('/cases/:id', { schema: { hide: true } }, async (req, reply) => {
    const r = await read<CaseItem & { story: string; photos: { url: string }[] }>(`/api/public/cases/${idOf(req)}`);
    return sendPage(req, reply, r.data ? caseView(r.data) : null, r.status);
  });

  app.get<{ Params: { id: string } }>('/orgs/:id', { schema: { hide: true } }, async (req, reply) => {
    const org = await read<PublicOrganisationView>(`/api/public/organisations/${idOf(req)}`);
    if (!org.data) return sendPage(req, reply, null, org.status);
    // The lists the page shows (web/pages/demands/OrgPage.tsx), read and embedded under its query keys.
    const id = org.data.id;
    const common = { organisationId: id, pageSize: 20 };
    const [demands, technologies, resources, results, docking] = await Promise.all([
      read<ListPage<DemandView>>(`/api/demands${queryString({ ...common, kind: 'demand' })}`),
      read<ListPage<DemandView>>(`/api/demands${queryString({ ...common, kind: 'technology' })}`),
      read<ListPage<ResourceView>>(`/api/resources${queryString(common)}`),
      read<ListPage<ResultView>>(`/api/results${queryString(common)}`),
      read<unknown>(`/api/docking-sessions${queryString(common)}`),
    ]);
    const view = organisationView(org.data, {
      demands: demands.data,
      technologies: technologies.data,
      resources: resources.data,
      results: results.data,
    });
    const lists: [unknown[], { data: unknown }][] = [
      [['demands', 'org', id, 'demand'], demands],
      [['demands', 'org', id, 'technology'], technologies],
      [['resources', 'org', id], resources],
      [['results', 'org', id], results],
      [['docking', 'org', id], docking],
    ];
    for (const [key, r] of lists) if (r.data) view.seeds.push([key, r.data]);
    return sendPage(req, reply, view, 200, anonymous);
  });
});
