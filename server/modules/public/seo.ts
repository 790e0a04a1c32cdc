/**
 * The portal's pages as real HTML for search engines, link previews (WeChat, Weibo) and a phone's first paint:
 * the SPA's index.html with the page's <title>, description, canonical URL, Open Graph tags, JSON-LD and a
 * readable content block put in, and the data the page's queries would fetch embedded for TanStack Query, so
 * the SPA takes over without fetching it again. Also robots.txt and sitemap.xml.
 *
 * Pure functions over the public views (the same the public API answers with); every text is escaped.
 */
import { NOTICE_CITATION } from '../../../common/notice.ts';
import type { PublicStats, PublicThemeDay, PublicThemeDayDetail } from '../../../common/contracts/public.ts';
import type { DemandView } from '../../../common/contracts/demands.ts';
import type { DemandKind } from '../../../common/contracts/demands.ts';
import type { PublicNewsView } from '../../../common/contracts/publicity.ts';
import type { ResourceView } from '../../../common/contracts/resources.ts';
import type { ResultView } from '../../../common/contracts/results.ts';
import type { SessionView } from '../../../common/contracts/events.ts';
import type { PublicRoadshow } from '../../../common/contracts/roadshows.ts';
import type { Base } from '../../../common/contracts/bases.ts';
import type { PublicOrganisationView } from '../../../common/contracts/demands.ts';
import { BASE_KIND_LABELS, DEPARTMENT_LABELS } from '../../../common/roles.ts';
import { links } from '../../../common/links.ts';
import { utcToShanghaiParts } from '../../../common/time.ts';
import type { SitemapItems } from './repository.ts';

export const SITE_NAME = '融通创新主题日平台';
const SITE_DESCRIPTION =
  '大中小企业融通创新主题日：年度主题日日程、示范基地名录、创新需求与新技术、对接活动与成果发布。';

/** A TanStack Query key and the data the page's query would fetch under it. */
export type Seed = [key: unknown[], data: unknown];

export interface PageView {
  title: string;
  description: string;
  /** Path of the canonical URL ('/theme-days/…'). */
  path: string;
  type: 'website' | 'article';
  /** HTML of the readable content, already escaped. */
  content: string;
  jsonLd?: Record<string, unknown>;
  seeds: Seed[];
  /** Seeds of views with the reader's abilities in them: embedded only when nobody is signed in. */
  anonymousSeeds?: Seed[];
  noindex?: boolean;
  /** Path (or absolute URL) of a picture for link previews. */
  image?: string;
}

/** Text for HTML content and attribute values. */
export const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** JSON inside a <script> element: nothing in it can close the element or start a comment. */
export const scriptJson = (v: unknown): string =>
  JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

