import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useCurrentUser } from '../auth/RequireSession.tsx';

/**
 * A regional coordinator opening a list from the menu (nothing in the address) sees their region
 * first; "every region" stays one choice away. A link that carries filters (a dashboard figure)
 * opens as it says.
 */
export function OwnRegionFirst({ children }: { children: ReactNode }) {
  const user = useCurrentUser();
  const { pathname, search } = useLocation();
  const region = user.role === 'regional_coordinator' && user.regions.length === 1 ? user.regions[0] : null;
  if (region && search === '') return <Navigate to={`${pathname}?region=${encodeURIComponent(region)}`} replace />;
  return children;
}
