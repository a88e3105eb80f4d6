import { useMutation } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../shared/contracts/import.ts';
import { type ApiError, isApiError } from '../api/client.ts';
import { type ImportUpload, newProgressKey, useImportProgress } from '../api/imports.ts';
import { useFormat } from '../i18n/format.ts';
import { ImportReportView } from './ImportReportView.tsx';
import { Modal } from './Modal.tsx';
import { Notice, ProblemNotice } from './Notice.tsx';

/** What every import endpoint reads: Excel workbooks and CSV (HXL CSV included). */
const spreadsheetTypes = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

interface ImportDialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  /** What the file should hold, shown above the file field. */
  intro: string;
  /** Sends the file to the feature's endpoint; with `dryRun` the server only checks it. */
  upload: (upload: ImportUpload) => Promise<ImportReport>;
  /** After a commit wrote the file, e.g. to refresh the lists it changed; runs even if the dialog was closed meanwhile. */
  onCommitted?: (report: ImportReport) => void;
  /** A first step before the upload: the template to fill (a link, or the choices it depends on). */
  template?: ReactNode;
  /** The endpoint publishes how far it got (5W, capacities): the bar then shows rows read and written. */
  reportsProgress?: boolean;
  /**
   * What `upload` sends besides the file (e.g. the month of a report), as one string: when it
   * changes, the check made before no longer describes what the import would write.
   */
  uploadScope?: string;
  /** What a feature offers on a checked report, under it (e.g. mapping the columns it did not recognise). */
  followUp?: (report: ImportReport) => ReactNode;
}

/**
 * A spreadsheet import in two steps, the same for every feature: the file is checked first (a
 * dry run, nothing written) and its report read row by row; only a clean check offers the
 * import, which writes all rows or none.
 */
