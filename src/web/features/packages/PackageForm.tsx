import { type FormEvent, useState } from 'react';
import {
  type HarmonisedMethod,
  type HarmonisedPackage,
  methodTypes,
  packageFrequencies,
  packageModalities,
  packagePhases,
} from '../../../shared/contracts/packages.ts';
import { sectors } from '../../../shared/sectors.ts';
import type { ApiError } from '../../api/client.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { usePackagesT } from './i18n.ts';
import { usePackageLabels } from './labels.tsx';

interface ComponentDraft {
  item: string;
  quantity: string;
  unit: string;
}

export interface PackageDraft {
  sector: string;
  name: string;
  phase: string;
  modality: string;
  components: ComponentDraft[];
  transferValueXof: string;
  recurring: boolean;
  durationMonths: string;
  frequency: string;
  targeting: string;
  references: string;
  methodType: string;
  description: string;
  documentUrl: string;
}

export function draftOf(p?: HarmonisedPackage | HarmonisedMethod): PackageDraft {
  const pkg = p && 'modality' in p ? p : undefined;
  const method = p && 'methodType' in p ? p : undefined;
  return {
    sector: p?.sector ?? '',
    name: p?.name ?? '',
    phase: p?.phase ?? 'post_rrm',
    modality: pkg?.modality ?? 'in_kind',
    components: pkg?.components.map((c) => ({ item: c.item, quantity: c.quantity === null ? '' : String(c.quantity), unit: c.unit ?? '' })) ?? [
      { item: '', quantity: '', unit: '' },
    ],
    transferValueXof: pkg?.transferValueXof === null || pkg?.transferValueXof === undefined ? '' : String(pkg.transferValueXof),
    recurring: pkg?.recurring ?? false,
    durationMonths: pkg?.durationMonths === null || pkg?.durationMonths === undefined ? '' : String(pkg.durationMonths),
    frequency: pkg?.frequency ?? 'once',
    targeting: pkg?.targeting ?? '',
    references: p?.references ?? '',
    methodType: method?.methodType ?? 'targeting',
    description: method?.description ?? '',
    documentUrl: method?.documentUrl ?? '',
  };
}

const numberOrNull = (v: string) => (v.trim() === '' ? null : Number(v.replace(/\s/g, '').replace(',', '.')));

/** The body the API takes, from the form's text. */
export function packageBody(d: PackageDraft) {
  return {
    sector: d.sector as (typeof sectors)[number],
    name: d.name,
    phase: d.phase as (typeof packagePhases)[number],
    modality: d.modality as (typeof packageModalities)[number],
    components: d.components.filter((c) => c.item.trim() !== '').map((c) => ({ item: c.item, quantity: numberOrNull(c.quantity), unit: c.unit || null })),
    transferValueXof: numberOrNull(d.transferValueXof),
    recurring: d.recurring,
    durationMonths: numberOrNull(d.durationMonths),
    frequency: d.frequency as (typeof packageFrequencies)[number],
    targeting: d.targeting || null,
    references: d.references || null,
  };
}
export function methodBody(d: PackageDraft) {
  return {
    sector: d.sector as (typeof sectors)[number],
    name: d.name,
    phase: d.phase as (typeof packagePhases)[number],
    methodType: d.methodType as (typeof methodTypes)[number],
    description: d.description || null,
    references: d.references || null,
    documentUrl: d.documentUrl || null,
  };
}

interface PackageFormProps {
  kind: 'package' | 'method';
  initial: PackageDraft;
  busy: boolean;
  error: ApiError | null;
  onSubmit: (draft: PackageDraft) => void;
  onCancel: () => void;
}

