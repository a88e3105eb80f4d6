import { NavLink } from 'react-router';
import { useMeetingsT } from './i18n.ts';

/** The meeting area's two views: the meetings (archive and next ones) and the action points. */
export function MeetingsNav() {
  const mt = useMeetingsT();
  return (
    <nav className="tabs" aria-label={mt('views')}>
      <NavLink to="/meetings" end>
        {mt('meetingsView')}
      </NavLink>
      <NavLink to="/meetings/action-points">{mt('actionPointsView')}</NavLink>
    </nav>
  );
}
