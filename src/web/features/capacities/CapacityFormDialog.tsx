import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Capacity, capacityInput, fundingStatuses } from '../../../shared/contracts/capacities.ts';
import { scopeOf } from '../../../shared/permissions.ts';
import { sectors } from '../../../shared/sectors.ts';
import { isApiError } from '../../api/client.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { Modal } from '../../ui/Modal.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { issueMessage } from '../../ui/useZodForm.ts';
import { VersionConflictNotice } from '../../ui/VersionConflictNotice.tsx';
import { TextAreaField } from '../alerts/TextAreaField.tsx';
import { useRegions } from '../gazetteer/gazetteer.api.ts';
import { useActiveOrganisations } from '../organisations/organisations.api.ts';
import { currentPeriod, useResponseLabels } from '../responses/labels.ts';
import { useSaveCapacity } from './capacities.api.ts';
import { useFiveWT } from '../responses/i18n.ts';

type Draft = Record<'period' | 'organisationId' | 'sector' | 'regionPcode' | 'households' | 'fundingStatus' | 'stock' | 'staff' | 'contactName' | 'contactPhone' | 'contactEmail' | 'remarks', string>;

function draftOf(c: Capacity | null, organisationId: string): Draft {
  return {
    period: c?.period ?? currentPeriod(),
    organisationId: c?.organisation.id ?? organisationId,
    sector: c?.sector ?? '',
    regionPcode: c?.region.pcode ?? '',
    households: c ? String(c.households) : '',
    fundingStatus: c?.fundingStatus ?? '',
    stock: c?.stock ?? '',
    staff: c?.staff === null || c?.staff === undefined ? '' : String(c.staff),
    contactName: c?.contactName ?? '',
    contactPhone: c?.contactPhone ?? '',
    contactEmail: c?.contactEmail ?? '',
    remarks: c?.remarks ?? '',
  };
}

const count = (value: string) => {
  const compact = value.replace(/[\s\u00a0\u202f]/g, '');
  return compact === '' ? null : Number.isFinite(Number(compact)) ? Number(compact) : compact;
};

/** Declares (or updates) what an organisation could still do in a sector and region this month. */
export function CapacityFormDialog({ capacity, open, onClose }: { capacity: Capacity | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const ft = useFiveWT();
  const labels = useResponseLabels();
  const user = useCurrentUser();
  const organisations = useActiveOrganisations();
  const regions = useRegions();
  const save = useSaveCapacity();
  const [draft, setDraft] = useState<Draft>(() => draftOf(capacity, user.organisationId ?? ''));
  const [errors, setErrors] = useState<Partial<Record<keyof Draft, string>>>({});
  const ownOnly = scopeOf(user, 'capacity:write') === 'organisation';
  const set = (name: keyof Draft, value: string) => setDraft((d) => ({ ...d, [name]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const candidate = {
      ...draft,
      organisationId: draft.organisationId || undefined,
      households: count(draft.households),
      staff: count(draft.staff),
      ...Object.fromEntries((['stock', 'contactName', 'contactPhone', 'contactEmail', 'remarks'] as const).map((k) => [k, draft[k].trim() === '' ? null : draft[k]])),
    };
    const parsed = capacityInput.safeParse(candidate);
    if (!parsed.success) {
      const next: Partial<Record<keyof Draft, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]) as keyof Draft;
        next[field] ??= issueMessage(issue, draft[field], t);
      }
      setErrors(next);
      return;
    }
    setErrors({});
    const request = capacity ? { id: capacity.id, input: { ...parsed.data, version: capacity.version } } : { id: null, input: parsed.data };
    save.mutate(request, { onSuccess: onClose });
  }

  return (
    <Modal open={open} title={capacity ? ft('capacities.editTitle') : ft('capacities.newTitle')} onClose={onClose} wide>
      <form className="form" noValidate onSubmit={submit}>
        {save.error && (isApiError(save.error, 'version_conflict') ? <VersionConflictNotice error={save.error} onReload={onClose} /> : <ProblemNotice error={save.error} />)}
        <div className="form-grid">
          <TextField type="month" label={ft('capacities.fields.period')} required value={draft.period} error={errors.period} onChange={(e) => set('period', e.target.value)} />
          <SelectField
            label={ft('capacities.fields.organisation')}
            required
            disabled={ownOnly}
            value={draft.organisationId}
            error={errors.organisationId}
            onChange={(e) => set('organisationId', e.target.value)}
            options={[{ value: '', label: t('common.choose') }, ...(organisations.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.acronym} — ${o.name}` }))]}
          />
          <SelectField
            label={ft('capacities.fields.sector')}
            required
            value={draft.sector}
            error={errors.sector}
            onChange={(e) => set('sector', e.target.value)}
            options={[{ value: '', label: t('common.choose') }, ...sectors.map((s) => ({ value: s, label: labels.sector(s) }))]}
          />
          <SelectField
            label={ft('capacities.fields.region')}
            required
            value={draft.regionPcode}
            error={errors.regionPcode}
            onChange={(e) => set('regionPcode', e.target.value)}
            options={[{ value: '', label: t('common.choose') }, ...(regions.data?.items ?? []).map((r) => ({ value: r.pcode, label: r.name }))]}
          />
          <TextField label={ft('capacities.fields.households')} hint={ft('capacities.form.householdsHint')} required inputMode="numeric" value={draft.households} error={errors.households} onChange={(e) => set('households', e.target.value)} />
          <SelectField
            label={ft('capacities.fields.fundingStatus')}
            required
            value={draft.fundingStatus}
            error={errors.fundingStatus}
            onChange={(e) => set('fundingStatus', e.target.value)}
            options={[{ value: '', label: t('common.choose') }, ...fundingStatuses.map((f) => ({ value: f, label: labels.funding(f) }))]}
          />
          <TextField label={ft('capacities.fields.staff')} inputMode="numeric" value={draft.staff} error={errors.staff} onChange={(e) => set('staff', e.target.value)} />
          <TextField label={ft('capacities.fields.contactName')} value={draft.contactName} error={errors.contactName} onChange={(e) => set('contactName', e.target.value)} />
          <TextField label={ft('capacities.fields.contactPhone')} type="tel" value={draft.contactPhone} error={errors.contactPhone} onChange={(e) => set('contactPhone', e.target.value)} />
          <TextField label={ft('capacities.fields.contactEmail')} type="email" value={draft.contactEmail} error={errors.contactEmail} onChange={(e) => set('contactEmail', e.target.value)} />
        </div>
        <TextAreaField label={ft('capacities.fields.stock')} rows={2} value={draft.stock} error={errors.stock} onChange={(e) => set('stock', e.target.value)} />
        <TextAreaField label={ft('capacities.fields.remarks')} rows={2} value={draft.remarks} error={errors.remarks} onChange={(e) => set('remarks', e.target.value)} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={save.isPending}>
            {save.isPending ? t('common.saving') : t('common.save')}
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
