import type { Kysely } from 'kysely';
import {
  type Alert,
  type AlertInput,
  type AlertListQuery,
  type AlertPage,
  type AlertPatch,
  type AlertStatus,
  type AlertTransitionInput,
  alertStatusLabels,
  alertViolations,
  canTransition,
  statusesWithMsa,
  transitionNeedsMsa,
} from '../../../shared/contracts/alerts.ts';
import { type ErrorCode, errorMessage } from '../../../shared/errors.ts';
import { type PhaseSettings, shockStateAt, todayIso } from '../../../shared/phases.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound, versionConflict } from '../../errors.ts';
import { requireAccess } from '../../lib/access.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { OrganisationsRepository } from '../organisations/organisations.module.ts';
import type { AlertRecord, AlertsRepository, AlertValues, StatusChange } from './alerts.repository.ts';
import type { PhaseSettingsRepository } from '../settings/settings.module.ts';

/** The alert as the API returns it: the stored record and where it stands in its continuum at `at`. */
export function toAlert(record: AlertRecord, at: string, settings: PhaseSettings): Alert {
  const { originPcodes: _originPcodes, validatedOn, ...alert } = record;
  const state = shockStateAt(
    { shockDate: record.shockDate, validatedOn, rejected: record.status === 'rejected', firstRrmResponseOn: record.firstRrmResponseOn },
    at,
    settings,
  );
  return {
    ...alert,
    continuum: {
      at,
      phase: state.phase,
      month: state.month,
      rrmEndsOn: state.calendar.rrmEndsOn,
      postRrmFrom: state.calendar.postRrmFrom,
      resilienceFrom: state.calendar.resilienceFrom,
      rrmDaysLeft: state.rrmDaysLeft,
      rrmLate: state.rrmLate,
    },
  };
}

export function regionsOf(locality: { adm1Pcode: string | null }): string[] {
  return locality.adm1Pcode ? [locality.adm1Pcode] : [];
}

/** A 400 naming every broken rule, each message in the user's language; the first rule gives the code. */
export function ruleError(ctx: ServiceContext, violations: { path: string; code: ErrorCode }[]): AppError {
  return new AppError(violations[0]!.code, 400, {
    errors: violations.map((v) => ({ path: `body.${v.path}`, message: errorMessage(v.code, ctx.user.language) })),
  });
}

const statusTimestamp: Partial<Record<AlertStatus, keyof StatusChange>> = {
  verified: 'verifiedAt',
  assessed: 'assessedAt',
  validated: 'validatedAt',
  responded: 'respondedAt',
  closed: 'closedAt',
  rejected: 'rejectedAt',
};

