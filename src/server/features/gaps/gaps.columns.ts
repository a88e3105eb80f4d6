import { followUpStatuses, followUpStatusLabels, needSourceLabels, needSources } from '../../../shared/contracts/gaps.ts';
import { gapStatuses, gapStatusLabels } from '../../../shared/gaps.ts';
import { phaseLabels, phases } from '../../../shared/phases.ts';
import { sectorLabels, sectors } from '../../../shared/sectors.ts';
import { defineColumns, optionsFrom, type RowOf } from '../../lib/tabular/index.ts';

/** The gap list as a file (export only: gaps are computed, never imported). */
export const gapColumns = defineColumns([
  { key: 'adm1Name', type: 'text', hxl: '#adm1+name', header: { fr: 'Région', en: 'Region' }, width: 14 },
  { key: 'adm1Code', type: 'text', hxl: '#adm1+code', header: { fr: 'Code P région', en: 'Region P-code' } },
  { key: 'adm2Name', type: 'text', hxl: '#adm2+name', header: { fr: 'Cercle', en: 'Cercle' }, width: 14 },
  { key: 'adm2Code', type: 'text', hxl: '#adm2+code', header: { fr: 'Code P cercle', en: 'Cercle P-code' } },
  { key: 'adm3Name', type: 'text', hxl: '#adm3+name', header: { fr: 'Commune', en: 'Commune' }, width: 16 },
  { key: 'adm3Code', type: 'text', hxl: '#adm3+code', header: { fr: 'Code P commune', en: 'Commune P-code' } },
  { key: 'localityName', type: 'text', hxl: '#loc+name', header: { fr: 'Localité', en: 'Locality' }, width: 20 },
  { key: 'localityCode', type: 'text', hxl: '#loc+code', header: { fr: 'Code P localité', en: 'Locality P-code' } },
  { key: 'sector', type: 'enum', hxl: '#sector', header: { fr: 'Secteur', en: 'Sector' }, options: optionsFrom(sectors, sectorLabels), width: 22 },
  { key: 'phase', type: 'enum', hxl: '#status+phase', header: { fr: 'Phase', en: 'Phase' }, options: optionsFrom(phases, phaseLabels), width: 14 },
  { key: 'need', type: 'integer', hxl: '#inneed+hh', header: { fr: 'Ménages dans le besoin', en: 'Households in need' } },
  { key: 'needSource', type: 'enum', hxl: '#meta+source', header: { fr: 'Source du besoin', en: 'Need source' }, options: optionsFrom(needSources, needSourceLabels), width: 22 },
  { key: 'severity', type: 'integer', hxl: '#severity', header: { fr: 'Sévérité (1-5)', en: 'Severity (1-5)' } },
  { key: 'coverage', type: 'integer', hxl: '#reached+hh', header: { fr: 'Ménages couverts', en: 'Households covered' } },
  { key: 'gap', type: 'integer', hxl: '#inneed+hh+unmet', header: { fr: 'Gap (ménages)', en: 'Gap (households)' } },
  { key: 'ratio', type: 'number', hxl: '#indicator+coverage+pct', header: { fr: 'Taux de couverture', en: 'Coverage ratio' } },
  { key: 'status', type: 'enum', hxl: '#status', header: { fr: 'Statut', en: 'Status' }, options: optionsFrom(gapStatuses, gapStatusLabels), width: 20 },
  { key: 'openSince', type: 'date', hxl: '#date+gap', header: { fr: 'Gap ouvert depuis', en: 'Gap open since' } },
  { key: 'daysUncovered', type: 'integer', hxl: '#indicator+days', header: { fr: 'Jours sans couverture', en: 'Days uncovered' } },
  { key: 'upcomingOn', type: 'date', hxl: '#date+upcoming', header: { fr: 'Gap à venir le', en: 'Upcoming gap on' } },
  { key: 'upcomingGap', type: 'integer', hxl: '#inneed+hh+unmet+upcoming', header: { fr: 'Gap à venir (ménages)', en: 'Upcoming gap (households)' } },
  { key: 'priority', type: 'number', hxl: '#indicator+priority', header: { fr: 'Priorité (0-100)', en: 'Priority (0-100)' } },
  { key: 'organisations', type: 'list', hxl: '#org', header: { fr: 'Organisations présentes', en: 'Organisations present' }, width: 24 },
  { key: 'capacityOrganisations', type: 'integer', hxl: '#indicator+capacity', header: { fr: 'Organisations avec capacité', en: 'Organisations with capacity' } },
  { key: 'followUp', type: 'enum', hxl: '#status+followup', header: { fr: 'Suivi', en: 'Follow-up' }, options: optionsFrom(followUpStatuses, followUpStatusLabels), width: 20 },
  { key: 'followUpComment', type: 'text', hxl: '#description+followup', header: { fr: 'Commentaire de suivi', en: 'Follow-up comment' }, width: 30 },
]);

export type GapFileRow = RowOf<typeof gapColumns>;
