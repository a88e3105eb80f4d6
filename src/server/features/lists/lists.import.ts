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
import type { ListKeyring } from '../../lib/list-keys.ts';
import { ImportStaging, reportOutcomes, runImport } from '../../lib/tabular/index.ts';
import { type PlaceCandidate, placeIndex } from '../../lib/tabular/places.ts';
import { importFingerprint, sourceDigest } from '../../lib/tabular/prepared.ts';
import type { TabularSource } from '../../lib/tabular/source.ts';
import { placeCandidates } from '../../lib/tabular/references.repository.ts';
import type { ImportProgressBoard } from '../responses/responses.module.ts';
import { columnsWithMappings, type ListRow } from '../../../shared/list-columns.ts';
import { personalColumns } from './lists.columns.ts';
import type { PreparedUpload, PreparedUploads } from './lists.prepared.ts';
import { householdKeyMaterial, type SealedHousehold, sealedHouseholdOf } from './lists.records.ts';
import { type ListsRepository, stagedHouseholdKind } from './lists.repository.ts';
import { householdSealer } from './lists.seal.ts';
import { newListOf, toListSummary } from './lists.service.ts';

const maxRows = 200_000;
const maxOutcomes = 1000;
/** Rows per batch check, and so per staged batch: one statement stores 1000 prepared households. */
const stagedBatchRows = 1000;
/** Households written per statement of the apply: short statements, so the embedded store's event loop turns between them. */
const applyRangeRows = 2000;
/** Batches sealed or being stored while the next is read: enough to keep both cores busy, few enough to bound memory. */
const batchesInFlight = 3;

type Track = (patch: Parameters<ImportProgressBoard['update']>[2]) => void;
type ListColumns = ReturnType<typeof columnsWithMappings>;


/** A row that passed every check, with what the commit stages of it. */
interface ReadyHousehold {
  row: number;
  values: ListRow;
  household: SealedHousehold;
  assistanceDate: string;
  place: PlaceCandidate;
}

