/** Shared routing helpers: lazy page loading and the menu guard, used by App.tsx and each area's routes.tsx. */
import { lazy, type ComponentType, type ReactNode } from 'react';
import type { NavItem } from './api/types.ts';
import { useMe } from './hooks/useMe.ts';
import { ErrorPage } from './components/ErrorPage.tsx';

/** A lazily loaded page: `page(() => import('./X.tsx'), 'XPage')` keeps each page in its own chunk. */
export const page = <T extends Record<string, unknown>>(loader: () => Promise<T>, name: keyof T) =>
  lazy(async () => ({ default: (await loader())[name] as ComponentType }));

/** Shows the page only when the server's menu for this user has its item; else 403. */
export function Guard({ item, children }: { item: NavItem; children: ReactNode }) {
  const { data: me } = useMe();
  if (!me) return null;
  if (!me.nav.includes(item)) return <ErrorPage status={403} inWorkspace />;
  return <>{children}</>;
}

export const g = (item: NavItem, el: ReactNode) => <Guard item={item}>{el}</Guard>;
