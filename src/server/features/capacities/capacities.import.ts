import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Language } from '../../../shared/contracts/common.ts';
import type { ImportReport, ImportRowOutcome } from '../../../shared/contracts/import.ts';
import { parsePeriodText } from '../../../shared/contracts/periods.ts';
import type { ResponseImportResult } from '../../../shared/contracts/responses.ts';
import type { ImportMessageCode } from '../../../shared/import-messages.ts';
import { createNameIndex } from '../../../shared/name-index.ts';
import { can, scopeOf } from '../../../shared/permissions.ts';
import { sectorLabels } from '../../../shared/sectors.ts';
import type { DB } from '../../db/schema.ts';
import { importTurns } from '../../db/turns.ts';
import { AppError } from '../../errors.ts';
import { requireAccess } from '../../lib/access.ts';
import { type AuditEntry, recordAudit } from '../../lib/audit.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { ImportStaging, type ParsedRow, reportProblems, type RowProblem, planImport, type RowPlan, runImport, type TabularSource } from '../../lib/tabular/index.ts';
import type { PeriodGuard } from '../periods/periods.module.ts';
import type { ImportProgressBoard, ResponsesRepository } from '../responses/responses.module.ts';
import { type Upload, withUploadedFile } from '../../lib/upload.ts';
import { capacityColumns, type CapacityColumnKey, type CapacityRow } from './capacities.columns.ts';
import type { CapacitiesRepository, CapacityValues, StoredCapacity } from './capacities.repository.ts';
import { capacityTarget } from './capacities.service.ts';

export interface CapacityImportOptions {
  dryRun: boolean;
  language: Language;
  organisationId?: string;
  period?: string;
  progressKey?: string;
  fileName?: string;
}

type Problem = RowProblem<CapacityColumnKey>;

interface PreparedRow {
  row: number;
  values: CapacityValues | null;
  existing: StoredCapacity | null;
  key: string | null;
  label: string | null;
  problems: Problem[];
}

const email = z.email();
const keyOf = (v: Pick<CapacityValues, 'organisationId' | 'sector' | 'regionPcode' | 'period'>) => [v.organisationId, v.sector, v.regionPcode, v.period].join('|');
const comparedKeys: (keyof CapacityValues)[] = [
  'period',
  'organisationId',
  'sector',
  'regionPcode',
  'households',
  'fundingStatus',
  'stock',
  'staff',
  'contactName',
  'contactPhone',
  'contactEmail',
  'remarks',
];
const maxOutcomes = 1000;
/** The columns an import writes (besides id and who wrote it). */
const writtenColumns = [
  'period',
  'organisation_id',
  'sector',
  'region_pcode',
  'households',
  'funding_status',
  'stock',
  'staff',
  'contact_name',
  'contact_phone',
  'contact_email',
  'remarks',
] as const;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The capacity import, the same round trip as the 5W: a row updates the capacity of its id, or
 * the one of the same organisation, sector, region and month (there is at most one), else
 * creates one; all rows or none, staged then applied in one short transaction as the 5W import.
 */
