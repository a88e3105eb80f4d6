import { sectorLabels, sectors } from '../../../shared/sectors.ts';
import { type ColumnSpec, defineColumns, optionsFrom } from '../../lib/tabular/index.ts';
import { alertColumns } from '../alerts/alerts.module.ts';
import { capacityColumns } from '../capacities/capacities.module.ts';
import { gapColumns } from '../gaps/gaps.module.ts';

/** A feature's columns but some: what a feed leaves out of an export (personal data, free text, record ids). */
function without(columns: readonly ColumnSpec[], keys: readonly string[]): ColumnSpec[] {
  for (const key of keys) if (!columns.some((c) => c.key === key)) throw new Error(`No column ${key} to leave out`);
  return columns.filter((c) => !keys.includes(c.key));
}

const sectorColumn = {
  key: 'sector',
  type: 'enum',
  hxl: '#sector',
  header: { fr: 'Secteur', en: 'Sector' },
  options: optionsFrom(sectors, sectorLabels),
  width: 22,
} as const;
const situationDate = { key: 'at', type: 'date', hxl: '#date+reported', header: { fr: 'Situation au', en: 'Situation on' } } as const;

/** The 5W added up by month, commune, organisation and sector. */
export const fiveWFeedColumns = defineColumns([
  { key: 'month', type: 'text', hxl: '#date+reported', header: { fr: 'Mois de rapportage', en: 'Reporting month' } },
  { key: 'adm1Name', type: 'text', hxl: '#adm1+name', header: { fr: 'Région', en: 'Region' } },
  { key: 'adm1Code', type: 'text', hxl: '#adm1+code', header: { fr: 'Code P région', en: 'Region P-code' } },
  { key: 'adm2Name', type: 'text', hxl: '#adm2+name', header: { fr: 'Cercle', en: 'Cercle' } },
  { key: 'adm2Code', type: 'text', hxl: '#adm2+code', header: { fr: 'Code P cercle', en: 'Cercle P-code' } },
  { key: 'adm3Name', type: 'text', hxl: '#adm3+name', header: { fr: 'Commune', en: 'Commune' } },
  { key: 'adm3Code', type: 'text', hxl: '#adm3+code', header: { fr: 'Code P commune', en: 'Commune P-code' } },
  { key: 'organisation', type: 'text', hxl: '#org+prog+acronym', header: { fr: 'Organisation', en: 'Organisation' } },
  sectorColumn,
  { key: 'activities', type: 'integer', hxl: '#activity+num', header: { fr: 'Activités rapportées', en: 'Activities reported' } },
  { key: 'localities', type: 'integer', hxl: '#loc+num', header: { fr: 'Localités', en: 'Localities' } },
  { key: 'householdsTargeted', type: 'integer', hxl: '#targeted+hh', header: { fr: 'Ménages ciblés', en: 'Households targeted' } },
  { key: 'householdsReached', type: 'integer', hxl: '#reached+hh', header: { fr: 'Ménages atteints', en: 'Households reached' } },
  { key: 'personsTargeted', type: 'integer', hxl: '#targeted+ind', header: { fr: 'Personnes ciblées', en: 'Persons targeted' } },
  { key: 'personsReached', type: 'integer', hxl: '#reached+ind', header: { fr: 'Personnes atteintes', en: 'Persons reached' } },
]);

/** The gap list at a date, without the organisations present nor follow-up notes (the same for every reader). */
export const gapsFeedColumns = defineColumns([situationDate, ...without(gapColumns, ['organisations', 'followUp', 'followUpComment'])]);

/** Capacities without record ids, stocks described in words, contacts (personal data) or remarks. */
export const capacitiesFeedColumns = defineColumns(without(capacityColumns, ['id', 'stock', 'contactName', 'contactPhone', 'contactEmail', 'remarks']));

/** The alert matrix without its free text (origin described in words, description, reason for a rejection). */
export const alertsFeedColumns = defineColumns(without(alertColumns, ['originText', 'description', 'rejectionReason']));

/** The public figures: needs, coverage and gaps added up by region and sector. */
export const publicFeedColumns = defineColumns([
  situationDate,
  { key: 'regionName', type: 'text', hxl: '#adm1+name', header: { fr: 'Région', en: 'Region' } },
  { key: 'regionCode', type: 'text', hxl: '#adm1+code', header: { fr: 'Code P région', en: 'Region P-code' } },
  sectorColumn,
  { key: 'localities', type: 'integer', hxl: '#loc+num', header: { fr: 'Localités suivies', en: 'Localities followed' } },
  { key: 'need', type: 'integer', hxl: '#inneed+hh', header: { fr: 'Ménages dans le besoin', en: 'Households in need' } },
  { key: 'covered', type: 'integer', hxl: '#reached+hh', header: { fr: 'Ménages couverts', en: 'Households covered' } },
  { key: 'gap', type: 'integer', hxl: '#inneed+hh+unmet', header: { fr: 'Gap (ménages)', en: 'Gap (households)' } },
  { key: 'ratio', type: 'number', hxl: '#indicator+coverage+pct', header: { fr: 'Taux de couverture', en: 'Coverage ratio' } },
  { key: 'openGaps', type: 'integer', hxl: '#indicator+gaps+open', header: { fr: 'Localités en gap', en: 'Localities in gap' } },
  { key: 'upcomingGaps', type: 'integer', hxl: '#indicator+gaps+upcoming', header: { fr: 'Gaps à venir', en: 'Upcoming gaps' } },
]);
