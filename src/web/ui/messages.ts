import { messageNamespace } from '../i18n/namespace.ts';

/**
 * Words of the shared list and page components, in their own namespace: the app-wide key union
 * of `i18n/fr.ts` is at the edge of what TypeScript can check (see i18n/namespace.ts).
 * French typography: narrow no-break space (\u202f) before : ; ! ? and inside « ».
 */
const fr = {
  scrollCue: 'Le tableau continue à droite\u202f: faites-le défiler pour voir toutes les colonnes.',
  filtersToggle_one: 'Filtres ({{count}})',
  filtersToggle_other: 'Filtres ({{count}})',
  forbiddenPage: 'Cette page n’est pas ouverte au rôle «\u202f{{role}}\u202f». Les chiffres agrégés restent sur le tableau de bord.',
};

const en: typeof fr = {
  scrollCue: 'The table goes on to the right: scroll it to see every column.',
  filtersToggle_one: 'Filters ({{count}})',
  filtersToggle_other: 'Filters ({{count}})',
  forbiddenPage: 'This page is not open to the “{{role}}” role. The aggregated figures stay on the dashboard.',
};

export const useUiT = messageNamespace('ui', fr, en);