export function capacitiesImporter(deps: {
  db: Kysely<DB>;
  capacities: CapacitiesRepository;
  responses: ResponsesRepository;
  guard: PeriodGuard;
  progress: ImportProgressBoard;
}) {
  const { db, capacities, responses, guard, progress } = deps;

  async function context(ctx: ServiceContext, options: CapacityImportOptions) {
    const [organisations, regions] = await Promise.all([responses.activeOrganisations(db), capacities.regions(db)]);
    return {
      organisationIndex: createNameIndex(organisations, (o) => [o.acronym, o.name]),
      acronymOf: new Map(organisations.map((o) => [o.id, o.acronym])),
      regionIndex: createNameIndex(regions, (r) => [r.name]),
      regionByPcode: new Map(regions.map((r) => [r.pcode, r])),
      defaultOrganisation: options.organisationId ?? ctx.user.organisationId,
      defaultPeriod: options.period ?? null,
    };
  }
  type Context = Awaited<ReturnType<typeof context>>;

  async function prepareBatch(trx: Kysely<DB>, ctx: ServiceContext, c: Context, batch: readonly ParsedRow<CapacityRow>[], language: Language): Promise<PreparedRow[]> {
    const drafts = batch.map(({ row, values: cells }) => {
      const problems: Problem[] = [];
      const error = (code: ImportMessageCode, o: Omit<Problem, 'code'> = {}) => problems.push({ ...o, code });
      let period = c.defaultPeriod;
      if (cells.period !== null) {
        period = parsePeriodText(cells.period);
        if (!period) error('period_invalid', { column: 'period', value: cells.period, params: { value: cells.period } });
      } else if (!period) error('period_missing', { column: 'period' });

      let organisationId = c.defaultOrganisation;
      if (cells.organisation !== null) {
        const found = c.organisationIndex.find(cells.organisation);
        organisationId = found.length === 1 ? found[0]!.id : null;
        if (!organisationId) {
          const suggestions = c.organisationIndex.suggest(cells.organisation).map((o) => o.acronym);
          error(suggestions.length ? 'organisation_did_you_mean' : 'organisation_unknown', { column: 'organisation', value: cells.organisation, params: { value: cells.organisation }, suggestions });
        }
      } else if (!organisationId) error('required', { column: 'organisation' });

      let regionPcode: string | null = null;
      if (cells.regionCode) {
        regionPcode = c.regionByPcode.has(cells.regionCode.toUpperCase()) ? cells.regionCode.toUpperCase() : null;
        if (!regionPcode) error('place_unknown', { column: 'regionCode', value: cells.regionCode, params: { value: cells.regionCode } });
      } else if (cells.regionName) {
        const found = c.regionIndex.find(cells.regionName);
        regionPcode = found.length === 1 ? found[0]!.pcode : null;
        if (!regionPcode) {
          const suggestions = c.regionIndex.suggest(cells.regionName).map((r) => r.name);
          error(suggestions.length ? 'place_did_you_mean' : 'place_unknown', { column: 'regionName', value: cells.regionName, params: { value: cells.regionName }, suggestions });
        }
      } else error('required', { column: 'regionName' });

      if (cells.contactEmail !== null && !email.safeParse(cells.contactEmail).success) {
        error('email_invalid', { column: 'contactEmail', value: cells.contactEmail, params: { value: cells.contactEmail } });
      }
      if (!period || !organisationId || !regionPcode || problems.length > 0) return { row, cells, values: null, problems };
      const values: CapacityValues = {
        period,
        organisationId,
        sector: cells.sector,
        regionPcode,
        households: cells.households,
        fundingStatus: cells.fundingStatus,
        stock: cells.stock,
        staff: cells.staff,
        contactName: cells.contactName,
        contactPhone: cells.contactPhone,
        contactEmail: cells.contactEmail,
        remarks: cells.remarks,
      };
      return { row, cells, values, problems };
    });

    const ids = drafts.flatMap((d) => (d.cells.id && uuidPattern.test(d.cells.id) ? [d.cells.id.toLowerCase()] : []));
    const byId = new Map((await capacities.findStoredMany(trx, ids)).map((s) => [s.id, s]));
    const byKey = new Map((await capacities.findStoredByKeys(trx, drafts.flatMap((d) => (d.values ? [d.values] : [])))).map((s) => [keyOf(s), s]));
    const periods = drafts.flatMap((d) => [d.values?.period, d.cells.id ? byId.get(d.cells.id.toLowerCase())?.period : undefined]).filter((p): p is string => !!p);
    const locked = await guard.lockedFor(trx, ctx.user, periods);

    return drafts.map(({ row, cells, values, problems }) => {
      const error = (code: ImportMessageCode, o: Omit<Problem, 'code'> = {}) => problems.push({ ...o, code });
      let existing: StoredCapacity | null = null;
      if (cells.id) {
        existing = byId.get(cells.id.toLowerCase()) ?? null;
        if (!existing) error('record_unknown', { column: 'id', value: cells.id, params: { value: cells.id } });
        const sameKey = values ? byKey.get(keyOf(values)) : undefined;
        if (existing && sameKey && sameKey.id !== existing.id) error('capacity_exists', { column: 'sector' });
      } else if (values) existing = byKey.get(keyOf(values)) ?? null;
      for (const target of [existing, values]) {
        if (!target || can(ctx.user, 'capacity:write', capacityTarget(target))) continue;
        if (scopeOf(ctx.user, 'capacity:write') === 'region') error('region_not_allowed', { column: 'regionName' });
        else error('organisation_not_allowed', { column: 'organisation', params: { organisation: c.acronymOf.get(target.organisationId) ?? '' } });
      }
      for (const period of new Set([existing?.period, values?.period])) {
        if (period && locked.has(period)) error('period_locked', { column: 'period', value: period, params: { period } });
      }
      const ok = values !== null && problems.length === 0;
      const label = values ? `${c.acronymOf.get(values.organisationId) ?? ''} — ${sectorLabels[values.sector as keyof typeof sectorLabels][language]} — ${values.regionPcode}` : null;
      return { row, values: ok ? values : null, existing, key: values ? keyOf(values) : null, label, problems };
    });
  }

  function planOf(p: PreparedRow): RowPlan {
    if (!p.existing) return { action: 'create', id: null, label: p.label };
    const same = comparedKeys.every((k) => p.existing![k] === p.values![k]);
    return { action: same ? 'unchanged' : 'update', id: p.existing.id, label: p.label };
  }

  async function importFile(ctx: ServiceContext, source: TabularSource, options: CapacityImportOptions): Promise<ResponseImportResult> {
    requireAccess(ctx.user, 'capacity:write');
    const { language, progressKey } = options;
    const c = await context(ctx, options);
    const firstRowOfKey = new Map<string, number>();
    progress.update(ctx.user.id, progressKey, { stage: 'reading', rowsRead: 0, rowsWritten: 0, fraction: null });
    // A commit stages each batch as soon as it is checked, then applies them all in one short
    // transaction (src/server/lib/tabular/staging.ts); a refused row stops the staging.
    const staged = options.dryRun ? null : stagedWrite(new ImportStaging(db), ctx);
    const result = await runImport({
      source,
      columns: capacityColumns,
      language,
      maxRows: 20_000,
      onProgress: (p) => progress.update(ctx.user.id, progressKey, { rowsRead: p.rowsRead, fraction: p.fraction }),
      validateBatch: async (rows, check) => {
        const accepted: PreparedRow[] = [];
        for (const prepared of await prepareBatch(db, ctx, c, rows, language)) {
          reportProblems(check, prepared.row, prepared.problems);
          let ok = prepared.values !== null;
          if (prepared.key && prepared.problems.length === 0) {
            const first = firstRowOfKey.get(prepared.key);
            if (first === undefined) firstRowOfKey.set(prepared.key, prepared.row);
            else {
              check.error(prepared.row, 'capacity_duplicate_in_file', { column: 'sector', params: { firstRow: first } });
              ok = false;
            }
          }
          if (ok) accepted.push(prepared);
          else if (staged) staged.refused = true;
        }
        if (staged && !staged.refused) await staged.add(accepted);
      },
    }).catch(async (error: unknown) => {
      await staged?.staging.discard();
      throw error;
    });

    try {
      if (options.dryRun || !result.report.canCommit) {
        await staged?.staging.discard();
        const report = await planImport(result, async (batch) => (await prepareBatch(db, ctx, c, batch, language)).map(planOf));
        progress.update(ctx.user.id, progressKey, { stage: 'done' });
        const answer = { ...report, dryRun: options.dryRun, committed: false };
        if (!options.dryRun) throw new AppError('import_invalid', 422, { report: answer });
        return answer;
      }
      progress.update(ctx.user.id, progressKey, { stage: 'writing' });
      const { staging, plan, outcomes, periods } = staged!;
      await staging.apply(async (trx) => {
        // Checked again now, set-based: a month locked, a capacity changed or one created under a
        // key the file creates, since its row was checked, refuses the whole file.
        await guard.assertOpen(trx, ctx.user, [...periods]);
        await staging.assertUnchanged(trx, 'capacities', ['update', 'unchanged'], { kind: 'create', key: ['organisation_id', 'sector', 'region_pcode', 'period'] });
        await staging.insertRows(trx, 'create', 'capacities', ['id', ...writtenColumns, 'created_by', 'updated_by']);
        await staging.updateRows(trx, 'update', 'capacities', [...writtenColumns, 'updated_by']);
        await staging.applyAudit(trx, ctx);
        await recordAudit(trx, ctx, { action: 'import', entity: 'capacity_import', entityId: null, after: { file: options.fileName ?? null, rows: result.report.rows, ...plan } });
      });
      progress.update(ctx.user.id, progressKey, { rowsWritten: plan.create + plan.update + plan.unchanged });
      progress.update(ctx.user.id, progressKey, { stage: 'done' });
      const report: ImportReport = { ...result.report, plan, outcomes, outcomesTruncated: result.report.rows > outcomes.length };
      return { ...report, dryRun: false, committed: true };
    } finally {
      await staged?.staging.discard();
      await result.rows.dispose();
    }
  }

  /** What a commit stages as its rows are checked (capacities as stored columns, audit rows), and the plan and months the answer and the final checks need. */
  function stagedWrite(staging: ImportStaging, ctx: ServiceContext) {
    const plan = { create: 0, update: 0, unchanged: 0, refused: 0 };
    const outcomes: ImportRowOutcome[] = [];
    const periods = new Set<string>();
    return {
      staging,
      plan,
      outcomes,
      periods,
      /** Set once any row is refused: the file will not be committed, nothing more is staged. */
      refused: false,
      async add(rows: readonly PreparedRow[]): Promise<void> {
        const creates: unknown[] = [];
        const updates: unknown[] = [];
        const unchanged: unknown[] = [];
        const audit: AuditEntry[] = [];
        for (const p of rows) {
          const values = p.values!;
          const { action, label } = planOf(p);
          const id = p.existing?.id ?? crypto.randomUUID();
          const columns = { id, ...capacities.columnsOf(values), created_by: ctx.user.id, updated_by: ctx.user.id };
          if (action === 'create') {
            creates.push(columns);
            audit.push({ action: 'create', entity: 'capacity', entityId: id, after: { id, ...values } });
          } else if (action === 'update') {
            updates.push({ ...columns, version: p.existing!.version });
            audit.push({ action: 'update', entity: 'capacity', entityId: id, before: p.existing, after: { id, ...values } });
          } else unchanged.push({ id, version: p.existing!.version });
          periods.add(values.period);
          if (p.existing) periods.add(p.existing.period);
          plan[action]++;
          if (outcomes.length < maxOutcomes) outcomes.push({ row: p.row, action, id, label: label ?? null });
        }
        await staging.stage('create', creates);
        await staging.stage('update', updates);
        await staging.stage('unchanged', unchanged);
        await staging.stageAudit(audit);
      },
    };
  }

  // On the embedded store, the import's statements take every other turn of the connection with other requests'.
  const run = importTurns(importFile);

  return {
    run,
    upload(ctx: ServiceContext, upload: () => Promise<Upload | undefined>, options: CapacityImportOptions): Promise<ResponseImportResult> {
      requireAccess(ctx.user, 'capacity:write');
      return withUploadedFile(upload, (filePath, fileName) => run(ctx, { path: filePath }, { ...options, fileName }));
    },
  };
}
export type CapacitiesImporter = ReturnType<typeof capacitiesImporter>;
