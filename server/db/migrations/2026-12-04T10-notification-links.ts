/**
 * Notification links used to be API-style resource paths ('/plans/:id', '/theme-days/:id/activity-plan', …)
 * that the web mapped onto its routes with a table of patterns. Links are now the web's own routes
 * (common/links.ts); this rewrites the links already stored. The mapping is copied here as it was on the
 * day of the change (frozen in time; no app imports). Rows already in the new form are left alone.
 */
import { sql, type Kysely } from 'kysely';

/** Old path → new route; the recipients of such notifications were the staff who act on the record. */
export function rewrite(link: string, kind: string): string {
  const [path = ''] = link.split('?');
  let m: RegExpExecArray | null;
  if (path.startsWith('/workspace') || path === '/') return link;
  if ((m = /^\/plans\/([^/]+)$/.exec(path))) return `/workspace/plans/${m[1]}`;
  if ((m = /^\/reviews\/([^/]+)$/.exec(path))) return `/workspace/reviews/${m[1]}`;
  if ((m = /^\/theme-days\/([^/]+)\/activity-plan$/.exec(path))) return `/workspace/activity-plans/${m[1]}`;
  // Only the host files the activity plan; partners and everyone else read the public theme-day page.
  if ((m = /^\/theme-days\/([^/]+)$/.exec(path)))
    return kind === 'theme_day_selected' ? `/workspace/activity-plans/${m[1]}` : link;
  if (path === '/theme-days') return '/';
  if (/^\/consortia\/[^/]+$/.test(path)) return '/workspace/demands?tab=consortia';
  if ((m = /^\/events\/sessions\/([^/]+)$/.exec(path))) return `/sessions/${m[1]}`;
  if ((m = /^\/meetings\/sessions\/([^/]+)$/.exec(path))) return `/workspace/meetings/${m[1]}`;
  if ((m = /^\/programmes\/([^/]+)\/review-summary$/.exec(path))) return `/workspace/selection?programme=${m[1]}`;
  if ((m = /^\/programmes\/([^/]+)(\/plans.*)?$/.exec(path))) return `/workspace/plans?programme=${m[1]}`;
  if ((m = /^\/results\/([^/]+)$/.exec(path))) return `/workspace/results/${m[1]}`;
  if ((m = /^\/roadshows\/([^/]+)$/.exec(path))) return `/workspace/roadshows/${m[1]}`;
  return link;
}

const PREFIXES = [
  '/plans/',
  '/reviews/',
  '/theme-days',
  '/consortia/',
  '/events/sessions/',
  '/meetings/sessions/',
  '/programmes/',
  '/results/',
  '/roadshows/',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const rows = await sql<{
    id: string;
    kind: string;
    link: string;
  }>`select id, kind, link from notifications where link is not null`.execute(db);
  for (const r of rows.rows) {
    if (!PREFIXES.some((p) => r.link.startsWith(p))) continue;
    const next = rewrite(r.link, r.kind);
    if (next !== r.link) await sql`update notifications set link = ${next} where id = ${r.id}`.execute(db);
  }
}

/** The old form cannot be told apart from links that were always routes; nothing to undo. */
export async function down(): Promise<void> {}
