import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CurrentUser } from '../../shared/contracts/auth.ts';
import { useLogout } from '../auth/session.ts';
import { useOrganisation } from '../features/organisations/organisations.api.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase();
}

/** The account disclosure: who is signed in, language, password, sign-out. Escape or a click elsewhere closes it. */
export function UserMenu({ user }: { user: CurrentUser }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const organisation = useOrganisation(user.organisationId);
  const logout = useLogout();

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  const organisationLabel = user.organisationId ? (organisation.data?.acronym ?? '') : t('shell.noOrganisation');

  return (
    <div className="user-menu" ref={rootRef}>
      <button ref={buttonRef} type="button" className="user-menu-button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        <span className="avatar" aria-hidden="true">
          {initials(user.name)}
        </span>
        <span className="user-menu-text">
          <span className="user-menu-name">{user.name}</span>
          <span className="user-menu-role">{t(`roles.${user.role}`)}</span>
        </span>
        <span className="chevron" aria-hidden="true" />
      </button>
      <div id={panelId} className="user-menu-panel" hidden={!open}>
        <div className="user-menu-identity">
          <p className="user-menu-panel-name">{user.name}</p>
          <p>{user.email}</p>
          <p>
            {t(`roles.${user.role}`)}
            {organisationLabel && ` · ${organisationLabel}`}
          </p>
        </div>
        <LanguageSwitch />
        <ul className="user-menu-actions">
          <li>
            <Link to="/notifications" onClick={() => setOpen(false)}>
              {t('shell.notifications')}
            </Link>
          </li>
          <li>
            <Link to="/account/password" onClick={() => setOpen(false)}>
              {t('shell.changePassword')}
            </Link>
          </li>
          <li>
            <Link to="/account/tokens" onClick={() => setOpen(false)}>
              {t('admin.tokens')}
            </Link>
          </li>
          <li>
            <button
              type="button"
              className="link-button"
              disabled={logout.isPending}
              onClick={() => logout.mutate()}
            >
              {logout.isPending ? t('shell.signingOut') : t('shell.signOut')}
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}
