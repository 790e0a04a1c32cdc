/** Routes: the public portal, the login page and the workspace (menu items from `me.nav`). */
import { isValidElement, Suspense, type ReactNode } from 'react';
import {
  createBrowserRouter,
  createRoutesFromElements,
  matchRoutes,
  Outlet,
  Route,
  type RouteObject,
} from 'react-router';
import { ErrorPage, g, page, type LazyPage } from './routing.tsx';
import * as demands from './pages/demands/routes.tsx';
import * as supply from './pages/supply/routes.tsx';
import * as meetings from './pages/meetings/routes.tsx';
import * as events from './pages/events/routes.tsx';
import * as roadshows from './pages/roadshows/routes.tsx';
import * as projects from './pages/projects/routes.tsx';
import * as surveys from './pages/surveys/routes.tsx';
import * as publicity from './pages/publicity/routes.tsx';
import * as evaluation from './pages/evaluation/routes.tsx';
import * as onboarding from './pages/onboarding/routes.tsx';
import { AntdScope, isLightRoute, PageLoading, PortalLayout } from './components/PortalLayout.tsx';
import { RouteError } from './components/RouteError.tsx';

// The workspace shell and the sign-in page load on demand: a portal reader never downloads them.
const WorkspaceLayout = page(() => import('./components/WorkspaceLayout.tsx'), 'WorkspaceLayout');
const LoginPage = page(() => import('./pages/portal/LoginPage.tsx'), 'LoginPage');
const SignUpPage = page(() => import('./pages/portal/SignUpPage.tsx'), 'SignUpPage');
const ForgotPasswordPage = page(() => import('./pages/portal/ForgotPasswordPage.tsx'), 'ForgotPasswordPage');
const HomePage = page(() => import('./pages/portal/HomePage.tsx'), 'HomePage');
const ThemeDayPage = page(() => import('./pages/portal/ThemeDayPage.tsx'), 'ThemeDayPage');
const BasesDirectoryPage = page(() => import('./pages/portal/BasesDirectoryPage.tsx'), 'BasesDirectoryPage');
const DashboardPage = page(() => import('./pages/workspace/DashboardPage.tsx'), 'DashboardPage');
const NotificationsPage = page(() => import('./pages/workspace/NotificationsPage.tsx'), 'NotificationsPage');
const NotificationSettingsPage = page(
  () => import('./pages/workspace/NotificationSettingsPage.tsx'),
  'NotificationSettingsPage',
);
const NotificationDeliveriesPage = page(
  () => import('./pages/workspace/NotificationDeliveriesPage.tsx'),
  'NotificationDeliveriesPage',
);
const AuditPage = page(() => import('./pages/workspace/admin/AuditPage.tsx'), 'AuditPage');
const PlansPage = page(() => import('./pages/workspace/plans/PlansPage.tsx'), 'PlansPage');
const PlanPage = page(() => import('./pages/workspace/plans/PlanPage.tsx'), 'PlanPage');
const SelectionPage = page(() => import('./pages/workspace/selection/SelectionPage.tsx'), 'SelectionPage');
const ActivityPlansPage = page(
  () => import('./pages/workspace/activity-plans/ActivityPlansPage.tsx'),
  'ActivityPlansPage',
);
const ActivityPlanPage = page(
  () => import('./pages/workspace/activity-plans/ActivityPlanPage.tsx'),
  'ActivityPlanPage',
);
const ProgrammesPage = page(() => import('./pages/workspace/programmes/ProgrammesPage.tsx'), 'ProgrammesPage');
const ProgrammeFormPage = page(() => import('./pages/workspace/programmes/ProgrammeFormPage.tsx'), 'ProgrammeFormPage');
const OrganisationsPage = page(() => import('./pages/workspace/admin/OrganisationsPage.tsx'), 'OrganisationsPage');
const OrganisationFormPage = page(
  () => import('./pages/workspace/admin/OrganisationsPage.tsx'),
  'OrganisationFormPage',
);
const BasesAdminPage = page(() => import('./pages/workspace/admin/BasesAdminPage.tsx'), 'BasesAdminPage');
const BaseFormPage = page(() => import('./pages/workspace/admin/BasesAdminPage.tsx'), 'BaseFormPage');
const BaseSupervisionPage = page(
  () => import('./pages/workspace/admin/BaseSupervisionPage.tsx'),
  'BaseSupervisionPage',
);
const UsersPage = page(() => import('./pages/workspace/admin/UsersPage.tsx'), 'UsersPage');
const LexiconPage = page(() => import('./pages/workspace/admin/LexiconPage.tsx'), 'LexiconPage');
const AlliancesPage = page(() => import('./pages/workspace/coorganisers/AlliancesPage.tsx'), 'AlliancesPage');
const CoorganisationPage = page(
  () => import('./pages/workspace/coorganisers/CoorganisationPage.tsx'),
  'CoorganisationPage',
);
const ReviewsPage = page(() => import('./pages/workspace/reviews/ReviewsPage.tsx'), 'ReviewsPage');
const ReviewPage = page(() => import('./pages/workspace/reviews/ReviewPage.tsx'), 'ReviewPage');
const InvitePage = page(() => import('./pages/invitations/InvitePage.tsx'), 'InvitePage');
const InvitationsPage = page(() => import('./pages/invitations/InvitationsPage.tsx'), 'InvitationsPage');
const BulkImportPage = page(() => import('./pages/invitations/BulkImportPage.tsx'), 'BulkImportPage');

/**
 * The route tree. Exported so web/routes.test.ts can prove that every link of common/links.ts (what
 * notifications and to-do items carry) lands on a declared route, not on the 404 page.
 */
