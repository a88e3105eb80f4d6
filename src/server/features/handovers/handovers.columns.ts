import { handoverStatusLabels } from '../../../shared/contracts/handovers.ts';
import { handoverStatuses } from '../../../shared/handovers.ts';
import { defineColumns, optionsFrom, type RowOf } from '../../lib/tabular/index.ts';

/** The handover list as a table (export only: handovers are recorded one by one). */
export const handoverColumns = defineColumns([
  { key: 'id', type: 'text', hxl: '#meta+id', header: { fr: 'Identifiant', en: 'Record id' }, width: 38 },
  { key: 'alert', type: 'text', hxl: '#event+code', header: { fr: 'Alerte', en: 'Alert' }, width: 16 },
  { key: 'shockDate', type: 'date', hxl: '#date+shock', header: { fr: 'Date du choc', en: 'Shock date' } },
  { key: 'locality', type: 'text', hxl: '#loc+name', header: { fr: 'Localité', en: 'Locality' }, width: 22 },
  { key: 'commune', type: 'text', hxl: '#adm3+name', header: { fr: 'Commune', en: 'Commune' }, width: 18 },
  { key: 'cercle', type: 'text', hxl: '#adm2+name', header: { fr: 'Cercle', en: 'Cercle' }, width: 18 },
  { key: 'region', type: 'text', hxl: '#adm1+name', header: { fr: 'Région', en: 'Region' }, width: 14 },
  { key: 'month', type: 'integer', hxl: '#indicator+month', header: { fr: 'Mois depuis le choc', en: 'Month since the shock' } },
  { key: 'resilienceFrom', type: 'date', hxl: '#date+resilience', header: { fr: 'Début de la résilience', en: 'Resilience from' } },
  { key: 'status', type: 'enum', hxl: '#status', header: { fr: 'Statut', en: 'Status' }, options: optionsFrom(handoverStatuses, handoverStatusLabels) },
  { key: 'overdue', type: 'boolean', hxl: '#status+overdue', header: { fr: 'En retard', en: 'Overdue' } },
  { key: 'dialogueOpenedOn', type: 'date', hxl: '#date+dialogue', header: { fr: 'Dialogue ouvert le', en: 'Dialogue opened on' } },
  { key: 'planAgreedOn', type: 'date', hxl: '#date+plan', header: { fr: 'Plan convenu le', en: 'Plan agreed on' } },
  { key: 'handedOverOn', type: 'date', hxl: '#date+handover', header: { fr: 'Transférée le', en: 'Handed over on' } },
  { key: 'notTakenUpReason', type: 'text', hxl: '#description+reason', header: { fr: 'Motif de non-reprise', en: 'Reason not taken up' }, width: 30 },
  { key: 'actors', type: 'list', hxl: '#org+dev', header: { fr: 'Acteurs de développement', en: 'Development actors' }, width: 24 },
  { key: 'meeting', type: 'text', hxl: '#meta+meeting', header: { fr: 'Réunion', en: 'Meeting' }, width: 30 },
  { key: 'notes', type: 'text', hxl: '#description+notes', header: { fr: 'Notes', en: 'Notes' }, width: 40 },
  { key: 'recommendedActions', type: 'text', hxl: '#description+recommendations', header: { fr: 'Actions recommandées', en: 'Recommended actions' }, width: 40 },
]);
export type HandoverFileRow = RowOf<typeof handoverColumns>;
