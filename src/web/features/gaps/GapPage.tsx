import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { type FundingStatus, fundingStatuses, fundingStatusLabels } from '../../../shared/contracts/capacities.ts';
import type { CapacityMatch, ExplainedResponse } from '../../../shared/contracts/gaps.ts';
import { can } from '../../../shared/permissions.ts';
import { isSector } from '../../../shared/sectors.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { GapHandover } from '../handovers/HandoverSummary.tsx';
import { RecordMeetings } from '../meetings/RecordMeetings.tsx';
import { FollowUpForm } from './FollowUpForm.tsx';
import { GapStatusBadge } from './GapStatusBadge.tsx';
import { useGapExplanation } from './gaps.api.ts';
import { useGapsT } from './i18n.ts';
import { useGapLabels } from './labels.ts';
import './gaps.css';

const isFundingStatus = (value: string): value is FundingStatus => (fundingStatuses as readonly string[]).includes(value);

const GapCoverageChart = lazy(() => import('./GapCoverageChart.tsx'));

/** One gap explained: why it exists, from which sources, which responses, who could step in, and the coordination's follow-up. */
export default function GapPage() {
  const { t } = useTranslation();
  const gt = useGapsT();
  const labels = useGapLabels();
  const user = useCurrentUser();
  const { localityId = '', sector = '' } = useParams();
  const [params] = useSearchParams();
  const at = params.get('at') ?? undefined;
  const horizonDays = params.get('horizonDays') ?? undefined;
  const explanation = useGapExplanation(localityId, sector, { at, horizonDays });
  const data = explanation.data;
  const back = <Link to={{ pathname: '/gaps', search: at ? `?at=${at}` : '' }}>{gt('gaps.page.back')}</Link>;

  if (!isSector(sector)) return <PageHeader title={gt('gaps.title')} back={back} />;
  if (explanation.error) {
    return (
      <>
        <PageHeader title={gt('gaps.title')} back={back} />
        <ProblemNotice error={explanation.error} />
      </>
    );
  }
  if (!data) return <p className="page-loading">{t('common.loading')}</p>;
  const { row } = data;
  const hh = (value: number | null) => (value === null ? t('common.empty') : labels.number(value));

  const responseColumns: Column<ExplainedResponse>[] = [
    { key: 'organisation', header: gt('gaps.columns.organisation'), cell: (r) => <abbr title={r.organisation.name}>{r.organisation.acronym}</abbr> },
    { key: 'kind', header: gt('gaps.page.kind'), cell: (r) => (r.kind === 'rrm' ? 'RRM' : `Post-RRM${r.period ? ` (${r.period})` : ''}`) },
    { key: 'activity', header: gt('gaps.page.activity'), cell: (r) => r.activity ?? t('common.empty') },
    { key: 'dates', header: gt('gaps.page.countsFrom'), cell: (r) => (r.countsFrom ? `${labels.day(r.countsFrom)} ${gt('gaps.page.countsUntil')} ${r.countsUntil ? labels.day(r.countsUntil) : '…'}` : t('common.empty')) },
    { key: 'households', header: gt('gaps.columns.coverage'), numeric: true, cell: (r) => labels.number(r.households) },
    {
      key: 'state',
      header: gt('gaps.columns.status'),
      cell: (r) => [r.active ? gt('gaps.page.active', { date: labels.day(data.at) }) : null, r.endsWithinHorizon ? gt('gaps.page.endsSoon') : null].filter(Boolean).join(' · ') || t('common.empty'),
    },
  ];
  const matchColumns: Column<CapacityMatch>[] = [
    { key: 'organisation', header: gt('gaps.columns.organisation'), cell: (m) => <abbr title={m.organisation.name}>{m.organisation.acronym}</abbr> },
    { key: 'declared', header: gt('gaps.page.declared'), numeric: true, cell: (m) => `${labels.number(m.declared)} (${m.period})` },
    { key: 'committed', header: gt('gaps.page.committed'), numeric: true, cell: (m) => labels.number(m.committed) },
    { key: 'left', header: gt('gaps.page.left'), numeric: true, cell: (m) => <strong>{labels.number(m.left)}</strong> },
    { key: 'funding', header: gt('gaps.page.funding'), cell: (m) => (isFundingStatus(m.fundingStatus) ? fundingStatusLabels[m.fundingStatus][labels.language] : m.fundingStatus) },
    { key: 'contact', header: gt('gaps.page.contact'), cell: (m) => [m.contactName, m.contactPhone, m.contactEmail].filter(Boolean).join(' · ') || t('common.empty') },
    { key: 'covers', header: gt('gaps.page.coversGap'), cell: (m) => (m.coversGap ? t('common.yes') : t('common.no')) },
  ];

  return (
    <>
      <PageHeader title={gt('gaps.page.title', { sector: labels.sector(row.sector), locality: row.locality.name })} back={back}>
        <p className="page-meta">
          {[row.locality.adm3Name, row.locality.adm2Name, row.locality.adm1Name].filter(Boolean).join(', ')} · {labels.phase(row.phase)} · <GapStatusBadge status={row.status} />
        </p>
      </PageHeader>

      <section className="panel" aria-labelledby="gap-why">
        <h2 id="gap-why">{gt('gaps.page.why')}</h2>
        <ul className="gap-sentences">
          {data.sentences.map((sentence) => (
            <li key={sentence}>{sentence}</li>
          ))}
        </ul>
      </section>

      {data.handover && <GapHandover handover={data.handover} regionPcode={row.locality.adm1Pcode} />}

      <section className="panel" aria-labelledby="gap-figures">
        <h2 id="gap-figures">{gt('gaps.page.figures')}</h2>
        <dl className="gap-figures">
          <dt>{gt('gaps.page.need')}</dt>
          <dd>{row.need === null ? gt('gaps.unknownNeed') : `${hh(row.need)} (${labels.needSource(row.needSource)})`}</dd>
          <dt>{gt('gaps.page.severity')}</dt>
          <dd>{labels.severity(row.severity)}</dd>
          <dt>{gt('gaps.page.coverage', { date: labels.day(data.at) })}</dt>
          <dd>{hh(row.coverage)}</dd>
          <dt>{gt('gaps.page.gap')}</dt>
          <dd>{hh(row.gap)}</dd>
          <dt>{gt('gaps.page.ratio')}</dt>
          <dd>{row.ratio === null ? t('common.empty') : labels.percent(row.ratio)}</dd>
          <dt>{gt('gaps.page.openSince')}</dt>
          <dd>{row.openSince ? `${labels.day(row.openSince)} (${gt('gaps.page.days', { count: row.daysUncovered ?? 0 })})` : t('common.empty')}</dd>
          <dt>{gt('gaps.columns.upcoming')}</dt>
          <dd>{row.upcoming ? gt('gaps.upcomingOn', { date: labels.day(row.upcoming.on), gap: labels.number(row.upcoming.gap) }) : t('common.empty')}</dd>
          <dt>{gt('gaps.page.priority')}</dt>
          <dd>
            {row.priority ? (
              <>
                {labels.number(row.priority.score)}/100
                <span className="gap-secondary">
                  {gt('gaps.page.priorityParts', {
                    gap: Math.round(row.priority.gapPart * 100),
                    severity: Math.round(row.priority.severityPart * 100),
                    days: Math.round(row.priority.daysPart * 100),
                  })}
                </span>
              </>
            ) : (
              t('common.empty')
            )}
          </dd>
        </dl>
        {data.steps.length > 0 && (
          <Suspense fallback={null}>
            <GapCoverageChart explanation={data} labels={labels} />
          </Suspense>
        )}
      </section>

      <section className="panel" aria-labelledby="gap-sources">
        <h2 id="gap-sources">{gt('gaps.page.sources')}</h2>
        <h3>{gt('gaps.page.assessment')}</h3>
        {data.need.assessment ? (
          <p>
            <Link to={`/assessments/${data.need.assessment.id}`}>{data.need.assessment.title ?? labels.kind(data.need.assessment.kind)}</Link> — {data.need.assessment.organisation.acronym},{' '}
            {labels.day(data.need.assessment.date)} : {labels.number(data.need.assessment.households)} · {labels.severity(data.need.assessment.severity)}
          </p>
        ) : (
          <p>{gt('gaps.page.noAssessment')}</p>
        )}
        <h3>{gt('gaps.page.shocks')}</h3>
        {data.need.shocks.length === 0 ? (
          <p>{t('common.empty')}</p>
        ) : (
          <ul>
            {data.need.shocks.map((s) => (
              <li key={s.alertId}>
                <Link to={`/alerts/${s.alertId}`}>{gt('gaps.page.shockLine', { code: s.code, date: labels.day(s.shockDate), households: labels.number(s.households) })}</Link> ({s.noNeed ? gt('gaps.page.msaNoNeed') : s.fromMsa ? gt('gaps.page.fromMsa') : gt('gaps.page.fromAlert')},{' '}
                {s.counted ? gt('gaps.page.counted') : gt('gaps.page.notCounted')}) · {labels.phase(s.phase)}
              </li>
            ))}
          </ul>
        )}
      </section>

      {data.organisationDetail ? (
        <>
          <section className="panel" aria-labelledby="gap-responses">
            <h2 id="gap-responses">{gt('gaps.page.responses')}</h2>
            {data.responses.length === 0 ? (
              <p>{gt('gaps.page.noResponse')}</p>
            ) : (
              <DataTable caption={gt('gaps.page.responsesCaption')} columns={responseColumns} rows={data.responses} rowKey={(r) => r.id} />
            )}
          </section>

          <section className="panel" aria-labelledby="gap-matches">
            <h2 id="gap-matches">{gt('gaps.page.matches')}</h2>
            {data.matches.length === 0 ? <Notice tone="warning" title={gt('gaps.page.noMatch')} /> : <DataTable caption={gt('gaps.page.matchesCaption')} columns={matchColumns} rows={data.matches} rowKey={(m) => m.organisation.id} />}
          </section>

          <section className="panel" aria-labelledby="gap-follow-ups">
            <h2 id="gap-follow-ups">{gt('gaps.page.followUps')}</h2>
            {data.followUps.length === 0 ? (
              <p>{gt('gaps.page.noFollowUp')}</p>
            ) : (
              <ul className="gap-history">
                {data.followUps.map((f) => (
                  <li key={f.id}>
                    <strong>{labels.followUp(f.status)}</strong>
                    {f.organisation ? ` — ${f.organisation.acronym}` : ''} · {labels.day(f.at.slice(0, 10))} {f.by ? gt('gaps.followUp.by', { name: f.by }) : ''}
                    <p>{f.comment}</p>
                    {f.decision && (
                      <p className="muted">
                        <Link to={`/meetings/${f.decision.meeting.id}#decision-${f.decision.id}`}>
                          {gt('gaps.followUp.decisionRef', { number: f.decision.number, meeting: f.decision.meeting.title, date: labels.day(f.decision.meeting.date) })}
                        </Link>
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {can(user, 'gap:manage', { regionPcodes: row.locality.adm1Pcode ? [row.locality.adm1Pcode] : [] }) && <FollowUpForm localityId={row.locality.id} sector={row.sector} />}
          </section>
        </>
      ) : (
        <Notice tone="info" title={gt('gaps.page.aggregatedOnly')} />
      )}

      <RecordMeetings subject={{ localityId: row.locality.id, sector: row.sector }} />
    </>
  );
}
