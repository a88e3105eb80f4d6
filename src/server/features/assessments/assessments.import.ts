import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  type Assessment,
  type AssessmentImportResult,
  type AssessmentResult,
  type AssessmentStatus,
  assessmentKindLabels,
  assessmentStatusLabels,
} from '../../../shared/contracts/assessments.ts';
import type { Language } from '../../../shared/contracts/common.ts';
import type { ImportRowOutcome } from '../../../shared/contracts/import.ts';
import type { ImportMessageCode, ImportMessageParams } from '../../../shared/import-messages.ts';
import { createNameIndex } from '../../../shared/name-index.ts';
import { can, scopeOf } from '../../../shared/permissions.ts';
import { todayIso } from '../../../shared/phases.ts';
import { sectorLabels } from '../../../shared/sectors.ts';
import type { DB } from '../../db/schema.ts';
import { importTurns } from '../../db/turns.ts';
import { AppError } from '../../errors.ts';
import type { AuditEntry } from '../../lib/audit.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { ImportStaging, type ParsedRow, reportProblems, type RowProblem, planImport, type RowPlan, runImport, type TabularSource } from '../../lib/tabular/index.ts';
import { type PlaceCandidate, placeIndex } from '../../lib/tabular/places.ts';
import { type AssessmentColumnKey, assessmentColumns, type AssessmentRow } from './assessments.columns.ts';
import type { AssessmentsRepository, AssessmentValues } from './assessments.repository.ts';

const maxRows = 20_000;
/** The columns of an assessment an import writes (besides id, notes and authors), and of a sector's result. */
const writtenColumns = ['locality_id', 'kind', 'status', 'organisation_id', 'start_date', 'end_date', 'title'] as const;
const resultColumns = ['assessment_id', 'sector', 'severity', 'households_in_need', 'persons_in_need', 'findings'] as const;

type Problem = RowProblem<AssessmentColumnKey> & { severity: 'error' | 'warning' };

/** A file row as an assessment (to create or update) and one sector's result. */
interface PreparedRow {
  row: number;
  /** Rows with the same key belong to one assessment. */
  key: string | null;
  values: AssessmentValues | null;
  /** Null for a row that describes the assessment only. */
  result: AssessmentResult | null;
  existing: Assessment | null;
  label: string | null;
  problems: Problem[];
}

/** What the first row of an assessment said, for the next rows of the same one to agree with. */
interface GroupSeen {
  firstRow: number;
  status: AssessmentStatus;
  endDate: string | null;
  title: string | null;
  sectors: Map<string, number>;
}

function keyOf(values: { localityId: string; kind: string; organisationId: string; startDate: string }): string {
  return `${values.localityId}|${values.kind}|${values.organisationId}|${values.startDate}`;
}

function sameResult(a: AssessmentResult | undefined, b: AssessmentResult): boolean {
  return a !== undefined && a.severity === b.severity && a.householdsInNeed === b.householdsInNeed && a.personsInNeed === b.personsInNeed && a.findings === b.findings;
}

function sameAssessment(existing: Assessment, values: AssessmentValues): boolean {
  return existing.status === values.status && existing.endDate === values.endDate && existing.title === values.title;
}

/**
 * The assessment results import: one row per locality, assessment and sector. A row names its
 * assessment by id (`#meta+id`) or by locality, kind, organisation and start date; a new one is
 * created, an existing one updated, each sector's result replaced by the file's. Preview and
 * commit read the file the same way; the commit stages its rows and applies them in one short
 * transaction, or nothing (src/server/lib/tabular/staging.ts), so the same file sent twice
 * changes nothing the second time.
 */
