import { type FormEvent, useId, useState } from 'react';
import { type FeedName, feedsApi } from '../../../shared/contracts/feeds.ts';
import { type ApiToken, type CreatedToken, tokenDefaultDays, tokenInput, tokenMaxDays, tokenScopes } from '../../../shared/contracts/tokens.ts';
import { can } from '../../../shared/permissions.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormErrorSummary, Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useZodForm } from '../../ui/useZodForm.ts';
import { useTokensT } from './i18n.ts';
import { RevokeDialog, TokenSecret, useTokenColumns } from './TokenParts.tsx';
import { useCreateToken, useOwnTokens, useRevokeToken } from './tokens.api.ts';
import './tokens.css';

const expiryChoices = [30, tokenDefaultDays, 180, tokenMaxDays];

/** The signed-in user's API tokens: create one (its secret shown once), see when each was last used, revoke. */
export default function TokensPage() {
  const t = useTokensT();
  const tokens = useOwnTokens();
  const revoke = useRevokeToken('owner');
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);

  const sharedColumns = useTokenColumns<ApiToken>(setRevoking);
  const columns: Column<ApiToken>[] = [{ key: 'name', header: t('list.name'), cell: (token) => <span className="break">{token.name}</span> }, ...sharedColumns];

  return (
    <div className="tokens-page">
      <PageHeader title={t('title')} />
      <p className="lead">{t('lead')}</p>
      <p>
        <a href="/api/docs">{t('docsLink')}</a>
      </p>

      {created && <TokenSecret name={created.token.name} secret={created.secret} onDone={() => setCreated(null)} />}
      {revoked && <Notice tone="success" title={t('revoke.done', { name: revoked })} />}

      <CreateTokenForm
        onCreated={(result) => {
          setRevoked(null);
          setCreated(result);
        }}
      />

      <section className="token-list" aria-labelledby="token-list-title">
        <h2 id="token-list-title">{t('list.title')}</h2>
        {tokens.error ? (
          <ProblemNotice error={tokens.error} />
        ) : tokens.data && tokens.data.items.length === 0 ? (
          <EmptyState title={t('list.emptyTitle')}>{t('list.emptyText')}</EmptyState>
        ) : (
          <DataTable
            caption={t('list.caption')}
            columns={columns}
            rows={tokens.data?.items ?? []}
            rowKey={(token) => token.id}
            busy={tokens.isFetching && !tokens.data}
          />
        )}
      </section>

      {revoke.error && <ProblemNotice error={revoke.error} />}
      <FeedAddresses />
      <RevokeDialog
        token={revoking}
        busy={revoke.isPending}
        onCancel={() => setRevoking(null)}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              setRevoked(revoking.name);
              setRevoking(null);
            },
          })
        }
      />
    </div>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (created: CreatedToken) => void }) {
  const t = useTokensT();
  const create = useCreateToken();
  const scopeHintId = useId();
  const form = useZodForm(tokenInput, { name: '', scope: 'read', expiresInDays: tokenDefaultDays });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const valid = form.submit();
    if (!valid) return;
    create.mutate(valid, {
      onSuccess: (result) => {
        form.reset({ name: '', scope: 'read', expiresInDays: tokenDefaultDays });
        onCreated(result);
      },
      onError: form.showServerError,
    });
  }

  return (
    <section className="panel" aria-labelledby="token-create-title">
      <h2 id="token-create-title">{t('create.title')}</h2>
      <form ref={form.formRef} onSubmit={onSubmit} noValidate className="form">
        {create.error ? <ProblemNotice error={create.error} /> : <FormErrorSummary show={form.hasErrors} />}
        <TextField
          label={t('create.name')}
          hint={t('create.nameHint')}
          required
          maxLength={100}
          value={form.values.name}
          onChange={(event) => form.set('name', event.target.value)}
          error={form.errors.name}
        />
        <fieldset className="field fieldset">
          <legend>{t('create.scope')}</legend>
          <div className="checkbox-list token-scopes">
            {tokenScopes.map((scope) => (
              <label key={scope} className="checkbox">
                <input
                  type="radio"
                  name="scope"
                  value={scope}
                  checked={form.values.scope === scope}
                  onChange={() => form.set('scope', scope)}
                  aria-describedby={`${scopeHintId}-${scope}`}
                />
                <span>
                  <strong>{t(`create.scopes.${scope}`)}</strong>
                  <span className="field-hint" id={`${scopeHintId}-${scope}`}>
                    {t(`create.scopes.${scope}Hint`)}
                  </span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <SelectField
          label={t('create.expiry')}
          hint={t('create.expiryHint')}
          value={String(form.values.expiresInDays)}
          onChange={(event) => form.set('expiresInDays', Number(event.target.value))}
          options={expiryChoices.map((days) => ({ value: String(days), label: days === tokenMaxDays ? t('create.year') : t('create.days', { count: days }) }))}
          error={form.errors.expiresInDays}
        />
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? t('create.submitting') : t('create.submit')}
        </button>
      </form>
    </section>
  );
}

/** The feeds this account may read, with their full addresses to paste into a spreadsheet tool. */
function FeedAddresses() {
  const t = useTokensT();
  const user = useCurrentUser();
  const [copied, setCopied] = useState<string | null>(null);
  const feeds = Object.entries(feedsApi).filter(([, feed]) => feed.access === 'public' || can(user, feed.access));
  const nameOf = (path: string) => path.slice(path.lastIndexOf('/') + 1, -'.csv'.length) as FeedName;
  const addressOf = (path: string) => `${window.location.origin}${path}`;

  async function copy(path: string) {
    try {
      await navigator.clipboard.writeText(addressOf(path));
      setCopied(path);
    } catch {
      setCopied(null);
    }
  }

  return (
    <section className="token-feeds" aria-labelledby="token-feeds-title">
      <h2 id="token-feeds-title">{t('feeds.title')}</h2>
      <p>{t('feeds.lead')}</p>
      <p className="muted">{t('feeds.excel')}</p>
      <div className="table-wrap">
        <table className="data-table">
          <caption className="visually-hidden">{t('feeds.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('feeds.feed')}</th>
              <th scope="col">{t('feeds.address')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('feeds.copy')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {feeds.map(([key, feed]) => (
              <tr key={key}>
                <td data-label={t('feeds.feed')}>{t(`feeds.names.${nameOf(feed.path)}`)}</td>
                <td data-label={t('feeds.address')}>
                  <code className="break">{addressOf(feed.path)}</code>
                </td>
                <td>
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    aria-label={t('feeds.copyLabel', { name: t(`feeds.names.${nameOf(feed.path)}`) })}
                    onClick={() => void copy(feed.path)}
                  >
                    {t('feeds.copy')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="copy-status" role="status">
        {copied ? t('feeds.copied') : ''}
      </p>
    </section>
  );
}