/** Plain text of a short description: tags dropped, spaces collapsed, at most `max` characters. */
export function plain(s: string, max = 120): string {
  const t = s
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** '2020-06-15' → '2020年6月15日'. */
export function cnDate(d: string): string {
  const [y, m, day] = d.slice(0, 10).split('-');
  return `${Number(y)}年${Number(m)}月${Number(day)}日`;
}

/** A date span in Chinese: one day, or from … to … (the year once when both fall in it). */
export function cnDateRange(start: string, end: string): string {
  if (start === end) return cnDate(start);
  const [ys, ms] = start.split('-');
  const [ye, me, de] = end.split('-');
  if (ys === ye && ms === me) return `${cnDate(start)}至${Number(de)}日`;
  if (ys === ye) return `${cnDate(start)}至${Number(me)}月${Number(de)}日`;
  return `${cnDate(start)}至${cnDate(end)}`;
}

const NAV: [string, string][] = [
  ['/', '首页'],
  ['/bases', '示范基地'],
  ['/demands', '创新需求'],
  ['/resources', '开放资源'],
  ['/results', '科技成果'],
  ['/news', '新闻'],
];

/** The page frame of the server-rendered content: the portal's bar, the content, the footer with the notice. */
function frame(main: string): string {
  const nav = NAV.map(([href, label]) => `<a href="${href}">${esc(label)}</a>`).join('');
  return (
    `<div class="rt-ssr"><header class="rt-ssr-bar"><a class="rt-ssr-brand" href="/">${esc(SITE_NAME)}</a>` +
    `<nav aria-label="主菜单">${nav}</nav></header><main id="main" class="rt-ssr-main">${main}</main>` +
    `<footer class="rt-ssr-footer">依据${esc(NOTICE_CITATION)}</footer></div>`
  );
}

const facts = (rows: [string, string][]): string =>
  `<dl class="rt-ssr-facts">${rows.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>`;

/** Where the host is, as a reader would say it. */
const placeOf = (d: PublicThemeDay): string => d.host.regionName ?? d.host.provinceName ?? '';

/** A theme day's page; its event sessions (when given) listed with links and as sub-events of its Event. */
/** What a theme day's page lists beside its own facts: its event sessions and what was published under it. */
export interface ThemeDayItems {
  sessions?: SessionView[];
  demands?: DemandView[];
  resources?: ResourceView[];
  results?: ResultView[];
  roadshows?: PublicRoadshow[];
}

/** A theme day's page; its event sessions listed with links and as sub-events of its Event, its content linked. */
export function themeDayView(d: PublicThemeDayDetail, today: string, items: ThemeDayItems = {}, origin = ''): PageView {
  const sessions = items.sessions ?? [];
  const dates = cnDateRange(d.startDate, d.endDate);
  const past = d.endDate < today;
  const hostLine = `${d.host.name}（${d.host.shortName}）`;
  const rows: [string, string][] = [
    ['主题', d.theme],
    ['日期', dates],
    ['承办基地', hostLine],
    ['地区', placeOf(d) || '—'],
    ['参与基地', d.partners.length ? d.partners.map((p) => p.name).join('、') : '—'],
  ];
  let main = `<h1>${esc(d.title)}</h1><p class="rt-ssr-lead">主题：${esc(d.theme)}</p>${facts(rows)}`;
  if (past) main += `<p>本期主题日已于${esc(cnDate(d.endDate))}结束。</p>`;
  if (d.planPublished && d.agenda.length) {
    main +=
      `<h2>活动议程</h2><table class="rt-ssr-table"><thead><tr><th>日期</th><th>时间</th><th>内容</th><th>地点</th></tr></thead><tbody>` +
      d.agenda
        .map(
          (a) =>
            `<tr><td>${esc(cnDate(a.date).replace(/^\d+年/, ''))}</td><td>${esc(a.time)}</td><td>${esc(a.item)}</td><td>${esc(a.location ?? '—')}</td></tr>`,
        )
        .join('') +
      `</tbody></table>`;
  } else if (!past) {
    main += `<p>活动方案审定后公布议程。</p>`;
  }
  if (sessions.length) {
    main += `<h2>活动场次</h2><ul class="rt-ssr-list">${sessions
      .map(
        (x) =>
          `<li><a href="${esc(links.eventSession(x.id))}">${esc(x.title)}</a><br>` +
          `${esc(x.kindLabel)} · ${esc(cnTimeSpan(x.startsAt, x.endsAt))}${x.venue ? ` · ${esc(x.venue)}` : ''}</li>`,
      )
      .join('')}</ul>`;
  }
  const linked = (title: string, rows: { href: string; title: string; line: string }[]) =>
    rows.length
      ? `<h2>${esc(title)}</h2><ul class="rt-ssr-list">${rows
          .map((r) => `<li><a href="${esc(r.href)}">${esc(r.title)}</a><br>${esc(r.line)}</li>`)
          .join('')}</ul>`
      : '';
  main += linked(
    '项目路演',
    (items.roadshows ?? []).map((r) => ({
      href: links.roadshow(r.id),
      title: r.title,
      line: `${cnTimeSpan(r.session.startsAt, r.session.endsAt)}${r.session.venue ? ` · ${r.session.venue}` : ''}`,
    })),
  );
  const demands = items.demands ?? [];
  main += linked(
    '创新需求',
    demands
      .filter((x) => x.kind !== 'technology')
      .map((x) => ({ href: links.demand(x.id), title: x.title, line: x.organisation.name })),
  );
  main += linked(
    '新技术新产品',
    demands
      .filter((x) => x.kind === 'technology')
      .map((x) => ({ href: links.technology(x.id), title: x.title, line: x.organisation.name })),
  );
  main += linked(
    '开放资源',
    (items.resources ?? []).map((x) => ({
      href: links.resource(x.id),
      title: x.title,
      line: `${x.organisation.name} · ${x.typeLabel}`,
    })),
  );
  main += linked(
    '科技成果',
    (items.results ?? []).map((x) => ({
      href: links.result(x.id),
      title: x.title,
      line: `${x.organisation.name} · ${x.transferModeLabel}`,
    })),
  );
  if (d.parts.length) {
    main += `<h2>主题内容</h2><ul>${d.parts.map((p) => `<li><strong>${esc(p.name)}</strong>：${esc(p.description)}</li>`).join('')}</ul>`;
  }
  const where = placeOf(d);
  const description = plain(`${d.title}：${d.theme}。${dates}，${hostLine}承办${where ? `（${where}）` : ''}。`, 160);
  const path = links.themeDay(d.id);
  return {
    title: `${d.title} · ${SITE_NAME}`,
    description,
    path,
    type: 'article',
    content: frame(main),
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: d.title,
      description: d.theme,
      startDate: d.startDate,
      endDate: d.endDate,
      eventStatus: 'https://schema.org/EventScheduled',
      eventAttendanceMode: 'https://schema.org/MixedEventAttendanceMode',
      location: {
        '@type': 'Place',
        name: d.host.name,
        address: {
          '@type': 'PostalAddress',
          addressCountry: 'CN',
          ...(d.host.provinceName ? { addressRegion: d.host.provinceName } : {}),
          ...(d.host.regionName ? { addressLocality: d.host.regionName } : {}),
        },
      },
      organizer: { '@type': 'Organization', name: d.host.name },
      ...(d.agenda.length || sessions.length
        ? {
            subEvent: [
              ...sessions.map((x) => ({
                '@type': 'Event',
                name: x.title,
                url: origin + links.eventSession(x.id),
                startDate: shanghaiIso(x.startsAt),
                endDate: shanghaiIso(x.endsAt),
                eventAttendanceMode: ATTENDANCE_MODE[x.mode],
                location: eventLocation(x.mode, x.venue, origin + links.eventSession(x.id)),
              })),
              ...d.agenda.map((a) => ({
                '@type': 'Event',
                name: a.item,
                startDate: `${a.date}T${/^\d{2}:\d{2}/.test(a.time) ? a.time.slice(0, 5) : '00:00'}:00+08:00`,
                ...(a.location ? { location: { '@type': 'Place', name: a.location } } : {}),
              })),
            ],
          }
        : {}),
    },
    seeds: [[['public', 'theme-day', d.id], d]],
  };
}

