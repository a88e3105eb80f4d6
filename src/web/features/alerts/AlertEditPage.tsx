import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Alert } from '../../../shared/contracts/alerts.ts';
import { isApiError } from '../../api/client.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { VersionConflictNotice } from '../../ui/VersionConflictNotice.tsx';
import { draftOf } from './alert-draft.ts';
import { AlertForm, useAlertForm } from './AlertForm.tsx';
import { alertKeys, useAlert, useUpdateAlert } from './alerts.api.ts';
import { canManageAlert } from './alert-access.ts';
import { ForbiddenPanel } from './ForbiddenPanel.tsx';
import './alerts.css';

export default function AlertEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const alert = useAlert(id);
  const user = useCurrentUser();
  const back = <Link to={`/alerts/${id}`}>‹ {alert.data?.code ?? t('alerts.listTitle')}</Link>;

  if (alert.error) {
    return (
      <>
        <PageHeader title={t('alerts.editTitle')} back={back} />
        <ProblemNotice error={alert.error} />
      </>
    );
  }
  if (!alert.data) return <p role="status">{t('common.loading')}</p>;
  if (!canManageAlert(user, alert.data)) return <ForbiddenPanel />;
  return <AlertEditor key={alert.data.id} alert={alert.data} back={back} />;
}

function AlertEditor({ alert, back }: { alert: Alert; back: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const update = useUpdateAlert(alert.id);
  const form = useAlertForm(draftOf(alert));
  // The version the form stands on: a background refetch must not move it, or saving would overwrite someone else's change.
  const [version, setVersion] = useState(alert.version);

  function reloadCurrent() {
    const current = update.error?.current as Alert | undefined;
    if (current) {
      queryClient.setQueryData(alertKeys.detail(alert.id), current);
      setVersion(current.version);
      form.reset(draftOf(current));
    } else {
      void queryClient.invalidateQueries({ queryKey: alertKeys.detail(alert.id) });
    }
    update.reset();
  }

  return (
    <div className="form-page">
      <PageHeader title={t('alerts.editTitleOf', { code: alert.code })} back={back} />
      <section className="panel" aria-label={t('alerts.editTitle')}>
        <AlertForm
          form={form}
          submitLabel={t('common.save')}
          busy={update.isPending}
          problem={
            update.error &&
            (isApiError(update.error, 'version_conflict') ? <VersionConflictNotice error={update.error} onReload={reloadCurrent} /> : <ProblemNotice error={update.error} />)
          }
          cancel={
            <Link className="button button-secondary" to={`/alerts/${alert.id}`}>
              {t('common.cancel')}
            </Link>
          }
          onSubmit={(input) =>
            update.mutate(
              { ...input, version },
              {
                onSuccess: (saved) => void navigate(`/alerts/${saved.id}`, { state: { flash: t('common.saved') } }),
                onError: form.showServerError,
              },
            )
          }
        />
      </section>
    </div>
  );
}
