import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { RequirePermission } from '../../auth/RequirePermission.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { currentPeriod } from './labels.ts';
import { emptyResponseDraft } from './response-draft.ts';
import { ResponseForm, useResponseForm } from './ResponseForm.tsx';
import { useSaveResponse } from './responses.api.ts';
import './responses.css';
import { useFiveWT } from './i18n.ts';

export default function ResponseNewPage() {
  return (
    <RequirePermission anyOf={['response:write']}>
      <NewResponse />
    </RequirePermission>
  );
}

function NewResponse() {
  const { t } = useTranslation();
  const ft = useFiveWT();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const save = useSaveResponse();
  const form = useResponseForm(emptyResponseDraft(currentPeriod(), user.organisationId ?? ''));
  return (
    <div className="form-page">
      <PageHeader title={ft('responses.newTitle')} back={<Link to="/responses">‹ {ft('responses.listTitle')}</Link>} />
      <section className="panel" aria-label={ft('responses.newTitle')}>
        <ResponseForm
          form={form}
          submitLabel={t('common.create')}
          busy={save.isPending}
          problem={save.error && <ProblemNotice error={save.error} />}
          cancel={
            <Link className="button button-secondary" to="/responses">
              {t('common.cancel')}
            </Link>
          }
          onSubmit={(input) =>
            save.mutate({ id: null, input }, { onSuccess: (saved) => void navigate(`/responses/${saved.id}`, { state: { flash: ft('responses.created') } }), onError: form.showServerError })
          }
        />
      </section>
    </div>
  );
}
