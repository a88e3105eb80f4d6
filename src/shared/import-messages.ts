import type { Language } from './contracts/common.ts';

/**
 * Messages of spreadsheet imports (preview and commit reports), one per stable code, with
 * `{param}` placeholders. The server renders them in the user's language; the web can render
 * them again from `code` + `params` when the user switches language.
 * Feature imports add their row-rule codes here (e.g. `end_before_start`).
 */
export const importMessages = {
  // The file as a whole.
  file_empty: { fr: 'Le fichier est vide.', en: 'The file is empty.' },
  file_format_unsupported: {
    fr: 'Format de fichier non pris en charge. Enregistrez-le au format Excel (.xlsx) ou CSV.',
    en: 'Unsupported file format. Save it as Excel (.xlsx) or CSV.',
  },
  file_xls_legacy: {
    fr: 'Ancien format Excel (.xls) ou classeur protégé par un mot de passe : ouvrez-le dans Excel et enregistrez-le au format .xlsx, sans mot de passe.',
    en: 'Old Excel format (.xls) or password-protected workbook: open it in Excel and save it as .xlsx, without a password.',
  },
  file_unreadable: {
    fr: 'Le fichier ne peut pas être lu : il est peut-être abîmé. Ouvrez-le dans Excel et enregistrez-le à nouveau.',
    en: 'The file cannot be read: it may be damaged. Open it in Excel and save it again.',
  },
  file_too_large_unpacked: {
    fr: 'Le classeur se décompresse en un volume anormalement grand (plus de texte que ce qu’un fichier Excel ordinaire contient) : il est refusé. Enregistrez les seules données utiles dans un nouveau classeur, ou au format CSV.',
    en: 'The workbook unpacks to an abnormally large volume (more text than an ordinary Excel file holds): it is refused. Save only the useful data in a new workbook, or as CSV.',
  },
  csv_row_too_long: {
    fr: 'La ligne {row} du fichier dépasse un million de caractères : ce n’est pas un tableau ordinaire. Vérifiez le séparateur et les guillemets, ou enregistrez le fichier depuis Excel.',
    en: 'Row {row} of the file is over a million characters: this is not an ordinary table. Check the separator and the quotes, or save the file from Excel.',
  },
  sheet_not_found: {
    fr: 'Feuille « {sheet} » introuvable. Feuilles du classeur : {sheets}.',
    en: 'Sheet "{sheet}" not found. Sheets in the workbook: {sheets}.',
  },
  header_not_found: {
    fr: "Ligne d'en-tête introuvable : aucune des {scanned} premières lignes ne contient au moins deux des colonnes attendues ({expected}).",
    en: 'Header row not found: none of the first {scanned} rows contains at least two of the expected columns ({expected}).',
  },
  column_missing: {
    fr: 'Colonne obligatoire absente : « {header} » ({hxl}).',
    en: 'Required column missing: "{header}" ({hxl}).',
  },
  column_duplicate: {
    fr: 'La colonne « {header} » apparaît deux fois (colonnes {first} et {second}) : seule la colonne {first} est lue.',
    en: 'Column "{header}" appears twice (columns {first} and {second}): only column {first} is read.',
  },
  column_unknown: {
    fr: 'Colonne {letter} « {header} » non reconnue : elle est ignorée.',
    en: 'Column {letter} "{header}" not recognised: it is ignored.',
  },
  no_data_rows: { fr: "Le fichier ne contient aucune ligne de données sous l'en-tête.", en: 'The file has no data rows under the header.' },
  too_many_rows: {
    fr: 'Le fichier dépasse {max} lignes : découpez-le en plusieurs fichiers.',
    en: 'The file has more than {max} rows: split it into several files.',
  },
  package_other_sector: {
    fr: 'Le paquet « {value} » est d’un autre secteur que celui de la ligne : choisissez un paquet validé du secteur de la ligne.',
    en: 'Package "{value}" belongs to another sector than the row’s: choose an endorsed package of the row’s sector.',
  },
  // One cell.
  required: { fr: 'Valeur obligatoire manquante.', en: 'Required value missing.' },
  cell_error: { fr: 'La cellule contient une erreur Excel ({value}).', en: 'The cell holds an Excel error ({value}).' },
  text_invalid_characters: {
    fr: 'Le texte contient un caractère interdit (caractère nul, de contrôle ou de changement de sens d’écriture).',
    en: 'The text holds a forbidden character (a null, control or writing-direction override character).',
  },
  text_too_long: {
    fr: 'Texte trop long : {length} caractères pour {max} au maximum.',
    en: 'Text too long: {length} characters, {max} at most.',
  },
  number_invalid: {
    fr: '« {value} » n\'est pas un nombre (exemples acceptés : 1234, 1 234, 1234,5).',
    en: '"{value}" is not a number (accepted examples: 1234, 1 234, 1234.5).',
  },
  integer_expected: {
    fr: '« {value} » : un nombre entier est attendu (sans décimales).',
    en: '"{value}": a whole number is expected (no decimals).',
  },
  number_too_small: { fr: '{value} est inférieur au minimum autorisé ({min}).', en: '{value} is below the allowed minimum ({min}).' },
  number_too_large: { fr: '{value} dépasse le maximum autorisé ({max}).', en: '{value} is above the allowed maximum ({max}).' },
  date_invalid: {
    fr: '« {value} » n\'est pas une date reconnue (formats acceptés : 01/03/2026, 2026-03-01, ou une cellule date Excel).',
    en: '"{value}" is not a recognised date (accepted: 01/03/2026 day first, 2026-03-01, or an Excel date cell).',
  },
  date_impossible: { fr: 'La date « {value} » n\'existe pas.', en: 'The date "{value}" does not exist.' },
  date_month_first: {
    fr: '« {value} » semble écrite mois/jour : écrivez le jour en premier (jj/mm/aaaa).',
    en: '"{value}" looks like month/day: write the day first (dd/mm/yyyy).',
  },
  date_year_only: {
    fr: '« {value} » ressemble à une année seule : une date complète est attendue (jj/mm/aaaa).',
    en: '"{value}" looks like a year alone: a full date is expected (dd/mm/yyyy).',
  },
  date_too_early: { fr: 'La date {value} est antérieure au {min}.', en: 'The date {value} is before {min}.' },
  date_too_late: { fr: 'La date {value} est postérieure au {max}.', en: 'The date {value} is after {max}.' },
  boolean_invalid: { fr: '« {value} » : « oui » ou « non » est attendu.', en: '"{value}": "yes" or "no" is expected.' },
  enum_unknown: {
    fr: '« {value} » n\'est pas une valeur acceptée. Valeurs acceptées : {allowed}.',
    en: '"{value}" is not an accepted value. Accepted values: {allowed}.',
  },
  enum_did_you_mean: {
    fr: '« {value} » n\'est pas une valeur acceptée. Vouliez-vous dire {suggestions} ?',
    en: '"{value}" is not an accepted value. Did you mean {suggestions}?',
  },
  enum_several: {
    fr: '« {value} » donne plusieurs valeurs ({values}) alors que « {header} » n\'en prend qu\'une par ligne : faites une ligne par valeur.',
    en: '"{value}" gives several values ({values}) but "{header}" takes one per row: make one row per value.',
  },
  duplicate_value: {
    fr: '« {value} » figure déjà à la ligne {firstRow} : chaque ligne doit avoir une valeur différente.',
    en: '"{value}" already appears on row {firstRow}: each row needs a different value.',
  },
  // Places, shared by every import that names a locality or an admin area.
  place_unknown: { fr: 'Lieu inconnu : « {value} ».', en: 'Unknown place: "{value}".' },
  place_did_you_mean: {
    fr: 'Lieu inconnu : « {value} ». Vouliez-vous dire {suggestions} ?',
    en: 'Unknown place: "{value}". Did you mean {suggestions}?',
  },
  place_ambiguous: {
    fr: '« {value} » désigne plusieurs lieux ({candidates}) : indiquez le code P.',
    en: '"{value}" names several places ({candidates}): give the P-code.',
  },
  place_area_mismatch: {
    fr: 'La localité « {place} » est enregistrée dans « {actual} », pas dans « {value} » : vérifiez ce nom ; la localité est retenue.',
    en: 'Locality "{place}" is recorded in "{actual}", not in "{value}": check this name; the locality is kept.',
  },
  place_code_name_mismatch: {
    fr: 'Le code P {pcode} désigne « {name} », pas « {value} » : le code P est retenu.',
    en: 'P-code {pcode} names "{name}", not "{value}": the P-code is used.',
  },
  // Reporting months, organisations and records, shared by the 5W and capacity imports.
  period_missing: {
    fr: "Mois de rapportage manquant : remplissez la colonne « Mois » ou choisissez le mois avant l'import.",
    en: 'Reporting month missing: fill in the "Month" column or choose the month before importing.',
  },
  period_invalid: {
    fr: "« {value} » n'est pas un mois : écrivez-le 2026-03, 03/2026 ou mars 2026.",
    en: '"{value}" is not a month: write it 2026-03, 03/2026 or March 2026.',
  },
  period_locked: {
    fr: 'Le mois {period} est verrouillé par la coordination : cette ligne ne peut pas être enregistrée.',
    en: 'Month {period} is locked by the coordination: this row cannot be saved.',
  },
  organisation_unknown: { fr: 'Organisation inconnue : « {value} ».', en: 'Unknown organisation: "{value}".' },
  organisation_did_you_mean: {
    fr: 'Organisation inconnue : « {value} ». Vouliez-vous dire {suggestions} ?',
    en: 'Unknown organisation: "{value}". Did you mean {suggestions}?',
  },
  organisation_not_allowed: {
    fr: 'Vous ne pouvez déclarer que les activités de votre organisation, pas celles de {organisation}.',
    en: 'You may only report the activities of your own organisation, not those of {organisation}.',
  },
  region_not_allowed: {
    fr: 'Ce lieu est hors de vos régions : vous ne pouvez pas y enregistrer de données.',
    en: 'This place is outside your regions: you cannot record data there.',
  },
  record_unknown: {
    fr: "Aucune fiche n'a l'identifiant « {value} » : videz la colonne « Identifiant » pour créer une nouvelle fiche.",
    en: 'No record has the id "{value}": empty the "Record id" column to create a new record.',
  },
  record_matches_several: {
    fr: "Plusieurs fiches existantes correspondent à cette ligne (même organisation, mois, secteur, activité, localité et groupe de population) : indiquez dans « Identifiant » celle à mettre à jour.",
    en: 'Several existing records match this row (same organisation, month, sector, activity, locality and population group): give the one to update in "Record id".',
  },
  record_duplicate_in_file: {
    fr: 'Cette ligne décrit la même activité que la ligne {firstRow} (même organisation, mois, secteur, activité, localité et groupe de population) : regroupez-les ou distinguez-les.',
    en: 'This row describes the same activity as row {firstRow} (same organisation, month, sector, activity, locality and population group): merge them or tell them apart.',
  },
  record_changed_twice_in_file: {
    fr: 'Cette ligne modifie la même fiche que la ligne {firstRow} : gardez une seule ligne par fiche.',
    en: 'This row changes the same record as row {firstRow}: keep one row per record.',
  },
  capacity_duplicate_in_file: {
    fr: "Cette ligne reprend l'organisation, le secteur, la région et le mois de la ligne {firstRow}.",
    en: 'This row repeats the organisation, sector, region and month of row {firstRow}.',
  },
  email_invalid: { fr: "« {value} » n'est pas une adresse e-mail valide.", en: '"{value}" is not a valid e-mail address.' },
  capacity_exists: {
    fr: "Une autre capacité existe déjà pour cette organisation, ce secteur, cette région et ce mois : mettez-la à jour avec son identifiant.",
    en: 'Another capacity already exists for this organisation, sector, region and month: update it with its id.',
  },
  alert_unknown: { fr: 'Alerte inconnue : « {value} » (code attendu, ex. ALR-2026-0012).', en: 'Unknown alert: "{value}" (a code is expected, e.g. ALR-2026-0012).' },
  // Rules of a 5W record (errors refuse the row, warnings only flag it).
  end_before_start: {
    fr: 'La date de fin ({end}) précède la date de début ({start}).',
    en: 'The end date ({end}) is before the start date ({start}).',
  },
  persons_below_households: {
    fr: '{persons} personnes pour {households} ménages : il ne peut pas y avoir moins de personnes que de ménages.',
    en: '{persons} persons for {households} households: there cannot be fewer persons than households.',
  },
  reached_above_targeted: {
    fr: '{reached} atteints pour {targeted} ciblés : vérifiez le chiffre (la ligne est acceptée).',
    en: '{reached} reached for {targeted} targeted: check the figure (the row is accepted).',
  },
  sex_age_total_mismatch: {
    fr: 'La répartition par sexe et âge totalise {total} personnes, pour {persons} personnes atteintes.',
    en: 'The breakdown by sex and age adds up to {total} persons, for {persons} persons reached.',
  },
  dates_outside_period: {
    fr: "Les dates de l'activité ne couvrent pas le mois de rapportage {period}.",
    en: 'The dates of the activity do not cover the reporting month {period}.',
  },
  completed_without_end: { fr: 'Activité terminée sans date de fin.', en: 'Completed activity without an end date.' },
  // Rules of an alert row.
  shock_after_alert: {
    fr: "La date du choc ({shock}) est postérieure à la date de l'alerte ({alert}).",
    en: 'The shock date ({shock}) is after the alert date ({alert}).',
  },
  date_in_future: { fr: 'La date {value} est dans le futur.', en: 'The date {value} is in the future.' },
  alert_status_on_create: {
    fr: "Une nouvelle alerte s'importe au statut signalée, vérifiée, évaluée, validée ou rejetée : les réponses RRM et la clôture s'enregistrent ensuite dans Relais.",
    en: 'A new alert is imported as reported, verified, assessed, validated or rejected: RRM responses and closure are then recorded in Relais.',
  },
  validation_date_required: {
    fr: 'Date de validation manquante : elle est obligatoire pour une alerte validée.',
    en: 'Validation date missing: a validated alert needs it.',
  },
  validation_date_invalid: {
    fr: "La date de validation ({value}) doit suivre la date de l'alerte ({alert}) et ne pas être dans le futur.",
    en: 'The validation date ({value}) must follow the alert date ({alert}) and not be in the future.',
  },
  rejection_reason_required: {
    fr: 'Motif du rejet manquant : il est obligatoire pour une alerte rejetée.',
    en: 'Rejection reason missing: a rejected alert needs one.',
  },
  status_change_not_allowed: {
    fr: 'Passage de « {from} » à « {to} » impossible : le circuit est signalée → vérifiée → évaluée → validée → réponse RRM → clôturée, ou rejetée avant la validation.',
    en: 'Cannot go from "{from}" to "{to}": an alert goes reported → verified → assessed → validated → RRM response → closed, or is rejected before validation.',
  },
  status_needs_msa: {
    fr: "L'alerte n'a aucun résultat d'évaluation multisectorielle : remplissez la colonne « Besoins ESM (secteurs) » pour la passer au statut « {value} ».",
    en: 'The alert has no multisector assessment results: fill in the "MSA needs (sectors)" column to move it to "{value}".',
  },
  status_needs_rrm_response: {
    fr: "L'alerte n'a aucune réponse RRM : elle ne peut pas passer au statut « Réponse RRM ».",
    en: 'The alert has no RRM response: it cannot move to "RRM response".',
  },
  // Rows of an assessment file (one row per locality, assessment and sector).
  assessment_unknown: {
    fr: "Aucune évaluation n'a l'identifiant « {value} » : videz la colonne « Identifiant » pour créer une nouvelle évaluation.",
    en: 'No assessment has the id "{value}": empty the "Assessment id" column to create a new assessment.',
  },
  assessment_rows_disagree: {
    fr: "Cette ligne décrit la même évaluation que la ligne {firstRow}, mais avec une autre valeur dans « {field} » : une évaluation a un seul statut, une seule date de fin et un seul titre.",
    en: 'This row describes the same assessment as row {firstRow}, but with another value in "{field}": an assessment has one status, one end date and one title.',
  },
  assessment_sector_twice: {
    fr: 'Le secteur {sector} de cette évaluation figure déjà à la ligne {firstRow}.',
    en: 'Sector {sector} of this assessment already appears on row {firstRow}.',
  },
  assessment_end_required: {
    fr: "Une évaluation réalisée doit avoir sa date de fin de collecte.",
    en: 'A completed assessment needs the end date of its data collection.',
  },
  assessment_results_too_early: {
    fr: "Une évaluation planifiée n'a pas encore de résultats : indiquez le statut « En cours » ou « Réalisée », ou videz les colonnes de résultats.",
    en: 'A planned assessment has no results yet: give the status "Ongoing" or "Done", or empty the result columns.',
  },
  locality_needed_in_commune: {
    fr: 'Indiquez la localité : la commune {commune} en compte plusieurs ({candidates}).',
    en: 'Give the locality: commune {commune} has several ({candidates}).',
  },
  // Household rows (beneficiary lists, deduplication): values read by src/shared/linkage/values.ts.
  household_name_missing: {
    fr: 'Nom du chef de ménage manquant : remplissez le nom complet, ou le nom et le prénom.',
    en: "Head of household's name missing: fill in the full name, or the family and given names.",
  },
  age_invalid: {
    fr: 'Âge illisible : écrivez un nombre d’années (« 35 » ou « 35 ans »), ou l’année de naissance.',
    en: 'Unreadable age: write a number of years ("35" or "35 ans"), or the year of birth.',
  },
  birth_date_invalid: {
    fr: 'Date ou année de naissance illisible : écrivez « 1985 », « vers 1985 » ou « 12/03/1985 ».',
    en: 'Unreadable date or year of birth: write "1985", "vers 1985" or "12/03/1985".',
  },
  phone_invalid: {
    fr: 'Numéro de téléphone illisible : il faut 8 chiffres, avec ou sans +223.',
    en: 'Unreadable phone number: it needs 8 digits, with or without +223.',
  },
  nina_invalid: {
    fr: 'NINA illisible : au moins 8 chiffres et lettres, dont 6 chiffres.',
    en: 'Unreadable NINA: at least 8 digits and letters, 6 of them digits.',
  },
  sex_invalid: { fr: 'Sexe illisible : écrivez M, H ou F.', en: 'Unreadable sex: write M, H or F.' },
  household_status_invalid: {
    fr: 'Statut illisible : écrivez PDI, retourné, réfugié ou hôte.',
    en: 'Unreadable status: write IDP, returnee, refugee or host.',
  },
  household_repeated: {
    fr: 'Ce ménage figure déjà à la ligne {first} (même NINA, ou même nom et téléphone) : il est compté une fois.',
    en: 'This household is already on row {first} (same NINA, or same name and phone): it is counted once.',
  },
  // Development programmes.
  organisation_not_development_actor: {
    fr: "« {value} » n'a pas le rôle d'acteur de développement ou de résilience : demandez à l'administrateur de le lui donner.",
    en: '"{value}" does not have the development or resilience actor role: ask the administrator to give it.',
  },
  programme_duplicate_in_file: {
    fr: 'Ce programme (même organisation, même nom) figure déjà à la ligne {firstRow}.',
    en: 'This programme (same organisation, same name) is already on row {firstRow}.',
  },
  // Gazetteer files: commune and settlement lists (rows), boundary GeoJSON (one feature a row).
  geojson_invalid: { fr: "Le fichier n'est pas un GeoJSON valide (FeatureCollection attendue).", en: 'The file is not valid GeoJSON (a FeatureCollection is expected).' },
  property_missing: {
    fr: 'Propriété introuvable dans les entités GeoJSON : indiquez son nom (la valeur liste les propriétés présentes).',
    en: 'Property not found in the GeoJSON features: give its name (the value lists the properties present).',
  },
  pcode_missing: { fr: 'Code P manquant.', en: 'P-code missing.' },
  pcode_invalid: { fr: 'Code P invalide : lettres du pays puis chiffres (ex. ML0501).', en: 'Invalid P-code: country letters then digits (e.g. ML0501).' },
  pcode_duplicate: { fr: 'Ce code P apparaît plusieurs fois dans le fichier.', en: 'This P-code appears more than once in the file.' },
  pcode_parent_mismatch: { fr: 'Le code P ne commence pas par celui de son parent.', en: 'The P-code does not start with its parent’s P-code.' },
  name_missing: { fr: 'Nom manquant.', en: 'Name missing.' },
  parent_missing: { fr: 'Code P du parent (niveau supérieur) manquant.', en: 'Parent P-code (level above) missing.' },
  parent_unknown: {
    fr: "Parent inconnu : ce code P n'existe ni dans le référentiel ni dans le fichier.",
    en: 'Unknown parent: this P-code is neither in the gazetteer nor in the file.',
  },
  parent_level: { fr: "Le parent n'est pas du niveau administratif immédiatement supérieur.", en: 'The parent is not of the administrative level just above.' },
  level_conflict: { fr: 'Ce code P existe déjà à un autre niveau administratif.', en: 'This P-code already exists at another administrative level.' },
  admin_unknown: {
    fr: "Unité administrative inconnue : importez d'abord les communes (ou les limites) de cette édition.",
    en: 'Unknown administrative area: import the communes (or boundaries) of this edition first.',
  },
  admin_chain_mismatch: { fr: "Les codes P de région, cercle et commune ne s'emboîtent pas.", en: 'The region, cercle and commune P-codes do not nest.' },
  coordinates_invalid: {
    fr: 'Coordonnées invalides : longitude entre -180 et 180, latitude entre -90 et 90, les deux ensemble.',
    en: 'Invalid coordinates: longitude between -180 and 180, latitude between -90 and 90, both together.',
  },
  geometry_invalid: {
    fr: 'Géométrie invalide : Polygon ou MultiPolygon attendu, anneaux fermés de coordonnées [longitude, latitude].',
    en: 'Invalid geometry: Polygon or MultiPolygon expected, closed rings of [longitude, latitude] positions.',
  },
} as const satisfies Record<string, Record<Language, string>>;

export type ImportMessageCode = keyof typeof importMessages;
export const importMessageCodes = Object.keys(importMessages) as [ImportMessageCode, ...ImportMessageCode[]];

export type ImportMessageParams = Record<string, string | number>;

/** Renders a message; a placeholder without a parameter stays visible rather than vanishing. */
export function importMessage(code: ImportMessageCode, params: ImportMessageParams, language: Language): string {
  return importMessages[code][language].replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : placeholder,
  );
}

/** "« Ségou » ou « Segoukoro »" / '"Ségou" or "Segoukoro"': suggestions as a message parameter. */
export function quotedChoices(values: readonly string[], language: Language): string {
  const quoted = values.map((v) => (language === 'fr' ? `« ${v} »` : `"${v}"`));
  if (quoted.length <= 1) return quoted.join('');
  const or = language === 'fr' ? ' ou ' : ' or ';
  return `${quoted.slice(0, -1).join(', ')}${or}${quoted.slice(-1).join('')}`;
}
