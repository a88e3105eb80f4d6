import { useState } from 'react';
import { Link } from 'react-router';
import type { SharingRequest } from '../../../shared/contracts/lists.ts';
import { currentProtocol } from '../../../shared/list-protocol.ts';
import { can } from '../../../shared/permissions.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { useFormat } from '../../i18n/format.ts';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { TextField } from '../../ui/fields.tsx';
import { Modal } from '../../ui/Modal.tsx';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Pagination, ResultCount } from '../../ui/Pagination.tsx';
import { useListParams } from '../../ui/useListParams.ts';
import { useListsT } from './i18n.ts';
import { useListLabels } from './labels.ts';
import { extractUrl, useDecideSharing, useSharingRequests } from './lists.api.ts';
import { ListsNav } from './ListsNav.tsx';
import { SharingRequestButton } from './SharingRequestForm.tsx';
import './lists.css';

/** Sharing requests and agreements: the custodian decides; the requester downloads its extract while the agreement runs. */
export default function SharingPage() {
  const lt = useListsT();
  const user = useCurrentUser();
  const labels = useListLabels();
  const format = useFormat();
  const list = useListParams({ filters: {}, sort: '' });
  const result = useSharingRequests(list.query);
  const [deciding, setDeciding] = useState<{ request: SharingRequest; decision: 'approved' | 'refused' } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const decides = can(user, 'sharing:decide');
  const fieldLabel = (f: string) => currentProtocol.fields.find((p) => p.field === f)?.label[labels.lang] ?? f;
  const statusOf = (r: SharingRequest) => (r.status === 'approved' && !r.active && r.to < new Date().toISOString().slice(0, 10) ? lt('sharing.expired') : lt(`sharing.${r.status}`));

  const columns: Column<SharingRequest>[] = [
    { key: 'code', header: lt('sharing.code'), cell: (r) => <span className="nowrap">{r.code}</span> },
    { key: 'requester', header: lt('sharing.requester'), cell: (r) => `${r.requester.acronym} (${r.requestedBy})` },
    {
      key: 'target',
      header: lt('sharing.target'),
      cell: (r) => (r.list ? <Link to={`/lists/${r.list.id}`}>{`${r.list.code} — ${r.list.organisation.acronym}`}</Link> : `${r.locality?.name ?? ''} — ${r.sector ? labels.sector(r.sector) : ''}`),
    },
    { key: 'purpose', header: lt('sharing.purpose'), cell: (r) => <span className="cell-stack">{labels.purpose(r.purpose)}<span className="muted">{r.justification}</span></span> },
    { key: 'fields', header: lt('sharing.fields'), cell: (r) => r.fields.map(fieldLabel).join(', ') },
    { key: 'period', header: lt('sharing.period'), cell: (r) => `${format.date(r.from)} → ${format.date(r.to)}` },
    {
      key: 'status',
      header: lt('sharing.status'),
      cell: (r) => (
        <span className="cell-stack">
          <span className="badge">{statusOf(r)}</span>
          {r.decisionReason && <span className="muted">{r.decisionReason}</span>}
          {decides && r.status === 'pending' && (
            <span className="row-actions">
              <button type="button" className="button button-small" onClick={() => setDeciding({ request: r, decision: 'approved' })}>
                {lt('sharing.approve')}
              </button>
              <button type="button" className="button button-secondary button-small" onClick={() => setDeciding({ request: r, decision: 'refused' })}>
                {lt('sharing.refuse')}
              </button>
            </span>
          )}
          {r.active && r.requester.id === user.organisationId && (
            <span className="row-actions">
              <a className="button button-small" href={extractUrl(r.id, 'xlsx', labels.lang)} download>
                {lt('sharing.extract')}
              </a>
              <a className="link-button" href={extractUrl(r.id, 'csv', labels.lang)} download>
                {lt('sharing.extractCsv')}
              </a>
            </span>
          )}
        </span>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={lt('sharing.title')}>
        <p className="lead">{lt('sharing.lead')}</p>
      </PageHeader>
      <ListsNav />
      {message && <Notice tone="success" title={message} />}
      <div className="list-toolbar">
        <ResultCount total={result.data?.total} />
        {can(user, 'sharing:request') && <SharingRequestButton target={{}} onDone={setMessage} />}
      </div>
      {result.error && <ProblemNotice error={result.error} />}
      {result.data?.total === 0 ? (
        <EmptyState title={lt('sharing.emptyTitle')} />
      ) : (
        result.data && (
          <>
            <DataTable caption={lt('sharing.caption')} columns={columns} rows={result.data.items} rowKey={(r) => r.id} busy={result.isPlaceholderData} />
            <Pagination page={result.data.page} pageSize={result.data.pageSize} total={result.data.total} onPageChange={list.setPage} />
          </>
        )
      )}
      {deciding && <DecisionDialog {...deciding} onClose={() => setDeciding(null)} onDone={setMessage} />}
    </>
  );
}

function DecisionDialog({ request, decision, onClose, onDone }: { request: SharingRequest; decision: 'approved' | 'refused'; onClose: () => void; onDone: (message: string) => void }) {
  const lt = useListsT();
  const decide = useDecideSharing(request.id);
  const [reason, setReason] = useState('');
  return (
    <Modal open title={lt('sharing.decideTitle', { code: request.code })} onClose={onClose}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          decide.mutate(
            { decision, reason, version: request.version },
            {
              onSuccess: () => {
                onClose();
                onDone(lt('sharing.decided'));
              },
            },
          );
        }}
      >
        <TextField label={lt('sharing.reason')} required value={reason} onChange={(event) => setReason(event.target.value)} />
        {decide.error && <ProblemNotice error={decide.error} />}
        <div className="form-actions">
          <button type="submit" className={decision === 'approved' ? 'button' : 'button button-danger'} disabled={decide.isPending}>
            {decision === 'approved' ? lt('sharing.approve') : lt('sharing.refuse')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
