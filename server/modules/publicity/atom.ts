/**
 * The news feed as Atom 1.0 (RFC 4287): every text escaped, links absolute (the configured PUBLIC_URL, else the
 * request's own scheme and host), entry ids stable (`urn:uuid:` of the news id), the sanitised body as
 * `type="html"` content with our own image paths made absolute.
 */
import { PUBLIC_IMAGE_PATH, type PublicNewsItem } from '../../../common/contracts/publicity.ts';
import { links } from '../../../common/links.ts';

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
/** Escapes text for XML, dropping characters XML 1.0 forbids. */
export const xmlEscape = (s: string): string =>
  // eslint-disable-next-line no-control-regex
  s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);

/** The base URL for absolute links: the configured one, else scheme://host of the request (a sane host only). */
export function baseUrl(configured: string | undefined, protocol: string, host: string | undefined): string {
  if (configured) return configured.replace(/\/+$/, '');
  const h = host && /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host) ? host : 'localhost';
  return `${protocol === 'https' ? 'https' : 'http'}://${h}`;
}

export interface FeedEntry extends PublicNewsItem {
  body: string;
  updatedAt: string;
}

export function atomFeed(base: string, entries: FeedEntry[], now: Date): string {
  const abs = (html: string) =>
    html.replace(
      /(<img[^>]*\ssrc=")(\/api\/public\/images\/)/g,
      (_m, pre: string) => `${pre}${base}${PUBLIC_IMAGE_PATH}`,
    );
  const updated = entries.reduce(
    (m, e) => (e.updatedAt > m ? e.updatedAt : m),
    entries[0]?.updatedAt ?? now.toISOString(),
  );
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `  <id>${xmlEscape(`${base}${links.newsList()}`)}</id>`,
    '  <title>融通创新主题日 · 新闻动态</title>',
    '  <subtitle>大中小企业融通创新主题日活动的新进展、新成效</subtitle>',
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(`${base}/api/public/news.atom`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(`${base}${links.newsList()}`)}"/>`,
    '  <author><name>融通创新主题日平台</name></author>',
    '  <generator>融通创新主题日平台</generator>',
  ];
  for (const e of entries) {
    const link = `${base}${links.news(e.id)}`;
    lines.push(
      '  <entry>',
      `    <id>urn:uuid:${xmlEscape(e.id)}</id>`,
      `    <title type="text">${xmlEscape(e.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(link)}"/>`,
      `    <published>${e.publishedAt}</published>`,
      `    <updated>${e.updatedAt}</updated>`,
      `    <author><name>${xmlEscape(e.authorOrganisation.name)}</name></author>`,
      ...(e.themeDay
        ? [`    <category term="${xmlEscape(e.themeDay.id)}" label="${xmlEscape(e.themeDay.title)}"/>`]
        : []),
      ...(e.summary ? [`    <summary type="text">${xmlEscape(e.summary)}</summary>`] : []),
      ...(e.cover
        ? [
            `    <link rel="enclosure" type="image/${e.cover.type}" length="${e.cover.size}" href="${xmlEscape(base + e.cover.url)}"/>`,
          ]
        : []),
      `    <content type="html">${xmlEscape(abs(e.body))}</content>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
