import { modalities, modalityLabels, populationGroupLabels, populationGroups } from '../../../shared/contracts/alerts.ts';
import { currencies, responseStatuses, responseStatusLabels } from '../../../shared/contracts/responses.ts';
import { sectorAliases, sectorLabels, sectors } from '../../../shared/sectors.ts';
import { defineColumns, optionsFrom, type RowOf } from '../../lib/tabular/index.ts';
import { adminAliases } from '../../lib/tabular/places.ts';

const currencyOptions = currencies.map((c) => ({
  value: c,
  label: { fr: c, en: c },
  aliases: c === 'XOF' ? ['FCFA', 'F CFA', 'CFA', 'Franc CFA'] : c === 'EUR' ? ['Euro', 'Euros'] : ['Dollar', 'Dollars', 'Dollar US'],
}));

/**
 * The 5W sheet: one declaration for the template, the import and the exports, in the order a
 * partner fills it (who, what, where, when, for whom, how much). French headers, an HXL row.
 * Aliases also take KoBoToolbox question names (org, admin1, date_debut, hh_reached: underscores
 * read as spaces) and ActivityInfo labels (Partner, Start Date, End Date, Location).
 */
export const responseColumns = defineColumns([
  { key: 'id', type: 'text', hxl: '#meta+id', header: { fr: 'Identifiant', en: 'Record id' }, aliases: ['ID', 'Identifiant fiche'], unique: true, maxLength: 40, width: 38 },
  { key: 'period', type: 'text', hxl: '#date+reported', header: { fr: 'Mois de rapportage', en: 'Reporting month' }, aliases: ['Mois', 'Période', 'Month', 'Period', 'Reporting period', 'Mois rapport'], maxLength: 30 },
  {
    key: 'organisation',
    type: 'text',
    hxl: '#org+prog',
    header: { fr: 'Organisation', en: 'Organisation' },
    aliases: ['Organisation qui rapporte', 'Reporting organisation', 'Acteur', 'Partenaire', 'Org', 'Organization', 'Partner', 'Partner name', 'Nom du partenaire'],
    maxLength: 200,
  },
  { key: 'implementingPartner', type: 'text', hxl: '#org+impl', header: { fr: 'Partenaire de mise en œuvre', en: 'Implementing partner' }, aliases: ['Partenaire opérationnel', 'Partenaire de mise en oeuvre', 'Partenaire mise en oeuvre', 'Impl partner'], maxLength: 200 },
  { key: 'donor', type: 'text', hxl: '#org+funding', header: { fr: 'Bailleur', en: 'Donor' }, aliases: ['Bailleur de fonds', 'Donateur', 'Funding'], maxLength: 200 },
  { key: 'sector', type: 'enum', hxl: '#sector', header: { fr: 'Secteur', en: 'Sector' }, aliases: ['Cluster', 'Secteurs', 'Sectors'], required: true, options: optionsFrom(sectors, sectorLabels, sectorAliases) },
  { key: 'activity', type: 'text', hxl: '#activity', header: { fr: 'Activité', en: 'Activity' }, aliases: ['Type d’activité', 'Activity type'], required: true, maxLength: 300, width: 30 },
  { key: 'package', type: 'text', hxl: '#activity+package', header: { fr: 'Paquet', en: 'Package' }, aliases: ["Paquet d'assistance", 'Assistance package'], maxLength: 300, width: 34 },
  // What was given when less than the package named (harmonised packages): the deviation.
  { key: 'deliveredValueXof', type: 'integer', hxl: '#value+delivered+xof', header: { fr: 'Valeur remise par ménage (FCFA)', en: 'Value given per household (XOF)' }, aliases: ['Valeur remise', 'Value given'], min: 0, max: 100_000_000 },
  { key: 'deliveredDurationMonths', type: 'integer', hxl: '#meta+duration+delivered', header: { fr: 'Durée assurée (mois)', en: 'Duration given (months)' }, aliases: ['Durée remise', 'Duration given'], min: 0, max: 36 },
  { key: 'missingComponents', type: 'list', hxl: '#item+missing', header: { fr: 'Composantes non remises', en: 'Components not given' }, aliases: ['Composantes manquantes', 'Missing components'], maxLength: 200 },
  { key: 'adm1Name', type: 'text', hxl: '#adm1+name', header: { fr: 'Région', en: 'Region' }, aliases: adminAliases(1, 'name'), maxLength: 100 },
  { key: 'adm1Code', type: 'text', hxl: '#adm1+code', header: { fr: 'Code P région', en: 'Region P-code' }, aliases: adminAliases(1, 'code'), maxLength: 20 },
  { key: 'adm2Name', type: 'text', hxl: '#adm2+name', header: { fr: 'Cercle', en: 'Cercle' }, aliases: ['District', ...adminAliases(2, 'name')], maxLength: 100 },
  { key: 'adm2Code', type: 'text', hxl: '#adm2+code', header: { fr: 'Code P cercle', en: 'Cercle P-code' }, aliases: adminAliases(2, 'code'), maxLength: 20 },
  { key: 'adm3Name', type: 'text', hxl: '#adm3+name', header: { fr: 'Commune', en: 'Commune' }, aliases: adminAliases(3, 'name'), maxLength: 100 },
  { key: 'adm3Code', type: 'text', hxl: '#adm3+code', header: { fr: 'Code P commune', en: 'Commune P-code' }, aliases: adminAliases(3, 'code'), maxLength: 20 },
  { key: 'localityName', type: 'text', hxl: '#loc+name', header: { fr: 'Localité', en: 'Locality' }, aliases: ['Village', 'Site', 'Lieu', 'Localité d’accueil', 'Location', 'Location name', 'Nom du site', 'Site name'], maxLength: 200 },
  { key: 'localityCode', type: 'text', hxl: '#loc+code', header: { fr: 'Code P localité', en: 'Locality P-code' }, aliases: ['Code P', 'P-code', 'Pcode', 'Location code', 'Village pcode', 'Localité pcode'], maxLength: 20 },
  {
    key: 'status',
    type: 'enum',
    hxl: '#status',
    header: { fr: 'Statut', en: 'Status' },
    aliases: ['État', 'Etat', 'Activity status', 'Statut activité'],
    required: true,
    options: optionsFrom(responseStatuses, responseStatusLabels, { planned: ['Planifié', 'Prévu', 'Prévue'], ongoing: ['En cours'], completed: ['Terminé', 'Achevé', 'Achevée', 'Fini'], suspended: ['Suspendu'] }),
  },
  { key: 'startDate', type: 'date', hxl: '#date+start', header: { fr: 'Date de début', en: 'Start date' }, aliases: ['Début', 'Start', 'Date début', 'Date start'], required: true },
  { key: 'endDate', type: 'date', hxl: '#date+end', header: { fr: 'Date de fin', en: 'End date' }, aliases: ['Fin', 'End', 'Date fin', 'Date end'] },
  {
    key: 'populationGroup',
    type: 'enum',
    hxl: '#population+group',
    header: { fr: 'Groupe de population', en: 'Population group' },
    aliases: ['Population', 'Bénéficiaires', 'Type de population', 'Type population', 'Pop group', 'Beneficiary type', 'Type de bénéficiaires'],
    options: optionsFrom(populationGroups, populationGroupLabels, { idp: ['PDI', 'IDP', 'Déplacés', 'Déplacés internes'], returnee: ['Retournés', 'Returnees'], refugee: ['Réfugiés', 'Refugees'], host: ['Communauté hôte', 'Hôtes', 'Host', 'Host community'] }),
  },
  { key: 'householdsTargeted', type: 'integer', hxl: '#targeted+hh', header: { fr: 'Ménages ciblés', en: 'Households targeted' }, aliases: ['Ménages cibles', 'Targeted HH', 'HH targeted'], min: 0, max: 10_000_000 },
  { key: 'personsTargeted', type: 'integer', hxl: '#targeted+ind', header: { fr: 'Personnes ciblées', en: 'Persons targeted' }, aliases: ['Individus ciblés', 'Targeted individuals', 'People targeted', 'Individuals targeted', 'Bénéficiaires ciblés'], min: 0, max: 10_000_000 },
  { key: 'householdsReached', type: 'integer', hxl: '#reached+hh', header: { fr: 'Ménages atteints', en: 'Households reached' }, aliases: ['Reached HH', 'HH reached'], min: 0, max: 10_000_000 },
  { key: 'personsReached', type: 'integer', hxl: '#reached+ind', header: { fr: 'Personnes atteintes', en: 'Persons reached' }, aliases: ['Individus atteints', 'Reached individuals', 'People reached', 'Individuals reached', 'Beneficiaries reached', 'Bénéficiaires atteints'], min: 0, max: 10_000_000 },
  { key: 'girls', type: 'integer', hxl: '#reached+f+children', header: { fr: 'Filles atteintes (< 18 ans)', en: 'Girls reached (under 18)' }, aliases: ['Filles', 'Girls'], min: 0, max: 10_000_000 },
  { key: 'boys', type: 'integer', hxl: '#reached+m+children', header: { fr: 'Garçons atteints (< 18 ans)', en: 'Boys reached (under 18)' }, aliases: ['Garçons', 'Boys'], min: 0, max: 10_000_000 },
  { key: 'women', type: 'integer', hxl: '#reached+f+adults', header: { fr: 'Femmes atteintes (18–59 ans)', en: 'Women reached (18–59)' }, aliases: ['Femmes', 'Women'], min: 0, max: 10_000_000 },
  { key: 'men', type: 'integer', hxl: '#reached+m+adults', header: { fr: 'Hommes atteints (18–59 ans)', en: 'Men reached (18–59)' }, aliases: ['Hommes', 'Men'], min: 0, max: 10_000_000 },
  { key: 'olderWomen', type: 'integer', hxl: '#reached+f+elderly', header: { fr: 'Femmes âgées atteintes (60 ans et +)', en: 'Older women reached (60+)' }, aliases: ['Femmes âgées', 'Older women'], min: 0, max: 10_000_000 },
  { key: 'olderMen', type: 'integer', hxl: '#reached+m+elderly', header: { fr: 'Hommes âgés atteints (60 ans et +)', en: 'Older men reached (60+)' }, aliases: ['Hommes âgés', 'Older men'], min: 0, max: 10_000_000 },
  {
    key: 'modality',
    type: 'enum',
    hxl: '#modality',
    header: { fr: 'Modalité', en: 'Modality' },
    aliases: ["Modalité d'assistance", 'Transfer modality'],
    options: optionsFrom(modalities, modalityLabels, { in_kind: ['Nature', 'In-kind'], cash: ['Cash', 'Monétaire', 'Transfert monétaire'], voucher: ['Coupon', 'Bons', 'Vouchers'], service: ['Services'] }),
  },
  { key: 'budget', type: 'number', hxl: '#value+budget', header: { fr: 'Budget', en: 'Budget' }, aliases: ['Montant', 'Budget (FCFA)', 'Budget (XOF)', 'Amount'], min: 0, max: 1e13 },
  { key: 'currency', type: 'enum', hxl: '#currency', header: { fr: 'Devise', en: 'Currency' }, aliases: ['Monnaie'], options: currencyOptions },
  { key: 'alerts', type: 'list', hxl: '#event+code', header: { fr: 'Alertes liées', en: 'Linked alerts' }, aliases: ['Alertes', 'Code alerte', 'Alerts'], maxLength: 40 },
  { key: 'comments', type: 'text', hxl: '#description+notes', header: { fr: 'Commentaires', en: 'Comments' }, aliases: ['Commentaire', 'Remarques', 'Observations', 'Notes'], maxLength: 2000, width: 30 },
]);

export type ResponseRow = RowOf<typeof responseColumns>;
export type ResponseColumnKey = (typeof responseColumns)[number]['key'];
