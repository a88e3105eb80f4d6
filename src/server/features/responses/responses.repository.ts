import { createHash } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { PageQuery } from '../../../shared/contracts/common.ts';
import type { Response, ResponseFilters, ResponseSort } from '../../../shared/contracts/responses.ts';
import { inChunks } from '../../lib/in-chunks.ts';
import { withAreaNamesOf } from '../../db/locality-names.ts';
import type { DB, ResponsesTable } from '../../db/schema.ts';
import { paginate } from '../../lib/pagination.ts';
import { activeOrganisations, placeCandidates } from '../../lib/tabular/references.repository.ts';
import type { BatchRange } from '../../lib/tabular/staging.ts';
import { countStaleStaged } from '../../lib/tabular/staging.repository.ts';
import { responseFilterCondition } from './response-filters.repository.ts';

/** A 5W record as stored: what the service writes, the import compares and the audit keeps. */
export interface ResponseValues {
  period: string;
  organisationId: string;
  implementingPartner: string | null;
  donor: string | null;
  sector: string;
  activity: string;
  package: string | null;
  /** The harmonised package version delivered, and what was given when less (see packages). */
  packageId: string | null;
  deliveredValueXof: number | null;
  deliveredDurationMonths: number | null;
  missingComponents: string[];
  localityId: string;
  adm1Pcode: string | null;
  adm2Pcode: string | null;
  adm3Pcode: string | null;
  status: string;
  startDate: string;
  endDate: string | null;
  populationGroup: string;
  householdsTargeted: number | null;
  householdsReached: number | null;
  personsTargeted: number | null;
  personsReached: number | null;
  girlsReached: number | null;
  boysReached: number | null;
  womenReached: number | null;
  menReached: number | null;
  olderWomenReached: number | null;
  olderMenReached: number | null;
  modality: string | null;
  budget: number | null;
  currency: string;
  comments: string | null;
  /** Sorted, so two records compare equal whatever order the alerts were given in. */
  alertIds: string[];
}

export type StoredResponse = ResponseValues & { id: string; version: number };

/** The record without its warnings, which the service computes. */
export type ResponseRecord = Omit<Response, 'warnings'>;

const monthOf = (date: string) => date.slice(0, 7);

function toColumns(v: ResponseValues) {
  return {
    period: `${v.period}-01`,
    organisation_id: v.organisationId,
    implementing_partner: v.implementingPartner,
    donor: v.donor,
    sector: v.sector,
    activity: v.activity,
    package: v.package,
    package_id: v.packageId,
    delivered_value_xof: v.deliveredValueXof,
    delivered_duration_months: v.deliveredDurationMonths,
    missing_components: v.missingComponents,
    locality_id: v.localityId,
    adm1_pcode: v.adm1Pcode,
    adm2_pcode: v.adm2Pcode,
    adm3_pcode: v.adm3Pcode,
    status: v.status,
    start_date: v.startDate,
    end_date: v.endDate,
    population_group: v.populationGroup,
    households_targeted: v.householdsTargeted,
    households_reached: v.householdsReached,
    persons_targeted: v.personsTargeted,
    persons_reached: v.personsReached,
    girls_reached: v.girlsReached,
    boys_reached: v.boysReached,
    women_reached: v.womenReached,
    men_reached: v.menReached,
    older_women_reached: v.olderWomenReached,
    older_men_reached: v.olderMenReached,
    modality: v.modality,
    budget: v.budget,
    currency: v.currency,
    comments: v.comments,
  };
}

/**
 * The columns an import writes, from the staged record's `values` (a `ResponseValues` as JSON):
 * column, key in `values`, SQL type. `period` is a month ('YYYY-MM') stored as its first day.
 */
