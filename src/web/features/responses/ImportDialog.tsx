import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseImportResult } from '../../../shared/contracts/responses.ts';
import { scopeOf } from '../../../shared/permissions.ts';
import { isApiError } from '../../api/client.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { useFormat } from '../../i18n/format.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { ImportReportView } from '../alerts/ImportReportView.tsx';
import { Modal } from '../alerts/Modal.tsx';
import { useActiveOrganisations } from '../organisations/organisations.api.ts';
import { currentPeriod } from './labels.ts';
import { useImportFile, useImportProgress } from './responses.api.ts';
import { useFiveWT } from './i18n.ts';

interface ImportDialogProps {
  open: boolean;
  onClose: () => void;
  /** '5W' sheets or capacity sheets: the same round trip. */
  kind: 'responses' | 'capacities';
  templateUrl: (period: string, organisationId: string | undefined) => string;
}

const endpoints = { responses: '/api/v1/responses/import', capacities: '/api/v1/capacities/import' } as const;

function progressKey(): string {
  return `import-${crypto.randomUUID()}`;
}

/**
 * The Excel round trip in one place: download the organisation's sheet for a month (last
 * month's activities already in it), fill it, send it back to check (nothing written), read the
 * report row by row, then import: all rows or none. Large files show how far the server got.
 */
export function ImportDialog({ open, onClose, kind, templateUrl }: ImportDialogProps) {
  const { t } = useTranslation();
  const ft = useFiveWT();
  const format = useFormat();
  const user = useCurrentUser();
  const organisations = useActiveOrganisations();
  const fileId = useId();
  const ownOnly = scopeOf(user, kind === 'responses' ? 'response:write' : 'capacity:write') === 'organisation';
  const [period, setPeriod] = useState(currentPeriod());
  const [organisationId, setOrganisationId] = useState(user.organisationId ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<ResponseImportResult | null>(null);
  const [done, setDone] = useState<ResponseImportResult | null>(null);
  const [running, setRunning] = useState<string | null>(null);
  const importer = useImportFile(endpoints[kind], kind === 'responses' ? ['responses', 'periods'] : ['capacities', 'periods']);
  const progress = useImportProgress(running);
  const refused = isApiError(importer.error, 'import_invalid') ? (importer.error.report as ResponseImportResult | undefined) : undefined;
  const busy = importer.isPending;

  function close() {
    setFile(null);
    setChecked(null);
    setDone(null);
    importer.reset();
    onClose();
  }

  function send(dryRun: boolean) {
    if (!file) return;
    const key = progressKey();
    setRunning(key);
    importer.mutate(
      { file, dryRun, period, organisationId: ownOnly ? undefined : organisationId || undefined, progressKey: key },
      {
        onSuccess: (report) => {
          if (dryRun) setChecked(report);
          else {
            setChecked(null);
            setDone(report);
          }
        },
        onSettled: () => setRunning(null),
      },
    );
  }

  function check(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    send(true);
  }

  const report = done ?? refused ?? checked;
  const nothingToDo = checked?.plan ? checked.plan.create + checked.plan.update === 0 : false;
  const organisationOptions = (organisations.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.acronym} — ${o.name}` }));

  return (
    <Modal open={open} title={ft(`${kind}.import.title`)} onClose={close} wide>
      <section className="import-step" aria-labelledby={`${fileId}-template`}>
        <h3 id={`${fileId}-template`}>{ft('responses.import.templateStep')}</h3>
        <p className="field-hint">{ft(`${kind}.import.templateIntro`)}</p>
        <div className="form-grid">
          <TextField type="month" label={ft('responses.import.month')} value={period} onChange={(e) => setPeriod(e.target.value)} />
          {!ownOnly && (
            <SelectField
              label={ft('responses.fields.organisation')}
              value={organisationId}
              onChange={(e) => setOrganisationId(e.target.value)}
              options={[{ value: '', label: ft('responses.import.noOrganisation') }, ...organisationOptions]}
            />
          )}
        </div>
        <a className="button button-secondary" href={templateUrl(period, ownOnly ? undefined : organisationId || undefined)} download>
          {ft('responses.import.downloadTemplate')}
        </a>
      </section>

      <form className="form import-step" onSubmit={check} noValidate>
        <h3>{ft('responses.import.uploadStep')}</h3>
        <p className="field-hint">{ft('responses.import.uploadIntro')}</p>
        <div className="field">
          <div className="field-label">
            <label htmlFor={fileId}>{ft('responses.import.file')}</label>
          </div>
          <input
            id={fileId}
            type="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            disabled={busy}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setChecked(null);
              setDone(null);
              importer.reset();
            }}
          />
        </div>
        {!done && (
          <div className="form-actions">
            <button type="submit" className={checked?.canCommit ? 'button button-secondary' : 'button'} disabled={!file || busy}>
              {busy && !checked ? ft('responses.import.checking') : ft('responses.import.check')}
            </button>
            {checked?.canCommit && !nothingToDo && (
              <button type="button" className="button" disabled={busy} onClick={() => send(false)}>
                {busy ? ft('responses.import.importing') : ft('responses.import.confirm', { count: checked.valid })}
              </button>
            )}
          </div>
        )}
      </form>

      <div aria-live="polite">
        {busy && progress && (
          <div className="import-progress">
            <progress max={1} value={progress.fraction ?? undefined} aria-label={ft('responses.import.progressLabel')} />
            <span>{ft(`responses.import.stages.${progress.stage}`, { read: format.number(progress.rowsRead), written: format.number(progress.rowsWritten) })}</span>
          </div>
        )}
        {checked &&
          (!checked.canCommit ? (
            <Notice tone="error" title={ft('responses.import.checkedRefused', { count: checked.invalid })} />
          ) : nothingToDo ? (
            <Notice tone="info" title={ft('responses.import.nothingToDo')} />
          ) : (
            <Notice tone="info" title={ft('responses.import.checkedOk', { create: checked.plan?.create ?? 0, update: checked.plan?.update ?? 0 })} />
          ))}
        {done && <Notice tone="success" title={ft('responses.import.done', { create: done.plan?.create ?? 0, update: done.plan?.update ?? 0, unchanged: done.plan?.unchanged ?? 0 })} />}
        {refused && <Notice tone="error" title={importer.error?.title} />}
        {importer.error && !refused && <ProblemNotice error={importer.error} />}
      </div>
      {report && <ImportReportView report={report} />}
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={close}>
          {t('common.close')}
        </button>
      </div>
    </Modal>
  );
}
