import { NavLink } from 'react-router';
import { can } from '../../../shared/permissions.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { useDedupT } from '../dedup/i18n.ts';
import { useListsT } from './i18n.ts';

/**
 * The list area's views: distinct households and overlaps (counts) for all who read the
 * registry, duplicates for those who hold lists, deduplication runs for the custodian and the
 * administrator, the encoded upload (no names leave the device) for those who upload lists,
 * person search for the custodian.
 */
export function ListsNav() {
  const lt = useListsT();
  const dt = useDedupT();
  const user = useCurrentUser();
  return (
    <nav className="tabs" aria-label={lt('views')}>
      {can(user, 'list:read') && (
        <NavLink to="/lists" end>
          {lt('registryView')}
        </NavLink>
      )}
      {can(user, 'dashboard:read') && <NavLink to="/lists/households">{dt('nav.households')}</NavLink>}
      {can(user, 'list:read') && <NavLink to="/lists/overlap">{dt('nav.overlap')}</NavLink>}
      {can(user, 'beneficiary:read_personal') && <NavLink to="/lists/duplicates">{dt('nav.duplicates')}</NavLink>}
      {can(user, 'dedup:run') && <NavLink to="/lists/dedup">{dt('nav.runs')}</NavLink>}
      {(can(user, 'sharing:read') || can(user, 'sharing:request')) && <NavLink to="/lists/sharing">{lt('sharingView')}</NavLink>}
      {can(user, 'list:upload') && <NavLink to="/lists/encode">{lt('encodedView')}</NavLink>}
      <NavLink to="/lists/protocol">{lt('protocolView')}</NavLink>
      {can(user, 'list:purge') && <NavLink to="/lists/search">{lt('searchView')}</NavLink>}
    </nav>
  );
}
