import { type Expression, type Kysely, type SelectQueryBuilder, sql, type SqlBool } from 'kysely';
import { alertStatuses, type Alert, type AlertFilters, type AlertSort, type LocalityRef, type MsaFinding } from '../../../shared/contracts/alerts.ts';
import type { PageQuery } from '../../../shared/contracts/common.ts';
import type { Phase, PhaseSettings } from '../../../shared/phases.ts';
import { sectors } from '../../../shared/sectors.ts';
import { searchKey } from '../../../shared/text.ts';
import type { DB } from '../../db/schema.ts';
import { activeOrganisations, placeCandidates } from '../../lib/tabular/references.repository.ts';
import { paginate } from '../../lib/pagination.ts';
import { inChunks } from '../../lib/in-chunks.ts';
import { containsPattern } from '../../db/filters.ts';
import { withLocalityNames } from '../../db/locality-names.ts';

/** An alert as stored, before the service adds where it stands in its continuum. */
export type AlertRecord = Omit<Alert, 'continuum'> & { originPcodes: string[]; validatedOn: string | null };

export interface AlertValues {
  shockType: string;
  shockDate: string;
  alertDate: string;
  hostLocalityId: string;
  originPcodes: string[];
  originText: string | null;
  households: number;
  persons: number;
  populationGroup: string;
  sourceOrganisationId: string | null;
  description: string | null;
}

export interface StatusChange {
  status: string;
  rejectionReason?: string;
  verifiedAt?: Date;
  assessedAt?: Date;
  validatedAt?: Date;
  respondedAt?: Date;
  closedAt?: Date;
  rejectedAt?: Date;
}

/** The date part in UTC of a timestamptz column: the day the engine counts with. */
const utcDate = (column: string) => sql<string | null>`(${sql.ref(column)} AT TIME ZONE 'UTC')::date`;

function monthsAfterShock(months: number) {
  return sql<string>`(a.shock_date + make_interval(months => ${months}::int))::date`;
}

/**
 * The phase of each alert at `at`, in SQL so filters and pagination stay in the database.
 * Mirrors `phaseAt` in src/shared/phases.ts; the tests compare the two.
 */
function phaseExpression(at: string, settings: PhaseSettings) {
  return sql<Phase | null>`CASE
    WHEN a.status = 'rejected' OR ${at}::date < a.shock_date THEN NULL
    WHEN ${at}::date >= ${monthsAfterShock(settings.postRrmUntilMonth)} THEN 'resilience'
    WHEN ${at}::date >= ${monthsAfterShock(settings.rrmMonths)} THEN 'post_rrm'
    WHEN a.validated_at IS NULL OR ${utcDate('a.validated_at')} > ${at}::date THEN 'alerte'
    ELSE 'rrm' END`;
}

/** Mirrors `isRrmLate`: in the RRM phase, validated more than the threshold ago, no response started yet. */
function rrmLateExpression(at: string, settings: PhaseSettings) {
  return sql<SqlBool>`COALESCE(${phaseExpression(at, settings)} = 'rrm'
    AND ${at}::date - ${utcDate('a.validated_at')} > ${settings.rrmLateAfterDays}::int
    AND NOT EXISTS (SELECT 1 FROM rrm_responses rr WHERE rr.alert_id = a.id AND rr.start_date <= ${at}::date), false)`;
}

