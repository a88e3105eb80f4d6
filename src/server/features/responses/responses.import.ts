import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Language } from '../../../shared/contracts/common.ts';
import type { ImportReport, ImportRowOutcome } from '../../../shared/contracts/import.ts';
import { parsePeriodText } from '../../../shared/contracts/periods.ts';
import { type ResponseFacts, type ResponseImportResult, responseRuleIssues } from '../../../shared/contracts/responses.ts';
import type { ImportMessageCode } from '../../../shared/import-messages.ts';
import { createNameIndex } from '../../../shared/name-index.ts';
import { can, scopeOf } from '../../../shared/permissions.ts';
import { sectorLabels } from '../../../shared/sectors.ts';
import { searchKey } from '../../../shared/text.ts';
import { dataVersionOf } from '../../db/data-versions.repository.ts';
import type { DB } from '../../db/schema.ts';
import { importTurns } from '../../db/turns.ts';
import { AppError } from '../../errors.ts';
import { requireAccess } from '../../lib/access.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ServiceContext } from '../../lib/context.ts';
import {
  type BatchRange,
  type ImportResult,
  ImportStaging,
  type ParsedRow,
  reportProblems,
  type RowProblem,
  reportOutcomes,
  type RowPlan,
  runImport,
  type TabularSource,
} from '../../lib/tabular/index.ts';
import { importFingerprint, type PreparedImport, type PreparedImports, sourceDigest } from '../../lib/tabular/prepared.ts';
import type { PeriodGuard } from '../periods/periods.module.ts';
import type { ImportProgressBoard } from './import-progress.ts';
import { type PlaceIndex, placeIndex } from '../../lib/tabular/places.ts';
import { packageCellIndex } from '../packages/packages.module.ts';
import { accessTargetOf, factsOf, type ResponseFields, sameValues, valuesOf } from './response-values.ts';
import { type ResponseColumnKey, responseColumns, type ResponseRow } from './responses.columns.ts';
import { matchFingerprint, type ResponsesRepository, type ResponseValues, type StoredResponse } from './responses.repository.ts';
import { type Upload, withUploadedFile } from '../../lib/upload.ts';

export interface ResponseImportOptions {
  dryRun: boolean;
  language: Language;
  /** Rows without an organisation belong to this one (else the user's). */
  organisationId?: string;
  /** Rows without a month belong to this one. */
  period?: string;
  progressKey?: string;
  fileName?: string;
}

type Problem = RowProblem<ResponseColumnKey> & { severity: 'error' | 'warning' };

/** A file row turned into a record to write, or the reasons it cannot be. */
interface PreparedRow {
  row: number;
  values: ResponseValues | null;
  /** The record the row updates (by `#meta+id`, else by its organisation, month, sector, activity, place and group). */
  existing: StoredResponse | null;
  naturalKey: string | null;
  /**
   * For a row matched by its key rather than an id: the fingerprint of the records stored under
   * that key when the row was prepared, checked again when the import is applied.
   */
  fingerprint?: string | null;
  label: string | null;
  problems: Problem[];
}

/** A file read, checked and staged, planned row by row: what a preview keeps for its commit (src/server/lib/tabular/prepared.ts). */
export interface PreparedResponses extends PreparedImport {
  result: ImportResult<ResponseRow>;
  plan: { create: number; update: number; unchanged: number };
  /** The first rows' outcomes, new records with the ids they will have. */
  outcomes: ImportRowOutcome[];
  /** Months the file writes in, checked open again at the commit. */
  periods: Set<string>;
}

const maxRows = 100_000;
const maxOutcomes = 1000;
/** Records written per statement of the apply: each statement short enough (a few hundred ms on the embedded store) for the event loop to answer in between. */
const applyRangeItems = 2000;
/** Records created or changed by one import past which the planner's statistics are refreshed. */
const refreshStatisticsAfter = 5000;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Which column a rule's field is shown in. */
const ruleColumns: Record<keyof ResponseFacts, ResponseColumnKey> = {
  period: 'period',
  status: 'status',
  startDate: 'startDate',
  endDate: 'endDate',
  householdsTargeted: 'householdsTargeted',
  householdsReached: 'householdsReached',
  personsTargeted: 'personsTargeted',
  personsReached: 'personsReached',
  reachedBySexAge: 'girls',
};

