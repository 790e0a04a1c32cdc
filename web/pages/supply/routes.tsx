/**
 * Routes of this area. `portalRoutes` mount under the public portal layout (paths relative to /),
 * `workspaceRoutes` under /workspace (wrap each element in `g(navItem, …)` so the menu guard applies).
 */
import { Fragment } from 'react';
import { Route } from 'react-router';
import { g, page } from '../../routing.tsx';

const ResourcesPortalPage = page(() => import('./ResourcesPortal.tsx'), 'ResourcesPortalPage');
const ResourcePortalPage = page(() => import('./ResourcesPortal.tsx'), 'ResourcePortalPage');
const ResultsPortalPage = page(() => import('./ResultsPortal.tsx'), 'ResultsPortalPage');
const ResultPortalPage = page(() => import('./ResultsPortal.tsx'), 'ResultPortalPage');
const DockingPortalPage = page(() => import('./DockingPortal.tsx'), 'DockingPortalPage');
const DockingSessionPage = page(() => import('./DockingPortal.tsx'), 'DockingSessionPage');
const AlliancePage = page(() => import('./DockingPortal.tsx'), 'AlliancePage');
const ResourcesWorkspacePage = page(() => import('./ResourcesWorkspace.tsx'), 'ResourcesWorkspacePage');
const ResultsWorkspacePage = page(() => import('./ResultsWorkspace.tsx'), 'ResultsWorkspacePage');
const ResultEditorPage = page(() => import('./ResultEditorPage.tsx'), 'ResultEditorPage');
const DockingWorkspacePage = page(() => import('./DockingWorkspace.tsx'), 'DockingWorkspacePage');

export const portalRoutes = (
  <Fragment>
    {/* light: the resource and result pages render without antd (PortalLayout), so their first load carries none. */}
    <Route path="resources" element={<ResourcesPortalPage />} handle={{ light: true }} />
    <Route path="resources/:id" element={<ResourcePortalPage />} handle={{ light: true }} />
    <Route path="results" element={<ResultsPortalPage />} handle={{ light: true }} />
    <Route path="results/:id" element={<ResultPortalPage />} handle={{ light: true }} />
    <Route path="docking" element={<DockingPortalPage />} />
    <Route path="docking/alliances/:id" element={<AlliancePage />} />
    <Route path="docking/:id" element={<DockingSessionPage />} />
  </Fragment>
);

export const workspaceRoutes = (
  <Fragment>
    <Route path="resources" element={g('resources', <ResourcesWorkspacePage />)} />
    <Route path="results" element={g('results', <ResultsWorkspacePage />)} />
    <Route path="results/:id" element={g('results', <ResultEditorPage />)} />
    <Route path="docking" element={g('docking', <DockingWorkspacePage />)} />
  </Fragment>
);
