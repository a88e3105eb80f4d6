import { assessmentKinds, assessmentStep, type TrackerPage, type TrackerQuery, type TrackerRow } from '../../../shared/contracts/assessments.ts';
import { type PhaseSettings, phaseAt, todayIso } from '../../../shared/phases.ts';
import { requireAccess } from '../../lib/access.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { TrackerLocality, TrackerRepository } from './tracker.repository.ts';
import type { PhaseSettingsRepository } from '../settings/settings.module.ts';

/** Where one locality stands in the sequence of three assessments at `at`. */
export function trackerRowOf(entry: TrackerLocality, at: string, settings: PhaseSettings): TrackerRow {
  const happened = entry.shocks.filter((s) => s.shockDate <= at);
  const latest = happened.at(-1);
  const phaseOf = (s: { shockDate: string; validatedOn: string | null }) => phaseAt(s, at, settings);
  const latestInPostRrm = happened.filter((s) => phaseOf(s) === 'post_rrm').at(-1);
  const latestOfKind = (kind: (typeof assessmentKinds)[number]) => {
    const found = entry.assessments.filter((a) => a.kind === kind).at(-1);
    return found ? { id: found.id, status: found.status, startDate: found.startDate, endDate: found.endDate, organisation: found.organisation } : null;
  };
  const stepDone = Math.max(0, ...entry.assessments.filter((a) => a.status === 'done').map((a) => assessmentStep[a.kind]));
  return {
    locality: entry.locality,
    phase: latest ? phaseOf(latest) : null,
    latestShockDate: latest?.shockDate ?? null,
    territorial: latestOfKind('territorial'),
    multisector: latestOfKind('multisector'),
    impact: latestOfKind('impact'),
    stepDone,
    nextKind: assessmentKinds[stepDone] ?? null,
    nonePlanned: latestInPostRrm !== undefined && !entry.assessments.some((a) => a.startDate >= latestInPostRrm.shockDate),
  };
}

export function trackerService(deps: { tracker: TrackerRepository; phaseSettings: PhaseSettingsRepository }) {
  const { tracker, phaseSettings } = deps;
  return {
    async list(ctx: ServiceContext, query: TrackerQuery): Promise<TrackerPage> {
      requireAccess(ctx.user, 'gap:read');
      const at = query.at ?? todayIso();
      const settings = await phaseSettings.get();
      const rows = (await tracker.list(query))
        .map((entry) => trackerRowOf(entry, at, settings))
        .filter((row) => !query.phase || row.phase === query.phase)
        .filter((row) => query.nonePlanned === undefined || row.nonePlanned === (query.nonePlanned === 'true'));
      const stepDone = [0, 0, 0, 0];
      for (const row of rows) stepDone[row.stepDone]! += 1;
      const start = (query.page - 1) * query.pageSize;
      return {
        items: rows.slice(start, start + query.pageSize),
        total: rows.length,
        page: query.page,
        pageSize: query.pageSize,
        at,
        summary: {
          localities: rows.length,
          postRrm: rows.filter((r) => r.phase === 'post_rrm').length,
          nonePlanned: rows.filter((r) => r.nonePlanned).length,
          stepDone,
        },
      };
    },
  };
}
export type TrackerService = ReturnType<typeof trackerService>;