function naturalKeyOf(v: ResponseValues): string {
  return [v.organisationId, v.period, v.sector, searchKey(v.activity), v.localityId, v.populationGroup].join('|');
}

/** The natural key without the activity: what the database is asked for, and what a fingerprint covers. */
function matchKeyOf(v: ResponseValues): string {
  return [v.organisationId, v.period, v.sector, v.localityId, v.populationGroup].join('|');
}

/**
 * The 5W import: preview (dry run) and commit are the same reading of the file; the commit
 * stages each checked batch and writes them all, readers seeing none of it then all of it, or
 * nothing (src/server/lib/tabular/staging.ts). Rows update records by `#meta+id`; rows
 * without an id update the record of the same organisation, month, sector, activity, place and
 * population group when there is one, so uploading the same file twice changes nothing.
 */
export function responsesImporter(deps: {
  db: Kysely<DB>;
  responses: ResponsesRepository;
  guard: PeriodGuard;
  progress: ImportProgressBoard;
  /** Previews kept for their commit. */
  prepared: PreparedImports<PreparedResponses>;
  /** PostgreSQL: records written while the file is still read (src/server/lib/tabular/staging.ts `writeAsStaged`); never on the embedded store. */
  writeWhileReading?: boolean;
}) {
  const { db, responses, guard, progress, prepared, writeWhileReading = false } = deps;

  async function context(ctx: ServiceContext, options: ResponseImportOptions) {
    const [organisations, candidates, packages] = await Promise.all([responses.activeOrganisations(db), responses.placeCandidates(db), packageCellIndex(db)]);
    const organisationIndex = createNameIndex(organisations, (o) => [o.acronym, o.name]);
    const acronymOf = new Map(organisations.map((o) => [o.id, o.acronym]));
    const places: PlaceIndex = placeIndex(candidates);
    const placeById = new Map(candidates.map((c) => [c.id, c]));
    const defaultOrganisation = options.organisationId ?? ctx.user.organisationId;
    // Whether each month is locked, asked once per import (a file spans a few months); the apply checks again.
    const lockedMonths = new Map<string, boolean>();
    return { organisationIndex, acronymOf, places, placeById, packages, defaultOrganisation, defaultPeriod: options.period ?? null, lockedMonths };
  }
  type Context = Awaited<ReturnType<typeof context>>;

  /** Everything a batch of rows needs from the database, read with `trx` (the commit's transaction, or `db` for a preview). */
  async function prepareBatch(trx: Kysely<DB>, ctx: ServiceContext, c: Context, batch: readonly ParsedRow<ResponseRow>[], language: Language): Promise<PreparedRow[]> {
    const alertCodes = [...new Set(batch.flatMap((r) => r.values.alerts ?? []).map((code) => code.toUpperCase()))];
    const alertIds = await responses.alertsByCodes(trx, alertCodes);

    const drafts = batch.map(({ row, values: cells }) => {
      const problems: Problem[] = [];
      const error = (code: ImportMessageCode, o: Omit<Problem, 'code' | 'severity'> = {}) => problems.push({ ...o, code, severity: 'error' });

      let period: string | null = c.defaultPeriod;
      if (cells.period !== null) {
        period = parsePeriodText(cells.period);
        if (!period) error('period_invalid', { column: 'period', value: cells.period, params: { value: cells.period } });
      } else if (!period) error('period_missing', { column: 'period' });

      let organisationId: string | null = c.defaultOrganisation;
      if (cells.organisation !== null) {
        const found = c.organisationIndex.find(cells.organisation);
        organisationId = found.length === 1 ? found[0]!.id : null;
        if (!organisationId) {
          const suggestions = c.organisationIndex.suggest(cells.organisation).map((o) => o.acronym);
          if (suggestions.length > 0) error('organisation_did_you_mean', { column: 'organisation', value: cells.organisation, params: { value: cells.organisation }, suggestions });
          else error('organisation_unknown', { column: 'organisation', value: cells.organisation, params: { value: cells.organisation } });
        }
      } else if (!organisationId) error('required', { column: 'organisation' });

      const match = c.places.resolve(cells);
      if (!match.ok) error(match.problem.code, { column: match.problem.column, value: match.problem.value, params: match.problem.params, suggestions: match.problem.suggestions });
      else for (const warning of match.warnings) problems.push({ ...warning, severity: 'warning' });

      const alertList: string[] = [];
      for (const code of cells.alerts ?? []) {
        const id = alertIds.get(code.toUpperCase());
        if (id) alertList.push(id);
        else error('alert_unknown', { column: 'alerts', value: code, params: { value: code } });
      }

      // A package from the template's drop-down (or a package's name) links the row to it; other text stays a description.
      const named = c.packages.find(cells.package, cells.sector);
      if (named && named.sector !== cells.sector) error('package_other_sector', { column: 'package', value: cells.package, params: { value: cells.package ?? '' } });
      const delivery = named
        ? { packageId: named.id, deliveredValueXof: cells.deliveredValueXof, deliveredDurationMonths: cells.deliveredDurationMonths, missingComponents: cells.missingComponents ?? [] }
        : { packageId: null, deliveredValueXof: null, deliveredDurationMonths: null, missingComponents: [] };

      if (!period || !organisationId || !match.ok || problems.some((p) => p.severity === 'error')) return { row, values: null, cells, problems };
      const fields: ResponseFields = {
        period,
        organisationId,
        implementingPartner: cells.implementingPartner,
        donor: cells.donor,
        sector: cells.sector,
        activity: cells.activity,
        package: named ? null : cells.package,
        ...delivery,
        localityId: match.place.id,
        status: cells.status,
        startDate: cells.startDate,
        endDate: cells.endDate,
        populationGroup: cells.populationGroup ?? 'idp',
        householdsTargeted: cells.householdsTargeted,
        householdsReached: cells.householdsReached,
        personsTargeted: cells.personsTargeted,
        personsReached: cells.personsReached,
        reachedBySexAge: { girls: cells.girls, boys: cells.boys, women: cells.women, men: cells.men, olderWomen: cells.olderWomen, olderMen: cells.olderMen },
        modality: cells.modality,
        budget: cells.budget,
        currency: cells.currency ?? 'XOF',
        comments: cells.comments,
        alertIds: alertList,
      };
      const values = valuesOf(fields, match.place);
      for (const issue of responseRuleIssues(factsOf(values))) {
        problems.push({ column: ruleColumns[issue.field], code: issue.code, params: issue.params, severity: issue.severity });
      }
      return { row, values, cells, problems };
    });

    const ids = drafts.flatMap((d) => (d.cells.id && uuidPattern.test(d.cells.id) ? [d.cells.id.toLowerCase()] : []));
    const byId = new Map((await responses.findStoredMany(trx, ids)).map((r) => [r.id, r]));
    const keyed = drafts.filter((d) => d.values && !d.cells.id).map((d) => d.values!);
    const byNaturalKey = new Map<string, StoredResponse[]>();
    const byMatchKey = new Map<string, StoredResponse[]>();
    for (const stored of await responses.findStoredByNaturalKeys(trx, keyed)) {
      for (const [map, key] of [
        [byNaturalKey, naturalKeyOf(stored)],
        [byMatchKey, matchKeyOf(stored)],
      ] as const) {
        const list = map.get(key);
        if (list) list.push(stored);
        else map.set(key, [stored]);
      }
    }
    // Once per key, not per row: a crowded month holds thousands of records under one key.
    const fingerprints = new Map<string, string | null>();
    const fingerprintOf = (key: string) => {
      if (!fingerprints.has(key)) fingerprints.set(key, matchFingerprint(byMatchKey.get(key) ?? []));
      return fingerprints.get(key)!;
    };
    const periods = drafts.flatMap((d) => [d.values?.period, d.cells.id ? byId.get(d.cells.id.toLowerCase())?.period : undefined]).filter((p): p is string => !!p);
    const unknownMonths = [...new Set(periods)].filter((p) => !c.lockedMonths.has(p));
    if (unknownMonths.length > 0) {
      const nowLocked = await guard.lockedFor(trx, ctx.user, unknownMonths);
      for (const month of unknownMonths) c.lockedMonths.set(month, nowLocked.has(month));
    }
    const locked = new Set(periods.filter((p) => c.lockedMonths.get(p)));

    return drafts.map((draft) => {
      const { row, values, cells, problems } = draft;
      const error = (code: ImportMessageCode, o: Omit<Problem, 'code' | 'severity'> = {}) => problems.push({ ...o, code, severity: 'error' });
      let existing: StoredResponse | null = null;
      if (cells.id) {
        existing = byId.get(cells.id.toLowerCase()) ?? null;
        if (!existing) error('record_unknown', { column: 'id', value: cells.id, params: { value: cells.id } });
      } else if (values) {
        const matches = byNaturalKey.get(naturalKeyOf(values)) ?? [];
        if (matches.length > 1) error('record_matches_several', { column: 'activity', value: values.activity });
        existing = matches.length === 1 ? matches[0]! : null;
      }
      // The record as stored and as the row would leave it: one message when both are out of reach the same way.
      const regional = scopeOf(ctx.user, 'response:write') === 'region';
      const refusedFor = new Set<string>();
      for (const target of [existing, values]) {
        if (!target || can(ctx.user, 'response:write', accessTargetOf(target))) continue;
        const reason = regional ? 'region' : target.organisationId;
        if (refusedFor.has(reason)) continue;
        refusedFor.add(reason);
        if (regional) error('region_not_allowed', { column: 'localityName' });
        else error('organisation_not_allowed', { column: 'organisation', params: { organisation: c.acronymOf.get(target.organisationId) ?? target.organisationId } });
      }
      // A lock forbids changes, not rows sent back as they are stored (a partner's own export).
      const unchanged = existing !== null && values !== null && sameValues(existing, values);
      for (const period of unchanged ? [] : new Set([existing?.period, values?.period])) {
        if (period && locked.has(period)) error('period_locked', { column: 'period', value: period, params: { period } });
      }
      const ok = values !== null && !problems.some((p) => p.severity === 'error');
      const place = values ? c.placeById.get(values.localityId) : undefined;
      const label = values ? `${c.acronymOf.get(values.organisationId) ?? ''} — ${sectorLabels[values.sector as keyof typeof sectorLabels][language]} — ${place?.name ?? ''}` : null;
      const fingerprint = values && !cells.id ? fingerprintOf(matchKeyOf(values)) : undefined;
      return { row, values: ok ? values : null, existing, naturalKey: ok && !cells.id ? naturalKeyOf(values) : null, fingerprint, label, problems };
    });
  }

  function planOf(prepared: PreparedRow): RowPlan {
    if (!prepared.existing) return { action: 'create', id: null, label: prepared.label };
    const action = sameValues(prepared.existing, prepared.values!) ? 'unchanged' : 'update';
    return { action, id: prepared.existing.id, label: prepared.label };
  }

  /**
   * The writes of one commit, range by range (`write`), by `ctx`'s user in `ctx`'s request, each
   * range checked again just before it is written, set-based: a record changed (unless checked
   * before, `recordsChecked`) or a reference deleted since its rows were checked refuses the whole
   * file. `kinds`: what is written (the embedded store writes new records hidden first, then the
   * changes).
   */
  function rangeWriter(ctx: ServiceContext) {
    const actor = { userId: ctx.user.id, requestId: ctx.requestId, apiTokenId: ctx.user.apiToken?.id ?? null };
    const writer = {
      actor,
      /** Whether every staged record's version was checked before the last transaction (embedded store). */
      recordsChecked: false,
      /**
       * The embedded store's checks made before the last transaction, each in a short one of its
       * own, with the 5W records' data version then: while it stays the same, no record was written
       * since and the last transaction, which every reader waits for, need not check again.
       */
      checkedAt: new Set<string>(),
      async write(importing: ImportStaging, trx: Transaction<DB>, range: BatchRange, kinds?: readonly ('create' | 'update')[]): Promise<void> {
        const changes = !kinds || kinds.includes('update');
        if (
          (changes && !writer.recordsChecked && (await responses.stagedRecordsChanged(trx, importing.id, range))) ||
          (await responses.stagedReferencesGone(trx, importing.id, actor, range, kinds))
        ) {
          throw new AppError('import_changed', 409);
        }
        await importing.withoutRowByRowReferenceChecks(trx, () => responses.applyStagedImport(trx, importing.id, actor, range, kinds));
      },
    };
    return writer;
  }
  type RangeWriter = ReturnType<typeof rangeWriter>;

  /**
   * What a file was checked under: its bytes, the user and their reach, the options, and the
   * organisations, places and alerts its names were resolved against. A commit reuses its
   * preview's work only when all of these are the same.
   */
  async function fingerprintOf(ctx: ServiceContext, source: TabularSource, options: ResponseImportOptions): Promise<string> {
    const [digest, references] = await Promise.all([sourceDigest(source), dataVersionOf(db, ['admin_areas', 'alerts', 'localities', 'organisations'])]);
    const { id, role, organisationId, regions } = ctx.user;
    return importFingerprint({ digest, references, user: { id, role, organisationId, regions }, organisationId: options.organisationId ?? null, period: options.period ?? null, language: options.language });
  }

  /**
   * Reads and checks a file in one pass, each row prepared once and planned as it is checked, and
   * stages what a commit would write (new records with the ids they will have, changes, unchanged
   * rows with the versions they were compared with) until a row is refused: the file is refused
   * whole then, and its staging deleted. With `writer` (PostgreSQL, a commit without its preview)
   * the staged ranges are also written while the rest of the file is read, in one transaction.
   */
  async function check(ctx: ServiceContext, source: TabularSource, options: ResponseImportOptions, fingerprint: string, writer: RangeWriter | null): Promise<PreparedResponses> {
    const { language, progressKey } = options;
    const c = await context(ctx, options);
    const firstRowOfKey = new Map<string, number>();
    // A record two rows would change (the same id twice, or an id and a row matching it by key): which one wins is the user's to say.
    const firstRowOfRecord = new Map<string, number>();
    progress.update(ctx.user.id, progressKey, { stage: 'reading', rowsRead: 0, rowsWritten: 0, fraction: null });
    const staging = new ImportStaging(db, { writeWhileStaging: writer !== null });
    const planned = plannedRows(staging, writer);

    const result = await runImport({
      source,
      columns: responseColumns,
      language,
      maxRows,
      // What a row does is planned here: the valid rows need not be kept for a second pass.
      keepRows: false,
      onProgress: (p) => progress.update(ctx.user.id, progressKey, { rowsRead: p.rowsRead, fraction: p.fraction }),
      validateBatch: async (rows, check) => {
        const accepted: PreparedRow[] = [];
        let refused = false;
        for (const prepared of await prepareBatch(db, ctx, c, rows, language)) {
          reportProblems(check, prepared.row, prepared.problems);
          let ok = prepared.values !== null;
          const target = ok ? prepared.existing?.id : undefined;
          if (target) {
            const first = firstRowOfRecord.get(target);
            if (first === undefined) firstRowOfRecord.set(target, prepared.row);
            else {
              check.error(prepared.row, 'record_changed_twice_in_file', { column: prepared.naturalKey ? 'activity' : 'id', params: { firstRow: first } });
              ok = false;
            }
          }
          if (ok && prepared.naturalKey) {
            const first = firstRowOfKey.get(prepared.naturalKey);
            if (first === undefined) firstRowOfKey.set(prepared.naturalKey, prepared.row);
            else {
              check.error(prepared.row, 'record_duplicate_in_file', { column: 'activity', value: prepared.values?.activity, params: { firstRow: first } });
              ok = false;
            }
          }
          if (ok) accepted.push(prepared);
          else refused = true;
        }
        await planned.add(accepted, refused);
      },
    })
      .then(async (read) => {
        // Rows are not kept (`keepRows: false`): nothing to read of them later.
        await read.rows.dispose();
        await planned.staged();
        return read;
      })
      .catch(async (error: unknown) => {
        await planned.discard();
        throw error;
      });
    if (!result.report.canCommit) await planned.discard();
    const { plan, outcomes, periods } = planned;
    return { fingerprint, staging, result, plan, outcomes, periods };
  }

  /**
   * Writes a checked file: on the embedded store new records hidden, range by range, other
   * requests answered in between, then shown with the changes in one short transaction; on
   * PostgreSQL what `check` did not write yet, in the transaction it wrote in, or in one.
   */
  async function commit(ctx: ServiceContext, checked: PreparedResponses, writer: RangeWriter, options: ResponseImportOptions): Promise<ResponseImportResult> {
    const { staging, result, plan, outcomes, periods } = checked;
    const { progressKey } = options;
    try {
      progress.update(ctx.user.id, progressKey, { stage: 'writing' });
      const hidden = !writeWhileReading && plan.create > 0;
      const changes = staging.count('update') + staging.count('unchanged') > 0;
      if (!writeWhileReading) {
        const check = (moved: (trx: Kysely<DB>) => Promise<boolean>) =>
          db.transaction().execute(async (trx) => {
            if (await moved(trx)) throw new AppError('import_changed', 409);
            writer.checkedAt.add(await dataVersionOf(trx, ['responses']));
          });
        await check((trx) => responses.stagedKeysMoved(trx, staging.id));
        if (changes) for (const range of staging.batchRanges(applyRangeItems)) await check((trx) => responses.stagedRecordsChanged(trx, staging.id, range));
        writer.recordsChecked = true;
      }
      const checkedSince = async (trx: Kysely<DB>) => writer.checkedAt.size === 1 && writer.checkedAt.has(await dataVersionOf(trx, ['responses']));
      // Statistics refreshed once the table has grown (see refreshStatistics): before the records
      // are shown when they were written hidden, so that no reader's plan counts on the old size.
      const refresh = plan.create + plan.update >= refreshStatisticsAfter;
      if (hidden) {
        await staging.writeHidden(applyRangeItems, (trx, range) => writer.write(staging, trx, range, ['create']));
        if (refresh) await responses.refreshStatistics(db);
      }
      await staging.finish(
        applyRangeItems,
        (trx, range) => (changes || !hidden ? writer.write(staging, trx, range, hidden ? ['update'] : undefined) : Promise.resolve()),
        async (trx) => {
          // Checked again before the last ranges are written: a month locked, or a key's records changed, since its rows were checked refuses the whole file.
          await guard.assertOpen(trx, ctx.user, periods);
          if (!(await checkedSince(trx))) {
            writer.recordsChecked = false;
            if (await responses.stagedKeysMoved(trx, staging.id)) throw new AppError('import_changed', 409);
          }
          if (hidden) await responses.logImportChanges(trx, staging.id);
          await recordAudit(trx, ctx, { action: 'import', entity: 'response_import', entityId: null, after: { file: options.fileName ?? null, rows: result.report.rows, ...plan, refused: 0 } });
        },
      );
      if (refresh && !hidden) await responses.refreshStatistics(db);
      progress.update(ctx.user.id, progressKey, { rowsWritten: plan.create + plan.update + plan.unchanged });
      progress.update(ctx.user.id, progressKey, { stage: 'done' });
      const report: ImportReport = { ...result.report, plan: { ...plan, refused: 0 }, outcomes, outcomesTruncated: result.report.rows > outcomes.length };
      return { ...report, dryRun: false, committed: true };
    } catch (error) {
      // A commit deletes its staging itself; one that failed before `finish` (a check, a hidden range) leaves it here.
      await staging.discard();
      throw error;
    }
  }

  async function importFile(ctx: ServiceContext, source: TabularSource, options: ResponseImportOptions): Promise<ResponseImportResult> {
    requireAccess(ctx.user, 'response:write');
    const fingerprint = await fingerprintOf(ctx, source, options);
    if (!options.dryRun) {
      // A commit right after its preview finds the file already checked and staged.
      const kept = await prepared.take(ctx.user.id, fingerprint);
      if (kept) {
        try {
          return await commit(ctx, kept, rangeWriter(ctx), options);
        } catch (error) {
          // Records changed since the preview (or its staging was cleaned away): the file is read and checked again, as without a preview.
          if (!(error instanceof AppError && (error.code === 'import_changed' || error.code === 'import_interrupted'))) throw error;
        }
      }
    }
    const writer = options.dryRun ? null : rangeWriter(ctx);
    const checked = await check(ctx, source, options, fingerprint, writeWhileReading ? writer : null);
    const { result, plan, outcomes } = checked;
    if (writer && result.report.canCommit) return commit(ctx, checked, writer, options);

    progress.update(ctx.user.id, options.progressKey, { stage: 'done' });
    // Records not written have no id yet.
    const shown = outcomes.map((o) => (o.action === 'create' ? { ...o, id: null } : o));
    const answer = { ...reportOutcomes(result, plan, shown, maxOutcomes), dryRun: options.dryRun, committed: false };
    if (!options.dryRun) throw new AppError('import_invalid', 422, { report: answer });
    // Kept for the commit of the same file (a refused file staged nothing).
    if (result.report.canCommit) await prepared.keep(ctx.user.id, checked);
    return answer;
  }

  /**
   * What each accepted row does (create, update, unchanged), counted, with the outcomes of the
   * first rows and the months touched, also staged as it comes: creates (with the ids they will
   * have), updates and unchanged rows (with the version they were compared with). Once a row is
   * refused nothing more is staged (the file will not be committed), but the plan goes on for
   * the report. A batch is staged while the next one is read and checked (one insert in flight
   * at most), so on PostgreSQL the server stores one batch while this process parses the next
   * (and, with `writer`, writes the ranges staged so far).
   */
  function plannedRows(staging: ImportStaging, writer: RangeWriter | null) {
    const plan = { create: 0, update: 0, unchanged: 0 };
    const outcomes: ImportRowOutcome[] = [];
    const periods = new Set<string>();
    let refused = false;
    let inFlight: Promise<void> = Promise.resolve();
    return {
      plan,
      outcomes,
      periods,
      async add(rows: readonly PreparedRow[], anyRefused: boolean): Promise<void> {
        refused ||= anyRefused;
        const staged = !refused ? { create: [] as unknown[], update: [] as unknown[], unchanged: [] as unknown[] } : null;
        for (const p of rows) {
          const { action, id, label } = planOf(p);
          plan[action]++;
          // A new record's id is drawn when it is staged; the preview has none to show.
          const newId = action === 'create' && staged ? randomUUID() : null;
          if (outcomes.length < maxOutcomes) outcomes.push({ row: p.row, action, id: id ?? newId, label: label ?? null });
          if (!staged) continue;
          const values = p.values!;
          const matched = p.fingerprint !== undefined;
          const fp = p.fingerprint ?? null;
          if (action === 'create') {
            staged.create.push({ id: newId, values, matched, fp });
            periods.add(values.period);
          } else if (action === 'update') {
            const existing = p.existing!;
            staged.update.push({ id, version: existing.version, before: existing, values, matched, fp });
            periods.add(values.period).add(existing.period);
          } else {
            const { period, organisationId, sector, localityId, populationGroup } = values;
            staged.unchanged.push({ id, version: p.existing!.version, values: { period, organisationId, sector, localityId, populationGroup }, matched, fp });
          }
        }
        await inFlight;
        if (!staged) return;
        inFlight = (async () => {
          await staging.stage('create', staged.create);
          await staging.stage('update', staged.update);
          await staging.stage('unchanged', staged.unchanged);
          if (writer) await staging.writeAsStaged(applyRangeItems, (trx, range) => writer.write(staging, trx, range));
        })();
        // Awaited by the next `add` or by `staged`; marked handled meanwhile so a failure is not reported as unhandled.
        inFlight.catch(() => undefined);
      },
      /** Waits for the batch in flight; its failure is thrown here. */
      staged: () => inFlight,
      async discard(): Promise<void> {
        await inFlight.catch(() => undefined);
        await staging.discard();
      },
    };
  }

  // On the embedded store, the import's statements take every other turn of the connection with other requests'.
  const run = importTurns(importFile);

  return {
    run,
    /** Checks the user may report at all before the upload is even saved. */
    upload(ctx: ServiceContext, upload: () => Promise<Upload | undefined>, options: ResponseImportOptions): Promise<ResponseImportResult> {
      requireAccess(ctx.user, 'response:write');
      return withUploadedFile(upload, (filePath, fileName) => run(ctx, { path: filePath }, { ...options, fileName }));
    },
  };
}
export type ResponsesImporter = ReturnType<typeof responsesImporter>;

