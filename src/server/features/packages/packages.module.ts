import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { App } from '../../lib/http.ts';
import { conformityRepository } from './conformity.repository.ts';
import { conformityService } from './conformity.service.ts';
import { methodAttachmentsRepository } from './method-attachments.repository.ts';
import { methodAttachmentsService } from './method-attachments.service.ts';
import { packagesRepository } from './packages.repository.ts';
import { packagesRoutes } from './packages.routes.ts';
import { harmonisedService } from './packages.service.ts';

/** Wires harmonised sector packages and methods, and the conformity of responses to them, into the app. */
export function registerPackages(app: App, deps: { db: Kysely<DB> }) {
  const { db } = deps;
  const packages = packagesRepository(db);
  const attachments = methodAttachmentsRepository();
  const services = {
    packages: harmonisedService('package', { db, packages }),
    methods: harmonisedService('method', { db, packages, attachments }),
    methodAttachments: methodAttachmentsService({ db, packages, attachments }),
    conformity: conformityService({ conformity: conformityRepository(db) }),
  };
  packagesRoutes(app, services);
  return services;
}

/* What this feature offers the others (they reach it only through this module). */
export { conformityRepository } from './conformity.repository.ts';
export { conformityService, type ConformityService } from './conformity.service.ts';
export { assertDeliverable, packageCellIndex, packageLabel } from './package-delivery.ts';
