import { actionPointStatuses, actionPointStatusLabels, meetingLevelLabels, meetingLevels } from '../../../shared/contracts/meetings.ts';
import { sectorLabels, sectors } from '../../../shared/sectors.ts';
import { defineColumns, optionsFrom, type RowOf } from '../../lib/tabular/index.ts';

/** The action points as a file (export only: they are recorded in meetings). */
export const actionPointColumns = defineColumns([
  { key: 'reference', type: 'text', hxl: '#meta+id', header: { fr: 'Réf.', en: 'Ref.' }, width: 8 },
  { key: 'meetingDate', type: 'date', hxl: '#date+meeting', header: { fr: 'Date de la réunion', en: 'Meeting date' } },
  { key: 'meetingTitle', type: 'text', hxl: '#meta+meeting', header: { fr: 'Réunion', en: 'Meeting' }, width: 32 },
  { key: 'meetingLevel', type: 'enum', hxl: '#meta+level', header: { fr: 'Niveau', en: 'Level' }, options: optionsFrom(meetingLevels, meetingLevelLabels), width: 18 },
  { key: 'title', type: 'text', hxl: '#activity+action', header: { fr: 'Action', en: 'Action' }, width: 48 },
  { key: 'decision', type: 'text', hxl: '#meta+decision', header: { fr: 'Décision', en: 'Decision' }, width: 8 },
  { key: 'ownerOrganisation', type: 'text', hxl: '#org+owner', header: { fr: 'Organisation responsable', en: 'Owner organisation' }, width: 16 },
  { key: 'ownerPerson', type: 'text', hxl: '#contact+name', header: { fr: 'Personne responsable', en: 'Person in charge' }, width: 22 },
  { key: 'dueDate', type: 'date', hxl: '#date+due', header: { fr: 'Échéance', en: 'Due date' } },
  { key: 'status', type: 'enum', hxl: '#status', header: { fr: 'Statut', en: 'Status' }, options: optionsFrom(actionPointStatuses, actionPointStatusLabels), width: 12 },
  { key: 'overdue', type: 'boolean', hxl: '#indicator+overdue', header: { fr: 'En retard', en: 'Overdue' } },
  { key: 'statusNote', type: 'text', hxl: '#description+status', header: { fr: 'Commentaire de suivi', en: 'Progress note' }, width: 32 },
  { key: 'region', type: 'text', hxl: '#adm1+name', header: { fr: 'Région', en: 'Region' }, width: 14 },
  { key: 'locality', type: 'text', hxl: '#loc+name', header: { fr: 'Localité', en: 'Locality' }, width: 20 },
  { key: 'localityCode', type: 'text', hxl: '#loc+code', header: { fr: 'Code P localité', en: 'Locality P-code' } },
  { key: 'sector', type: 'enum', hxl: '#sector', header: { fr: 'Secteur', en: 'Sector' }, options: optionsFrom(sectors, sectorLabels), width: 22 },
  { key: 'alert', type: 'text', hxl: '#meta+alert', header: { fr: 'Alerte', en: 'Alert' }, width: 14 },
]);

export type ActionPointFileRow = RowOf<typeof actionPointColumns>;
