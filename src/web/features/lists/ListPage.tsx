import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { HouseholdView, ListDetail } from '../../../shared/contracts/lists.ts';
import { listPurposes } from '../../../shared/list-protocol.ts';
import { can } from '../../../shared/permissions.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { useFormat } from '../../i18n/format.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { useListsT } from './i18n.ts';
import { useListLabels } from './labels.ts';
import { useHouseholds, useList, usePurgeList } from './lists.api.ts';
import { SharingRequestButton } from './SharingRequestForm.tsx';
import { ListsNav } from './ListsNav.tsx';
import './lists.css';

/** One list: what it is and how many households it holds where; its households for the custodian and the owner, for a stated purpose. */
export default function ListPage() {
  const { id = '' } = useParams();
  const lt = useListsT();
  const list = useList(id);
  const [message, setMessage] = useState<string | null>(null);
  if (list.error) return <ProblemNotice error={list.error} />;
  if (!list.data) return <p className="page-loading">…</p>;
  return (
    <>
      <PageHeader title={`${list.data.code} — ${list.data.title}`} back={<Link to="/lists">{lt('detail.back')}</Link>} />
      <ListsNav />
      {message && <Notice tone="success" title={message} />}
      <ListFacts list={list.data} />
      <Coverage list={list.data} />
      <PersonalData list={list.data} onDone={setMessage} />
    </>
  );
}

function ListFacts({ list }: { list: ListDetail }) {
  const lt = useListsT();
  const labels = useListLabels();
  const format = useFormat();
  return (
    <section className="panel" aria-labelledby="list-summary">
      <h2 id="list-summary">{lt('detail.summary')}</h2>
      <dl className="list-facts">
        <dt>{lt('detail.owner')}</dt>
        <dd>
          {list.organisation.acronym} — {list.organisation.name}
        </dd>
        <dt>{lt('columns.status')}</dt>
        <dd>
          <span className="badge">{labels.status(list.status)}</span>
        </dd>
        <dt>{lt('detail.households')}</dt>
        <dd>{format.number(list.householdCount)}</dd>
        <dt>{lt('detail.rows')}</dt>
        <dd>{format.number(list.rowCount)}</dd>
        <dt>{lt('detail.assistance')}</dt>
        <dd>
          {list.sectors.map(labels.sector).join(', ')}
          {list.assistanceFrom && ` — ${format.date(list.assistanceFrom)}${list.assistanceTo && list.assistanceTo !== list.assistanceFrom ? ` → ${format.date(list.assistanceTo)}` : ''}`}
        </dd>
        <dt>{lt('columns.purpose')}</dt>
        <dd>{labels.purpose(list.purpose)}</dd>
        <dt>{lt('detail.legalBasis')}</dt>
        <dd>
          {labels.legalBasis(list.legalBasis)}
          {list.legalBasisNote && ` — ${list.legalBasisNote}`}
        </dd>
        <dt>{lt('form.sensitivity')}</dt>
        <dd>{labels.sensitivity(list.sensitivity)}</dd>
        <dt>{lt('detail.protocol')}</dt>
        <dd>{list.protocolVersion}</dd>
        <dt>{lt('columns.retention')}</dt>
        <dd>{format.date(list.retentionUntil)}</dd>
      </dl>
      {list.purgedAt ? <Notice tone="info" title={lt('detail.purged', { date: format.date(list.purgedAt) })} /> : <p className="muted">{lt('detail.noNames')}</p>}
    </section>
  );
}

function Coverage({ list }: { list: ListDetail }) {
  const lt = useListsT();
  const labels = useListLabels();
  const format = useFormat();
  const columns: Column<ListDetail['coverage'][number]>[] = [
    { key: 'month', header: lt('detail.month'), cell: (c) => c.month },
    { key: 'locality', header: lt('detail.locality'), cell: (c) => `${c.locality.name}${c.locality.pcode ? ` (${c.locality.pcode})` : ''}` },
    { key: 'sector', header: lt('detail.sector'), cell: (c) => labels.sector(c.sector) },
    { key: 'households', header: lt('columns.households'), numeric: true, cell: (c) => format.number(c.households) },
  ];
  return (
    <section className="panel" aria-labelledby="list-coverage">
      <h2 id="list-coverage">{lt('detail.coverage')}</h2>
      <DataTable caption={lt('detail.coverageCaption')} columns={columns} rows={list.coverage} rowKey={(c) => `${c.month}|${c.locality.id}|${c.sector}`} />
    </section>
  );
}

