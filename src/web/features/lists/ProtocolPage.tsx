import { useState } from 'react';
import { can } from '../../../shared/permissions.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { useFormat } from '../../i18n/format.ts';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { TextField } from '../../ui/fields.tsx';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import type { ProtocolView } from '../../../shared/contracts/lists.ts';
import { useListsT } from './i18n.ts';
import { useListLabels } from './labels.ts';
import { protocolPdfUrl, useAcceptProtocol, useProtocol } from './lists.api.ts';
import { ListsNav } from './ListsNav.tsx';
import './lists.css';

/** The sharing protocol as a page, its PDF to sign, and the organisation's acceptance of it. */
export default function ProtocolPage() {
  const lt = useListsT();
  const labels = useListLabels();
  const format = useFormat();
  const user = useCurrentUser();
  const protocol = useProtocol();
  const accept = useAcceptProtocol();
  const [signatory, setSignatory] = useState('');
  if (protocol.error) return <ProblemNotice error={protocol.error} />;
  const p = protocol.data;
  if (!p) return <p className="page-loading">…</p>;
  const lang = labels.lang;
  const fieldColumns: Column<ProtocolView['fields'][number]>[] = [
    { key: 'field', header: lt('protocol.field'), cell: (f) => f.label[lang] },
    { key: 'sensitivity', header: lt('protocol.sensitivity'), cell: (f) => lt(`protocol.sensitivities.${f.sensitivity}`) },
    { key: 'required', header: lt('protocol.required'), cell: (f) => (f.required ? '✓' : '') },
    { key: 'note', header: '', cell: (f) => <span className="muted">{f.note[lang]}</span> },
  ];
  return (
    <>
      <PageHeader
        title={p.title[lang]}
        actions={
          <a className="button button-secondary" href={protocolPdfUrl(lang)} download>
            {lt('protocol.pdf')}
          </a>
        }
      >
        <p className="lead">{lt('protocol.version', { version: p.version, date: format.date(p.effectiveFrom) })}</p>
      </PageHeader>
      <ListsNav />
      {p.ownAcceptance && (
        <Notice tone="success" title={lt('protocol.accepted', { organisation: p.ownAcceptance.organisation.acronym, name: p.ownAcceptance.signatoryName, date: format.date(p.ownAcceptance.acceptedAt) })} />
      )}
      <section className="panel protocol-text">
        <p>{p.preamble[lang]}</p>
        <h2>{lt('protocol.fields')}</h2>
        <DataTable caption={lt('protocol.fields')} columns={fieldColumns} rows={p.fields} rowKey={(f) => f.field} />
        <h2>{lt('protocol.purposes')}</h2>
        <ul>
          {p.purposes.map((purpose) => (
            <li key={purpose}>{labels.purpose(purpose)}</li>
          ))}
        </ul>
        <p>{lt('protocol.retention', { months: p.defaultRetentionMonths })}</p>
        <h2>{lt('protocol.access')}</h2>
        <ul>
          {p.access.map((line) => (
            <li key={line.fr}>{line[lang]}</li>
          ))}
        </ul>
        <h2>{lt('protocol.commitments')}</h2>
        <ul>
          {p.commitments.map((line) => (
            <li key={line.fr}>{line[lang]}</li>
          ))}
        </ul>
        <h2>{lt('protocol.encodedMode')}</h2>
        {p.encodedMode.map((paragraph) => (
          <p key={paragraph.fr}>{paragraph[lang]}</p>
        ))}
      </section>
      {can(user, 'protocol:accept') && !p.ownAcceptance && (
        <section className="panel">
          <h2>{lt('protocol.acceptTitle')}</h2>
          <form
            className="form"
            onSubmit={(event) => {
              event.preventDefault();
              accept.mutate({ version: p.version, signatoryName: signatory });
            }}
          >
            <TextField label={lt('protocol.signatory')} required value={signatory} onChange={(event) => setSignatory(event.target.value)} />
            {accept.error && <ProblemNotice error={accept.error} />}
            <div className="form-actions">
              <button type="submit" className="button" disabled={accept.isPending || signatory.trim().length < 2}>
                {lt('protocol.accept')}
              </button>
            </div>
          </form>
        </section>
      )}
      {can(user, 'list:purge') && (
        <section className="panel">
          <h2>{lt('protocol.acceptances')}</h2>
          {p.acceptances.length === 0 ? (
            <p className="muted">{lt('protocol.noAcceptance')}</p>
          ) : (
            <ul>
              {p.acceptances.map((a) => (
                <li key={a.organisation.id}>{lt('protocol.accepted', { organisation: a.organisation.acronym, name: a.signatoryName, date: format.date(a.acceptedAt) })}</li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}
