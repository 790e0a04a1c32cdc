/**
 * Routes of this area. `portalRoutes` mount under the public portal layout (paths relative to /),
 * `workspaceRoutes` under /workspace (wrap each element in `g(navItem, …)` so the menu guard applies).
 */
import { Fragment } from 'react';
import { Route } from 'react-router';
import { g, page } from '../../routing.tsx';

const RoadshowsPage = page(() => import('./RoadshowsPage.tsx'), 'RoadshowsPage');
const RoadshowPage = page(() => import('./RoadshowPage.tsx'), 'RoadshowPage');
const ApplyPage = page(() => import('./ApplyPage.tsx'), 'ApplyPage');
const JudgePage = page(() => import('./JudgePage.tsx'), 'JudgePage');
const PublicRoadshowPage = page(() => import('./PublicRoadshowPage.tsx'), 'PublicRoadshowPage');
const HallPage = page(() => import('./portal.tsx'), 'HallPage');
const BoothPage = page(() => import('./portal.tsx'), 'BoothPage');

export const portalRoutes = (
  <Fragment>
    {/* light: a roadshow's public page renders without antd (PortalLayout), so its first load carries none. */}
    <Route path="roadshows/:id" element={<PublicRoadshowPage />} handle={{ light: true }} />
    <Route path="theme-days/:id/hall" element={<HallPage />} />
    <Route path="hall/booths/:id" element={<BoothPage />} />
  </Fragment>
);

export const workspaceRoutes = (
  <Fragment>
    <Route path="roadshows" element={g('roadshows', <RoadshowsPage />)} />
    <Route path="roadshows/hall" element={g('roadshows', <RoadshowsPage />)} />
    <Route path="roadshows/hall/requests" element={g('roadshows', <RoadshowsPage />)} />
    <Route path="roadshows/:id" element={g('roadshows', <RoadshowPage />)} />
    <Route path="roadshows/:id/apply" element={g('roadshows', <ApplyPage />)} />
    <Route path="roadshows/:id/judge" element={g('roadshows', <JudgePage />)} />
  </Fragment>
);
