import { dedupApi } from '../../../shared/contracts/dedup.ts';
import { contextOf, type App } from '../../lib/http.ts';
import { routes } from '../../lib/route.ts';
import type { DedupService } from './dedup.service.ts';

export function dedupRoutes(app: App, deps: { dedup: DedupService }) {
  const { dedup } = deps;
  routes(app, dedupApi, {
    listRuns: (request) => dedup.runs(contextOf(request), request.query),
    startRun: (request) => dedup.start(contextOf(request)),
    getRun: (request) => dedup.run(contextOf(request), request.params.id),
    listPairs: (request) => dedup.pairs(contextOf(request), request.query),
    decidePair: (request) => dedup.decide(contextOf(request), request.params.id, request.body),
    listClusters: (request) => dedup.clusters(contextOf(request), request.query),
    getCluster: (request) => dedup.cluster(contextOf(request), request.params.id),
    householdCounts: (request) => dedup.householdCounts(contextOf(request), request.query),
    overlap: (request) => dedup.overlap(contextOf(request), request.query),
    duplicateSummary: (request) => dedup.duplicateSummary(contextOf(request)),
    listDuplicates: (request) => dedup.duplicates(contextOf(request), request.params.id, request.query),
  });
}
