import { useEffect, useId, useRef } from 'react';
import type { ApiToken, TokenScope, TokenStatus } from '../../../shared/contracts/tokens.ts';
import { useFormat } from '../../i18n/format.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { useCopyText } from '../../ui/useCopyText.ts';
import type { Column } from '../../ui/DataTable.tsx';
import { useTokensT } from './i18n.ts';

/** Active, expired or revoked, in words (never by colour alone). */
export function TokenStatusBadge({ status }: { status: TokenStatus }) {
  const t = useTokensT();
  return (
    <span className={status === 'active' ? 'badge badge-active' : status === 'expired' ? 'badge badge-warning' : 'badge badge-inactive'}>
      {t(`status.${status}`)}
    </span>
  );
}

function ScopeLabel({ scope }: { scope: TokenScope }) {
  const t = useTokensT();
  return <>{t(`create.scopes.${scope}`)}</>;
}

/** The columns every token table shows after its first ones: scope, dates, last use, status, and revoke while active. */
export function useTokenColumns<T extends ApiToken>(onRevoke: (token: T) => void): Column<T>[] {
  const t = useTokensT();
  const format = useFormat();
  return [
    { key: 'scope', header: t('list.scope'), cell: (token) => <ScopeLabel scope={token.scope} /> },
    { key: 'created', header: t('list.created'), cell: (token) => format.date(token.createdAt) },
    { key: 'expires', header: t('list.expires'), cell: (token) => format.date(token.expiresAt) },
    { key: 'lastUsed', header: t('list.lastUsed'), cell: (token) => (token.lastUsedAt ? format.dateTime(token.lastUsedAt) : t('list.never')) },
    { key: 'status', header: t('list.status'), cell: (token) => <TokenStatusBadge status={token.status} /> },
    {
      key: 'actions',
      header: t('list.actions'),
      cell: (token) =>
        token.status === 'active' ? (
          <button
            type="button"
            className="button button-secondary button-small"
            aria-label={t('list.revokeLabel', { name: token.name })}
            onClick={() => onRevoke(token)}
          >
            {t('list.revoke')}
          </button>
        ) : null,
    },
  ];
}

/**
 * The one time a token's secret is shown. Focus moves to it so a screen reader announces it;
 * copying falls back to selecting the text where the Clipboard API is refused (plain HTTP).
 */
export function TokenSecret({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const t = useTokensT();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { ref: codeRef, copied, copy } = useCopyText(secret);
  useEffect(() => headingRef.current?.focus(), []);

  return (
    <section className="panel temporary-password token-secret" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t('secret.title')}
      </h2>
      <p>{t('secret.once', { name })}</p>
      <div className="secret">
        <code ref={codeRef}>{secret}</code>
        <button type="button" className="button" onClick={() => void copy()}>
          {t('secret.copy')}
        </button>
      </div>
      <p className="copy-status" role="status">
        {copied ? t('secret.copied') : ''}
      </p>
      <p className="muted">{t('secret.usage')}</p>
      <pre className="token-usage">
        <code>Authorization: Bearer relais_…</code>
      </pre>
      <button type="button" className="button button-secondary" onClick={onDone}>
        {t('secret.done')}
      </button>
    </section>
  );
}

/** Asks before revoking: a revoked token cannot come back. */
export function RevokeDialog({
  token,
  busy,
  onConfirm,
  onCancel,
}: {
  token: Pick<ApiToken, 'name'> | null;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useTokensT();
  return (
    <ConfirmDialog
      open={token !== null}
      title={t('revoke.title')}
      confirmLabel={t('revoke.confirm')}
      danger
      busy={busy}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p>{t('revoke.body', { name: token?.name ?? '' })}</p>
    </ConfirmDialog>
  );
}
