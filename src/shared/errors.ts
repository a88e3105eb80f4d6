import type { Language } from './contracts/common.ts';

/**
 * Every error the API can return has a stable code and a message in each language.
 * The web shows `title` as sent; tests and clients match on `code`.
 */
export const errorMessages = {
  validation_failed: { fr: 'Certaines valeurs ne sont pas valides.', en: 'Some values are not valid.' },
  invalid_credentials: { fr: 'Adresse e-mail ou mot de passe incorrect.', en: 'Incorrect e-mail address or password.' },
  unauthenticated: { fr: 'Veuillez vous connecter.', en: 'Please sign in.' },
  session_expired: { fr: 'Votre session a expiré. Veuillez vous reconnecter.', en: 'Your session has expired. Please sign in again.' },
  forbidden: { fr: "Vous n'avez pas les droits pour cette action.", en: 'You are not allowed to do this.' },
  csrf_invalid: { fr: 'Requête refusée (jeton de sécurité manquant ou invalide). Rechargez la page.', en: 'Request refused (missing or invalid security token). Reload the page.' },
  password_change_required: { fr: 'Vous devez changer votre mot de passe temporaire avant de continuer.', en: 'You must change your temporary password before going on.' },
  wrong_current_password: { fr: 'Le mot de passe actuel est incorrect.', en: 'The current password is incorrect.' },
  password_reused: { fr: "Le nouveau mot de passe doit être différent de l'ancien.", en: 'The new password must differ from the old one.' },
  rate_limited: { fr: 'Trop de tentatives. Réessayez dans une minute.', en: 'Too many attempts. Try again in a minute.' },
  not_found: { fr: "Cet élément n'existe pas ou a été supprimé.", en: 'This item does not exist or was deleted.' },
  route_not_found: { fr: "Cette adresse d'API n'existe pas.", en: 'This API address does not exist.' },
  version_conflict: { fr: "Cet élément a été modifié par quelqu'un d'autre entre-temps. Rechargez-le puis refaites vos changements.", en: 'Someone else changed this item in the meantime. Reload it and make your changes again.' },
  email_taken: { fr: 'Un compte utilise déjà cette adresse e-mail.', en: 'An account already uses this e-mail address.' },
  acronym_taken: { fr: 'Une organisation utilise déjà ce sigle.', en: 'An organisation already uses this acronym.' },
  unknown_organisation: { fr: 'Organisation inconnue ou désactivée.', en: 'Unknown or deactivated organisation.' },
  unknown_region: { fr: 'Région inconnue (code P attendu, ex. ML05).', en: 'Unknown region (P-code expected, e.g. ML05).' },
  unknown_admin_area: { fr: 'Unité administrative inconnue.', en: 'Unknown administrative area.' },
  cannot_deactivate_self: { fr: 'Vous ne pouvez pas désactiver votre propre compte.', en: 'You cannot deactivate your own account.' },
  import_invalid: { fr: "Le fichier n'a pas été importé : corrigez les erreurs ligne par ligne puis réessayez. Rien n'a été enregistré.", en: 'The file was not imported: fix the row-by-row errors and try again. Nothing was saved.' },
  import_unreadable: { fr: "Le fichier ne peut pas être lu. Formats acceptés : GeoJSON, CSV, XLSX.", en: 'The file cannot be read. Accepted formats: GeoJSON, CSV, XLSX.' },
  file_missing: { fr: 'Aucun fichier reçu.', en: 'No file received.' },
  file_too_large: { fr: 'Le fichier est trop volumineux.', en: 'The file is too large.' },
  // Gazetteer imports: file-level problems, then row-level ones (the report gives the row and the value).
  import_level_required: { fr: 'Indiquez le niveau administratif du fichier de limites (1 région, 2 cercle, 3 commune).', en: 'Give the administrative level of the boundary file (1 region, 2 cercle, 3 commune).' },
  geojson_invalid: { fr: "Le fichier n'est pas un GeoJSON valide (FeatureCollection attendue).", en: 'The file is not valid GeoJSON (a FeatureCollection is expected).' },
  file_not_csv: { fr: "Ce fichier n'est pas un CSV (classeur Excel ou fichier binaire) : dans Excel, « Enregistrer sous » → CSV UTF-8, puis importez ce fichier.", en: 'This file is not a CSV (an Excel workbook or a binary file): in Excel, “Save as” → CSV UTF-8, then import that file.' },
  csv_invalid: { fr: 'Le fichier CSV ne peut pas être lu (guillemets ou séparateurs incohérents).', en: 'The CSV file cannot be read (inconsistent quotes or separators).' },
  file_empty: { fr: 'Le fichier ne contient aucune ligne de données.', en: 'The file contains no data rows.' },
  column_missing: { fr: "Colonne obligatoire absente de l'en-tête.", en: 'A required column is missing from the header.' },
  property_missing: { fr: 'Propriété introuvable dans les entités GeoJSON : indiquez son nom (la valeur liste les propriétés présentes).', en: 'Property not found in the GeoJSON features: give its name (the value lists the properties present).' },
  pcode_missing: { fr: 'Code P manquant.', en: 'P-code missing.' },
  pcode_invalid: { fr: 'Code P invalide : lettres du pays puis chiffres (ex. ML0501).', en: 'Invalid P-code: country letters then digits (e.g. ML0501).' },
  pcode_duplicate: { fr: 'Ce code P apparaît plusieurs fois dans le fichier.', en: 'This P-code appears more than once in the file.' },
  pcode_parent_mismatch: { fr: 'Le code P ne commence pas par celui de son parent.', en: 'The P-code does not start with its parent’s P-code.' },
  pcode_taken: { fr: 'Une localité utilise déjà ce code P.', en: 'A locality already uses this P-code.' },
  name_missing: { fr: 'Nom manquant.', en: 'Name missing.' },
  parent_missing: { fr: 'Code P du parent (niveau supérieur) manquant.', en: 'Parent P-code (level above) missing.' },
  parent_unknown: { fr: "Parent inconnu : ce code P n'existe ni dans le référentiel ni dans le fichier.", en: 'Unknown parent: this P-code is neither in the gazetteer nor in the file.' },
  parent_level: { fr: "Le parent n'est pas du niveau administratif immédiatement supérieur.", en: 'The parent is not of the administrative level just above.' },
  level_conflict: { fr: 'Ce code P existe déjà à un autre niveau administratif.', en: 'This P-code already exists at another administrative level.' },
  admin_unknown: { fr: "Unité administrative inconnue : importez d'abord les communes (ou les limites) de cette édition.", en: 'Unknown administrative area: import the communes (or boundaries) of this edition first.' },
  admin_chain_mismatch: { fr: "Les codes P de région, cercle et commune ne s'emboîtent pas.", en: 'The region, cercle and commune P-codes do not nest.' },
  coordinates_invalid: { fr: 'Coordonnées invalides : longitude entre -180 et 180, latitude entre -90 et 90, les deux ensemble.', en: 'Invalid coordinates: longitude between -180 and 180, latitude between -90 and 90, both together.' },
  geometry_invalid: { fr: 'Géométrie invalide : Polygon ou MultiPolygon attendu, anneaux fermés de coordonnées [longitude, latitude].', en: 'Invalid geometry: Polygon or MultiPolygon expected, closed rings of [longitude, latitude] positions.' },
  // Alerts, RRM responses and the continuum.
  unknown_locality: { fr: 'Localité inconnue.', en: 'Unknown locality.' },
  shock_after_alert: { fr: "La date du choc ne peut pas être postérieure à la date de l'alerte.", en: 'The shock date cannot be after the alert date.' },
  date_in_future: { fr: 'Cette date est dans le futur.', en: 'This date is in the future.' },
  count_negative: { fr: 'Un nombre ne peut pas être négatif.', en: 'A count cannot be negative.' },
  persons_below_households: { fr: 'Le nombre de personnes ne peut pas être inférieur au nombre de ménages.', en: 'The number of persons cannot be lower than the number of households.' },
  duplicate_sector: { fr: 'Chaque secteur ne peut figurer qu’une fois.', en: 'Each sector may appear only once.' },
  illegal_status_transition: { fr: "Ce changement de statut n'est pas permis. Circuit d'une alerte : signalée → vérifiée → évaluée → validée → réponse RRM → clôturée, ou rejetée avant la validation.", en: 'This status change is not allowed. An alert goes reported → verified → assessed → validated → RRM response → closed, or is rejected before validation.' },
  rejection_reason_required: { fr: 'Indiquez le motif du rejet.', en: 'Give the reason for the rejection.' },
  transition_date_invalid: { fr: "La date du changement de statut ne peut précéder ni la date de l'alerte ni le changement de statut précédent, ni être dans le futur.", en: 'The date of the status change cannot be before the alert date or the previous status change, nor in the future.' },
  alert_needs_rrm_response: { fr: "Enregistrez au moins une réponse RRM avant de passer l'alerte au statut « Réponse RRM ».", en: 'Record at least one RRM response before moving the alert to "RRM response".' },
  alert_not_validated: { fr: 'Une réponse RRM ne peut être enregistrée que pour une alerte validée (ni en cours de vérification, ni rejetée).', en: 'An RRM response can only be recorded for a validated alert (not one still being checked, nor a rejected one).' },
  end_before_start: { fr: 'La date de fin ne peut pas précéder la date de début.', en: 'The end date cannot be before the start date.' },
  response_before_shock: { fr: 'La réponse ne peut pas commencer avant la date du choc.', en: 'The response cannot start before the shock date.' },
  organisation_required: { fr: "Indiquez l'organisation.", en: 'Give the organisation.' },
  phase_bounds_order: { fr: 'Le post-RRM doit se terminer après la fin du RRM.', en: 'The post-RRM phase must end after the RRM phase.' },
  // 5W matrix, capacities and reporting periods.
  period_invalid: { fr: 'Mois attendu au format AAAA-MM (ex. 2026-03).', en: 'Month expected as YYYY-MM (e.g. 2026-03).' },
  period_locked: {
    fr: 'Ce mois de rapportage est verrouillé par la coordination : ses fiches 5W et ses capacités ne peuvent plus être modifiées. Demandez à la coordination de le déverrouiller.',
    en: 'This reporting month is locked by the coordination: its 5W records and capacities can no longer be changed. Ask the coordination to unlock it.',
  },
  unknown_alert: { fr: 'Alerte inconnue.', en: 'Unknown alert.' },
  capacity_exists: {
    fr: 'Cette organisation a déjà déclaré une capacité pour ce secteur, cette région et ce mois : modifiez-la plutôt.',
    en: 'This organisation already declared a capacity for this sector, region and month: edit it instead.',
  },
  pivot_same_dimension: { fr: 'Choisissez deux dimensions différentes pour les lignes et les colonnes.', en: 'Choose two different dimensions for rows and columns.' },
  // Assessments, needs and gaps.
  assessment_end_required: { fr: "Indiquez la date de fin de collecte d'une évaluation réalisée.", en: 'Give the end date of data collection of a completed assessment.' },
  assessment_results_too_early: { fr: "Une évaluation planifiée n'a pas encore de résultats : passez-la en cours ou réalisée d'abord.", en: 'A planned assessment has no results yet: set it to ongoing or done first.' },
  report_not_pdf: { fr: "Le rapport doit être un fichier PDF.", en: 'The report must be a PDF file.' },
  report_too_large: { fr: 'Le rapport dépasse la taille maximale autorisée (voir le détail).', en: 'The report exceeds the maximum size allowed (see the detail).' },
  gap_thresholds_order: { fr: 'Le seuil « partiellement couvert » doit être inférieur au seuil « couvert ».', en: 'The "partly covered" threshold must be below the "covered" threshold.' },
  gap_weights_zero: { fr: 'Au moins un poids de la priorité doit être supérieur à zéro.', en: 'At least one priority weight must be above zero.' },
  gap_comment_required: { fr: 'Ajoutez un commentaire pour ce suivi du gap.', en: 'Add a comment to this gap follow-up.' },
  // Dashboard, public page and advocacy briefs.
  dashboard_months_invalid: { fr: 'Période non prise en charge : 6, 12, 18 ou 24 mois.', en: 'Unsupported period: 6, 12, 18 or 24 months.' },
  public_page_disabled: { fr: "La page publique n'est pas activée sur cette plateforme.", en: 'The public page is not enabled on this platform.' },
  tile_url_invalid: { fr: 'Adresse de tuiles attendue en https avec {z}, {x} et {y} (ex. https://tuiles.exemple.org/{z}/{x}/{y}.png).', en: 'Expected an https tile address with {z}, {x} and {y} (e.g. https://tiles.example.org/{z}/{x}/{y}.png).' },
  brief_scope_required: { fr: 'Choisissez une région ou un secteur pour la note de plaidoyer.', en: 'Choose a region or a sector for the advocacy brief.' },
  internal: { fr: "Une erreur inattendue s'est produite. L'équipe technique peut la retrouver avec l'identifiant de requête.", en: 'An unexpected error occurred. The technical team can trace it with the request id.' },
  // Field-level messages used by the shared zod schemas.
  password_too_short: { fr: 'Le mot de passe doit faire au moins 10 caractères.', en: 'The password must be at least 10 characters long.' },
  partner_needs_organisation: { fr: 'Un compte partenaire doit être rattaché à une organisation.', en: 'A partner account must belong to an organisation.' },
  regional_needs_region: { fr: 'Un coordinateur régional doit avoir au moins une région.', en: 'A regional coordinator needs at least one region.' },
  region_pcode: { fr: 'Code P de région attendu (ex. ML05).', en: 'Region P-code expected (e.g. ML05).' },
  lat_lon_together: { fr: 'Latitude et longitude vont ensemble.', en: 'Latitude and longitude go together.' },
} as const satisfies Record<string, Record<Language, string>>;

export type ErrorCode = keyof typeof errorMessages;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(errorMessages, value);
}

export function errorMessage(code: ErrorCode, lang: Language): string {
  return errorMessages[code][lang];
}
