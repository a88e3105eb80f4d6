import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Page, PageQuery } from '../../../shared/contracts/common.ts';
import type {
  ClusterDetail,
  Contribution,
  DedupPair,
  DedupRecord,
  DedupRun,
  duplicateGroupQuery,
  HouseholdCounts,
  HouseholdCountQuery,
  LinkageFieldKey,
  OverlapMatrix,
  OverlapQuery,
  pairDecisionInput,
  pairQuery,
} from '../../../shared/contracts/dedup.ts';
import type { HouseholdView } from '../../../shared/contracts/lists.ts';
import { fields } from '../../../shared/linkage/index.ts';
import { can, scopeOf } from '../../../shared/permissions.ts';
import type { Sector } from '../../../shared/sectors.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { ListKeyring } from '../../lib/list-keys.ts';
import { householdReader } from '../lists/lists.module.ts';
import type { DedupRepository, ListedRecord, RunRow } from './dedup.repository.ts';
import type { DedupRunner } from './dedup.runner.ts';

function toRun(row: RunRow): DedupRun {
  return {
    id: row.id,
    status: row.status,
    stage: row.stage,
    processed: row.processed,
    total: row.total,
    startedBy: row.started_by_name,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    lists: row.lists,
    records: row.records,
    households: row.households,
    candidatePairs: row.candidate_pairs,
    matchPairs: row.match_pairs,
    reviewPairs: row.review_pairs,
    decisionsApplied: row.decisions_applied,
    clustersKept: row.clusters_kept,
    error: row.error,
  };
}

const levelsOf = new Map<string, number>(fields.map((f) => [f.key, f.levels]));

/** Stored as [field, level, weight] triples (compact, and nothing personal in them). */
function toContributions(stored: unknown): Contribution[] {
  return (stored as [LinkageFieldKey, number, number][]).map(([field, level, weight]) => ({ field, level, levels: levelsOf.get(field) ?? level + 1, weight }));
}

/**
 * Deduplication for the people who use it: the custodian (and the administrator) start a run and
 * follow it; the custodian reviews its uncertain pairs and its clusters — names decrypted at view
 * time, each view audited with its purpose; each decision audited and kept for every later run.
 * Coordinators get distinct households and the overlap between organisations: counts only. An
 * organisation reads the duplicates within its own lists.
 */
