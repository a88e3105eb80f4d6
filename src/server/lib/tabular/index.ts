/**
 * Spreadsheet import and export, shared by every feature (gazetteer, alerts, 5W, capacities,
 * assessments, beneficiary lists). A feature declares its columns and its row rules; it never
 * parses a file nor formats a cell. The pure parts (cells, column declarations, header detection,
 * HXL, value parsing) are in src/shared/tabular/: the browser recognises a file's columns with them.
 *
 * IMPORT  runImport: read → map columns → parse values → validate rows → report; then
 *         planImport (preview: create / update / unchanged / refused, row by row) and
 *         commitInOneTransaction (all of it in one transaction, or nothing), or for large
 *         imports ImportStaging (rows staged in short statements as they are checked, then
 *         applied set-based in one short transaction: the embedded store's single connection is
 *         never held for the whole write, and readers see nothing of the import, then all of it).
 *         A staged import that takes what it needs of each row as it is checked passes
 *         `keepRows: false` (rows counted, not kept) and makes its report with reportOutcomes.
 *   - Formats from the bytes, not the name: .xlsx (streamed part by part through the zip's
 *     central directory: any producer's part order, accents never split), CSV and HXL CSV
 *     (`,` `;` or tab, "sep=" line, UTF-8 with or without BOM, UTF-16, else Windows-1252).
 *     .xls, .ods and other files get a clear message.
 *   - The sheet: `sheet` if named, else the first visible sheet whose header is recognised (an
 *     "Instructions" tab in front is passed over). The header: among the first 30 non-blank rows,
 *     under title rows, merged or on two rows ("Ménages" over "ciblés" / "atteints"), with an
 *     HXL hashtag row under it or instead of it. Columns match by HXL hashtag wherever they are
 *     (attributes in any order, extra attributes allowed when unambiguous), else by header name
 *     in French or English (`header` + `aliases`; accents, case, punctuation and a trailing
 *     "(unit)" ignored). Unknown and duplicate columns are warnings; a missing required column
 *     stops the import before any row.
 *   - Values (values.ts): dates ISO, dd/mm/yyyy and d/m/yy day first, "1er mars 2026", Excel
 *     serials and date cells → 'YYYY-MM-DD', impossible dates refused; numbers "1 234,5",
 *     "1234.5", "1.234,5", "12,5 %" (0.125), "1,234" refused as ambiguous for whole numbers;
 *     enumerations by code, French or English label or alias, else "did you mean"; lists split
 *     on `;` `|` line breaks (and commas between options); text trimmed; empty → null.
 *   - Issues carry row (as Excel numbers it), column, header as written, value, a stable code
 *     (src/shared/import-messages.ts), params and the message in the report's language. Row
 *     rules: `validateRow` (cells of one row), `validateBatch` (database look-ups, 500 rows a call).
 *   - Valid rows are spooled (memory, then a temporary file) so 50,000 rows are never held
 *     twice; `result.rows.dispose()` in a `finally`. 50,000 rows: ~7 s, ~230 MB peak RSS
 *     (bench/tabular-read.ts).
 *
 * EXPORT  writeTable(output, { format: 'xlsx' | 'csv' | 'hxl', columns, rows, language, lists? })
 *   XLSX: header + HXL row, frozen, widths, real dates and numbers, drop-downs from enumerations,
 *   booleans and `lists` (values on a hidden "listes" sheet), pre-filled rows = a template.
 *   CSV: UTF-8 BOM, CRLF, `,` (or `csvDelimiter: ';'` with decimal commas for French Excel).
 *   HXL CSV: header + hashtag row. Formula injection: CSV text starting with = + - @ tab or CR
 *   gets a leading `'` (removed again on import); XLSX text is a string cell formatted as Text,
 *   never a formula, so it keeps its exact value. What writeTable writes, runImport reads back
 *   with the same values (text trimmed, empty text null).
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
export {
  type ColumnSpec,
  defineColumns,
  optionsFrom,
  type RowOf,
} from '../../../shared/tabular/columns.ts';
export { commitInOneTransaction, planImport, reportOutcomes, type RowPlan } from './commit.ts';
export {
  type ImportResult,
  type ParsedRow,
  type RowCheck,
  runImport,
} from './import.ts';
export { type TabularSource } from './source.ts';
export { reportProblems, type RowProblem } from './rows.ts';
export { type BatchRange, ImportStaging } from './staging.ts';
export { tableContentTypes, tableExtensions, writeTable, type WriteTableOptions } from './write.ts';
