import { Link, useLocation } from 'react-router';
import { can } from '../../../shared/permissions.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { usePackagesT } from './i18n.ts';

/** The area's views: packages, methods and, for coordinators and focal points, the conformity of responses. */
export function PackagesNav() {
  const pt = usePackagesT();
  const user = useCurrentUser();
  const { pathname, search } = useLocation();
  const methods = new URLSearchParams(search).get('view') === 'methods';
  const current = pathname === '/packages/conformity' ? 'conformity' : methods ? 'methods' : 'packages';
  const tab = (view: string, to: string, label: string) => (
    <Link to={to} aria-current={current === view ? 'page' : undefined} className={current === view ? 'active' : undefined}>
      {label}
    </Link>
  );
  return (
    <nav className="tabs" aria-label={pt('views')}>
      {tab('packages', '/packages', pt('packagesView'))}
      {tab('methods', '/packages?view=methods', pt('methodsView'))}
      {can(user, 'package:conformity') && tab('conformity', '/packages/conformity', pt('conformityView'))}
    </nav>
  );
}