function PersonalData({ list, onDone }: { list: ListDetail; onDone: (message: string) => void }) {
  const lt = useListsT();
  const user = useCurrentUser();
  const own = can(user, 'beneficiary:read_personal', { organisationId: list.organisation.id });
  const asks = can(user, 'sharing:request') && user.organisationId !== list.organisation.id;
  if (list.status === 'purged') return null;
  return (
    <>
      {own && (
        <p>
          <Link to={`/lists/${list.id}/duplicates`}>{lt('detail.duplicates')}</Link>
        </p>
      )}
      {own && <Households list={list} />}
      {can(user, 'list:purge') && <Purge list={list} onDone={onDone} />}
      {asks && <SharingRequestButton target={{ list }} onDone={onDone} />}
    </>
  );
}

function Households({ list }: { list: ListDetail }) {
  const lt = useListsT();
  const labels = useListLabels();
  const [choice, setChoice] = useState<string>('coverage');
  const [purpose, setPurpose] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const households = useHouseholds(list.id, purpose, page);
  const columns: Column<HouseholdView>[] = [
    { key: 'row', header: lt('households.row'), numeric: true, cell: (h) => h.row },
    { key: 'head', header: lt('households.head'), cell: (h) => h.headName },
    { key: 'sex', header: lt('households.sex'), cell: (h) => h.sex?.toUpperCase() },
    { key: 'birthYear', header: lt('households.birthYear'), numeric: true, cell: (h) => h.birthYear },
    { key: 'size', header: lt('households.size'), numeric: true, cell: (h) => h.householdSize },
    { key: 'phones', header: lt('households.phones'), cell: (h) => h.phones.join(', ') },
    { key: 'nina', header: lt('households.nina'), cell: (h) => h.nina },
    { key: 'locality', header: lt('households.locality'), cell: (h) => h.locality?.name },
    { key: 'assistance', header: lt('households.assistance'), cell: (h) => `${labels.sector(h.sector)}${h.assistance ? ` — ${h.assistance}` : ''}` },
  ];
  return (
    <section className="panel personal-data" aria-labelledby="list-households">
      <h2 id="list-households">{lt('households.title')}</h2>
      <form
        className="form"
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          setPage(1);
          setPurpose(choice);
        }}
      >
        <p className="field-hint">{lt('households.purposeIntro')}</p>
        <SelectField label={lt('households.purpose')} value={choice} onChange={(event) => setChoice(event.target.value)} options={listPurposes.map((p) => ({ value: p, label: labels.purpose(p) }))} />
        <div className="form-actions">
          <button type="submit" className="button button-secondary">
            {lt('households.show')}
          </button>
        </div>
      </form>
      {households.error && <ProblemNotice error={households.error} />}
      {households.data && purpose && (
        <>
          <p className="muted">{lt('households.audited', { purpose: labels.purpose(purpose as (typeof listPurposes)[number]) })}</p>
          <DataTable caption={lt('households.caption')} columns={columns} rows={households.data.items} rowKey={(h) => h.id} />
          <Pagination page={households.data.page} pageSize={households.data.pageSize} total={households.data.total} onPageChange={setPage} />
        </>
      )}
    </section>
  );
}

function Purge({ list, onDone }: { list: ListDetail; onDone: (message: string) => void }) {
  const lt = useListsT();
  const purge = usePurgeList(list.id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <section className="panel">
      <button type="button" className="button button-danger" onClick={() => setOpen(true)}>
        {lt('purge.action')}
      </button>
      <ConfirmDialog
        open={open}
        title={lt('purge.title')}
        confirmLabel={lt('purge.confirm')}
        danger
        busy={purge.isPending}
        onCancel={() => setOpen(false)}
        onConfirm={() =>
          reason.trim().length >= 3 &&
          purge.mutate(
            { reason },
            {
              onSuccess: () => {
                setOpen(false);
                onDone(lt('purge.done'));
              },
            },
          )
        }
      >
        <p>{lt('purge.text')}</p>
        <TextField label={lt('purge.reason')} required value={reason} onChange={(event) => setReason(event.target.value)} />
        {purge.error && <ProblemNotice error={purge.error} />}
      </ConfirmDialog>
    </section>
  );
}
