import { messageNamespace } from '../../i18n/namespace.ts';

const fr = {
  title: 'Sauvegardes',
  lead: 'Copies de la base de données intégrée, prises par le serveur pendant qu’il fonctionne : aucune écriture n’y est à moitié faite.',
  postgresql: 'Cette installation utilise PostgreSQL : sauvegardez-la avec ses propres outils (pg_dump et pg_restore, voir le README).',
  last: 'Dernière sauvegarde',
  lastTaken: 'Prise le {{date}} ({{size}}).',
  none: 'Aucune sauvegarde n’a encore été prise.',
  schedule_one: 'Une sauvegarde est prise automatiquement toutes les heures ; les {{keep}} plus récentes sont gardées.',
  schedule_other: 'Une sauvegarde est prise automatiquement toutes les {{count}} heures ; les {{keep}} plus récentes sont gardées.',
  onRequest: 'Les sauvegardes ne sont prises que sur demande (BACKUP_EVERY_HOURS=0) ; les {{keep}} plus récentes sont gardées.',
  takeNow: 'Sauvegarder maintenant',
  taking: 'Sauvegarde en cours…',
  taken: 'Sauvegarde enregistrée : {{name}}.',
  restore: 'Pour restaurer : arrêtez le serveur, puis « relais restore FICHIER --force » (la base remplacée est gardée à côté).',
  caption: 'Sauvegardes gardées, de la plus récente à la plus ancienne',
  takenAt: 'Prise le',
  file: 'Fichier',
  bytes: 'Taille',
  size: '{{size}} Mo',
};

const en: typeof fr = {
  title: 'Backups',
  lead: 'Copies of the embedded database, taken by the server while it runs: no write is half-done in them.',
  postgresql: 'This installation uses PostgreSQL: back it up with its own tools (pg_dump and pg_restore, see the README).',
  last: 'Last backup',
  lastTaken: 'Taken on {{date}} ({{size}}).',
  none: 'No backup has been taken yet.',
  schedule_one: 'A backup is taken automatically every hour; the {{keep}} newest are kept.',
  schedule_other: 'A backup is taken automatically every {{count}} hours; the {{keep}} newest are kept.',
  onRequest: 'Backups are taken on request only (BACKUP_EVERY_HOURS=0); the {{keep}} newest are kept.',
  takeNow: 'Back up now',
  taking: 'Backing up…',
  taken: 'Backup saved: {{name}}.',
  restore: 'To restore: stop the server, then “relais restore FILE --force” (the replaced database is kept aside).',
  caption: 'Backups kept, newest first',
  takenAt: 'Taken on',
  file: 'File',
  bytes: 'Size',
  size: '{{size}} MB',
};

/** The backups page's strings, in their own namespace (see src/web/i18n/namespace.ts). */
export const useBackupsT = messageNamespace('backups', fr, en);
