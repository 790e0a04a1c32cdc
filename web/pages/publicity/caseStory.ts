/**
 * A success case's story is stored as rich text (sanitised on the server like news), but the parties write it
 * as plain text: one paragraph per line, a line starting with "# " is a sub-heading. These two functions turn
 * one into the other; what the server keeps is always what it sanitised.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const decodeEntities = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });

/** Plain text → the story's HTML: each non-empty line a paragraph, "# " lines sub-headings. */
export function storyToHtml(text: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .map((l) => (/^#\s+/.test(l) ? `<h3>${escapeHtml(l.replace(/^#\s+/, ''))}</h3>` : `<p>${escapeHtml(l)}</p>`))
    .join('\n');
}

/** The stored HTML → plain text for editing (headings back to "# " lines; other markup is dropped). */
export function storyToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<h[1-6][^>]*>/gi, '\n# ')
      .replace(/<\/(p|h[1-6]|li|div|blockquote)>|<br\s*\/?>/gi, '\n')
      .replace(/<[^>]*>/g, ''),
  )
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && l !== '#')
    .join('\n');
}