function selectAlerts(db: Kysely<DB>) {
  return db
    .selectFrom('alerts as a')
    .innerJoin('localities as l', 'l.id', 'a.host_locality_id')
    .$call(withLocalityNames)
    .leftJoin('organisations as o', 'o.id', 'a.source_organisation_id')
    .select([
      'a.id',
      'a.code',
      'a.shock_type',
      'a.shock_date',
      'a.alert_date',
      'a.origin_pcodes',
      'a.origin_text',
      'a.households',
      'a.persons',
      'a.population_group',
      'a.description',
      'a.status',
      'a.rejection_reason',
      'a.verified_at',
      'a.assessed_at',
      'a.validated_at',
      'a.responded_at',
      'a.closed_at',
      'a.rejected_at',
      'a.version',
      'a.created_at',
      'a.updated_at',
      'l.id as locality_id',
      'l.name as locality_name',
      'l.pcode as locality_pcode',
      'l.adm1_pcode',
      'l.adm2_pcode',
      'l.adm3_pcode',
      'o.id as source_id',
      'o.acronym as source_acronym',
      'o.name as source_name',
    ])
    .select((eb) => [
      utcDate('a.validated_at').as('validated_on'),
      eb.selectFrom('rrm_responses as rr').select((e) => e.fn.countAll<number>().as('n')).whereRef('rr.alert_id', '=', 'a.id').as('rrm_response_count'),
      eb.selectFrom('rrm_responses as rr').select((e) => e.fn.min('rr.start_date').as('d')).whereRef('rr.alert_id', '=', 'a.id').as('first_rrm_response_on'),
    ]);
}

type AlertQuery = ReturnType<typeof selectAlerts>;
type AlertRow = Awaited<ReturnType<AlertQuery['executeTakeFirstOrThrow']>>;
type AlertQueryBuilder = AlertQuery extends SelectQueryBuilder<infer D, infer T, infer O> ? SelectQueryBuilder<D, T, O> : never;

const iso = (value: Date | null) => (value ? value.toISOString() : null);

