import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { actionPointStatuses } from '../../../shared/contracts/meetings.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ExportLinks } from '../../ui/ExportLinks.tsx';
import { SelectField } from '../../ui/fields.tsx';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Pagination, ResultCount } from '../../ui/Pagination.tsx';
import { SearchField } from '../../ui/SearchField.tsx';
import { useListParams } from '../../ui/useListParams.ts';
import { useRegions } from '../gazetteer/gazetteer.api.ts';
import { ActionPointTable } from './ActionPointTable.tsx';
import { useMeetingsT } from './i18n.ts';
import { useMeetingLabels } from './labels.ts';
import { MeetingsNav } from './MeetingsNav.tsx';
import { meetingFiles, useActionPoints } from './meetings.api.ts';
import './meetings.css';
import { FilterBar } from '../../ui/FilterBar.tsx';

const filterDefaults = { owner: 'me', status: 'open', overdue: '', region: '', q: '' };

/** Every action point one may follow, mine first: open until done, overdue ones said so. */
export default function ActionPointListPage() {
  const { t } = useTranslation();
  const mt = useMeetingsT();
  const labels = useMeetingLabels();
  const list = useListParams({ filters: filterDefaults, sort: 'dueDate' });
  const { filters } = list;
  const query = { ...list.query, owner: filters.owner === 'me' ? 'me' : undefined };
  const result = useActionPoints(query);
  const regions = useRegions();
  const [message, setMessage] = useState<string | null>(null);

  return (
    <>
      <PageHeader title={mt('actions.listTitle')}>
        <p className="lead">{mt('actions.listLead')}</p>
      </PageHeader>
      <MeetingsNav />
      {message && <Notice tone="success" title={message} />}
      <FilterBar active={list.activeFilters}>
        <SearchField label={mt('actions.search')} value={filters.q} onSearch={(q) => list.setFilter('q', q)} />
        <SelectField
          label={mt('actions.ownerFilter')}
          value={filters.owner}
          onChange={(event) => list.setFilter('owner', event.target.value)}
          options={[
            { value: 'me', label: mt('actions.mine') },
            { value: 'all', label: mt('actions.all') },
          ]}
        />
        <SelectField
          label={mt('actions.status')}
          value={filters.status}
          onChange={(event) => list.setFilter('status', event.target.value)}
          options={[{ value: '', label: mt('filters.allStatuses') }, ...actionPointStatuses.map((s) => ({ value: s, label: labels.actionStatus(s) }))]}
        />
        <SelectField
          label={mt('filters.region')}
          value={filters.region}
          onChange={(event) => list.setFilter('region', event.target.value)}
          options={[{ value: '', label: mt('filters.allRegions') }, ...(regions.data?.items ?? []).map((r) => ({ value: r.pcode, label: r.name }))]}
        />
        <label className="checkbox filter-checkbox">
          <input type="checkbox" checked={filters.overdue === 'true'} onChange={(event) => list.setFilter('overdue', event.target.checked ? 'true' : '')} />
          <span>{mt('actions.overdueOnly')}</span>
        </label>
      </FilterBar>
      <div className="list-toolbar">
        <ResultCount total={result.data?.total} />
        {result.data && result.data.overdue > 0 && <span className="badge badge-overdue">{mt('actions.overdueCount', { count: result.data.overdue })}</span>}
        <ExportLinks urlOf={(format) => meetingFiles.actionPoints(format, query)} />
      </div>
      {result.error && <ProblemNotice error={result.error} />}
      {result.data?.total === 0 ? (
        <EmptyState title={list.isFiltered ? mt('actions.noMatch') : mt('actions.emptyTitle')} />
      ) : (
        result.data && (
          <>
            <ActionPointTable points={result.data.items} caption={mt('actions.caption')} onSaved={setMessage} sort={list.sort} onSort={list.toggleSort} busy={result.isPlaceholderData} />
            <Pagination page={list.page} pageSize={list.pageSize} total={result.data.total} onPageChange={list.setPage} />
          </>
        )
      )}
      {!result.data && !result.error && <p className="page-loading">{t('common.loading')}</p>}
    </>
  );
}
