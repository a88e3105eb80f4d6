import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertImportResult } from '../../../shared/contracts/alerts.ts';
import { isApiError } from '../../api/client.ts';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { useImportAlerts } from './alerts.api.ts';
import { ImportReportView } from './ImportReportView.tsx';
import { Modal } from './Modal.tsx';

/**
 * Import of an alert matrix in two steps: the file is checked (a dry run, nothing written) and
 * its report read row by row; only then can it be imported, all rows or none.
 */
export function AlertImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<AlertImportResult | null>(null);
  const [done, setDone] = useState<AlertImportResult | null>(null);
  const importer = useImportAlerts();
  const refused = isApiError(importer.error, 'import_invalid') ? (importer.error.report as AlertImportResult) : null;
  const busy = importer.isPending;

  function close() {
    setFile(null);
    setChecked(null);
    setDone(null);
    importer.reset();
    onClose();
  }

  function check(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setDone(null);
    importer.mutate({ file, dryRun: true }, { onSuccess: setChecked });
  }

  function commit() {
    if (!file) return;
    importer.mutate(
      { file, dryRun: false },
      {
        onSuccess: (report) => {
          setChecked(null);
          setDone(report);
        },
      },
    );
  }

  const report = done ?? refused ?? checked;
  // A file identical to what is stored (an export sent back unchanged) has nothing to import.
  const nothingToDo = checked?.plan ? checked.plan.create + checked.plan.update === 0 : false;
  return (
    <Modal open={open} title={t('alerts.import.title')} onClose={close} wide>
      <form className="form" onSubmit={check} noValidate>
        <p className="field-hint">{t('alerts.import.intro')}</p>
        <div className="field">
          <div className="field-label">
            <label htmlFor={fileId}>{t('alerts.import.file')}</label>
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
              {busy && !checked ? t('alerts.import.checking') : t('alerts.import.check')}
            </button>
            {checked?.canCommit && !nothingToDo && (
              <button type="button" className="button" disabled={busy} onClick={commit}>
                {busy ? t('alerts.import.importing') : t('alerts.import.confirm', { count: checked.valid })}
              </button>
            )}
          </div>
        )}
      </form>
      <div aria-live="polite">
        {checked &&
          (!checked.canCommit ? (
            <Notice tone="error" title={t('alerts.import.checkedRefused', { count: checked.invalid })} />
          ) : nothingToDo ? (
            <Notice tone="info" title={t('alerts.import.nothingToDo')} />
          ) : (
            <Notice tone="info" title={t('alerts.import.checkedOk')} />
          ))}
        {done && <Notice tone="success" title={t('alerts.import.done', { count: done.rows })} />}
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
