import type { Kysely } from 'kysely';
import { assertDeliverable } from '../packages/packages.module.ts';
import {
  type RrmResponse,
  type RrmResponseInput,
  type RrmResponsePatch,
  rrmResponseViolations,
  statusesOpenToRrmResponses,
} from '../../../shared/contracts/alerts.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound, versionConflict } from '../../errors.ts';
import { requireAccess } from '../../lib/access.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { OrganisationsRepository } from '../organisations/organisations.module.ts';
import type { AlertRecord, AlertsRepository } from './alerts.repository.ts';
import { regionsOf, ruleError } from './alerts.service.ts';
import type { RrmResponsesRepository, RrmResponseValues } from './rrm-responses.repository.ts';

/**
 * RRM responses belong to an alert. Partners record their own organisation's, regional
 * coordinators those of alerts in their regions, coordinators all of them.
 */
export function rrmResponsesService(deps: {
  db: Kysely<DB>;
  alerts: AlertsRepository;
  rrmResponses: RrmResponsesRepository;
  organisations: OrganisationsRepository;
}) {
  const { db, alerts, rrmResponses, organisations } = deps;

  async function alertOf(trx: Kysely<DB>, alertId: string): Promise<AlertRecord> {
    return (await alerts.findById(trx, alertId)) ?? Promise.reject(notFound());
  }

  async function responseOf(trx: Kysely<DB>, alertId: string, responseId: string): Promise<RrmResponse> {
    const response = await rrmResponses.findById(trx, responseId);
    if (!response || response.alertId !== alertId) throw notFound();
    return response;
  }

  function requireWrite(ctx: ServiceContext, alert: AlertRecord, organisationId: string) {
    requireAccess(ctx.user, 'rrm_response:write', { organisationId, regionPcodes: regionsOf(alert.hostLocality) });
  }

  async function checkValues(trx: Kysely<DB>, ctx: ServiceContext, alert: AlertRecord, values: RrmResponseValues) {
    if (!statusesOpenToRrmResponses.includes(alert.status)) throw new AppError('alert_not_validated', 400);
    if (!(await organisations.isActive(trx, values.organisationId))) throw new AppError('unknown_organisation', 400);
    await assertDeliverable(trx, values.sector, values.packageId);
    const violations = rrmResponseViolations(values, alert.shockDate);
    if (violations.length) throw ruleError(ctx, violations);
  }

  return {
    async list(ctx: ServiceContext, alertId: string): Promise<{ items: RrmResponse[] }> {
      // Which organisation responded with what is organisation-level detail: not for readers of aggregated figures.
      requireAccess(ctx.user, 'response:read');
      await alertOf(db, alertId);
      return { items: await rrmResponses.listByAlert(db, alertId) };
    },

    create(ctx: ServiceContext, alertId: string, input: RrmResponseInput): Promise<RrmResponse> {
      requireAccess(ctx.user, 'rrm_response:write');
      const organisationId = input.organisationId ?? ctx.user.organisationId;
      if (!organisationId) throw new AppError('organisation_required', 400);
      return db.transaction().execute(async (trx) => {
        const alert = await alertOf(trx, alertId);
        requireWrite(ctx, alert, organisationId);
        const values = { ...input, organisationId };
        await checkValues(trx, ctx, alert, values);
        const id = await rrmResponses.insert(trx, alertId, values, ctx.user.id);
        const created = (await rrmResponses.findById(trx, id))!;
        await recordAudit(trx, ctx, { action: 'create', entity: 'rrm_response', entityId: id, after: created });
        return created;
      });
    },

    update(ctx: ServiceContext, alertId: string, responseId: string, patch: RrmResponsePatch): Promise<RrmResponse> {
      requireAccess(ctx.user, 'rrm_response:write');
      return db.transaction().execute(async (trx) => {
        const alert = await alertOf(trx, alertId);
        const before = await responseOf(trx, alertId, responseId);
        requireWrite(ctx, alert, before.organisation.id);
        const { version, ...changes } = patch;
        const merged: RrmResponseValues = {
          organisationId: changes.organisationId ?? before.organisation.id,
          sector: changes.sector ?? before.sector,
          package: changes.package !== undefined ? changes.package : before.package,
          packageId: changes.packageId !== undefined ? changes.packageId : (before.packageRef?.id ?? null),
          deliveredValueXof: changes.deliveredValueXof !== undefined ? changes.deliveredValueXof : before.deliveredValueXof,
          deliveredDurationMonths: changes.deliveredDurationMonths !== undefined ? changes.deliveredDurationMonths : before.deliveredDurationMonths,
          missingComponents: changes.missingComponents ?? before.missingComponents,
          startDate: changes.startDate ?? before.startDate,
          endDate: changes.endDate ?? before.endDate,
          householdsReached: changes.householdsReached ?? before.householdsReached,
          personsReached: changes.personsReached ?? before.personsReached,
          modality: changes.modality ?? before.modality,
        };
        requireWrite(ctx, alert, merged.organisationId);
        if (before.version !== version) throw versionConflict(before);
        await checkValues(trx, ctx, alert, merged);
        if (!(await rrmResponses.updateIfVersion(trx, responseId, version, changes))) throw versionConflict(await responseOf(trx, alertId, responseId));
        const after = (await rrmResponses.findById(trx, responseId))!;
        await recordAudit(trx, ctx, { action: 'update', entity: 'rrm_response', entityId: responseId, before, after });
        return after;
      });
    },

    /** Without a version the current one is deleted; with one, a stale version gets 409. */
    remove(ctx: ServiceContext, alertId: string, responseId: string, version: number | undefined): Promise<void> {
      requireAccess(ctx.user, 'rrm_response:write');
      return db.transaction().execute(async (trx) => {
        const alert = await alertOf(trx, alertId);
        const before = await responseOf(trx, alertId, responseId);
        requireWrite(ctx, alert, before.organisation.id);
        if (version !== undefined && version !== before.version) throw versionConflict(before);
        if (!(await rrmResponses.deleteIfVersion(trx, responseId, before.version))) throw versionConflict(await responseOf(trx, alertId, responseId));
        await recordAudit(trx, ctx, { action: 'delete', entity: 'rrm_response', entityId: responseId, before });
      });
    },
  };
}
export type RrmResponsesService = ReturnType<typeof rrmResponsesService>;
