/** Shared routing helpers: lazy page loading and the menu guard, used by App.tsx and each area's routes.tsx. */
import { createElement, use, type ComponentType, type ReactNode } from 'react';
import type { NavItem } from './api/types.ts';
import { useMe } from './hooks/useMe.ts';

type Settled<V> = Promise<V> & { status?: 'pending' | 'fulfilled' | 'rejected'; value?: V; reason?: unknown };

/** A lazily loaded component that can be fetched before it renders (`preload`). */
export type LazyPage<P extends object = object> = ComponentType<P> & { preload: () => Promise<unknown> };

/**
 * A lazily loaded page: `page(() => import('./X.tsx'), 'XPage')` keeps each page in its own chunk. Like
 * React.lazy, but `preload()` fetches it ahead (main.tsx does so for the page being opened, so the first render
 * does not suspend and the server-rendered page stays on screen until the real one replaces it at once), and a
 * loaded page renders without suspending again.
 */
export function page<T extends Record<string, unknown>, P extends object = object>(
  loader: () => Promise<T>,
  name: keyof T,
): LazyPage<P> {
  let loaded: Settled<ComponentType<P>> | null = null;
  const load = () => {
    if (!loaded) {
      const p: Settled<ComponentType<P>> = loader().then((m) => m[name] as ComponentType<P>);
      p.status = 'pending';
      p.then(
        (v) => {
          p.status = 'fulfilled';
          p.value = v;
        },
        (err: unknown) => {
          p.status = 'rejected';
          p.reason = err;
          // A failed chunk (a dropped connection) is fetched again on the next try.
          loaded = null;
        },
      );
      loaded = p;
    }
    return loaded;
  };
  function LazyPageComponent(props: P) {
    // The same module export on every render (the promise is settled once), so its state is kept.
    return createElement(use(load() as Promise<ComponentType<P>>), props);
  }
  return Object.assign(LazyPageComponent, { preload: load });
}

/** The 404/403 page (antd's Result): loaded when shown, never with a page that does not fail. */
export const ErrorPage = page<
  typeof import('./components/ErrorPage.tsx'),
  { status: 403 | 404; inWorkspace?: boolean; detail?: string }
>(() => import('./components/ErrorPage.tsx'), 'ErrorPage');

/** Shows the page only when the server's menu for this user has its item; else 403. */
export function Guard({ item, children }: { item: NavItem; children: ReactNode }) {
  const { data: me } = useMe();
  if (!me) return null;
  if (!me.nav.includes(item)) return <ErrorPage status={403} inWorkspace />;
  return <>{children}</>;
}

export const g = (item: NavItem, el: ReactNode) => <Guard item={item}>{el}</Guard>;