const importedColumns: readonly (readonly [column: string, key: keyof ResponseValues, type: string])[] = [
  ['period', 'period', 'text'],
  ['organisation_id', 'organisationId', 'uuid'],
  ['implementing_partner', 'implementingPartner', 'text'],
  ['donor', 'donor', 'text'],
  ['sector', 'sector', 'text'],
  ['activity', 'activity', 'text'],
  ['package', 'package', 'text'],
  ['package_id', 'packageId', 'uuid'],
  ['delivered_value_xof', 'deliveredValueXof', 'integer'],
  ['delivered_duration_months', 'deliveredDurationMonths', 'integer'],
  ['missing_components', 'missingComponents', 'text[]'],
  ['locality_id', 'localityId', 'uuid'],
  ['adm1_pcode', 'adm1Pcode', 'text'],
  ['adm2_pcode', 'adm2Pcode', 'text'],
  ['adm3_pcode', 'adm3Pcode', 'text'],
  ['status', 'status', 'text'],
  ['start_date', 'startDate', 'date'],
  ['end_date', 'endDate', 'date'],
  ['population_group', 'populationGroup', 'text'],
  ['households_targeted', 'householdsTargeted', 'integer'],
  ['households_reached', 'householdsReached', 'integer'],
  ['persons_targeted', 'personsTargeted', 'integer'],
  ['persons_reached', 'personsReached', 'integer'],
  ['girls_reached', 'girlsReached', 'integer'],
  ['boys_reached', 'boysReached', 'integer'],
  ['women_reached', 'womenReached', 'integer'],
  ['men_reached', 'menReached', 'integer'],
  ['older_women_reached', 'olderWomenReached', 'integer'],
  ['older_men_reached', 'olderMenReached', 'integer'],
  ['modality', 'modality', 'text'],
  ['budget', 'budget', 'numeric'],
  ['currency', 'currency', 'text'],
  ['comments', 'comments', 'text'],
];
// Constant identifiers only (never input): the staged JSON typed as a record, and its columns.
const stagedRecordType = sql.raw(importedColumns.map(([, key, type]) => `"${key}" ${type}`).join(', '));
const stagedColumnValues = sql.raw(importedColumns.map(([column, key]) => (column === 'period' ? `(v."period" || '-01')::date` : `v."${key}"`)).join(', '));
const importedColumnNames = sql.raw(importedColumns.map(([column]) => column).join(', '));
const stagedAssignments = sql.raw(importedColumns.map(([column, key]) => `${column} = ${column === 'period' ? `(v."period" || '-01')::date` : `v."${key}"`}`).join(', '));

/**
 * The key rows without an id are matched by (the activity aside): records of one organisation,
 * month, sector, locality and population group. Their fingerprint (each record's id and version)
 * is taken when a row is prepared and again when the import is applied; any difference means a
 * record the row's plan depended on was created, changed or deleted in between.
 */
export function matchFingerprint(records: readonly { id: string; version: number }[]): string | null {
  if (records.length === 0) return null;
  const list = records
    .map((r) => `${r.id}:${r.version}`)
    .sort()
    .join(',');
  return createHash('md5').update(list).digest('hex');
}

/** What a staged 5W record (or its importer) names, and the table it must be found in. */
const referencedTables = [
  ['organisation', 'organisations'],
  ['locality', 'localities'],
  ['package', 'packages'],
  ['alert', 'alerts'],
  ['user', 'users'],
  ['token', 'api_tokens'],
] as const;

/** What a 5W import writes: new records, changed records. */
type StagedWrite = 'create' | 'update';
const stagedWrites: readonly StagedWrite[] = ['create', 'update'];

/** Who writes an import's records, for their columns and audit rows. */
export interface ImportActor {
  userId: string;
  requestId: string;
  apiTokenId: string | null;
}

function toValues(row: Selectable<ResponsesTable>, alertIds: string[]): StoredResponse {
  return {
    id: row.id,
    version: row.version,
    period: monthOf(row.period),
    organisationId: row.organisation_id,
    implementingPartner: row.implementing_partner,
    donor: row.donor,
    sector: row.sector,
    activity: row.activity,
    package: row.package,
    packageId: row.package_id,
    deliveredValueXof: row.delivered_value_xof,
    deliveredDurationMonths: row.delivered_duration_months,
    missingComponents: row.missing_components,
    localityId: row.locality_id,
    adm1Pcode: row.adm1_pcode,
    adm2Pcode: row.adm2_pcode,
    adm3Pcode: row.adm3_pcode,
    status: row.status,
    startDate: row.start_date,
    endDate: row.end_date,
    populationGroup: row.population_group,
    householdsTargeted: row.households_targeted,
    householdsReached: row.households_reached,
    personsTargeted: row.persons_targeted,
    personsReached: row.persons_reached,
    girlsReached: row.girls_reached,
    boysReached: row.boys_reached,
    womenReached: row.women_reached,
    menReached: row.men_reached,
    olderWomenReached: row.older_women_reached,
    olderMenReached: row.older_men_reached,
    modality: row.modality,
    budget: row.budget === null ? null : Number(row.budget),
    currency: row.currency,
    comments: row.comments,
    alertIds: [...alertIds].sort(),
  };
}

