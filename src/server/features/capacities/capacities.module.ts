import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { App } from '../../lib/http.ts';
import type { GazetteerRepository } from '../gazetteer/gazetteer.module.ts';
import type { OrganisationsRepository } from '../organisations/organisations.module.ts';
import type { PeriodGuard } from '../periods/periods.module.ts';
import { type ImportProgressBoard, responsesRepository } from '../responses/responses.module.ts';
import { capacitiesExporter } from './capacities.export.ts';
import { capacitiesImporter } from './capacities.import.ts';
import { capacitiesRepository } from './capacities.repository.ts';
import { capacitiesRoutes } from './capacities.routes.ts';
import { capacitiesService } from './capacities.service.ts';

/** The capacity sheet's columns, for the HXL feeds. */
export { capacityColumns } from './capacities.columns.ts';

/** Wires actors' capacities (form, table, per-region summary, Excel round trip) into the app. */
export function registerCapacities(
  app: App,
  deps: { db: Kysely<DB>; organisations: OrganisationsRepository; gazetteer: GazetteerRepository; guard: PeriodGuard; progress: ImportProgressBoard },
) {
  const { db, guard, progress } = deps;
  const capacities = capacitiesRepository(db);
  const responses = responsesRepository(db);
  const services = {
    capacities: capacitiesService({ ...deps, capacities }),
    importer: capacitiesImporter({ db, capacities, responses, guard, progress }),
    exporter: capacitiesExporter({ db, capacities, responses }),
  };
  capacitiesRoutes(app, services);
  return services;
}
