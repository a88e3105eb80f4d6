import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { RequirePermission } from '../../auth/RequirePermission.tsx';

/** Administration: organisations and user accounts, for the roles that manage them. */
export default function AdminLayout() {
  const { t } = useTranslation();
  return (
    <RequirePermission anyOf={['organisation:manage', 'user:manage']}>
      <nav className="tabs" aria-label={t('admin.sections')}>
        <NavLink to="/admin/organisations">{t('admin.organisations')}</NavLink>
        <NavLink to="/admin/users">{t('admin.users')}</NavLink>
      </nav>
      <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
        <Outlet />
      </Suspense>
    </RequirePermission>
  );
}
