import type { Language } from './contracts/common.ts';

/**
 * The harmonised protocol for managing and sharing beneficiary lists (seed section 04), as data:
 * the page, the PDF for signature, the upload form and the sharing requests all read it. Written
 * for Relais after the IASC Operational Guidance on Data Responsibility (2023) and the ICRC
 * Handbook on Data Protection in Humanitarian Action. A new version is a new entry of
 * `listProtocols`: organisations accept each version, and a list records the one it was shared under.
 */

type Text = Record<Language, string>;

export const listPurposes = ['targeting', 'deduplication', 'coverage', 'follow_up'] as const;
export type ListPurpose = (typeof listPurposes)[number];
export const listPurposeLabels: Record<ListPurpose, Text> = {
  targeting: { fr: 'Ciblage', en: 'Targeting' },
  deduplication: { fr: 'Dédoublonnage', en: 'Deduplication' },
  coverage: { fr: 'Mesure de la couverture', en: 'Coverage measurement' },
  follow_up: { fr: 'Suivi des ménages', en: 'Household follow-up' },
};

export const legalBases = ['consent', 'vital_interest', 'public_interest', 'legitimate_interest'] as const;
export type LegalBasis = (typeof legalBases)[number];
export const legalBasisLabels: Record<LegalBasis, Text> = {
  consent: { fr: 'Consentement éclairé des ménages', en: "Households' informed consent" },
  vital_interest: { fr: 'Intérêt vital des personnes', en: 'Vital interest of the persons' },
  public_interest: { fr: 'Mission d’intérêt public', en: 'Public interest task' },
  legitimate_interest: { fr: 'Intérêt légitime de l’organisation', en: "The organisation's legitimate interest" },
};

export const sensitivityClasses = ['moderate', 'high', 'severe'] as const;
export type SensitivityClass = (typeof sensitivityClasses)[number];
export const sensitivityLabels: Record<SensitivityClass, Text> = {
  moderate: { fr: 'Modérée', en: 'Moderate' },
  high: { fr: 'Élevée', en: 'High' },
  severe: { fr: 'Très élevée', en: 'Severe' },
};

/** The fields of the harmonised household template, in the order of the template file. */
export const listFields = [
  'householdId',
  'headName',
  'sex',
  'birthYear',
  'householdSize',
  'phones',
  'nina',
  'status',
  'origin',
  'locality',
  'spouses',
  'sector',
  'assistance',
  'assistanceDate',
] as const;
export type ListField = (typeof listFields)[number];

/** Fields an extract may carry: every field but the place and sector, which every extract gives. */
export const shareableFields = ['householdId', 'headName', 'sex', 'birthYear', 'householdSize', 'phones', 'nina', 'status', 'origin', 'spouses', 'assistance', 'assistanceDate'] as const;
export type ShareableField = (typeof shareableFields)[number];

export interface ProtocolField {
  field: ListField;
  label: Text;
  /** personal: identifies a person (encrypted, custodian and owner only); quasi: identifies in combination; aggregate: counted openly. */
  sensitivity: 'personal' | 'quasi' | 'aggregate';
  required: boolean;
  note: Text;
}

export interface ListProtocol {
  version: string;
  /** The date it applies from (ISO). */
  effectiveFrom: string;
  title: Text;
  preamble: Text;
  fields: readonly ProtocolField[];
  purposes: readonly ListPurpose[];
  defaultRetentionMonths: number;
  /** Who may see what, one line each. */
  access: readonly Text[];
  /** The organisation's commitments, one line each. */
  commitments: readonly Text[];
  /** The encoded mode (privacy-preserving deduplication): what it is, the key's custody, what risk remains. */
  encodedMode: readonly Text[];
}

