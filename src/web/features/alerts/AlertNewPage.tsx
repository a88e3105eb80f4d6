import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { RequirePermission } from '../../auth/RequirePermission.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { emptyAlertDraft } from './alert-draft.ts';
import { AlertForm, useAlertForm } from './AlertForm.tsx';
import { useCreateAlert } from './alerts.api.ts';
import './alerts.css';

export default function AlertNewPage() {
  return (
    <RequirePermission anyOf={['alert:manage']}>
      <NewAlert />
    </RequirePermission>
  );
}

function NewAlert() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateAlert();
  const form = useAlertForm(emptyAlertDraft());

  return (
    <div className="form-page">
      <PageHeader title={t('alerts.newTitle')} back={<Link to="/alerts">‹ {t('alerts.listTitle')}</Link>} />
      <section className="panel" aria-label={t('alerts.newTitle')}>
        <AlertForm
          form={form}
          submitLabel={t('alerts.form.create')}
          busy={create.isPending}
          problem={create.error && <ProblemNotice error={create.error} />}
          cancel={
            <Link className="button button-secondary" to="/alerts">
              {t('common.cancel')}
            </Link>
          }
          onSubmit={(input) =>
            create.mutate(input, {
              onSuccess: (created) => void navigate(`/alerts/${created.id}`, { state: { flash: t('alerts.created', { code: created.code }) } }),
              onError: form.showServerError,
            })
          }
        />
      </section>
    </div>
  );
}
