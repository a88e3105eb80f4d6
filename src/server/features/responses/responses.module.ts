import type { Kysely } from 'kysely';
import type { DatabaseKind } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { changeReader } from '../../lib/change-reader.ts';
import type { App } from '../../lib/http.ts';
import { preparedImports } from '../../lib/tabular/prepared.ts';
import type { GazetteerRepository } from '../gazetteer/gazetteer.module.ts';
import type { OrganisationsRepository } from '../organisations/organisations.module.ts';
import type { PeriodGuard } from '../periods/periods.module.ts';
import { ImportProgressBoard } from './import-progress.ts';
import { pivotRepository } from './pivot.repository.ts';
import { pivotState } from './pivot-state.ts';
import { pivotService } from './pivot.service.ts';
import { responsesExporter } from './responses.export.ts';
import { type PreparedResponses, responsesImporter } from './responses.import.ts';
import { responsesRepository } from './responses.repository.ts';
import { responsesRoutes } from './responses.routes.ts';
import { responsesService } from './responses.service.ts';

/** How long a previewed 5W file stays checked and staged for its commit. */
const preparedImportMinutes = 15;

/** Wires the 5W matrix (records, pivot, Excel round trip) into the app. */
export function registerResponses(
  app: App,
  deps: { db: Kysely<DB>; databaseKind: DatabaseKind; organisations: OrganisationsRepository; gazetteer: GazetteerRepository; guard: PeriodGuard },
) {
  const responses = responsesRepository(deps.db);
  const progress = new ImportProgressBoard();
  const prepared = preparedImports<PreparedResponses>(preparedImportMinutes * 60_000);
  app.addHook('onClose', () => prepared.dropAll());
  const pivot = pivotRepository(deps.db);
  // Pivots are read far more often than 5W records change: each is kept, and after a change
  // only the localities changed are read again (the dashboard's trends read them too).
  const pivotFigures = pivotState({ changes: (apply) => changeReader(deps.db, apply), partsByLocality: (...args) => pivot.partsByLocality(...args) });
  const services = {
    responses: responsesService({ ...deps, responses }),
    pivot: pivotService({ pivot, kept: pivotFigures }),
    // A commit right after its preview reuses the preview's work. Without one, on PostgreSQL a large
    // import's records are written while its file is still read: an open transaction makes no reader wait there.
    importer: responsesImporter({ db: deps.db, responses, guard: deps.guard, progress, prepared, writeWhileReading: deps.databaseKind === 'postgresql' }),
    exporter: responsesExporter({ db: deps.db, responses }),
    progress,
    pivotFigures,
  };
  responsesRoutes(app, services);
  return services;
}

/* What this feature offers the others (they reach it only through this module). */
export { type ImportProgressBoard } from './import-progress.ts';
export { pivotLevels } from './pivot.repository.ts';
export type { PivotState } from './pivot-state.ts';
export { responsesRepository, type ResponsesRepository } from './responses.repository.ts';
