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
  token_invalid: { fr: "Jeton d'API inconnu, expiré ou révoqué.", en: 'Unknown, expired or revoked API token.' },
  token_read_only: { fr: 'Ce jeton est en lecture seule : il ne permet que de lire (requêtes GET).', en: 'This token is read-only: it can only read (GET requests).' },
  token_not_allowed: { fr: "Cette action n'est pas permise avec un jeton d'API : faites-la dans l'application, connecté à votre compte.", en: 'This action is not allowed with an API token: do it in the app, signed in to your account.' },
  token_limit: { fr: 'Vous avez déjà 20 jetons actifs : révoquez-en un avant d’en créer un autre.', en: 'You already have 20 active tokens: revoke one before creating another.' },
  feed_month_future: { fr: 'La situation d’un mois à venir n’est pas encore connue : choisissez le mois en cours ou un mois passé.', en: 'The situation of a month to come is not known yet: choose the current month or a past one.' },
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
  import_changed: { fr: "Des enregistrements visés par le fichier ont été modifiés, ou un mois verrouillé, pendant l'import : rien n'a été enregistré. Importez le fichier à nouveau.", en: 'Records the file updates were changed, or a month was locked, while it was being imported: nothing was saved. Import the file again.' },
  import_interrupted: { fr: "L'import a été interrompu (redémarrage du serveur) : rien n'a été enregistré. Importez le fichier à nouveau.", en: 'The import was interrupted (server restart): nothing was saved. Import the file again.' },
  import_unreadable: { fr: "Le fichier ne peut pas être lu. Formats acceptés : GeoJSON, CSV, XLSX.", en: 'The file cannot be read. Accepted formats: GeoJSON, CSV, XLSX.' },
  file_missing: { fr: 'Aucun fichier reçu.', en: 'No file received.' },
  upload_malformed: { fr: "L'envoi du fichier est incomplet ou mal formé : réessayez.", en: 'The file upload is incomplete or malformed: try again.' },
  file_too_large: { fr: 'Le fichier est trop volumineux.', en: 'The file is too large.' },
  body_too_large: { fr: 'La requête est trop volumineuse.', en: 'The request is too large.' },
  json_too_deep: { fr: 'La requête contient des données imbriquées trop profondément (au plus 32 niveaux).', en: 'The request holds data nested too deeply (at most 32 levels).' },
  text_invalid_characters: { fr: "Le texte contient un caractère interdit (caractère nul, de contrôle ou de changement de sens d'écriture).", en: 'The text holds a forbidden character (a null, control or writing-direction override character).' },
  date_out_of_range: { fr: 'Date hors des limites admises (entre 1900 et 2100).', en: 'Date out of the accepted range (1900 to 2100).' },
  // Gazetteer (its import's row problems are in import-messages.ts, like every import's).
  import_level_required: { fr: 'Indiquez le niveau administratif du fichier de limites (1 région, 2 cercle, 3 commune).', en: 'Give the administrative level of the boundary file (1 region, 2 cercle, 3 commune).' },
  pcode_invalid: { fr: 'Code P invalide : lettres du pays puis chiffres (ex. ML0501).', en: 'Invalid P-code: country letters then digits (e.g. ML0501).' },
  pcode_taken: { fr: 'Une localité utilise déjà ce code P.', en: 'A locality already uses this P-code.' },
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
  alert_needs_msa: { fr: "Enregistrez d'abord les résultats de l'évaluation multisectorielle (ESM) : au moins un secteur, avec un besoin relevé ou aucun besoin. Sans eux, l'alerte ne peut pas être « Évaluée (ESM) » ni « Validée ».", en: 'Record the multisector assessment (MSA) results first: at least one sector, with a need found or no need. Without them the alert cannot be "Assessed (MSA)" nor "Validated".' },
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
  pivot_organisation_detail: { fr: 'Le détail par organisation est réservé aux partenaires et à la coordination : choisissez une autre dimension.', en: 'The breakdown by organisation is for partners and the coordination: choose another dimension.' },
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
  // Coordination meetings, decisions and action points.
  meeting_time_invalid: { fr: 'Heure attendue au format HH:MM (ex. 09:30).', en: 'Time expected as HH:MM (e.g. 09:30).' },
  meeting_end_before_start: { fr: "L'heure de fin doit suivre l'heure de début.", en: 'The end time must come after the start time.' },
  meeting_regions_level: { fr: 'Une réunion régionale porte sur au moins une région ; une réunion nationale sur aucune en particulier.', en: 'A regional meeting covers at least one region; a national meeting covers none in particular.' },
  participant_empty: { fr: 'Indiquez une organisation, un compte ou un nom pour chaque participant.', en: 'Give an organisation, an account or a name for each participant.' },
  email_invalid: { fr: 'Adresse e-mail invalide.', en: 'Invalid e-mail address.' },
  call_link_invalid: { fr: "Lien d'appel attendu en http(s)://…", en: 'Call link expected as http(s)://…' },
  concern_sector_without_locality: { fr: 'Un secteur ne se choisit qu’avec une localité (le gap d’une localité dans un secteur).', en: 'A sector goes with a locality (the gap of a locality in a sector).' },
  meeting_status_transition: { fr: "Ce changement de statut n'est pas permis. Circuit d'une réunion : planifiée → tenue → compte rendu publié, ou annulée avant d'être tenue.", en: 'This status change is not allowed. A meeting goes planned → held → minutes published, or is cancelled before it is held.' },
  meeting_agenda_locked: { fr: "L'ordre du jour ne se modifie plus une fois la réunion tenue.", en: 'The agenda can no longer be changed once the meeting is held.' },
  meeting_minutes_locked: { fr: 'Le compte rendu de cette réunion est publié (ou la réunion annulée) : rouvrez-le pour le corriger.', en: 'The minutes of this meeting are published (or the meeting cancelled): reopen them to correct them.' },
  meeting_not_held: { fr: 'Marquez la réunion comme tenue avant de publier son compte rendu.', en: 'Mark the meeting as held before publishing its minutes.' },
  meeting_cancelled: { fr: 'Cette réunion est annulée.', en: 'This meeting is cancelled.' },
  agenda_item_title_required: { fr: 'Donnez un titre au point ajouté à l’ordre du jour.', en: 'Give the added agenda item a title.' },
  agenda_item_unknown: { fr: "Ce point de l'ordre du jour n'appartient pas à cette réunion.", en: 'This agenda item does not belong to this meeting.' },
  decision_not_about_locality: { fr: 'Cette décision de réunion ne concerne pas cette localité.', en: 'This meeting decision is not about this locality.' },
  decision_unknown: { fr: "Cette décision n'appartient pas à cette réunion.", en: 'This decision does not belong to this meeting.' },
  unknown_user: { fr: 'Compte inconnu ou désactivé.', en: 'Unknown or deactivated account.' },
  owner_not_in_organisation: { fr: "La personne responsable n'appartient pas à l'organisation responsable.", en: 'The person in charge does not belong to the organisation in charge.' },
  action_point_published: { fr: 'Ce point d’action figure dans un compte rendu publié : passez-le « abandonné » plutôt que de le supprimer.', en: 'This action point is in published minutes: set it to "dropped" rather than deleting it.' },
  no_invitees: { fr: "Personne à inviter : ajoutez des organisations ou des personnes à la réunion.", en: 'Nobody to invite: add organisations or people to the meeting.' },
  package_status_transition: { fr: "Ce changement de statut n'est pas permis. Circuit : brouillon → proposé → validé → remplacé par une version plus récente.", en: 'This status change is not allowed. A package goes draft → proposed → endorsed → superseded by a newer version.' },
  package_not_editable: { fr: 'Seuls les brouillons et les propositions se modifient : créez une nouvelle version de ce paquet validé.', en: 'Only drafts and proposals can be edited: create a new version of this endorsed package.' },
  package_revision_open: { fr: 'Une nouvelle version de ce paquet est déjà en cours (brouillon ou proposée).', en: 'A new version of this package is already under way (draft or proposed).' },
  package_not_focal_point: { fr: "Vous ne pouvez proposer que dans les secteurs dont vous êtes point focal.", en: 'You can only propose in the sectors you are a focal point for.' },
  package_unknown: { fr: "Paquet inconnu, ou pas encore validé : choisissez un paquet validé du secteur.", en: 'Unknown package, or not endorsed yet: choose an endorsed package of the sector.' },
  package_sector_mismatch: { fr: "Ce paquet n'est pas du secteur de la réponse.", en: "This package is not of the response's sector." },
  method_attachment_not_pdf: {
    fr: "Ce fichier n'est pas un PDF (son contenu ne l'est pas, quel que soit son nom) : seules des pièces jointes PDF sont acceptées.",
    en: 'This file is not a PDF (its content is not, whatever its name): only PDF attachments are accepted.',
  },
  method_attachment_too_large: {
    fr: 'La pièce jointe dépasse la taille maximale (voir le détail) : enregistrez le PDF en taille réduite ou scindez-le.',
    en: 'The attachment exceeds the maximum size (see the detail): save the PDF at a reduced size or split it.',
  },
  method_attachment_limit: {
    fr: "Cette version de la méthode a déjà le nombre maximal de pièces jointes (20) : retirez-en une avant d'en ajouter.",
    en: 'This method version already has the maximum number of attachments (20): remove one before adding another.',
  },
  method_attachment_locked: {
    fr: "Les pièces jointes se modifient sur un brouillon ou une proposition, et par le coordinateur sur la version validée ; une version remplacée ne change plus.",
    en: 'Attachments change on a draft or a proposal, and by the coordinator on the endorsed version; a superseded version no longer changes.',
  },
  endorsement_decision_unknown: {
    fr: "Cette décision de réunion n'existe pas (ou plus) : choisissez une décision enregistrée, ou aucune.",
    en: 'This meeting decision does not exist (any more): choose a recorded decision, or none.',
  },
  document_url_invalid: { fr: 'Lien attendu en http(s)://…', en: 'Link expected as http(s)://…' },
  internal: { fr: "Une erreur inattendue s'est produite. L'équipe technique peut la retrouver avec l'identifiant de requête.", en: 'An unexpected error occurred. The technical team can trace it with the request id.' },
  // Field-level messages used by the shared zod schemas.
  password_too_short: { fr: 'Le mot de passe doit faire au moins 10 caractères.', en: 'The password must be at least 10 characters long.' },
  partner_needs_organisation: { fr: 'Un compte partenaire doit être rattaché à une organisation.', en: 'A partner account must belong to an organisation.' },
  regional_needs_region: { fr: 'Un coordinateur régional doit avoir au moins une région.', en: 'A regional coordinator needs at least one region.' },
  region_pcode: { fr: 'Code P de région attendu (ex. ML05).', en: 'Region P-code expected (e.g. ML05).' },
  lat_lon_together: { fr: 'Latitude et longitude vont ensemble.', en: 'Latitude and longitude go together.' },
  // Beneficiary lists and their sharing protocol.
  protocol_not_accepted: { fr: "Votre organisation doit accepter la version en vigueur du protocole de partage des listes avant de déposer une liste.", en: 'Your organisation must accept the current version of the list-sharing protocol before uploading a list.' },
  protocol_version_unknown: { fr: "Cette version du protocole n'est pas celle en vigueur : rechargez la page.", en: 'This protocol version is not the current one: reload the page.' },
  list_purged: { fr: 'Les données personnelles de cette liste ont été purgées : seuls ses totaux restent.', en: "This list's personal data has been purged: only its counts remain." },
  list_keys_missing: { fr: "La clé de chiffrement des listes n'est pas configurée sur le serveur.", en: 'The list encryption key is not configured on the server.' },
  person_search_terms: { fr: 'Cherchez par NINA, ou par nom et téléphone ensemble.', en: 'Search by NINA, or by name and phone together.' },
  sharing_target_required: { fr: "Indiquez la liste demandée, ou la localité et le secteur des ménages demandés.", en: 'Give the list asked for, or the locality and sector of the households asked for.' },
  sharing_period_invalid: { fr: "La fin de la période doit suivre son début.", en: 'The end of the period must follow its start.' },
  sharing_own_list: { fr: 'Cette liste est déjà celle de votre organisation.', en: 'This list already belongs to your organisation.' },
  sharing_not_active: { fr: "Cet accord n'est pas ou plus en vigueur : l'extrait n'est pas disponible.", en: 'This agreement is not or no longer in force: the extract is not available.' },
  sharing_already_decided: { fr: 'Cette demande a déjà été tranchée.', en: 'This request has already been decided.' },
  // Encoded lists (privacy-preserving deduplication).
  encoded_file_invalid: { fr: "Ce fichier n'est pas une liste encodée (.clk.json) : encodez la liste depuis la page « Liste encodée » ou avec « relais encode ».", en: 'This file is not an encoded list (.clk.json): encode the list from the "Encoded list" page or with "relais encode".' },
  encoded_scheme_unknown: { fr: "Cette liste a été encodée selon un schéma que le serveur ne connaît pas : encodez-la à nouveau avec cette version de Relais.", en: 'This list was encoded with a scheme the server does not know: encode it again with this version of Relais.' },
  encoded_list_empty: { fr: 'Aucun ménage encodé dans ce fichier.', en: 'No encoded household in this file.' },
  encoded_looks_personal: {
    fr: "Refusé : une liste encodée ne contient que des encodages et des champs qui n'identifient personne (code P de la localité, secteur, taille du ménage, date de l'assistance). Ce fichier contient autre chose à l'enregistrement indiqué ; rien n'a été enregistré.",
    en: 'Refused: an encoded list holds only encodings and fields that identify nobody (locality P-code, sector, household size, assistance date). This file holds something else at the record shown; nothing was saved.',
  },
  encoded_locality_unknown: { fr: "Le code P de la localité de l'enregistrement indiqué est absent ou inconnu du répertoire des lieux ; rien n'a été enregistré.", en: "The locality P-code of the record shown is missing or unknown to the gazetteer; nothing was saved." },
  encoded_date_in_future: { fr: "La date d'assistance de l'enregistrement indiqué est dans le futur ; rien n'a été enregistré.", en: 'The assistance date of the record shown is in the future; nothing was saved.' },
  list_encoded: { fr: "Cette liste est encodée : le serveur n'en a reçu aucun nom, il n'y a rien à afficher.", en: 'This list is encoded: the server never received a name from it, there is nothing to show.' },
  // Household deduplication.
  backup_running: { fr: 'Une sauvegarde est déjà en cours : attendez qu’elle se termine.', en: 'A backup is already in progress: wait for it to finish.' },
  backup_postgresql: {
    fr: 'Avec PostgreSQL, les sauvegardes se font avec ses propres outils (pg_dump et pg_restore, voir le README).',
    en: 'With PostgreSQL, backups are made with its own tools (pg_dump and pg_restore, see the README).',
  },
  dedup_run_running: { fr: 'Un dédoublonnage est déjà en cours : attendez qu’il se termine.', en: 'A deduplication run is already in progress: wait for it to finish.' },
  dedup_run_interrupted: { fr: 'Le dédoublonnage a été interrompu par un arrêt du serveur ; rien n’a été modifié. Relancez-le.', en: 'The deduplication run was interrupted by a server stop; nothing was changed. Start it again.' },
  dedup_run_failed: { fr: 'Le dédoublonnage a échoué ; rien n’a été modifié. Relancez-le, ou signalez-le à l’administrateur.', en: 'The deduplication run failed; nothing was changed. Start it again, or tell the administrator.' },
  // The continuum to development: handovers and development programmes.
  handover_reason_required: { fr: 'Indiquez pourquoi la localité n’a pas été reprise.', en: 'Say why the locality was not taken up.' },
  illegal_handover_transition: { fr: "Ce changement de statut n'est pas permis. Circuit d'une passation : non commencée → dialogue ouvert → plan convenu → transférée, ou non reprise avec un motif ; une passation close peut rouvrir le dialogue.", en: 'This status change is not allowed. A handover goes not started → dialogue opened → plan agreed → handed over, or not taken up with a reason; a closed handover may reopen the dialogue.' },
  not_development_actor: { fr: "Cette organisation n'a pas le rôle d'acteur de développement ou de résilience.", en: 'This organisation does not have the development or resilience actor role.' },
  unknown_meeting: { fr: 'Réunion inconnue.', en: 'Unknown meeting.' },
  handover_exists: { fr: 'Ce choc a déjà sa passation : ouvrez-la plutôt.', en: 'This shock already has its handover: open it instead.' },
  handover_alert_not_validated: { fr: 'Une passation ne peut être ouverte que pour une alerte validée (ni en cours de vérification, ni rejetée).', en: 'A handover can only be opened for a validated alert (not one still being checked, nor a rejected one).' },
  programme_name_taken: { fr: 'Cette organisation a déjà un programme de ce nom.', en: 'This organisation already has a programme with this name.' },
} as const satisfies Record<string, Record<Language, string>>;

export type ErrorCode = keyof typeof errorMessages;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(errorMessages, value);
}

export function errorMessage(code: ErrorCode, lang: Language): string {
  return errorMessages[code][lang];
}
