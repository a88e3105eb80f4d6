import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Language } from '../../../shared/contracts/common.ts';
import type { ImportRowOutcome } from '../../../shared/contracts/import.ts';
import type { ListSummary, ListUploadQuery, ListUploadResult } from '../../../shared/contracts/lists.ts';
import { currentProtocol } from '../../../shared/list-protocol.ts';
import { todayIso } from '../../../shared/phases.ts';
import { sectorLabels } from '../../../shared/sectors.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { checkHouseholdRow } from '../../lib/households/household-columns.ts';
import { encryptValue, type ListKeyring } from '../../lib/list-keys.ts';
import { ImportStaging, reportOutcomes, runImport } from '../../lib/tabular/index.ts';
import { type PlaceCandidate, placeIndex } from '../../lib/tabular/places.ts';
import { openSourceStream, type TabularSource } from '../../lib/tabular/source.ts';
import { placeCandidates } from '../../lib/tabular/references.repository.ts';
import type { ImportProgressBoard } from '../responses/responses.module.ts';
import { columnsWithMappings, type ListRow } from '../../../shared/list-columns.ts';
import { personalColumns } from './lists.columns.ts';
import { householdIndexes, householdKeyMaterial, type SealedHousehold, sealedHouseholdOf } from './lists.records.ts';
import { type ListsRepository, type StagedHousehold, stagedHouseholdKind } from './lists.repository.ts';
import { newListOf, toListSummary } from './lists.service.ts';

const maxRows = 200_000;
const maxOutcomes = 1000;
/** Rows per batch check, and so per staged batch: one statement stores 1000 prepared households. */
const stagedBatchRows = 1000;

/** A row that passed every check, with what the commit stages of it. */
interface ReadyHousehold {
  row: number;
  values: ListRow;
  household: SealedHousehold;
  assistanceDate: string;
  place: PlaceCandidate;
}

/**
 * Keyed hashes of one upload, remembered for name variants: a list repeats the same few thousand
 * name words, and each HMAC costs more than the rest of the row's indexes. Lives as long as the upload.
 */
function uploadIndexer(keyring: ListKeyring): Pick<ListKeyring, 'blindIndex'> {
  const remembered = new Map<string, string>();
  return {
    blindIndex(kind, value) {
      if (kind !== 'block-name') return keyring.blindIndex(kind, value);
      let index = remembered.get(value);
      if (index === undefined) {
        if (remembered.size >= 100_000) remembered.clear();
        index = keyring.blindIndex(kind, value);
        remembered.set(value, index);
      }
      return index;
    },
  };
}

/** A keyed digest of the file's bytes: the same file uploaded again is recognised, and the digest tells nothing of its content. */
async function fileDigest(source: TabularSource, keyring: ListKeyring): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of openSourceStream(source)) hash.update(chunk as Buffer);
  return keyring.blindIndex('file', hash.digest('hex'));
}

/** The same file uploaded again by the same organisation: the list it made, every row already there, nothing read. */
function alreadyUploadedReport(fileName: string, list: ListSummary, dryRun: boolean): ListUploadResult {
  const rows = list.rowCount;
  return {
    format: fileName.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx',
    sheet: null,
    encoding: null,
    delimiter: null,
    headerRow: null,
    hxlRow: null,
    columns: [],
    unknownColumns: [],
    missingRequiredColumns: [],
    rows,
    valid: rows,
    invalid: 0,
    errors: 0,
    warnings: 0,
    issues: [],
    issuesTruncated: false,
    plan: { create: 0, update: 0, unchanged: rows, refused: 0 },
    outcomes: [],
    outcomesTruncated: rows > 0,
    canCommit: true,
    dryRun,
    committed: false,
    list,
    alreadyUploaded: true,
  };
}

