/**
 * Routes of this area. `portalRoutes` mount under the public portal layout (paths relative to /),
 * `workspaceRoutes` under /workspace (wrap each element in `g(navItem, …)` so the menu guard applies).
 */
import { Fragment } from 'react';
import { Route } from 'react-router';
import { g, page } from '../../routing.tsx';

const SessionPage = page(() => import('./SessionPage.tsx'), 'SessionPage');
const MyEventsPage = page(() => import('./MyEventsPage.tsx'), 'MyEventsPage');
const RegisterPage = page(() => import('./RegisterPage.tsx'), 'RegisterPage');
const PassPage = page(() => import('./PassPage.tsx'), 'PassPage');
const StaffSessionPage = page(() => import('./StaffSessionPage.tsx'), 'StaffSessionPage');
const SessionFormPage = page(() => import('./SessionFormPage.tsx'), 'SessionFormPage');
const CheckInPage = page(() => import('./CheckInPage.tsx'), 'CheckInPage');

export const portalRoutes = (
  <Fragment>
    <Route path="sessions/:id" element={<SessionPage />} />
  </Fragment>
);

export const workspaceRoutes = (
  <Fragment>
    <Route path="events" element={g('events', <MyEventsPage />)} />
    <Route path="events/register/:sessionId" element={g('events', <RegisterPage />)} />
    <Route path="events/passes/:registrationId" element={g('events', <PassPage />)} />
    <Route path="events/sessions/:id" element={g('events', <StaffSessionPage />)} />
    <Route path="events/sessions/:id/edit" element={g('events', <SessionFormPage />)} />
    <Route path="events/theme-days/:themeDayId/sessions/new" element={g('events', <SessionFormPage />)} />
    <Route path="events/check-in/:sessionId" element={g('events', <CheckInPage />)} />
  </Fragment>
);
