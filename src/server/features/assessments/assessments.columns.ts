import { assessmentKindLabels, assessmentKinds, assessmentStatusLabels, assessmentStatuses } from '../../../shared/contracts/assessments.ts';
import { sectorAliases, sectorLabels, sectors } from '../../../shared/sectors.ts';
import { defineColumns, optionsFrom, type RowOf } from '../../lib/tabular/index.ts';

/**
 * Assessment results as a table: one row per locality, assessment and sector, the assessment's
 * own columns repeated on each of its rows (as REACH and the clusters share them). Rows with
 * the same locality, kind, organisation and start date belong to one assessment; a row without
 * a sector describes the assessment alone (a planned one has no results yet).
 */
export const assessmentColumns = defineColumns([
  { key: 'id', type: 'text', hxl: '#meta+id', header: { fr: 'Identifiant', en: 'Assessment id' }, aliases: ['ID évaluation', 'Id'], maxLength: 40, width: 38 },
  {
    key: 'kind',
    type: 'enum',
    hxl: '#meta+type',
    header: { fr: "Type d'évaluation", en: 'Assessment type' },
    aliases: ['Type', 'Évaluation', 'Etape', 'Étape'],
    required: true,
    options: optionsFrom(assessmentKinds, assessmentKindLabels, {
      territorial: ['Territoriale', 'Évaluation territoriale', 'ET', 'Area-based', 'ABA', 'Étape 1', '1'],
      multisector: ['Multisectorielle', 'ESM', 'MSA', 'MSNA', 'Multi-sector', 'Étape 2', '2'],
      impact: ["Évaluation d'impact", 'Impact', 'Étape 3', '3'],
    }),
    width: 24,
  },
  {
    key: 'status',
    type: 'enum',
    hxl: '#status',
    header: { fr: 'Statut', en: 'Status' },
    aliases: ['État', 'Etat'],
    options: optionsFrom(assessmentStatuses, assessmentStatusLabels, {
      planned: ['Planifié', 'Prévue', 'Prévu', 'À venir'],
      ongoing: ['En cours de collecte', 'Collecte en cours'],
      done: ['Réalisé', 'Terminée', 'Terminé', 'Complété', 'Completed', 'Finalisée'],
      cancelled: ['Annulé', 'Canceled'],
    }),
  },
  { key: 'organisation', type: 'text', hxl: '#org+name', header: { fr: 'Organisation', en: 'Organisation' }, aliases: ['Partenaire', 'Acteur', 'Organisation évaluatrice'], maxLength: 200 },
  { key: 'startDate', type: 'date', hxl: '#date+start', header: { fr: 'Début de collecte', en: 'Data collection start' }, aliases: ['Date de début', 'Début', 'Start date'], required: true },
  { key: 'endDate', type: 'date', hxl: '#date+end', header: { fr: 'Fin de collecte', en: 'Data collection end' }, aliases: ['Date de fin', 'Fin', 'End date'] },
  { key: 'title', type: 'text', hxl: '#meta+title', header: { fr: 'Titre', en: 'Title' }, aliases: ['Intitulé', 'Nom du rapport'], maxLength: 300, width: 28 },
  { key: 'adm1Name', type: 'text', hxl: '#adm1+name', header: { fr: 'Région', en: 'Region' }, maxLength: 100 },
  { key: 'adm1Code', type: 'text', hxl: '#adm1+code', header: { fr: 'Code P région', en: 'Region P-code' }, maxLength: 20 },
  { key: 'adm2Name', type: 'text', hxl: '#adm2+name', header: { fr: 'Cercle', en: 'Cercle' }, aliases: ['District'], maxLength: 100 },
  { key: 'adm2Code', type: 'text', hxl: '#adm2+code', header: { fr: 'Code P cercle', en: 'Cercle P-code' }, maxLength: 20 },
  { key: 'adm3Name', type: 'text', hxl: '#adm3+name', header: { fr: 'Commune', en: 'Commune' }, maxLength: 100 },
  { key: 'adm3Code', type: 'text', hxl: '#adm3+code', header: { fr: 'Code P commune', en: 'Commune P-code' }, maxLength: 20 },
  { key: 'localityName', type: 'text', hxl: '#loc+name', header: { fr: 'Localité', en: 'Locality' }, aliases: ['Village', 'Site', 'Lieu', 'Location'], maxLength: 200, width: 20 },
  { key: 'localityCode', type: 'text', hxl: '#loc+code', header: { fr: 'Code P localité', en: 'Locality P-code' }, aliases: ['Code P', 'P-code', 'Pcode'], maxLength: 20 },
  { key: 'sector', type: 'enum', hxl: '#sector', header: { fr: 'Secteur', en: 'Sector' }, aliases: ['Cluster'], options: optionsFrom(sectors, sectorLabels, sectorAliases), width: 22 },
  { key: 'severity', type: 'integer', hxl: '#severity', header: { fr: 'Sévérité (1-5)', en: 'Severity (1-5)' }, aliases: ['Sévérité', 'Severity', 'Sévérité JIAF', 'Phase'], min: 1, max: 5 },
  {
    key: 'householdsInNeed',
    type: 'integer',
    hxl: '#inneed+hh',
    header: { fr: 'Ménages dans le besoin', en: 'Households in need' },
    aliases: ['Ménages', 'Ménages en besoin', 'HH in need'],
    min: 0,
    max: 10_000_000,
  },
  {
    key: 'personsInNeed',
    type: 'integer',
    hxl: '#inneed',
    header: { fr: 'Personnes dans le besoin', en: 'People in need' },
    aliases: ['Personnes en besoin', 'PIN', 'Personnes'],
    min: 0,
    max: 10_000_000,
  },
  { key: 'findings', type: 'text', hxl: '#description', header: { fr: 'Constats clés', en: 'Key findings' }, aliases: ['Constats', 'Commentaires', 'Observations', 'Findings'], maxLength: 4000, width: 40 },
]);

export type AssessmentRow = RowOf<typeof assessmentColumns>;
export type AssessmentColumnKey = (typeof assessmentColumns)[number]['key'];
