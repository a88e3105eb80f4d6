import { type ComponentType, lazy } from 'react';
import { Navigate, type RouteObject } from 'react-router';
import { LoginPage } from './auth/LoginPage.tsx';
import { RequireSession } from './auth/RequireSession.tsx';
import { AppShell } from './shell/AppShell.tsx';
import { ComingSoon } from './shell/ComingSoon.tsx';
import { NotFound } from './shell/NotFound.tsx';

/** A page in its own chunk, downloaded the first time someone opens it. */
function page(load: () => Promise<{ default: ComponentType }>) {
  const Page = lazy(load);
  return <Page />;
}

/**
 * Every screen of the web app. A feature adds its pages here, one line each, under
 * `src/web/features/<feature>/` (replace the area's `ComingSoon` line when it lands).
 * Navigation entries and who sees them live in `shell/navigation.ts`.
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
    children: [
      { index: true, element: <Navigate to="/dashboard" replace /> },
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
      { path: 'lists', element: <ComingSoon area="lists" /> },
      { path: 'meetings', element: <ComingSoon area="meetings" /> },
      { path: 'account/password', element: page(() => import('./auth/AccountPasswordPage.tsx')) },
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
          { path: 'gazetteer', element: page(() => import('./features/gazetteer/GazetteerPage.tsx')) },
          { path: 'dashboard', element: page(() => import('./features/dashboard/DashboardSettingsPage.tsx')) },
          { path: 'gaps', element: page(() => import('./features/gaps/GapSettingsPage.tsx')) },
        ],
      },
      { path: '*', element: <NotFound /> },
    ],
  },
];
