import { alertStatuses, alertStatusLabels, populationGroupLabels, populationGroups, shockTypeLabels, shockTypes } from '../../../shared/contracts/alerts.ts';
import { sectorAliases, sectorLabels, sectors } from '../../../shared/sectors.ts';
import { listSeparators } from '../../../shared/tabular/columns.ts';
import { defineColumns, optionsFrom, type RowOf } from '../../lib/tabular/index.ts';
import { adminAliases } from '../../lib/tabular/places.ts';

/** Sectors as a list cell can hold them: labels and aliases without the separators `,` `;` `|`. */
const needSectorOptions = optionsFrom(
  sectors,
  { ...sectorLabels, eha: { fr: 'EHA', en: 'WASH' } },
  Object.fromEntries(Object.entries(sectorAliases).map(([sector, names]) => [sector, names.filter((n) => !listSeparators.test(n))])),
);

/**
 * The alert matrix: one declaration for the export and the import, French headers and an HXL
 * row. The last three columns are computed (phase, end of the RRM phase, RRM responses): they
 * are exported for reading and ignored on import, so an exported file can be edited and sent back.
 * Aliases also take the question names of a KoBoToolbox alert form (type_choc, date_choc,
 * nb_menages, besoins as a "select multiple") and ActivityInfo field labels.
 */
