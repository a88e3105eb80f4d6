import { type ComponentType, lazy } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { LoginPage } from './auth/LoginPage.tsx';
import { RequirePermission } from './auth/RequirePermission.tsx';
import { RequireSession, useCurrentUser } from './auth/RequireSession.tsx';
import { AppShell } from './shell/AppShell.tsx';
import { homePath } from './shell/navigation.ts';
import { NotFound } from './shell/NotFound.tsx';
import { OwnRegionFirst } from './shell/OwnRegionFirst.tsx';
import { ownRegionFirst, pageAccess } from './shell/page-access.ts';

/** A page in its own chunk, downloaded the first time someone opens it. */
function page(load: () => Promise<{ default: ComponentType }>) {
  const Page = lazy(load);
  return <Page />;
}

/** The start page of the signed-in user (a regional coordinator's region). */
function Home() {
  return <Navigate to={homePath(useCurrentUser())} replace />;
}

/** Pages some roles may not use show those roles a plain "restricted" page; lists open on a regional coordinator's region (see shell/page-access.ts). */
function guarded(children: RouteObject[]): RouteObject[] {
  return children.map((route) => {
    const anyOf = route.path ? pageAccess[route.path] : undefined;
    const element = route.path && ownRegionFirst.includes(route.path) ? <OwnRegionFirst>{route.element}</OwnRegionFirst> : route.element;
    return { ...route, element: anyOf ? <RequirePermission anyOf={anyOf}>{element}</RequirePermission> : element };
  });
}

/**
 * Every screen of the web app. A feature adds its pages here, one line each, under
 * `src/web/features/<feature>/`.
 * Navigation entries and who sees them live in `shell/navigation.ts`, who may open a page in
 * `shell/page-access.ts`.
 */
