/**
 * The data a server-rendered public page embedded (server/plugins/web.ts: `<script id="rt-initial-data">`, a
 * list of [query key, data]) goes into the query cache before the first render, so the SPA shows the page at
 * once without fetching the same data again.
 */
import type { QueryClient } from '@tanstack/react-query';

export function seedInitialData(queryClient: QueryClient, doc: Document = document): number {
  const el = doc.getElementById('rt-initial-data');
  if (!el?.textContent) return 0;
  let seeds: unknown;
  try {
    seeds = JSON.parse(el.textContent);
  } catch {
    return 0;
  }
  if (!Array.isArray(seeds)) return 0;
  let n = 0;
  for (const s of seeds) {
    if (Array.isArray(s) && s.length === 2 && Array.isArray(s[0])) {
      queryClient.setQueryData(s[0] as unknown[], s[1]);
      n++;
    }
  }
  el.remove();
  return n;
}
