import { fundingStatuses, fundingStatusLabels } from '../../../shared/contracts/capacities.ts';
import { sectorAliases, sectorLabels, sectors } from '../../../shared/sectors.ts';
import { defineColumns, optionsFrom, type RowOf } from '../../lib/tabular/index.ts';

/** The capacity sheet: one row per organisation, sector, region and month. */
export const capacityColumns = defineColumns([
  { key: 'id', type: 'text', hxl: '#meta+id', header: { fr: 'Identifiant', en: 'Record id' }, aliases: ['ID'], unique: true, maxLength: 40, width: 38 },
  { key: 'period', type: 'text', hxl: '#date+reported', header: { fr: 'Mois', en: 'Month' }, aliases: ['Mois de rapportage', 'Période', 'Reporting month', 'Period'], maxLength: 30 },
  { key: 'organisation', type: 'text', hxl: '#org+prog', header: { fr: 'Organisation', en: 'Organisation' }, aliases: ['Acteur', 'Partenaire', 'Organization'], maxLength: 200 },
  { key: 'sector', type: 'enum', hxl: '#sector', header: { fr: 'Secteur', en: 'Sector' }, aliases: ['Cluster'], required: true, options: optionsFrom(sectors, sectorLabels, sectorAliases) },
  { key: 'regionName', type: 'text', hxl: '#adm1+name', header: { fr: 'Région', en: 'Region' }, maxLength: 100 },
  { key: 'regionCode', type: 'text', hxl: '#adm1+code', header: { fr: 'Code P région', en: 'Region P-code' }, maxLength: 20 },
  {
    key: 'households',
    type: 'integer',
    hxl: '#capacity+hh',
    header: { fr: 'Ménages pouvant encore être couverts', en: 'Households that can still be covered' },
    aliases: ['Capacité (ménages)', 'Ménages', 'Capacité', 'Capacity (households)', 'Households'],
    required: true,
    min: 0,
    max: 10_000_000,
  },
  {
    key: 'fundingStatus',
    type: 'enum',
    hxl: '#status+funding',
    header: { fr: 'Financement', en: 'Funding' },
    aliases: ['Statut du financement', 'Funding status'],
    required: true,
    options: optionsFrom(fundingStatuses, fundingStatusLabels, { funded: ['Oui', 'Acquis'], partially_funded: ['Partiel', 'Partiellement'], pipeline: ['En négociation', 'Pipeline'], unfunded: ['Non', 'Aucun'] }),
  },
  { key: 'stock', type: 'text', hxl: '#item+stock', header: { fr: 'Stocks disponibles', en: 'Stocks available' }, aliases: ['Stocks', 'Stock'], maxLength: 1000, width: 30 },
  { key: 'staff', type: 'integer', hxl: '#capacity+staff', header: { fr: 'Personnel', en: 'Staff' }, aliases: ['Effectif', 'Staff on the ground'], min: 0, max: 100_000 },
  { key: 'contactName', type: 'text', hxl: '#contact+name', header: { fr: 'Point focal', en: 'Focal point' }, aliases: ['Contact', 'Nom du contact'], maxLength: 200 },
  { key: 'contactPhone', type: 'text', hxl: '#contact+phone', header: { fr: 'Téléphone', en: 'Phone' }, maxLength: 50 },
  { key: 'contactEmail', type: 'text', hxl: '#contact+email', header: { fr: 'E-mail', en: 'E-mail' }, aliases: ['Courriel', 'Email'], maxLength: 200 },
  { key: 'remarks', type: 'text', hxl: '#description+notes', header: { fr: 'Remarques', en: 'Remarks' }, aliases: ['Commentaires', 'Comments'], maxLength: 2000, width: 30 },
]);
export type CapacityRow = RowOf<typeof capacityColumns>;
export type CapacityColumnKey = (typeof capacityColumns)[number]['key'];
