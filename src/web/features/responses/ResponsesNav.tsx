import { NavLink } from 'react-router';
import { useFiveWT } from './i18n.ts';

/** The 5W area's views: the matrix, its pivot and the reporting months. */
export function ResponsesNav() {
  const ft = useFiveWT();
  return (
    <nav className="subnav" aria-label={ft('responses.views')}>
      <NavLink to="/responses" end>
        {ft('responses.matrix')}
      </NavLink>
      <NavLink to="/responses/pivot">{ft('responses.pivot.title')}</NavLink>
      <NavLink to="/responses/periods">{ft('responses.periods.title')}</NavLink>
    </nav>
  );
}
