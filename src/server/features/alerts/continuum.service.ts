import type { Kysely } from 'kysely';
import type { LocalityContinuum } from '../../../shared/contracts/alerts.ts';
import { continuumAt, phaseSegments, todayIso } from '../../../shared/phases.ts';
import type { Sector } from '../../../shared/sectors.ts';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../errors.ts';
import { requireAccess } from '../../lib/access.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { AlertsRepository } from './alerts.repository.ts';
import type { ContinuumRepository } from './continuum.repository.ts';
import type { PhaseSettingsRepository } from './phase-settings.repository.ts';
import type { RrmResponsesRepository } from './rrm-responses.repository.ts';

/** The continuum of one locality: each of its shocks in its own phase, and the responses there. */
export function continuumService(deps: {
  db: Kysely<DB>;
  alerts: AlertsRepository;
  rrmResponses: RrmResponsesRepository;
  phaseSettings: PhaseSettingsRepository;
  continuum: ContinuumRepository;
}) {
  const { db, alerts, rrmResponses, phaseSettings, continuum } = deps;

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
      // Households reached by the RRM, per sector: each shock displaced other families, so they add up.
      // The 5W's coverage over time is the gap engine's business (months describe the same families).
      const reached = new Map<Sector, number>();
      for (const r of rrm) {
        if (r.startDate <= at) reached.set(r.sector, (reached.get(r.sector) ?? 0) + (r.householdsReached ?? 0));
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
        })),
        responses,
        milestones,
        figures: {
          displacedHouseholds: happened.reduce((sum, s) => sum + s.shock.households, 0),
          displacedPersons: happened.reduce((sum, s) => sum + s.shock.persons, 0),
          reachedHouseholdsBySector: [...reached].map(([sector, households]) => ({ sector, households })),
        },
      };
    },
  };
}
export type ContinuumService = ReturnType<typeof continuumService>;
