import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type DashboardSettingsState, dashboardSettingsApi } from '../../../shared/contracts/dashboard.ts';
import { type ApiError, call, isApiError } from '../../api/client.ts';
import { TextField } from '../../ui/fields.tsx';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { VersionConflictNotice } from '../../ui/VersionConflictNotice.tsx';

const key = ['settings', 'dashboard'] as const;

/** Administrators open the public page and choose an optional map background. */
export default function DashboardSettingsPage() {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: key, queryFn: ({ signal }) => call(dashboardSettingsApi.get, { signal }) });
  if (settings.error) return <ProblemNotice error={settings.error} />;
  if (!settings.data) return <p role="status">{t('common.loading')}</p>;
  return <SettingsForm key={settings.data.version} current={settings.data} />;
}

function SettingsForm({ current }: { current: DashboardSettingsState }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [publicPageEnabled, setPublicPageEnabled] = useState(current.publicPageEnabled);
  const [tileUrl, setTileUrl] = useState(current.backgroundTileUrl ?? '');
  const [attribution, setAttribution] = useState(current.backgroundAttribution ?? '');
  const save = useMutation<DashboardSettingsState, ApiError>({
    mutationFn: () =>
      call(dashboardSettingsApi.update, {
        body: {
          publicPageEnabled,
          backgroundTileUrl: tileUrl.trim() || null,
          backgroundAttribution: attribution.trim() || null,
          version: current.version,
        },
      }),
    onSuccess: (saved) => queryClient.setQueryData(key, saved),
  });
  const fieldError = (field: string) => save.error?.fieldErrors.find((e) => e.path === field)?.message;

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <>
      <PageHeader title={t('dashboardSettings.title')}>
        <p className="lead">{t('dashboardSettings.lead')}</p>
      </PageHeader>
      {save.isSuccess && <Notice tone="success">{t('common.saved')}</Notice>}
      {save.error && isApiError(save.error, 'version_conflict') && (
        <VersionConflictNotice error={save.error} onReload={() => void queryClient.invalidateQueries({ queryKey: key })} />
      )}
      {save.error && !isApiError(save.error, 'version_conflict') && <ProblemNotice error={save.error} />}
      <form className="form panel" onSubmit={submit} noValidate>
        <div className="field">
          <label className="checkbox">
            <input type="checkbox" checked={publicPageEnabled} onChange={(event) => setPublicPageEnabled(event.target.checked)} />
            <span>{t('dashboardSettings.publicPage')}</span>
          </label>
          <p className="field-hint">
            {t('dashboardSettings.publicPageHint')} <Link to="/public">/public</Link>
          </p>
        </div>
        <TextField
          label={t('dashboardSettings.tileUrl')}
          hint={t('dashboardSettings.tileUrlHint')}
          value={tileUrl}
          onChange={(event) => setTileUrl(event.target.value)}
          error={fieldError('backgroundTileUrl')}
          inputMode="url"
        />
        <TextField label={t('dashboardSettings.attribution')} value={attribution} onChange={(event) => setAttribution(event.target.value)} error={fieldError('backgroundAttribution')} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={save.isPending}>
            {save.isPending ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </>
  );
}