export function homeView(days: PublicThemeDay[], stats: PublicStats | null, today: string): PageView {
  const thisYear = Number(today.slice(0, 4));
  const years = [...new Set(days.map((d) => d.year))].sort((a, b) => b - a);
  const year = years.includes(thisYear) ? thisYear : (years[0] ?? thisYear);
  const shown = days.filter((d) => d.year === year).sort((a, b) => a.startDate.localeCompare(b.startDate));
  let main =
    `<section class="rt-hero"><h1>大中小企业融通创新主题日</h1>` +
    `<p>双创示范基地轮流承办，每期聚焦一个主题，促进大中小企业融通创新。</p></section>`;
  if (stats) {
    main += facts([
      ['示范基地', `${stats.bases}个`],
      [`${stats.year}年主题日`, `${stats.themeDaysThisYear}期`],
      ['即将举办', `${stats.upcomingThemeDays}期`],
    ]);
  }
  main += `<h2>${year}年主题日</h2>`;
  main += shown.length
    ? `<ul class="rt-ssr-list">${shown
        .map(
          (d) =>
            `<li><a href="${esc(links.themeDay(d.id))}">${esc(d.title)}</a><br>${esc(d.theme)}<br>` +
            `${esc(cnDateRange(d.startDate, d.endDate))} · ${esc(d.host.name)}</li>`,
        )
        .join('')}</ul>`
    : `<p>本年度主题日日程待公布。</p>`;
  return {
    title: SITE_NAME,
    description: SITE_DESCRIPTION,
    path: '/',
    type: 'website',
    content: frame(main),
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'WebSite',
      name: SITE_NAME,
      description: SITE_DESCRIPTION,
    },
    seeds: [],
  };
}

export function demandView(d: DemandView): PageView {
  const rows: [string, string][] = [
    ['类型', d.kindLabel],
    ['发布单位', d.organisation.name],
    ['技术领域', d.fieldName ?? d.fieldCode],
    ['合作方式', d.cooperationModeLabel],
    ['截止日期', cnDate(d.deadline)],
  ];
  if (d.themeDay) rows.push(['主题日', d.themeDay.title]);
  let main = `<h1>${esc(d.title)}</h1>${facts(rows)}<h2>需求描述</h2><p class="rt-ssr-pre">${esc(d.description)}</p>`;
  if (d.indicators) main += `<h2>技术指标</h2><p class="rt-ssr-pre">${esc(d.indicators)}</p>`;
  return {
    title: `${d.title} · ${d.kindLabel} · ${SITE_NAME}`,
    description: plain(`${d.organisation.name}发布的${d.kindLabel}：${d.description}`, 160),
    path: d.kind === 'technology' ? links.technology(d.id) : links.demand(d.id),
    type: 'article',
    content: frame(main),
    seeds: [],
  };
}

export function newsView(n: PublicNewsView): PageView {
  const rows: [string, string][] = [
    ['发布单位', n.authorOrganisation.name],
    ['发布时间', cnDate(n.publishedAt)],
  ];
  if (n.themeDay) rows.push(['主题日', n.themeDay.title]);
  // The body is the server's sanitised HTML (the same the SPA shows); here only its text is shown.
  const main = `<h1>${esc(n.title)}</h1>${facts(rows)}<p class="rt-ssr-lead">${esc(n.summary)}</p><p class="rt-ssr-pre">${esc(plain(n.body, 2000))}</p>`;
  return {
    title: `${n.title} · ${SITE_NAME}`,
    description: plain(n.summary || n.body, 160),
    path: links.news(n.id),
    type: 'article',
    content: frame(main),
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: n.title,
      datePublished: n.publishedAt,
      dateModified: n.updatedAt,
      author: { '@type': 'Organization', name: n.authorOrganisation.name },
      ...(n.cover ? { image: [n.cover.url] } : {}),
    },
    seeds: [[['public', 'news', n.id], n]],
    ...(n.cover ? { image: n.cover.url } : {}),
  };
}

// ----- list pages --------------------------------------------------------------------------------------------

