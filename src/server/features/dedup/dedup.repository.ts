import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Page, PageQuery } from '../../../shared/contracts/common.ts';
import type { DedupStage, HouseholdCountQuery, OverlapQuery, PairStatus } from '../../../shared/contracts/dedup.ts';
import { periodEnd, periodStart } from '../../../shared/contracts/periods.ts';
import type { DB } from '../../db/schema.ts';
import { type HouseholdCipher, toCipher } from '../lists/lists.module.ts';
import type { RecordPlace } from './dedup.records.ts';

/**
 * SQL of deduplication: runs, pairs, decisions, cluster ids on list records, and the counts the
 * coordination reads. Records come back as ciphertext (the service decrypts, after its check).
 *
 * A household is told by `householdOf`: its cluster once a run has grouped it; a record added
 * since then by the cluster of a record with the same household key (the same NINA, or name and
 * phone); else by its key; else it is a household of its own.
 */
function householdOf(alias: string): RawBuilder<string> {
  const h = sql.ref(alias);
  return sql<string>`coalesce(${h}.cluster_id::text,
    (SELECT k.cluster_id::text FROM list_households k WHERE k.household_key = ${h}.household_key AND k.cluster_id IS NOT NULL LIMIT 1),
    ${h}.household_key, ${h}.id::text)`;
}

export interface RunRow {
  id: string;
  status: 'running' | 'completed' | 'failed';
  stage: DedupStage;
  processed: number;
  total: number;
  started_by_name: string | null;
  started_at: Date;
  finished_at: Date | null;
  lists: number;
  records: number;
  households: number | null;
  candidate_pairs: number | null;
  match_pairs: number | null;
  review_pairs: number | null;
  decisions_applied: number | null;
  clusters_kept: number | null;
  error: string | null;
}

export interface RunFigures {
  households: number;
  candidatePairs: number;
  matchPairs: number;
  reviewPairs: number;
  decisionsApplied: number;
  clustersKept: number;
}

/** A record read for a run: its ciphertext, its list's wrapped key, its place and its cluster before the run. */
export interface RunRecord extends HouseholdCipher {
  wrappedKey: Buffer;
  clusterId: string | null;
  place: RecordPlace;
}

/** A record read for the custodian or the owner: its ciphertext with its list. */
export interface ListedRecord extends HouseholdCipher {
  wrappedKey: Buffer;
  clusterId: string | null;
  list: { id: string; code: string; title: string; organisation: { id: string; acronym: string; name: string } };
}

export interface NewPair {
  recordA: string;
  recordB: string;
  kind: 'match' | 'review';
  probability: number;
  contributions: string;
}

export interface StoredPair {
  id: string;
  record_a: string;
  record_b: string;
  kind: 'match' | 'review';
  probability: number;
  contributions: unknown;
  status: PairStatus;
  decided_by_name: string | null;
  decided_at: Date | null;
}

const batchSize = 1000;

function runQuery(db: Kysely<DB>) {
  return db
    .selectFrom('dedup_runs as r')
    .leftJoin('users as u', 'u.id', 'r.started_by')
    .select([
      'r.id',
      'r.status',
      'r.stage',
      'r.processed',
      'r.total',
      'u.name as started_by_name',
      'r.started_at',
      'r.finished_at',
      'r.lists',
      'r.records',
      'r.households',
      'r.candidate_pairs',
      'r.match_pairs',
      'r.review_pairs',
      'r.decisions_applied',
      'r.clusters_kept',
      'r.error',
    ]);
}

/** Filters of the counts, on `h` (records), `l` (lists) and `loc` (localities). */
function countFilters(query: Pick<HouseholdCountQuery, 'region' | 'localityId' | 'sector'> & { fromDate?: string; toDate?: string }): RawBuilder<unknown> {
  const parts = [sql`l.status <> 'purged'`];
  if (query.region) parts.push(sql`loc.adm1_pcode = ${query.region}`);
  if (query.localityId) parts.push(sql`h.locality_id = ${query.localityId}`);
  if (query.sector) parts.push(sql`h.sector = ${query.sector}`);
  if (query.fromDate) parts.push(sql`h.assistance_date >= ${query.fromDate}`);
  if (query.toDate) parts.push(sql`h.assistance_date <= ${query.toDate}`);
  return sql.join(parts, sql` AND `);
}

