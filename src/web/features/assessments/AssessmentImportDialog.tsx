import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentImportResult } from '../../../shared/contracts/assessments.ts';
import { isApiError } from '../../api/client.ts';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { ImportReportView } from '../alerts/ImportReportView.tsx';
import { Modal } from '../alerts/Modal.tsx';
import { useGapsT } from '../gaps/i18n.ts';
import { assessmentExportUrl, useImportAssessments } from './assessments.api.ts';

/**
 * Assessment results from a file in two steps: checked first (nothing written) with the report
 * row by row, then imported, all rows or none. The current assessments download as the template.
 */
export function AssessmentImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const gt = useGapsT();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<AssessmentImportResult | null>(null);
  const [done, setDone] = useState<AssessmentImportResult | null>(null);
  const importer = useImportAssessments();
  const refused = isApiError(importer.error, 'import_invalid') ? (importer.error.report as AssessmentImportResult) : null;
  const busy = importer.isPending;
  const nothingToDo = checked?.plan ? checked.plan.create + checked.plan.update === 0 : false;

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
  return (
    <Modal open={open} title={gt('assessments.importDialog.title')} onClose={close} wide>
      <form className="form" onSubmit={check} noValidate>
        <p className="field-hint">{gt('assessments.importDialog.hint')}</p>
        <p>
          <a href={assessmentExportUrl('xlsx', {})} download>
            {gt('assessments.importDialog.exportTemplate')}
          </a>
        </p>
        <div className="field">
          <div className="field-label">
            <label htmlFor={fileId}>{gt('assessments.importDialog.file')}</label>
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
              {gt('assessments.importDialog.check')}
            </button>
            {checked?.canCommit && !nothingToDo && (
              <button type="button" className="button" disabled={busy} onClick={commit}>
                {gt('assessments.importDialog.commit')}
              </button>
            )}
          </div>
        )}
      </form>
      <div aria-live="polite">
        {done && <Notice tone="success" title={gt('assessments.importDialog.committed')} />}
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