function selectResponses(db: Kysely<DB>) {
  return db
    .selectFrom('responses as r')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .innerJoin('localities as l', 'l.id', 'r.locality_id')
    .leftJoin('packages as pk', 'pk.id', 'r.package_id')
    .selectAll('r')
    .select([
      'pk.name as package_name',
      'pk.revision as package_revision',
      'o.acronym as organisation_acronym',
      'o.name as organisation_name',
      'l.name as locality_name',
      'l.pcode as locality_pcode',
    ])
    // A response keeps the areas it was reported in, which may be coarser than its locality's.
    .$call(withAreaNamesOf('r'))
    .select((eb) =>
      jsonArrayFrom(
        eb
          .selectFrom('response_alerts as ra')
          .innerJoin('alerts as al', 'al.id', 'ra.alert_id')
          .select(['al.id', 'al.code'])
          .whereRef('ra.response_id', '=', 'r.id')
          .orderBy('al.code'),
      ).as('alerts'),
    );
}
type SelectedRow = Awaited<ReturnType<ReturnType<typeof selectResponses>['executeTakeFirstOrThrow']>>;

function toRecord(row: SelectedRow): ResponseRecord {
  return {
    id: row.id,
    period: monthOf(row.period),
    organisation: { id: row.organisation_id, acronym: row.organisation_acronym, name: row.organisation_name },
    implementingPartner: row.implementing_partner,
    donor: row.donor,
    sector: row.sector as Response['sector'],
    activity: row.activity,
    package: row.package,
    packageRef: row.package_id && row.package_name ? { id: row.package_id, name: row.package_name, revision: row.package_revision! } : null,
    deliveredValueXof: row.delivered_value_xof,
    deliveredDurationMonths: row.delivered_duration_months,
    missingComponents: row.missing_components,
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
    status: row.status as Response['status'],
    startDate: row.start_date,
    endDate: row.end_date,
    populationGroup: row.population_group as Response['populationGroup'],
    householdsTargeted: row.households_targeted,
    householdsReached: row.households_reached,
    personsTargeted: row.persons_targeted,
    personsReached: row.persons_reached,
    reachedBySexAge: {
      girls: row.girls_reached,
      boys: row.boys_reached,
      women: row.women_reached,
      men: row.men_reached,
      olderWomen: row.older_women_reached,
      olderMen: row.older_men_reached,
    },
    modality: row.modality as Response['modality'],
    budget: row.budget === null ? null : Number(row.budget),
    currency: row.currency as Response['currency'],
    comments: row.comments,
    alerts: row.alerts,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const sortColumns: Record<ResponseSort, string> = {
  period: 'r.period',
  organisation: 'o.acronym',
  sector: 'r.sector',
  locality: 'l.name_key',
  status: 'r.status',
  startDate: 'r.start_date',
  householdsReached: 'r.households_reached',
  updatedAt: 'r.updated_at',
};

async function findStoredMany(trx: Kysely<DB>, ids: readonly string[]): Promise<StoredResponse[]> {
  if (ids.length === 0) return [];
  const rows = await inChunks(ids, (part) => trx.selectFrom('responses').selectAll().where('id', 'in', part).execute());
  return attachAlerts(trx, rows);
}

/** One multi-row statement per call; ids (made here, so they match `values` by position) are returned in order. */
async function insertMany(trx: Kysely<DB>, values: readonly ResponseValues[], userId: string | null): Promise<string[]> {
  if (values.length === 0) return [];
  const ids = values.map(() => crypto.randomUUID());
  await trx
    .insertInto('responses')
    .values(values.map((v, i) => ({ id: ids[i], ...toColumns(v), created_by: userId, updated_by: userId })))
    .execute();
  await insertAlertLinks(trx, values.flatMap((v, i) => v.alertIds.map((alertId) => ({ response_id: ids[i]!, alert_id: alertId }))));
  return ids;
}

export function responsesRepository(db: Kysely<DB>) {
  return {
    list(query: ResponseFilters & PageQuery & { sort: string }) {
      const q = selectResponses(db).where(responseFilterCondition(query));
      const descending = query.sort.startsWith('-');
      const column = sortColumns[query.sort.replace(/^-/, '') as ResponseSort];
      return paginate(
        q,
        query,
        (p) =>
          p
            .orderBy(sql.ref(column), (ob) => (descending ? ob.desc().nullsLast() : ob.asc().nullsFirst()))
            .orderBy('o.acronym')
            .orderBy('l.name_key')
            .orderBy('r.sector')
            .orderBy('r.id'),
        toRecord,
      );
    },

    /** Records of a filtered view in a stable order, a page at a time, for exports of any size. */
    async *stream(filters: ResponseFilters, pageSize = 2000): AsyncGenerator<ResponseRecord[]> {
      let after: { period: string; id: string } | null = null;
      for (;;) {
        let q = selectResponses(db).where(responseFilterCondition(filters));
        if (after) {
          const { period, id } = after;
          q = q.where(sql<boolean>`(r.period, r.id) > (${period}::date, ${id}::uuid)`);
        }
        const rows = await q.orderBy('r.period').orderBy('r.id').limit(pageSize).execute();
        if (rows.length === 0) return;
        yield rows.map(toRecord);
        const last = rows.at(-1)!;
        after = { period: last.period, id: last.id };
        if (rows.length < pageSize) return;
      }
    },

    async findRecord(trx: Kysely<DB>, id: string): Promise<ResponseRecord | undefined> {
      const row = await selectResponses(trx).where('r.id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },

    async findStored(trx: Kysely<DB>, id: string): Promise<StoredResponse | undefined> {
      return (await findStoredMany(trx, [id]))[0];
    },

    findStoredMany,

    /** An organisation's records of some months: what an import matches its rows without ids against. */
    async findStoredByOrganisationPeriods(trx: Kysely<DB>, pairs: readonly { organisationId: string; period: string }[]): Promise<StoredResponse[]> {
      if (pairs.length === 0) return [];
      const rows = await trx
        .selectFrom('responses')
        .selectAll()
        .where((eb) => eb.or(pairs.map((p) => eb.and([eb('organisation_id', '=', p.organisationId), eb('period', '=', `${p.period}-01`)]))))
        .execute();
      return attachAlerts(trx, rows);
    },

    async insert(trx: Kysely<DB>, values: ResponseValues, userId: string): Promise<string> {
      return (await insertMany(trx, [values], userId))[0]!;
    },

    insertMany,

    /** False when the version is stale. */
    async updateIfVersion(trx: Kysely<DB>, id: string, version: number, values: ResponseValues, userId: string): Promise<boolean> {
      const result = await trx
        .updateTable('responses')
        .set((eb) => ({ ...toColumns(values), updated_by: userId, updated_at: new Date(), version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      if (result.numUpdatedRows === 0n) return false;
      await replaceAlertLinks(trx, [{ id, alertIds: values.alertIds }]);
      return true;
    },

    /**
     * True when a record the rows of the staged batches `range` update (or leave unchanged) is
     * gone or no longer at the version they were planned against: the import must then be
     * refused whole. Staged kinds: `create` ({ id, values, matched, fp }), `update` ({ id,
     * version, before, values, matched, fp }) and `unchanged` ({ id, version, values, matched, fp }).
     */
    async stagedRecordsChanged(trx: Kysely<DB>, importId: string, range: BatchRange): Promise<boolean> {
      return (await countStaleStaged(trx, importId, ['update', 'unchanged'], 'responses', range)) > 0;
    },

    /**
     * True when the records stored under a key rows were matched by (organisation, month, sector,
     * place, population group) are no longer those the rows were planned against (`fp`, see
     * `matchFingerprint`): a record added, changed or deleted under it since. Called in the
     * import's transaction, after some of its ranges may have been written (on PostgreSQL they
     * are written while the file is read), it sees each key's records as they were before the
     * transaction's own writes: the records it created left out (marked with its id, written in
     * this transaction or hidden before it), those it updated at the version they had (an update
     * raises it by one); other imports' hidden records are not there yet.
     */
    async stagedKeysMoved(trx: Kysely<DB>, importId: string): Promise<boolean> {
      const { rows } = await sql<{ n: number }>`
        WITH k AS (
          SELECT DISTINCT v."organisationId" AS organisation_id, (v."period" || '-01')::date AS period, v."sector" AS sector,
            v."localityId" AS locality_id, v."populationGroup" AS population_group, i.fp
          FROM import_staging s
          CROSS JOIN LATERAL jsonb_to_recordset(s.items) AS i(matched boolean, fp text, "values" jsonb)
          CROSS JOIN LATERAL jsonb_to_record(i."values") AS v("period" text, "organisationId" uuid, "sector" text, "localityId" uuid, "populationGroup" text)
          WHERE s.import_id = ${importId} AND i.matched
        ), stored AS (
          SELECT r.organisation_id, r.period, r.sector, r.locality_id, r.population_group, r.id,
            r.version - CASE WHEN r.xmin = pg_current_xact_id()::xid THEN 1 ELSE 0 END AS version
          FROM response_records r
          WHERE (r.organisation_id, r.period) IN (SELECT DISTINCT organisation_id, period FROM k)
            AND r.import_id IS DISTINCT FROM ${importId}::uuid
            AND (r.import_id IS NULL OR r.import_id NOT IN (SELECT id FROM pending_imports))
        ), current AS (
          SELECT organisation_id, period, sector, locality_id, population_group,
            md5(string_agg(id::text || ':' || version::text, ',' ORDER BY id)) AS fp
          FROM stored
          GROUP BY 1, 2, 3, 4, 5
        )
        SELECT count(*)::int AS n FROM k
        LEFT JOIN current c USING (organisation_id, period, sector, locality_id, population_group)
        WHERE k.fp IS DISTINCT FROM c.fp`.execute(trx);
      return (rows[0]?.n ?? 0) > 0;
    },

    /**
     * After a large import. Matching reads records by key through an index, but only if the
     * planner knows the table grew: with the statistics of before a 50,000-row import, uploading
     * the same file again scanned the whole table for every batch (18 s of lookups instead of
     * 2.5 s), and PGlite runs no autovacuum to refresh them.
     */
    async refreshStatistics(db: Kysely<DB>): Promise<void> {
      await sql`ANALYZE response_records`.execute(db);
    },

    /**
     * True when a record of the staged batches `range` names an organisation, place, package or
     * alert that is gone, or the importing user or token is: what the foreign keys would refuse
     * row by row, checked set-based so that the range may be written without those row-by-row
     * checks. Each row named is locked as those checks lock it (FOR KEY SHARE), so it cannot be
     * deleted before the import commits.
     */
    async stagedReferencesGone(trx: Kysely<DB>, importId: string, actor: ImportActor, range: BatchRange, kinds: readonly StagedWrite[] = stagedWrites): Promise<boolean> {
      const { rows } = await sql<{ gone: boolean }>`
        WITH item AS (
          SELECT v."organisationId" AS organisation_id, v."localityId" AS locality_id, v."packageId" AS package_id, i."values" -> 'alertIds' AS alert_ids
          FROM import_staging s
          CROSS JOIN LATERAL jsonb_to_recordset(s.items) AS i("values" jsonb)
          CROSS JOIN LATERAL jsonb_to_record(i."values") AS v("organisationId" uuid, "localityId" uuid, "packageId" uuid)
          WHERE s.import_id = ${importId} AND s.batch BETWEEN ${range.first} AND ${range.last} AND s.kind IN (${sql.join(kinds)})
        ), named AS (
          SELECT 'organisation' AS kind, organisation_id AS id FROM item
          UNION SELECT 'locality', locality_id FROM item
          UNION SELECT 'package', package_id FROM item WHERE package_id IS NOT NULL
          UNION SELECT 'alert', a.alert_id::uuid FROM item CROSS JOIN LATERAL jsonb_array_elements_text(item.alert_ids) AS a(alert_id)
          UNION SELECT 'user', ${actor.userId}::uuid
          UNION SELECT 'token', ${actor.apiTokenId}::uuid WHERE ${actor.apiTokenId}::uuid IS NOT NULL
        )${sql.join(
          referencedTables.map(([kind, table]) => sql`, ${sql.id(`found_${table}`)} AS (SELECT id FROM ${sql.table(table)} WHERE id IN (SELECT id FROM named WHERE kind = ${kind}) FOR KEY SHARE)`),
          sql``,
        )}
        SELECT (SELECT count(*) FROM named) <> ${sql.join(
          referencedTables.map(([, table]) => sql`(SELECT count(*) FROM ${sql.id(`found_${table}`)})`),
          sql` + `,
        )} AS gone`.execute(trx);
      return rows[0]?.gone ?? true;
    },

    /**
     * Applies the staged batches `range.first`..`range.last` of an import (call
     * `stagedRecordsChanged` and `stagedReferencesGone` first in the same transaction), the
     * records of the staged `kinds` (creates, updates, or both): the records, their alert links
     * and their audit rows, all marked with the import's id; called range after range, in order,
     * it writes the audit in staging order. Creates may be written hidden while the import is
     * pending (src/server/lib/tabular/staging.ts `writeHidden`), hence into the table.
     */
    async applyStagedImport(trx: Kysely<DB>, importId: string, actor: ImportActor, range: BatchRange, kinds: readonly StagedWrite[] = stagedWrites): Promise<void> {
      const inRange = sql`s.import_id = ${importId} AND s.batch BETWEEN ${range.first} AND ${range.last}`;
      const staged = (kind: string) => sql`
        import_staging s
        CROSS JOIN LATERAL jsonb_to_recordset(s.items) AS i(id uuid, before jsonb, "values" jsonb)
        CROSS JOIN LATERAL jsonb_to_record(i."values") AS v(${stagedRecordType})
        WHERE ${inRange} AND s.kind = ${kind}`;
      if (kinds.includes('create')) {
        await sql`
          INSERT INTO response_records (id, ${importedColumnNames}, created_by, updated_by, import_id)
          SELECT i.id, ${stagedColumnValues}, ${actor.userId}::uuid, ${actor.userId}::uuid, ${importId}::uuid FROM ${staged('create')}`.execute(trx);
      }
      if (kinds.includes('update')) {
        await sql`
          UPDATE responses r SET ${stagedAssignments}, updated_by = ${actor.userId}::uuid, updated_at = now(), version = r.version + 1
          FROM ${staged('update')} AND r.id = i.id`.execute(trx);
        await sql`
          DELETE FROM response_alerts ra USING import_staging s CROSS JOIN LATERAL jsonb_to_recordset(s.items) AS i(id uuid)
          WHERE ${inRange} AND s.kind = 'update' AND ra.response_id = i.id`.execute(trx);
      }
      await sql`
        INSERT INTO response_alerts (response_id, alert_id)
        SELECT i.id, a.alert_id::uuid FROM import_staging s
        CROSS JOIN LATERAL jsonb_to_recordset(s.items) AS i(id uuid, "values" jsonb)
        CROSS JOIN LATERAL jsonb_array_elements_text(i."values" -> 'alertIds') AS a(alert_id)
        WHERE ${inRange} AND s.kind IN (${sql.join(kinds)})
        ON CONFLICT DO NOTHING`.execute(trx);
      // The audit keeps each record as the service writes it: { id, ...values }, and before an update the stored record.
      await sql`
        INSERT INTO audit_events (actor_id, action, entity, entity_id, before, after, request_id, api_token_id, import_id)
        SELECT ${actor.userId}::uuid, s.kind, 'response', i.id::text, i.before, jsonb_build_object('id', i.id) || i."values", ${actor.requestId}, ${actor.apiTokenId}::uuid, ${importId}::uuid
        FROM import_staging s
        CROSS JOIN LATERAL jsonb_to_recordset(s.items) AS i(id uuid, before jsonb, "values" jsonb)
        WHERE ${inRange} AND s.kind IN (${sql.join(kinds)})
        ORDER BY s.batch`.execute(trx);
    },

    /** Once an import's hidden records are shown: the changes their triggers did not log, and the data version they did not raise. */
    async logImportChanges(trx: Kysely<DB>, importId: string): Promise<void> {
      await sql`SELECT log_import_changes(${importId}::uuid)`.execute(trx);
    },

    async delete(trx: Kysely<DB>, id: string, version: number): Promise<boolean> {
      const result = await trx.deleteFrom('responses').where('id', '=', id).where('version', '=', version).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    /**
     * Existing records with the same organisation, month, sector, locality and population group
     * as these rows: an import matches its rows without an id against them (the activity is
     * compared by the caller, accents and case ignored).
     */
    async findStoredByNaturalKeys(
      trx: Kysely<DB>,
      keys: readonly { organisationId: string; period: string; sector: string; localityId: string; populationGroup: string }[],
    ): Promise<StoredResponse[]> {
      if (keys.length === 0) return [];
      const unique = [...new Map(keys.map((k) => [`${k.organisationId}|${k.period}|${k.sector}|${k.localityId}|${k.populationGroup}`, k])).values()];
      const rows = await inChunks(
        unique,
        async (part) =>
          (
            // The view's rule (an import's records are not there while it is pending) applied after
            // the join, not through the view: its filter made the planner count half of the imported
            // records as pending and scan them all (76 ms a batch at 50,000 records instead of 4).
            await sql<Selectable<ResponsesTable>>`
        WITH matched AS MATERIALIZED (
          SELECT r.* FROM response_records r
          JOIN (VALUES ${sql.join(part.map((k) => sql`(${k.organisationId}::uuid, ${`${k.period}-01`}::date, ${k.sector}, ${k.localityId}::uuid, ${k.populationGroup})`))})
            AS k(organisation_id, period, sector, locality_id, population_group)
          ON r.organisation_id = k.organisation_id AND r.period = k.period AND r.sector = k.sector
            AND r.locality_id = k.locality_id AND r.population_group = k.population_group
        )
        SELECT * FROM matched WHERE import_id IS NULL OR import_id NOT IN (SELECT id FROM pending_imports)`.execute(trx)
          ).rows,
        5,
      );
      return attachAlerts(trx, rows);
    },


    /** Names for a template's drop-down: the places an organisation reported in, or every place (`null`). */
    async localityNamesOf(trx: Kysely<DB>, organisationId: string | null): Promise<string[]> {
      let q = trx.selectFrom('localities as l').select('l.name').distinct();
      if (organisationId) {
        q = q.where((eb) => eb.exists(eb.selectFrom('responses as r').select('r.id').whereRef('r.locality_id', '=', 'l.id').where('r.organisation_id', '=', organisationId)));
      }
      const rows = await q.orderBy('l.name').limit(10_000).execute();
      return rows.map((r) => r.name);
    },


    placeCandidates,
    activeOrganisations,

    /** The alerts among these ids that exist, by id, with their code. */
    async alertsByIds(trx: Kysely<DB>, ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await inChunks(ids, (part) => trx.selectFrom('alerts').select(['id', 'code']).where('id', 'in', part).execute());
      return new Map(rows.map((r) => [r.id, r.code]));
    },

    /** Alert codes (as files write them) → id. */
    async alertsByCodes(trx: Kysely<DB>, codes: readonly string[]): Promise<Map<string, string>> {
      if (codes.length === 0) return new Map();
      const rows = await inChunks([...new Set(codes.map((c) => c.toUpperCase()))], (part) =>
        trx
          .selectFrom('alerts')
          .select(['id', 'code'])
          .where((eb) => eb(eb.fn('upper', ['code']), 'in', part))
          .execute(),
      );
      return new Map(rows.map((r) => [r.code.toUpperCase(), r.id]));
    },
  };
}
export type ResponsesRepository = ReturnType<typeof responsesRepository>;

async function attachAlerts(trx: Kysely<DB>, rows: Selectable<ResponsesTable>[]): Promise<StoredResponse[]> {
  if (rows.length === 0) return [];
  const links = await inChunks(
    rows.map((r) => r.id),
    (part) => trx.selectFrom('response_alerts').select(['response_id', 'alert_id']).where('response_id', 'in', part).execute(),
  );
  const byResponse = new Map<string, string[]>();
  for (const link of links) byResponse.set(link.response_id, [...(byResponse.get(link.response_id) ?? []), link.alert_id]);
  return rows.map((row) => toValues(row, byResponse.get(row.id) ?? []));
}

async function insertAlertLinks(trx: Kysely<DB>, links: { response_id: string; alert_id: string }[]): Promise<void> {
  for (let i = 0; i < links.length; i += 1000) {
    await trx.insertInto('response_alerts').values(links.slice(i, i + 1000)).onConflict((oc) => oc.doNothing()).execute();
  }
}

async function replaceAlertLinks(trx: Kysely<DB>, records: { id: string; alertIds: string[] }[]): Promise<void> {
  if (records.length === 0) return;
  await inChunks(
    records.map((r) => r.id),
    async (part) => {
      await trx.deleteFrom('response_alerts').where('response_id', 'in', part).execute();
      return [];
    },
  );
  await insertAlertLinks(trx, records.flatMap((r) => r.alertIds.map((alertId) => ({ response_id: r.id, alert_id: alertId }))));
}
