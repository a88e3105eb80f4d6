import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { App } from '../../lib/http.ts';
import type { GapsService } from '../gaps/gaps.module.ts';
import { dossierPdf } from './dossier-pdf.ts';
import { dossierRepository } from './dossier.repository.ts';
import { handoversRepository } from './handovers.repository.ts';
import { handoversRoutes } from './handovers.routes.ts';
import { handoversService } from './handovers.service.ts';
import { programmesRepository } from './programmes.repository.ts';
import { programmesService } from './programmes.service.ts';
import { phaseSettingsRepository } from '../settings/settings.module.ts';

/** The handovers at a locality, for its continuum (alerts) and its gaps' explanations. */
export { handoversRepository };
export type { HandoversRepository, LocalityHandover } from './handovers.repository.ts';

/** Wires the continuum to development (handovers at month 12, their dossiers, development programmes) into the app. */
export function registerHandovers(app: App, deps: { db: Kysely<DB>; gaps: GapsService }) {
  const { db, gaps } = deps;
  const handovers = handoversService({ db, handovers: handoversRepository(db), dossiers: dossierRepository(db), phaseSettings: phaseSettingsRepository(db), gaps });
  const programmes = programmesService({ db, programmes: programmesRepository(db) });
  handoversRoutes(app, { handovers, programmes, pdf: dossierPdf() });
  return { handovers, programmes };
}
