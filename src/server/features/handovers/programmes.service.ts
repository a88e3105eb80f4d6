import { PassThrough } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Language, Page } from '../../../shared/contracts/common.ts';
import type { DevelopmentProgramme, ProgrammeFilters, ProgrammeImportResult, ProgrammeInput } from '../../../shared/contracts/handovers.ts';
import type { ImportRowOutcome } from '../../../shared/contracts/import.ts';
import { importMessage } from '../../../shared/import-messages.ts';
import { createNameIndex } from '../../../shared/name-index.ts';
import { can, scopeOf } from '../../../shared/permissions.ts';
import { isSector } from '../../../shared/sectors.ts';
import { searchKey } from '../../../shared/text.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound, versionConflict } from '../../errors.ts';
import { requireAccess } from '../../lib/access.ts';
import { recordAudit, recordAuditMany } from '../../lib/audit.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { Download } from '../../lib/http.ts';
import { commitInOneTransaction, type ParsedRow, planImport, type RowPlan, runImport, type TabularSource, tableContentTypes, tableExtensions, writeTable } from '../../lib/tabular/index.ts';
import { type Upload, withUploadedFile } from '../../lib/upload.ts';
import { programmeColumns, type ProgrammeRow } from './programmes.columns.ts';
import type { ProgrammeRecord, ProgrammesRepository, ProgrammeValues } from './programmes.repository.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A regional coordinator manages the programmes working in their regions only. */
const targetOf = (values: { areaPcodes: string[] }) => ({ regionPcodes: values.areaPcodes });

