/**
 * Routes of publicity (issue 11 §3): the portal's news, success cases and benchmark enterprises (no
 * sign-in), and the workspace's news editor and review, success cases (list, editor, consent), benchmark
 * enterprises and nominations.
 */
import { Fragment } from 'react';
import { Route } from 'react-router';
import { g, page } from '../../routing.tsx';

const NewsListPage = page(() => import('./PortalNewsPages.tsx'), 'NewsListPage');
const NewsPage = page(() => import('./PortalNewsPages.tsx'), 'NewsPage');
const CasesPage = page(() => import('./PortalShowcasePages.tsx'), 'CasesPage');
const CasePage = page(() => import('./PortalShowcasePages.tsx'), 'CasePage');
const BenchmarksPage = page(() => import('./PortalShowcasePages.tsx'), 'BenchmarksPage');
const NominationsPage = page(() => import('./NominationsPage.tsx'), 'NominationsPage');
const CaseWorkspacePage = page(() => import('./CaseWorkspacePage.tsx'), 'CaseWorkspacePage');
const NewsWorkspacePage = page(() => import('./NewsWorkspacePage.tsx'), 'NewsWorkspacePage');
const NewsEditorPage = page(() => import('./NewsEditorPage.tsx'), 'NewsEditorPage');
const CasesWorkspacePage = page(() => import('./CasesWorkspacePage.tsx'), 'CasesWorkspacePage');
const CaseNewPage = page(() => import('./CaseEditorPage.tsx'), 'CaseNewPage');
const CaseEditPage = page(() => import('./CaseEditorPage.tsx'), 'CaseEditPage');
const BenchmarksWorkspacePage = page(() => import('./BenchmarksWorkspacePage.tsx'), 'BenchmarksWorkspacePage');

export const portalRoutes = (
  <Fragment>
    {/* light: the news pages render without antd (PortalLayout), so their first load carries none. */}
    <Route path="news" element={<NewsListPage />} handle={{ light: true }} />
    <Route path="news/:id" element={<NewsPage />} handle={{ light: true }} />
    <Route path="cases" element={<CasesPage />} />
    <Route path="cases/:id" element={<CasePage />} />
    <Route path="benchmarks" element={<BenchmarksPage />} />
  </Fragment>
);

export const workspaceRoutes = (
  <Fragment>
    <Route path="news" element={g('news', <NewsWorkspacePage />)} />
    <Route path="news/:id" element={g('news', <NewsEditorPage />)} />
    <Route path="cases" element={g('cases', <CasesWorkspacePage />)} />
    <Route path="cases/new" element={g('cases', <CaseNewPage />)} />
    {/* Any signed-in party of a case may open it to give its consent (the server answers 404 otherwise). */}
    <Route path="cases/:id" element={<CaseWorkspacePage />} />
    <Route path="cases/:id/edit" element={g('cases', <CaseEditPage />)} />
    <Route path="benchmarks" element={g('benchmarks', <BenchmarksWorkspacePage />)} />
    <Route path="nominations" element={g('news', <NominationsPage />)} />
  </Fragment>
);
