/**
 * Routes of this area. `portalRoutes` mount under the public portal layout (paths relative to /),
 * `workspaceRoutes` under /workspace (wrap each element in `g(navItem, …)` so the menu guard applies).
 */
import { Navigate, Route, useParams } from 'react-router';
import { g, page } from '../../routing.tsx';

const SearchPage = page(() => import('./SearchPage.tsx'), 'SearchPage');
const DemandsPortalPage = page(() => import('./DemandsPortalPage.tsx'), 'DemandsPortalPage');
const DemandPage = page(() => import('./DemandPage.tsx'), 'DemandPage');
const TechnologyPage = page(() => import('./DemandPage.tsx'), 'TechnologyPage');
const OrgPage = page(() => import('./OrgPage.tsx'), 'OrgPage');
const WorkspaceDemandsPage = page(() => import('./WorkspaceDemandsPage.tsx'), 'WorkspaceDemandsPage');
const ManageDemandPage = page(() => import('./ManageDemandPage.tsx'), 'ManageDemandPage');

/** After signing in from a demand's "respond" button (the login page returns only to /workspace paths). */
function RespondRedirect() {
  const { id = '' } = useParams();
  return <Navigate to={`/demands/${id}?respond=1`} replace />;
}

export const portalRoutes = (
  <>
    <Route path="search" element={<SearchPage />} />
    {/* light: rendered without antd (PortalLayout), so their first load carries none (issue 16). */}
    <Route path="demands" element={<DemandsPortalPage />} handle={{ light: true }} />
    <Route path="demands/:id" element={<DemandPage />} handle={{ light: true }} />
    <Route path="technologies" element={<Navigate to="/demands?kind=technology" replace />} />
    <Route path="technologies/:id" element={<TechnologyPage />} handle={{ light: true }} />
    <Route path="orgs/:id" element={<OrgPage />} handle={{ light: true }} />
  </>
);

export const workspaceRoutes = (
  <>
    <Route path="demands" element={g('demands', <WorkspaceDemandsPage />)} />
    <Route path="demands/respond/:id" element={<RespondRedirect />} />
    <Route path="demands/:id" element={g('demands', <ManageDemandPage />)} />
  </>
);