/** One page of a list as the public API answers it. */
export interface ListPage<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * The query a list page built on web/hooks/useTableState.ts sends for these URL parameters: page, pageSize, sort
 * and order (with the page's defaults) and every other parameter as a filter string. It is also the page's query
 * key, so the server reads and embeds exactly what the SPA would ask for.
 */
export function tableQuery(
  params: URLSearchParams,
  defaults: { pageSize?: number; sort?: string; order?: 'asc' | 'desc' } = {},
): Record<string, string | number> {
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const pageSize = Math.min(100, Math.max(1, Number(params.get('pageSize') ?? defaults.pageSize ?? 20) || 20));
  const sort = params.get('sort') ?? defaults.sort;
  const rawOrder = params.get('order') ?? defaults.order;
  const order = rawOrder === 'asc' || rawOrder === 'desc' ? rawOrder : undefined;
  const q: Record<string, string | number> = {};
  for (const [k, v] of params) if (!['page', 'pageSize', 'sort', 'order'].includes(k) && v !== '') q[k] = v;
  q.page = page;
  q.pageSize = pageSize;
  if (sort !== undefined) q.sort = sort;
  if (order !== undefined) q.order = order;
  return q;
}

/** The query string of an API read (what web/api/client.ts's toQueryString sends). */
export function queryString(q: Record<string, string | number | null | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Links to the previous and next page of a list (the same URL with `page` changed), for readers and crawlers. */
function pager(path: string, params: URLSearchParams, list: ListPage<unknown>): string {
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  if (pages <= 1) return '';
  const at = (n: number) => {
    const p = new URLSearchParams(params);
    if (n === 1) p.delete('page');
    else p.set('page', String(n));
    const s = p.toString();
    return esc(s ? `${path}?${s}` : path);
  };
  const parts = [];
  if (list.page > 1) parts.push(`<a rel="prev" href="${at(list.page - 1)}">上一页</a>`);
  parts.push(`<span>第${list.page}页，共${pages}页</span>`);
  if (list.page < pages) parts.push(`<a rel="next" href="${at(list.page + 1)}">下一页</a>`);
  return `<nav class="rt-ssr-pager" aria-label="分页">${parts.join(' ')}</nav>`;
}

/** A list page: heading, a lead, the items as links with a line of facts each, the pager. */
function listView(o: {
  title: string;
  /** The page's heading as the SPA shows it (default: the title). */
  heading?: string;
  /** A heading above the list (the tab a list page shows). */
  subheading?: string;
  lead: string;
  path: string;
  params: URLSearchParams;
  list: ListPage<unknown> | null;
  rows: { href?: string; title: string; lines: string[] }[];
  empty: string;
  seeds: Seed[];
}): PageView {
  let main = `<h1>${esc(o.heading ?? o.title)}</h1><p class="rt-ssr-lead">${esc(o.lead)}</p>`;
  if (o.subheading) main += `<h2>${esc(o.subheading)}</h2>`;
  if (o.list) {
    main += `<p>共${o.list.total}条</p>`;
    main += o.rows.length
      ? `<ul class="rt-ssr-list">${o.rows
          .map(
            (r) =>
              `<li>${r.href ? `<a href="${esc(r.href)}">${esc(r.title)}</a>` : `<strong>${esc(r.title)}</strong>`}` +
              r.lines
                .filter(Boolean)
                .map((l) => `<br>${esc(l)}`)
                .join('') +
              `</li>`,
          )
          .join('')}</ul>`
      : `<p>${esc(o.empty)}</p>`;
    main += pager(o.path, o.params, o.list);
  }
  const filtered = [...o.params.keys()].some((k) => k !== 'page');
  return {
    title: `${o.title} · ${SITE_NAME}`,
    description: plain(o.lead, 160),
    path: o.path + (o.list && o.list.page > 1 && !filtered ? `?page=${o.list.page}` : ''),
    type: 'website',
    content: frame(main),
    seeds: o.seeds,
    // A filtered list is the same content as the unfiltered one: kept out of the index, links still followed.
    ...(filtered ? { noindex: true } : {}),
  };
}

const regionOf = (b: Base): string => b.regionName ?? b.regionCode;

export function basesView(params: URLSearchParams, key: unknown, list: ListPage<Base> | null): PageView {
  return listView({
    title: '双创示范基地名录',
    lead: '全国大众创业万众创新示范基地：区域示范基地、高校和科研院所示范基地、企业示范基地。',
    path: '/bases',
    params,
    list,
    rows: (list?.items ?? []).map((b) => ({
      title: b.name,
      lines: [
        `${b.shortName} · ${BASE_KIND_LABELS[b.kind].zh} · 第${b.batch}批 · ${regionOf(b)}` +
          (b.supervisingDepartment ? ` · ${DEPARTMENT_LABELS[b.supervisingDepartment].zh}` : ''),
        b.description ? plain(b.description, 200) : '',
      ],
    })),
    empty: '没有符合条件的示范基地。',
    seeds: list ? [[['bases', 'directory', key], list]] : [],
  });
}

export function demandsListView(
  kind: DemandKind,
  params: URLSearchParams,
  key: unknown[],
  list: ListPage<DemandView> | null,
): PageView {
  const tech = kind === 'technology';
  const v = listView({
    title: tech ? '新技术目录' : '创新需求清单',
    heading: '创新需求与新技术目录',
    subheading: tech ? '新技术目录' : '创新需求清单',
    lead: '大企业发布创新需求清单和新技术目录，中小企业、高校和科研院所揭榜响应，组建成本分担、利益共享的创新联合体。',
    path: '/demands',
    params,
    list,
    rows: (list?.items ?? []).map((d) => ({
      href: tech ? links.technology(d.id) : links.demand(d.id),
      title: d.title,
      lines: [
        `${d.organisation.name} · ${d.fieldName ?? d.fieldCode} · ${d.cooperationModeLabel}` +
          (tech ? '' : ` · 截止${cnDate(d.deadline)}`),
        plain(d.description, 120),
      ],
    })),
    empty: tech ? '暂无新技术新产品。' : '暂无创新需求。',
    seeds: list ? [[key, list]] : [],
  });
  // The technology tab (?kind=technology) is a list of its own, not a filtered view.
  if (tech && [...params.keys()].every((k) => k === 'kind' || k === 'page')) {
    const { noindex: _n, ...rest } = v;
    return { ...rest, path: `/demands?kind=technology${list && list.page > 1 ? `&page=${list.page}` : ''}` };
  }
  return v;
}

export function resourcesListView(params: URLSearchParams, key: unknown, list: ListPage<ResourceView> | null) {
  return listView({
    title: '创新资源开放共享',
    lead: '大企业、高校和科研院所向中小企业和创业团队开放的应用场景、实验室、仪器设备、创业投资、人才培训和供应链资源。',
    path: '/resources',
    params,
    list,
    rows: (list?.items ?? []).map((r) => ({
      href: links.resource(r.id),
      title: r.title,
      lines: [`${r.organisation.name} · ${r.typeLabel} · ${r.priceModelLabel}`, plain(r.description, 120)],
    })),
    empty: '暂无开放资源。',
    seeds: list ? [[['resources', 'public', key], list]] : [],
  });
}

export function resultsListView(params: URLSearchParams, key: unknown, list: ListPage<ResultView> | null) {
  return listView({
    title: '创新成果联合转化',
    lead: '经保密审查可以公开的不涉密科技成果，中小企业和创业团队可申请参与转化。',
    path: '/results',
    params,
    list,
    rows: (list?.items ?? []).map((r) => ({
      href: links.result(r.id),
      title: r.title,
      lines: [
        `${r.organisation.name} · ${r.fieldName ?? r.fieldCode} · 技术成熟度${r.trl}级 · ${r.transferModeLabel}`,
        plain(r.description, 120),
      ],
    })),
    empty: '暂无公开的科技成果。',
    seeds: list ? [[['results', 'public', key], list]] : [],
  });
}

export function newsListView(
  params: URLSearchParams,
  key: unknown[],
  list: ListPage<Omit<PublicNewsView, 'body' | 'updatedAt'>> | null,
) {
  return listView({
    title: '新闻动态',
    lead: '融通创新主题日活动的新进展、新成效。',
    path: '/news',
    params,
    list,
    rows: (list?.items ?? []).map((n) => ({
      href: links.news(n.id),
      title: n.title,
      lines: [`${cnDate(n.publishedAt)} · ${n.authorOrganisation.name}`, n.summary],
    })),
    empty: '暂无新闻。',
    seeds: list ? [[key, list]] : [],
  });
}

export interface CaseItem {
  id: string;
  title: string;
  summary: string;
  parties: { name: string }[];
  figures: { label: string; value: string; unit: string }[];
  publishedAt: string;
  themeDay: { id: string; title: string } | null;
  cover: { url: string } | null;
}

const figureText = (f: CaseItem['figures'][number]) => `${f.label}${f.value}${f.unit}`;

export function casesListView(params: URLSearchParams, key: unknown[], list: ListPage<CaseItem> | null) {
  return listView({
    title: '融通创新成功案例',
    lead: '经各合作方同意对外宣传的大中小企业融通合作项目。',
    path: '/cases',
    params,
    list,
    rows: (list?.items ?? []).map((c) => ({
      href: links.case(c.id),
      title: c.title,
      lines: [c.parties.map((p) => p.name).join('、'), c.summary, c.figures.map(figureText).join('；')],
    })),
    empty: '暂无成功案例。',
    seeds: list ? [[key, list]] : [],
  });
}

// ----- detail pages ------------------------------------------------------------------------------------------

export function resourceView(r: ResourceView): PageView {
  const rows: [string, string][] = [
    ['资源类型', r.typeLabel],
    ['提供单位', r.organisation.name],
    ['收费方式', r.priceModelLabel + (r.priceNote ? `（${r.priceNote}）` : '')],
  ];
  if (r.location) rows.push(['地点', r.location]);
  if (r.quota != null) rows.push(['名额', `${r.quota}`]);
  if (r.graduateTeams) rows.push(['面向', '高校毕业生创业团队']);
  if (r.themeDay) rows.push(['主题日', r.themeDay.title]);
  if (r.status === 'closed') rows.push(['状态', '已停止开放']);
  let main = `<h1>${esc(r.title)}</h1>${facts(rows)}<h2>资源介绍</h2><p class="rt-ssr-pre">${esc(r.description)}</p>`;
  if (r.conditions) main += `<h2>使用条件</h2><p class="rt-ssr-pre">${esc(r.conditions)}</p>`;
  return {
    title: `${r.title} · 开放资源 · ${SITE_NAME}`,
    description: plain(`${r.organisation.name}开放的${r.typeLabel}（${r.priceModelLabel}）：${r.description}`, 160),
    path: links.resource(r.id),
    type: 'article',
    content: frame(main),
    seeds: [[['resources', r.id], r]],
  };
}

export function resultView(r: ResultView): PageView {
  const rows: [string, string][] = [
    ['完成单位', r.organisation.name],
    ['技术领域', r.fieldName ?? r.fieldCode],
    ['技术成熟度', `${r.trl}级`],
    ['转化方式', r.transferModeLabel],
  ];
  if (r.priceExpectation) rows.push(['价格预期', r.priceExpectation]);
  if (r.patents.length) rows.push(['专利', r.patents.join('、')]);
  if (r.themeDay) rows.push(['主题日', r.themeDay.title]);
  const main = `<h1>${esc(r.title)}</h1>${facts(rows)}<h2>成果简介</h2><p class="rt-ssr-pre">${esc(r.description)}</p>`;
  return {
    title: `${r.title} · 科技成果 · ${SITE_NAME}`,
    description: plain(`${r.organisation.name}的科技成果（${r.transferModeLabel}）：${r.description}`, 160),
    path: links.result(r.id),
    type: 'article',
    content: frame(main),
    seeds: [[['results', r.id], r]],
  };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** An instant (ISO 8601 with Z or an offset, as the API answers) or a Beijing wall-clock time → 'YYYY-MM-DDTHH:mm' in Beijing time. */
export function beijingLocal(t: string): string {
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(t)) return t.replace(' ', 'T').slice(0, 16);
  const p = utcToShanghaiParts(t);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}T${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** A time as schema.org wants it: ISO 8601 in Beijing time with its offset. */
export const shanghaiIso = (t: string): string => `${beijingLocal(t)}:00+08:00`;

/** '2020-09-10T01:30:00Z' → '2020年9月10日 09:30' (Beijing time). */
const cnDateTime = (t: string): string => {
  const local = beijingLocal(t);
  return `${cnDate(local)} ${local.slice(11, 16)}`;
};

/** A time span in Beijing time: the day once when it starts and ends on the same day. */
function cnTimeSpan(start: string, end: string): string {
  const [a, b] = [beijingLocal(start), beijingLocal(end)];
  return a.slice(0, 10) === b.slice(0, 10)
    ? `${cnDateTime(a)}—${b.slice(11, 16)}`
    : `${cnDateTime(a)}至${cnDateTime(b)}`;
}

const ATTENDANCE_MODE: Record<string, string> = {
  offline: 'https://schema.org/OfflineEventAttendanceMode',
  online: 'https://schema.org/OnlineEventAttendanceMode',
  hybrid: 'https://schema.org/MixedEventAttendanceMode',
};
const MODE_LABEL: Record<string, string> = { offline: '线下', online: '线上', hybrid: '线上线下结合' };
const REGISTRATION_LABEL: Record<string, string> = { not_yet: '尚未开始', open: '报名中', closed: '已截止' };

/** Where an event takes place for schema.org: the venue, the page itself for an online one, or both. */
function eventLocation(mode: string, venue: string | null, url: string) {
  const place = {
    '@type': 'Place',
    name: venue ?? '线下会场',
    address: { '@type': 'PostalAddress', addressCountry: 'CN' },
  };
  const virtual = { '@type': 'VirtualLocation', url };
  if (mode === 'online') return virtual;
  if (mode === 'hybrid') return [place, virtual];
  return place;
}

export function sessionView(s: SessionView, origin: string): PageView {
  const path = links.eventSession(s.id);
  const rows: [string, string][] = [
    ['类型', s.kindLabel],
    ['时间', cnTimeSpan(s.startsAt, s.endsAt)],
    ['方式', MODE_LABEL[s.mode] ?? s.mode],
    ['地点', s.venue ?? (s.mode === 'online' ? '线上' : '—')],
    ['主题日', `${s.themeDay.title}（${s.themeDay.hostName}承办）`],
    [
      '报名',
      `${REGISTRATION_LABEL[s.registrationState] ?? ''}（${cnDateTime(s.registrationOpensAt)}至${cnDateTime(s.registrationClosesAt)}）`,
    ],
  ];
  if (s.capacity != null) rows.push(['线下名额', `${s.capacity}人`]);
  let main = `<h1>${esc(s.title)}</h1>${facts(rows)}`;
  if (s.description) main += `<h2>活动介绍</h2><p class="rt-ssr-pre">${esc(s.description)}</p>`;
  main += `<p><a href="${esc(links.themeDay(s.themeDay.id))}">查看主题日：${esc(s.themeDay.title)}</a></p>`;
  return {
    title: `${s.title} · ${s.themeDay.title} · ${SITE_NAME}`,
    description: plain(
      `${s.themeDay.title}${s.kindLabel}：${s.title}。${cnTimeSpan(s.startsAt, s.endsAt)}${s.venue ? `，${s.venue}` : ''}。${s.description ?? ''}`,
      160,
    ),
    path,
    type: 'article',
    content: frame(main),
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: s.title,
      ...(s.description ? { description: plain(s.description, 500) } : {}),
      startDate: shanghaiIso(s.startsAt),
      endDate: shanghaiIso(s.endsAt),
      eventStatus: 'https://schema.org/EventScheduled',
      eventAttendanceMode: ATTENDANCE_MODE[s.mode],
      location: eventLocation(s.mode, s.venue, origin + path),
      organizer: { '@type': 'Organization', name: s.themeDay.hostName },
      superEvent: {
        '@type': 'Event',
        name: s.themeDay.title,
        url: origin + links.themeDay(s.themeDay.id),
        startDate: s.themeDay.startDate,
        endDate: s.themeDay.endDate,
      },
    },
    seeds: [[['events', 'session', s.id], s]],
  };
}

export function roadshowView(r: PublicRoadshow, origin: string): PageView {
  const path = links.roadshow(r.id);
  const rows: [string, string][] = [
    ['主题日', r.themeDay.title],
    ['时间', cnTimeSpan(r.session.startsAt, r.session.endsAt)],
    ['地点', r.session.venue ?? '—'],
    ['评审专家', `${r.judges}位`],
  ];
  let main = `<h1>${esc(r.title)}</h1>${facts(rows)}`;
  if (r.results?.length) {
    main +=
      `<h2>路演结果</h2><table class="rt-ssr-table"><thead><tr><th>名次</th><th>项目</th><th>单位</th><th>平均分</th></tr></thead><tbody>` +
      r.results
        .map(
          (x) =>
            `<tr><td>${x.rank}</td><td>${esc(x.name)}</td><td>${esc(x.organisationName)}</td><td>${x.average == null ? '—' : x.average.toFixed(2)}</td></tr>`,
        )
        .join('') +
      `</tbody></table>`;
  } else if (r.lineup.length) {
    main += `<h2>路演项目</h2><ol>${r.lineup
      .map((x) => `<li>${esc(x.name)}（${esc(x.organisationName)}，${esc(x.field)}，${esc(x.stageLabel)}）</li>`)
      .join('')}</ol>`;
  } else {
    main += `<p>路演项目名单确定后公布。</p>`;
  }
  if (r.criteria.length) {
    main += `<h2>评分标准</h2><ul>${r.criteria.map((c) => `<li>${esc(c.name)}：${c.weight}%</li>`).join('')}</ul>`;
  }
  main += `<p><a href="${esc(links.themeDay(r.themeDay.id))}">查看主题日：${esc(r.themeDay.title)}</a></p>`;
  return {
    title: `${r.title} · 项目路演 · ${SITE_NAME}`,
    description: plain(
      `${r.themeDay.title}项目路演：${r.title}。${cnTimeSpan(r.session.startsAt, r.session.endsAt)}` +
        `${r.session.venue ? `，${r.session.venue}` : ''}。${r.lineup.length ? `${r.lineup.length}个项目参加路演。` : ''}`,
      160,
    ),
    path,
    type: 'article',
    content: frame(main),
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'Event',
      name: r.title,
      startDate: shanghaiIso(r.session.startsAt),
      endDate: shanghaiIso(r.session.endsAt),
      eventStatus: 'https://schema.org/EventScheduled',
      ...(ATTENDANCE_MODE[r.session.mode] ? { eventAttendanceMode: ATTENDANCE_MODE[r.session.mode] } : {}),
      location: eventLocation(r.session.mode, r.session.venue, origin + path),
      superEvent: { '@type': 'Event', name: r.themeDay.title, url: origin + links.themeDay(r.themeDay.id) },
    },
    seeds: [[['public', 'roadshow', r.id], r]],
  };
}

export function caseView(c: CaseItem & { story: string; photos: { url: string }[] }): PageView {
  const rows: [string, string][] = [
    ['合作各方', c.parties.map((p) => p.name).join('、')],
    ['发布时间', cnDate(c.publishedAt)],
  ];
  if (c.themeDay) rows.push(['主题日', c.themeDay.title]);
  let main = `<h1>${esc(c.title)}</h1>${facts(rows)}`;
  if (c.summary) main += `<p class="rt-ssr-lead">${esc(c.summary)}</p>`;
  if (c.figures.length) main += facts(c.figures.map((f) => [f.label, `${f.value}${f.unit}`]));
  main += `<p class="rt-ssr-pre">${esc(plain(c.story, 3000))}</p>`;
  const image = c.cover?.url ?? c.photos[0]?.url;
  return {
    title: `${c.title} · 成功案例 · ${SITE_NAME}`,
    description: plain(c.summary || c.story, 160),
    path: links.case(c.id),
    type: 'article',
    content: frame(main),
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'Article',
      headline: c.title,
      datePublished: c.publishedAt,
      author: c.parties.map((p) => ({ '@type': 'Organization', name: p.name })),
      ...(image ? { image: [image] } : {}),
    },
    seeds: [[['public', 'cases', c.id], c]],
    ...(image ? { image } : {}),
  };
}