export const appRoutes = (
  <>
    <Route element={<PortalLayout />}>
      {/* light: these pages render without antd (PortalLayout), so their first load carries none. */}
      <Route index element={<HomePage />} handle={{ light: true }} />
      <Route path="theme-days/:id" element={<ThemeDayPage />} handle={{ light: true }} />
      <Route path="bases" element={<BasesDirectoryPage />} handle={{ light: true }} />
      <Route path="login" element={<LoginPage />} />
      <Route path="sign-up" element={<SignUpPage />} />
      <Route path="forgot-password" element={<ForgotPasswordPage />} />
      <Route path="invite/:token" element={<InvitePage />} handle={{ light: true }} />
      {demands.portalRoutes}
      {supply.portalRoutes}
      {meetings.portalRoutes}
      {events.portalRoutes}
      {roadshows.portalRoutes}
      {surveys.portalRoutes}
      {publicity.portalRoutes}
      <Route path="*" element={<ErrorPage status={404} />} />
    </Route>
    <Route
      path="workspace"
      element={
        <AntdScope>
          <WorkspaceLayout />
        </AntdScope>
      }
    >
      <Route index element={<DashboardPage />} />
      <Route path="programmes" element={g('programmes', <ProgrammesPage />)} />
      <Route path="programmes/:id" element={g('programmes', <ProgrammeFormPage />)} />
      <Route path="organisations" element={g('organisations', <OrganisationsPage />)} />
      <Route path="organisations/:id" element={g('organisations', <OrganisationFormPage />)} />
      <Route path="bases" element={g('bases', <BasesAdminPage />)} />
      <Route path="bases/:id" element={g('bases', <BaseFormPage />)} />
      <Route path="bases/:id/supervision" element={g('bases', <BaseSupervisionPage />)} />
      <Route path="users" element={g('users', <UsersPage />)} />
      <Route path="plans" element={g('plans', <PlansPage />)} />
      <Route path="plans/:id" element={g('plans', <PlanPage />)} />
      <Route path="reviews" element={g('reviews', <ReviewsPage />)} />
      <Route path="reviews/:id" element={g('reviews', <ReviewPage />)} />
      <Route path="selection" element={g('selection', <SelectionPage />)} />
      <Route path="activity-plans" element={g('activityPlans', <ActivityPlansPage />)} />
      <Route path="activity-plans/:id" element={g('activityPlans', <ActivityPlanPage />)} />
      <Route path="audit" element={g('audit', <AuditPage />)} />
      <Route path="deliveries" element={g('deliveries', <NotificationDeliveriesPage />)} />
      <Route path="lexicon" element={g('lexicon', <LexiconPage />)} />
      <Route path="import" element={g('organisations', <BulkImportPage />)} />
      <Route path="events/theme-days/:themeDayId/invitations" element={g('events', <InvitationsPage />)} />
      <Route path="alliances" element={g('alliances', <AlliancesPage />)} />
      <Route path="coorganisation/:themeDayId" element={<CoorganisationPage />} />
      <Route path="notifications" element={<NotificationsPage />} />
      <Route path="notifications/settings" element={<NotificationSettingsPage />} />
      {demands.workspaceRoutes}
      {supply.workspaceRoutes}
      {meetings.workspaceRoutes}
      {events.workspaceRoutes}
      {roadshows.workspaceRoutes}
      {projects.workspaceRoutes}
      {surveys.workspaceRoutes}
      {publicity.workspaceRoutes}
      {evaluation.workspaceRoutes}
      {onboarding.workspaceRoutes}
      <Route path="forbidden" element={<ErrorPage status={403} inWorkspace />} />
      <Route path="*" element={<ErrorPage status={404} inWorkspace />} />
    </Route>
  </>
);

function Root() {
  return (
    <Suspense fallback={<PageLoading />}>
      <Outlet />
    </Suspense>
  );
}

/**
 * The app's data router (createBrowserRouter): the same route tree under one pathless root that holds the
 * Suspense boundary of the lazy pages. A data router is what makes `useBlocker` work, so forms with unsaved
 * changes can ask before any navigation (links, 「返回」 buttons, the browser's back button): see
 * hooks/useUnsavedChangesGuard.ts.
 */
export function createAppRouter() {
  return createBrowserRouter(appRouteObjects());
}

export function appRouteObjects(): RouteObject[] {
  return createRoutesFromElements(
    <Route element={<Root />} errorElement={<RouteError />}>
      {appRoutes}
    </Route>,
  );
}

/** The lazy pages (and layouts) an element renders, found in it and its children. */
function lazyPagesOf(node: ReactNode, out: LazyPage[]): void {
  if (Array.isArray(node)) {
    for (const n of node as ReactNode[]) lazyPagesOf(n, out);
    return;
  }
  if (!isValidElement<{ children?: ReactNode }>(node)) return;
  const type = node.type as unknown as { preload?: unknown } | string;
  if (typeof type !== 'string' && typeof type.preload === 'function') out.push(type as LazyPage);
  lazyPagesOf(node.props.children, out);
}

/**
 * Fetches the code of the page at `pathname` (its lazy page, layouts and antd's providers unless the route is
 * light), so the first render does not suspend: the server-rendered page stays on screen until the SPA's page
 * replaces it in one go, with no spinner in between and no waterfall of chunk requests.
 */
export function preloadRoute(routes: RouteObject[], pathname: string): Promise<unknown> {
  const matches = matchRoutes(routes, pathname) ?? [];
  const pages: LazyPage[] = [];
  for (const m of matches) lazyPagesOf(m.route.element, pages);
  if (matches.length && !isLightRoute(matches.map((m) => m.route))) pages.push(AntdScope);
  return Promise.all(pages.map((p) => p.preload()));
}
