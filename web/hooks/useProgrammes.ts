/** Programmes visible to the caller, and the one a page should start on (open call, else the latest year). */
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { Page, Programme } from '../api/types.ts';

export function useProgrammes() {
  return useQuery({
    queryKey: ['programmes', 'all'],
    queryFn: () => api.get<Page<Programme>>('/programmes', { pageSize: 100, sort: 'year', order: 'desc' }),
    staleTime: 30_000,
  });
}

export function useProgramme(id: string | undefined) {
  return useQuery({
    queryKey: ['programme', id],
    queryFn: () => api.get<Programme>(`/programmes/${id}`),
    enabled: !!id,
  });
}

/** The default programme: the open one, else the newest year. */
export function pickProgramme(items: Programme[] | undefined, wanted?: string | null): Programme | undefined {
  if (!items?.length) return undefined;
  if (wanted) {
    const w = items.find((p) => p.id === wanted || String(p.year) === wanted);
    if (w) return w;
  }
  return items.find((p) => p.status === 'open') ?? [...items].sort((a, b) => b.year - a.year)[0];
}
