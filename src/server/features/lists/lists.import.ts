import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Language } from '../../../shared/contracts/common.ts';
import type { ImportRowOutcome } from '../../../shared/contracts/import.ts';
import type { ListSummary, ListUploadQuery, ListUploadResult } from '../../../shared/contracts/lists.ts';
import { currentProtocol } from '../../../shared/list-protocol.ts';
import { addMonths, todayIso } from '../../../shared/phases.ts';
import { sectorLabels } from '../../../shared/sectors.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { checkHouseholdRow } from '../../lib/households/household-columns.ts';
import { encryptValue, type ListKeyring } from '../../lib/list-keys.ts';
import { commitInOneTransaction, type ParsedRow, planImport, runImport } from '../../lib/tabular/index.ts';
import { type PlaceIndex, placeIndex } from '../../lib/tabular/places.ts';
import { openSourceStream, type TabularSource } from '../../lib/tabular/source.ts';
import { placeCandidates } from '../../lib/tabular/references.repository.ts';
import type { ImportProgressBoard } from '../responses/responses.module.ts';
import { columnsWithMappings, type ListRow } from '../../../shared/list-columns.ts';
import { personalColumns } from './lists.columns.ts';
import { householdIndexes, type SealedHousehold, sealedHouseholdOf } from './lists.records.ts';
import type { ListsRepository, NewHousehold } from './lists.repository.ts';
import { toListSummary } from './lists.service.ts';

const maxRows = 200_000;

/**
 * A row as the upload carries it from the row check to the commit: its values and the household
 * read from them, so that each row is read once (the spool keeps rows sealed, as it keeps values).
 */
type ReadListRow = ListRow & { household?: SealedHousehold };

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
 * every row under a new data key and writes the list in one transaction, or nothing.
 */
export function listsImporter(deps: { db: Kysely<DB>; lists: ListsRepository; keyring: ListKeyring; progress: ImportProgressBoard }) {
  const { db, lists, keyring, progress } = deps;

  function localityOf(places: PlaceIndex, row: ListRow): string | null {
    const match = places.resolve(row);
    return match.ok ? match.place.id : null;
  }

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

      const result = await runImport({
        source,
        columns,
        language,
        maxRows,
        personalColumns,
        onProgress: (p) => track({ stage: 'reading', rowsRead: p.rowsRead, fraction: p.fraction }),
        validateRow: (row, check) => {
          const referenceDate = row.assistanceDate ?? query.assistanceDate;
          (row as ReadListRow).household = sealedHouseholdOf(row, referenceDate, checkHouseholdRow(row, check, referenceDate));
          if (row.assistanceDate && row.assistanceDate > todayIso()) check.error('date_in_future', { column: 'assistanceDate', value: row.assistanceDate, params: { value: row.assistanceDate } });
        },
        validateBatch: (rows, check) => {
          for (const { row, values } of rows) {
            const match = places.resolve(values);
            if (!match.ok) {
              const p = match.problem;
              check.error(row, p.code, { column: p.column, value: p.value, params: p.params, suggestions: p.suggestions });
              continue;
            }
            for (const w of match.warnings) check.warning(row, w.code, { column: w.column, value: w.value, params: w.params, suggestions: w.suggestions });
            const household = (values as ReadListRow).household ?? sealedHouseholdOf(values, values.assistanceDate ?? query.assistanceDate);
            const key = householdIndexes(household, match.place.id, indexer).householdKey;
            if (!key) continue;
            const first = firstRowOf.get(key);
            if (first === undefined) firstRowOf.set(key, row);
            else check.warning(row, 'household_repeated', { column: 'fullName', params: { first } });
          }
        },
      });

      const labelOf = (values: ListRow): string => {
        const match = places.resolve(values);
        const sector = values.sector ?? query.sector;
        return `${match.ok ? match.place.name : '—'} — ${sectorLabels[sector][language]}`;
      };

      try {
        if (query.dryRun || !result.report.canCommit) {
          const report = result.rows.count > 0 ? await planImport(result, async (batch) => batch.map((r) => ({ action: 'create' as const, id: null, label: labelOf(r.values) }))) : result.report;
          track({ stage: 'done' });
          if (!query.dryRun) throw new AppError('import_invalid', 422, { report: { ...report, dryRun: false, committed: false, list: null, alreadyUploaded: false } });
          return { ...report, dryRun: true, committed: false, list: null, alreadyUploaded: false };
        }

        const { key: dataKey, wrapped } = keyring.newDataKey();
        let list: { id: string; code: string } | null = null;
        const outcomes: ImportRowOutcome[] = [];
        const written = await commitInOneTransaction(
          db,
          result,
          async (trx, batch: ParsedRow<ListRow>[]) => {
            list ??= await lists.insertList(
              trx,
              {
                title: query.title,
                organisationId,
                purpose: query.purpose,
                legalBasis: query.legalBasis,
                legalBasisNote: query.legalBasisNote ?? null,
                sensitivity: query.sensitivity,
                protocolVersion: currentProtocol.version,
                sectors: [query.sector],
                assistanceFrom: null,
                assistanceTo: null,
                alertId: query.alertId ?? null,
                retentionUntil: query.retentionUntil ?? addMonths(query.assistanceDate, currentProtocol.defaultRetentionMonths),
                fileName,
                fileDigest: digest,
                wrappedKey: wrapped,
                keyId: keyring.keyId,
                uploadedBy: ctx.user.id,
              },
              Number(todayIso().slice(0, 4)),
            );
            const rows: NewHousehold[] = batch.map(({ row, values }) => {
              const id = crypto.randomUUID();
              const localityId = localityOf(places, values);
              if (!localityId) throw new AppError('import_invalid', 422);
              const assistanceDate = values.assistanceDate ?? query.assistanceDate;
              const household = (values as ReadListRow).household ?? sealedHouseholdOf(values, assistanceDate);
              const indexes = householdIndexes(household, localityId, indexer);
              if (outcomes.length < 1000) outcomes.push({ row, action: 'create', id: null, label: labelOf(values) });
              return {
                id,
                rowNumber: row,
                localityId,
                sector: values.sector ?? query.sector,
                assistanceDate,
                householdSize: values.householdSize,
                payload: encryptValue(dataKey, JSON.stringify(household), id),
                ...indexes,
              };
            });
            await lists.insertHouseholds(trx, list.id, rows);
          },
          {
            onProgress: (rowsWritten) => track({ stage: 'writing', rowsWritten }),
            finish: async (trx, rowsWritten) => {
              if (!list) return;
              await lists.finishList(trx, list.id);
              await recordAudit(trx, ctx, {
                action: 'import',
                entity: 'beneficiary_list',
                entityId: list.id,
                after: { code: list.code, title: query.title, organisationId, rows: rowsWritten, purpose: query.purpose, legalBasis: query.legalBasis, protocolVersion: currentProtocol.version },
              });
            },
          },
        );
        track({ stage: 'done', rowsWritten: written });
        const stored = list ? await lists.get(db, (list as { id: string }).id) : undefined;
        return {
          ...result.report,
          plan: { create: written, update: 0, unchanged: 0, refused: 0 },
          outcomes,
          outcomesTruncated: written > outcomes.length,
          dryRun: false,
          committed: true,
          list: stored ? toListSummary(stored) : null,
          alreadyUploaded: false,
        };
      } finally {
        await result.rows.dispose();
      }
    },
  };
}
export type ListsImporter = ReturnType<typeof listsImporter>;
