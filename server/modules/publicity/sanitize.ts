/**
 * Rich text of news and success cases, sanitised on the server before it is stored (the web shows the stored
 * HTML as is). An allow-list: paragraphs, h2–h4, emphasis, quotes, lists, links (http/https/mailto only,
 * always rel="noopener noreferrer"), images only from our own uploads path, and plain tables. Everything else —
 * script, style, iframe, on* handlers, style attributes, javascript:/data: URLs — is dropped.
 */
import sanitizeHtml from 'sanitize-html';
import { PUBLIC_IMAGE_PATH } from '../../../common/contracts/publicity.ts';

const OWN_IMAGE = new RegExp(`^${PUBLIC_IMAGE_PATH.replace(/\//g, '\\/')}[A-Za-z0-9-]{1,100}$`);

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'h2',
    'h3',
    'h4',
    'strong',
    'em',
    'u',
    's',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'rel', 'target'],
    img: ['src', 'alt', 'width', 'height'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  // Contents of dropped tags stay as text, except these, whose content is code or not for reading.
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math'],
  transformTags: {
    a: (tagName, attribs) => {
      const out: sanitizeHtml.Attributes = { rel: 'noopener noreferrer' };
      if (attribs.href) out.href = attribs.href;
      if (attribs.target === '_blank') out.target = '_blank';
      return { tagName, attribs: out };
    },
    b: 'strong',
    i: 'em',
    strike: 's',
    del: 's',
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !OWN_IMAGE.test(frame.attribs.src ?? ''),
};

/** The HTML with only the allowed markup left. */
export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

/** The ids of our own images the (sanitised) HTML embeds. */
export function embeddedImageIds(html: string): string[] {
  const ids = new Set<string>();
  for (const m of html.matchAll(/<img[^>]*\ssrc="([^"]+)"/g)) {
    const src = m[1]!;
    if (OWN_IMAGE.test(src)) ids.add(src.slice(PUBLIC_IMAGE_PATH.length));
  }
  return [...ids];
}

/** Plain text of rich text (for the feed's fallback summary and length checks). */
export const plainText = (html: string): string =>
  sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim();
