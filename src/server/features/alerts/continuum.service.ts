import type { Kysely } from 'kysely';
import type { HandoverSummary, LocalityContinuum } from '../../../shared/contracts/alerts.ts';
import { handoverOverdue } from '../../../shared/handovers.ts';
import { continuumAt, phaseSegments, todayIso } from '../../../shared/phases.ts';
import type { Sector } from '../../../shared/sectors.ts';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../errors.ts';
import { seesOrganisationDetail } from '../../../shared/permissions.ts';
import { requireAccess } from '../../lib/access.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { AlertsRepository } from './alerts.repository.ts';
import type { ContinuumRepository } from './continuum.repository.ts';
import type { RrmResponsesRepository } from './rrm-responses.repository.ts';
import type { HandoversRepository, LocalityHandover } from '../handovers/handovers.module.ts';
import type { PhaseSettingsRepository } from '../settings/settings.module.ts';

type ContinuumBar = LocalityContinuum['responses'][number];

/**
 * The responses as a reader of aggregated figures sees them: one bar per kind, shock and sector,
 * from the first start to the last end, households summed across organisations (within one
 * sector they add up), no organisation, record, package or modality.
 */
function aggregatedBars(responses: readonly ContinuumBar[]): ContinuumBar[] {
  const bars = new Map<string, ContinuumBar>();
  for (const r of responses) {
    const key = [r.kind, r.alertId, r.sector].join('|');
    const bar = bars.get(key);
    if (!bar) {
      bars.set(key, { ...r, id: null, organisation: null, package: null, modality: null });
      continue;
    }
    bar.start = r.start < bar.start ? r.start : bar.start;
    bar.end = bar.end === null || r.end === null ? null : r.end > bar.end ? r.end : bar.end;
    bar.householdsReached = r.householdsReached === null ? bar.householdsReached : (bar.householdsReached ?? 0) + r.householdsReached;
    bar.personsReached = r.personsReached === null ? bar.personsReached : (bar.personsReached ?? 0) + r.personsReached;
  }
  return [...bars.values()].sort((a, b) => a.start.localeCompare(b.start));
}

/** A shock's handover as its timeline shows it, overdue counted at `at`. */
function handoverSummaryOf(handover: LocalityHandover | undefined, at: string, resilienceFrom: string): HandoverSummary | null {
  if (!handover) return null;
  const { alertId: _alert, code: _code, shockDate: _shock, notes: _notes, ...summary } = handover;
  return { ...summary, overdue: handoverOverdue(summary.status, at, resilienceFrom) };
}

/** The continuum of one locality: each of its shocks in its own phase, and the responses there. */
export function continuumService(deps: {
  db: Kysely<DB>;
  alerts: AlertsRepository;
  rrmResponses: RrmResponsesRepository;
  phaseSettings: PhaseSettingsRepository;
  continuum: ContinuumRepository;
  handovers: Pick<HandoversRepository, 'atLocality'>;
}) {
  const { db, alerts, rrmResponses, phaseSettings, continuum, handovers } = deps;

  return {
    async ofLocality(ctx: ServiceContext, localityId: string, at: string = todayIso()): Promise<LocalityContinuum> {
      requireAccess(ctx.user, 'alert:read');
      const locality = await alerts.findLocality(db, localityId);
      if (!locality) throw notFound();
      const settings = await phaseSettings.get();
      const shocks = await alerts.findShocksAtLocality(db, localityId);
      const rrm = await rrmResponses.listByLocality(db, localityId);
      const postRrm = await continuum.postRrmActivities(localityId, at);
      const assessments = await continuum.assessmentMilestones(localityId);
      const handoverOf = new Map((await handovers.atLocality(localityId)).map((h) => [h.alertId, h]));

      const states = continuumAt(shocks, at, settings);
      const responses = [
        ...rrm.map((r) => ({ kind: 'rrm' as const, ...r })),
        ...postRrm.map((r) => ({ kind: 'post_rrm' as const, ...r })),
      ].map(({ kind, startDate, endDate, ...r }) => ({
        kind,
        id: r.id,
        alertId: r.alertId,
        organisation: r.organisation,
        sector: r.sector,
        package: r.package,
        start: startDate,
        end: endDate,
        householdsReached: r.householdsReached,
        personsReached: r.personsReached,
        modality: r.modality,
      }));

      const happened = states.filter((s) => s.phase !== null);
      const shown = seesOrganisationDetail(ctx.user) ? responses : aggregatedBars(responses);
      // Households reached by the RRM, per sector: each shock displaced other families, so they add up.
      // The 5W's coverage over time is the gap engine's business (months describe the same families).
      const reached = new Map<Sector, { sector: Sector; households: number; postRrmHouseholds: number }>();
      const ofSector = (sector: Sector) => reached.get(sector) ?? reached.set(sector, { sector, households: 0, postRrmHouseholds: 0 }).get(sector)!;
      for (const r of rrm) {
        if (r.startDate <= at) ofSector(r.sector).households += r.householdsReached ?? 0;
      }
      // Post-RRM: the activities running on `at`, each by its latest report (organisations add up within a sector).
      for (const r of postRrm) {
        if (r.startDate <= at && (r.endDate === null || r.endDate >= at)) ofSector(r.sector).postRrmHouseholds += r.householdsReached ?? 0;
      }
      const milestones = assessments.map((a) => ({
        kind: `${a.kind}_assessment` as const,
        id: a.id,
        date: a.date,
        // Language-neutral: the web names the kind of assessment in the reader's language.
        label: a.organisation,
      }));

      return {
        locality,
        at,
        settings,
        shocks: states.map(({ shock, ...state }) => ({
          alert: {
            id: shock.id,
            code: shock.code,
            shockType: shock.shockType,
            shockDate: shock.shockDate,
            alertDate: shock.alertDate,
            validatedOn: shock.validatedOn,
            status: shock.status,
            households: shock.households,
            persons: shock.persons,
            populationGroup: shock.populationGroup,
          },
          phase: state.phase,
          month: state.month,
          rrmEndsOn: state.calendar.rrmEndsOn,
          postRrmFrom: state.calendar.postRrmFrom,
          resilienceFrom: state.calendar.resilienceFrom,
          rrmDaysLeft: state.rrmDaysLeft,
          rrmLate: state.rrmLate,
          segments: phaseSegments(shock, settings),
          handover: handoverSummaryOf(handoverOf.get(shock.id), at, state.calendar.resilienceFrom),
        })),
        responses: shown,
        milestones,
        figures: {
          displacedHouseholds: happened.reduce((sum, s) => sum + s.shock.households, 0),
          displacedPersons: happened.reduce((sum, s) => sum + s.shock.persons, 0),
          reachedHouseholdsBySector: [...reached.values()],
        },
      };
    },
  };
}
export type ContinuumService = ReturnType<typeof continuumService>;
