import { type Expression, type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import {
  type Assessment,
  type AssessmentFilters,
  type AssessmentKind,
  type AssessmentResult,
  type AssessmentSort,
  assessmentKinds,
  assessmentStatuses,
  assessmentStep,
} from '../../../shared/contracts/assessments.ts';
import type { PageQuery } from '../../../shared/contracts/common.ts';
import { searchKey } from '../../../shared/text.ts';
import type { DB } from '../../db/schema.ts';
import { activeOrganisations, placeCandidates } from '../../lib/tabular/references.repository.ts';
import { paginate } from '../../lib/pagination.ts';
import { inChunks } from '../../lib/in-chunks.ts';
import { containsPattern } from '../../db/filters.ts';
import { withLocalityNames } from '../../db/locality-names.ts';

export interface AssessmentValues {
  localityId: string;
  kind: string;
  status: string;
  organisationId: string;
  startDate: string;
  endDate: string | null;
  title: string | null;
  notes: string | null;
}

function selectAssessments(db: Kysely<DB>) {
  return db
    .selectFrom('assessments as a')
    .innerJoin('localities as l', 'l.id', 'a.locality_id')
    .$call(withLocalityNames)
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .leftJoin('assessment_reports as rep', 'rep.assessment_id', 'a.id')
    .select([
      'a.id',
      'a.kind',
      'a.status',
      'a.start_date',
      'a.end_date',
      'a.title',
      'a.notes',
      'a.version',
      'a.created_at',
      'a.updated_at',
      'l.id as locality_id',
      'l.name as locality_name',
      'l.pcode as locality_pcode',
      'l.adm1_pcode',
      'l.adm2_pcode',
      'l.adm3_pcode',
      'o.id as organisation_id',
      'o.acronym as organisation_acronym',
      'o.name as organisation_name',
      'rep.file_name as report_file_name',
      'rep.size as report_size',
      'rep.uploaded_at as report_uploaded_at',
    ]);
}
type AssessmentQuery = ReturnType<typeof selectAssessments>;
type AssessmentRow = Awaited<ReturnType<AssessmentQuery['executeTakeFirstOrThrow']>>;
type AssessmentQueryBuilder = AssessmentQuery extends SelectQueryBuilder<infer D, infer T, infer O> ? SelectQueryBuilder<D, T, O> : never;

function toAssessment(row: AssessmentRow, results: AssessmentResult[]): Assessment {
  const kind = row.kind as AssessmentKind;
  return {
    id: row.id,
    locality: {
      id: row.locality_id,
      name: row.locality_name,
      pcode: row.locality_pcode,
      adm1Pcode: row.adm1_pcode,
      adm1Name: row.adm1_name,
      adm2Pcode: row.adm2_pcode,
      adm2Name: row.adm2_name,
      adm3Pcode: row.adm3_pcode,
      adm3Name: row.adm3_name,
    },
    kind,
    step: assessmentStep[kind],
    status: row.status as Assessment['status'],
    organisation: { id: row.organisation_id, acronym: row.organisation_acronym, name: row.organisation_name },
    startDate: row.start_date,
    endDate: row.end_date,
    title: row.title,
    notes: row.notes,
    results,
    report: row.report_file_name ? { fileName: row.report_file_name, size: row.report_size!, uploadedAt: row.report_uploaded_at!.toISOString() } : null,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function orderBy(query: AssessmentQueryBuilder, sort: AssessmentFilters['sort']): AssessmentQueryBuilder {
  const descending = sort.startsWith('-');
  const key = (descending ? sort.slice(1) : sort) as AssessmentSort;
  const direction = descending ? 'desc' : 'asc';
  const expressions: Record<AssessmentSort, Expression<unknown>> = {
    startDate: sql.ref('a.start_date'),
    endDate: sql`a.end_date ${sql.raw(descending ? 'DESC NULLS LAST' : 'ASC NULLS FIRST')}`,
    locality: sql.ref('l.name_key'),
    kind: sql`array_position(${sql.val([...assessmentKinds])}::text[], a.kind)`,
    status: sql`array_position(${sql.val([...assessmentStatuses])}::text[], a.status)`,
    updatedAt: sql.ref('a.updated_at'),
  };
  // The NULLS clause already carries the direction for end dates.
  const ordered = key === 'endDate' ? query.orderBy(expressions.endDate) : query.orderBy(expressions[key], direction);
  return ordered.orderBy('a.start_date', direction).orderBy('a.id');
}

export function assessmentsRepository(db: Kysely<DB>) {
  async function hydrate(trx: Kysely<DB>, rows: AssessmentRow[]): Promise<Assessment[]> {
    if (rows.length === 0) return [];
    const resultRows = await trx
      .selectFrom('assessment_results')
      .selectAll()
      .where(
        'assessment_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    const results = new Map<string, AssessmentResult[]>();
    for (const r of resultRows) {
      const list = results.get(r.assessment_id) ?? [];
      list.push({ sector: r.sector as AssessmentResult['sector'], severity: r.severity, householdsInNeed: r.households_in_need, personsInNeed: r.persons_in_need, findings: r.findings });
      results.set(r.assessment_id, list);
    }
    return rows.map((row) => toAssessment(row, results.get(row.id) ?? []));
  }

  function filtered(filters: AssessmentFilters): AssessmentQueryBuilder {
    let q: AssessmentQueryBuilder = selectAssessments(db);
    if (filters.region) q = q.where('l.adm1_pcode', '=', filters.region);
    if (filters.cercle) q = q.where('l.adm2_pcode', '=', filters.cercle);
    if (filters.localityId) q = q.where('a.locality_id', '=', filters.localityId);
    if (filters.kind?.length) q = q.where('a.kind', 'in', filters.kind);
    if (filters.status?.length) q = q.where('a.status', 'in', filters.status);
    if (filters.organisationId) q = q.where('a.organisation_id', '=', filters.organisationId);
    if (filters.from) q = q.where('a.start_date', '>=', filters.from);
    if (filters.to) q = q.where('a.start_date', '<=', filters.to);
    if (filters.q) {
      const key = containsPattern(searchKey(filters.q));
      const text = containsPattern(filters.q);
      q = q.where((eb) => eb.or([eb('l.name_key', 'like', key), eb('a.title', 'ilike', text)]));
    }
    return q;
  }

  return {
    async list(filters: AssessmentFilters, page: PageQuery) {
      const result = await paginate(filtered(filters), page, (q) => orderBy(q, filters.sort), (row) => row);
      return { ...result, items: await hydrate(db, result.items) };
    },

    /** Every assessment matching the filters, in list order, in chunks (for exports). */
    async *listAll(filters: AssessmentFilters, chunk = 500): AsyncGenerator<Assessment[]> {
      for (let offset = 0; ; offset += chunk) {
        const rows = await orderBy(filtered(filters), filters.sort).limit(chunk).offset(offset).execute();
        if (rows.length) yield await hydrate(db, rows);
        if (rows.length < chunk) return;
      }
    },

    async findById(trx: Kysely<DB>, id: string): Promise<Assessment | undefined> {
      const row = await selectAssessments(trx).where('a.id', '=', id).executeTakeFirst();
      return row && (await hydrate(trx, [row]))[0];
    },

    /** Every assessment of a locality, oldest first (for its timeline). */
    async listByLocality(trx: Kysely<DB>, localityId: string): Promise<Assessment[]> {
      const rows = await selectAssessments(trx).where('a.locality_id', '=', localityId).orderBy('a.start_date').orderBy('a.id').execute();
      return hydrate(trx, rows);
    },


    placeCandidates: (trx: Kysely<DB> = db) => placeCandidates(trx),
    activeOrganisations: (trx: Kysely<DB> = db) => activeOrganisations(trx),

    async findByIds(trx: Kysely<DB>, ids: readonly string[]): Promise<Assessment[]> {
      if (ids.length === 0) return [];
      return hydrate(trx, await inChunks(ids, (part) => selectAssessments(trx).where('a.id', 'in', part).execute()));
    },

    /** Assessments by locality, kind, organisation and start date (the identity of an imported one), latest created first. */
    async findByKeys(trx: Kysely<DB>, keys: readonly { localityId: string; kind: string; organisationId: string; startDate: string }[]): Promise<Assessment[]> {
      if (keys.length === 0) return [];
      const rows = await selectAssessments(trx)
        .where((eb) =>
          eb.or(
            keys.map((k) =>
              eb.and([eb('a.locality_id', '=', k.localityId), eb('a.kind', '=', k.kind), eb('a.organisation_id', '=', k.organisationId), eb('a.start_date', '=', k.startDate)]),
            ),
          ),
        )
        .orderBy('a.created_at', 'desc')
        .orderBy('a.id', 'desc')
        .execute();
      return hydrate(trx, rows);
    },

    async findLocalityRegion(trx: Kysely<DB>, localityId: string): Promise<{ adm1Pcode: string | null } | undefined> {
      const row = await trx.selectFrom('localities').select('adm1_pcode').where('id', '=', localityId).executeTakeFirst();
      return row && { adm1Pcode: row.adm1_pcode };
    },

    async insert(trx: Kysely<DB>, values: AssessmentValues, userId: string | null): Promise<string> {
      const { id } = await trx
        .insertInto('assessments')
        .values({ ...toColumns(values), created_by: userId, updated_by: userId })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },

    async updateIfVersion(trx: Kysely<DB>, id: string, version: number, values: Partial<AssessmentValues>, userId: string): Promise<boolean> {
      const result = await trx
        .updateTable('assessments')
        .set((eb) => ({ ...toColumns(values), updated_by: userId, updated_at: new Date(), version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Marks the assessment changed (a new report) so concurrent editors see a new version. */
    async touch(trx: Kysely<DB>, id: string, userId: string): Promise<void> {
      await trx
        .updateTable('assessments')
        .set((eb) => ({ updated_by: userId, updated_at: new Date(), version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .execute();
    },

    /** An assessment's stored columns, and a sector's result as a stored row: what an import stages for its set-based write. */
    columnsOf: toColumns,
    resultColumns,

    async replaceResults(trx: Kysely<DB>, assessmentId: string, results: readonly AssessmentResult[]): Promise<void> {
      await trx.deleteFrom('assessment_results').where('assessment_id', '=', assessmentId).execute();
      if (results.length === 0) return;
      await trx
        .insertInto('assessment_results')
        .values(
          results.map((r) => resultColumns(assessmentId, r)),
        )
        .execute();
    },

    async saveReport(trx: Kysely<DB>, assessmentId: string, report: { fileName: string; content: Buffer; sha256: string }, userId: string | null): Promise<void> {
      const values = { file_name: report.fileName, content: report.content, size: report.content.length, sha256: report.sha256, uploaded_by: userId, uploaded_at: new Date() };
      await trx
        .insertInto('assessment_reports')
        .values({ assessment_id: assessmentId, ...values })
        .onConflict((oc) => oc.column('assessment_id').doUpdateSet(values))
        .execute();
    },

    async findReport(trx: Kysely<DB>, assessmentId: string) {
      return trx.selectFrom('assessment_reports').select(['file_name', 'content', 'size', 'sha256', 'uploaded_at']).where('assessment_id', '=', assessmentId).executeTakeFirst();
    },

    async deleteReport(trx: Kysely<DB>, assessmentId: string): Promise<boolean> {
      const result = await trx.deleteFrom('assessment_reports').where('assessment_id', '=', assessmentId).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
  };
}
export type AssessmentsRepository = ReturnType<typeof assessmentsRepository>;

function resultColumns(assessmentId: string, r: AssessmentResult) {
  return { assessment_id: assessmentId, sector: r.sector, severity: r.severity, households_in_need: r.householdsInNeed, persons_in_need: r.personsInNeed, findings: r.findings };
}

function toColumns<V extends Partial<AssessmentValues>>(values: V) {
  return {
    locality_id: values.localityId as V['localityId'],
    kind: values.kind as V['kind'],
    status: values.status as V['status'],
    organisation_id: values.organisationId as V['organisationId'],
    start_date: values.startDate as V['startDate'],
    end_date: values.endDate as V['endDate'],
    title: values.title as V['title'],
    notes: values.notes as V['notes'],
  };
}
