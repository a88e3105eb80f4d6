import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Assessment, assessmentKinds, assessmentStatuses } from '../../../shared/contracts/assessments.ts';
import { can } from '../../../shared/permissions.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { SelectField } from '../../ui/fields.tsx';
import { ImportDialog } from '../../ui/ImportDialog.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ExportLinks } from '../../ui/ExportLinks.tsx';
import { Pagination, ResultCount } from '../../ui/Pagination.tsx';
import { SearchField } from '../../ui/SearchField.tsx';
import { useListParams } from '../../ui/useListParams.ts';
import { useRegions } from '../gazetteer/gazetteer.api.ts';
import { useGapsT } from '../gaps/i18n.ts';
import { useGapLabels } from '../gaps/labels.ts';
import { AssessmentsNav } from './AssessmentsNav.tsx';
import { assessmentExportUrl, importAssessments, useAfterAssessmentChange, useAssessmentList } from './assessments.api.ts';
import '../gaps/gaps.css';
import { FilterBar } from '../../ui/FilterBar.tsx';

/** Every assessment, filterable, with the file round trip. */
export default function AssessmentListPage() {
  const { t } = useTranslation();
  const gt = useGapsT();
  const labels = useGapLabels();
  const user = useCurrentUser();
  const regions = useRegions();
  const [importing, setImporting] = useState(false);
  const afterImport = useAfterAssessmentChange();
  const list = useListParams({ filters: { region: '', kind: '', status: '', q: '' }, sort: '-startDate' });
  const assessments = useAssessmentList(list.query);
  const page = assessments.data;
  const write = can(user, 'assessment:write');

  const columns: Column<Assessment>[] = [
    {
      key: 'locality',
      header: gt('assessments.columns.locality'),
      sortKey: 'locality',
      cell: (a) => (
        <>
          <Link to={`/assessments/${a.id}`}>{a.title ?? a.locality.name}</Link>
          <span className="gap-secondary">{[a.locality.name, a.locality.adm1Name].filter(Boolean).join(', ')}</span>
        </>
      ),
    },
    { key: 'kind', header: gt('assessments.columns.kind'), sortKey: 'kind', cell: (a) => labels.kind(a.kind) },
    { key: 'status', header: gt('assessments.columns.status'), sortKey: 'status', cell: (a) => labels.assessmentStatus(a.status) },
    { key: 'organisation', header: gt('assessments.columns.organisation'), cell: (a) => <abbr title={a.organisation.name}>{a.organisation.acronym}</abbr> },
    { key: 'dates', header: gt('assessments.columns.dates'), sortKey: 'startDate', cell: (a) => `${labels.day(a.startDate)}${a.endDate ? ` – ${labels.day(a.endDate)}` : ''}` },
    { key: 'results', header: gt('assessments.columns.results'), numeric: true, cell: (a) => labels.number(a.results.length) },
    { key: 'report', header: gt('assessments.columns.report'), cell: (a) => (a.report ? '📄' : t('common.empty')) },
  ];

  return (
    <>
      <PageHeader
        title={gt('assessments.title')}
        actions={
          write && (
            <div className="gap-actions">
              <button type="button" className="button button-secondary" onClick={() => setImporting(true)}>
                {gt('assessments.import')}
              </button>
              <Link className="button" to="/assessments/new">
                {gt('assessments.new')}
              </Link>
            </div>
          )
        }
      />
      <AssessmentsNav />
      <FilterBar active={list.activeFilters} className="gap-filters">
        <SelectField
          label={gt('assessments.filters.region')}
          value={list.filters.region}
          onChange={(e) => list.setFilter('region', e.target.value)}
          options={[{ value: '', label: gt('assessments.filters.allRegions') }, ...(regions.data?.items ?? []).map((r) => ({ value: r.pcode, label: r.name }))]}
        />
        <SelectField
          label={gt('assessments.columns.kind')}
          value={list.filters.kind}
          onChange={(e) => list.setFilter('kind', e.target.value)}
          options={[{ value: '', label: t('common.empty') }, ...assessmentKinds.map((k) => ({ value: k, label: labels.kind(k) }))]}
        />
        <SelectField
          label={gt('assessments.columns.status')}
          value={list.filters.status}
          onChange={(e) => list.setFilter('status', e.target.value)}
          options={[{ value: '', label: t('common.empty') }, ...assessmentStatuses.map((s) => ({ value: s, label: labels.assessmentStatus(s) }))]}
        />
        <SearchField label={gt('assessments.filters.search')} value={list.filters.q} onSearch={(value) => list.setFilter('q', value)} />
      </FilterBar>
      {assessments.error ? (
        <ProblemNotice error={assessments.error} />
      ) : page && page.total === 0 ? (
        <EmptyState title={gt('assessments.empty')} />
      ) : (
        <>
          <div className="list-bar">
            <ResultCount total={page?.total} />
            <ExportLinks urlOf={(format) => assessmentExportUrl(format, list.query)} />
          </div>
          <DataTable caption={gt('assessments.listCaption')} columns={columns} rows={page?.items ?? []} rowKey={(a) => a.id} sort={list.sort} onSort={list.toggleSort} busy={assessments.isFetching} />
          <Pagination page={list.page} pageSize={list.pageSize} total={page?.total ?? 0} onPageChange={list.setPage} />
        </>
      )}
      <ImportDialog
        open={importing}
        onClose={() => setImporting(false)}
        title={gt('assessments.importDialog.title')}
        intro={gt('assessments.importDialog.hint')}
        upload={importAssessments}
        onCommitted={afterImport}
        template={
          <p>
            <a href={assessmentExportUrl('xlsx', {})} download>
              {gt('assessments.importDialog.exportTemplate')}
            </a>
          </p>
        }
      />
    </>
  );
}