export interface OrgLists {
  demands: ListPage<DemandView> | null;
  technologies: ListPage<DemandView> | null;
  resources: ListPage<ResourceView> | null;
  results: ListPage<ResultView> | null;
}

export function organisationView(o: PublicOrganisationView, lists: OrgLists): PageView {
  const rows: [string, string][] = [['机构类型', o.kindLabel]];
  if (o.regionName) rows.push(['地区', o.regionName]);
  if (o.industryName) rows.push(['行业', o.industryName]);
  if (o.sizeLabel) rows.push(['规模', o.sizeLabel]);
  let main = `<h1>${esc(o.name)}</h1>${facts(rows)}`;
  const section = (title: string, items: { href: string; title: string }[]) =>
    items.length
      ? `<h2>${esc(title)}</h2><ul>${items.map((i) => `<li><a href="${esc(i.href)}">${esc(i.title)}</a></li>`).join('')}</ul>`
      : '';
  main += section(
    '创新需求',
    (lists.demands?.items ?? []).map((d) => ({ href: links.demand(d.id), title: d.title })),
  );
  main += section(
    '新技术新产品',
    (lists.technologies?.items ?? []).map((d) => ({ href: links.technology(d.id), title: d.title })),
  );
  main += section(
    '开放资源',
    (lists.resources?.items ?? []).map((r) => ({ href: links.resource(r.id), title: r.title })),
  );
  main += section(
    '科技成果',
    (lists.results?.items ?? []).map((r) => ({ href: links.result(r.id), title: r.title })),
  );
  return {
    title: `${o.name} · ${SITE_NAME}`,
    description: plain(
      `${o.name}（${o.kindLabel}${o.regionName ? `，${o.regionName}` : ''}）：发布创新需求${o.counts.demands}项、新技术新产品${o.counts.technologies}项。`,
      160,
    ),
    path: links.organisation(o.id),
    type: 'website',
    content: frame(main),
    jsonLd: {
      '@context': 'https://schema.org',
      '@type': 'Organization',
      name: o.name,
      ...(o.regionName
        ? { address: { '@type': 'PostalAddress', addressCountry: 'CN', addressRegion: o.regionName } }
        : {}),
    },
    seeds: [[['public-org', o.id], o]],
  };
}