export function programmesService(deps: { db: Kysely<DB>; programmes: ProgrammesRepository }) {
  const { db, programmes } = deps;

  async function toProgramme(trx: Kysely<DB>, rows: ProgrammeRecord[]): Promise<DevelopmentProgramme[]> {
    const areas = new Map((await programmes.areas(trx, rows.flatMap((r) => r.area_pcodes))).map((a) => [a.pcode, a]));
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      organisation: { id: r.organisation_id, acronym: r.acronym, name: r.organisation_name },
      funding: r.funding,
      startDate: r.start_date,
      endDate: r.end_date,
      sectors: r.sectors.filter(isSector),
      areas: r.area_pcodes.map((pcode) => ({ pcode, name: areas.get(pcode)?.name ?? null, level: areas.get(pcode)?.level ?? null })),
      description: r.description,
      version: r.version,
      updatedAt: r.updated_at.toISOString(),
    }));
  }

  /** The organisation must hold the development role and the areas must exist. */
  async function check(trx: Kysely<DB>, input: ProgrammeInput): Promise<void> {
    const organisation = (await programmes.developmentActors(trx)).find((o) => o.id === input.organisationId);
    if (!organisation) throw new AppError('unknown_organisation', 400);
    if (!organisation.roles.includes('development_actor')) throw new AppError('not_development_actor', 400);
    const known = new Set((await programmes.areas(trx, input.areaPcodes)).map((a) => a.pcode));
    if (input.areaPcodes.some((p) => !known.has(p))) throw new AppError('unknown_admin_area', 400);
  }

  const valuesOf = (input: ProgrammeInput): ProgrammeValues => ({ ...input, areaPcodes: [...new Set(input.areaPcodes)].sort() });
  const recordOf = (r: ProgrammeRecord): ProgrammeValues => ({
    organisationId: r.organisation_id,
    name: r.name,
    funding: r.funding,
    startDate: r.start_date,
    endDate: r.end_date,
    sectors: r.sectors,
    areaPcodes: r.area_pcodes,
    description: r.description,
  });

  async function get(ctx: ServiceContext, id: string): Promise<DevelopmentProgramme> {
    requireAccess(ctx.user, 'handover:read');
    const row = await programmes.find(db, id);
    if (!row) throw notFound();
    return (await toProgramme(db, [row]))[0]!;
  }

  // ---- import ---------------------------------------------------------------------------------

  interface Prepared {
    row: number;
    values: ProgrammeValues | null;
    existing: ProgrammeRecord | null;
    label: string | null;
  }

  async function importContext() {
    const [organisations, areas] = await Promise.all([programmes.developmentActors(db), programmes.allAreas(db)]);
    return {
      organisationIndex: createNameIndex(organisations, (o) => [o.acronym, o.name]),
      areaByPcode: new Map(areas.map((a) => [a.pcode, a])),
      areaIndex: createNameIndex(areas, (a) => [a.name]),
    };
  }
  type ImportContext = Awaited<ReturnType<typeof importContext>>;

  /** Resolves each row's organisation and areas, finds the programme it updates, and reports what is wrong. */
  async function prepareBatch(
    trx: Kysely<DB>,
    ctx: ServiceContext,
    c: ImportContext,
    batch: readonly ParsedRow<ProgrammeRow>[],
    report: (row: number, code: Parameters<typeof importMessage>[0], o: { column?: keyof ProgrammeRow; value?: unknown; params?: Record<string, string | number>; suggestions?: string[] }) => void,
  ): Promise<Prepared[]> {
    const drafts = batch.map(({ row, values: cells }) => {
      let ok = true;
      const fail = (...args: Parameters<typeof report> extends [number, ...infer R] ? R : never) => {
        ok = false;
        report(row, ...args);
      };
      const found = c.organisationIndex.find(cells.organisation);
      const organisation = found.length === 1 ? found[0]! : null;
      if (!organisation) {
        const suggestions = c.organisationIndex.suggest(cells.organisation).map((o) => o.acronym);
        fail(suggestions.length ? 'organisation_did_you_mean' : 'organisation_unknown', { column: 'organisation', value: cells.organisation, params: { value: cells.organisation }, suggestions });
      } else if (!organisation.roles.includes('development_actor')) {
        fail('organisation_not_development_actor', { column: 'organisation', value: cells.organisation, params: { value: cells.organisation } });
      }
      const areaPcodes: string[] = [];
      for (const area of cells.areas) {
        const byCode = c.areaByPcode.get(area.toUpperCase());
        if (byCode) {
          areaPcodes.push(byCode.pcode);
          continue;
        }
        const named = c.areaIndex.find(area);
        if (named.length === 1) areaPcodes.push(named[0]!.pcode);
        else if (named.length > 1) fail('place_ambiguous', { column: 'areas', value: area, params: { value: area, candidates: named.map((a) => a.pcode).join(', ') } });
        else {
          const suggestions = c.areaIndex.suggest(area).map((a) => a.name);
          fail(suggestions.length ? 'place_did_you_mean' : 'place_unknown', { column: 'areas', value: area, params: { value: area }, suggestions });
        }
      }
      if (cells.endDate && cells.endDate < cells.startDate) fail('end_before_start', { column: 'endDate', value: cells.endDate, params: { start: cells.startDate, end: cells.endDate } });
      const values: ProgrammeValues | null =
        ok && organisation
          ? {
              organisationId: organisation.id,
              name: cells.name,
              funding: cells.funding,
              startDate: cells.startDate,
              endDate: cells.endDate,
              sectors: cells.sectors ?? [],
              areaPcodes: [...new Set(areaPcodes)].sort(),
              description: cells.description,
            }
          : null;
      if (values && !can(ctx.user, 'programme:manage', targetOf(values))) {
        fail(scopeOf(ctx.user, 'programme:manage') === 'region' ? 'region_not_allowed' : 'organisation_not_allowed', { column: 'areas', params: { organisation: organisation!.acronym } });
      }
      return { row, cells, values: ok ? values : null, label: organisation ? `${organisation.acronym} — ${cells.name}` : cells.name };
    });
    const ids = drafts.flatMap((d) => (d.cells.id && uuidPattern.test(d.cells.id) ? [d.cells.id.toLowerCase()] : []));
    const byId = new Map((await programmes.findMany(trx, ids)).map((p) => [p.id, p]));
    const byName = new Map(
      (await programmes.findByNames(trx, drafts.flatMap((d) => (d.values ? [{ organisationId: d.values.organisationId, name: d.values.name }] : [])))).map((p) => [`${p.organisation_id}|${p.name_key}`, p]),
    );
    return drafts.map((d) => {
      let existing: ProgrammeRecord | null = null;
      if (d.cells.id) {
        existing = byId.get(d.cells.id.toLowerCase()) ?? null;
        if (!existing) report(d.row, 'record_unknown', { column: 'id', value: d.cells.id, params: { value: d.cells.id } });
      } else if (d.values) existing = byName.get(`${d.values.organisationId}|${searchKey(d.values.name)}`) ?? null;
      if (existing && !can(ctx.user, 'programme:manage', { regionPcodes: existing.area_pcodes })) report(d.row, 'region_not_allowed', { column: 'areas' });
      const refused = d.cells.id !== null && !existing;
      return { row: d.row, values: refused ? null : d.values, existing, label: d.label };
    });
  }

  function planOf(p: Prepared): RowPlan {
    if (!p.existing) return { action: 'create', id: null, label: p.label };
    const before = recordOf(p.existing);
    const same = JSON.stringify({ ...before, sectors: [...before.sectors].sort(), areaPcodes: [...before.areaPcodes].sort() }) === JSON.stringify({ ...p.values!, sectors: [...p.values!.sectors].sort() });
    return { action: same ? 'unchanged' : 'update', id: p.existing.id, label: p.label };
  }

  async function runProgrammeImport(ctx: ServiceContext, source: TabularSource, options: { dryRun: boolean; language: Language; fileName?: string }): Promise<ProgrammeImportResult> {
    requireAccess(ctx.user, 'programme:manage');
    const { language } = options;
    const c = await importContext();
    const firstRowOf = new Map<string, number>();
    const result = await runImport({
      source,
      columns: programmeColumns,
      language,
      maxRows: 5_000,
      validateBatch: async (rows, check) => {
        const prepared = await prepareBatch(db, ctx, c, rows, (row, code, o) => check.error(row, code, { column: o.column, value: o.value, params: o.params, suggestions: o.suggestions }));
        for (const p of prepared) {
          if (!p.values) continue;
          const key = `${p.values.organisationId}|${searchKey(p.values.name)}`;
          const first = firstRowOf.get(key);
          if (first === undefined) firstRowOf.set(key, p.row);
          else check.error(p.row, 'programme_duplicate_in_file', { column: 'name', params: { firstRow: first } });
        }
      },
    });
    const ignore = () => {};
    try {
      if (options.dryRun || !result.report.canCommit) {
        const report = await planImport(result, async (batch) => (await prepareBatch(db, ctx, c, batch, ignore)).map(planOf));
        const answer = { ...report, dryRun: options.dryRun, committed: false };
        if (!options.dryRun) throw new AppError('import_invalid', 422, { report: answer });
        return answer;
      }
      const plan = { create: 0, update: 0, unchanged: 0, refused: 0 };
      const outcomes: ImportRowOutcome[] = [];
      await commitInOneTransaction(
        db,
        result,
        async (trx, batch) => {
          const prepared = await prepareBatch(trx, ctx, c, batch, (row, code, o) => {
            throw new AppError('import_invalid', 409, { detail: `${row}: ${importMessage(code, o.params ?? {}, language)}` });
          });
          const audit = [];
          for (const p of prepared) {
            const rowPlan = planOf(p);
            let id = p.existing?.id ?? null;
            if (rowPlan.action === 'create') {
              id = await programmes.insert(trx, p.values!, ctx.user.id);
              audit.push({ action: 'create' as const, entity: 'development_programme', entityId: id, after: { id, ...p.values } });
            } else if (rowPlan.action === 'update') {
              if (!(await programmes.update(trx, p.existing!.id, p.existing!.version, p.values!, ctx.user.id))) throw versionConflict(null);
              audit.push({ action: 'update' as const, entity: 'development_programme', entityId: id, before: recordOf(p.existing!), after: { id, ...p.values } });
            }
            plan[rowPlan.action]++;
            outcomes.push({ row: p.row, action: rowPlan.action, id, label: p.label });
          }
          await recordAuditMany(trx, ctx, audit);
        },
        { finish: (trx) => recordAudit(trx, ctx, { action: 'import', entity: 'development_programme_import', entityId: null, after: { file: options.fileName ?? null, rows: result.report.rows, ...plan } }) },
      );
      return { ...result.report, plan, outcomes: outcomes.slice(0, 1000), outcomesTruncated: outcomes.length > 1000, dryRun: false, committed: true };
    } finally {
      await result.rows.dispose();
    }
  }

  return {
    get,

    async list(ctx: ServiceContext, query: ProgrammeFilters & { page: number; pageSize: number }): Promise<Page<DevelopmentProgramme>> {
      requireAccess(ctx.user, 'handover:read');
      const page = await programmes.page(query, query);
      return { ...page, items: await toProgramme(db, page.items) };
    },

    async create(ctx: ServiceContext, input: ProgrammeInput): Promise<DevelopmentProgramme> {
      requireAccess(ctx.user, 'programme:manage', targetOf(input));
      return db.transaction().execute(async (trx) => {
        await check(trx, input);
        if (await programmes.nameTaken(trx, input.organisationId, input.name, null)) throw new AppError('programme_name_taken', 409);
        const id = await programmes.insert(trx, valuesOf(input), ctx.user.id);
        const created = (await toProgramme(trx, [(await programmes.find(trx, id))!]))[0]!;
        await recordAudit(trx, ctx, { action: 'create', entity: 'development_programme', entityId: id, after: created });
        return created;
      });
    },

    async update(ctx: ServiceContext, id: string, input: ProgrammeInput & { version: number }): Promise<DevelopmentProgramme> {
      requireAccess(ctx.user, 'programme:manage', targetOf(input));
      return db.transaction().execute(async (trx) => {
        const row = await programmes.find(trx, id, true);
        if (!row) throw notFound();
        requireAccess(ctx.user, 'programme:manage', { regionPcodes: row.area_pcodes });
        const before = (await toProgramme(trx, [row]))[0]!;
        if (row.version !== input.version) throw versionConflict(before);
        await check(trx, input);
        if (await programmes.nameTaken(trx, input.organisationId, input.name, id)) throw new AppError('programme_name_taken', 409);
        if (!(await programmes.update(trx, id, row.version, valuesOf(input), ctx.user.id))) throw versionConflict(before);
        const after = (await toProgramme(trx, [(await programmes.find(trx, id))!]))[0]!;
        await recordAudit(trx, ctx, { action: 'update', entity: 'development_programme', entityId: id, before, after });
        return after;
      });
    },

    async remove(ctx: ServiceContext, id: string, version: number | undefined): Promise<void> {
      requireAccess(ctx.user, 'programme:manage');
      await db.transaction().execute(async (trx) => {
        const row = await programmes.find(trx, id, true);
        if (!row) throw notFound();
        requireAccess(ctx.user, 'programme:manage', { regionPcodes: row.area_pcodes });
        const before = (await toProgramme(trx, [row]))[0]!;
        if (version !== undefined && version !== row.version) throw versionConflict(before);
        await programmes.remove(trx, id);
        await recordAudit(trx, ctx, { action: 'delete', entity: 'development_programme', entityId: id, before });
      });
    },

    async exportTable(ctx: ServiceContext, filters: ProgrammeFilters, format: 'xlsx' | 'csv', language: Language): Promise<Download> {
      requireAccess(ctx.user, 'handover:read');
      const rows: ProgrammeRow[] = (await toProgramme(db, await programmes.all(filters))).map((p) => ({
        id: p.id,
        organisation: p.organisation.acronym,
        name: p.name,
        funding: p.funding,
        startDate: p.startDate,
        endDate: p.endDate,
        sectors: p.sectors,
        areas: p.areas.map((a) => a.pcode),
        description: p.description,
      }));
      const body = new PassThrough();
      void writeTable(body, { format, columns: programmeColumns, rows, language, csvDelimiter: format === 'csv' && language === 'fr' ? ';' : ',' }).catch((error: unknown) => body.destroy(error as Error));
      return { fileName: `programmes-developpement${tableExtensions[format]}`, contentType: tableContentTypes[format], body };
    },

    upload(ctx: ServiceContext, upload: () => Promise<Upload | undefined>, options: { dryRun: boolean; language: Language }): Promise<ProgrammeImportResult> {
      requireAccess(ctx.user, 'programme:manage');
      return withUploadedFile(upload, (filePath, fileName) => runProgrammeImport(ctx, { path: filePath }, { ...options, fileName }));
    },
    runImport: runProgrammeImport,
  };
}
export type ProgrammesService = ReturnType<typeof programmesService>;
