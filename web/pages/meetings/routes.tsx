/**
 * Routes of this area. `portalRoutes` mount under the public portal layout (paths relative to /),
 * `workspaceRoutes` under /workspace (wrap each element in `g(navItem, …)` so the menu guard applies).
 */
import { Fragment } from 'react';
import { Route } from 'react-router';
import { g, page } from '../../routing.tsx';

const MeetingsPage = page(() => import('./MeetingsPage.tsx'), 'MeetingsPage');
const SessionPage = page(() => import('./SessionPage.tsx'), 'SessionPage');
const SessionFormPage = page(() => import('./SessionFormPage.tsx'), 'SessionFormPage');
const OrganisePage = page(() => import('./OrganisePage.tsx'), 'OrganisePage');
const AgendaPrintPage = page(() => import('./PrintPages.tsx'), 'AgendaPrintPage');
const TablesPrintPage = page(() => import('./PrintPages.tsx'), 'TablesPrintPage');
const OverviewPrintPage = page(() => import('./PrintPages.tsx'), 'OverviewPrintPage');

export const portalRoutes = <Fragment />;

export const workspaceRoutes = (
  <>
    <Route path="meetings" element={g('meetings', <MeetingsPage />)} />
    <Route path="meetings/new" element={g('meetings', <SessionFormPage />)} />
    <Route path="meetings/:sessionId" element={g('meetings', <SessionPage />)} />
    <Route path="meetings/:sessionId/edit" element={g('meetings', <SessionFormPage />)} />
    <Route path="meetings/:sessionId/organise" element={g('meetings', <OrganisePage />)} />
    <Route path="meetings/:sessionId/print/agenda" element={g('meetings', <AgendaPrintPage />)} />
    <Route path="meetings/:sessionId/print/tables" element={g('meetings', <TablesPrintPage />)} />
    <Route path="meetings/:sessionId/print/overview" element={g('meetings', <OverviewPrintPage />)} />
  </>
);
