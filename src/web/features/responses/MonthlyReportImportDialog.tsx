import { useState } from 'react';
import { scopeOf } from '../../../shared/permissions.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { ImportDialog } from '../../ui/ImportDialog.tsx';
import { useActiveOrganisations } from '../organisations/organisations.api.ts';
import { useFiveWT } from './i18n.ts';
import { currentPeriod } from './labels.ts';
import { importMonthlyReport, type MonthlyReportKind, useAfterMonthlyReportImport } from './responses.api.ts';

interface MonthlyReportImportDialogProps {
  open: boolean;
  onClose: () => void;
  /** '5W' sheets or capacity sheets: the same round trip. */
  kind: MonthlyReportKind;
  templateUrl: (period: string, organisationId: string | undefined) => string;
}

/**
 * The Excel round trip of a monthly report: download the organisation's sheet for a month (last
 * month's rows already in it), fill it, then send it back through the shared import dialog. The
 * month and organisation chosen for the template also apply to rows of the file that lack them.
 */
export function MonthlyReportImportDialog({ open, onClose, kind, templateUrl }: MonthlyReportImportDialogProps) {
  const ft = useFiveWT();
  const user = useCurrentUser();
  const organisations = useActiveOrganisations();
  const afterImport = useAfterMonthlyReportImport(kind);
  // An organisation-scoped writer reports for its own organisation: the server fills it in.
  const ownOnly = scopeOf(user, kind === 'responses' ? 'response:write' : 'capacity:write') === 'organisation';
  const [period, setPeriod] = useState(currentPeriod());
  const [organisationId, setOrganisationId] = useState(user.organisationId ?? '');
  const scope = { period, organisationId: ownOnly ? undefined : organisationId || undefined };
  const organisationOptions = (organisations.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.acronym} — ${o.name}` }));

  return (
    <ImportDialog
      open={open}
      onClose={onClose}
      title={ft(`${kind}.import.title`)}
      intro={ft('responses.import.uploadIntro')}
      upload={(upload) => importMonthlyReport(kind, scope, upload)}
      uploadScope={`${scope.period}/${scope.organisationId ?? ''}`}
      onCommitted={afterImport}
      reportsProgress
      template={
        <>
          <p className="field-hint">{ft(`${kind}.import.templateIntro`)}</p>
          <div className="form-grid">
            <TextField type="month" label={ft('responses.import.month')} value={period} onChange={(e) => setPeriod(e.target.value)} />
            {!ownOnly && (
              <SelectField
                label={ft('responses.fields.organisation')}
                value={organisationId}
                onChange={(e) => setOrganisationId(e.target.value)}
                options={[{ value: '', label: ft('responses.import.noOrganisation') }, ...organisationOptions]}
              />
            )}
          </div>
          <a className="button button-secondary" href={templateUrl(scope.period, scope.organisationId)} download>
            {ft('responses.import.downloadTemplate')}
          </a>
        </>
      }
    />
  );
}
