import { Navigate } from 'react-router';
import { can } from '../../../shared/permissions.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { adminSections } from './admin-sections.ts';

/** /admin opens the first section this user may manage (a coordinator manages only the gazetteer). */
export default function AdminHome() {
  const user = useCurrentUser();
  const first = adminSections.find((section) => can(user, section.action));
  return <Navigate to={first ? first.path : 'organisations'} replace />;
}
