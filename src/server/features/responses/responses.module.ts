import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { figuresCache, invalidateOnWrites } from '../../lib/figures-cache.ts';
import type { App } from '../../lib/http.ts';
import type { GazetteerRepository } from '../gazetteer/gazetteer.module.ts';
import type { OrganisationsRepository } from '../organisations/organisations.module.ts';
import type { PeriodGuard } from '../periods/periods.module.ts';
import { ImportProgressBoard } from './import-progress.ts';
import { pivotRepository } from './pivot.repository.ts';
import { pivotService } from './pivot.service.ts';
import { responsesExporter } from './responses.export.ts';
import { responsesImporter } from './responses.import.ts';
import { responsesRepository } from './responses.repository.ts';
import { responsesRoutes } from './responses.routes.ts';
import { responsesService } from './responses.service.ts';

/** Wires the 5W matrix (records, pivot, Excel round trip) into the app. */
export function registerResponses(
  app: App,
  deps: { db: Kysely<DB>; organisations: OrganisationsRepository; gazetteer: GazetteerRepository; guard: PeriodGuard },
) {
  const responses = responsesRepository(deps.db);
  const progress = new ImportProgressBoard();
  const pivot = pivotRepository(deps.db);
  // Pivots are read far more often than 5W records change: each is computed once per data version.
  const pivotCache = figuresCache({ dataVersion: pivot.dataVersion, maxEntries: 64 });
  invalidateOnWrites(app, pivotCache);
  const services = {
    responses: responsesService({ ...deps, responses }),
    pivot: pivotService({ pivot, cache: pivotCache }),
    importer: responsesImporter({ db: deps.db, responses, guard: deps.guard, progress }),
    exporter: responsesExporter({ db: deps.db, responses }),
    progress,
  };
  responsesRoutes(app, services);
  return services;
}

/* What this feature offers the others (they reach it only through this module). */
export { type ImportProgressBoard } from './import-progress.ts';
export { pivotLevels, pivotRepository, type PivotRepository } from './pivot.repository.ts';
export { responsesRepository, type ResponsesRepository } from './responses.repository.ts';
