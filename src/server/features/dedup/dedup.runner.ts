import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DedupStage } from '../../../shared/contracts/dedup.ts';
import { fields } from '../../../shared/linkage/index.ts';
import { stableClusterIds } from '../../../shared/linkage/stable-clusters.ts';
import type { DB } from '../../db/schema.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { ListKeyring } from '../../lib/list-keys.ts';
import { householdReader, linkEncodedLists, liveEncodedHouseholds } from '../lists/lists.module.ts';
import { EngineError, type EngineJob, type EngineRecord, type EngineResult, startEngine } from './dedup.engine.ts';
import { householdRecordOf } from './dedup.records.ts';
import type { DedupRepository, NewPair } from './dedup.repository.ts';

/** Progress is written at most this often (and at every change of stage): the web polls it. */
const progressEveryMs = 500;
const pageSize = 1000;

export interface RunnerDeps {
  db: Kysely<DB>;
  repo: DedupRepository;
  keyring: ListKeyring;
  log: FastifyBaseLogger;
}

/**
 * One deduplication run in the background, after the service has recorded it as running:
 *   1. reading — every live record decrypted here, page by page (the event loop stays free
 *      between pages), and sent to the engine's worker with its place; nothing logged;
 *   2. the engine's stages in the worker, then each pair explained field by field;
 *   3. writing — in one transaction: cluster ids kept stable across runs (stable-clusters.ts)
 *      set on the records that changed, the pairs replaced, every live list's households
 *      counted again, the run's figures and its audit row. A failure writes nothing but the
 *      run's status and an error code.
 */
