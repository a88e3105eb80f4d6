import { type ReactNode, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { type EndorsingBody, endorsingBodies, type HarmonisedMethod, type HarmonisedPackage } from '../../../shared/contracts/packages.ts';
import { isApiError } from '../../api/client.ts';
import type { FlashState } from '../../ui/Flash.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { Modal } from '../../ui/Modal.tsx';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { VersionConflictNotice } from '../../ui/VersionConflictNotice.tsx';
import { usePackagesT } from './i18n.ts';
import { PackageStatusBadge, usePackageLabels } from './labels.tsx';
import {
  type Harmonised,
  type PackageKind,
  useEndorsementDecisions,
  useLifecycle,
  useMethod,
  useMethodVersions,
  usePackage,
  usePackageVersions,
} from './packages.api.ts';
import './packages.css';

type Row = { label: string; value: (p: Harmonised) => string };

/** The facts compared across versions: a package's transfer, duration and components; a method's type and document. */
function useRows(kind: PackageKind): Row[] {
  const pt = usePackagesT();
  const labels = usePackageLabels();
  const common: Row[] = [
    { label: pt('fields.phase'), value: (p) => labels.phase(p.phase) },
    { label: pt('columns.status'), value: (p) => labels.status(p.status) },
    {
      label: pt('columns.endorsement'),
      value: (p) => (p.endorsement ? pt('endorsedBy', { body: labels.body(p.endorsement.by), date: labels.date(p.endorsement.on) }) : pt('detail.none')),
    },
  ];
  if (kind === 'method') {
    return [
      { label: pt('fields.methodType'), value: (p) => labels.methodType((p as HarmonisedMethod).methodType) },
      ...common,
      { label: pt('fields.documentUrl'), value: (p) => (p as HarmonisedMethod).documentUrl ?? pt('detail.none') },
      { label: pt('fields.references'), value: (p) => p.references ?? pt('detail.none') },
    ];
  }
  const pkg = (p: Harmonised) => p as HarmonisedPackage;
  return [
    { label: pt('fields.modality'), value: (p) => labels.modality(pkg(p).modality) },
    ...common,
    { label: pt('fields.transferValueXof'), value: (p) => labels.value(pkg(p).transferValueXof, pkg(p).recurring) },
    { label: pt('fields.durationMonths'), value: (p) => labels.months(pkg(p).durationMonths) },
    { label: pt('fields.frequency'), value: (p) => labels.frequency(pkg(p).frequency) },
    {
      label: pt('fields.components'),
      value: (p) =>
        pkg(p)
          .components.map((c) =>
            [c.item, [c.quantity === null ? null : labels.number(c.quantity), c.unit].filter(Boolean).join(' ')].filter(Boolean).join(' — '),
          )
          .join('\n') || pt('detail.none'),
    },
    { label: pt('fields.targeting'), value: (p) => pkg(p).targeting ?? pt('detail.none') },
    { label: pt('fields.references'), value: (p) => p.references ?? pt('detail.none') },
  ];
}

/** Short enough for a drop-down line: the decision's first words. */
const excerpt = (text: string) => (text.length > 90 ? `${text.slice(0, 89).trimEnd()}…` : text);

function EndorseDialog({
  open,
  busy,
  onClose,
  onEndorse,
}: {
  open: boolean;
  busy: boolean;
  onClose: () => void;
  onEndorse: (by: EndorsingBody, on: string, decisionId: string | null) => void;
}) {
  const pt = usePackagesT();
  const labels = usePackageLabels();
  const [by, setBy] = useState<EndorsingBody>('cluster');
  const [on, setOn] = useState(new Date().toISOString().slice(0, 10));
  const [decisionId, setDecisionId] = useState('');
  const decisions = useEndorsementDecisions(open);
  const items = decisions.data?.items ?? [];
  return (
    <Modal open={open} title={pt('endorse.title')} onClose={onClose}>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          onEndorse(by, on, decisionId || null);
        }}
      >
        <SelectField
          label={pt('endorse.by')}
          required
          value={by}
          onChange={(e) => setBy(e.target.value as EndorsingBody)}
          options={endorsingBodies.map((b) => ({ value: b, label: labels.body(b) }))}
        />
        <SelectField
          label={pt('endorse.decision')}
          hint={decisions.isPending ? pt('endorse.decisionsLoading') : pt('endorse.decisionHint')}
          value={decisionId}
          onChange={(e) => {
            setDecisionId(e.target.value);
            const chosen = items.find((d) => d.id === e.target.value);
            if (chosen) setOn(chosen.meeting.date);
          }}
          options={[
            { value: '', label: pt('endorse.noDecision') },
            ...items.map((d) => ({
              value: d.id,
              label: pt('endorse.decisionOption', { date: labels.date(d.meeting.date), meeting: d.meeting.title, number: d.number, text: excerpt(d.text) }),
            })),
          ]}
        />
        {decisions.error && <ProblemNotice error={decisions.error} />}
        <TextField label={pt('endorse.on')} required type="date" value={on} onChange={(e) => setOn(e.target.value)} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy || on === ''}>
            {pt('actions.endorse')}
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            {pt('actions.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** A package's or a method's page; `children` (a method's documents) come after its facts. */
export function HarmonisedPage({ kind, children }: { kind: PackageKind; children?: ReactNode }) {
  const { t } = useTranslation();
  const pt = usePackagesT();
  const labels = usePackageLabels();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const pkg = usePackage(kind === 'package' ? id : '');
  const method = useMethod(kind === 'method' ? id : '');
  const record = kind === 'package' ? pkg : method;
  const pkgVersions = usePackageVersions(kind === 'package' ? id : '');
  const methodVersions = useMethodVersions(kind === 'method' ? id : '');
  const versions = (kind === 'package' ? pkgVersions.data?.items : methodVersions.data?.items) as Harmonised[] | undefined;
  const steps = useLifecycle(kind, id);
  const rows = useRows(kind);
  const [endorsing, setEndorsing] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const path = kind === 'package' ? 'packages' : 'methods';

  if (record.error) return <ProblemNotice error={record.error} />;
  const p = record.data;
  if (!p) return <p className="page-loading">{t('common.loading')}</p>;
  const error = steps.propose.error ?? steps.withdraw.error ?? steps.endorse.error ?? steps.revise.error ?? steps.remove.error;
  const after = (message: string) => ({ onSuccess: () => setDone(message) });

  const facts: [string, ReactNode][] = [[pt('fields.sector'), labels.sector(p.sector)], ...rows.map((r): [string, ReactNode] => [r.label, r.value(p)])];
  return (
    <>
      <PageHeader
        title={`${p.name} — ${labels.revision(p.revision)}`}
        back={<Link to={kind === 'package' ? '/packages' : '/packages?view=methods'}>{pt('back')}</Link>}
      >
        <PackageStatusBadge status={p.status} />
      </PageHeader>
      {done && <Notice tone="success">{done}</Notice>}
      {error &&
        (isApiError(error, 'version_conflict') ? (
          <VersionConflictNotice error={error} onReload={() => void record.refetch()} />
        ) : (
          <ProblemNotice error={error} />
        ))}
      <div className="package-actions">
        {p.can.edit && (
          <Link className="button button-secondary" to={`/${path}/${p.id}/edit`}>
            {pt('actions.edit')}
          </Link>
        )}
        {p.can.propose && (
          <button
            type="button"
            className="button"
            disabled={steps.propose.isPending}
            onClick={() => steps.propose.mutate({ version: p.version }, after(pt('actions.proposed')))}
          >
            {pt('actions.propose')}
          </button>
        )}
        {p.can.endorse && (
          <button type="button" className="button" onClick={() => setEndorsing(true)}>
            {pt('actions.endorse')}
          </button>
        )}
        {p.status === 'proposed' && (p.can.edit || p.can.endorse) && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => steps.withdraw.mutate({ version: p.version }, after(pt('actions.withdrawn')))}
          >
            {pt('actions.withdraw')}
          </button>
        )}
        {p.can.revise && (
          <button
            type="button"
            className="button button-secondary"
            disabled={steps.revise.isPending}
            onClick={() =>
              steps.revise.mutate(
                { version: p.version },
                { onSuccess: (created) => void navigate(`/${path}/${created.id}`, { state: { flash: pt('actions.revised') } satisfies FlashState }) },
              )
            }
          >
            {pt('actions.revise')}
          </button>
        )}
        {p.status === 'draft' && p.can.edit && (
          <button
            type="button"
            className="button button-secondary"
            onClick={() =>
              steps.remove.mutate(
                { version: p.version },
                {
                  onSuccess: () => void navigate(`/${path === 'packages' ? 'packages' : 'packages?view=methods'}`, { state: { flash: pt('actions.deleted') } }),
                },
              )
            }
          >
            {pt('actions.delete')}
          </button>
        )}
      </div>
      <dl className="package-facts">
        {facts.map(([label, value]) => (
          <div key={label} style={{ display: 'contents' }}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        {'description' in p && p.description && (
          <>
            <dt>{pt('fields.description')}</dt>
            <dd>{p.description}</dd>
          </>
        )}
      </dl>
      {children}
      <section aria-labelledby="package-lifecycle">
        <h2 id="package-lifecycle">{pt('detail.lifecycle')}</h2>
        <ul>
          {p.author && <li>{pt('detail.author', { name: p.author })}</li>}
          {p.proposedAt && <li>{pt('detail.proposedAt', { date: labels.date(p.proposedAt) })}</li>}
          {p.endorsement && (
            <li>
              {pt('detail.endorsed', { body: labels.body(p.endorsement.by), date: labels.date(p.endorsement.on) })}
              {p.endorsement.decision && (
                <>
                  {' — '}
                  <Link to={`/meetings/${p.endorsement.decision.meetingId}`}>
                    {pt('detail.decision', {
                      number: p.endorsement.decision.number,
                      meeting: p.endorsement.decision.meetingTitle,
                      date: labels.date(p.endorsement.decision.meetingDate),
                    })}
                  </Link>
                </>
              )}
              {p.endorsement.recordedBy && <> ({pt('detail.recordedBy', { name: p.endorsement.recordedBy })})</>}
            </li>
          )}
          {p.supersededAt && <li>{pt('detail.supersededAt', { date: labels.date(p.supersededAt) })}</li>}
        </ul>
      </section>
      {versions && versions.length > 1 && (
        <section aria-labelledby="package-versions">
          <h2 id="package-versions">{pt('detail.versions')}</h2>
          <div className="table-wrap">
            <table className="data-table package-compare">
              <thead>
                <tr>
                  <th scope="col">{pt('detail.field')}</th>
                  {versions.map((v) => (
                    <th scope="col" key={v.id}>
                      {v.id === p.id ? labels.revision(v.revision) : <Link to={`/${path}/${v.id}`}>{labels.revision(v.revision)}</Link>}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.label}>
                    <th scope="row">{r.label}</th>
                    {versions.map((v, i) => {
                      const value = r.value(v);
                      const changed = i > 0 && value !== r.value(versions[i - 1]!);
                      return (
                        <td key={v.id} className={changed ? 'changed' : undefined} style={{ whiteSpace: 'pre-line' }}>
                          {value}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <EndorseDialog
        open={endorsing}
        busy={steps.endorse.isPending}
        onClose={() => setEndorsing(false)}
        onEndorse={(by, on, decisionId) =>
          steps.endorse.mutate(
            { version: p.version, endorsedBy: by, endorsedOn: on, decisionId },
            {
              onSuccess: () => {
                setEndorsing(false);
                setDone(pt('actions.endorsedDone'));
              },
              onError: () => setEndorsing(false),
            },
          )
        }
      />
    </>
  );
}

export default function PackagePage() {
  return <HarmonisedPage kind="package" />;
}
