import type { Kysely } from 'kysely';
import type { Page } from '../../../shared/contracts/common.ts';
import {
  type Response,
  type ResponseInput,
  type ResponseListQuery,
  type ResponsePatch,
  responseRuleIssues,
} from '../../../shared/contracts/responses.ts';
import { isErrorCode } from '../../../shared/errors.ts';
import { importMessage } from '../../../shared/import-messages.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound, versionConflict } from '../../errors.ts';
import { requireAccess } from '../../lib/access.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { GazetteerRepository } from '../gazetteer/gazetteer.module.ts';
import type { OrganisationsRepository } from '../organisations/organisations.module.ts';
import type { PeriodGuard } from '../periods/periods.module.ts';
import { assertDeliverable } from '../packages/packages.module.ts';
import { accessTargetOf, factsOf, fieldsOf, type ResponseFields, valuesOf, warningsOf } from './response-values.ts';
import type { ResponseRecord, ResponsesRepository, ResponseValues } from './responses.repository.ts';

export interface ResponsesServiceDeps {
  db: Kysely<DB>;
  responses: ResponsesRepository;
  organisations: OrganisationsRepository;
  gazetteer: GazetteerRepository;
  guard: PeriodGuard;
}

const withWarnings = (record: ResponseRecord): Response => ({ ...record, warnings: warningsOf(record) });

export function responsesService(deps: ResponsesServiceDeps) {
  const { db, responses, organisations, gazetteer, guard } = deps;

  /** Refuses what cannot be true (end before start, fewer persons than households), in the user's language. */
  function assertRules(ctx: ServiceContext, values: ResponseValues): void {
    const errors = responseRuleIssues(factsOf(values)).filter((issue) => issue.severity === 'error');
    if (errors.length === 0) return;
    const first = errors[0]!.code;
    throw new AppError(isErrorCode(first) ? first : 'validation_failed', 400, {
      errors: errors.map((e) => ({ path: `body.${e.field}`, message: importMessage(e.code, e.params, ctx.user.language) })),
    });
  }

  async function resolve(trx: Kysely<DB>, ctx: ServiceContext, fields: ResponseFields): Promise<ResponseValues> {
    if (!(await organisations.isActive(trx, fields.organisationId))) throw new AppError('unknown_organisation', 400);
    const locality = await gazetteer.findLocality(trx, fields.localityId);
    if (!locality) throw new AppError('unknown_locality', 400);
    const known = await responses.alertsByIds(trx, fields.alertIds);
    if (known.size !== new Set(fields.alertIds).size) throw new AppError('unknown_alert', 400);
    await assertDeliverable(trx, fields.sector, fields.packageId);
    const values = valuesOf(fields, locality);
    assertRules(ctx, values);
    return values;
  }

  async function found(trx: Kysely<DB>, id: string): Promise<Response> {
    const record = await responses.findRecord(trx, id);
    if (!record) throw notFound();
    return withWarnings(record);
  }

  return {
    async list(ctx: ServiceContext, query: ResponseListQuery): Promise<Page<Response>> {
      requireAccess(ctx.user, 'response:read');
      const page = await responses.list(query);
      return { ...page, items: page.items.map(withWarnings) };
    },

    get(ctx: ServiceContext, id: string): Promise<Response> {
      requireAccess(ctx.user, 'response:read');
      return found(db, id);
    },

    create(ctx: ServiceContext, input: ResponseInput): Promise<Response> {
      const organisationId = input.organisationId ?? ctx.user.organisationId;
      if (!organisationId) throw new AppError('organisation_required', 400);
      requireAccess(ctx.user, 'response:write');
      return db.transaction().execute(async (trx) => {
        const values = await resolve(trx, ctx, { ...input, organisationId });
        requireAccess(ctx.user, 'response:write', accessTargetOf(values));
        await guard.assertOpen(trx, ctx.user, [values.period]);
        const id = await responses.insert(trx, values, ctx.user.id);
        const created = await found(trx, id);
        await recordAudit(trx, ctx, { action: 'create', entity: 'response', entityId: id, after: created });
        return created;
      });
    },

    update(ctx: ServiceContext, id: string, patch: ResponsePatch): Promise<Response> {
      return db.transaction().execute(async (trx) => {
        const stored = await responses.findStored(trx, id);
        if (!stored) throw notFound();
        requireAccess(ctx.user, 'response:write', accessTargetOf(stored));
        const { version, reachedBySexAge, ...changes } = patch;
        const current = fieldsOf(stored);
        const fields: ResponseFields = { ...current, ...changes, reachedBySexAge: { ...current.reachedBySexAge, ...reachedBySexAge } };
        const values = await resolve(trx, ctx, fields);
        requireAccess(ctx.user, 'response:write', accessTargetOf(values));
        await guard.assertOpen(trx, ctx.user, [stored.period, values.period]);
        const before = await found(trx, id);
        if (!(await responses.updateIfVersion(trx, id, version, values, ctx.user.id))) throw versionConflict(before);
        const after = await found(trx, id);
        await recordAudit(trx, ctx, { action: 'update', entity: 'response', entityId: id, before, after });
        return after;
      });
    },

    remove(ctx: ServiceContext, id: string, version: number | undefined): Promise<void> {
      return db.transaction().execute(async (trx) => {
        const stored = await responses.findStored(trx, id);
        if (!stored) throw notFound();
        requireAccess(ctx.user, 'response:write', accessTargetOf(stored));
        await guard.assertOpen(trx, ctx.user, [stored.period]);
        const before = await found(trx, id);
        if (!(await responses.delete(trx, id, version ?? stored.version))) throw versionConflict(before);
        await recordAudit(trx, ctx, { action: 'delete', entity: 'response', entityId: id, before });
      });
    },
  };
}
export type ResponsesService = ReturnType<typeof responsesService>;
