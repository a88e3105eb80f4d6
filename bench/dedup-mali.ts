/**
 * Household deduplication on synthetic Malian lists (bench/mali-lists.ts) with known truth and
 * hard negatives: precision, recall and F1 of the `match` pairs, time and peak memory, at
 * 10,000 and 100,000 rows by default.
 *   `npm run bench -- dedup-mali`  or  `nice npx tsx bench/dedup-mali.ts [rows …]`  (e.g. 1000000)
 * Read as the command line reads lists (admin areas completed from the gazetteer, its thresholds).
 * Time covers normalising the rows (readHousehold), blocking, comparing, EM and clustering;
 * peak RSS is the process's.
 */
import { pathToFileURL } from 'node:url';
import { linkHouseholds } from '../src/shared/linkage/engine.ts';
import { readHousehold } from '../src/shared/linkage/household.ts';
import { HouseholdStore } from '../src/shared/linkage/store.ts';
import { maliAdminAreas } from '../src/server/lib/households/admin-areas-file.ts';
import { batchThresholds } from '../src/cli/commands/dedup.ts';
import { type PairScore, scorePairs } from './dedup-score.ts';
import { malianLists } from './mali-lists.ts';

export async function run(sizes: number[] = [10_000, 100_000]): Promise<PairScore[]> {
  const scores: PairScore[] = [];
  for (const size of sizes) {
    const entities: string[] = [];
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const store = new HouseholdStore();
    // As the command line reads lists: admin areas completed from the gazetteer.
    const areas = maliAdminAreas();
    for (const row of malianLists(size)) {
      store.add(`${row.list}:${entities.length}`, row.list, readHousehold(areas.complete(row.fields), row.referenceDate).record);
      entities.push(String(row.entity));
    }
    store.seal();
    if (size >= 1_000_000) console.error(`${new Date().toISOString().slice(11, 19)} ${size} rows read`);
    const read = (performance.now() - started) / 1000;
    const readCpu = process.cpuUsage(cpuBefore);
    const stages: string[] = [`rows read ${read.toFixed(1)} s (CPU ${((readCpu.user + readCpu.system) / 1e6).toFixed(1)} s)`];
    let stageStart = performance.now();
    let stageCpu = process.cpuUsage();
    let current = '';
    // Wall time and CPU time of each stage: on a shared machine the CPU time is the steadier figure.
    const closeStage = () => {
      const cpu = process.cpuUsage(stageCpu);
      stages.push(`${current} ${((performance.now() - stageStart) / 1000).toFixed(1)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s)`);
    };
    const result = linkHouseholds(store, {
      ...batchThresholds,
      onStage: (stage) => {
        if (stage === current) return;
        if (size >= 1_000_000) console.error(`${new Date().toISOString().slice(11, 19)} ${stage}…`);
        if (current) closeStage();
        current = stage;
        stageStart = performance.now();
        stageCpu = process.cpuUsage();
      },
    });
    closeStage();
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const score = scorePairs(`Malian lists ${size.toLocaleString('en')}`, entities, result.pairs, seconds, process.resourceUsage().maxRSS * 1024, (cpu.user + cpu.system) / 1e6);
    console.log(`  ${stages.join('; ')}; ${result.candidatePairs.toLocaleString('en')} candidate pairs; EM ${result.model.iterations} iterations, prior ${result.model.lambda.toFixed(4)}`);
    scores.push(score);
  }
  return scores;
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  await run(sizes.length > 0 ? sizes : undefined);
}