export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  // The public transparency page: no session, its own API under /api/public.
  { path: '/public', element: page(() => import('./features/public/PublicPage.tsx')) },
  { path: '/change-password', element: page(() => import('./auth/ForcedPasswordPage.tsx')) },
  {
    path: '/',
    element: (
      <RequireSession>
        <AppShell />
      </RequireSession>
    ),
    children: guarded([
      { index: true, element: <Home /> },
      { path: 'dashboard', element: page(() => import('./features/dashboard/DashboardPage.tsx')) },
      { path: 'regions/:pcode', element: page(() => import('./features/dashboard/RegionPage.tsx')) },
      { path: 'alerts', element: page(() => import('./features/alerts/AlertListPage.tsx')) },
      { path: 'alerts/new', element: page(() => import('./features/alerts/AlertNewPage.tsx')) },
      { path: 'alerts/:id', element: page(() => import('./features/alerts/AlertPage.tsx')) },
      { path: 'alerts/:id/edit', element: page(() => import('./features/alerts/AlertEditPage.tsx')) },
      { path: 'localities/:id', element: page(() => import('./features/continuum/LocalityPage.tsx')) },
      { path: 'responses', element: page(() => import('./features/responses/ResponseListPage.tsx')) },
      { path: 'responses/new', element: page(() => import('./features/responses/ResponseNewPage.tsx')) },
      { path: 'responses/pivot', element: page(() => import('./features/responses/PivotPage.tsx')) },
      { path: 'responses/periods', element: page(() => import('./features/responses/PeriodsPage.tsx')) },
      { path: 'responses/:id', element: page(() => import('./features/responses/ResponsePage.tsx')) },
      { path: 'gaps', element: page(() => import('./features/gaps/GapListPage.tsx')) },
      { path: 'gaps/matrix', element: page(() => import('./features/gaps/GapMatrixPage.tsx')) },
      { path: 'gaps/:localityId/:sector', element: page(() => import('./features/gaps/GapPage.tsx')) },
      { path: 'notifications', element: page(() => import('./features/gaps/NotificationsPage.tsx')) },
      { path: 'assessments', element: page(() => import('./features/assessments/AssessmentTrackerPage.tsx')) },
      { path: 'assessments/list', element: page(() => import('./features/assessments/AssessmentListPage.tsx')) },
      { path: 'assessments/new', element: page(() => import('./features/assessments/AssessmentNewPage.tsx')) },
      { path: 'assessments/:id', element: page(() => import('./features/assessments/AssessmentPage.tsx')) },
      { path: 'capacities', element: page(() => import('./features/capacities/CapacityListPage.tsx')) },
      { path: 'lists', element: page(() => import('./features/lists/ListRegistryPage.tsx')) },
      { path: 'lists/encode', element: page(() => import('./features/lists/EncodedListPage.tsx')) },
      { path: 'lists/sharing', element: page(() => import('./features/lists/SharingPage.tsx')) },
      { path: 'lists/protocol', element: page(() => import('./features/lists/ProtocolPage.tsx')) },
      { path: 'lists/search', element: page(() => import('./features/lists/PersonSearchPage.tsx')) },
      { path: 'lists/households', element: page(() => import('./features/dedup/HouseholdCountsPage.tsx')) },
      { path: 'lists/overlap', element: page(() => import('./features/dedup/OverlapPage.tsx')) },
      { path: 'lists/duplicates', element: page(() => import('./features/dedup/DuplicatesPage.tsx')) },
      { path: 'lists/dedup', element: page(() => import('./features/dedup/DedupRunsPage.tsx')) },
      { path: 'lists/dedup/review', element: page(() => import('./features/dedup/ReviewPage.tsx')) },
      { path: 'lists/dedup/clusters', element: page(() => import('./features/dedup/ClustersPage.tsx')) },
      { path: 'lists/dedup/clusters/:id', element: page(() => import('./features/dedup/ClusterPage.tsx')) },
      { path: 'lists/:id', element: page(() => import('./features/lists/ListPage.tsx')) },
      { path: 'lists/:id/duplicates', element: page(() => import('./features/dedup/ListDuplicatesPage.tsx')) },
      { path: 'handovers', element: page(() => import('./features/handovers/HandoverListPage.tsx')) },
      { path: 'handovers/:id', element: page(() => import('./features/handovers/HandoverPage.tsx')) },
      { path: 'meetings', element: page(() => import('./features/meetings/MeetingListPage.tsx')) },
      { path: 'meetings/new', element: page(() => import('./features/meetings/MeetingNewPage.tsx')) },
      { path: 'meetings/action-points', element: page(() => import('./features/meetings/ActionPointListPage.tsx')) },
      { path: 'meetings/:id', element: page(() => import('./features/meetings/MeetingPage.tsx')) },
      { path: 'meetings/:id/edit', element: page(() => import('./features/meetings/MeetingEditPage.tsx')) },
      { path: 'packages', element: page(() => import('./features/packages/PackageListPage.tsx')) },
      { path: 'packages/conformity', element: page(() => import('./features/packages/ConformityPage.tsx')) },
      { path: 'packages/new', element: page(() => import('./features/packages/PackageNewPage.tsx')) },
      { path: 'packages/:id', element: page(() => import('./features/packages/PackagePage.tsx')) },
      { path: 'packages/:id/edit', element: page(() => import('./features/packages/PackageEditPage.tsx')) },
      { path: 'methods/new', element: page(() => import('./features/packages/MethodNewPage.tsx')) },
      { path: 'methods/:id', element: page(() => import('./features/packages/MethodPage.tsx')) },
      { path: 'methods/:id/edit', element: page(() => import('./features/packages/MethodEditPage.tsx')) },
      { path: 'account/password', element: page(() => import('./auth/AccountPasswordPage.tsx')) },
      { path: 'account/tokens', element: page(() => import('./features/tokens/TokensPage.tsx')) },
      {
        path: 'admin',
        element: page(() => import('./features/admin/AdminLayout.tsx')),
        children: [
          { index: true, element: page(() => import('./features/admin/AdminHome.tsx')) },
          { path: 'organisations', element: page(() => import('./features/organisations/OrganisationListPage.tsx')) },
          { path: 'organisations/new', element: page(() => import('./features/organisations/OrganisationNewPage.tsx')) },
          { path: 'organisations/:id', element: page(() => import('./features/organisations/OrganisationPage.tsx')) },
          { path: 'users', element: page(() => import('./features/users/UserListPage.tsx')) },
          { path: 'users/new', element: page(() => import('./features/users/UserInvitePage.tsx')) },
          { path: 'users/:id', element: page(() => import('./features/users/UserPage.tsx')) },
          { path: 'tokens', element: page(() => import('./features/tokens/AdminTokensPage.tsx')) },
          { path: 'gazetteer', element: page(() => import('./features/gazetteer/GazetteerPage.tsx')) },
          { path: 'dashboard', element: page(() => import('./features/dashboard/DashboardSettingsPage.tsx')) },
          { path: 'gaps', element: page(() => import('./features/gaps/GapSettingsPage.tsx')) },
          { path: 'backups', element: page(() => import('./features/backups/BackupsPage.tsx')) },
        ],
      },
      { path: '*', element: <NotFound /> },
    ]),
  },
];