/** One form for a package or a method, draft or proposal; the server checks what it takes. */
export function PackageForm({ kind, initial, busy, error, onSubmit, onCancel }: PackageFormProps) {
  const pt = usePackagesT();
  const labels = usePackageLabels();
  const [d, setD] = useState(initial);
  const set = <K extends keyof PackageDraft>(key: K, value: PackageDraft[K]) => setD((current) => ({ ...current, [key]: value }));
  const fieldError = (path: string) => error?.fieldErrors.find((e) => e.path === path || e.path.startsWith(`${path}.`))?.message;
  const setComponent = (index: number, change: Partial<ComponentDraft>) =>
    set(
      'components',
      d.components.map((c, i) => (i === index ? { ...c, ...change } : c)),
    );

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit(d);
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <ProblemNotice error={error} />
      <SelectField
        label={pt('fields.sector')}
        required
        value={d.sector}
        error={fieldError('sector')}
        onChange={(e) => set('sector', e.target.value)}
        options={[{ value: '', label: '' }, ...sectors.map((s) => ({ value: s, label: labels.sector(s) }))]}
      />
      <TextField
        label={kind === 'package' ? pt('fields.name') : pt('fields.methodName')}
        required
        value={d.name}
        error={fieldError('name')}
        onChange={(e) => set('name', e.target.value)}
      />
      <SelectField
        label={pt('fields.phase')}
        required
        value={d.phase}
        error={fieldError('phase')}
        onChange={(e) => set('phase', e.target.value)}
        options={packagePhases.map((p) => ({ value: p, label: labels.phase(p) }))}
      />
      {kind === 'package' ? (
        <>
          <SelectField
            label={pt('fields.modality')}
            required
            value={d.modality}
            onChange={(e) => set('modality', e.target.value)}
            options={packageModalities.map((m) => ({ value: m, label: labels.modality(m) }))}
          />
          <fieldset className="package-components-editor">
            <legend>{pt('fields.components')}</legend>
            {d.components.map((c, index) => (
              <div className="package-component-row" key={index}>
                <TextField
                  label={pt('fields.componentItem')}
                  value={c.item}
                  error={fieldError(`components.${index}`)}
                  onChange={(e) => setComponent(index, { item: e.target.value })}
                />
                <TextField
                  label={pt('fields.componentQuantity')}
                  inputMode="decimal"
                  value={c.quantity}
                  onChange={(e) => setComponent(index, { quantity: e.target.value })}
                />
                <TextField label={pt('fields.componentUnit')} value={c.unit} onChange={(e) => setComponent(index, { unit: e.target.value })} />
                <button
                  type="button"
                  className="button button-secondary button-small"
                  onClick={() =>
                    set(
                      'components',
                      d.components.filter((_, i) => i !== index),
                    )
                  }
                >
                  {pt('fields.removeComponent')}
                </button>
              </div>
            ))}
            <div>
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => set('components', [...d.components, { item: '', quantity: '', unit: '' }])}
              >
                {pt('fields.addComponent')}
              </button>
            </div>
          </fieldset>
          <TextField
            label={pt('fields.transferValueXof')}
            inputMode="numeric"
            value={d.transferValueXof}
            error={fieldError('transferValueXof')}
            onChange={(e) => set('transferValueXof', e.target.value)}
          />
          <label className="checkbox-inline">
            <input type="checkbox" checked={d.recurring} onChange={(e) => set('recurring', e.target.checked)} />
            {pt('fields.recurring')}
          </label>
          <TextField
            label={pt('fields.durationMonths')}
            inputMode="numeric"
            value={d.durationMonths}
            error={fieldError('durationMonths')}
            onChange={(e) => set('durationMonths', e.target.value)}
          />
          <SelectField
            label={pt('fields.frequency')}
            value={d.frequency}
            onChange={(e) => set('frequency', e.target.value)}
            options={packageFrequencies.map((f) => ({ value: f, label: labels.frequency(f) }))}
          />
          <div className="field">
            <label htmlFor="package-targeting">{pt('fields.targeting')}</label>
            <textarea id="package-targeting" rows={3} value={d.targeting} onChange={(e) => set('targeting', e.target.value)} />
          </div>
        </>
      ) : (
        <>
          <SelectField
            label={pt('fields.methodType')}
            required
            value={d.methodType}
            onChange={(e) => set('methodType', e.target.value)}
            options={methodTypes.map((m) => ({ value: m, label: labels.methodType(m) }))}
          />
          <div className="field">
            <label htmlFor="method-description">{pt('fields.description')}</label>
            <textarea id="method-description" rows={8} value={d.description} onChange={(e) => set('description', e.target.value)} />
          </div>
          <TextField
            label={pt('fields.documentUrl')}
            type="url"
            value={d.documentUrl}
            error={fieldError('documentUrl')}
            onChange={(e) => set('documentUrl', e.target.value)}
          />
        </>
      )}
      <div className="field">
        <label htmlFor="package-references">{pt('fields.references')}</label>
        <textarea id="package-references" rows={3} value={d.references} onChange={(e) => set('references', e.target.value)} />
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {pt('actions.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {pt('actions.cancel')}
        </button>
      </div>
    </form>
  );
}
