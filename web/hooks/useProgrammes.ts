/** Programmes visible to the caller, the one a page should start on (open call, else the latest year), and opening/closing a call. */
import { App as AntApp } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { Page, Programme } from '../api/types.ts';
import { useT } from '../i18n/index.tsx';
import { errorMessage } from '../components/errors.ts';

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

/** Opens or closes a programme's call, with the toast and the caches refreshed. */
export function useProgrammeAction() {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'open' | 'close' | 'reopen' }) =>
      api.post<Programme>(`/programmes/${id}/${action}`),
    onSuccess: (p, v) => {
      qc.setQueryData(['programme', p.id], p);
      void qc.invalidateQueries({ queryKey: ['programmes'] });
      void message.success(
        v.action === 'open'
          ? t('programme.opened')
          : v.action === 'reopen'
            ? t('supervision.reopened')
            : t('programme.closed'),
      );
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
}
