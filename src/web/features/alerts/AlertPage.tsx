import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Alert } from '../../../shared/contracts/alerts.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { seesOrganisationDetail } from '../../../shared/permissions.ts';
import { useFormat } from '../../i18n/format.ts';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { RecordHistory } from '../audit/RecordHistory.tsx';
import { RecordMeetings } from '../meetings/RecordMeetings.tsx';
import { canManageAlert } from './alert-access.ts';
import { AlertStatusBadge, PhaseBadge, RrmCountdown } from './AlertBadges.tsx';
import { useAlert } from './alerts.api.ts';
import { type AlertLabels, useAlertLabels } from './labels.ts';
import { RrmResponsesPanel } from './RrmResponsesPanel.tsx';
import { WorkflowPanel } from './WorkflowPanel.tsx';
import './alerts.css';

export default function AlertPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const alert = useAlert(id);
  const back = <Link to="/alerts">‹ {t('alerts.listTitle')}</Link>;

  if (alert.error) {
    return (
      <>
        <PageHeader title={t('alerts.listTitle')} back={back} />
        <ProblemNotice error={alert.error} />
      </>
    );
  }
  if (!alert.data) return <p role="status">{t('common.loading')}</p>;
  return <AlertView alert={alert.data} back={back} />;
}

function AlertView({ alert, back }: { alert: Alert; back: ReactNode }) {
  const { t } = useTranslation();
  const labels = useAlertLabels();
  const user = useCurrentUser();
  const manage = canManageAlert(user, alert);

  return (
    <>
      <PageHeader
        title={alert.code}
        back={back}
        actions={
          manage && (
            <Link className="button button-secondary" to={`/alerts/${alert.id}/edit`}>
              {t('alerts.edit')}
            </Link>
          )
        }
      >
        <p className="page-meta">
          <span>
            {labels.shockType(alert.shockType)} · <Link to={`/localities/${alert.hostLocality.id}`}>{alert.hostLocality.name}</Link>
          </span>
          <AlertStatusBadge status={alert.status} />
          <PhaseBadge phase={alert.continuum.phase} month={alert.continuum.month} />
          <RrmCountdown continuum={alert.continuum} />
        </p>
      </PageHeader>
      <div className="alert-grid">
        <WorkflowPanel alert={alert} canManage={manage} />
        <ContinuumPanel alert={alert} labels={labels} />
      </div>
      <SummaryPanel alert={alert} labels={labels} />
      <MsaPanel alert={alert} labels={labels} />
      {seesOrganisationDetail(user) && <RrmResponsesPanel alert={alert} />}
      <RecordMeetings subject={{ alertId: alert.id }} />
      <RecordHistory entity="alert" id={alert.id} fieldLabels={historyLabels(t)} formatValue={historyValue(labels)} />
    </>
  );
}

function ContinuumPanel({ alert, labels }: { alert: Alert; labels: AlertLabels }) {
  const { t } = useTranslation();
  const headingId = useId();
  const c = alert.continuum;
  const rrmOver = c.rrmDaysLeft === null && c.phase !== null && c.phase !== 'alerte' && c.phase !== 'rrm';
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('alerts.continuum.title')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('alerts.continuum.phaseToday')}</dt>
          <dd>
            <PhaseBadge phase={c.phase} month={c.month} />
          </dd>
        </div>
        <div>
          <dt>{t('alerts.continuum.rrmEndsOn')}</dt>
          <dd>
            <strong>{labels.day(c.rrmEndsOn)}</strong>{' '}
            {/* Before validation the RRM has not started: a countdown to its end would say it is running. */}
            {c.phase === 'rrm' && c.rrmDaysLeft !== null && (
              <span className="muted">({c.rrmDaysLeft === 0 ? t('alerts.rrmEndsToday') : t('alerts.continuum.daysLeft', { count: c.rrmDaysLeft })})</span>
            )}
            {c.phase === 'alerte' && <span className="muted">({t('alerts.continuum.rrmNotStarted')})</span>}
            {rrmOver && <span className="muted">({t('alerts.continuum.rrmOver')})</span>}
          </dd>
        </div>
        {c.rrmLate && (
          <div>
            <dt>{t('alerts.continuum.rrm')}</dt>
            <dd>
              <span className="badge badge-late">{t('alerts.rrmLate')}</span> <span className="muted">{t('alerts.continuum.lateExplained')}</span>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('alerts.continuum.postRrmFrom')}</dt>
          <dd>{labels.day(c.postRrmFrom)}</dd>
        </div>
        <div>
          <dt>{t('alerts.continuum.resilienceFrom')}</dt>
          <dd>{labels.day(c.resilienceFrom)}</dd>
        </div>
      </dl>
      <p>
        <Link to={`/localities/${alert.hostLocality.id}`}>{t('alerts.continuum.seeLocality', { name: alert.hostLocality.name })}</Link>
      </p>
    </section>
  );
}

