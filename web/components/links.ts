/**
 * Notification and to-do links come from the server as resource paths ('/plans/:id',
 * '/theme-days/:id/activity-plan', …); this maps them onto the web app's routes.
 */
import type { NavItem } from '../api/types.ts';

export function toAppRoute(link: string, nav: NavItem[] = []): string {
  const [path = ''] = link.split('?');
  let m: RegExpExecArray | null;
  if (path.startsWith('/workspace') || path === '/') return link;
  if ((m = /^\/plans\/([^/]+)/.exec(path))) return `/workspace/plans/${m[1]}`;
  if ((m = /^\/reviews\/([^/]+)/.exec(path))) return `/workspace/reviews/${m[1]}`;
  if ((m = /^\/theme-days\/([^/]+)\/activity-plan/.exec(path))) return `/workspace/activity-plans/${m[1]}`;
  if ((m = /^\/theme-days\/([^/]+)$/.exec(path))) return nav.includes('activityPlans') ? `/workspace/activity-plans/${m[1]}` : `/theme-days/${m[1]}`;
  if (path === '/theme-days') return '/';
  if (/^\/consortia\/[^/]+$/.test(path)) return '/workspace/demands?tab=consortia';
  if ((m = /^\/events\/sessions\/([^/]+)$/.exec(path))) return `/sessions/${m[1]}`;
  if ((m = /^\/meetings\/sessions\/([^/]+)/.exec(path))) return `/workspace/meetings/${m[1]}`;
  if ((m = /^\/programmes\/([^/]+)\/review-summary/.exec(path))) return `/workspace/selection?programme=${m[1]}`;
  if ((m = /^\/programmes\/([^/]+)\/plans/.exec(path))) return `/workspace/plans?programme=${m[1]}`;
  if ((m = /^\/programmes\/([^/]+)$/.exec(path))) return nav.includes('programmes') ? `/workspace/programmes/${m[1]}` : `/workspace/plans?programme=${m[1]}`;
  if ((m = /^\/results\/([^/]+)$/.exec(path))) return nav.includes('results') ? `/workspace/results/${m[1]}` : `/results/${m[1]}`;
  if ((m = /^\/roadshows\/([^/]+)$/.exec(path))) return nav.includes('roadshows') ? `/workspace/roadshows/${m[1]}` : `/roadshows/${m[1]}`;
  return link.startsWith('/') ? link : `/${link}`;
}
