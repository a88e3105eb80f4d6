import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Response } from '../../../shared/contracts/responses.ts';
import { can } from '../../../shared/permissions.ts';
import { isApiError } from '../../api/client.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { VersionConflictNotice } from '../../ui/VersionConflictNotice.tsx';
import { RecordHistory } from '../audit/RecordHistory.tsx';
import { importMessage } from '../../../shared/import-messages.ts';
import { useResponseLabels } from './labels.ts';
import { draftOf } from './response-draft.ts';
import { ResponseDetails } from './ResponseDetails.tsx';
import { ResponseForm, useResponseForm } from './ResponseForm.tsx';
import { responseKeys, useDeleteResponse, useResponse, useSaveResponse } from './responses.api.ts';
import './responses.css';
import { useFiveWT } from './i18n.ts';

/** A 5W record: its form for those who may change it, the record in full, read-only, for the other readers; its warnings and history. */
export default function ResponsePage() {
  const { t } = useTranslation();
  const ft = useFiveWT();
  const { id = '' } = useParams();
  const record = useResponse(id);
  const back = <Link to="/responses">‹ {ft('responses.listTitle')}</Link>;
  if (record.error) {
    return (
      <>
        <PageHeader title={ft('responses.recordTitle')} back={back} />
        <ProblemNotice error={record.error} />
      </>
    );
  }
  if (!record.data) return <p role="status">{t('common.loading')}</p>;
  return <ResponseEditor key={record.data.id} record={record.data} back={back} />;
}

function ResponseEditor({ record, back }: { record: Response; back: ReactNode }) {
  const { t } = useTranslation();
  const ft = useFiveWT();
  const labels = useResponseLabels();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const save = useSaveResponse();
  const remove = useDeleteResponse();
  const form = useResponseForm(draftOf(record, labels.language));
  const [version, setVersion] = useState(record.version);
  const [confirming, setConfirming] = useState(false);
  const writable = can(user, 'response:write', { organisationId: record.organisation.id, regionPcodes: record.locality.adm1Pcode ? [record.locality.adm1Pcode] : [] });
  const title = `${record.organisation.acronym} — ${labels.sector(record.sector)} — ${record.locality.name}`;

  function reloadCurrent() {
    const current = save.error?.current as Response | undefined;
    if (current) {
      queryClient.setQueryData(responseKeys.detail(record.id), current);
      setVersion(current.version);
      form.reset(draftOf(current, labels.language));
    }
    save.reset();
  }

  return (
    <div className="form-page">
      <PageHeader
        title={title}
        back={back}
        actions={
          writable && (
            <button type="button" className="button button-danger" onClick={() => setConfirming(true)}>
              {ft('responses.delete')}
            </button>
          )
        }
      >
        <p className="muted">{ft('responses.recordSubtitle', { month: labels.month(record.period), status: labels.status(record.status) })}</p>
      </PageHeader>
      {record.warnings.length > 0 && (
        <Notice tone="warning" title={ft('responses.form.warningsTitle')}>
          <ul>
            {record.warnings.map((w) => (
              <li key={`${w.field}-${w.code}`}>{importMessage(w.code, w.params, labels.language)}</li>
            ))}
          </ul>
        </Notice>
      )}
      <section className="panel" aria-label={ft('responses.recordTitle')}>
        {writable ? (
          <ResponseForm
            form={form}
            submitLabel={t('common.save')}
            busy={save.isPending}
            problem={
              save.error &&
              (isApiError(save.error, 'version_conflict') ? <VersionConflictNotice error={save.error} onReload={reloadCurrent} /> : <ProblemNotice error={save.error} />)
            }
            cancel={
              <Link className="button button-secondary" to="/responses">
                {t('common.cancel')}
              </Link>
            }
            onSubmit={(input) =>
              save.mutate(
                { id: record.id, input: { ...input, version } },
                {
                  onSuccess: (saved) => {
                    setVersion(saved.version);
                    form.reset(draftOf(saved, labels.language));
                  },
                  onError: form.showServerError,
                },
              )
            }
          />
        ) : (
          <>
            <Notice tone="info" title={ft('responses.readOnly')} />
            <ResponseDetails record={record} />
          </>
        )}
        {save.isSuccess && <Notice tone="success" title={t('common.saved')} />}
      </section>
      <RecordHistory entity="response" id={record.id} />
      <ConfirmDialog
        open={confirming}
        title={ft('responses.deleteTitle')}
        confirmLabel={ft('responses.delete')}
        danger
        busy={remove.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => remove.mutate(record, { onSuccess: () => void navigate('/responses', { state: { flash: ft('responses.deleted') } }) })}
      >
        <p>{ft('responses.deleteText')}</p>
        {remove.error && <ProblemNotice error={remove.error} />}
      </ConfirmDialog>
    </div>
  );
}
