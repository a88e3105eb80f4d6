import { Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { useCurrentUser } from '../auth/RequireSession.tsx';
import { Flash } from '../ui/Flash.tsx';
import { AreaIcon, MenuIcon } from './icons.tsx';
import { navPath, visibleNavItems } from './navigation.ts';
import { UserMenu } from './UserMenu.tsx';

function PageLoading() {
  const { t } = useTranslation();
  return (
    <p className="page-loading" role="status">
      {t('common.loading')}
    </p>
  );
}

/** Header, side navigation and the page: every signed-in screen renders inside it. */
export function AppShell() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const location = useLocation();
  const [navOpen, setNavOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const firstRender = useRef(true);

  // After a client-side navigation, start screen readers and keyboards at the new page, as a full load would.
  useEffect(() => {
    setNavOpen(false);
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [location.pathname]);

  useEffect(() => {
    if (!navOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setNavOpen(false);
        toggleRef.current?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [navOpen]);

  return (
    <div className="app">
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          mainRef.current?.focus();
        }}
      >
        {t('shell.skipLink')}
      </a>
      <header className="app-header">
        <button
          ref={toggleRef}
          type="button"
          className="nav-toggle"
          aria-expanded={navOpen}
          aria-controls="main-nav"
          onClick={() => setNavOpen(!navOpen)}
        >
          <MenuIcon />
          <span>{t('shell.openMenu')}</span>
        </button>
        <Link to="/" className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </Link>
        <UserMenu user={user} />
      </header>
      <div className="app-body">
        <nav id="main-nav" className={navOpen ? 'side-nav open' : 'side-nav'} aria-label={t('shell.mainNav')}>
          <ul>
            {visibleNavItems(user).map((item) => (
              <li key={item.area}>
                <NavLink to={navPath(item, user)}>
                  <AreaIcon area={item.area} />
                  <span>{t(`nav.${item.area}`)}</span>
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        {navOpen && <div className="nav-backdrop" aria-hidden="true" onClick={() => setNavOpen(false)} />}
        <main id="main" ref={mainRef} tabIndex={-1} className="main">
          <Flash />
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
