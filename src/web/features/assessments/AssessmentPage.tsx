import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Assessment } from '../../../shared/contracts/assessments.ts';
import { can } from '../../../shared/permissions.ts';
import { isApiError } from '../../api/client.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { VersionConflictNotice } from '../../ui/VersionConflictNotice.tsx';
import { useAssessmentSettings } from '../gaps/gaps.api.ts';
import { useGapsT } from '../gaps/i18n.ts';
import { useGapLabels } from '../gaps/labels.ts';
import { AssessmentForm } from './AssessmentForm.tsx';
import { reportUrl, useAssessment, useDeleteReport, useSaveAssessment, useUploadReport } from './assessments.api.ts';
import '../gaps/gaps.css';

function sizeOf(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} Mo` : `${Math.max(1, Math.round(bytes / 1024))} ko`;
}

/** The PDF report: download for everyone, attach, replace or remove for those who may edit. */
function ReportPanel({ assessment, write }: { assessment: Assessment; write: boolean }) {
  const gt = useGapsT();
  const fileId = useId();
  const settings = useAssessmentSettings();
  const upload = useUploadReport(assessment.id);
  const remove = useDeleteReport(assessment.id);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <section className="panel" aria-labelledby="assessment-report">
      <h2 id="assessment-report">{gt('assessments.report.title')}</h2>
      {message && <Notice tone="success" title={message} />}
      {upload.error && <ProblemNotice error={upload.error} />}
      {remove.error && <ProblemNotice error={remove.error} />}
      {assessment.report ? (
        <p>
          <a href={reportUrl(assessment.id)} download>
            {gt('assessments.report.download', { name: assessment.report.fileName, size: sizeOf(assessment.report.size) })}
          </a>
        </p>
      ) : (
        <p>{gt('assessments.report.none')}</p>
      )}
      {write && (
        <div className="form">
          <div className="field">
            <div className="field-label">
              <label htmlFor={fileId}>{assessment.report ? gt('assessments.report.replace') : gt('assessments.report.upload')}</label>
            </div>
            {settings.data && <p className="field-hint">{gt('assessments.report.hint', { max: settings.data.reportMaxMegabytes })}</p>}
            <input
              id={fileId}
              type="file"
              accept="application/pdf,.pdf"
              disabled={upload.isPending}
              onChange={(event) => {
                const file = event.target.files?.[0];
                if (file) upload.mutate(file, { onSuccess: () => setMessage(gt('assessments.report.uploaded')) });
                event.target.value = '';
              }}
            />
          </div>
          {assessment.report && (
            <button type="button" className="button button-secondary" disabled={remove.isPending} onClick={() => remove.mutate(undefined, { onSuccess: () => setMessage(gt('assessments.report.removed')) })}>
              {gt('assessments.report.remove')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

/** One assessment: its results, its report, and the form to change them for those allowed. */
export default function AssessmentPage() {
  const { t } = useTranslation();
  const gt = useGapsT();
  const labels = useGapLabels();
  const user = useCurrentUser();
  const { id = '' } = useParams();
  const assessment = useAssessment(id);
  const save = useSaveAssessment();
  const [saved, setSaved] = useState(false);
  const data = assessment.data;
  const back = <Link to="/assessments/list">‹ {gt('assessments.title')}</Link>;
  if (assessment.error) {
    return (
      <>
        <PageHeader title={gt('assessments.title')} back={back} />
        <ProblemNotice error={assessment.error} />
      </>
    );
  }
  if (!data) return <p className="page-loading">{t('common.loading')}</p>;
  const write = can(user, 'assessment:write', { organisationId: data.organisation.id, regionPcodes: data.locality.adm1Pcode ? [data.locality.adm1Pcode] : [] });

  return (
    <>
      <PageHeader title={data.title ?? `${labels.kind(data.kind)} — ${data.locality.name}`} back={back}>
        <p className="page-meta">
          {labels.kind(data.kind)} · {labels.assessmentStatus(data.status)} · {data.organisation.acronym} · <Link to={`/localities/${data.locality.id}`}>{data.locality.name}</Link>
        </p>
      </PageHeader>
      {saved && <Notice tone="success" title={gt('assessments.form.saved')} />}
      {isApiError(save.error, 'version_conflict') && <VersionConflictNotice error={save.error} onReload={() => void assessment.refetch().then(() => save.reset())} />}
      <ReportPanel assessment={data} write={write} />
      {write ? (
        <AssessmentForm
          key={data.version}
          initial={data}
          busy={save.isPending}
          error={isApiError(save.error, 'version_conflict') ? null : save.error}
          onSubmit={(values) => {
            setSaved(false);
            save.mutate({ id: data.id, input: { ...values, version: data.version } }, { onSuccess: () => setSaved(true) });
          }}
        />
      ) : (
        <section className="panel" aria-labelledby="assessment-results">
          <h2 id="assessment-results">{gt('assessments.form.results')}</h2>
          <ul>
            {data.results.map((r) => (
              <li key={r.sector}>
                <strong>{labels.sector(r.sector)}</strong> — {labels.severity(r.severity)} · {r.householdsInNeed === null ? t('common.empty') : labels.number(r.householdsInNeed)}{' '}
                {gt('assessments.form.households').toLowerCase()}
                {r.findings && <p>{r.findings}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
