import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultEdition, type GazetteerImportKind, type GazetteerImportResult, gazetteerImportKinds } from '../../../shared/contracts/gazetteer.ts';
import { isApiError } from '../../api/client.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { type GazetteerImportRequest, useImportGazetteer } from './gazetteer-admin.api.ts';
import { ImportReport } from './ImportReport.tsx';

const levelLabels = { 1: 'gazetteer.level1', 2: 'gazetteer.level2', 3: 'gazetteer.level3' } as const;
const fileTypes: Record<GazetteerImportKind, string> = { boundaries: '.geojson,.json', communes: '.csv,.xlsx', settlements: '.csv,.xlsx' };

/**
 * Upload in two steps: the file is first checked (a dry run: the same report, nothing written),
 * then imported on confirmation. Changing anything sends it back to the check.
 */
export function GazetteerImportForm() {
  const { t } = useTranslation();
  const fileId = useId();
  const [kind, setKind] = useState<GazetteerImportKind>('boundaries');
  const [level, setLevel] = useState('1');
  const [edition, setEdition] = useState<string>(defaultEdition);
  const [properties, setProperties] = useState({ pcodeProperty: '', nameProperty: '', parentProperty: '' });
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<GazetteerImportResult | null>(null);
  const [imported, setImported] = useState<GazetteerImportResult | null>(null);
  const importer = useImportGazetteer();

  const refused = isApiError(importer.error, 'import_invalid') ? (importer.error.report as GazetteerImportResult) : null;

  function restart<T>(set: (value: T) => void) {
    return (value: T) => {
      set(value);
      setChecked(null);
      setImported(null);
      importer.reset();
    };
  }

  function request(dryRun: boolean): GazetteerImportRequest | null {
    if (!file) return null;
    const named = Object.fromEntries(Object.entries(properties).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()]));
    return { file, kind, level: kind === 'boundaries' ? Number(level) : undefined, edition: edition.trim() || defaultEdition, dryRun, ...(kind === 'boundaries' ? named : {}) };
  }

  function check(event: FormEvent) {
    event.preventDefault();
    const body = request(true);
    if (!body) return;
    setImported(null);
    importer.mutate(body, { onSuccess: (report) => setChecked(report) });
  }

  function confirm() {
    const body = request(false);
    if (!body) return;
    importer.mutate(body, {
      onSuccess: (report) => {
        setChecked(null);
        setImported(report);
      },
    });
  }

  const busy = importer.isPending;
  return (
    <form className="form" onSubmit={check} noValidate>
      <div className="form-grid">
        <SelectField
          label={t('gazetteer.kind')}
          value={kind}
          onChange={(event) => restart(setKind)(event.target.value as GazetteerImportKind)}
          options={gazetteerImportKinds.map((k) => ({ value: k, label: t(`gazetteer.kinds.${k}`) }))}
        />
        {kind === 'boundaries' && (
          <SelectField
            label={t('gazetteer.level')}
            value={level}
            onChange={(event) => restart(setLevel)(event.target.value)}
            options={([1, 2, 3] as const).map((l) => ({ value: String(l), label: t(levelLabels[l]) }))}
          />
        )}
        <TextField label={t('gazetteer.edition')} hint={t('gazetteer.editionHint')} value={edition} maxLength={40} onChange={(event) => restart(setEdition)(event.target.value)} />
      </div>
      <div className="field">
        <div className="field-label">
          <label htmlFor={fileId}>{t('gazetteer.file')}</label>
        </div>
        <p className="field-hint" id={`${fileId}-hint`}>
          {t(`gazetteer.fileHints.${kind}`)}
        </p>
        <input id={fileId} type="file" accept={fileTypes[kind]} aria-describedby={`${fileId}-hint`} onChange={(event) => restart(setFile)(event.target.files?.[0] ?? null)} />
      </div>
      {kind === 'boundaries' && (
        <details className="fieldset">
          <summary>{t('gazetteer.properties')}</summary>
          <p className="field-hint">{t('gazetteer.propertiesHint')}</p>
          <div className="form-grid">
            {(['pcodeProperty', 'nameProperty', 'parentProperty'] as const).map((name) => (
              <TextField
                key={name}
                label={t(`gazetteer.${name}`)}
                value={properties[name]}
                maxLength={60}
                onChange={(event) => restart(setProperties)({ ...properties, [name]: event.target.value })}
              />
            ))}
          </div>
        </details>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-secondary" disabled={!file || busy}>
          {busy && !checked ? t('gazetteer.checking') : t('gazetteer.check')}
        </button>
        {checked && (
          <button type="button" className="button" disabled={busy} onClick={confirm}>
            {busy ? t('gazetteer.importing') : t('gazetteer.confirm')}
          </button>
        )}
      </div>

      {checked && (
        <>
          <Notice tone="info" title={t('gazetteer.checkedOk')} />
          <ImportReport report={checked} />
        </>
      )}
      {imported && (
        <>
          <Notice tone="success" title={t('gazetteer.imported', { file: imported.fileName })} />
          <ImportReport report={imported} />
        </>
      )}
      {refused ? (
        <>
          <Notice tone="error" title={importer.error?.title}>
            <p>{t('gazetteer.refused', { count: refused.errorCount })}</p>
          </Notice>
          <ImportReport report={refused} />
        </>
      ) : (
        importer.error && <ProblemNotice error={importer.error} />
      )}
    </form>
  );
}
