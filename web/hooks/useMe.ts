/**
 * The signed-in user, their memberships and the menu the server allows (`me.nav`). `null` means
 * "not signed in"; the workspace layout then sends the user to the login page.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, setCsrfToken } from '../api/client.ts';
import type { Me, NavItem } from '../api/types.ts';

export const ME_KEY = ['me'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/auth/me', undefined, { noRedirect: true });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000, retry: false });
}

/** Whether the server's menu for this user includes an item. */
export function useCan(item: NavItem): boolean {
  const { data } = useMe();
  return !!data?.nav.includes(item);
}

/** Stores a fresh Me (login, organisation switch) and refetches everything else. */
export function useAcceptMe() {
  const qc = useQueryClient();
  return (me: Me) => {
    setCsrfToken(me.csrfToken);
    qc.setQueryData(ME_KEY, me);
  };
}

/** Switches the active organisation, then refetches every query (roles, menu and lists change). */
export function useSwitchOrganisation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (organisationId: string) => api.post<Me>('/auth/switch-organisation', { organisationId }),
    onSuccess: async (me) => {
      setCsrfToken(me.csrfToken);
      qc.setQueryData(ME_KEY, me);
      await qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      qc.clear();
      qc.setQueryData(ME_KEY, null);
    },
  });
}