export function ImportDialog({ open, onClose, title, intro, upload, onCommitted, template, reportsProgress = false, uploadScope = '', followUp }: ImportDialogProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<ImportReport | null>(null);
  const [done, setDone] = useState<ImportReport | null>(null);
  const checkButton = useRef<HTMLButtonElement>(null);
  const commitButton = useRef<HTMLButtonElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const importer = useMutation<ImportReport, ApiError, ImportUpload>({
    mutationFn: upload,
    onSuccess: (report, request) => {
      if (!request.dryRun) onCommitted?.(report);
    },
  });
  const busy = importer.isPending;
  const committing = busy && importer.variables?.dryRun === false;
  const progress = useImportProgress(busy ? (importer.variables?.progressKey ?? null) : null);
  const refused = refusedReport(importer.error);
  // Refused while writing, without a report: the server names the row in `detail`.
  const refusedDetail = !refused && isApiError(importer.error, 'import_invalid') ? importer.error.detail : undefined;
  // A file identical to what is stored (an export sent back unchanged) has nothing to import.
  const nothingToDo = checked?.plan ? checked.plan.create + checked.plan.update === 0 : false;
  const committable = checked !== null && checked.canCommit && !nothingToDo;
  const report = done ?? refused ?? checked;

  // The pressed button is disabled while the server works, or gone once the file is written,
  // which can drop the focus: give it to where the reader goes next, not to the page's top.
  useEffect(() => {
    if (busy || !open) return;
    const focused = document.activeElement;
    if (focused && focused !== document.body && focused.isConnected) return;
    (done ? closeButton : committable ? commitButton : checkButton).current?.focus();
  }, [busy, open, done, committable]);

  // A long dialog (template, file, report) would leave the answer below the fold.
  const result = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (report) result.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
  }, [report]);

  const { reset: forgetAnswer } = importer;
  useEffect(() => {
    setChecked(null);
    setDone(null);
    forgetAnswer();
  }, [uploadScope, forgetAnswer]);

  function close() {
    chooseFile(null);
    onClose();
  }

  function chooseFile(chosen: File | null) {
    setFile(chosen);
    setChecked(null);
    setDone(null);
    forgetAnswer();
  }

  function send(dryRun: boolean) {
    if (!file) return;
    importer.mutate(
      { file, dryRun, progressKey: reportsProgress ? newProgressKey() : undefined },
      {
        onSuccess: (answer) => {
          setChecked(dryRun ? answer : null);
          setDone(dryRun ? null : answer);
        },
        // Refused at commit (the data changed since the check): the old check no longer holds.
        onError: (error) => {
          if (refusedReport(error)) setChecked(null);
        },
      },
    );
  }

  function check(event: FormEvent) {
    event.preventDefault();
    setChecked(null);
    send(true);
  }

  return (
    <Modal open={open} title={title} onClose={close} wide>
      {template && (
        // Folded once a file was checked, so the result is what the reader sees, not the template again.
        <details className="import-step import-template" open={!report}>
          <summary>
            <h3>{t('imports.templateStep')}</h3>
          </summary>
          {template}
        </details>
      )}
      <form className="form import-step" onSubmit={check} noValidate>
        {template && <h3>{t('imports.uploadStep')}</h3>}
        <p className="field-hint">{intro}</p>
        <div className="field">
          <div className="field-label">
            <label htmlFor={fileId}>{t('imports.file')}</label>
          </div>
          <input id={fileId} type="file" accept={spreadsheetTypes} disabled={busy} onChange={(event) => chooseFile(event.target.files?.[0] ?? null)} />
        </div>
        {!done && (
          <div className="form-actions">
            <button ref={checkButton} type="submit" className={committable ? 'button button-secondary' : 'button'} disabled={!file || busy}>
              {busy && !committing ? t('imports.checking') : t('imports.check')}
            </button>
            {committable && (
              <button ref={commitButton} type="button" className="button" disabled={busy} onClick={() => send(false)}>
                {committing ? t('imports.importing') : t('imports.confirm', { count: checked.valid, formatted: format.number(checked.valid) })}
              </button>
            )}
          </div>
        )}
      </form>
      <div aria-live="polite" ref={result}>
        {busy && (
          <div className="import-progress">
            {/* Without figures from the server the bar is indeterminate: it still shows the file is on its way. */}
            <progress max={1} value={progress?.fraction ?? undefined} aria-label={t('imports.progressLabel')} />
            {progress && <span>{t(`imports.stages.${progress.stage}`, { read: format.number(progress.rowsRead), written: format.number(progress.rowsWritten) })}</span>}
          </div>
        )}
        {checked && <CheckedNotice report={checked} nothingToDo={nothingToDo} />}
        {done && (
          <Notice
            tone="success"
            title={t('imports.done', { create: format.number(done.plan?.create ?? 0), update: format.number(done.plan?.update ?? 0), unchanged: format.number(done.plan?.unchanged ?? 0) })}
          />
        )}
        {refused && <Notice tone="error" title={importer.error?.title} />}
        {importer.error && !refused && <ProblemNotice error={importer.error}>{refusedDetail && <p>{refusedDetail}</p>}</ProblemNotice>}
      </div>
      {report && followUp?.(report)}
      {report && <ImportReportView report={report} />}
      <div className="dialog-actions">
        <button ref={closeButton} type="button" className="button button-secondary" onClick={close}>
          {t('common.close')}
        </button>
      </div>
    </Modal>
  );
}

/** What the check found, in one sentence above the report. */
function CheckedNotice({ report, nothingToDo }: { report: ImportReport; nothingToDo: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!report.canCommit) {
    // A file refused as a whole (missing columns, unreadable) has no refused row to count.
    const title = report.invalid > 0 ? t('imports.checkedRefused', { count: report.invalid, formatted: format.number(report.invalid) }) : t('imports.fileRefused');
    return <Notice tone="error" title={title} />;
  }
  if (nothingToDo) return <Notice tone="info" title={t('imports.nothingToDo')} />;
  return <Notice tone="info" title={t('imports.checkedOk', { create: format.number(report.plan?.create ?? 0), update: format.number(report.plan?.update ?? 0) })} />;
}

/** A commit the server refused usually comes with the report that says why, row by row. */
function refusedReport(error: unknown): ImportReport | null {
  if (!isApiError(error, 'import_invalid')) return null;
  const report = error.report as Partial<ImportReport> | undefined;
  return Array.isArray(report?.issues) ? (report as ImportReport) : null;
}