function toRecord(row: AlertRow, findings: MsaFinding[], originNames: Map<string, string>): AlertRecord {
  return {
    id: row.id,
    code: row.code,
    shockType: row.shock_type as Alert['shockType'],
    shockDate: row.shock_date,
    alertDate: row.alert_date,
    hostLocality: {
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
    originPcodes: row.origin_pcodes,
    origins: row.origin_pcodes.map((pcode) => ({ pcode, name: originNames.get(pcode) ?? null })),
    originText: row.origin_text,
    households: row.households,
    persons: row.persons,
    populationGroup: row.population_group as Alert['populationGroup'],
    sourceOrganisation: row.source_id ? { id: row.source_id, acronym: row.source_acronym!, name: row.source_name! } : null,
    description: row.description,
    status: row.status as Alert['status'],
    rejectionReason: row.rejection_reason,
    verifiedAt: iso(row.verified_at),
    assessedAt: iso(row.assessed_at),
    validatedAt: iso(row.validated_at),
    validatedOn: row.validated_on,
    respondedAt: iso(row.responded_at),
    closedAt: iso(row.closed_at),
    rejectedAt: iso(row.rejected_at),
    msaFindings: findings,
    rrmResponseCount: Number(row.rrm_response_count ?? 0),
    firstRrmResponseOn: row.first_rrm_response_on ?? null,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function orderBy(query: AlertQueryBuilder, sort: AlertFilters['sort']): AlertQueryBuilder {
  const descending = sort.startsWith('-');
  const key = (descending ? sort.slice(1) : sort) as AlertSort;
  const direction = descending ? 'desc' : 'asc';
  const expressions: Record<AlertSort, Expression<unknown>> = {
    alertDate: sql.ref('a.alert_date'),
    shockDate: sql.ref('a.shock_date'),
    code: sql.ref('a.code'),
    households: sql.ref('a.households'),
    locality: sql.ref('l.name_key'),
    status: sql`array_position(${sql.val([...alertStatuses])}::text[], a.status)`,
  };
  return query.orderBy(expressions[key], direction).orderBy('a.code', direction).orderBy('a.id');
}

/** The next `count` codes of the year, in order, taken in one statement (an import's new alerts). */
async function nextCodes(trx: Kysely<DB>, year: number, count: number): Promise<string[]> {
  const { last_number } = await trx
    .insertInto('alert_code_counters')
    .values({ year, last_number: count })
    .onConflict((oc) => oc.column('year').doUpdateSet((eb) => ({ last_number: eb('alert_code_counters.last_number', '+', count) })))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return Array.from({ length: count }, (_, i) => `ALR-${year}-${String(last_number - count + 1 + i).padStart(4, '0')}`);
}

/** MSA findings as stored rows, for an import's set-based write. */
function findingRows(alertId: string, findings: readonly MsaFinding[]) {
  return findings.map((f) => ({ alert_id: alertId, sector: f.sector, need: f.need, households_in_need: f.householdsInNeed, severity: f.severity, remarks: f.remarks }));
}

export function alertsRepository(db: Kysely<DB>) {
  async function hydrate(trx: Kysely<DB>, rows: AlertRow[]): Promise<AlertRecord[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const pcodes = [...new Set(rows.flatMap((r) => r.origin_pcodes))];
    const [findingRows, areaRows] = await Promise.all([
      inChunks(ids, (part) => trx.selectFrom('alert_msa_findings').selectAll().where('alert_id', 'in', part).execute()),
      inChunks(pcodes, (part) => trx.selectFrom('admin_areas').select(['pcode', 'name']).where('pcode', 'in', part).execute()),
    ]);
    const findings = new Map<string, MsaFinding[]>();
    for (const f of findingRows) {
      const list = findings.get(f.alert_id) ?? [];
      list.push({ sector: f.sector as MsaFinding['sector'], need: f.need, householdsInNeed: f.households_in_need, severity: f.severity, remarks: f.remarks });
      findings.set(f.alert_id, list);
    }
    for (const list of findings.values()) list.sort((a, b) => sectors.indexOf(a.sector) - sectors.indexOf(b.sector));
    const names = new Map(areaRows.map((a) => [a.pcode, a.name]));
    return rows.map((row) => toRecord(row, findings.get(row.id) ?? [], names));
  }

  function filtered(filters: AlertFilters, at: string, settings: PhaseSettings): AlertQueryBuilder {
    let q: AlertQueryBuilder = selectAlerts(db);
    if (filters.region) q = q.where('l.adm1_pcode', '=', filters.region);
    if (filters.cercle) q = q.where('l.adm2_pcode', '=', filters.cercle);
    if (filters.localityId) q = q.where('a.host_locality_id', '=', filters.localityId);
    if (filters.status?.length) q = q.where('a.status', 'in', filters.status);
    if (filters.shockType) q = q.where('a.shock_type', '=', filters.shockType);
    if (filters.from) q = q.where('a.alert_date', '>=', filters.from);
    if (filters.to) q = q.where('a.alert_date', '<=', filters.to);
    if (filters.phase?.length) q = q.where(phaseExpression(at, settings), 'in', filters.phase);
    if (filters.rrmEndsWithinDays !== undefined) {
      const rrmEndsOn = sql<string>`(${monthsAfterShock(settings.rrmMonths)} - 1)`;
      q = q
        .where('a.status', '!=', 'rejected')
        // A shock that has not happened by `at` has no RRM phase to end yet (the dashboard counts alike).
        .where('a.shock_date', '<=', at)
        .where(sql<SqlBool>`${rrmEndsOn} BETWEEN ${at}::date AND ${at}::date + ${filters.rrmEndsWithinDays}::int`);
    }
    if (filters.rrmLate) {
      const late = rrmLateExpression(at, settings);
      q = q.where(filters.rrmLate === 'true' ? late : sql<SqlBool>`NOT ${late}`);
    }
    if (filters.q) {
      const text = containsPattern(filters.q);
      const key = containsPattern(searchKey(filters.q));
      q = q.where((eb) => eb.or([eb('a.code', 'ilike', text), eb('l.name_key', 'like', key), eb('a.origin_text', 'ilike', text)]));
    }
    return q;
  }

  return {
    async list(filters: AlertFilters, page: PageQuery, at: string, settings: PhaseSettings) {
      const result = await paginate(filtered(filters, at, settings), page, (q) => orderBy(q, filters.sort), (row) => row);
      return { ...result, items: await hydrate(db, result.items) };
    },

    /** Households, persons and host localities of every alert matching the filters. */
    async summary(filters: AlertFilters, at: string, settings: PhaseSettings) {
      const row = await filtered(filters, at, settings)
        .clearSelect()
        .select([
          sql<string>`COALESCE(sum(a.households), 0)::text`.as('households'),
          sql<string>`COALESCE(sum(a.persons), 0)::text`.as('persons'),
          sql<string>`count(DISTINCT a.host_locality_id)::text`.as('localities'),
        ])
        .executeTakeFirstOrThrow();
      return { households: Number(row.households), persons: Number(row.persons), localities: Number(row.localities) };
    },

    /** Every alert matching the filters, in list order, in chunks (for exports). */
    async *listAll(filters: AlertFilters, at: string, settings: PhaseSettings, chunk = 500): AsyncGenerator<AlertRecord[]> {
      for (let offset = 0; ; offset += chunk) {
        const rows = await orderBy(filtered(filters, at, settings), filters.sort).limit(chunk).offset(offset).execute();
        if (rows.length) yield await hydrate(db, rows);
        if (rows.length < chunk) return;
      }
    },

    async findById(trx: Kysely<DB>, id: string): Promise<AlertRecord | undefined> {
      const row = await selectAlerts(trx).where('a.id', '=', id).executeTakeFirst();
      return row && (await hydrate(trx, [row]))[0];
    },

    /** Locks the alert row until the transaction ends, so two status changes cannot interleave. */
    async lock(trx: Kysely<DB>, id: string): Promise<boolean> {
      return (await trx.selectFrom('alerts').select('id').where('id', '=', id).forUpdate().executeTakeFirst()) !== undefined;
    },

    /** Alerts by code, whatever case the file writes them in. */
    async findByCodes(trx: Kysely<DB>, codes: readonly string[]): Promise<AlertRecord[]> {
      if (codes.length === 0) return [];
      const rows = await inChunks([...new Set(codes.map((c) => c.toUpperCase()))], (part) =>
        selectAlerts(trx)
          .where((eb) => eb(eb.fn('upper', ['a.code']), 'in', part))
          .execute(),
      );
      return hydrate(trx, rows);
    },



    placeCandidates: (trx: Kysely<DB> = db) => placeCandidates(trx),
    activeOrganisations: (trx: Kysely<DB> = db) => activeOrganisations(trx),

    /** Non-rejected alerts of a locality, for its continuum. */
    async findShocksAtLocality(trx: Kysely<DB>, localityId: string): Promise<AlertRecord[]> {
      const rows = await selectAlerts(trx)
        .where('a.host_locality_id', '=', localityId)
        .where('a.status', '!=', 'rejected')
        .orderBy('a.shock_date')
        .orderBy('a.code')
        .execute();
      return hydrate(trx, rows);
    },

    async findLocality(trx: Kysely<DB>, id: string): Promise<LocalityRef | undefined> {
      const row = await trx
        .selectFrom('localities as l')
        .$call(withLocalityNames)
        .select(['l.id', 'l.name', 'l.pcode', 'l.adm1_pcode', 'l.adm2_pcode', 'l.adm3_pcode',])
        .where('l.id', '=', id)
        .executeTakeFirst();
      return (
        row && {
          id: row.id,
          name: row.name,
          pcode: row.pcode,
          adm1Pcode: row.adm1_pcode,
          adm1Name: row.adm1_name,
          adm2Pcode: row.adm2_pcode,
          adm2Name: row.adm2_name,
          adm3Pcode: row.adm3_pcode,
          adm3Name: row.adm3_name,
        }
      );
    },

    /** The P-codes of the list that are not in the gazetteer. */
    async unknownAdminPcodes(trx: Kysely<DB>, pcodes: string[]): Promise<string[]> {
      const unique = [...new Set(pcodes)];
      if (unique.length === 0) return [];
      const known = new Set((await trx.selectFrom('admin_areas').select('pcode').where('pcode', 'in', unique).execute()).map((r) => r.pcode));
      return unique.filter((p) => !known.has(p));
    },

    /** Next code of the year, e.g. ALR-2026-0042; the counter row stays locked until commit. */
    async nextCode(trx: Kysely<DB>, year: number): Promise<string> {
      return (await nextCodes(trx, year, 1))[0]!;
    },

    nextCodes,

    /**
     * An alert's stored columns, what an import stages for its set-based write: the values, and
     * the status columns after `change` over the alert's current ones (a new alert: reported).
     */
    columnsOf(values: AlertValues, change: StatusChange | null, current: AlertRecord | null) {
      const base = current
        ? {
            status: current.status,
            rejection_reason: current.rejectionReason,
            verified_at: current.verifiedAt,
            assessed_at: current.assessedAt,
            validated_at: current.validatedAt,
            responded_at: current.respondedAt,
            closed_at: current.closedAt,
            rejected_at: current.rejectedAt,
          }
        : { status: 'reported' };
      const changed = Object.entries(change ? statusColumns(change) : {}).filter(([, value]) => value !== undefined);
      return { ...toColumns(values), ...base, ...Object.fromEntries(changed) };
    },

    findingRows,

    async insert(trx: Kysely<DB>, code: string, values: AlertValues, status: StatusChange | undefined, createdBy: string | null): Promise<string> {
      const { id } = await trx
        .insertInto('alerts')
        .values({ code, ...toColumns(values), ...(status ? statusColumns(status) : {}), created_by: createdBy })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },

    async updateIfVersion(trx: Kysely<DB>, id: string, version: number, values: Partial<AlertValues>, status?: StatusChange): Promise<boolean> {
      const result = await trx
        .updateTable('alerts')
        .set((eb) => ({ ...toColumns(values), ...(status ? statusColumns(status) : {}), updated_at: new Date(), version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /**
     * True when an import staged (`importId`) an alert moving to "responded" that has no RRM
     * response any more: its row was checked with one, and deleting a response does not change
     * the alert's version, so the apply's version check alone would not see it.
     */
    async stagedRespondedWithoutResponse(trx: Kysely<DB>, importId: string): Promise<boolean> {
      const { rows } = await sql<{ found: boolean }>`
        SELECT EXISTS (
          SELECT 1 FROM import_staging s
          CROSS JOIN LATERAL jsonb_to_recordset(s.items) AS i(id uuid, status text)
          JOIN alerts a ON a.id = i.id
          WHERE s.import_id = ${importId} AND s.kind = 'update' AND i.status = 'responded' AND a.status <> 'responded'
            AND NOT EXISTS (SELECT 1 FROM rrm_responses rr WHERE rr.alert_id = i.id)) AS found`.execute(trx);
      return rows[0]?.found ?? false;
    },

    async replaceFindings(trx: Kysely<DB>, alertId: string, findings: MsaFinding[]): Promise<void> {
      await trx.deleteFrom('alert_msa_findings').where('alert_id', '=', alertId).execute();
      if (findings.length === 0) return;
      await trx.insertInto('alert_msa_findings').values(findingRows(alertId, findings)).execute();
    },
  };
}
export type AlertsRepository = ReturnType<typeof alertsRepository>;

function toColumns<V extends Partial<AlertValues>>(values: V) {
  return {
    shock_type: values.shockType as V['shockType'],
    shock_date: values.shockDate as V['shockDate'],
    alert_date: values.alertDate as V['alertDate'],
    host_locality_id: values.hostLocalityId as V['hostLocalityId'],
    origin_pcodes: values.originPcodes as V['originPcodes'],
    origin_text: values.originText as V['originText'],
    households: values.households as V['households'],
    persons: values.persons as V['persons'],
    population_group: values.populationGroup as V['populationGroup'],
    source_organisation_id: values.sourceOrganisationId as V['sourceOrganisationId'],
    description: values.description as V['description'],
  };
}

function statusColumns(change: StatusChange) {
  return {
    status: change.status,
    rejection_reason: change.rejectionReason,
    verified_at: change.verifiedAt,
    assessed_at: change.assessedAt,
    validated_at: change.validatedAt,
    responded_at: change.respondedAt,
    closed_at: change.closedAt,
    rejected_at: change.rejectedAt,
  };
}