export function dedupRunner(deps: RunnerDeps) {
  const { db, repo, keyring, log } = deps;
  let active: { runId: string; stop: () => Promise<void>; done: Promise<void> } | null = null;

  /** Writes the run's progress, at most every `progressEveryMs` within a stage, one write after another. */
  function progressOf(runId: string) {
    let last: { stage: DedupStage | null; at: number } = { stage: null, at: 0 };
    let writing = Promise.resolve();
    return {
      report(stage: DedupStage, processed: number, total: number, extra: { lists?: number; records?: number } = {}) {
        const now = Date.now();
        if (stage === last.stage && now - last.at < progressEveryMs) return;
        last = { stage, at: now };
        writing = writing.then(() => repo.setProgress(runId, { stage, processed: Math.min(processed, total), total, ...extra })).catch(() => undefined);
      },
      flushed: () => writing,
    };
  }

  async function execute(
    runId: string,
    ctx: ServiceContext,
    engine: EngineJob,
    progress: ReturnType<typeof progressOf>,
    stopped: () => boolean,
  ): Promise<void> {
    const started = performance.now();
    const interrupted = () => {
      if (stopped()) throw new EngineError('interrupted', '');
    };

    const live = await repo.countLive();
    progress.report('reading', 0, live.records, live);
    const read = householdReader(keyring);
    const ids: string[] = [];
    const previous: (string | null)[] = [];
    const sources = new Map<string, number>();
    let after: string | null = null;
    for (;;) {
      const rows = await repo.liveRecordsAfter(after, pageSize);
      interrupted();
      const batch: EngineRecord[] = rows.map((row) => {
        let source = sources.get(row.listId);
        if (source === undefined) sources.set(row.listId, (source = sources.size));
        ids.push(row.id);
        previous.push(row.clusterId);
        return { key: row.id, source, record: householdRecordOf(read(row, row.wrappedKey), row.place) };
      });
      if (batch.length > 0) engine.add(batch);
      progress.report('reading', ids.length, Math.max(live.records, ids.length));
      if (rows.length < pageSize) break;
      after = rows.at(-1)!.id;
    }

    const known = new Set(ids);
    const decisions = (await repo.decisions())
      .filter((d) => known.has(d.record_a) && known.has(d.record_b))
      .map((d) => ({ a: d.record_a, b: d.record_b, same: d.same }));
    const result = await engine.link(decisions);
    interrupted();

    // Encoded lists (privacy-preserving mode) are linked from their encodings, key by key; their
    // households join the same counts and overlap, in clusters of their own.
    const encoded = await linkEncodedLists(liveEncodedHouseholds(db, keyring), {
      onStage: (stage, share) => progress.report(stage, Math.round(share * 1000), 1000),
      stopped,
    });
    interrupted();
    const plainCount = ids.length;
    const clusterOf = new Int32Array(plainCount + encoded.ids.length);
    clusterOf.set(result.clusterOf);
    for (let k = 0; k < encoded.ids.length; k++) clusterOf[plainCount + k] = plainCount + encoded.clusterOf[k]!;
    ids.push(...encoded.ids);
    previous.push(...encoded.previous);

    progress.report('writing', 0, ids.length);
    const stable = stableClusterIds(clusterOf, previous, () => crypto.randomUUID());
    const updates: { id: string; clusterId: string }[] = [];
    for (let r = 0; r < ids.length; r++) if (stable.ids[r] !== previous[r]) updates.push({ id: ids[r]!, clusterId: stable.ids[r]! });
    const pairs = pairsOf(result, ids);
    const figures = {
      households: stable.clusters,
      candidatePairs: result.candidatePairs,
      matchPairs: pairs.filter((p) => p.kind === 'match').length,
      reviewPairs: pairs.filter((p) => p.kind === 'review').length,
      decisionsApplied: decisions.length,
      clustersKept: stable.kept,
    };
    await progress.flushed();
    interrupted();
    await db.transaction().execute(async (trx) => {
      await repo.writeClusterIds(trx, updates);
      await repo.replacePairs(trx, runId, pairs);
      const listsMarked = await repo.recountLists(trx);
      await repo.completeRun(trx, runId, { ...figures, records: ids.length, lists: sources.size + encoded.lists });
      await recordAudit(trx, ctx, {
        action: 'update',
        entity: 'dedup_run',
        entityId: runId,
        after: {
          status: 'completed',
          lists: sources.size + encoded.lists,
          encodedRecords: encoded.ids.length,
          records: ids.length,
          ...figures,
          clusterIdsChanged: updates.length,
          listsMarkedDeduplicated: listsMarked,
        },
      });
    });
    log.info({ runId, records: ids.length, ...figures, seconds: Math.round((performance.now() - started) / 100) / 10 }, 'deduplication run completed');
  }

  return {
    /** Starts the run in the background; it settles once completed or failed (`current().done`). */
    launch(runId: string, ctx: ServiceContext): void {
      let stopped = false;
      const progress = progressOf(runId);
      // The engine's stages report their share done: written as processed of 1000.
      const engine = startEngine((stage, share) => progress.report(stage, Math.round(share * 1000), 1000));
      const done = (async () => {
        try {
          await execute(runId, ctx, engine, progress, () => stopped);
        } catch (error) {
          // The error's name and frames only: its message could quote a decrypted value.
          const name = error instanceof EngineError ? error.errorName : error instanceof Error ? error.name : 'unknown';
          const frames = error instanceof EngineError ? error.frames : error instanceof Error ? (error.stack ?? '').split('\n').slice(1, 6).join('\n') : '';
          if (!stopped) log.error({ runId, error: name, frames }, 'deduplication run failed');
          await progress.flushed();
          await repo.failRun(runId, stopped ? 'dedup_run_interrupted' : 'dedup_run_failed').catch(() => undefined);
        } finally {
          await engine.terminate();
          if (active?.runId === runId) active = null;
        }
      })();
      active = {
        runId,
        done,
        stop: async () => {
          stopped = true;
          await engine.terminate();
          await done;
        },
      };
    },
    /** The run in progress in this process, if any. */
    current(): { runId: string; done: Promise<void> } | null {
      return active && { runId: active.runId, done: active.done };
    },
    /** Stops the run in progress (the server is closing): it is recorded as interrupted, nothing else written. */
    async stop(): Promise<void> {
      await active?.stop();
    },
  };
}
export type DedupRunner = ReturnType<typeof dedupRunner>;

/** The engine's pairs with the records' ids (the smaller id first, as the table wants) and their contributions. */
function pairsOf(result: EngineResult, ids: readonly string[]): NewPair[] {
  const pairs: NewPair[] = [];
  for (let k = 0; k < result.pairA.length; k++) {
    const a = ids[result.pairA[k]!]!;
    const b = ids[result.pairB[k]!]!;
    const contributions: [string, number, number][] = [];
    for (let f = 0; f < result.fields; f++) {
      const level = result.levels[k * result.fields + f]!;
      if (level >= 0) contributions.push([fields[f]!.key, level, Math.round(result.weights[k * result.fields + f]! * 100) / 100]);
    }
    pairs.push({
      recordA: a < b ? a : b,
      recordB: a < b ? b : a,
      kind: result.inCluster[k] === 1 ? 'match' : 'review',
      probability: result.probability[k]!,
      contributions: JSON.stringify(contributions),
    });
  }
  return pairs;
}
