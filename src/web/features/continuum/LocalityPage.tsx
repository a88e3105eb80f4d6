import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { LocalityContinuum } from '../../../shared/contracts/alerts.ts';
import { isIsoDate, todayIso } from '../../../shared/phases.ts';
import { useFormat } from '../../i18n/format.ts';
import { TextField } from '../../ui/fields.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { AlertStatusBadge, PhaseBadge } from '../alerts/AlertBadges.tsx';
import { useAlertLabels } from '../alerts/labels.ts';
import { GapPanel } from '../gaps/GapPanel.tsx';
import { HandoverState, OpenHandover } from '../handovers/HandoverSummary.tsx';
import { useHandoversT } from '../handovers/i18n.ts';
import { RecordMeetings } from '../meetings/RecordMeetings.tsx';
import { useLocalityContinuum } from './continuum.api.ts';
import { ContinuumTimeline, TimelineLegend } from './ContinuumTimeline.tsx';
import '../alerts/alerts.css';
import './continuum.css';
import { TableWrap } from '../../ui/TableWrap.tsx';

/** A locality's continuum at a date (`?at=`, today by default): the shocks it lives through and the help it got. */
export default function LocalityPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const requested = params.get('at');
  const at = requested && isIsoDate(requested) ? requested : undefined;
  const continuum = useLocalityContinuum(id, at);
  const labels = useAlertLabels();
  const today = todayIso();

  function chooseDate(value: string) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value && isIsoDate(value) && value !== today) next.set('at', value);
        else next.delete('at');
        return next;
      },
      { replace: true },
    );
  }

  const back = <Link to="/alerts">‹ {t('alerts.listTitle')}</Link>;
  if (continuum.error) {
    return (
      <>
        <PageHeader title={t('continuum.title')} back={back} />
        <ProblemNotice error={continuum.error} />
      </>
    );
  }
  const data = continuum.data;
  if (!data) return <p role="status">{t('common.loading')}</p>;
  const l = data.locality;

  return (
    <div className="continuum-page">
      <PageHeader
        title={l.name}
        back={back}
        actions={
          <button type="button" className="button button-secondary" onClick={() => window.print()}>
            {t('continuum.print')}
          </button>
        }
      >
        <p className="page-meta">
          <span>{[l.adm3Name, l.adm2Name, l.adm1Name].filter(Boolean).join(' · ')}</span>
          {l.pcode && <span>{t('continuum.pcode', { pcode: l.pcode })}</span>}
        </p>
      </PageHeader>
      <form className="filters date-filter no-print" role="search" aria-label={t('continuum.dateForm')} onSubmit={(event) => event.preventDefault()}>
        <TextField type="date" label={t('continuum.at')} hint={t('continuum.atHint')} value={at ?? today} onChange={(event) => chooseDate(event.target.value)} />
        {at && (
          <button type="button" className="button button-secondary" onClick={() => chooseDate('')}>
            {t('continuum.backToToday')}
          </button>
        )}
      </form>
      <p className="print-only print-date">{t('continuum.printedAt', { date: labels.day(data.at) })}</p>
      <section className="panel timeline-panel" aria-labelledby="continuum-timeline-heading" aria-busy={continuum.isPlaceholderData || undefined}>
        <h2 id="continuum-timeline-heading">{t('continuum.timelineHeading')}</h2>
        {data.shocks.length === 0 && data.responses.length === 0 ? (
          <p className="muted">{t('continuum.noShock')}</p>
        ) : (
          <>
            <TimelineLegend />
            <ContinuumTimeline data={data} today={today} />
            <p className="field-hint no-print phone-only">{t('continuum.scrollHint')}</p>
          </>
        )}
      </section>
      <div className="continuum-grid">
        <Figures data={data} />
        <ShockTable data={data} />
      </div>
      <GapPanel localityId={data.locality.id} at={data.at} />
      <RecordMeetings subject={{ localityId: data.locality.id }} />
    </div>
  );
}