export function alertsService(deps: {
  db: Kysely<DB>;
  alerts: AlertsRepository;
  phaseSettings: PhaseSettingsRepository;
  organisations: OrganisationsRepository;
}) {
  const { db, alerts, phaseSettings, organisations } = deps;

  /** Checks what the schema cannot: references and rules across fields. Returns the host locality's regions. */
  async function checkValues(trx: Kysely<DB>, ctx: ServiceContext, values: AlertValues): Promise<string[]> {
    const locality = await alerts.findLocality(trx, values.hostLocalityId);
    if (!locality) throw new AppError('unknown_locality', 400, { errors: [{ path: 'body.hostLocalityId', message: errorMessage('unknown_locality', ctx.user.language) }] });
    const violations = alertViolations(values, todayIso());
    if (violations.length) throw ruleError(ctx, violations);
    const unknown = await alerts.unknownAdminPcodes(trx, values.originPcodes);
    if (unknown.length) throw new AppError('unknown_admin_area', 400, { detail: unknown.join(', ') });
    if (values.sourceOrganisationId && !(await organisations.isActive(trx, values.sourceOrganisationId))) {
      throw new AppError('unknown_organisation', 400);
    }
    return regionsOf(locality);
  }

  async function current(trx: Kysely<DB>, id: string): Promise<AlertRecord> {
    return (await alerts.findById(trx, id)) ?? Promise.reject(notFound());
  }

  async function view(trx: Kysely<DB>, id: string): Promise<Alert> {
    return toAlert(await current(trx, id), todayIso(), await phaseSettings.get(trx));
  }

  return {
    async list(ctx: ServiceContext, query: AlertListQuery): Promise<AlertPage> {
      requireAccess(ctx.user, 'alert:read');
      const at = query.at ?? todayIso();
      const settings = await phaseSettings.get();
      const [page, summary] = [await alerts.list(query, query, at, settings), await alerts.summary(query, at, settings)];
      return { ...page, items: page.items.map((record) => toAlert(record, at, settings)), summary };
    },

    async get(ctx: ServiceContext, id: string, at?: string): Promise<Alert> {
      requireAccess(ctx.user, 'alert:read');
      return toAlert(await current(db, id), at ?? todayIso(), await phaseSettings.get());
    },

    create(ctx: ServiceContext, input: AlertInput): Promise<Alert> {
      requireAccess(ctx.user, 'alert:manage');
      return db.transaction().execute(async (trx) => {
        const { msaFindings, ...values } = input;
        const regionPcodes = await checkValues(trx, ctx, values);
        requireAccess(ctx.user, 'alert:manage', { regionPcodes });
        const code = await alerts.nextCode(trx, Number(values.alertDate.slice(0, 4)));
        const id = await alerts.insert(trx, code, values, undefined, ctx.user.id);
        await alerts.replaceFindings(trx, id, msaFindings);
        const created = await view(trx, id);
        await recordAudit(trx, ctx, { action: 'create', entity: 'alert', entityId: id, after: created });
        return created;
      });
    },

    update(ctx: ServiceContext, id: string, patch: AlertPatch): Promise<Alert> {
      requireAccess(ctx.user, 'alert:manage');
      return db.transaction().execute(async (trx) => {
        const before = await current(trx, id);
        requireAccess(ctx.user, 'alert:manage', { regionPcodes: regionsOf(before.hostLocality) });
        if (before.version !== patch.version) throw versionConflict(toAlert(before, todayIso(), await phaseSettings.get(trx)));
        const { version, msaFindings, ...changes } = patch;
        const merged: AlertValues = {
          shockType: changes.shockType ?? before.shockType,
          shockDate: changes.shockDate ?? before.shockDate,
          alertDate: changes.alertDate ?? before.alertDate,
          hostLocalityId: changes.hostLocalityId ?? before.hostLocality.id,
          originPcodes: changes.originPcodes ?? before.originPcodes,
          originText: changes.originText !== undefined ? changes.originText : before.originText,
          households: changes.households ?? before.households,
          persons: changes.persons ?? before.persons,
          populationGroup: changes.populationGroup ?? before.populationGroup,
          sourceOrganisationId: changes.sourceOrganisationId !== undefined ? changes.sourceOrganisationId : (before.sourceOrganisation?.id ?? null),
          description: changes.description !== undefined ? changes.description : before.description,
        };
        const regionPcodes = await checkValues(trx, ctx, merged);
        requireAccess(ctx.user, 'alert:manage', { regionPcodes });
        if (!(await alerts.updateIfVersion(trx, id, version, changes))) throw versionConflict(await view(trx, id));
        if (msaFindings?.length === 0 && statusesWithMsa.includes(before.status)) throw new AppError('alert_needs_msa', 400);
        if (msaFindings) await alerts.replaceFindings(trx, id, msaFindings);
        const after = await view(trx, id);
        await recordAudit(trx, ctx, { action: 'update', entity: 'alert', entityId: id, before: toAlert(before, todayIso(), await phaseSettings.get(trx)), after });
        return after;
      });
    },

    transition(ctx: ServiceContext, id: string, input: AlertTransitionInput): Promise<Alert> {
      requireAccess(ctx.user, 'alert:manage');
      return db.transaction().execute(async (trx) => {
        if (!(await alerts.lock(trx, id))) throw notFound();
        const before = await current(trx, id);
        requireAccess(ctx.user, 'alert:manage', { regionPcodes: regionsOf(before.hostLocality) });
        const settings = await phaseSettings.get(trx);
        if (input.version !== undefined && input.version !== before.version) throw versionConflict(toAlert(before, todayIso(), settings));
        const lang = ctx.user.language;
        if (!canTransition(before.status, input.to)) {
          throw new AppError('illegal_status_transition', 400, { detail: `${alertStatusLabels[before.status][lang]} → ${alertStatusLabels[input.to][lang]}` });
        }
        if (input.to === 'rejected' && !input.reason) {
          throw new AppError('rejection_reason_required', 400, { errors: [{ path: 'body.reason', message: errorMessage('rejection_reason_required', lang) }] });
        }
        if (input.to === 'responded' && before.rrmResponseCount === 0) throw new AppError('alert_needs_rrm_response', 400);
        if (transitionNeedsMsa(input.to) && before.msaFindings.length === 0) throw new AppError('alert_needs_msa', 400);
        const at = changeDate(before, input.date);
        const timestampField = statusTimestamp[input.to];
        const change: StatusChange = { status: input.to, ...(timestampField ? { [timestampField]: at } : {}) };
        if (input.to === 'rejected') change.rejectionReason = input.reason;
        await alerts.updateIfVersion(trx, id, before.version, {}, change);
        const after = toAlert(await current(trx, id), todayIso(), settings);
        await recordAudit(trx, ctx, { action: 'update', entity: 'alert', entityId: id, before: toAlert(before, todayIso(), settings), after });
        return after;
      });
    },
  };
}
export type AlertsService = ReturnType<typeof alertsService>;

/**
 * When a status change happened: now, or the day given when it is recorded afterwards. That day
 * cannot come before the alert or the previous dated change, nor after today.
 */
function changeDate(alert: AlertRecord, date: string | undefined): Date {
  if (date === undefined) return new Date();
  const previous = [alert.verifiedAt, alert.assessedAt, alert.validatedAt, alert.respondedAt, alert.closedAt, alert.rejectedAt]
    .filter((t): t is string => t !== null)
    .map((t) => t.slice(0, 10))
    .sort()
    .at(-1);
  if (date < alert.alertDate || (previous !== undefined && date < previous) || date > todayIso()) {
    throw new AppError('transition_date_invalid', 400);
  }
  return new Date(`${date}T00:00:00Z`);
}
