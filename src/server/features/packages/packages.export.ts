import { PassThrough } from 'node:stream';
import type { Language } from '../../../shared/contracts/common.ts';
import {
  type HarmonisedMethod,
  type HarmonisedPackage,
  endorsingBodies,
  endorsingBodyLabels,
  methodTypeLabels,
  methodTypes,
  packageFrequencies,
  packageFrequencyLabels,
  packageModalities,
  packageModalityLabels,
  packagePhaseLabels,
  packagePhases,
  packageStatuses,
  packageStatusLabels,
} from '../../../shared/contracts/packages.ts';
import type { ExportFormat } from '../../../shared/contracts/responses.ts';
import { sectorLabels, sectors } from '../../../shared/sectors.ts';
import type { Download } from '../../lib/http.ts';
import { type ColumnSpec, defineColumns, type RowOf, optionsFrom, tableContentTypes, tableExtensions, writeTable } from '../../lib/tabular/index.ts';

const common = [
  { key: 'id', type: 'text', hxl: '#meta+id', header: { fr: 'Identifiant', en: 'Record id' }, width: 38 },
  { key: 'sector', type: 'enum', hxl: '#sector', header: { fr: 'Secteur', en: 'Sector' }, options: optionsFrom(sectors, sectorLabels) },
  { key: 'name', type: 'text', hxl: '#indicator+name', header: { fr: 'Nom', en: 'Name' }, width: 40 },
  { key: 'revision', type: 'integer', hxl: '#meta+version', header: { fr: 'Version', en: 'Version' } },
  { key: 'status', type: 'enum', hxl: '#status', header: { fr: 'Statut', en: 'Status' }, options: optionsFrom(packageStatuses, packageStatusLabels) },
  { key: 'phase', type: 'enum', hxl: '#meta+phase', header: { fr: 'Phase', en: 'Phase' }, options: optionsFrom(packagePhases, packagePhaseLabels) },
] as const satisfies readonly ColumnSpec[];
const endorsementColumns = [
  {
    key: 'endorsedBy',
    type: 'enum',
    hxl: '#org+endorsed',
    header: { fr: 'Validé par', en: 'Endorsed by' },
    options: optionsFrom(endorsingBodies, endorsingBodyLabels),
  },
  { key: 'endorsedOn', type: 'date', hxl: '#date+endorsed', header: { fr: 'Date de validation', en: 'Endorsement date' } },
  { key: 'references', type: 'text', hxl: '#meta+source', header: { fr: 'Références', en: 'References' }, width: 40 },
] as const satisfies readonly ColumnSpec[];

export const packageColumns = defineColumns([
  ...common,
  {
    key: 'modality',
    type: 'enum',
    hxl: '#modality',
    header: { fr: 'Modalité', en: 'Modality' },
    options: optionsFrom(packageModalities, packageModalityLabels),
  },
  { key: 'components', type: 'list', hxl: '#item+name', header: { fr: 'Composantes', en: 'Components' }, width: 50 },
  { key: 'transferValueXof', type: 'integer', hxl: '#value+transfer+xof', header: { fr: 'Valeur par ménage (FCFA)', en: 'Value per household (XOF)' } },
  { key: 'recurring', type: 'boolean', hxl: '#meta+monthly', header: { fr: 'Valeur mensuelle', en: 'Monthly value' } },
  { key: 'durationMonths', type: 'integer', hxl: '#meta+duration', header: { fr: 'Durée (mois)', en: 'Duration (months)' } },
  {
    key: 'frequency',
    type: 'enum',
    hxl: '#meta+frequency',
    header: { fr: 'Fréquence', en: 'Frequency' },
    options: optionsFrom(packageFrequencies, packageFrequencyLabels),
  },
  { key: 'targeting', type: 'text', hxl: '#beneficiary+criteria', header: { fr: 'Critères de ciblage', en: 'Targeting criteria' }, width: 40 },
  ...endorsementColumns,
]);

export const methodColumns = defineColumns([
  ...common,
  {
    key: 'methodType',
    type: 'enum',
    hxl: '#activity+method',
    header: { fr: 'Type de méthode', en: 'Method type' },
    options: optionsFrom(methodTypes, methodTypeLabels),
  },
  { key: 'documentUrl', type: 'text', hxl: '#meta+url', header: { fr: 'Document', en: 'Document' }, width: 40 },
  ...endorsementColumns,
]);

const componentText = (c: HarmonisedPackage['components'][number]) =>
  [c.quantity === null ? null : String(c.quantity), c.unit, c.item].filter(Boolean).join(' ');

function shared(p: HarmonisedPackage | HarmonisedMethod) {
  return {
    id: p.id,
    sector: p.sector,
    name: p.name,
    revision: p.revision,
    status: p.status,
    phase: p.phase,
    endorsedBy: p.endorsement?.by ?? null,
    endorsedOn: p.endorsement?.on ?? null,
    references: p.references,
  };
}

function download<const Cs extends readonly ColumnSpec[]>(
  name: string,
  format: ExportFormat,
  language: Language,
  columns: Cs,
  rows: Partial<RowOf<Cs>>[],
): Download {
  const body = new PassThrough();
  writeTable(body, { format, columns, rows, language, csvDelimiter: format === 'csv' && language === 'fr' ? ';' : ',', sheetName: name }).catch(
    (error: unknown) => body.destroy(error as Error),
  );
  return {
    fileName: `${name}-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}${tableExtensions[format]}`,
    contentType: tableContentTypes[format],
    body,
  };
}

export function packagesDownload(items: readonly HarmonisedPackage[], format: ExportFormat, language: Language): Download {
  const rows = items.map((p) => ({
    ...shared(p),
    modality: p.modality,
    components: p.components.map(componentText),
    transferValueXof: p.transferValueXof,
    recurring: p.recurring,
    durationMonths: p.durationMonths,
    frequency: p.frequency,
    targeting: p.targeting,
  }));
  return download(language === 'fr' ? 'paquets' : 'packages', format, language, packageColumns, rows);
}

export function methodsDownload(items: readonly HarmonisedMethod[], format: ExportFormat, language: Language): Download {
  const rows = items.map((m) => ({ ...shared(m), methodType: m.methodType, documentUrl: m.documentUrl }));
  return download(language === 'fr' ? 'methodes' : 'methods', format, language, methodColumns, rows);
}
