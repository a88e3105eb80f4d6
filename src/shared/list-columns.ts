import { householdColumns } from './linkage/household-columns.ts';
import { sectorAliases, sectorLabels, sectors } from './sectors.ts';
import { type ColumnSpec, defineColumns, optionsFrom, type RowOf } from './tabular/columns.ts';

/**
 * A beneficiary list file: the household columns (names, phones, NINA, places… in the
 * organisations' own layouts) and the assistance each household received. Sector and date may
 * be left out: the list's own apply. Pure: the upload reads files with it, and the browser
 * recognises a list's columns with it before encoding the list on the device.
 */
export const listColumns = defineColumns([
  ...householdColumns,
  {
    key: 'origin',
    type: 'text',
    hxl: '#loc+origin+name',
    header: { fr: "Zone d'origine", en: 'Area of origin' },
    aliases: ['Provenance', 'Lieu de provenance', "Commune d'origine", "Village d'origine", "Localité d'origine", 'Origine', 'Origin'],
    maxLength: 200,
  },
  {
    key: 'sector',
    type: 'enum',
    hxl: '#sector',
    header: { fr: 'Secteur', en: 'Sector' },
    aliases: ['Cluster', "Secteur de l'assistance"],
    options: optionsFrom(sectors, sectorLabels, sectorAliases),
  },
  {
    key: 'assistance',
    type: 'text',
    hxl: '#activity+type',
    header: { fr: 'Assistance reçue', en: 'Assistance received' },
    aliases: ['Assistance', 'Type d’assistance', "Type d'assistance", 'Nature de l’assistance', 'Kit reçu', 'Activité', 'Assistance type'],
    maxLength: 200,
  },
  {
    key: 'assistanceDate',
    type: 'date',
    hxl: '#date+distribution',
    header: { fr: "Date de l'assistance", en: 'Date of the assistance' },
    aliases: ['Date de distribution', 'Date distribution', 'Date d’assistance', 'Date de réception', 'Date', 'Distribution date'],
  },
]);

export type ListRow = RowOf<typeof listColumns>;
export type ListColumnKey = (typeof listColumns)[number]['key'];

/**
 * The declaration with an organisation's remembered headers added to the columns they name: the
 * upload reads with it, and the browser recognises a list's columns with it before encoding.
 */
export function columnsWithMappings(mappings: readonly { header: string; column: string }[]): typeof listColumns {
  if (mappings.length === 0) return listColumns;
  const extra = new Map<string, string[]>();
  for (const m of mappings) extra.set(m.column, [...(extra.get(m.column) ?? []), m.header]);
  return listColumns.map((column: ColumnSpec) => {
    const headers = extra.get(column.key);
    return headers ? { ...column, aliases: [...(column.aliases ?? []), ...headers] } : column;
  }) as unknown as typeof listColumns;
}
