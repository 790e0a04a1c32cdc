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
import type { PublicNewsView } from '../../../common/contracts/publicity.ts';
import { links } from '../../../common/links.ts';
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
  noindex?: boolean;
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

export function themeDayView(d: PublicThemeDayDetail, today: string): PageView {
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
      ...(d.agenda.length
        ? {
            subEvent: d.agenda.map((a) => ({
              '@type': 'Event',
              name: a.item,
              startDate: `${a.date}T${/^\d{2}:\d{2}/.test(a.time) ? a.time.slice(0, 5) : '00:00'}:00+08:00`,
              ...(a.location ? { location: { '@type': 'Place', name: a.location } } : {}),
            })),
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
  };
}

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
    `<meta name="twitter:card" content="summary" />`,
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
    url('/news'),
    url('/cases'),
    ...items.themeDays.map((t) => url(links.themeDay(t.id), t.updated_at)),
    ...items.demands.map((d) =>
      url(d.kind === 'technology' ? links.technology(d.id) : links.demand(d.id), d.updated_at),
    ),
    ...items.news.map((n) => url(links.news(n.id), n.updated_at)),
    ...items.cases.map((c) => url(links.case(c.id), c.updated_at)),
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
