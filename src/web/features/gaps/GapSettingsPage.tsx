import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GapSettingsState } from '../../../shared/contracts/gaps.ts';
import { can } from '../../../shared/permissions.ts';
import { type Sector, sectors } from '../../../shared/sectors.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { CheckboxGroup, SelectField, TextField } from '../../ui/fields.tsx';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useUserList } from '../users/users.api.ts';
import {
  useAssessmentSettings,
  useFocalPoints,
  useGapSettings,
  useRunGapAlerts,
  useSaveAssessmentSettings,
  useSaveGapSettings,
  useSetFocalPoint,
} from './gaps.api.ts';
import { useGapsT } from './i18n.ts';
import { useGapLabels } from './labels.ts';
import './gaps.css';

type Draft = Record<'coveredFromRatio' | 'partialFromRatio' | 'horizonDays' | 'gap' | 'severity' | 'days' | 'gapScaleHouseholds' | 'daysScale' | 'defaultSeverity' | 'alertAfterDaysOpen', string>;

function draftOf(s: GapSettingsState): Draft {
  return {
    coveredFromRatio: String(s.coveredFromRatio),
    partialFromRatio: String(s.partialFromRatio),
    horizonDays: String(s.horizonDays),
    gap: String(s.weights.gap),
    severity: String(s.weights.severity),
    days: String(s.weights.days),
    gapScaleHouseholds: String(s.gapScaleHouseholds),
    daysScale: String(s.daysScale),
    defaultSeverity: String(s.defaultSeverity),
    alertAfterDaysOpen: String(s.alertAfterDaysOpen),
  };
}

