/**
 * Entry: providers (react-query, i18n) around the data router (App.tsx). antd's providers come with the first
 * page that uses antd (components/AntdScope.tsx), so the portal's shell and light pages load without antd.
 */
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from './api/client.ts';
import { I18nProvider, initialLocale, loadLocale } from './i18n/index.tsx';
import { appRouteObjects, preloadRoute } from './App.tsx';
import { seedInitialData } from './initialData.ts';
import { installPickerEnterGuard } from './components/datePickerEnter.ts';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // 4xx answers are final; retry only network and server errors, once.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 1,
    },
  },
});

// Enter in a date picker takes the date but does not submit the form (issue 12 §4).
installPickerEnterGuard(document);

// A server-rendered public page carries its data: no second fetch of it.
seedInitialData(queryClient);

const routes = appRouteObjects();
const router = createBrowserRouter(routes);

const root = document.getElementById('root');
if (root) {
  // Before the first render: the code of the page being opened (so it does not suspend and the server-rendered
  // page stays until the real one replaces it at once) and, for a reader who chose English, its strings. If
  // either cannot be fetched, the app renders anyway (the page shows its error, or Chinese).
  const ready = Promise.allSettled([loadLocale(initialLocale()), preloadRoute(routes, window.location.pathname)]);
  void ready.then(() => {
    const app = createRoot(root);
    // The first render as a transition: React renders in slices and yields to the browser between them, so a
    // phone's main thread is not blocked for the whole render while the server-rendered page is on screen.
    startTransition(() => {
      app.render(
        <StrictMode>
          <QueryClientProvider client={queryClient}>
            <I18nProvider>
              <RouterProvider router={router} />
            </I18nProvider>
          </QueryClientProvider>
        </StrictMode>,
      );
    });
  });
}