export function dedupService(deps: { db: Kysely<DB>; repo: DedupRepository; keyring: ListKeyring; runner: DedupRunner }) {
  const { db, repo, keyring, runner } = deps;

  function reader() {
    const read = householdReader(keyring);
    return (record: ListedRecord): DedupRecord => ({ ...read(record, record.wrappedKey), list: record.list, clusterId: record.clusterId });
  }

  async function run(id: string): Promise<DedupRun> {
    const row = await repo.run(id);
    if (!row) throw notFound();
    return toRun(row);
  }

  return {
    async start(ctx: ServiceContext): Promise<DedupRun> {
      const id = await db.transaction().execute(async (trx) => {
        const created = await repo.insertRun(trx, ctx.user.id);
        if (!created) return null;
        await recordAudit(trx, ctx, { action: 'create', entity: 'dedup_run', entityId: created, after: { status: 'running' } });
        return created;
      });
      if (!id) throw new AppError('dedup_run_running', 409);
      runner.launch(id, ctx);
      return run(id);
    },

    run: (_ctx: ServiceContext, id: string) => run(id),

    async runs(_ctx: ServiceContext, page: PageQuery): Promise<Page<DedupRun>> {
      const result = await repo.runPage(page);
      return { ...result, items: result.items.map(toRun) };
    },

    /** The review queue: pairs of the latest run in the review band, both records side by side with each field's contribution. */
    async pairs(ctx: ServiceContext, query: z.infer<typeof pairQuery>): Promise<Page<DedupPair>> {
      const page = await repo.pairPage(query.status, query);
      const records = await repo.recordsByIds(page.items.flatMap((p) => [p.record_a, p.record_b]));
      const read = reader();
      const items: DedupPair[] = [];
      for (const p of page.items) {
        const a = records.get(p.record_a);
        const b = records.get(p.record_b);
        if (!a || !b) continue;
        items.push({
          id: p.id,
          kind: p.kind,
          probability: p.probability,
          status: p.status,
          decidedBy: p.decided_by_name,
          decidedAt: p.decided_at?.toISOString() ?? null,
          contributions: toContributions(p.contributions),
          a: read(a),
          b: read(b),
        });
      }
      if (items.length > 0) {
        await recordAudit(db, ctx, {
          action: 'read_personal',
          entity: 'dedup_pairs',
          entityId: null,
          after: { purpose: 'deduplication', status: query.status, page: query.page, pairs: items.length },
        });
      }
      return { ...page, items };
    },

    /**
     * The custodian's decision on a pair, kept on the two records' ids for every later run. "Same"
     * joins the two households at once unless the custodian said elsewhere that records of them
     * differ; "different" keeps them apart from the next run on.
     */
    async decide(ctx: ServiceContext, id: string, input: z.infer<typeof pairDecisionInput>) {
      return db.transaction().execute(async (trx) => {
        const pair = await repo.pairForDecision(trx, id);
        if (!pair) throw notFound();
        const same = input.decision === 'same';
        const decidedAt = await repo.saveDecision(trx, { id, recordA: pair.record_a, recordB: pair.record_b, same }, ctx.user.id);
        let merged = false;
        if (same && pair.cluster_a && pair.cluster_b && pair.cluster_a !== pair.cluster_b && !(await repo.apartBetween(trx, pair.cluster_a, pair.cluster_b))) {
          await repo.mergeClusters(trx, pair.cluster_a, pair.cluster_b);
          merged = true;
        }
        await recordAudit(trx, ctx, {
          action: 'update',
          entity: 'dedup_pair',
          entityId: id,
          before: { status: pair.status },
          after: { status: input.decision, recordA: pair.record_a, recordB: pair.record_b, kind: pair.kind, merged },
        });
        return { id, status: input.decision, decidedAt: decidedAt.toISOString(), merged };
      });
    },

    /** Households of two records or more: counts and places, no name. */
    async clusters(_ctx: ServiceContext, query: PageQuery & { minRecords: number }) {
      const page = await repo.clusterPage(query.minRecords, query);
      return { ...page, items: page.items.map((c) => ({ ...c, sectors: c.sectors as Sector[] })) };
    },

    async cluster(ctx: ServiceContext, id: string): Promise<ClusterDetail> {
      const records = await repo.clusterRecords(id);
      if (records.length === 0) throw notFound();
      const ids = records.map((r) => r.id);
      const [pairs, decisions] = await Promise.all([repo.pairsAmong(ids), repo.decisionsAmong(ids)]);
      const read = reader();
      await recordAudit(db, ctx, {
        action: 'read_personal',
        entity: 'dedup_cluster',
        entityId: id,
        after: { purpose: 'deduplication', records: records.length },
      });
      return {
        id,
        records: records.map(read),
        pairs: pairs.map((p) => ({
          id: p.id,
          a: p.record_a,
          b: p.record_b,
          kind: p.kind,
          probability: p.probability,
          status: p.status,
          contributions: toContributions(p.contributions),
        })),
        decisions: decisions.map((d) => ({ a: d.record_a, b: d.record_b, same: d.same, decidedBy: d.decided_by_name, decidedAt: d.decided_at.toISOString() })),
      };
    },

    async householdCounts(_ctx: ServiceContext, query: HouseholdCountQuery): Promise<HouseholdCounts> {
      const [counts, lastRun] = await Promise.all([repo.householdCounts(query), repo.lastCompletedAt()]);
      return {
        items: counts.rows.map((r) => ({
          locality: { id: r.locality_id, name: r.locality_name, pcode: r.locality_pcode },
          sector: r.sector as Sector,
          month: r.month,
          households: r.households,
          records: r.records,
          organisations: r.organisations,
          sharedHouseholds: r.shared,
        })),
        total: counts.total,
        page: query.page,
        pageSize: query.pageSize,
        deduplicated: lastRun !== null,
        lastRunAt: lastRun?.toISOString() ?? null,
        totals: { households: counts.totals.households, records: counts.totals.records, sharedHouseholds: counts.totals.shared },
      };
    },

    async overlap(_ctx: ServiceContext, query: OverlapQuery): Promise<OverlapMatrix> {
      const [matrix, lastRun] = await Promise.all([repo.overlap(query), repo.lastCompletedAt()]);
      return {
        deduplicated: lastRun !== null,
        lastRunAt: lastRun?.toISOString() ?? null,
        windowDays: query.windowDays,
        organisations: matrix.organisations,
        cells: matrix.cells.map((c) => ({ a: c.a, b: c.b, shared: c.shared, doubleAssistance: c.double_assistance })),
      };
    },

    /** Per list the caller may read households of (its organisation's; every list for the custodian): counts only. */
    async duplicateSummary(ctx: ServiceContext) {
      const scope = scopeOf(ctx.user, 'beneficiary:read_personal');
      if (scope !== 'any' && !ctx.user.organisationId) return { deduplicated: false, lists: [] };
      const [rows, lastRun] = await Promise.all([repo.duplicateSummary(scope === 'any' ? null : ctx.user.organisationId), repo.lastCompletedAt()]);
      return {
        deduplicated: lastRun !== null,
        lists: rows.map((r) => ({
          list: { id: r.id, code: r.code, title: r.title, organisation: { id: r.organisation_id, acronym: r.acronym, name: r.name } },
          households: r.households,
          duplicateGroups: r.duplicate_groups,
          duplicateRecords: r.duplicate_records,
          alsoElsewhere: r.also_elsewhere,
        })),
      };
    },

    /** The households written more than once in one list, for its owner or the custodian, for a stated purpose (audited). */
    async duplicates(
      ctx: ServiceContext,
      listId: string,
      query: z.infer<typeof duplicateGroupQuery>,
    ): Promise<Page<{ clusterId: string; records: HouseholdView[] }>> {
      const list = await repo.listOwner(listId);
      if (!list) throw notFound();
      if (!can(ctx.user, 'beneficiary:read_personal', { organisationId: list.organisation_id })) throw new AppError('forbidden', 403);
      if (list.status === 'purged') throw new AppError('list_purged', 410);
      const page = await repo.duplicateGroups(listId, query);
      const records = await repo.recordsByIds(page.items.flatMap((g) => g.ids));
      const read = householdReader(keyring);
      const items = page.items.map((g) => ({
        clusterId: g.household,
        records: g.ids.flatMap((id) => {
          const record = records.get(id);
          return record ? [read(record, record.wrappedKey)] : [];
        }),
      }));
      await recordAudit(db, ctx, {
        action: 'read_personal',
        entity: 'beneficiary_list',
        entityId: listId,
        after: { purpose: query.purpose, view: 'duplicates', page: query.page, groups: items.length },
      });
      return { ...page, items };
    },
  };
}
export type DedupService = ReturnType<typeof dedupService>;