export const alertColumns = defineColumns([
  { key: 'code', type: 'text', hxl: '#event+code', header: { fr: 'Code alerte', en: 'Alert code' }, aliases: ['Code', 'N° alerte', 'Numéro alerte', 'Alerte'], unique: true, maxLength: 40, width: 16 },
  {
    key: 'shockType',
    type: 'enum',
    hxl: '#event+type',
    header: { fr: 'Type de choc', en: 'Shock type' },
    aliases: ['Choc', "Type d'événement", 'Type de crise', 'Type choc', 'Type événement', 'Event type'],
    required: true,
    options: optionsFrom(shockTypes, shockTypeLabels, {
      armed_conflict: ['Conflit', 'Conflits armés', 'Attaque armée', 'Insécurité'],
      intercommunal_violence: ['Conflit intercommunautaire', 'Violence intercommunautaire', 'Conflit communautaire'],
      flood: ['Inondations', 'Floods'],
      drought: ['Sécheresses'],
      fire: ['Incendies'],
      epidemic: ['Épidémies', 'Maladie'],
      other: ['Autres'],
    }),
  },
  { key: 'shockDate', type: 'date', hxl: '#date+shock', header: { fr: 'Date du choc', en: 'Shock date' }, aliases: ['Date choc', 'Date événement'], required: true },
  { key: 'alertDate', type: 'date', hxl: '#date+alert', header: { fr: "Date de l'alerte", en: 'Alert date' }, aliases: ['Date alerte', 'Date de l’alerte'], required: true },
  { key: 'adm1Name', type: 'text', hxl: '#adm1+name', header: { fr: 'Région', en: 'Region' }, aliases: adminAliases(1, 'name'), maxLength: 100 },
  { key: 'adm1Code', type: 'text', hxl: '#adm1+code', header: { fr: 'Code P région', en: 'Region P-code' }, aliases: adminAliases(1, 'code'), maxLength: 20 },
  { key: 'adm2Name', type: 'text', hxl: '#adm2+name', header: { fr: 'Cercle', en: 'Cercle' }, aliases: ['District', ...adminAliases(2, 'name')], maxLength: 100 },
  { key: 'adm2Code', type: 'text', hxl: '#adm2+code', header: { fr: 'Code P cercle', en: 'Cercle P-code' }, aliases: adminAliases(2, 'code'), maxLength: 20 },
  { key: 'adm3Name', type: 'text', hxl: '#adm3+name', header: { fr: 'Commune', en: 'Commune' }, aliases: adminAliases(3, 'name'), maxLength: 100 },
  { key: 'adm3Code', type: 'text', hxl: '#adm3+code', header: { fr: 'Code P commune', en: 'Commune P-code' }, aliases: adminAliases(3, 'code'), maxLength: 20 },
  {
    key: 'localityName',
    type: 'text',
    hxl: '#loc+name',
    header: { fr: "Localité d'accueil", en: 'Host locality' },
    aliases: ['Localité', 'Village', 'Site', 'Lieu', 'Localité d’accueil', 'Location', 'Location name', 'Village d’accueil', 'Lieu d’accueil'],
    maxLength: 200,
    width: 20,
  },
  { key: 'localityCode', type: 'text', hxl: '#loc+code', header: { fr: 'Code P localité', en: 'Locality P-code' }, aliases: ['Code P', 'P-code', 'Pcode', 'Location code', 'Village pcode', 'Localité pcode'], maxLength: 20 },
  { key: 'originCodes', type: 'list', hxl: '#loc+code+origin', header: { fr: "Zones d'origine (codes P)", en: 'Areas of origin (P-codes)' }, aliases: ["Codes P d'origine"], maxLength: 20 },
  { key: 'originText', type: 'text', hxl: '#loc+name+origin', header: { fr: "Zones d'origine", en: 'Areas of origin' }, aliases: ["Zone d'origine", 'Provenance', 'Origine', "Lieu d'origine", "Village d'origine", 'Origin'], maxLength: 500, width: 24 },
  { key: 'households', type: 'integer', hxl: '#affected+hh', header: { fr: 'Ménages déplacés', en: 'Displaced households' }, aliases: ['Ménages', 'Nombre de ménages', 'Nb ménages', 'HH', 'Nombre ménages', 'Households', 'Displaced HH'], required: true, min: 0, max: 10_000_000 },
  { key: 'persons', type: 'integer', hxl: '#affected+ind', header: { fr: 'Personnes déplacées', en: 'Displaced persons' }, aliases: ['Personnes', 'Individus', 'Nombre de personnes', 'Nb personnes', 'Nombre personnes', 'Persons', 'Individuals'], required: true, min: 0, max: 10_000_000 },
  {
    key: 'populationGroup',
    type: 'enum',
    hxl: '#population+group',
    header: { fr: 'Groupe de population', en: 'Population group' },
    aliases: ['Population', 'Type de population', 'Type population', 'Pop group'],
    options: optionsFrom(populationGroups, populationGroupLabels, { idp: ['PDI', 'IDP', 'Déplacés', 'Déplacés internes'], returnee: ['Returnees'], refugee: ['Refugees'], host: ['Hôtes', 'Host'] }),
  },
  { key: 'source', type: 'text', hxl: '#org+source', header: { fr: "Source de l'alerte", en: 'Alert source' }, aliases: ['Source', 'Organisation source', 'Organisation', 'Org', 'Partenaire', 'Partner'], maxLength: 200 },
  {
    key: 'status',
    type: 'enum',
    hxl: '#status',
    header: { fr: 'Statut', en: 'Status' },
    aliases: ['État', 'Etat'],
    options: optionsFrom(alertStatuses, alertStatusLabels, {
      reported: ['Signalé', 'Nouvelle'],
      verified: ['Vérifié'],
      assessed: ['Évaluée', 'Évalué', 'ESM', 'MSA'],
      validated: ['Validé'],
      responded: ['Répondue', 'Assistée'],
      closed: ['Clôturé', 'Fermée'],
      rejected: ['Rejeté'],
    }),
  },
  { key: 'validatedOn', type: 'date', hxl: '#date+validated', header: { fr: 'Date de validation', en: 'Validation date' } },
  { key: 'rejectionReason', type: 'text', hxl: '#description+rejection', header: { fr: 'Motif du rejet', en: 'Rejection reason' }, maxLength: 1000 },
  {
    key: 'needSectors',
    type: 'list',
    hxl: '#sector+need',
    header: { fr: 'Besoins ESM (secteurs)', en: 'MSA needs (sectors)' },
    aliases: ['Besoins', 'Secteurs prioritaires', 'Besoins prioritaires', 'Priority needs', 'Needs', 'Secteurs'],
    options: needSectorOptions,
    width: 30,
  },
  { key: 'description', type: 'text', hxl: '#description+notes', header: { fr: 'Commentaires', en: 'Comments' }, aliases: ['Commentaire', 'Description', 'Remarques', 'Observations'], maxLength: 2000, width: 30 },
  { key: 'phase', type: 'text', hxl: '#status+phase', header: { fr: 'Phase (export)', en: 'Phase (export)' }, maxLength: 100 },
  { key: 'rrmEndsOn', type: 'text', hxl: '#date+end+rrm', header: { fr: 'Fin de la phase RRM (export)', en: 'End of RRM phase (export)' }, maxLength: 20 },
  { key: 'rrmResponses', type: 'text', hxl: '#output+rrm', header: { fr: 'Réponses RRM (export)', en: 'RRM responses (export)' }, maxLength: 20 },
]);

export type AlertRow = RowOf<typeof alertColumns>;
export type AlertColumnKey = (typeof alertColumns)[number]['key'];
