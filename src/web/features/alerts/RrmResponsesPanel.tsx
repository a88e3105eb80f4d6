import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Alert, modalities, type RrmResponse, statusesOpenToRrmResponses } from '../../../shared/contracts/alerts.ts';
import { errorMessage } from '../../../shared/errors.ts';
import { scopeOf } from '../../../shared/permissions.ts';
import { sectors } from '../../../shared/sectors.ts';
import { isApiError } from '../../api/client.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { currentLanguage } from '../../i18n/i18n.ts';
import { useFormat } from '../../i18n/format.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { Modal } from '../../ui/Modal.tsx';
import { FormErrorSummary, Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { useZodForm } from '../../ui/useZodForm.ts';
import { VersionConflictNotice } from '../../ui/VersionConflictNotice.tsx';
import { useActiveOrganisations } from '../organisations/organisations.api.ts';
import { usePackagesT } from '../packages/i18n.ts';
import { PackageDeliveryFields } from '../packages/PackageDeliveryFields.tsx';
import { canWriteRrmResponse } from './alert-access.ts';
import { alertKeys, useDeleteRrmResponse, useRrmResponses, useSaveRrmResponse } from './alerts.api.ts';
import { useAlertLabels } from './labels.ts';
import { emptyRrmDraft, type RrmDraft, rrmDraftOf, rrmDraftViolations, rrmForm } from './rrm-draft.ts';

type Editing = { response: RrmResponse | null } | null;

/** The RRM responses of an alert; each user may change those of their own scope only. */
export function RrmResponsesPanel({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const labels = useAlertLabels();
  const format = useFormat();
  const pt = usePackagesT();
  const user = useCurrentUser();
  const headingId = useId();
  const responses = useRrmResponses(alert.id);
  const remove = useDeleteRrmResponse(alert.id);
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<RrmResponse | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const open = statusesOpenToRrmResponses.includes(alert.status);
  const canAdd = open && canWriteRrmResponse(user, alert, user.organisationId);
  const items = responses.data?.items ?? [];
  /** What a response gave short of its package, when it gave less. */
  const shortOf = (r: RrmResponse) =>
    [
      r.deliveredValueXof !== null ? pt('delivery.givenValue', { value: format.number(r.deliveredValueXof) }) : null,
      r.deliveredDurationMonths !== null ? pt('delivery.givenDuration', { count: r.deliveredDurationMonths }) : null,
      r.missingComponents.length > 0 ? pt('delivery.givenWithout', { items: format.list(r.missingComponents) }) : null,
    ]
      .filter(Boolean)
      .join(' · ');

  const columns: Column<RrmResponse>[] = [
    { key: 'organisation', header: t('alerts.rrm.organisation'), cell: (r) => <abbr title={r.organisation.name}>{r.organisation.acronym}</abbr> },
    { key: 'sector', header: t('alerts.rrm.sector'), cell: (r) => labels.sector(r.sector) },
    {
      key: 'package',
      header: t('alerts.rrm.package'),
      cell: (r) =>
        r.packageRef ? (
          <span className="cell-stack">
            <Link to={`/packages/${r.packageRef.id}`}>{`${r.packageRef.name} (v${r.packageRef.revision})`}</Link>
            {r.package && <span className="muted">{r.package}</span>}
            {shortOf(r) && <span className="muted">{shortOf(r)}</span>}
          </span>
        ) : (
          (r.package ?? t('common.empty'))
        ),
    },
    {
      key: 'dates',
      header: t('alerts.rrm.dates'),
      cell: (r) => (
        <>
          <span className="visually-hidden">{t('alerts.rrm.fromTo', { from: labels.day(r.startDate), to: labels.day(r.endDate) })}</span>
          <span className="cell-stack nowrap" aria-hidden="true">
            <span>{labels.day(r.startDate)} –</span>
            <span>{labels.day(r.endDate)}</span>
          </span>
        </>
      ),
    },
    { key: 'households', header: t('alerts.rrm.householdsReached'), numeric: true, cell: (r) => format.number(r.householdsReached) },
    { key: 'persons', header: t('alerts.rrm.personsReached'), numeric: true, cell: (r) => format.number(r.personsReached) },
    { key: 'modality', header: t('alerts.rrm.modality'), cell: (r) => labels.modality(r.modality) },
    {
      key: 'actions',
      header: t('alerts.rrm.actions'),
      cell: (r) =>
        canWriteRrmResponse(user, alert, r.organisation.id) ? (
          <span className="row-actions cell-stack">
            <button type="button" className="link-button" onClick={() => setEditing({ response: r })}>
              {t('common.edit')}
              <span className="visually-hidden"> {t('alerts.rrm.rowName', { organisation: r.organisation.acronym, sector: labels.sector(r.sector) })}</span>
            </button>
            <button type="button" className="link-button link-danger" onClick={() => setDeleting(r)}>
              {t('alerts.rrm.delete')}
              <span className="visually-hidden"> {t('alerts.rrm.rowName', { organisation: r.organisation.acronym, sector: labels.sector(r.sector) })}</span>
            </button>
          </span>
        ) : (
          t('common.empty')
        ),
    },
  ];

  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="panel-header">
        <h2 id={headingId}>{t('alerts.rrm.title', { count: items.length })}</h2>
        {canAdd && (
          <button
            type="button"
            className="button"
            onClick={() => {
              setFlash(null);
              setEditing({ response: null });
            }}
          >
            {t('alerts.rrm.add')}
          </button>
        )}
      </div>
      {flash && <Notice tone="success" title={flash} />}
      {remove.error && <ProblemNotice error={remove.error} />}
      {!open && <p className="muted">{alert.status === 'rejected' ? t('alerts.rrm.rejected') : t('alerts.rrm.notYet')}</p>}
      {responses.error && <ProblemNotice error={responses.error} />}
      {responses.isPending && <p role="status">{t('common.loading')}</p>}
      {responses.data && items.length === 0 && open && <p className="muted">{t('alerts.rrm.empty')}</p>}
      {items.length > 0 && (
        <div className="compact-table">
          <DataTable caption={t('alerts.rrm.caption', { code: alert.code })} columns={columns} rows={items} rowKey={(r) => r.id} />
        </div>
      )}
      {editing && (
        <RrmResponseDialog
          alert={alert}
          response={editing.response}
          onClose={() => setEditing(null)}
          onSaved={(message) => {
            setEditing(null);
            setFlash(message);
          }}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={t('alerts.rrm.deleteTitle')}
        confirmLabel={t('alerts.rrm.delete')}
        danger
        busy={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting, {
            onSuccess: () => {
              setDeleting(null);
              setFlash(t('alerts.rrm.deleted'));
            },
            onError: () => setDeleting(null),
          })
        }
      >
        {deleting && <p>{t('alerts.rrm.deleteConfirm', { organisation: deleting.organisation.acronym, sector: labels.sector(deleting.sector) })}</p>}
      </ConfirmDialog>
    </section>
  );
}

function RrmResponseDialog({ alert, response, onClose, onSaved }: { alert: Alert; response: RrmResponse | null; onClose: () => void; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const labels = useAlertLabels();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const save = useSaveRrmResponse(alert.id);
  const form = useZodForm(rrmForm, response ? rrmDraftOf(response) : emptyRrmDraft(user.organisationId), {
    codeFields: {
      unknown_organisation: 'organisationId',
      organisation_required: 'organisationId',
      package_unknown: 'packageId',
      package_sector_mismatch: 'packageId',
    },
  });
  const [version, setVersion] = useState(response?.version ?? 0);
  const { values, errors, set } = form;
  // Partners record for their own organisation only: the server refuses any other.
  const chooseOrganisation = scopeOf(user, 'rrm_response:write') !== 'organisation';
  const organisations = useActiveOrganisations();

  function submit(event: FormEvent) {
    event.preventDefault();
    const valid = form.submit();
    const violations = rrmDraftViolations(values, alert.shockDate);
    for (const v of violations) form.setError(v.path, errorMessage(v.code, currentLanguage()));
    if (!valid || violations.length > 0) return;
    const request = response ? { id: response.id, input: { ...valid, version } } : { id: null, input: valid };
    save.mutate(request, {
      onSuccess: () => onSaved(response ? t('alerts.rrm.updated') : t('alerts.rrm.created')),
      onError: form.showServerError,
    });
  }

  function reloadCurrent() {
    const current = save.error?.current as RrmResponse | undefined;
    if (current) {
      setVersion(current.version);
      form.reset(rrmDraftOf(current));
    }
    void queryClient.invalidateQueries({ queryKey: alertKeys.rrm(alert.id) });
    save.reset();
  }

  const ownOrganisation = (organisations.data?.items ?? []).find((o) => o.id === values.organisationId);
  return (
    <Modal open wide title={response ? t('alerts.rrm.editTitle') : t('alerts.rrm.addTitle', { code: alert.code })} onClose={onClose}>
      <form ref={form.formRef} className="form" noValidate onSubmit={submit}>
        {save.error ? (
          isApiError(save.error, 'version_conflict') ? (
            <VersionConflictNotice error={save.error} onReload={reloadCurrent} />
          ) : (
            <ProblemNotice error={save.error} />
          )
        ) : (
          <FormErrorSummary show={form.hasErrors} />
        )}
        <div className="form-grid">
          {chooseOrganisation ? (
            <SelectField
              label={t('alerts.rrm.organisation')}
              required
              value={values.organisationId}
              onChange={(event) => set('organisationId', event.target.value)}
              error={errors.organisationId}
              options={[{ value: '', label: t('common.choose') }, ...(organisations.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.acronym} — ${o.name}` }))]}
            />
          ) : (
            <div className="field">
              <span className="field-label">{t('alerts.rrm.organisation')}</span>
              <p className="static-value">{ownOrganisation ? `${ownOrganisation.acronym} — ${ownOrganisation.name}` : (response?.organisation.acronym ?? t('alerts.rrm.ownOrganisation'))}</p>
            </div>
          )}
          <SelectField
            label={t('alerts.rrm.sector')}
            required
            value={values.sector}
            onChange={(event) => {
              set('sector', event.target.value as RrmDraft['sector']);
              // A package belongs to one sector: another sector's choice would be refused.
              set('packageId', '');
            }}
            error={errors.sector}
            options={[{ value: '', label: t('common.choose') }, ...sectors.map((s) => ({ value: s, label: labels.sector(s) }))]}
          />
          <SelectField
            label={t('alerts.rrm.modality')}
            required
            value={values.modality}
            onChange={(event) => set('modality', event.target.value as RrmDraft['modality'])}
            error={errors.modality}
            options={[{ value: '', label: t('common.choose') }, ...modalities.map((m) => ({ value: m, label: labels.modality(m) }))]}
          />
          <TextField label={t('alerts.rrm.package')} maxLength={300} value={values.package} onChange={(event) => set('package', event.target.value)} error={errors.package} />
          <PackageDeliveryFields sector={values.sector} value={values} errors={errors} set={(name, value) => set(name, value as never)} />
          <TextField
            type="date"
            label={t('alerts.rrm.startDate')}
            required
            min={alert.shockDate}
            value={values.startDate}
            onChange={(event) => set('startDate', event.target.value)}
            error={errors.startDate}
          />
          <TextField
            type="date"
            label={t('alerts.rrm.endDate')}
            hint={t('alerts.rrm.endDateHint')}
            required
            min={values.startDate || alert.shockDate}
            value={values.endDate}
            onChange={(event) => set('endDate', event.target.value)}
            error={errors.endDate}
          />
          <TextField
            label={t('alerts.rrm.householdsReached')}
            required
            inputMode="numeric"
            value={values.householdsReached}
            onChange={(event) => set('householdsReached', event.target.value)}
            error={errors.householdsReached}
          />
          <TextField
            label={t('alerts.rrm.personsReached')}
            required
            inputMode="numeric"
            value={values.personsReached}
            onChange={(event) => set('personsReached', event.target.value)}
            error={errors.personsReached}
          />
        </div>
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onClose} disabled={save.isPending}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button" disabled={save.isPending}>
            {save.isPending ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
