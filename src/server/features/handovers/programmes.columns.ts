import { sectorAliases, sectorLabels, sectors } from '../../../shared/sectors.ts';
import { defineColumns, optionsFrom, type RowOf } from '../../lib/tabular/index.ts';

/** The development programmes sheet: one row per programme of a development or resilience actor. */
export const programmeColumns = defineColumns([
  { key: 'id', type: 'text', hxl: '#meta+id', header: { fr: 'Identifiant', en: 'Record id' }, aliases: ['ID'], unique: true, maxLength: 40, width: 38 },
  { key: 'organisation', type: 'text', hxl: '#org+impl', header: { fr: 'Organisation', en: 'Organisation' }, aliases: ['Acteur', 'Acteur de développement', 'Organization'], required: true, maxLength: 200 },
  { key: 'name', type: 'text', hxl: '#activity+programme', header: { fr: 'Programme', en: 'Programme' }, aliases: ['Nom du programme', 'Projet', 'Programme name', 'Project'], required: true, maxLength: 300, width: 36 },
  { key: 'funding', type: 'text', hxl: '#org+funder', header: { fr: 'Financement', en: 'Funding' }, aliases: ['Bailleur', 'Bailleurs', 'Donor', 'Funder'], maxLength: 300, width: 24 },
  { key: 'startDate', type: 'date', hxl: '#date+start', header: { fr: 'Date de début', en: 'Start date' }, aliases: ['Début', 'Start'], required: true },
  { key: 'endDate', type: 'date', hxl: '#date+end', header: { fr: 'Date de fin', en: 'End date' }, aliases: ['Fin', 'End'] },
  { key: 'sectors', type: 'list', hxl: '#sector', header: { fr: 'Secteurs', en: 'Sectors' }, aliases: ['Secteur', 'Sector'], options: optionsFrom(sectors, sectorLabels, sectorAliases), width: 30 },
  {
    key: 'areas',
    type: 'list',
    hxl: '#adm3+code',
    header: { fr: "Zones d'intervention", en: 'Areas of intervention' },
    aliases: ['Communes', 'Communes cibles', 'Zones', 'Target communes', 'Areas'],
    required: true,
    maxLength: 100,
    width: 36,
  },
  { key: 'description', type: 'text', hxl: '#description', header: { fr: 'Description', en: 'Description' }, aliases: ['Remarques', 'Notes'], maxLength: 5000, width: 40 },
]);
export type ProgrammeRow = RowOf<typeof programmeColumns>;
