import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  type AlertImportResult,
  type AlertStatus,
  alertStatusLabels,
  canTransition,
  type MsaFinding,
  type PopulationGroup,
  shockTypeLabels,
  transitionNeedsMsa,
} from '../../../shared/contracts/alerts.ts';
import type { Language } from '../../../shared/contracts/common.ts';
import type { ImportRowOutcome } from '../../../shared/contracts/import.ts';
import type { ImportMessageCode, ImportMessageParams } from '../../../shared/import-messages.ts';
import { createNameIndex } from '../../../shared/name-index.ts';
import { can } from '../../../shared/permissions.ts';
import { todayIso } from '../../../shared/phases.ts';
import type { DB } from '../../db/schema.ts';
import { importTurns } from '../../db/turns.ts';
import { AppError } from '../../errors.ts';
import type { AuditEntry } from '../../lib/audit.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { ImportStaging, type ParsedRow, reportProblems, type RowProblem, planImport, type RowPlan, runImport, type TabularSource } from '../../lib/tabular/index.ts';
import { placeIndex } from '../../lib/tabular/places.ts';
import { type AlertColumnKey, alertColumns, type AlertRow } from './alerts.columns.ts';
import type { AlertRecord, AlertsRepository, AlertValues, StatusChange } from './alerts.repository.ts';
import { regionsOf } from './alerts.service.ts';

export interface AlertImportOptions {
  dryRun: boolean;
  language: Language;
}

type Problem = RowProblem<AlertColumnKey> & { severity: 'error' | 'warning' };

/** What a valid row writes. */
interface AlertWrite {
  values: AlertValues;
  status: StatusChange | null;
  /** null: leave the MSA findings as they are. */
  findings: MsaFinding[] | null;
}

/** A file row turned into an alert to create or update, or the reasons it cannot be. */
interface PreparedRow {
  row: number;
  write: AlertWrite | null;
  existing: AlertRecord | null;
  unchanged: boolean;
  label: string | null;
  problems: Problem[];
}

const maxRows = 5000;
const statusesOnCreate: readonly AlertStatus[] = ['reported', 'verified', 'assessed', 'validated', 'rejected'];
const validatedStatuses: readonly AlertStatus[] = ['validated', 'responded', 'closed'];

/** The columns an import writes (besides id, code and author). */
const writtenColumns = [
  'shock_type',
  'shock_date',
  'alert_date',
  'host_locality_id',
  'origin_pcodes',
  'origin_text',
  'households',
  'persons',
  'population_group',
  'source_organisation_id',
  'description',
  'status',
  'rejection_reason',
  'verified_at',
  'assessed_at',
  'validated_at',
  'responded_at',
  'closed_at',
  'rejected_at',
] as const;

const dateTime = (date: string) => new Date(`${date}T00:00:00Z`);

/** Need sectors from the file, keeping what the MSA recorded for sectors still listed and the "no need" findings. */
function mergeFindings(existing: MsaFinding[], needSectors: readonly string[]): MsaFinding[] {
  const listed = new Set(needSectors);
  const kept = existing.filter((f) => (f.need ? listed.has(f.sector) : !listed.has(f.sector)));
  const added = [...listed]
    .filter((sector) => !kept.some((f) => f.sector === sector))
    .map((sector) => ({ sector: sector as MsaFinding['sector'], need: true, householdsInNeed: null, severity: null, remarks: null }));
  return [...kept, ...added];
}

const findingsKey = (findings: MsaFinding[]) => JSON.stringify([...findings].sort((a, b) => a.sector.localeCompare(b.sector)));

function sameAsStored(existing: AlertRecord, write: AlertWrite): boolean {
  const v = write.values;
  return (
    v.shockType === existing.shockType &&
    v.shockDate === existing.shockDate &&
    v.alertDate === existing.alertDate &&
    v.hostLocalityId === existing.hostLocality.id &&
    v.originPcodes.join('|') === existing.originPcodes.join('|') &&
    v.originText === existing.originText &&
    v.households === existing.households &&
    v.persons === existing.persons &&
    v.populationGroup === existing.populationGroup &&
    v.sourceOrganisationId === (existing.sourceOrganisation?.id ?? null) &&
    v.description === existing.description &&
    write.status === null &&
    (write.findings === null || findingsKey(write.findings) === findingsKey(existing.msaFindings))
  );
}

/**
 * The alert matrix import. Rows without a code create alerts (coded on commit); rows with the
 * code of an existing alert update it, and a status that differs must be a legal step of the
 * workflow. Preview and commit read the file the same way; the commit stages its rows and
 * applies them in one short transaction, or nothing (src/server/lib/tabular/staging.ts), so
 * sending the same file twice changes nothing the second time.
 */
