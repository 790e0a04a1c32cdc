import { useQuery } from '@tanstack/react-query';
import { shanghaiToday } from '../../common/time.ts';
import type { Health } from '../../common/contracts/system.ts';
import { api } from '../api/client.ts';

/**
 * Today (Shanghai) as the server sees it: its clock decides the follow-up windows and may differ from the
 * browser's (a wrong device clock, the browser tests' test clock). Read from the health check's `time`.
 */
export function useServerToday() {
  return useQuery({
    queryKey: ['server-today'],
    queryFn: async () => shanghaiToday(new Date((await api.get<Health>('/health')).time)),
    staleTime: 60_000,
  });
}