function Figures({ data }: { data: LocalityContinuum }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useAlertLabels();
  const headingId = useId();
  const reached = [...data.figures.reachedHouseholdsBySector].sort((a, b) => Math.max(b.households, b.postRrmHouseholds) - Math.max(a.households, a.postRrmHouseholds));
  return (
    <section className="panel figures-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('continuum.figuresAt', { date: labels.day(data.at) })}</h2>
      <dl className="key-figures">
        <div>
          <dt>{t('continuum.displacedHouseholds')}</dt>
          <dd>{format.number(data.figures.displacedHouseholds)}</dd>
        </div>
        <div>
          <dt>{t('continuum.displacedPersons')}</dt>
          <dd>{format.number(data.figures.displacedPersons)}</dd>
        </div>
      </dl>
      <h3>{t('continuum.reachedBySector')}</h3>
      {reached.length === 0 ? (
        <p className="muted">{t('continuum.noneReached')}</p>
      ) : (
        <table className="simple-table">
          <caption className="visually-hidden">{t('continuum.reachedBySector')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('alerts.rrm.sector')}</th>
              <th scope="col" className="numeric">
                {t('continuum.rrmReached')}
              </th>
              <th scope="col" className="numeric">
                {t('continuum.postRrmReached')}
              </th>
            </tr>
          </thead>
          <tbody>
            {reached.map((r) => (
              <tr key={r.sector}>
                <th scope="row">{labels.sector(r.sector)}</th>
                <td className="numeric">{format.number(r.households)}</td>
                <td className="numeric">{format.number(r.postRrmHouseholds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="field-hint">{t('continuum.reachedNote')}</p>
      <p className="field-hint">{t('continuum.noSectorTotal')}</p>
    </section>
  );
}

function ShockTable({ data }: { data: LocalityContinuum }) {
  const { t } = useTranslation();
  const ht = useHandoversT();
  const format = useFormat();
  const labels = useAlertLabels();
  const headingId = useId();
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('continuum.shocksAt', { count: data.shocks.length, date: labels.day(data.at) })}</h2>
      {data.shocks.length === 0 ? (
        <p className="muted">{t('continuum.noShock')}</p>
      ) : (
        <TableWrap label={t('continuum.shocksCaption')} className="compact-table">
          <table className="data-table shock-table">
            <caption className="visually-hidden">{t('continuum.shocksCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('alerts.shock')}</th>
                <th scope="col" className="numeric">
                  {t('alerts.households')}
                </th>
                <th scope="col">{t('continuum.statusAndPhase')}</th>
                <th scope="col">{t('continuum.rrmEnd')}</th>
                <th scope="col">{ht('continuum.handover')}</th>
              </tr>
            </thead>
            <tbody>
              {data.shocks.map((s) => (
                <tr key={s.alert.id}>
                  <td data-label={t('alerts.shock')}>
                    <span className="cell-stack">
                      <Link className="nowrap" to={`/alerts/${s.alert.id}`}>
                        {s.alert.code}
                      </Link>
                      <span>{labels.shockType(s.alert.shockType)}</span>
                      <span className="muted">{labels.day(s.alert.shockDate)}</span>
                    </span>
                  </td>
                  <td data-label={t('alerts.households')} className="numeric">
                    {format.number(s.alert.households)}
                  </td>
                  <td data-label={t('continuum.statusAndPhase')}>
                    <span className="badges badges-stacked">
                      <AlertStatusBadge status={s.alert.status} />
                      <PhaseBadge phase={s.phase} month={s.month} />
                    </span>
                  </td>
                  <td data-label={t('continuum.rrmEnd')}>
                    <span className="cell-stack">
                      <span className="nowrap">{labels.day(s.rrmEndsOn)}</span>
                      {s.rrmLate ? (
                        <span className="badge badge-late">{t('alerts.rrmLate')}</span>
                      ) : s.rrmDaysLeft !== null ? (
                        <span className="muted">{s.rrmDaysLeft === 0 ? t('alerts.rrmEndsToday') : t('alerts.continuum.daysLeft', { count: s.rrmDaysLeft })}</span>
                      ) : s.phase !== null ? (
                        <span className="muted">{t('alerts.continuum.rrmOver')}</span>
                      ) : null}
                    </span>
                  </td>
                  <td data-label={ht('continuum.handover')}>
                    {s.handover ? (
                      <HandoverState handover={s.handover} />
                    ) : (
                      <span className="cell-stack">
                        <span className="muted">{ht('continuum.none')}</span>
                        {s.alert.validatedOn !== null && s.alert.status !== 'rejected' && <OpenHandover alertId={s.alert.id} regionPcode={data.locality.adm1Pcode} />}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