/** A keyed digest of the file's bytes: the same file uploaded again is recognised, and the digest tells nothing of its content. */
async function fileDigest(source: TabularSource, keyring: ListKeyring): Promise<string> {
  return keyring.blindIndex('file', await sourceDigest(source));
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
 * each row is encrypted and hashed under a new data key as it is checked and staged
 * (ImportStaging: short statements, so the embedded store's single connection is never held for
 * the whole upload); the preview reports row by row, without ever echoing a personal value, and
 * keeps what it staged for the commit of the same file by the same user (lists.prepared.ts); the
 * commit writes the list from the staging in one short transaction, or nothing.
 */
export function listsImporter(deps: { db: Kysely<DB>; lists: ListsRepository; keyring: ListKeyring; progress: ImportProgressBoard; prepared: PreparedUploads }) {
  const { db, lists, keyring, progress, prepared } = deps;

  /**
   * Reads and checks the file; unless a row is refused, every household is also encrypted under
   * a new data key, hashed and staged as it is checked (one batch in flight while the next is
   * read). Both the preview and the commit do it: the preview keeps it for the commit.
   */
  async function check(source: TabularSource, query: ListUploadQuery, language: Language, columns: ListColumns, fingerprint: string, track: Track): Promise<PreparedUpload> {
    const places = placeIndex(await placeCandidates(db));
    const firstRowOf = new Map<string, number>();
    const today = todayIso();
    // The row-by-row report: every valid row is a new household; the first ones are shown.
    const outcomes: ImportRowOutcome[] = [];
    // Households as each row's check read them, until its batch check (the rows refused in
    // between never reach it): each row is read once.
    const readings = new Map<number, SealedHousehold>();
    const staged = stagedUpload(new ImportStaging(db), keyring.newDataKey());

    /**
     * What the upload stages as its rows are checked: each batch of households sealed (encrypted
     * under the list's new data key and hashed, in a worker thread past the first batch) and
     * stored in order, a few batches in flight while the next ones are read.
     */
    function stagedUpload(staging: ImportStaging, dataKey: { key: Buffer; wrapped: Buffer }) {
      const sealer = householdSealer(keyring, dataKey.key);
      const inFlight: Promise<void>[] = [];
      let writing: Promise<void> = Promise.resolve();
      return {
        staging,
        dataKey,
        /** Set once any row is refused: the file will not be committed, nothing more is staged. */
        refused: false,
        async add(ready: readonly ReadyHousehold[]): Promise<void> {
          const sealing = sealer.seal(
            ready.map(({ row, values, household, assistanceDate, place }) => ({
              row,
              locality: place.id,
              sector: values.sector ?? query.sector,
              date: assistanceDate,
              size: values.householdSize,
              household,
            })),
          );
          sealing.catch(() => undefined);
          writing = writing.then(async () => staging.stageJson(stagedHouseholdKind, await sealing, ready.length));
          writing.catch(() => undefined);
          inFlight.push(writing);
          if (inFlight.length > batchesInFlight) await inFlight.shift();
        },
        /** Every batch sent is stored (or failed); the sealing thread is stopped. */
        async settled(): Promise<void> {
          try {
            await writing;
          } finally {
            await sealer.close();
          }
        },
      };
    }

    const discard = async () => {
      await staged.settled().catch(() => undefined);
      staged.dataKey.key.fill(0);
      await staged.staging.discard();
    };
    try {
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
              staged.refused = true;
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
          if (!staged.refused) await staged.add(accepted);
        },
      });
      // Rows are not kept (`keepRows: false`): only the report and the staged households stay.
      await result.rows.dispose();
      await staged.settled();
      if (!result.report.canCommit) await discard();
      return { fingerprint, staging: staged.staging, dataKey: staged.dataKey, result, outcomes };
    } catch (error) {
      await discard();
      throw error;
    }
  }

  return {
    async run(ctx: ServiceContext, source: TabularSource, fileName: string, query: ListUploadQuery, language: Language): Promise<ListUploadResult> {
      const organisationId = ctx.user.organisationId;
      if (!organisationId || (query.organisationId && query.organisationId !== organisationId)) throw new AppError('forbidden', 403);
      if (!(await lists.acceptance(organisationId, currentProtocol.version))) throw new AppError('protocol_not_accepted', 403);

      const track: Track = (patch) => progress.update(ctx.user.id, query.progressKey, patch);
      const digest = await fileDigest(source, keyring);
      const already = await lists.findByDigest(organisationId, digest);
      if (already) {
        // The same file again: nothing to read or write; the report says every row is already there.
        await prepared.drop(ctx.user.id);
        track({ stage: 'done' });
        return alreadyUploadedReport(fileName, toListSummary(already), query.dryRun);
      }
      const mappings = await lists.mappings(organisationId);
      const fingerprint = importFingerprint({ organisationId, digest, fileName, query: { ...query, dryRun: undefined, progressKey: undefined }, mappings, today: todayIso() });
      // A commit right after its preview finds the file already checked, encrypted and staged.
      const upload = (query.dryRun ? null : await prepared.take(ctx.user.id, fingerprint)) ?? (await check(source, query, language, columnsWithMappings(mappings), fingerprint, track));
      const { result, outcomes, staging, dataKey } = upload;
      const planned = () => reportOutcomes(result, { create: result.rows.count, update: 0, unchanged: 0 }, outcomes, maxOutcomes);

      if (!result.report.canCommit) {
        const report = result.rows.count > 0 ? planned() : result.report;
        track({ stage: 'done' });
        if (!query.dryRun) throw new AppError('import_invalid', 422, { report: { ...report, dryRun: false, committed: false, list: null, alreadyUploaded: false } });
        return { ...report, dryRun: true, committed: false, list: null, alreadyUploaded: false };
      }
      if (query.dryRun) {
        const report = planned();
        await prepared.keep(ctx.user.id, upload);
        track({ stage: 'done' });
        return { ...report, dryRun: true, committed: false, list: null, alreadyUploaded: false };
      }

      try {
        track({ stage: 'writing' });
        const { list, written } = await staging.apply(async (trx) => {
          const created = await lists.insertList(
            trx,
            newListOf(query, { organisationId, fileName, fileDigest: digest, wrappedKey: dataKey.wrapped, keyId: keyring.keyId, uploadedBy: ctx.user.id }),
            Number(todayIso().slice(0, 4)),
          );
          // Places checked set-based (a place deleted meanwhile refuses the file), then written in ranges
          // without the row-by-row reference checks: the list itself was created just above.
          if (await lists.stagedHouseholdPlacesGone(trx, staging.id)) throw new AppError('import_changed', 409);
          const rowsWritten = await staging.withoutRowByRowReferenceChecks(trx, async () => {
            let written = 0;
            for (const range of staging.batchRanges(applyRangeRows)) written += await lists.applyStagedHouseholds(trx, staging.id, created.id, range);
            return written;
          });
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
        dataKey.key.fill(0);
        await staging.discard();
      }
    },
  };
}
export type ListsImporter = ReturnType<typeof listsImporter>;