function SummaryPanel({ alert, labels }: { alert: Alert; labels: AlertLabels }) {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = useId();
  const l = alert.hostLocality;
  const empty = t('common.empty');
  const origins = [...alert.origins.map((o) => (o.name ? `${o.name} (${o.pcode})` : o.pcode)), ...(alert.originText ? [alert.originText] : [])];
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('alerts.summary')}</h2>
      <dl className="facts facts-columns">
        <div>
          <dt>{t('alerts.shockType')}</dt>
          <dd>{labels.shockType(alert.shockType)}</dd>
        </div>
        <div>
          <dt>{t('alerts.shockDate')}</dt>
          <dd>{labels.day(alert.shockDate)}</dd>
        </div>
        <div>
          <dt>{t('alerts.alertDate')}</dt>
          <dd>{labels.day(alert.alertDate)}</dd>
        </div>
        <div>
          <dt>{t('alerts.hostLocality')}</dt>
          <dd>
            <Link to={`/localities/${l.id}`}>{l.name}</Link>
            <br />
            <span className="muted">{[l.adm3Name, l.adm2Name, l.adm1Name, l.pcode].filter(Boolean).join(' · ')}</span>
          </dd>
        </div>
        <div>
          <dt>{t('alerts.origins')}</dt>
          <dd>{origins.length ? origins.join(' ; ') : empty}</dd>
        </div>
        <div>
          <dt>{t('alerts.householdsDisplaced')}</dt>
          <dd>{format.number(alert.households)}</dd>
        </div>
        <div>
          <dt>{t('alerts.personsDisplaced')}</dt>
          <dd>{format.number(alert.persons)}</dd>
        </div>
        <div>
          <dt>{t('alerts.populationGroup')}</dt>
          <dd>{labels.populationGroup(alert.populationGroup)}</dd>
        </div>
        <div>
          <dt>{t('alerts.source')}</dt>
          <dd>{alert.sourceOrganisation ? `${alert.sourceOrganisation.acronym} — ${alert.sourceOrganisation.name}` : empty}</dd>
        </div>
      </dl>
      {alert.description && (
        <>
          <h3>{t('alerts.description')}</h3>
          <p className="prewrap">{alert.description}</p>
        </>
      )}
    </section>
  );
}

function MsaPanel({ alert, labels }: { alert: Alert; labels: AlertLabels }) {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = useId();
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('alerts.msa.title')}</h2>
      {alert.msaFindings.length === 0 ? (
        <p className="muted">{t('alerts.msa.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t('alerts.msa.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('alerts.msa.sector')}</th>
                <th scope="col">{t('alerts.msa.need')}</th>
                <th scope="col" className="numeric">
                  {t('alerts.msa.householdsInNeed')}
                </th>
                <th scope="col">{t('alerts.msa.severity')}</th>
                <th scope="col">{t('alerts.msa.remarks')}</th>
              </tr>
            </thead>
            <tbody>
              {alert.msaFindings.map((f) => (
                <tr key={f.sector}>
                  <td data-label={t('alerts.msa.sector')}>{labels.sector(f.sector)}</td>
                  <td data-label={t('alerts.msa.need')}>{f.need ? <strong>{t('alerts.msa.needFound')}</strong> : t('alerts.msa.noNeed')}</td>
                  <td data-label={t('alerts.msa.householdsInNeed')} className="numeric">
                    {f.householdsInNeed === null ? t('common.empty') : format.number(f.householdsInNeed)}
                  </td>
                  <td data-label={t('alerts.msa.severity')}>{f.severity === null ? t('common.empty') : <span className={`severity severity-${f.severity}`}>{t(`alerts.severity.${f.severity as 1}`)}</span>}</td>
                  <td data-label={t('alerts.msa.remarks')}>{f.remarks ?? t('common.empty')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

type Translate = ReturnType<typeof useTranslation>['t'];

function historyLabels(t: Translate): Record<string, string> {
  return {
    code: t('alerts.code'),
    shockType: t('alerts.shockType'),
    shockDate: t('alerts.shockDate'),
    alertDate: t('alerts.alertDate'),
    hostLocality: t('alerts.hostLocality'),
    origins: t('alerts.origins'),
    originText: t('alerts.originText'),
    households: t('alerts.householdsDisplaced'),
    persons: t('alerts.personsDisplaced'),
    populationGroup: t('alerts.populationGroup'),
    sourceOrganisation: t('alerts.source'),
    description: t('alerts.description'),
    status: t('alerts.status'),
    rejectionReason: t('alerts.workflow.reason'),
    validatedAt: t('alerts.history.validatedAt'),
    respondedAt: t('alerts.history.respondedAt'),
    closedAt: t('alerts.history.closedAt'),
    rejectedAt: t('alerts.history.rejectedAt'),
    msaFindings: t('alerts.msa.title'),
    rrmResponseCount: t('alerts.history.rrmResponseCount'),
    continuum: t('alerts.phase'),
    firstRrmResponseOn: t('alerts.history.firstRrmResponseOn'),
  };
}

/** Audit values are the API's alert: codes become words, references their names. */
function historyValue(labels: AlertLabels) {
  return (field: string, value: unknown): string | undefined => {
    if (value === null || value === undefined) return undefined;
    if (field === 'shockType' && typeof value === 'string') return labels.shockType(value as Alert['shockType']);
    if (field === 'status' && typeof value === 'string') return labels.status(value as Alert['status']);
    if (field === 'populationGroup' && typeof value === 'string') return labels.populationGroup(value as Alert['populationGroup']);
    if ((field === 'shockDate' || field === 'alertDate' || field === 'firstRrmResponseOn') && typeof value === 'string') return labels.day(value);
    if (field === 'hostLocality' && typeof value === 'object') return (value as Alert['hostLocality']).name;
    if (field === 'sourceOrganisation' && typeof value === 'object') return (value as NonNullable<Alert['sourceOrganisation']>).acronym;
    if (field === 'origins' && Array.isArray(value)) return (value as Alert['origins']).map((o) => o.name ?? o.pcode).join(', ');
    if (field === 'continuum' && typeof value === 'object') {
      const c = value as Alert['continuum'];
      return c.phase ? `${labels.phase(c.phase)} (${labels.day(c.at)})` : '—';
    }
    if (field === 'msaFindings' && Array.isArray(value)) {
      return (value as Alert['msaFindings']).map((f) => `${labels.sector(f.sector)}${f.need ? ' ✓' : ''}${f.severity ? ` (${f.severity})` : ''}`).join(', ');
    }
    return undefined;
  };
}