const absolute = (pathOrUrl: string, origin: string): string =>
  /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : `${origin}${pathOrUrl.startsWith('/') ? '' : '/'}${pathOrUrl}`;

/**
 * index.html with the page put in: title, description, canonical, Open Graph, JSON-LD, the readable content
 * inside #root (React replaces it when it renders) and the seeds for TanStack Query.
 */
export function renderPage(template: string, v: PageView, origin: string): string {
  const url = `${origin}${v.path}`;
  const head = [
    `<link rel="canonical" href="${esc(url)}" />`,
    `<meta property="og:site_name" content="${esc(SITE_NAME)}" />`,
    `<meta property="og:type" content="${v.type}" />`,
    `<meta property="og:title" content="${esc(v.title)}" />`,
    `<meta property="og:description" content="${esc(v.description)}" />`,
    `<meta property="og:url" content="${esc(url)}" />`,
    `<meta property="og:locale" content="zh_CN" />`,
    v.image ? `<meta property="og:image" content="${esc(absolute(v.image, origin))}" />` : '',
    `<meta name="twitter:card" content="${v.image ? 'summary_large_image' : 'summary'}" />`,
    v.noindex ? `<meta name="robots" content="noindex" />` : '',
    v.jsonLd ? `<script type="application/ld+json">${scriptJson(v.jsonLd)}</script>` : '',
  ]
    .filter(Boolean)
    .join('\n    ');
  const seeds = v.seeds.length
    ? `<script type="application/json" id="rt-initial-data">${scriptJson(v.seeds)}</script>`
    : '';
  return template
    .replace(/<title>[^<]*<\/title>/, `<title>${esc(v.title)}</title>`)
    .replace(
      /<meta name="description" content="[^"]*"\s*\/?>/,
      `<meta name="description" content="${esc(v.description)}" />`,
    )
    .replace('</head>', `    ${head}\n  </head>`)
    .replace('<div id="root"></div>', `<div id="root">${v.content}</div>${seeds}`);
}

