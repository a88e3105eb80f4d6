import { useState } from 'react';
import { Link } from 'react-router';
import type { ImportReport } from '../../../shared/contracts/import.ts';
import type { ListSummary } from '../../../shared/contracts/lists.ts';
import { can } from '../../../shared/permissions.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { useFormat } from '../../i18n/format.ts';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { SelectField } from '../../ui/fields.tsx';
import { ImportDialog } from '../../ui/ImportDialog.tsx';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Pagination, ResultCount } from '../../ui/Pagination.tsx';
import { useListParams } from '../../ui/useListParams.ts';
import { useListsT } from './i18n.ts';
import { useListLabels } from './labels.ts';
import { uploadList, useColumnMappings, useListRegistry, useProtocol, useRefreshLists, useSaveMappings } from './lists.api.ts';
import { ListFields, useListFields } from './ListFields.tsx';
import { ListsNav } from './ListsNav.tsx';
import './lists.css';

/** The list register: every list one may know of, its owner and counts, never a name; the upload for partners. */
export default function ListRegistryPage() {
  const lt = useListsT();
  const user = useCurrentUser();
  const labels = useListLabels();
  const format = useFormat();
  const list = useListParams({ filters: {}, sort: '' });
  const result = useListRegistry(list.query);
  const protocol = useProtocol();
  const [uploading, setUploading] = useState(false);
  const mayUpload = can(user, 'list:upload');
  const accepted = protocol.data?.ownAcceptance !== null && protocol.data?.ownAcceptance !== undefined;

  const columns: Column<ListSummary>[] = [
    { key: 'code', header: lt('columns.code'), cell: (l) => <Link className="nowrap" to={`/lists/${l.id}`}>{l.code}</Link> },
    {
      key: 'title',
      header: lt('columns.title'),
      cell: (l) => (
        <>
          {l.title}
          {l.encoded && <span className="badge list-encoded">{lt('encodedBadge')}</span>}
        </>
      ),
    },
    { key: 'organisation', header: lt('columns.organisation'), cell: (l) => l.organisation.acronym },
    { key: 'status', header: lt('columns.status'), cell: (l) => <span className="badge">{labels.status(l.status)}</span> },
    { key: 'households', header: lt('columns.households'), numeric: true, cell: (l) => format.number(l.householdCount) },
    { key: 'localities', header: lt('columns.localities'), cell: (l) => l.localities.map((p) => p.name).join(', ') },
    { key: 'sectors', header: lt('columns.sectors'), cell: (l) => l.sectors.map(labels.sector).join(', ') },
    { key: 'retention', header: lt('columns.retention'), cell: (l) => <span className="nowrap">{format.date(l.retentionUntil)}</span> },
  ];

  return (
    <>
      <PageHeader
        title={lt('title')}
        actions={
          mayUpload &&
          accepted && (
            <button type="button" className="button" onClick={() => setUploading(true)}>
              {lt('upload')}
            </button>
          )
        }
      >
        <p className="lead">{lt('lead')}</p>
      </PageHeader>
      <ListsNav />
      {mayUpload && protocol.data && !accepted && (
        <Notice tone="warning" title={lt('protocolFirst')}>
          <p>
            <Link to="/lists/protocol">{lt('protocolFirstAction')}</Link>
          </p>
        </Notice>
      )}
      <div className="list-toolbar">
        <ResultCount total={result.data?.total} />
      </div>
      {result.error && <ProblemNotice error={result.error} />}
      {result.data?.total === 0 ? (
        <EmptyState title={lt('emptyTitle')}>
          <p>{lt('emptyText')}</p>
        </EmptyState>
      ) : (
        result.data && (
          <>
            <DataTable caption={lt('caption')} columns={columns} rows={result.data.items} rowKey={(l) => l.id} busy={result.isPlaceholderData} />
            <Pagination page={result.data.page} pageSize={result.data.pageSize} total={result.data.total} onPageChange={list.setPage} />
          </>
        )
      )}
      {mayUpload && uploading && <UploadDialog onClose={() => setUploading(false)} />}
    </>
  );
}

function UploadDialog({ onClose }: { onClose: () => void }) {
  const lt = useListsT();
  const refresh = useRefreshLists();
  const { fields, set, query } = useListFields();

  return (
    <ImportDialog
      open
      onClose={onClose}
      title={lt('uploadTitle')}
      intro={lt('uploadIntro')}
      reportsProgress
      uploadScope={JSON.stringify(query)}
      upload={(upload) => uploadList(query, upload)}
      onCommitted={refresh}
      template={<ListFields fields={fields} set={set} />}
      followUp={(report) => <ColumnMapping report={report} />}
    />
  );
}

/** Columns the check did not recognise, mapped once to template fields and remembered for the organisation. */
function ColumnMapping({ report }: { report: ImportReport }) {
  const lt = useListsT();
  const mappings = useColumnMappings(report.unknownColumns.length > 0);
  const save = useSaveMappings();
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const unknown = report.unknownColumns.filter((c) => c.header);
  if (unknown.length === 0 || !mappings.data) return null;
  const fields = [{ value: '', label: lt('mapping.ignore') }, ...mappings.data.columns.map((c) => ({ value: c.key, label: c.label }))];
  return (
    <section className="panel" aria-label={lt('mapping.title')}>
      <h3>{lt('mapping.title')}</h3>
      <p className="field-hint">{lt('mapping.intro')}</p>
      <div className="list-upload-fields">
        {unknown.map((c) => (
          <SelectField key={c.position} label={`${c.letter} — ${c.header!}`} value={chosen[c.header!] ?? ''} onChange={(event) => setChosen((m) => ({ ...m, [c.header!]: event.target.value }))} options={fields} />
        ))}
      </div>
      {save.isSuccess && <Notice tone="success" title={lt('mapping.saved')} />}
      {save.error && <ProblemNotice error={save.error} />}
      <button
        type="button"
        className="button button-secondary"
        disabled={save.isPending || Object.values(chosen).every((v) => v === '')}
        onClick={() =>
          save.mutate({
            mappings: [
              ...mappings.data.mappings,
              ...Object.entries(chosen)
                .filter(([, column]) => column !== '')
                .map(([header, column]) => ({ header, column })),
            ],
          })
        }
      >
        {lt('mapping.save')}
      </button>
    </section>
  );
}