export function alertsImporter(deps: { db: Kysely<DB>; alerts: AlertsRepository }) {
  const { db, alerts } = deps;

  async function context() {
    const [candidates, organisations] = await Promise.all([alerts.placeCandidates(), alerts.activeOrganisations()]);
    return { places: placeIndex(candidates), organisations: createNameIndex(organisations, (o) => [o.acronym, o.name]) };
  }
  type Context = Awaited<ReturnType<typeof context>>;

  /** A step without a date of its own in the file: taken today. */
  function stepTaken(status: AlertStatus): StatusChange {
    if (status === 'verified') return { status, verifiedAt: new Date() };
    if (status === 'assessed') return { status, assessedAt: new Date() };
    return { status };
  }

  /** The status change a row asks for, or null for none; problems are added to `problems`. */
  function statusOf(cells: AlertRow, existing: AlertRecord | null, language: Language, problems: Problem[]): StatusChange | null {
    const today = todayIso();
    const refuse = (code: ImportMessageCode, column: AlertColumnKey, params: ImportMessageParams = {}, value?: unknown): null => {
      problems.push({ severity: 'error', code, column, params, value });
      return null;
    };
    const validationDate = (): Date | null => {
      const date = cells.validatedOn;
      if (date === null) return null;
      if (date < cells.alertDate || date > today) return refuse('validation_date_invalid', 'validatedOn', { value: date, alert: cells.alertDate }, date);
      return dateTime(date);
    };
    const rejection = (): StatusChange | null =>
      cells.rejectionReason ? { status: 'rejected', rejectedAt: new Date(), rejectionReason: cells.rejectionReason } : refuse('rejection_reason_required', 'rejectionReason');

    if (!existing) {
      const status = cells.status ?? 'reported';
      if (!statusesOnCreate.includes(status)) return refuse('alert_status_on_create', 'status', {}, alertStatusLabels[status][language]);
      if (status === 'validated') {
        if (cells.validatedOn === null) return refuse('validation_date_required', 'validatedOn');
        const validatedAt = validationDate();
        return validatedAt && { status, validatedAt };
      }
      if (status === 'rejected') return rejection();
      return status === 'reported' ? null : stepTaken(status);
    }

    const status = cells.status ?? existing.status;
    if (status === existing.status) {
      // The same status: only a corrected validation date changes something.
      if (!validatedStatuses.includes(status) || cells.validatedOn === null || cells.validatedOn === existing.validatedOn) return null;
      const validatedAt = validationDate();
      return validatedAt && { status, validatedAt };
    }
    if (!canTransition(existing.status, status)) {
      const params = { from: alertStatusLabels[existing.status][language], to: alertStatusLabels[status][language] };
      return refuse('status_change_not_allowed', 'status', params, params.to);
    }
    switch (status) {
      case 'validated': {
        if (cells.validatedOn === null) return { status, validatedAt: new Date() };
        const validatedAt = validationDate();
        return validatedAt && { status, validatedAt };
      }
      case 'rejected':
        return rejection();
      case 'responded':
        return existing.rrmResponseCount > 0 ? { status, respondedAt: new Date() } : refuse('status_needs_rrm_response', 'status');
      case 'closed':
        return { status, closedAt: new Date() };
      default:
        return stepTaken(status);
    }
  }

  /** Reads what a batch needs from the database with `trx` (the commit's transaction, or `db` for the preview). */
  async function prepareBatch(trx: Kysely<DB>, ctx: ServiceContext, c: Context, batch: readonly ParsedRow<AlertRow>[], language: Language): Promise<PreparedRow[]> {
    const today = todayIso();
    const existingByCode = new Map((await alerts.findByCodes(trx, batch.flatMap((r) => (r.values.code ? [r.values.code] : [])))).map((a) => [a.code.toUpperCase(), a]));
    const unknownOrigins = new Set(await alerts.unknownAdminPcodes(trx, batch.flatMap((r) => (r.values.originCodes ?? []).map((p) => p.toUpperCase()))));

    return batch.map(({ row, values: cells }) => {
      const problems: Problem[] = [];
      const error = (code: ImportMessageCode, column: AlertColumnKey, params: ImportMessageParams = {}, value?: unknown, suggestions?: string[]) =>
        problems.push({ severity: 'error', code, column, params, value, suggestions });

      let existing: AlertRecord | null = null;
      if (cells.code) {
        existing = existingByCode.get(cells.code.toUpperCase()) ?? null;
        if (!existing) error('alert_unknown', 'code', { value: cells.code }, cells.code);
      }

      const match = c.places.resolve(cells);
      if (!match.ok) error(match.problem.code, match.problem.column, match.problem.params, match.problem.value, match.problem.suggestions);

      let sourceOrganisationId: string | null = null;
      if (cells.source) {
        const found = c.organisations.find(cells.source);
        if (found.length === 1) sourceOrganisationId = found[0]!.id;
        else {
          const suggestions = c.organisations.suggest(cells.source).map((o) => o.acronym);
          error(suggestions.length ? 'organisation_did_you_mean' : 'organisation_unknown', 'source', { value: cells.source }, cells.source, suggestions);
        }
      }

      const originPcodes = [...new Set((cells.originCodes ?? []).map((p) => p.toUpperCase()))];
      for (const pcode of originPcodes.filter((p) => unknownOrigins.has(p))) error('place_unknown', 'originCodes', { value: pcode }, pcode);
      if (cells.shockDate > cells.alertDate) error('shock_after_alert', 'shockDate', { shock: cells.shockDate, alert: cells.alertDate }, cells.shockDate);
      if (cells.alertDate > today) error('date_in_future', 'alertDate', { value: cells.alertDate }, cells.alertDate);
      if (cells.persons < cells.households) error('persons_below_households', 'persons', { persons: cells.persons, households: cells.households }, cells.persons);

      const places = [...(match.ok ? [match.place] : []), ...(existing ? [existing.hostLocality] : [])];
      if (places.some((place) => !can(ctx.user, 'alert:manage', { regionPcodes: regionsOf(place) }))) error('region_not_allowed', 'localityName');
      const status = statusOf(cells, existing, language, problems);

      const code = existing?.code ?? (language === 'fr' ? 'Nouvelle alerte' : 'New alert');
      const label = match.ok ? `${code} — ${shockTypeLabels[cells.shockType][language]} — ${match.place.name}` : null;
      for (const { code: warningCode, column, params, value, suggestions } of match.ok ? match.warnings : []) {
        problems.push({ severity: 'warning', code: warningCode, column, params, value, suggestions });
      }
      if (!match.ok || problems.some((p) => p.severity === 'error')) return { row, write: null, existing, unchanged: false, label, problems };

      const write: AlertWrite = {
        values: {
          shockType: cells.shockType,
          shockDate: cells.shockDate,
          alertDate: cells.alertDate,
          hostLocalityId: match.place.id,
          originPcodes,
          originText: cells.originText,
          households: cells.households,
          persons: cells.persons,
          populationGroup: cells.populationGroup ?? existing?.populationGroup ?? ('idp' satisfies PopulationGroup),
          sourceOrganisationId,
          description: cells.description,
        },
        status,
        findings: cells.needSectors === null ? (existing ? null : []) : mergeFindings(existing?.msaFindings ?? [], cells.needSectors),
      };
      if (write.status && write.status.status !== existing?.status && transitionNeedsMsa(write.status.status as AlertStatus) && (write.findings ?? existing?.msaFindings ?? []).length === 0) {
        const statusLabel = alertStatusLabels[write.status.status as AlertStatus][language];
        error('status_needs_msa', 'status', { value: statusLabel }, statusLabel);
        return { row, write: null, existing, unchanged: false, label, problems };
      }
      return { row, write, existing, unchanged: existing !== null && sameAsStored(existing, write), label, problems };
    });
  }

  function planOf(prepared: PreparedRow): RowPlan {
    if (!prepared.existing) return { action: 'create', id: null, label: prepared.label };
    return { action: prepared.unchanged ? 'unchanged' : 'update', id: prepared.existing.id, label: prepared.label };
  }

  /**
   * What a commit stages as its rows are checked: alerts as stored columns (new ones without
   * their code, taken when the import is applied), their MSA findings and audit rows, and the
   * plan and outcomes of the answer.
   */
  function stagedWrite(staging: ImportStaging, ctx: ServiceContext) {
    const plan = { create: 0, update: 0, unchanged: 0, refused: 0 };
    const outcomes: ImportRowOutcome[] = [];
    /** New alerts in file order, with the year of their code. */
    const created: { id: string; year: number }[] = [];
    return {
      staging,
      plan,
      outcomes,
      created,
      /** Set once any row is refused: the file will not be committed, nothing more is staged. */
      refused: false,
      async add(rows: readonly PreparedRow[]): Promise<void> {
        const kinds = { create: [] as unknown[], update: [] as unknown[], unchanged: [] as unknown[], finding: [] as unknown[], 'clear-findings': [] as unknown[] };
        const audit: AuditEntry[] = [];
        for (const p of rows) {
          const { write: w, existing } = p;
          const { action, label } = planOf(p);
          const id = existing?.id ?? randomUUID();
          if (action === 'unchanged') kinds.unchanged.push({ id, version: existing!.version });
          else {
            const columns = { id, ...alerts.columnsOf(w!.values, w!.status, existing) };
            const status = w!.status?.status ?? existing?.status ?? 'reported';
            if (w!.findings) {
              kinds.finding.push(...alerts.findingRows(id, w!.findings));
              if (existing) kinds['clear-findings'].push({ id });
            }
            if (!existing) {
              kinds.create.push({ ...columns, created_by: ctx.user.id });
              created.push({ id, year: Number(w!.values.alertDate.slice(0, 4)) });
              audit.push({ action: 'create', entity: 'alert', entityId: id, after: { id, ...w!.values, status, msaFindings: w!.findings, imported: true } });
            } else {
              kinds.update.push({ ...columns, version: existing.version });
              const { validatedOn: _validatedOn, ...before } = existing;
              const after = { id, code: existing.code, ...w!.values, status, msaFindings: w!.findings ?? existing.msaFindings, imported: true };
              audit.push({ action: 'update', entity: 'alert', entityId: id, before, after });
            }
          }
          plan[action]++;
          if (outcomes.length < 1000) outcomes.push({ row: p.row, action, id, label: label ?? null });
        }
        for (const [kind, items] of Object.entries(kinds)) await staging.stage(kind, items);
        await staging.stageAudit(audit);
      },
    };
  }

  /** The codes of the new alerts, year by year in file order (the counters stay locked until the apply commits). */
  async function codesOf(trx: Kysely<DB>, created: readonly { id: string; year: number }[]): Promise<Record<string, { code: string }>> {
    const byYear = new Map<number, { id: string }[]>();
    for (const c of created) {
      const list = byYear.get(c.year);
      if (list) list.push(c);
      else byYear.set(c.year, [c]);
    }
    const codes: Record<string, { code: string }> = {};
    for (const [year, list] of byYear) {
      const taken = await alerts.nextCodes(trx, year, list.length);
      list.forEach((c, i) => (codes[c.id] = { code: taken[i]! }));
    }
    return codes;
  }

  return {
    // On the embedded store, the import's statements take every other turn of the connection with other requests'.
    run: importTurns(async (ctx: ServiceContext, source: TabularSource, options: AlertImportOptions): Promise<AlertImportResult> => {
      const { language } = options;
      const c = await context();
      // A commit stages each batch as soon as it is checked, then applies them all in one short
      // transaction (src/server/lib/tabular/staging.ts); a refused row stops the staging.
      const staged = options.dryRun ? null : stagedWrite(new ImportStaging(db), ctx);
      const result = await runImport({
        source,
        columns: alertColumns,
        language,
        maxRows,
        validateBatch: async (rows, check) => {
          const prepared = await prepareBatch(db, ctx, c, rows, language);
          for (const p of prepared) reportProblems(check, p.row, p.problems);
          if (staged && prepared.some((p) => !p.write)) staged.refused = true;
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

        const { staging, plan, outcomes, created } = staged!;
        await staging.apply(async (trx) => {
          // Checked again now, set-based: an alert changed since its row was checked, or one moving to
          // "responded" whose RRM response was deleted meanwhile, refuses the whole file.
          await staging.assertUnchanged(trx, 'alerts', ['update', 'unchanged']);
          if (await alerts.stagedRespondedWithoutResponse(trx, staging.id)) throw new AppError('import_changed', 409);
          const codes = await codesOf(trx, created);
          await staging.insertRows(trx, 'create', 'alerts', ['id', 'code', ...writtenColumns, 'created_by'], { patch: codes });
          await staging.updateRows(trx, 'update', 'alerts', writtenColumns);
          await staging.deleteReferenced(trx, 'clear-findings', 'alert_msa_findings', 'alert_id');
          await staging.insertRows(trx, 'finding', 'alert_msa_findings', ['alert_id', 'sector', 'need', 'households_in_need', 'severity', 'remarks']);
          await staging.applyAudit(trx, ctx, codes);
        });
        return { ...result.report, plan, outcomes, outcomesTruncated: result.report.rows > outcomes.length, dryRun: false, committed: true };
      } finally {
        await staged?.staging.discard();
        await result.rows.dispose();
      }
    }),
  };
}
export type AlertsImporter = ReturnType<typeof alertsImporter>;