const xmlEsc = esc;

/** sitemap.xml of the portal: the list pages and every public item (ids only; no private item is queried). */
export function sitemapXml(origin: string, items: SitemapItems): string {
  const url = (path: string, lastmod?: string) =>
    `<url><loc>${xmlEsc(origin + path)}</loc>${lastmod ? `<lastmod>${xmlEsc(lastmod.slice(0, 10))}</lastmod>` : ''}</url>`;
  const rows = [
    url('/'),
    url('/bases'),
    url('/demands'),
    url('/resources'),
    url('/results'),
    url('/demands?kind=technology'),
    url('/news'),
    url('/cases'),
    url('/benchmarks'),
    ...items.themeDays.map((t) => url(links.themeDay(t.id), t.updated_at)),
    ...items.sessions.map((s) => url(links.eventSession(s.id), s.updated_at)),
    ...items.roadshows.map((r) => url(links.roadshow(r.id), r.updated_at)),
    ...items.demands.map((d) =>
      url(d.kind === 'technology' ? links.technology(d.id) : links.demand(d.id), d.updated_at),
    ),
    ...items.resources.map((r) => url(links.resource(r.id), r.updated_at)),
    ...items.results.map((r) => url(links.result(r.id), r.updated_at)),
    ...items.news.map((n) => url(links.news(n.id), n.updated_at)),
    ...items.cases.map((c) => url(links.case(c.id), c.updated_at)),
    ...items.organisations.map((o) => url(links.organisation(o.id), o.updated_at)),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${rows.join('\n')}\n</urlset>\n`;
}

/** robots.txt: the portal is open; the workspace, the sign-in page and the API are not for crawlers. */
export function robotsTxt(origin: string): string {
  return [
    'User-agent: *',
    'Allow: /',
    'Disallow: /workspace',
    'Disallow: /api/',
    'Disallow: /login',
    '',
    `Sitemap: ${origin}/sitemap.xml`,
    '',
  ].join('\n');
}
