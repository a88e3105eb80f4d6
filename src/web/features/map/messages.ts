/**
 * The words of the map's first view (drawn without MapLibre) and of its swap to the interactive
 * map, in their own namespace (see i18n.ts). French typography: narrow no-break space (\u202f)
 * before : ; ! ? and inside « ».
 */
export const situationMapFr = {
  explore: 'Explorer la carte',
  loadingInteractive: 'Chargement de la carte interactive…',
  description_one:
    'Aperçu fixe de la carte\u202f: {{value}} localité, cercle coloré selon la légende. Les chiffres de chaque zone sont dans le tableau des zones plus bas\u202f; «\u202fExplorer la carte\u202f» ouvre la carte interactive.',
  description_other:
    'Aperçu fixe de la carte\u202f: {{value}} localités, cercles colorés selon la légende. Les chiffres de chaque zone sont dans le tableau des zones plus bas\u202f; «\u202fExplorer la carte\u202f» ouvre la carte interactive.',
  interactiveUnavailable:
    'La carte interactive ne peut pas s’afficher sur ce navigateur (WebGL indisponible)\u202f: l’aperçu fixe et les tableaux restent valables.',
};

export const situationMapEn: typeof situationMapFr = {
  explore: 'Explore the map',
  loadingInteractive: 'Loading the interactive map…',
  description_one:
    'Still preview of the map: {{value}} locality, its circle coloured as in the legend. Each area’s figures are in the areas table further down; “Explore the map” opens the interactive map.',
  description_other:
    'Still preview of the map: {{value}} localities, circles coloured as in the legend. Each area’s figures are in the areas table further down; “Explore the map” opens the interactive map.',
  interactiveUnavailable: 'The interactive map cannot be shown in this browser (WebGL unavailable): the still preview and the tables remain valid.',
};
