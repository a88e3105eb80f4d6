import { NavLink, useLocation } from 'react-router';
import { useGapsT } from './i18n.ts';

/** The gap area's two views, keeping the filters of the URL from one to the other. */
export function GapsNav() {
  const gt = useGapsT();
  const { search } = useLocation();
  return (
    <nav className="subnav" aria-label={gt('gaps.views')}>
      <NavLink to={{ pathname: '/gaps', search }} end>
        {gt('gaps.listView')}
      </NavLink>
      <NavLink to={{ pathname: '/gaps/matrix', search }}>{gt('gaps.matrixView')}</NavLink>
    </nav>
  );
}
