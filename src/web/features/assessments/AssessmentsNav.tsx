import { NavLink } from 'react-router';
import { useGapsT } from '../gaps/i18n.ts';

/** The assessment area's views: the sequence tracker and the list of assessments. */
export function AssessmentsNav() {
  const gt = useGapsT();
  return (
    <nav className="subnav" aria-label={gt('assessments.views')}>
      <NavLink to="/assessments" end>
        {gt('assessments.tracker')}
      </NavLink>
      <NavLink to="/assessments/list">{gt('assessments.list')}</NavLink>
    </nav>
  );
}
