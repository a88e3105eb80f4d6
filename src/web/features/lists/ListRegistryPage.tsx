import { useState } from 'react';
import { Link } from 'react-router';
import type { ImportReport } from '../../../shared/contracts/import.ts';
import type { ListSummary } from '../../../shared/contracts/lists.ts';
import { currentProtocol, legalBases, listPurposes, sensitivityClasses } from '../../../shared/list-protocol.ts';
import { can } from '../../../shared/permissions.ts';
import { sectors } from '../../../shared/sectors.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { useFormat } from '../../i18n/format.ts';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { ImportDialog } from '../../ui/ImportDialog.tsx';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Pagination, ResultCount } from '../../ui/Pagination.tsx';
import { useListParams } from '../../ui/useListParams.ts';
import { useListsT } from './i18n.ts';
import { useListLabels } from './labels.ts';
import { uploadList, useColumnMappings, useListRegistry, useProtocol, useRefreshLists, useSaveMappings } from './lists.api.ts';
import { ListsNav } from './ListsNav.tsx';
import './lists.css';

const today = () => new Date().toISOString().slice(0, 10);

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
    { key: 'title', header: lt('columns.title'), cell: (l) => l.title },
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
  const labels = useListLabels();
  const refresh = useRefreshLists();
  const [fields, setFields] = useState({
    title: '',
    purpose: 'coverage',
    legalBasis: 'consent',
    legalBasisNote: '',
    sensitivity: 'high',
    sector: 'abris_ame',
    assistanceDate: today(),
    retentionUntil: '',
  });
  const set = (name: keyof typeof fields) => (event: { target: { value: string } }) => setFields((f) => ({ ...f, [name]: event.target.value }));
  const query = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ''));

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
      template={
        <div className="list-upload-fields">
          <TextField label={lt('form.title')} hint={lt('form.titleHint')} required value={fields.title} onChange={set('title')} />
          <SelectField label={lt('form.purpose')} value={fields.purpose} onChange={set('purpose')} options={listPurposes.map((p) => ({ value: p, label: labels.purpose(p) }))} />
          <SelectField label={lt('form.legalBasis')} value={fields.legalBasis} onChange={set('legalBasis')} options={legalBases.map((b) => ({ value: b, label: labels.legalBasis(b) }))} />
          <TextField label={lt('form.legalBasisNote')} value={fields.legalBasisNote} onChange={set('legalBasisNote')} />
          <SelectField label={lt('form.sensitivity')} value={fields.sensitivity} onChange={set('sensitivity')} options={sensitivityClasses.map((s) => ({ value: s, label: labels.sensitivity(s) }))} />
          <SelectField label={lt('form.sector')} value={fields.sector} onChange={set('sector')} options={sectors.map((s) => ({ value: s, label: labels.sector(s) }))} />
          <TextField label={lt('form.assistanceDate')} type="date" required value={fields.assistanceDate} onChange={set('assistanceDate')} />
          <TextField
            label={lt('form.retentionUntil')}
            type="date"
            hint={lt('form.retentionHint', { months: currentProtocol.defaultRetentionMonths })}
            value={fields.retentionUntil}
            onChange={set('retentionUntil')}
          />
        </div>
      }
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
          <SelectField key={c.position} label={`${c.letter} — ${c.header}`} value={chosen[c.header!] ?? ''} onChange={(event) => setChosen((m) => ({ ...m, [c.header!]: event.target.value }))} options={fields} />
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
