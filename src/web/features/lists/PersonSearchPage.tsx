import { useState } from 'react';
import { Link } from 'react-router';
import type { PersonSearchResult } from '../../../shared/contracts/lists.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useListsT } from './i18n.ts';
import { useListLabels } from './labels.ts';
import { useEraseHousehold, useSearchPersons } from './lists.api.ts';
import { ListsNav } from './ListsNav.tsx';
import './lists.css';

const purposes = ['access_request', 'correction_request', 'erasure_request'] as const;
type Match = PersonSearchResult['matches'][number];

/** The custodian finds every record of one person across lists, to answer a rights request, and can erase one. */
export default function PersonSearchPage() {
  const lt = useListsT();
  const labels = useListLabels();
  const search = useSearchPersons();
  const erase = useEraseHousehold();
  const [form, setForm] = useState({ purpose: 'access_request' as (typeof purposes)[number], nina: '', name: '', phone: '' });
  const [erasing, setErasing] = useState<Match | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const run = () => search.mutate({ purpose: form.purpose, ...(form.nina ? { nina: form.nina } : { name: form.name, phone: form.phone }) });
  const columns: Column<Match>[] = [
    { key: 'list', header: lt('search.list'), cell: (m) => <Link to={`/lists/${m.list.id}`}>{`${m.list.code} — ${m.list.organisation.acronym}`}</Link> },
    { key: 'head', header: lt('households.head'), cell: (m) => m.headName },
    { key: 'birthYear', header: lt('households.birthYear'), numeric: true, cell: (m) => m.birthYear },
    { key: 'phones', header: lt('households.phones'), cell: (m) => m.phones.join(', ') },
    { key: 'nina', header: lt('households.nina'), cell: (m) => m.nina },
    { key: 'locality', header: lt('households.locality'), cell: (m) => m.locality?.name },
    { key: 'assistance', header: lt('households.assistance'), cell: (m) => `${labels.sector(m.sector)} — ${m.assistanceDate}` },
    {
      key: 'erase',
      header: '',
      cell: (m) => (
        <button type="button" className="button button-secondary button-small" onClick={() => setErasing(m)}>
          {lt('search.erase')}
        </button>
      ),
    },
  ];
  return (
    <>
      <PageHeader title={lt('search.title')}>
        <p className="lead">{lt('search.lead')}</p>
      </PageHeader>
      <ListsNav />
      {message && <Notice tone="success" title={message} />}
      <form
        className="form panel"
        autoComplete="off"
        onSubmit={(event) => {
          event.preventDefault();
          run();
        }}
      >
        <SelectField label={lt('search.purpose')} value={form.purpose} onChange={(event) => setForm((f) => ({ ...f, purpose: event.target.value as (typeof purposes)[number] }))} options={purposes.map((p) => ({ value: p, label: lt(`rightsPurposes.${p}`) }))} />
        <div className="form-grid">
          <TextField label={lt('search.nina')} value={form.nina} onChange={(event) => setForm((f) => ({ ...f, nina: event.target.value }))} />
          <TextField label={lt('search.name')} value={form.name} onChange={(event) => setForm((f) => ({ ...f, name: event.target.value }))} />
          <TextField label={lt('search.phone')} value={form.phone} onChange={(event) => setForm((f) => ({ ...f, phone: event.target.value }))} />
        </div>
        {search.error && <ProblemNotice error={search.error} />}
        <div className="form-actions">
          <button type="submit" className="button" disabled={search.isPending}>
            {lt('search.submit')}
          </button>
        </div>
      </form>
      {search.data &&
        (search.data.matches.length === 0 ? (
          <p>{lt('search.none')}</p>
        ) : (
          <section className="panel personal-data">
            <h2>{lt('search.results', { count: search.data.matches.length })}</h2>
            <DataTable caption={lt('search.title')} columns={columns} rows={search.data.matches} rowKey={(m) => m.id} />
          </section>
        ))}
      <ConfirmDialog
        open={erasing !== null}
        title={lt('search.eraseTitle')}
        confirmLabel={lt('search.erase')}
        danger
        busy={erase.isPending}
        onCancel={() => setErasing(null)}
        onConfirm={() =>
          erasing &&
          erase.mutate(
            { listId: erasing.list.id, householdId: erasing.id, reason: lt(`rightsPurposes.${form.purpose}`) },
            {
              onSuccess: () => {
                setErasing(null);
                setMessage(lt('search.erased'));
                run();
              },
            },
          )
        }
      >
        <p>{lt('search.eraseText')}</p>
      </ConfirmDialog>
    </>
  );
}