/** The gap engine's settings (thresholds, horizon, priority weights), the report size limit, focal points and the alerts. */
export default function GapSettingsPage() {
  const { t } = useTranslation();
  const gt = useGapsT();
  const labels = useGapLabels();
  const user = useCurrentUser();
  const settings = useGapSettings();
  const save = useSaveGapSettings();
  const assessmentSettings = useAssessmentSettings();
  const saveAssessment = useSaveAssessmentSettings();
  const focalPoints = useFocalPoints();
  const setFocalPoint = useSetFocalPoint();
  const users = useUserList({ pageSize: 500 });
  const run = useRunGapAlerts();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [reportMax, setReportMax] = useState('');
  const [focalUser, setFocalUser] = useState('');
  const [focalSectors, setFocalSectors] = useState<string[]>([]);

  useEffect(() => {
    if (settings.data) setDraft(draftOf(settings.data));
  }, [settings.data]);
  useEffect(() => {
    if (assessmentSettings.data) setReportMax(String(assessmentSettings.data.reportMaxMegabytes));
  }, [assessmentSettings.data]);
  useEffect(() => {
    setFocalSectors(focalPoints.data?.items.find((f) => f.user.id === focalUser)?.sectors ?? []);
  }, [focalUser, focalPoints.data]);

  const manage = can(user, 'settings:manage');
  const fieldError = (path: string) => save.error?.fieldErrors.find((e) => e.path === path || e.path.startsWith(`${path}.`))?.message;
  const field = (name: keyof Draft, label: string, step = '1') => (
    <TextField type="number" step={step} label={label} value={draft?.[name] ?? ''} onChange={(e) => setDraft((d) => d && { ...d, [name]: e.target.value })} error={fieldError(name)} disabled={!manage} required />
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft || !settings.data) return;
    const n = (v: string) => Number(v);
    save.mutate({
      coveredFromRatio: n(draft.coveredFromRatio),
      partialFromRatio: n(draft.partialFromRatio),
      horizonDays: n(draft.horizonDays),
      weights: { gap: n(draft.gap), severity: n(draft.severity), days: n(draft.days) },
      gapScaleHouseholds: n(draft.gapScaleHouseholds),
      daysScale: n(draft.daysScale),
      defaultSeverity: n(draft.defaultSeverity),
      alertAfterDaysOpen: n(draft.alertAfterDaysOpen),
      version: settings.data.version,
    });
  }

  return (
    <>
      <PageHeader title={gt('gaps.settings.title')} />
      {settings.error && <ProblemNotice error={settings.error} />}
      <form className="form panel" onSubmit={submit} noValidate>
        {save.isSuccess && <Notice tone="success" title={gt('gaps.settings.saved')} />}
        {save.error && save.error.fieldErrors.length === 0 && <ProblemNotice error={save.error} />}
        <fieldset className="fieldset">
          <legend>{gt('gaps.settings.thresholds')}</legend>
          {field('coveredFromRatio', gt('gaps.settings.covered'), '0.05')}
          {field('partialFromRatio', gt('gaps.settings.partial'), '0.05')}
          {field('horizonDays', gt('gaps.settings.horizon'))}
          {field('alertAfterDaysOpen', gt('gaps.settings.alertAfter'))}
        </fieldset>
        <fieldset className="fieldset">
          <legend>{gt('gaps.settings.weights')}</legend>
          {field('gap', gt('gaps.settings.weightGap'), '0.05')}
          {field('severity', gt('gaps.settings.weightSeverity'), '0.05')}
          {field('days', gt('gaps.settings.weightDays'), '0.05')}
          {field('gapScaleHouseholds', gt('gaps.settings.gapScale'))}
          {field('daysScale', gt('gaps.settings.daysScale'))}
          {field('defaultSeverity', gt('gaps.settings.defaultSeverity'))}
        </fieldset>
        {manage && (
          <div className="form-actions">
            <button type="submit" className="button" disabled={save.isPending || !draft}>
              {save.isPending ? t('common.saving') : gt('gaps.settings.save')}
            </button>
          </div>
        )}
      </form>

      <form
        className="form panel"
        onSubmit={(event) => {
          event.preventDefault();
          if (assessmentSettings.data) saveAssessment.mutate({ reportMaxMegabytes: Number(reportMax), version: assessmentSettings.data.version });
        }}
        noValidate
      >
        {saveAssessment.isSuccess && <Notice tone="success" title={gt('gaps.settings.saved')} />}
        {saveAssessment.error && <ProblemNotice error={saveAssessment.error} />}
        <TextField type="number" min={1} max={200} label={gt('gaps.settings.reportMax')} value={reportMax} onChange={(e) => setReportMax(e.target.value)} disabled={!manage} />
        {manage && (
          <div className="form-actions">
            <button type="submit" className="button" disabled={saveAssessment.isPending}>
              {gt('gaps.settings.save')}
            </button>
          </div>
        )}
      </form>

      {can(user, 'user:manage') && (
        <section className="panel" aria-labelledby="focal-points">
          <h2 id="focal-points">{gt('gaps.settings.focalPoints')}</h2>
          <p className="field-hint">{gt('gaps.settings.focalPointsHint')}</p>
          <ul>
            {(focalPoints.data?.items ?? []).map((f) => (
              <li key={f.user.id}>
                {f.user.name} — {f.sectors.map((s) => labels.sector(s)).join(', ')}
              </li>
            ))}
          </ul>
          <form
            className="form"
            onSubmit={(event) => {
              event.preventDefault();
              if (focalUser) setFocalPoint.mutate({ userId: focalUser, sectors: focalSectors as Sector[] });
            }}
          >
            <h3>{gt('gaps.settings.addFocalPoint')}</h3>
            {setFocalPoint.error && <ProblemNotice error={setFocalPoint.error} />}
            <SelectField
              label={gt('gaps.settings.user')}
              value={focalUser}
              onChange={(e) => setFocalUser(e.target.value)}
              options={[{ value: '', label: t('common.choose') }, ...(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }))]}
            />
            <CheckboxGroup label={gt('gaps.settings.sectors')} options={sectors.map((s) => ({ value: s, label: labels.sector(s) }))} value={focalSectors} onChange={setFocalSectors} columns />
            <div className="form-actions">
              <button type="submit" className="button" disabled={!focalUser || setFocalPoint.isPending}>
                {gt('gaps.settings.save')}
              </button>
            </div>
          </form>
        </section>
      )}

      {manage && (
        <section className="panel gap-actions">
          <button type="button" className="button button-secondary" onClick={() => run.mutate('run')} disabled={run.isPending}>
            {gt('gaps.settings.runNow')}
          </button>
          <button type="button" className="button button-secondary" onClick={() => run.mutate('digest')} disabled={run.isPending}>
            {gt('gaps.settings.digestNow')}
          </button>
          {run.data && <Notice tone="success" title={gt('gaps.settings.runResult', { notifications: run.data.notifications, emailed: run.data.emailed, failures: run.data.emailFailures })} />}
          {run.error && <ProblemNotice error={run.error} />}
        </section>
      )}
    </>
  );
}
