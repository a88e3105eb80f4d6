import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { HouseholdView } from '../../../shared/contracts/lists.ts';
import { type ListPurpose, listPurposes } from '../../../shared/list-protocol.ts';
import { useFormat } from '../../i18n/format.ts';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { SelectField } from '../../ui/fields.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { ListsNav } from '../lists/ListsNav.tsx';
import { useListLabels } from '../lists/labels.ts';
import { useList } from '../lists/lists.api.ts';
import { useListDuplicates } from './dedup.api.ts';
import { useDedupT } from './i18n.ts';
import './dedup.css';

/** One list's households written more than once, for its owner or the custodian, for a stated purpose (audited). */
export default function ListDuplicatesPage() {
  const { id = '' } = useParams();
  const dt = useDedupT();
  const labels = useListLabels();
  const format = useFormat();
  const list = useList(id);
  const [choice, setChoice] = useState<ListPurpose>('deduplication');
  const [purpose, setPurpose] = useState<ListPurpose | null>(null);
  const [page, setPage] = useState(1);
  const groups = useListDuplicates(id, purpose, page);
  const columns: Column<HouseholdView>[] = [
    { key: 'row', header: dt('fields.row'), numeric: true, cell: (h) => h.row },
    { key: 'name', header: dt('fields.name'), cell: (h) => h.headName },
    { key: 'sex', header: dt('fields.sex'), cell: (h) => (h.sex ? dt(`sex.${h.sex}`) : null) },
    { key: 'birth', header: dt('fields.birth'), numeric: true, cell: (h) => h.birthYear },
    { key: 'phone', header: dt('fields.phone'), cell: (h) => h.phones.join(', ') },
    { key: 'identity', header: dt('fields.identity'), cell: (h) => h.nina },
    { key: 'place', header: dt('fields.place'), cell: (h) => h.locality?.name },
    {
      key: 'assistance',
      header: dt('fields.assistance'),
      cell: (h) => `${labels.sector(h.sector)}${h.assistance ? ` — ${h.assistance}` : ''}, ${format.date(h.assistanceDate)}`,
    },
  ];
  const title = list.data ? `${dt('listDuplicates.title')} ${list.data.code}` : dt('listDuplicates.title');
  return (
    <>
      <PageHeader title={title} back={<Link to={`/lists/${id}`}>{dt('listDuplicates.back')}</Link>}>
        {list.data && <p className="lead">{`${list.data.title} — ${list.data.organisation.acronym}`}</p>}
      </PageHeader>
      <ListsNav />
      {list.error && <ProblemNotice error={list.error} />}
      <section className="panel personal-data">
        <form
          className="form"
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            setPage(1);
            setPurpose(choice);
          }}
        >
          <p className="field-hint">{dt('listDuplicates.purposeIntro')}</p>
          <SelectField
            label={dt('listDuplicates.purpose')}
            value={choice}
            onChange={(event) => setChoice(event.target.value as ListPurpose)}
            options={listPurposes.map((p) => ({ value: p, label: labels.purpose(p) }))}
          />
          <div className="form-actions">
            <button type="submit" className="button button-secondary">
              {dt('listDuplicates.show')}
            </button>
          </div>
        </form>
        {groups.error && <ProblemNotice error={groups.error} />}
        {groups.data && purpose && (
          <>
            <p className="muted">{dt('listDuplicates.audited', { purpose: labels.purpose(purpose) })}</p>
            {groups.data.total === 0 ? (
              <EmptyState title={dt('listDuplicates.empty')} />
            ) : (
              groups.data.items.map((group) => (
                <div key={group.clusterId} className="duplicate-group">
                  <h3>{dt('listDuplicates.group', { count: group.records.length })}</h3>
                  <DataTable caption={dt('listDuplicates.caption')} columns={columns} rows={group.records} rowKey={(h) => h.id} />
                </div>
              ))
            )}
            <Pagination page={groups.data.page} pageSize={groups.data.pageSize} total={groups.data.total} onPageChange={setPage} />
          </>
        )}
      </section>
    </>
  );
}
