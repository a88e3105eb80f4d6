import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Organisation, OrganisationInput, organisationListQuery, organisationPatch } from '../../../shared/contracts/organisations.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound, versionConflict } from '../../errors.ts';
import { requireAccess } from '../../lib/access.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { OrganisationsRepository } from './organisations.repository.ts';

export function organisationsService(deps: { db: Kysely<DB>; organisations: OrganisationsRepository }) {
  const { db, organisations } = deps;

  return {
    list(ctx: ServiceContext, query: z.infer<typeof organisationListQuery>) {
      requireAccess(ctx.user, 'organisation:read');
      return organisations.list(query);
    },

    async get(ctx: ServiceContext, id: string): Promise<Organisation> {
      requireAccess(ctx.user, 'organisation:read');
      return (await organisations.findById(db, id)) ?? Promise.reject(notFound());
    },

    create(ctx: ServiceContext, input: OrganisationInput): Promise<Organisation> {
      requireAccess(ctx.user, 'organisation:manage');
      return db.transaction().execute(async (trx) => {
        if (await organisations.acronymExists(trx, input.acronym)) throw new AppError('acronym_taken', 409);
        const created = await organisations.insert(trx, input);
        await recordAudit(trx, ctx, { action: 'create', entity: 'organisation', entityId: created.id, after: created });
        return created;
      });
    },

    update(ctx: ServiceContext, id: string, patch: z.infer<typeof organisationPatch>): Promise<Organisation> {
      requireAccess(ctx.user, 'organisation:manage');
      return db.transaction().execute(async (trx) => {
        const before = await organisations.findById(trx, id);
        if (!before) throw notFound();
        if (patch.acronym && (await organisations.acronymExists(trx, patch.acronym, id))) throw new AppError('acronym_taken', 409);
        const { version, ...values } = patch;
        const after = await organisations.updateIfVersion(trx, id, version, values);
        if (!after) throw versionConflict(before);
        await recordAudit(trx, ctx, { action: 'update', entity: 'organisation', entityId: id, before, after });
        return after;
      });
    },
  };
}
export type OrganisationsService = ReturnType<typeof organisationsService>;
