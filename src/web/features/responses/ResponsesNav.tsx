import { NavLink } from 'react-router';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { mayOpen } from '../../shell/page-access.ts';
import { useFiveWT } from './i18n.ts';

/** The 5W area's views the user may open: the matrix, its pivot and the reporting months. */
export function ResponsesNav() {
  const ft = useFiveWT();
  const user = useCurrentUser();
  return (
    <nav className="subnav" aria-label={ft('responses.views')}>
      {mayOpen(user, 'responses') && (
        <NavLink to="/responses" end>
          {ft('responses.matrix')}
        </NavLink>
      )}
      <NavLink to="/responses/pivot">{ft('responses.pivot.title')}</NavLink>
      {mayOpen(user, 'responses/periods') && <NavLink to="/responses/periods">{ft('responses.periods.title')}</NavLink>}
    </nav>
  );
}
