/**
 * Spreadsheet import and export, shared by every feature (gazetteer, alerts, 5W, capacities,
 * assessments, beneficiary lists). A feature declares its columns and its row rules; it never
 * parses a file nor formats a cell.
 *
 * IMPORT  read → map columns → parse values → validate rows → report → commit all or nothing
 *   - Reads .xlsx (streamed; first visible sheet or `sheet`), CSV and HXL CSV (`,` `;` or tab,
 *     UTF-8 with or without BOM, UTF-16, Windows-1252 fallback). The format comes from the bytes.
 *   - Finds the header among the first 30 non-blank rows (title rows, merged and two-row headers,
 *     an HXL hashtag row under or instead of it). Columns match by HXL hashtag wherever they are,
 *     else by header name in French or English (`header` + `aliases`), accents and case ignored.
 *     Unknown columns are reported and ignored; a missing required column stops the import.
 *   - Values: dates ISO, dd/mm/yyyy, d/m/yy (day first), "1er mars 2026", Excel serials and date
 *     cells → 'YYYY-MM-DD'; numbers "1 234,5", "1234.5", "12,5 %"; enums by code, French or English
 *     label or alias, with "did you mean"; empty → null. Blank rows are skipped.
 *   - Issues are per row and column, with a stable code (src/shared/import-messages.ts), params,
 *     and a message in the report's language. Row numbers are those Excel shows.
 *   - Valid rows are spooled (memory, then a temporary file) so 50,000 rows are never held twice.
 *
 * EXPORT  writeTable(output, { format: 'xlsx' | 'csv' | 'hxl', columns, rows, language })
 *   XLSX: header + HXL row, frozen, widths, real dates and numbers, drop-downs from enums (values
 *   on a hidden "listes" sheet). CSV: UTF-8 BOM, `,` (or `;` with decimal commas). HXL CSV: header
 *   + hashtag row. Formula injection is neutralised (CSV: leading `'`, removed again on import;
 *   XLSX: text cells formatted as Text). What `writeTable` writes, `runImport` reads back unchanged
 *   (text is trimmed, empty text is null).
 *
 * WORKED EXAMPLE — a 5W import
 *
 *   // features/responses/responses.columns.ts
 *   export const responseColumns = defineColumns([
 *     { key: 'id', type: 'text', hxl: '#meta+id', header: { fr: 'Identifiant', en: 'Record id' }, unique: true },
 *     { key: 'organisation', type: 'text', hxl: '#org+prog', header: { fr: 'Organisation', en: 'Organisation' },
 *       aliases: ['Partenaire', 'Acteur'], required: true, maxLength: 200 },
 *     { key: 'sector', type: 'enum', hxl: '#sector', header: { fr: 'Secteur', en: 'Sector' }, required: true,
 *       options: optionsFrom(sectors, sectorLabels, { eha: ['WASH', 'Eau hygiène assainissement'] }) },
 *     { key: 'place', type: 'text', hxl: '#loc+code', header: { fr: 'Localité', en: 'Locality' }, required: true },
 *     { key: 'status', type: 'enum', hxl: '#status', header: { fr: 'Statut', en: 'Status' }, required: true,
 *       options: [{ value: 'ongoing', label: { fr: 'En cours', en: 'Ongoing' } }, ...] },
 *     { key: 'start', type: 'date', hxl: '#date+start', header: { fr: 'Date de début', en: 'Start date' }, required: true },
 *     { key: 'end', type: 'date', hxl: '#date+end', header: { fr: 'Date de fin', en: 'End date' } },
 *     { key: 'reachedHouseholds', type: 'integer', hxl: '#reached+hh', min: 0,
 *       header: { fr: 'Ménages atteints', en: 'Households reached' } },
 *     { key: 'budget', type: 'number', hxl: '#value+budget', min: 0, header: { fr: 'Budget (FCFA)', en: 'Budget (XOF)' } },
 *   ]);
 *   export type ResponseRow = RowOf<typeof responseColumns>;   // { id: string | null; sector: Sector; start: string; … }
 *
 *   // features/responses/responses.import.ts (service): preview and commit share one function
 *   const result = await runImport({
 *     source: { path: savedUpload.filepath }, columns: responseColumns, language,
 *     maxRows: 100_000, onProgress: (p) => job.update(p),
 *     validateRow: (row, check) => {
 *       if (row.end !== null && row.end < row.start) check.error('end_before_start', { column: 'end', value: row.end });
 *     },
 *     validateBatch: async (rows, check) => {           // one query per 500 rows, never one per row
 *       const places = await placesRepo.findByCodesOrNames(trx, rows.map((r) => r.values.place));
 *       for (const { row, values } of rows) {
 *         const found = places.find(values.place);      // a NameIndex from src/shared/name-index.ts
 *         if (found.length === 0) check.error('place_did_you_mean', { column: 'place', value: values.place,
 *           params: { value: values.place }, suggestions: places.suggest(values.place).map((p) => p.name) });
 *       }
 *     },
 *   });
 *   try {
 *     if (dryRun) return await planImport(result, (batch) => repo.classify(db, batch));   // create / update / unchanged
 *     await commitInOneTransaction(db, result, (trx, batch) => repo.upsertMany(trx, batch.map((r) => r.values)));
 *   } finally {
 *     await result.rows.dispose();
 *   }
 *
 *   // export and template: the same declaration
 *   const out = new PassThrough();
 *   void writeTable(out, { format: 'xlsx', columns: responseColumns, rows: repo.streamFiltered(query), language: 'fr',
 *     lists: { organisation: organisationNames } }).catch((error) => out.destroy(error));
 *   return reply.type(tableContentTypes.xlsx).send(out);
 *
 * Row rule codes (like `end_before_start`) go in src/shared/import-messages.ts with French and
 * English text. Uploads must be saved to a file (`request.saveRequestFiles()`) or a buffer: a
 * CSV is read twice (encoding check, then rows).
 */
export { CellError, type CellValue, neutraliseFormula, type RawRow, restoreNeutralised } from './cells.ts';
export {
  type ColumnSpec,
  type ColumnType,
  defineColumns,
  type EnumOption,
  type Labels,
  optionsFrom,
  type RowOf,
  type ValueOf,
} from './columns.ts';
export { commitInOneTransaction, planImport, type RowPlan } from './commit.ts';
export {
  type BatchCheck,
  type ImportOptions,
  type ImportResult,
  type IssueOptions,
  type ParsedRow,
  type RowCheck,
  runImport,
  type ValidRows,
} from './import.ts';
export { type TabularSource } from './source.ts';
export { excelSerialToDate, parseBoolean, parseDate, parseNumber } from './values.ts';
export { type TableFormat, tableContentTypes, tableExtensions, writeTable, type WriteTableOptions } from './write.ts';
