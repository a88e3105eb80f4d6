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
import { AppError, versionConflict } from '../../errors.ts';
import { type AuditEntry, recordAuditMany } from '../../lib/audit.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { commitInOneTransaction, type ParsedRow, planImport, type RowPlan, runImport, type TabularSource } from '../../lib/tabular/index.ts';
import { placeIndex } from '../../lib/tabular/places.ts';
import { type AlertColumnKey, alertColumns, type AlertRow } from './alerts.columns.ts';
import type { AlertRecord, AlertsRepository, AlertValues, StatusChange } from './alerts.repository.ts';
import { regionsOf } from './alerts.service.ts';

export interface AlertImportOptions {
  dryRun: boolean;
  language: Language;
}

interface Problem {
  severity: 'error' | 'warning';
  column?: AlertColumnKey;
  value?: unknown;
  code: ImportMessageCode;
  params?: ImportMessageParams;
  suggestions?: string[];
}

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
 * workflow. Preview and commit read the file the same way; the commit writes every row in one
 * transaction or nothing, so sending the same file twice changes nothing the second time.
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

  async function write(trx: Kysely<DB>, ctx: ServiceContext, prepared: PreparedRow[]): Promise<string[]> {
    const audit: AuditEntry[] = [];
    const ids: string[] = [];
    for (const { write: w, existing, unchanged } of prepared) {
      if (!w) throw new AppError('import_invalid', 422);
      if (unchanged) {
        ids.push(existing!.id);
        continue;
      }
      if (!existing) {
        const code = await alerts.nextCode(trx, Number(w.values.alertDate.slice(0, 4)));
        const id = await alerts.insert(trx, code, w.values, w.status ?? undefined, ctx.user.id);
        await alerts.replaceFindings(trx, id, w.findings ?? []);
        audit.push({ action: 'create', entity: 'alert', entityId: id, after: { id, code, ...w.values, status: w.status?.status ?? 'reported', msaFindings: w.findings, imported: true } });
        ids.push(id);
        continue;
      }
      if (!(await alerts.updateIfVersion(trx, existing.id, existing.version, w.values, w.status ?? undefined))) throw versionConflict(existing);
      if (w.findings) await alerts.replaceFindings(trx, existing.id, w.findings);
      const { validatedOn: _validatedOn, ...before } = existing;
      audit.push({
        action: 'update',
        entity: 'alert',
        entityId: existing.id,
        before,
        after: { id: existing.id, code: existing.code, ...w.values, status: w.status?.status ?? existing.status, msaFindings: w.findings ?? existing.msaFindings, imported: true },
      });
      ids.push(existing.id);
    }
    await recordAuditMany(trx, ctx, audit);
    return ids;
  }

  return {
    async run(ctx: ServiceContext, source: TabularSource, options: AlertImportOptions): Promise<AlertImportResult> {
      const { language } = options;
      const c = await context();
      const result = await runImport({
        source,
        columns: alertColumns,
        language,
        maxRows,
        validateBatch: async (rows, check) => {
          for (const prepared of await prepareBatch(db, ctx, c, rows, language)) {
            for (const p of prepared.problems) {
              (p.severity === 'warning' ? check.warning : check.error)(prepared.row, p.code, { column: p.column, value: p.value, params: p.params, suggestions: p.suggestions });
            }
          }
        },
      });

      try {
        if (options.dryRun || !result.report.canCommit) {
          const report = result.rows.count > 0 ? await planImport(result, async (batch) => (await prepareBatch(db, ctx, c, batch, language)).map(planOf)) : result.report;
          if (!options.dryRun) throw new AppError('import_invalid', 422, { report: { ...report, dryRun: false, committed: false } });
          return { ...report, dryRun: true, committed: false };
        }

        const plan = { create: 0, update: 0, unchanged: 0, refused: 0 };
        const outcomes: ImportRowOutcome[] = [];
        await commitInOneTransaction(db, result, async (trx, batch) => {
          // Checked again inside the transaction: an alert changed since the preview refuses the whole file.
          const prepared = await prepareBatch(trx, ctx, c, batch, language);
          const ids = await write(trx, ctx, prepared);
          prepared.forEach((p, i) => {
            const { action, label } = planOf(p);
            plan[action]++;
            if (outcomes.length < 1000) outcomes.push({ row: p.row, action, id: ids[i]!, label: label ?? null });
          });
        });
        return { ...result.report, plan, outcomes, outcomesTruncated: result.report.rows > outcomes.length, dryRun: false, committed: true };
      } finally {
        await result.rows.dispose();
      }
    },
  };
}
export type AlertsImporter = ReturnType<typeof alertsImporter>;