export function dedupRepository(db: Kysely<DB>) {
  return {
    // ---- runs ----
    /** A new running run, or null when one is running already (the partial unique index decides). */
    async insertRun(trx: Kysely<DB>, userId: string): Promise<string | null> {
      const row = await trx
        .insertInto('dedup_runs')
        .values({ started_by: userId })
        .onConflict((oc) => oc.column('status').where('status', '=', 'running').doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id ?? null;
    },
    run(id: string): Promise<RunRow | undefined> {
      return runQuery(db).where('r.id', '=', id).executeTakeFirst();
    },
    async runPage(page: PageQuery): Promise<Page<RunRow>> {
      const [{ total }] = (await db
        .selectFrom('dedup_runs')
        .select((eb) => eb.fn.countAll<number>().as('total'))
        .execute()) as [{ total: number }];
      const items = await runQuery(db)
        .orderBy('r.started_at', 'desc')
        .orderBy('r.id')
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize)
        .execute();
      return { items, total: Number(total), page: page.page, pageSize: page.pageSize };
    },
    async lastCompletedAt(): Promise<Date | null> {
      const row = await db
        .selectFrom('dedup_runs')
        .select('finished_at')
        .where('status', '=', 'completed')
        .orderBy('finished_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row?.finished_at ?? null;
    },
    async setProgress(id: string, progress: { stage: DedupStage; processed: number; total: number; lists?: number; records?: number }): Promise<void> {
      await db
        .updateTable('dedup_runs')
        .set({
          stage: progress.stage,
          processed: progress.processed,
          total: progress.total,
          ...(progress.lists !== undefined ? { lists: progress.lists } : {}),
          ...(progress.records !== undefined ? { records: progress.records } : {}),
        })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .execute();
    },
    async completeRun(trx: Kysely<DB>, id: string, figures: RunFigures & { records: number; lists: number }): Promise<void> {
      await trx
        .updateTable('dedup_runs')
        .set({
          status: 'completed',
          stage: 'done',
          processed: figures.records,
          total: figures.records,
          finished_at: new Date(),
          lists: figures.lists,
          records: figures.records,
          households: figures.households,
          candidate_pairs: figures.candidatePairs,
          match_pairs: figures.matchPairs,
          review_pairs: figures.reviewPairs,
          decisions_applied: figures.decisionsApplied,
          clusters_kept: figures.clustersKept,
        })
        .where('id', '=', id)
        .execute();
    },
    async failRun(id: string, error: string): Promise<void> {
      await db
        .updateTable('dedup_runs')
        .set({ status: 'failed', error, finished_at: new Date() })
        .where('id', '=', id)
        .where('status', '=', 'running')
        .execute();
    },
    /** Runs left 'running' by a server that stopped: none of their work was written. */
    async failUnfinished(error: string): Promise<number> {
      const result = await db
        .updateTable('dedup_runs')
        .set({ status: 'failed', error, finished_at: new Date() })
        .where('status', '=', 'running')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    // ---- reading records for a run ----
    async countLive(): Promise<{ records: number; lists: number }> {
      const row = await db
        .selectFrom('list_households as h')
        .innerJoin('beneficiary_lists as l', 'l.id', 'h.list_id')
        .select((eb) => [eb.fn.countAll<number>().as('records'), eb.fn.count<number>('h.list_id').distinct().as('lists')])
        .where('h.erased_at', 'is', null)
        .where('l.wrapped_key', 'is not', null)
        .executeTakeFirstOrThrow();
      return { records: Number(row.records), lists: Number(row.lists) };
    },
    /** Live records after `afterId`, by id: a run reads every list page by page. */
    async liveRecordsAfter(afterId: string | null, limit = batchSize): Promise<RunRecord[]> {
      let q = db
        .selectFrom('list_households as h')
        .innerJoin('beneficiary_lists as l', 'l.id', 'h.list_id')
        .innerJoin('localities as loc', 'loc.id', 'h.locality_id')
        .select([
          'h.id',
          'h.list_id',
          'h.row_number',
          'h.sector',
          'h.assistance_date',
          'h.household_size',
          'h.payload',
          'h.cluster_id',
          'l.wrapped_key',
          'loc.id as locality_id',
          'loc.name as locality_name',
          'loc.pcode as locality_pcode',
          'loc.adm1_pcode',
          'loc.adm2_pcode',
          'loc.adm3_pcode',
        ])
        .where('h.erased_at', 'is', null)
        .where('l.wrapped_key', 'is not', null)
        // Encoded lists have no names to read: the run links them from their encodings (lists.module.ts).
        .where('l.encoding', 'is', null);
      if (afterId) q = q.where('h.id', '>', afterId);
      const rows = await q.orderBy('h.id').limit(limit).execute();
      return rows.map((row) => ({
        ...toCipher(row),
        wrappedKey: row.wrapped_key!,
        clusterId: row.cluster_id,
        place: { pcode: row.locality_pcode, name: row.locality_name, adm1: row.adm1_pcode, adm2: row.adm2_pcode, adm3: row.adm3_pcode },
      }));
    },
    decisions(): Promise<{ record_a: string; record_b: string; same: boolean }[]> {
      return db.selectFrom('dedup_decisions').select(['record_a', 'record_b', 'same']).execute();
    },

    // ---- writing a run's result ----
    async writeClusterIds(trx: Kysely<DB>, updates: readonly { id: string; clusterId: string }[]): Promise<void> {
      for (let i = 0; i < updates.length; i += batchSize) {
        const values = sql.join(updates.slice(i, i + batchSize).map((u) => sql`(${u.id}::uuid, ${u.clusterId}::uuid)`));
        await sql`UPDATE list_households h SET cluster_id = v.cluster_id FROM (VALUES ${values}) AS v(id, cluster_id) WHERE h.id = v.id`.execute(trx);
      }
    },
    /**
     * The run's pairs replace the previous runs' (decided pairs stay, one row per two records); a
     * pair the custodian already decided is not asked again, and a record gone meanwhile (erased,
     * purged) takes its pairs with it.
     */
    async replacePairs(trx: Kysely<DB>, runId: string, pairs: readonly NewPair[]): Promise<void> {
      await trx
        .deleteFrom('dedup_pairs')
        .where((eb) => eb.or([eb('status', '=', 'pending'), eb('kind', '=', 'match')]))
        .execute();
      for (let i = 0; i < pairs.length; i += batchSize) {
        const values = sql.join(
          pairs.slice(i, i + batchSize).map((p) => sql`(${p.recordA}::uuid, ${p.recordB}::uuid, ${p.kind}, ${p.probability}::real, ${p.contributions}::jsonb)`),
        );
        await sql`
          INSERT INTO dedup_pairs (run_id, record_a, record_b, kind, probability, contributions)
          SELECT ${runId}::uuid, v.a, v.b, v.kind, v.probability, v.contributions
          FROM (VALUES ${values}) AS v(a, b, kind, probability, contributions)
          WHERE EXISTS (SELECT 1 FROM list_households x WHERE x.id = v.a)
            AND EXISTS (SELECT 1 FROM list_households y WHERE y.id = v.b)
            AND NOT EXISTS (SELECT 1 FROM dedup_pairs e WHERE e.record_a = v.a AND e.record_b = v.b)
            AND (v.kind = 'match' OR NOT EXISTS (SELECT 1 FROM dedup_decisions d WHERE d.record_a = v.a AND d.record_b = v.b))`.execute(trx);
      }
    },
    /**
     * Each live list's figures counted again by household: its distinct households per
     * locality × sector × month (the counts that outlive a purge) and in all; lists not yet
     * deduplicated become so.
     */
    async recountLists(trx: Kysely<DB>): Promise<number> {
      await sql`DELETE FROM list_coverage c USING beneficiary_lists l WHERE l.id = c.list_id AND l.status <> 'purged'`.execute(trx);
      await sql`
        INSERT INTO list_coverage (list_id, locality_id, sector, month, households)
        SELECT h.list_id, h.locality_id, h.sector, date_trunc('month', h.assistance_date)::date, count(DISTINCT ${householdOf('h')})::int
        FROM list_households h JOIN beneficiary_lists l ON l.id = h.list_id
        WHERE l.status <> 'purged'
        GROUP BY h.list_id, h.locality_id, h.sector, date_trunc('month', h.assistance_date)`.execute(trx);
      await sql`
        UPDATE beneficiary_lists l SET household_count = s.households
        FROM (SELECT h.list_id, count(DISTINCT ${householdOf('h')})::int AS households FROM list_households h GROUP BY h.list_id) s
        WHERE l.id = s.list_id AND l.status <> 'purged' AND l.household_count <> s.households`.execute(trx);
      const marked = await trx
        .updateTable('beneficiary_lists')
        .set({ status: 'deduplicated', version: sql`version + 1`, updated_at: new Date() })
        .where('status', 'in', ['received', 'validated'])
        .executeTakeFirst();
      return Number(marked.numUpdatedRows);
    },

    // ---- review ----
    async pairPage(status: PairStatus, page: PageQuery): Promise<Page<StoredPair>> {
      const base = db.selectFrom('dedup_pairs as p').where('p.kind', '=', 'review').where('p.status', '=', status);
      const [{ total }] = (await base.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [{ total: number }];
      const items = await base
        .leftJoin('users as u', 'u.id', 'p.decided_by')
        .select(['p.id', 'p.record_a', 'p.record_b', 'p.kind', 'p.probability', 'p.contributions', 'p.status', 'u.name as decided_by_name', 'p.decided_at'])
        .orderBy(status === 'pending' ? 'p.probability' : 'p.decided_at', 'desc')
        .orderBy('p.id')
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize)
        .execute();
      return { items, total: Number(total), page: page.page, pageSize: page.pageSize };
    },
    pairForDecision(trx: Kysely<DB>, id: string) {
      return trx
        .selectFrom('dedup_pairs as p')
        .innerJoin('list_households as a', 'a.id', 'p.record_a')
        .innerJoin('list_households as b', 'b.id', 'p.record_b')
        .select(['p.id', 'p.record_a', 'p.record_b', 'p.kind', 'p.status', 'a.cluster_id as cluster_a', 'b.cluster_id as cluster_b'])
        .where('p.id', '=', id)
        .forUpdate()
        .executeTakeFirst();
    },
    async saveDecision(trx: Kysely<DB>, pair: { id: string; recordA: string; recordB: string; same: boolean }, userId: string): Promise<Date> {
      const at = new Date();
      await trx
        .insertInto('dedup_decisions')
        .values({ record_a: pair.recordA, record_b: pair.recordB, same: pair.same, decided_by: userId, decided_at: at })
        .onConflict((oc) => oc.columns(['record_a', 'record_b']).doUpdateSet({ same: pair.same, decided_by: userId, decided_at: at }))
        .execute();
      await trx
        .updateTable('dedup_pairs')
        .set({ status: pair.same ? 'same' : 'different', decided_by: userId, decided_at: at })
        .where('id', '=', pair.id)
        .execute();
      return at;
    },
    /** Whether the custodian said two records of these clusters are different households. */
    async apartBetween(trx: Kysely<DB>, clusterA: string, clusterB: string): Promise<boolean> {
      const row = await sql<{ apart: boolean }>`
        SELECT EXISTS (
          SELECT 1 FROM dedup_decisions d
          JOIN list_households x ON x.id = d.record_a JOIN list_households y ON y.id = d.record_b
          WHERE NOT d.same AND ((x.cluster_id = ${clusterA} AND y.cluster_id = ${clusterB}) OR (x.cluster_id = ${clusterB} AND y.cluster_id = ${clusterA}))
        ) AS apart`.execute(trx);
      return row.rows[0]!.apart;
    },
    /** Joins two households now (the next run does it too): the one with more records keeps its id. */
    async mergeClusters(trx: Kysely<DB>, clusterA: string, clusterB: string): Promise<void> {
      const sizes = await trx
        .selectFrom('list_households')
        .select(['cluster_id', (eb) => eb.fn.countAll<number>().as('records')])
        .where('cluster_id', 'in', [clusterA, clusterB])
        .groupBy('cluster_id')
        .execute();
      const size = (id: string) => Number(sizes.find((s) => s.cluster_id === id)?.records ?? 0);
      const [keep, drop] = size(clusterB) > size(clusterA) ? [clusterB, clusterA] : [clusterA, clusterB];
      await trx.updateTable('list_households').set({ cluster_id: keep }).where('cluster_id', '=', drop).execute();
    },

    // ---- records, decrypted by the service ----
    async recordsByIds(ids: readonly string[]): Promise<Map<string, ListedRecord>> {
      if (ids.length === 0) return new Map();
      const rows = await listedRecords(db)
        .where('h.id', 'in', [...new Set(ids)])
        .execute();
      return new Map(rows.map((row) => [row.id, toListed(row)]));
    },
    async clusterRecords(clusterId: string): Promise<ListedRecord[]> {
      const rows = await listedRecords(db).where('h.cluster_id', '=', clusterId).orderBy('l.created_at').orderBy('h.row_number').limit(200).execute();
      return rows.map(toListed);
    },
    pairsAmong(ids: readonly string[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('dedup_pairs')
        .select(['id', 'record_a', 'record_b', 'kind', 'probability', 'status', 'contributions'])
        .where('record_a', 'in', [...ids])
        .where('record_b', 'in', [...ids])
        .orderBy('probability', 'desc')
        .execute();
    },
    decisionsAmong(ids: readonly string[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('dedup_decisions as d')
        .leftJoin('users as u', 'u.id', 'd.decided_by')
        .select(['d.record_a', 'd.record_b', 'd.same', 'u.name as decided_by_name', 'd.decided_at'])
        .where((eb) => eb.or([eb('d.record_a', 'in', [...ids]), eb('d.record_b', 'in', [...ids])]))
        .orderBy('d.decided_at', 'desc')
        .execute();
    },
    async clusterPage(
      minRecords: number,
      page: PageQuery,
    ): Promise<Page<{ id: string; records: number; lists: number; organisations: string[]; localities: string[]; sectors: string[] }>> {
      const groups = sql`
        FROM list_households h JOIN beneficiary_lists l ON l.id = h.list_id
        JOIN organisations o ON o.id = l.organisation_id JOIN localities loc ON loc.id = h.locality_id
        WHERE h.cluster_id IS NOT NULL AND l.status <> 'purged'
        GROUP BY h.cluster_id HAVING count(*) >= ${minRecords}`;
      const { rows: counted } = await sql<{ total: number }>`SELECT count(*)::int AS total FROM (SELECT h.cluster_id ${groups}) g`.execute(db);
      const { rows } = await sql<{ id: string; records: number; lists: number; organisations: string[]; localities: string[]; sectors: string[] }>`
        SELECT h.cluster_id AS id, count(*)::int AS records, count(DISTINCT h.list_id)::int AS lists,
          array_agg(DISTINCT o.acronym ORDER BY o.acronym) AS organisations, array_agg(DISTINCT loc.name ORDER BY loc.name) AS localities,
          array_agg(DISTINCT h.sector ORDER BY h.sector) AS sectors
        ${groups}
        ORDER BY count(*) DESC, count(DISTINCT l.organisation_id) DESC, h.cluster_id
        LIMIT ${page.pageSize} OFFSET ${(page.page - 1) * page.pageSize}`.execute(db);
      return { items: rows, total: counted[0]?.total ?? 0, page: page.page, pageSize: page.pageSize };
    },

    // ---- an organisation's duplicates ----
    listOwner(id: string) {
      return db.selectFrom('beneficiary_lists').select(['organisation_id', 'status']).where('id', '=', id).executeTakeFirst();
    },
    /** Per live list (of one organisation, or all): its households, those written more than once, and those on another organisation's lists. */
    async duplicateSummary(organisationId: string | null) {
      const { rows } = await sql<{
        id: string;
        code: string;
        title: string;
        organisation_id: string;
        acronym: string;
        name: string;
        households: number;
        duplicate_groups: number;
        duplicate_records: number;
        also_elsewhere: number;
      }>`
        WITH records AS (
          SELECT h.list_id, l.organisation_id, ${householdOf('h')} AS household
          FROM list_households h JOIN beneficiary_lists l ON l.id = h.list_id
          WHERE l.status <> 'purged'
        ),
        per_household AS (
          SELECT r.list_id, r.organisation_id, r.household, count(*) AS records,
            EXISTS (SELECT 1 FROM records o WHERE o.household = r.household AND o.organisation_id <> r.organisation_id) AS elsewhere
          FROM records r GROUP BY r.list_id, r.organisation_id, r.household
        )
        SELECT l.id, l.code, l.title, o.id AS organisation_id, o.acronym, o.name,
          count(p.household)::int AS households,
          count(p.household) FILTER (WHERE p.records > 1)::int AS duplicate_groups,
          coalesce(sum(p.records) FILTER (WHERE p.records > 1), 0)::int AS duplicate_records,
          count(p.household) FILTER (WHERE p.elsewhere)::int AS also_elsewhere
        FROM beneficiary_lists l JOIN organisations o ON o.id = l.organisation_id
        LEFT JOIN per_household p ON p.list_id = l.id
        WHERE l.status <> 'purged' ${organisationId ? sql`AND l.organisation_id = ${organisationId}` : sql``}
        GROUP BY l.id, l.code, l.title, o.id, o.acronym, o.name, l.created_at
        ORDER BY l.created_at DESC, l.id`.execute(db);
      return rows;
    },
    /** Groups of one list's records that are one household, a page of groups at a time. */
    async duplicateGroups(listId: string, page: PageQuery): Promise<Page<{ household: string; ids: string[] }>> {
      const groups = sql`
        FROM list_households h WHERE h.list_id = ${listId}
        GROUP BY 1 HAVING count(*) > 1`;
      const { rows: counted } = await sql<{ total: number }>`SELECT count(*)::int AS total FROM (SELECT ${householdOf('h')} ${groups}) g`.execute(db);
      const { rows } = await sql<{ household: string; ids: string[] }>`
        SELECT ${householdOf('h')} AS household, array_agg(h.id ORDER BY h.row_number) AS ids, min(h.row_number) AS first_row
        ${groups}
        ORDER BY first_row
        LIMIT ${page.pageSize} OFFSET ${(page.page - 1) * page.pageSize}`.execute(db);
      return { items: rows.map((r) => ({ household: r.household, ids: r.ids })), total: counted[0]?.total ?? 0, page: page.page, pageSize: page.pageSize };
    },

    // ---- counts for the coordination ----
    async householdCounts(query: HouseholdCountQuery) {
      const filters = countFilters({ ...query, fromDate: query.from && periodStart(query.from), toDate: query.to && periodEnd(query.to) });
      const live = sql`
        SELECT h.locality_id, h.sector, date_trunc('month', h.assistance_date)::date AS month, ${householdOf('h')} AS household, l.organisation_id
        FROM list_households h JOIN beneficiary_lists l ON l.id = h.list_id JOIN localities loc ON loc.id = h.locality_id
        WHERE ${filters}`;
      const cells = sql`
        WITH live AS (${live}),
        per_household AS (
          SELECT locality_id, sector, month, household, count(*) AS records, count(DISTINCT organisation_id) AS organisations
          FROM live GROUP BY 1, 2, 3, 4
        ),
        by_cell AS (
          SELECT locality_id, sector, month, count(*)::int AS households, sum(records)::int AS records,
            count(*) FILTER (WHERE organisations > 1)::int AS shared
          FROM per_household GROUP BY 1, 2, 3
        ),
        organisations AS (SELECT locality_id, sector, month, count(DISTINCT organisation_id)::int AS organisations FROM live GROUP BY 1, 2, 3)
        SELECT c.locality_id, loc.name AS locality_name, loc.pcode AS locality_pcode, c.sector, to_char(c.month, 'YYYY-MM') AS month,
          c.households, c.records, o.organisations, c.shared
        FROM by_cell c JOIN organisations o USING (locality_id, sector, month) JOIN localities loc ON loc.id = c.locality_id`;
      const { rows: counted } = await sql<{ total: number }>`SELECT count(*)::int AS total FROM (${cells}) x`.execute(db);
      const { rows } = await sql<{
        locality_id: string;
        locality_name: string;
        locality_pcode: string | null;
        sector: string;
        month: string;
        households: number;
        records: number;
        organisations: number;
        shared: number;
      }>`SELECT * FROM (${cells}) x ORDER BY month DESC, locality_name, sector LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`.execute(db);
      const { rows: totals } = await sql<{ households: number; records: number; shared: number }>`
        WITH live AS (${live}),
        per_household AS (SELECT household, count(*) AS records, count(DISTINCT organisation_id) AS organisations FROM live GROUP BY household)
        SELECT count(*)::int AS households, coalesce(sum(records), 0)::int AS records, count(*) FILTER (WHERE organisations > 1)::int AS shared FROM per_household`.execute(
        db,
      );
      return { rows, total: counted[0]?.total ?? 0, totals: totals[0] ?? { households: 0, records: 0, shared: 0 } };
    },
    async overlap(query: OverlapQuery) {
      const filters = countFilters({ ...query, fromDate: query.from, toDate: query.to });
      const live = sql`
        SELECT h.id, ${householdOf('h')} AS household, l.organisation_id, h.sector, h.assistance_date
        FROM list_households h JOIN beneficiary_lists l ON l.id = h.list_id JOIN localities loc ON loc.id = h.locality_id
        WHERE ${filters}`;
      const { rows: organisations } = await sql<{ id: string; acronym: string; name: string; households: number }>`
        WITH live AS (${live})
        SELECT o.id, o.acronym, o.name, count(DISTINCT live.household)::int AS households
        FROM live JOIN organisations o ON o.id = live.organisation_id
        GROUP BY o.id, o.acronym, o.name ORDER BY o.acronym`.execute(db);
      const { rows: cells } = await sql<{ a: string; b: string; shared: number; double_assistance: number }>`
        WITH live AS (${live}),
        shared AS (
          SELECT x.organisation_id AS a, y.organisation_id AS b, count(DISTINCT x.household)::int AS shared
          FROM (SELECT DISTINCT household, organisation_id FROM live) x
          JOIN (SELECT DISTINCT household, organisation_id FROM live) y ON y.household = x.household AND x.organisation_id < y.organisation_id
          GROUP BY 1, 2
        ),
        doubled AS (
          SELECT x.organisation_id AS a, y.organisation_id AS b, count(DISTINCT x.household)::int AS double_assistance
          FROM live x JOIN live y ON y.household = x.household AND y.sector = x.sector
            AND (x.organisation_id < y.organisation_id OR (x.organisation_id = y.organisation_id AND x.id < y.id))
            AND abs(y.assistance_date - x.assistance_date) <= ${query.windowDays}
          GROUP BY 1, 2
        )
        SELECT coalesce(s.a, d.a) AS a, coalesce(s.b, d.b) AS b, coalesce(s.shared, 0) AS shared, coalesce(d.double_assistance, 0) AS double_assistance
        FROM shared s FULL JOIN doubled d ON d.a = s.a AND d.b = s.b
        ORDER BY 1, 2`.execute(db);
      return { organisations, cells };
    },
  };
}
export type DedupRepository = ReturnType<typeof dedupRepository>;

function listedRecords(db: Kysely<DB>) {
  return db
    .selectFrom('list_households as h')
    .innerJoin('beneficiary_lists as l', 'l.id', 'h.list_id')
    .innerJoin('organisations as o', 'o.id', 'l.organisation_id')
    .innerJoin('localities as loc', 'loc.id', 'h.locality_id')
    .select([
      'h.id',
      'h.list_id',
      'h.row_number',
      'h.sector',
      'h.assistance_date',
      'h.household_size',
      'h.payload',
      'h.cluster_id',
      'loc.id as locality_id',
      'loc.name as locality_name',
      'loc.pcode as locality_pcode',
      'l.wrapped_key',
      'l.code',
      'l.title',
      'o.id as organisation_id',
      'o.acronym as organisation_acronym',
      'o.name as organisation_name',
    ])
    .where('l.wrapped_key', 'is not', null);
}

function toListed(row: Awaited<ReturnType<ReturnType<typeof listedRecords>['executeTakeFirstOrThrow']>>): ListedRecord {
  return {
    ...toCipher(row),
    wrappedKey: row.wrapped_key!,
    clusterId: row.cluster_id,
    list: {
      id: row.list_id,
      code: row.code,
      title: row.title,
      organisation: { id: row.organisation_id, acronym: row.organisation_acronym, name: row.organisation_name },
    },
  };
}
