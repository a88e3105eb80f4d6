import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TrackerRow } from '../../../shared/contracts/assessments.ts';
import { can } from '../../../shared/permissions.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Pagination, ResultCount } from '../../ui/Pagination.tsx';
import { SearchField } from '../../ui/SearchField.tsx';
import { useListParams } from '../../ui/useListParams.ts';
import { useRegions } from '../gazetteer/gazetteer.api.ts';
import { useGapsT } from '../gaps/i18n.ts';
import { useGapLabels } from '../gaps/labels.ts';
import { AssessmentsNav } from './AssessmentsNav.tsx';
import { useTracker } from './assessments.api.ts';
import '../gaps/gaps.css';
import { FilterBar } from '../../ui/FilterBar.tsx';

/** Which step of REACH's sequence each locality has reached, and the post-RRM ones with nothing planned. */
export default function AssessmentTrackerPage() {
  const { t } = useTranslation();
  const gt = useGapsT();
  const labels = useGapLabels();
  const user = useCurrentUser();
  const regions = useRegions();
  const list = useListParams({ filters: { at: '', region: '', nonePlanned: '', q: '' }, pageSize: 50 });
  const tracker = useTracker(list.query);
  const page = tracker.data;

  const step = (value: TrackerRow['territorial']) =>
    value ? (
      <Link to={`/assessments/${value.id}`} className="tracker-step">
        {labels.assessmentStatus(value.status)}
        <small>
          {value.organisation.acronym} · {labels.day(value.endDate ?? value.startDate)}
        </small>
      </Link>
    ) : (
      t('common.empty')
    );

  const columns: Column<TrackerRow>[] = [
    {
      key: 'locality',
      header: gt('assessments.columns.locality'),
      cell: (r) => (
        <>
          <Link to={`/localities/${r.locality.id}`}>{r.locality.name}</Link>
          <span className="gap-secondary">{[r.locality.adm2Name, r.locality.adm1Name].filter(Boolean).join(', ')}</span>
        </>
      ),
    },
    { key: 'phase', header: gt('assessments.columns.phase'), cell: (r) => labels.phase(r.phase) },
    { key: 'territorial', header: gt('assessments.columns.territorial'), cell: (r) => step(r.territorial) },
    { key: 'multisector', header: gt('assessments.columns.multisector'), cell: (r) => step(r.multisector) },
    { key: 'impact', header: gt('assessments.columns.impact'), cell: (r) => step(r.impact) },
    {
      key: 'next',
      header: gt('assessments.columns.next'),
      cell: (r) =>
        r.nonePlanned ? <span className="gap-status gap-uncovered">{gt('assessments.nonePlanned')}</span> : r.nextKind ? labels.kind(r.nextKind) : gt('assessments.sequenceDone'),
    },
  ];

  return (
    <>
      <PageHeader
        title={gt('assessments.title')}
        actions={
          can(user, 'assessment:write') && (
            <Link className="button" to="/assessments/new">
              {gt('assessments.new')}
            </Link>
          )
        }
      >
        <p className="lead">{gt('assessments.lead')}</p>
      </PageHeader>
      <AssessmentsNav />
      <FilterBar active={list.activeFilters} className="gap-filters">
        <TextField type="date" label={gt('assessments.filters.at')} value={list.filters.at} onChange={(e) => list.setFilter('at', e.target.value)} />
        <SelectField
          label={gt('assessments.filters.region')}
          value={list.filters.region}
          onChange={(e) => list.setFilter('region', e.target.value)}
          options={[{ value: '', label: gt('assessments.filters.allRegions') }, ...(regions.data?.items ?? []).map((r) => ({ value: r.pcode, label: r.name }))]}
        />
        <SearchField label={gt('assessments.filters.search')} value={list.filters.q} onSearch={(value) => list.setFilter('q', value)} />
        <label className="checkbox">
          <input type="checkbox" checked={list.filters.nonePlanned === 'true'} onChange={(e) => list.setFilter('nonePlanned', e.target.checked ? 'true' : '')} />
          <span>{gt('assessments.filters.nonePlanned')}</span>
        </label>
      </FilterBar>
      {page && (
        <ul className="gap-summary">
          <li>
            <strong>{labels.number(page.summary.localities)}</strong>
            <span>{gt('assessments.summary.localities')}</span>
          </li>
          <li>
            <strong>{labels.number(page.summary.postRrm)}</strong>
            <span>{gt('assessments.summary.postRrm')}</span>
          </li>
          <li>
            <strong>{labels.number(page.summary.nonePlanned)}</strong>
            <span>{gt('assessments.summary.nonePlanned')}</span>
          </li>
          <li>
            <span>{gt('assessments.summary.stepDone')}</span>
            {page.summary.stepDone.map((count, index) => (
              <span key={index} className="gap-secondary">
                {gt('assessments.stepDone', { count, step: index })}
              </span>
            ))}
          </li>
        </ul>
      )}
      {tracker.error ? (
        <ProblemNotice error={tracker.error} />
      ) : page && page.total === 0 ? (
        <EmptyState title={gt('assessments.empty')} />
      ) : (
        <>
          <ResultCount total={page?.total} />
          <DataTable caption={gt('assessments.trackerCaption')} columns={columns} rows={page?.items ?? []} rowKey={(r) => r.locality.id} busy={tracker.isFetching} />
          <Pagination page={list.page} pageSize={list.pageSize} total={page?.total ?? 0} onPageChange={list.setPage} />
        </>
      )}
    </>
  );
}
