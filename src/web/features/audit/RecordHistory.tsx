import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../../shared/contracts/audit.ts';
import { can } from '../../../shared/permissions.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { useFormat } from '../../i18n/format.ts';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { useRecordHistory } from './audit.api.ts';
import { type FieldChange, recordChanges } from './changes.ts';

interface RecordHistoryProps {
  /** The audit entity name the server records, e.g. `user`, `organisation`. */
  entity: string;
  id: string;
  pageSize?: number;
  /** Labels for fields this component does not know; other fields show their key. */
  fieldLabels?: Record<string, string>;
  /** Writes a feature's own values (codes, enums); return undefined to use the default. */
  formatValue?: (field: string, value: unknown) => string | undefined;
}

/** Who changed what and when on one record, newest first; only for those allowed to read the audit. */
export function RecordHistory(props: RecordHistoryProps) {
  const user = useCurrentUser();
  return can(user, 'audit:read') ? <History {...props} /> : null;
}

function History({ entity, id, pageSize = 10, fieldLabels, formatValue }: RecordHistoryProps) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const headingId = useId();
  const [page, setPage] = useState(1);
  const history = useRecordHistory(entity, id, page, pageSize);

  const label = (field: string) => fieldLabels?.[field] ?? (i18n.exists(`history.fields.${field}`) ? t(`history.fields.${field}` as 'history.fields.name') : field);

  const valueText = (field: string, value: unknown): string => {
    const custom = formatValue?.(field, value);
    if (custom !== undefined) return custom;
    if (value === null || value === undefined || value === '') return t('common.empty');
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    if (Array.isArray(value)) return value.length ? value.map((item) => valueText(field, item)).join(', ') : t('common.empty');
    if (typeof value === 'string') return knownValue(field, value) ?? (/^\d{4}-\d{2}-\d{2}T/.test(value) ? format.dateTime(value) : value);
    if (typeof value === 'number') return format.number(value);
    return JSON.stringify(value);
  };

  /** The shared enums every admin record uses: roles, organisation types, languages. */
  const knownValue = (field: string, value: string): string | undefined => {
    const key = {
      role: `roles.${value}`,
      type: `organisations.types.${value}`,
      roles: `organisations.roleNames.${value}`,
      language: `language.${value}`,
    }[field];
    return key && i18n.exists(key) ? t(key as 'roles.admin') : undefined;
  };

  return (
    <section className="panel history" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('history.title')}</h2>
      {history.error && <ProblemNotice error={history.error} />}
      {history.isPending && <p role="status">{t('common.loading')}</p>}
      {history.data && history.data.total === 0 && <p className="muted">{t('history.empty')}</p>}
      {history.data && history.data.items.length > 0 && (
        <ol className="history-list" aria-busy={history.isPlaceholderData || undefined}>
          {history.data.items.map((event) => (
            <HistoryEntry key={event.id} event={event} label={label} valueText={valueText} />
          ))}
        </ol>
      )}
      {history.data && <Pagination page={page} pageSize={pageSize} total={history.data.total} onPageChange={setPage} />}
    </section>
  );
}

function HistoryEntry({
  event,
  label,
  valueText,
}: {
  event: AuditEvent;
  label: (field: string) => string;
  valueText: (field: string, value: unknown) => string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { changes, notes } = recordChanges(event);
  const showBefore = event.action !== 'create';
  return (
    <li className="history-entry">
      <p className="history-meta">
        <strong>{t(`history.actions.${event.action}`)}</strong>
        {' · '}
        <time dateTime={event.at}>{format.dateTime(event.at)}</time>
        {' · '}
        {event.actorName ? t('history.by', { name: event.actorName }) : t('history.system')}
        {event.apiToken && ` ${t('history.viaToken', { name: event.apiToken.name })}`}
      </p>
      {notes.map((note) => (
        <p key={note} className="history-note">
          {t(`history.${note}`)}
        </p>
      ))}
      {changes.length > 0 && <ChangeTable changes={changes} showBefore={showBefore} label={label} valueText={valueText} />}
      {changes.length === 0 && notes.length === 0 && event.action === 'update' && <p className="muted">{t('history.noFieldChange')}</p>}
    </li>
  );
}

function ChangeTable({
  changes,
  showBefore,
  label,
  valueText,
}: {
  changes: FieldChange[];
  showBefore: boolean;
  label: (field: string) => string;
  valueText: (field: string, value: unknown) => string;
}) {
  const { t } = useTranslation();
  return (
    <table className="change-table">
      <thead>
        <tr>
          <th scope="col">{t('history.field')}</th>
          {showBefore && <th scope="col">{t('history.before')}</th>}
          <th scope="col">{showBefore ? t('history.after') : t('history.value')}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change) => (
          <tr key={change.field}>
            <th scope="row">{label(change.field)}</th>
            {showBefore && (
              <td className="change-before" data-label={t('history.before')}>
                {valueText(change.field, change.before)}
              </td>
            )}
            <td className="change-after" data-label={showBefore ? t('history.after') : t('history.value')}>
              {valueText(change.field, change.after)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
