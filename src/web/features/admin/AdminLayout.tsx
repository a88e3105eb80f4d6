import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { can } from '../../../shared/permissions.ts';
import { RequirePermission } from '../../auth/RequirePermission.tsx';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { adminSections } from './admin-sections.ts';

/** Administration: organisations, user accounts and the gazetteer, each for the roles that manage it. */
export default function AdminLayout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const sections = adminSections.filter((section) => can(user, section.action));
  return (
    <RequirePermission anyOf={adminSections.map((section) => section.action)}>
      <nav className="tabs" aria-label={t('admin.sections')}>
        {sections.map((section) => (
          <NavLink key={section.path} to={`/admin/${section.path}`}>
            {t(section.label)}
          </NavLink>
        ))}
      </nav>
      <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
        <Outlet />
      </Suspense>
    </RequirePermission>
  );
}