/**
 * The upload of a beneficiary list in the organisation's own layout: the platform's import
 * pipeline reads it (headers recognised, the organisation's remembered mappings added), the
 * household readers normalise each row for Mali, places become localities of the gazetteer;
 * the preview reports row by row, without ever echoing a personal value; the commit encrypts
 * and hashes every row under a new data key as it is checked, stages it (ImportStaging: short
 * statements, so the embedded store's single connection is never held for the whole upload),
 * then writes the list from the staging in one short transaction, or nothing.
 */
export function listsImporter(deps: { db: Kysely<DB>; lists: ListsRepository; keyring: ListKeyring; progress: ImportProgressBoard }) {
  const { db, lists, keyring, progress } = deps;

  return {
    async run(ctx: ServiceContext, source: TabularSource, fileName: string, query: ListUploadQuery, language: Language): Promise<ListUploadResult> {
      const organisationId = ctx.user.organisationId;
      if (!organisationId || (query.organisationId && query.organisationId !== organisationId)) throw new AppError('forbidden', 403);
      if (!(await lists.acceptance(organisationId, currentProtocol.version))) throw new AppError('protocol_not_accepted', 403);

      const track = (patch: Parameters<ImportProgressBoard['update']>[2]) => progress.update(ctx.user.id, query.progressKey, patch);
      const digest = await fileDigest(source, keyring);
      const already = await lists.findByDigest(organisationId, digest);
      if (already) {
        // The same file again: nothing to read or write; the report says every row is already there.
        track({ stage: 'done' });
        return alreadyUploadedReport(fileName, toListSummary(already), query.dryRun);
      }
      const indexer = uploadIndexer(keyring);
      const places = placeIndex(await placeCandidates(db));
      const columns = columnsWithMappings(await lists.mappings(organisationId));
      const firstRowOf = new Map<string, number>();
      const today = todayIso();
      // The row-by-row report: every valid row is a new household; the first ones are shown.
      const outcomes: ImportRowOutcome[] = [];
      // Households as each row's check read them, until its batch check (the rows refused in
      // between never reach it): each row is read once.
      const readings = new Map<number, SealedHousehold>();
      // A commit encrypts, hashes and stages each batch as soon as it is checked (one reading of
      // the file), then applies them in one short transaction; a refused row stops the staging.
      const staged = query.dryRun ? null : stagedUpload(new ImportStaging(db), keyring.newDataKey());

      const result = await runImport({
        source,
        columns,
        language,
        maxRows,
        personalColumns,
        // What the report and the commit need of each row is taken as it is checked: no row is kept.
        keepRows: false,
        batchSize: stagedBatchRows,
        onProgress: (p) => track({ stage: 'reading', rowsRead: p.rowsRead, fraction: p.fraction }),
        validateRow: (row, check) => {
          const referenceDate = row.assistanceDate ?? query.assistanceDate;
          readings.set(check.row, sealedHouseholdOf(row, referenceDate, checkHouseholdRow(row, check, referenceDate)));
          if (row.assistanceDate && row.assistanceDate > today) check.error('date_in_future', { column: 'assistanceDate', value: row.assistanceDate, params: { value: row.assistanceDate } });
        },
        validateBatch: async (rows, check) => {
          const accepted: ReadyHousehold[] = [];
          for (const { row, values } of rows) {
            const match = places.resolve(values);
            if (!match.ok) {
              const p = match.problem;
              check.error(row, p.code, { column: p.column, value: p.value, params: p.params, suggestions: p.suggestions });
              if (staged) staged.refused = true;
              continue;
            }
            for (const w of match.warnings) check.warning(row, w.code, { column: w.column, value: w.value, params: w.params, suggestions: w.suggestions });
            const assistanceDate = values.assistanceDate ?? query.assistanceDate;
            const household = readings.get(row) ?? sealedHouseholdOf(values, assistanceDate);
            const key = householdKeyMaterial(household, match.place.id);
            if (key) {
              const first = firstRowOf.get(key);
              if (first === undefined) firstRowOf.set(key, row);
              else check.warning(row, 'household_repeated', { column: 'fullName', params: { first } });
            }
            accepted.push({ row, values, household, assistanceDate, place: match.place });
            if (outcomes.length < maxOutcomes) outcomes.push({ row, action: 'create', id: null, label: `${match.place.name} — ${sectorLabels[values.sector ?? query.sector][language]}` });
          }
          readings.clear();
          if (staged && !staged.refused) await staged.add(accepted);
        },
      }).catch(async (error: unknown) => {
        await staged?.discard();
        throw error;
      });
      firstRowOf.clear();

      /**
       * What a commit stages as its rows are checked: each household encrypted under the list's
       * new data key and hashed, as `list_households` will hold it, one batch in flight while the
       * next is read.
       */
      function stagedUpload(staging: ImportStaging, dataKey: { key: Buffer; wrapped: Buffer }) {
        let writing: Promise<void> = Promise.resolve();
        return {
          staging,
          dataKey,
          /** Set once any row is refused: the file will not be committed, nothing more is staged. */
          refused: false,
          async add(ready: readonly ReadyHousehold[]): Promise<void> {
            const items: StagedHousehold[] = ready.map(({ row, values, household, assistanceDate, place }) => {
              const id = randomUUID();
              const indexes = householdIndexes(household, place.id, indexer);
              return {
                id,
                row,
                locality: place.id,
                sector: values.sector ?? query.sector,
                date: assistanceDate,
                size: values.householdSize,
                payload: encryptValue(dataKey.key, JSON.stringify(household), id).toString('base64'),
                key: indexes.householdKey,
                nina: indexes.ninaIndex,
                phones: indexes.namePhoneIndexes,
                blocks: indexes.blockKeys,
              };
            });
            // The database stores one batch while the next is read and sealed.
            await writing;
            writing = staging.stage(stagedHouseholdKind, items);
            writing.catch(() => undefined);
          },
          /** Every batch sent is stored (or failed). */
          settled: () => writing,
          async discard(): Promise<void> {
            await writing.catch(() => undefined);
            await staging.discard();
          },
        };
      }

      try {
        if (query.dryRun || !result.report.canCommit || !staged) {
          await staged?.discard();
          const report = result.rows.count > 0 ? reportOutcomes(result, { create: result.rows.count, update: 0, unchanged: 0 }, outcomes, maxOutcomes) : result.report;
          track({ stage: 'done' });
          if (!query.dryRun) throw new AppError('import_invalid', 422, { report: { ...report, dryRun: false, committed: false, list: null, alreadyUploaded: false } });
          return { ...report, dryRun: true, committed: false, list: null, alreadyUploaded: false };
        }

        await staged.settled();
        track({ stage: 'writing' });
        const { staging, dataKey } = staged;
        const { list, written } = await staging.apply(async (trx) => {
          const created = await lists.insertList(
            trx,
            newListOf(query, { organisationId, fileName, fileDigest: digest, wrappedKey: dataKey.wrapped, keyId: keyring.keyId, uploadedBy: ctx.user.id }),
            Number(today.slice(0, 4)),
          );
          const rowsWritten = await lists.applyStagedHouseholds(trx, staging.id, created.id);
          await lists.finishList(trx, created.id);
          await recordAudit(trx, ctx, {
            action: 'import',
            entity: 'beneficiary_list',
            entityId: created.id,
            after: { code: created.code, title: query.title, organisationId, rows: rowsWritten, purpose: query.purpose, legalBasis: query.legalBasis, protocolVersion: currentProtocol.version },
          });
          return { list: created, written: rowsWritten };
        });
        track({ stage: 'done', rowsWritten: written });
        const stored = await lists.get(db, list.id);
        return {
          ...reportOutcomes(result, { create: written, update: 0, unchanged: 0 }, outcomes, maxOutcomes),
          dryRun: false,
          committed: true,
          list: stored ? toListSummary(stored) : null,
          alreadyUploaded: false,
        };
      } finally {
        await staged?.discard();
        await result.rows.dispose();
      }
    },
  };
}
export type ListsImporter = ReturnType<typeof listsImporter>;