const protocol2026: ListProtocol = {
  version: '2026.1',
  effectiveFrom: '2026-01-01',
  title: {
    fr: 'Protocole harmonisé de gestion et de partage des listes de bénéficiaires',
    en: 'Harmonised protocol for managing and sharing beneficiary lists',
  },
  preamble: {
    fr: "Les listes de ménages assistés sont des données personnelles de personnes déplacées dans une zone de conflit. Elles sont centralisées à la DNDS dans Relais pour éviter qu'un même ménage soit assisté deux fois et qu'un autre soit oublié, et ne sont partagées qu'aux conditions ci-dessous (Note d'orientation opérationnelle de l'IASC sur la responsabilité des données, 2023 ; Manuel du CICR sur la protection des données dans l'action humanitaire).",
    en: 'Lists of assisted households are personal data of displaced people in a conflict zone. They are held centrally at the DNDS in Relais so that no household is assisted twice while another is missed, and are shared only on the terms below (IASC Operational Guidance on Data Responsibility, 2023; ICRC Handbook on Data Protection in Humanitarian Action).',
  },
  fields: [
    { field: 'householdId', label: { fr: 'Identifiant du ménage', en: 'Household id' }, sensitivity: 'quasi', required: false, note: { fr: "L'identifiant propre à l'organisation.", en: "The organisation's own id." } },
    { field: 'headName', label: { fr: 'Nom et prénom(s) du chef de ménage', en: "Head of household's family and given names" }, sensitivity: 'personal', required: true, note: { fr: 'Un nom complet, ou le nom et le prénom séparés.', en: 'A full name, or family and given names apart.' } },
    { field: 'sex', label: { fr: 'Sexe du chef de ménage', en: "Head of household's sex" }, sensitivity: 'quasi', required: false, note: { fr: 'M ou F.', en: 'M or F.' } },
    { field: 'birthYear', label: { fr: 'Âge ou année de naissance', en: 'Age or year of birth' }, sensitivity: 'quasi', required: false, note: { fr: "Un âge est converti en année de naissance à la date de l'assistance.", en: 'An age becomes a birth year at the assistance date.' } },
    { field: 'householdSize', label: { fr: 'Taille du ménage', en: 'Household size' }, sensitivity: 'aggregate', required: false, note: { fr: 'Nombre de personnes.', en: 'Number of persons.' } },
    { field: 'phones', label: { fr: 'Téléphone(s)', en: 'Phone(s)' }, sensitivity: 'personal', required: false, note: { fr: 'Avec ou sans +223.', en: 'With or without +223.' } },
    { field: 'nina', label: { fr: 'NINA', en: 'NINA (national id number)' }, sensitivity: 'personal', required: false, note: { fr: "Numéro d'identification nationale.", en: 'National identification number.' } },
    { field: 'status', label: { fr: 'Statut (PDI, hôte, retourné)', en: 'Status (IDP, host, returnee)' }, sensitivity: 'quasi', required: false, note: { fr: 'Statut de déplacement.', en: 'Displacement status.' } },
    { field: 'origin', label: { fr: "Zone d'origine", en: 'Area of origin' }, sensitivity: 'quasi', required: false, note: { fr: 'Commune ou localité quittée.', en: 'Commune or locality left.' } },
    { field: 'locality', label: { fr: "Localité d'accueil (code P)", en: 'Host locality (P-code)' }, sensitivity: 'aggregate', required: true, note: { fr: 'Par nom ou code P, rapprochée du référentiel.', en: 'By name or P-code, matched to the gazetteer.' } },
    { field: 'spouses', label: { fr: 'Nom(s) du conjoint ou des conjoints', en: "Spouse's or spouses' names" }, sensitivity: 'personal', required: false, note: { fr: 'Lorsqu’ils sont connus.', en: 'When known.' } },
    { field: 'sector', label: { fr: "Secteur de l'assistance", en: 'Sector of the assistance' }, sensitivity: 'aggregate', required: true, note: { fr: 'Par ligne, ou celui de la liste.', en: "Per row, or the list's own." } },
    { field: 'assistance', label: { fr: 'Assistance reçue', en: 'Assistance received' }, sensitivity: 'quasi', required: false, note: { fr: 'Nature de l’assistance (kit, montant…).', en: 'Kind of assistance (kit, amount…).' } },
    { field: 'assistanceDate', label: { fr: "Date de l'assistance", en: 'Date of the assistance' }, sensitivity: 'aggregate', required: true, note: { fr: 'Par ligne, ou celle de la liste.', en: "Per row, or the list's own." } },
  ],
  purposes: listPurposes,
  defaultRetentionMonths: 24,
  access: [
    { fr: 'Le gardien des listes (DNDS) voit les données personnelles de toutes les listes ; chaque consultation et chaque export indique un motif et est journalisé.', en: 'The list custodian (DNDS) sees the personal data of every list; every view and export states a purpose and is logged.' },
    { fr: 'Une organisation voit les données personnelles de ses propres listes, aux mêmes conditions.', en: 'An organisation sees the personal data of its own lists, on the same terms.' },
    { fr: "Les coordinations nationale et régionales voient le registre des listes et le nombre de ménages, jamais un nom.", en: 'National and regional coordinators see the list registry and household counts, never a name.' },
    { fr: "Une autre organisation n'obtient que les champs accordés par le gardien, pour un motif et une période, par un extrait qui cesse d'être disponible à la fin de l'accord.", en: 'Another organisation gets only the fields the custodian grants, for one purpose and period, through an extract that stops being available when the agreement ends.' },
    { fr: 'Les bailleurs et le public ne voient que des chiffres agrégés.', en: 'Donors and the public see aggregated figures only.' },
  ],
  commitments: [
    { fr: 'Ne déposer que des listes dont la collecte repose sur une base légale déclarée (consentement éclairé ou autre).', en: 'Upload only lists collected on a declared legal basis (informed consent or other).' },
    { fr: "N'utiliser un extrait que pour le motif accordé, ne pas le retransmettre, le détruire à la fin de l'accord.", en: 'Use an extract only for the purpose granted, never pass it on, destroy it when the agreement ends.' },
    { fr: 'Ne plus échanger de listes par courriel : tout partage passe par Relais.', en: 'Stop e-mailing lists: every share goes through Relais.' },
    { fr: "Signaler au gardien toute demande d'accès, de rectification ou d'effacement d'une personne, et toute fuite.", en: "Report to the custodian any person's request for access, correction or erasure, and any leak." },
    { fr: 'Accepter la purge des données personnelles à la date de conservation (24 mois par défaut) ; les totaux restent.', en: 'Accept the purge of personal data at the retention date (24 months by default); counts stay.' },
  ],
  encodedMode: [
    {
      fr: "Une organisation qui ne peut confier aucun nom prend part au dédoublonnage en mode encodé : sa liste est ouverte et encodée sur son propre appareil (dans le navigateur, ou par la commande « relais encode »), et seuls partent vers Relais les encodages et les champs qui n'identifient personne (code P de la localité, secteur, taille du ménage, date de l'assistance). Aucun nom, téléphone ni NINA ne quitte l'appareil.",
      en: "An organisation that cannot hand over any name takes part in deduplication in encoded mode: its list is opened and encoded on its own device (in the browser, or with the \"relais encode\" command), and only the encodings and the fields that identify nobody (locality P-code, sector, household size, assistance date) reach Relais. No name, phone or NINA leaves the device.",
    },
    {
      fr: "Chaque ménage devient un filtre de Bloom de 1 024 bits calculé avec HMAC-SHA-256 sous une clé secrète (méthode de Schnell) : les filtres se comparent entre eux par similarité, mais ne se relisent pas. Le serveur refuse tout fichier encodé qui ressemble à des données en clair, et chiffre les encodages reçus comme toute donnée personnelle ; ils sont purgés avec la liste.",
      en: 'Each household becomes a 1,024-bit Bloom filter computed with HMAC-SHA-256 under a secret key (Schnell\'s method): filters compare with each other by similarity but cannot be read back. The server refuses any encoded file that looks like plain data, and encrypts the encodings it receives like any personal data; they are purged with the list.',
    },
    {
      fr: "Garde de la clé : la clé est créée par le gardien des listes (DNDS) et remise de la main à la main, ou par un canal chiffré, aux seules organisations participantes ; elle n'est jamais envoyée à Relais, ni par courriel en clair. Une clé perdue ou divulguée est remplacée, et toutes les listes sont encodées à nouveau avec la nouvelle clé.",
      en: 'Key custody: the key is created by the list custodian (DNDS) and handed over in person, or through an encrypted channel, to the participating organisations only; it is never sent to Relais, nor by plain e-mail. A lost or disclosed key is replaced, and every list is encoded again with the new key.',
    },
    {
      fr: "Risques qui restent : quiconque détient la clé et une liste d'encodages peut tester des noms supposés un par un ; sans la clé, des attaques par fréquence sur de grandes listes restent étudiées dans la littérature, d'où le durcissement des filtres (sous-clés par champ, repli XOR) et la conservation limitée. Les champs non identifiants envoyés (localité, taille, date) peuvent, combinés, désigner un ménage dans un petit village : ils sont traités comme des données personnelles.",
      en: 'Risks that remain: whoever holds the key and a list of encodings can test guessed names one by one; without the key, frequency attacks on large lists are still studied in the literature, hence the filters\' hardening (per-field sub-keys, XOR folding) and the limited retention. The non-identifying fields sent (locality, size, date) can, combined, point to one household in a small village: they are handled as personal data.',
    },
  ],
};

/** Every version, newest first. */
export const listProtocols: readonly ListProtocol[] = [protocol2026];
export const currentProtocol: ListProtocol = listProtocols[0]!;