export function assessmentsImporter(deps: { db: Kysely<DB>; assessments: AssessmentsRepository }) {
  const { db, assessments } = deps;

  async function context() {
    const [candidates, organisations] = await Promise.all([assessments.placeCandidates(), assessments.activeOrganisations()]);
    const byCommune = new Map<string, PlaceCandidate[]>();
    for (const c of candidates) {
      if (!c.adm3Pcode) continue;
      const list = byCommune.get(c.adm3Pcode.toUpperCase()) ?? [];
      list.push(c);
      byCommune.set(c.adm3Pcode.toUpperCase(), list);
    }
    return {
      places: placeIndex(candidates),
      byCommune,
      organisations: createNameIndex(organisations, (o) => [o.acronym, o.name]),
      organisationNames: new Map(organisations.map((o) => [o.id, o.acronym])),
    };
  }
  type Context = Awaited<ReturnType<typeof context>>;

  /** The locality of a row: by its own code or name; a commune code alone will do when the commune has one locality. */
  function placeOf(c: Context, cells: AssessmentRow, problems: Problem[]): PlaceCandidate | null {
    if (!cells.localityCode && !cells.localityName && cells.adm3Code) {
      const inCommune = c.byCommune.get(cells.adm3Code.trim().toUpperCase()) ?? [];
      if (inCommune.length === 1) return inCommune[0]!;
      const code: ImportMessageCode = inCommune.length === 0 ? 'place_unknown' : 'locality_needed_in_commune';
      problems.push({ severity: 'error', code, column: 'adm3Code', value: cells.adm3Code, params: { value: cells.adm3Code, commune: cells.adm3Code, candidates: inCommune.slice(0, 5).map((p) => p.name).join(', ') } });
      return null;
    }
    const match = c.places.resolve(cells);
    if (!match.ok) {
      problems.push({ severity: 'error', code: match.problem.code, column: match.problem.column, value: match.problem.value, params: match.problem.params, suggestions: match.problem.suggestions });
      return null;
    }
    for (const w of match.warnings) problems.push({ severity: 'warning', code: w.code, column: w.column, value: w.value, params: w.params, suggestions: w.suggestions });
    return match.place;
  }

  async function prepareBatch(trx: Kysely<DB>, ctx: ServiceContext, c: Context, batch: readonly ParsedRow<AssessmentRow>[], language: Language): Promise<PreparedRow[]> {
    const today = todayIso();
    const rows = batch.map(({ row, values: cells }) => {
      const problems: Problem[] = [];
      const error = (code: ImportMessageCode, column: AssessmentColumnKey, params: ImportMessageParams = {}, value?: unknown, suggestions?: string[]) =>
        problems.push({ severity: 'error', code, column, params, value, suggestions });
      const place = placeOf(c, cells, problems);

      let organisationId = ctx.user.organisationId;
      if (cells.organisation) {
        const found = c.organisations.find(cells.organisation);
        if (found.length === 1) organisationId = found[0]!.id;
        else {
          const suggestions = c.organisations.suggest(cells.organisation).map((o) => o.acronym);
          error(suggestions.length ? 'organisation_did_you_mean' : 'organisation_unknown', 'organisation', { value: cells.organisation }, cells.organisation, suggestions);
          organisationId = null;
        }
      } else if (!organisationId) error('required', 'organisation');

      const status = cells.status ?? 'done';
      const hasResult = cells.severity !== null || cells.householdsInNeed !== null || cells.personsInNeed !== null || cells.findings !== null;
      if (cells.endDate !== null && cells.endDate < cells.startDate) error('end_before_start', 'endDate', { start: cells.startDate, end: cells.endDate }, cells.endDate);
      if (status === 'done' && cells.endDate === null) error('assessment_end_required', 'endDate');
      if (status === 'done' && cells.endDate !== null && cells.endDate > today) error('date_in_future', 'endDate', { value: cells.endDate }, cells.endDate);
      if (status === 'planned' && hasResult) error('assessment_results_too_early', 'status', {}, assessmentStatusLabels.planned[language]);
      if (hasResult && cells.sector === null) error('required', 'sector');
      if (cells.householdsInNeed !== null && cells.personsInNeed !== null && cells.personsInNeed < cells.householdsInNeed) {
        error('persons_below_households', 'personsInNeed', { persons: cells.personsInNeed, households: cells.householdsInNeed }, cells.personsInNeed);
      }
      if (place && organisationId && !can(ctx.user, 'assessment:write', { organisationId, regionPcodes: place.adm1Pcode ? [place.adm1Pcode] : [] })) {
        // The reason follows the role's scope, as the 5W and capacity imports do: a regional coordinator is held to regions, a partner to its organisation.
        if (scopeOf(ctx.user, 'assessment:write') === 'region') error('region_not_allowed', 'localityName');
        else error('organisation_not_allowed', 'organisation', { organisation: c.organisationNames.get(organisationId) ?? '' });
      }
      const values: AssessmentValues | null =
        place && organisationId
          ? { localityId: place.id, kind: cells.kind, status, organisationId, startDate: cells.startDate, endDate: cells.endDate, title: cells.title, notes: null }
          : null;
      const result: AssessmentResult | null =
        cells.sector === null
          ? null
          : { sector: cells.sector, severity: cells.severity, householdsInNeed: cells.householdsInNeed, personsInNeed: cells.personsInNeed, findings: cells.findings };
      const label = place ? [assessmentKindLabels[cells.kind][language], place.name, ...(cells.sector ? [sectorLabels[cells.sector][language]] : [])].join(' — ') : null;
      return { row, cells, values, result, label, problems };
    });

    const ids = [...new Set(rows.flatMap((r) => (r.cells.id ? [r.cells.id.trim()] : [])))].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    const byId = new Map((await assessments.findByIds(trx, ids)).map((a) => [a.id, a]));
    const keyed = rows.flatMap((r) => (r.values && !r.cells.id ? [r.values] : []));
    const byKey = new Map<string, Assessment>();
    for (const found of await assessments.findByKeys(trx, keyed)) {
      const key = keyOf({ localityId: found.locality.id, kind: found.kind, organisationId: found.organisation.id, startDate: found.startDate });
      if (!byKey.has(key)) byKey.set(key, found);
    }

    return rows.map(({ row, cells, values, result, label, problems }) => {
      let existing: Assessment | null = null;
      if (cells.id) {
        existing = byId.get(cells.id.trim()) ?? null;
        if (!existing) problems.push({ severity: 'error', code: 'assessment_unknown', column: 'id', value: cells.id, params: { value: cells.id } });
      } else if (values) existing = byKey.get(keyOf(values)) ?? null;
      if (existing && !can(ctx.user, 'assessment:write', { organisationId: existing.organisation.id, regionPcodes: existing.locality.adm1Pcode ? [existing.locality.adm1Pcode] : [] })) {
        if (scopeOf(ctx.user, 'assessment:write') === 'region') problems.push({ severity: 'error', code: 'region_not_allowed', column: 'localityName' });
        else problems.push({ severity: 'error', code: 'organisation_not_allowed', column: 'organisation', params: { organisation: existing.organisation.acronym } });
      }
      const key = cells.id ? (existing?.id ?? null) : values ? keyOf(values) : null;
      const ok = values !== null && !problems.some((p) => p.severity === 'error');
      return { row, key, values: ok ? values : null, result, existing, label, problems };
    });
  }

  /** Rows of one assessment must agree on what describes the assessment, and name each sector once. */
  function checkGroups(prepared: readonly PreparedRow[], groups: Map<string, GroupSeen>, language: Language): void {
    const headerOf = (key: AssessmentColumnKey) => assessmentColumns.find((column) => column.key === key)!.header[language];
    for (const p of prepared) {
      if (!p.key || !p.values) continue;
      const seen = groups.get(p.key);
      if (!seen) {
        groups.set(p.key, {
          firstRow: p.row,
          status: p.values.status as AssessmentStatus,
          endDate: p.values.endDate,
          title: p.values.title,
          sectors: new Map(p.result ? [[p.result.sector, p.row]] : []),
        });
        continue;
      }
      const disagree = (['status', 'endDate', 'title'] as const).find((f) => seen[f] !== p.values![f]);
      if (disagree) p.problems.push({ severity: 'error', code: 'assessment_rows_disagree', column: disagree, value: p.values[disagree], params: { firstRow: seen.firstRow, field: headerOf(disagree) } });
      if (!p.result) continue;
      const sectorRow = seen.sectors.get(p.result.sector);
      if (sectorRow !== undefined) {
        p.problems.push({ severity: 'error', code: 'assessment_sector_twice', column: 'sector', value: p.result.sector, params: { sector: sectorLabels[p.result.sector][language], firstRow: sectorRow } });
      } else seen.sectors.set(p.result.sector, p.row);
    }
  }

  function planOf(p: PreparedRow): RowPlan {
    if (!p.existing) return { action: 'create', id: null, label: p.label };
    const unchanged = sameAssessment(p.existing, p.values!) && (p.result === null || sameResult(p.existing.results.find((r) => r.sector === p.result!.sector), p.result));
    return { action: unchanged ? 'unchanged' : 'update', id: p.existing.id, label: p.label };
  }

  /**
   * What a commit stages as its rows are checked: assessments as stored columns (created by the
   * first row of a new one, updated or left by the first row of an existing one), each sector's
   * result, audit rows, and the plan and outcomes of the answer.
   */
  function stagedWrite(staging: ImportStaging, ctx: ServiceContext) {
    const plan = { create: 0, update: 0, unchanged: 0, refused: 0 };
    const outcomes: ImportRowOutcome[] = [];
    // Assessments staged so far, by key: the later rows of one add their sectors to it.
    const written = new Map<string, { id: string; created: boolean }>();
    return {
      staging,
      plan,
      outcomes,
      /** Set once any row is refused: the file will not be committed, nothing more is staged. */
      refused: false,
      async add(rows: readonly PreparedRow[]): Promise<void> {
        const kinds = { create: [] as unknown[], update: [] as unknown[], unchanged: [] as unknown[], result: [] as unknown[] };
        const audit: AuditEntry[] = [];
        for (const p of rows) {
          const values = p.values!;
          const known = written.get(p.key!);
          const before = p.result && p.existing?.results.find((r) => r.sector === p.result!.sector);
          const id = known?.id ?? p.existing?.id ?? randomUUID();
          const action: RowPlan['action'] = known?.created || (!known && !p.existing) ? 'create' : planOf(p).action;
          if (!known) {
            written.set(p.key!, { id, created: action === 'create' });
            const columns = { id, ...assessments.columnsOf(values), created_by: ctx.user.id, updated_by: ctx.user.id };
            if (!p.existing) {
              kinds.create.push(columns);
              audit.push({ action: 'create', entity: 'assessment', entityId: id, after: { id, ...values, imported: true } });
            } else if (!sameAssessment(p.existing, values)) {
              kinds.update.push({ ...columns, version: p.existing.version });
              audit.push({ action: 'update', entity: 'assessment', entityId: id, before: p.existing, after: { ...values, imported: true } });
            } else kinds.unchanged.push({ id, version: p.existing.version });
          }
          if (p.result && !sameResult(before ?? undefined, p.result)) {
            kinds.result.push(assessments.resultColumns(id, p.result));
            if (action === 'update') audit.push({ action: 'update', entity: 'assessment', entityId: id, before: { results: before ? [before] : [] }, after: { results: [p.result], imported: true } });
          }
          plan[action]++;
          if (outcomes.length < 1000) outcomes.push({ row: p.row, action, id, label: p.label });
        }
        for (const [kind, items] of Object.entries(kinds)) await staging.stage(kind, items);
        await staging.stageAudit(audit);
      },
    };
  }

  return {
    // On the embedded store, the import's statements take every other turn of the connection with other requests'.
    run: importTurns(async (ctx: ServiceContext, source: TabularSource, options: { dryRun: boolean; language: Language }): Promise<AssessmentImportResult> => {
      const { language } = options;
      const c = await context();
      const groups = new Map<string, GroupSeen>();
      // A commit stages each batch as soon as it is checked, then applies them all in one short
      // transaction (src/server/lib/tabular/staging.ts); a refused row stops the staging.
      const staged = options.dryRun ? null : stagedWrite(new ImportStaging(db), ctx);
      const result = await runImport({
        source,
        columns: assessmentColumns,
        language,
        maxRows,
        validateBatch: async (rows, check) => {
          const prepared = await prepareBatch(db, ctx, c, rows, language);
          checkGroups(prepared, groups, language);
          for (const p of prepared) reportProblems(check, p.row, p.problems);
          if (staged && prepared.some((p) => !p.values || p.problems.some((problem) => problem.severity === 'error'))) staged.refused = true;
          if (staged && !staged.refused) await staged.add(prepared);
        },
      }).catch(async (error: unknown) => {
        await staged?.staging.discard();
        throw error;
      });

      try {
        if (options.dryRun || !result.report.canCommit) {
          await staged?.staging.discard();
          const report = result.rows.count > 0 ? await planImport(result, async (batch) => (await prepareBatch(db, ctx, c, batch, language)).map(planOf)) : result.report;
          if (!options.dryRun) throw new AppError('import_invalid', 422, { report: { ...report, dryRun: false, committed: false } });
          return { ...report, dryRun: true, committed: false };
        }

        const { staging, plan, outcomes } = staged!;
        await staging.apply(async (trx) => {
          // Checked again now, set-based: an assessment changed (its results included) since its
          // rows were checked, or one created under a key the file creates, refuses the whole file.
          await staging.assertUnchanged(trx, 'assessments', ['update', 'unchanged'], { kind: 'create', key: ['locality_id', 'kind', 'organisation_id', 'start_date'] });
          await staging.insertRows(trx, 'create', 'assessments', ['id', ...writtenColumns, 'notes', 'created_by', 'updated_by']);
          await staging.updateRows(trx, 'update', 'assessments', ['status', 'end_date', 'title', 'updated_by']);
          await staging.insertRows(trx, 'result', 'assessment_results', resultColumns, { onConflict: { columns: ['assessment_id', 'sector'], update: resultColumns.slice(2) } });
          await staging.applyAudit(trx, ctx);
        });
        return { ...result.report, plan, outcomes, outcomesTruncated: result.report.rows > outcomes.length, dryRun: false, committed: true };
      } finally {
        await staged?.staging.discard();
        await result.rows.dispose();
      }
    }),
  };
}
export type AssessmentsImporter = ReturnType<typeof assessmentsImporter>;
