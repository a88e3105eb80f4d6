import type { GapRow } from '../../../shared/contracts/gaps.ts';
import type { AgendaFacts } from '../../../shared/contracts/meetings.ts';
import type { CapacityLeftRow, GapComputation } from '../gaps/gaps.module.ts';
import type { AgendaScope, AgendaSourcesRepository } from './agenda-sources.repository.ts';
import type { NewAgendaEntry, NewAgendaItem } from './agenda.repository.ts';

/** How far the agenda looks: the 30 days of RRM exits, the ten first gaps by priority. */
export const agendaWindows = {
  rrmExitDays: 30,
  assessmentsAheadDays: 30,
  /** "Since the last meeting" when the series has none yet. */
  firstMeetingLookbackDays: 30,
  topGaps: 10,
  maxUpcoming: 30,
  maxRrmExits: 20,
  maxCapacities: 5,
} as const;

export interface AgendaDataSources {
  sources: AgendaSourcesRepository;
  /** The gap engine at a date and horizon, for one region or the whole country. */
  computeGaps: (filters: { at: string; horizonDays: number; region?: string }) => Promise<GapComputation>;
  capacityLeft: (at: string, scope: { region?: string }) => Promise<CapacityLeftRow[]>;
}

const isOpen = (row: GapRow) => (row.status === 'uncovered' || row.status === 'partial') && (row.gap ?? 0) > 0;
const pairKey = (localityId: string, sector: string) => `${localityId}|${sector}`;

/**
 * Fills an agenda from the data at the meeting's date for its regions, upcoming gaps first: the
 * point of the coordination is to give a gap an owner before it opens.
 */
export function agendaBuilder(deps: AgendaDataSources) {
  const { sources, computeGaps, capacityLeft } = deps;

  async function gapRows(scope: AgendaScope): Promise<GapRow[]> {
    const regions = scope.regions.length ? scope.regions : [undefined];
    const results = await Promise.all(regions.map((region) => computeGaps({ at: scope.at, horizonDays: agendaWindows.rrmExitDays, region })));
    return results.flatMap((r) => r.rows);
  }

  async function capacityIndex(scope: AgendaScope): Promise<Map<string, { organisation: string; left: number }[]>> {
    const regions = scope.regions.length ? scope.regions : [undefined];
    const rows = (await Promise.all(regions.map((region) => capacityLeft(scope.at, { region })))).flat();
    const index = new Map<string, { organisation: string; left: number }[]>();
    for (const row of rows) {
      const left = row.declared - row.committed;
      if (left <= 0) continue;
      const key = `${row.region_pcode}|${row.sector}`;
      index.set(key, [...(index.get(key) ?? []), { organisation: row.acronym, left }]);
    }
    for (const list of index.values()) list.sort((a, b) => b.left - a.left || a.organisation.localeCompare(b.organisation));
    return index;
  }

  return {
    async build(scope: AgendaScope): Promise<NewAgendaItem[]> {
      const [rows, capacity, exits, alerts, assessments, actions, lists] = await Promise.all([
        gapRows(scope),
        capacityIndex(scope),
        sources.rrmExits(scope, agendaWindows.rrmExitDays),
        sources.validatedAlerts(scope),
        sources.assessments(scope, agendaWindows.assessmentsAheadDays),
        sources.openActionPoints(scope),
        sources.listCounts(scope),
      ]);
      const capacityOf = (row: GapRow) => (capacity.get(`${String(row.locality.adm1Pcode)}|${row.sector}`) ?? []).slice(0, agendaWindows.maxCapacities);
      const exitsByPair = new Map<string, { organisation: string; endDate: string }[]>();
      for (const exit of exits) {
        const key = pairKey(exit.locality_id, exit.sector);
        exitsByPair.set(key, [...(exitsByPair.get(key) ?? []), { organisation: exit.acronym, endDate: exit.end_date }]);
      }

      const upcoming = rows
        .filter((r) => r.upcoming)
        .sort((a, b) => a.upcoming!.on.localeCompare(b.upcoming!.on) || b.upcoming!.gap - a.upcoming!.gap)
        .slice(0, agendaWindows.maxUpcoming);
      const upcomingPairs = new Set(upcoming.map((r) => pairKey(r.locality.id, r.sector)));
      const upcomingEntries: NewAgendaEntry[] = upcoming.map((r) => ({
        kind: 'gap',
        localityId: r.locality.id,
        sector: r.sector,
        facts: {
          on: r.upcoming!.on,
          gap: r.upcoming!.gap,
          need: r.need,
          coverage: r.upcoming!.coverage,
          rrmEnds: exitsByPair.get(pairKey(r.locality.id, r.sector)) ?? [],
          capacity: capacityOf(r),
        },
      }));
      // RRM exits with nothing left uncovered after them: listed so the meeting sees the handover is in place.
      const coveredExits: NewAgendaEntry[] = exits
        .filter((e) => !upcomingPairs.has(pairKey(e.locality_id, e.sector)))
        .slice(0, agendaWindows.maxRrmExits)
        .map((e) => ({ kind: 'rrm_exit', localityId: e.locality_id, sector: e.sector, alertId: e.alert_id, facts: { label: e.code, organisation: e.acronym, endDate: e.end_date } }));

      const top: NewAgendaEntry[] = rows
        .filter(isOpen)
        .sort((a, b) => (b.priority?.score ?? 0) - (a.priority?.score ?? 0) || (b.gap ?? 0) - (a.gap ?? 0))
        .slice(0, agendaWindows.topGaps)
        .map((r) => ({
          kind: 'gap',
          localityId: r.locality.id,
          sector: r.sector,
          facts: { gap: r.gap, need: r.need, coverage: r.coverage, priority: r.priority?.score ?? null, severity: r.severity, daysUncovered: r.daysUncovered, status: r.status, capacity: capacityOf(r) },
        }));

      const alertEntries: NewAgendaEntry[] = alerts.map((a) => ({
        kind: 'alert',
        localityId: a.locality_id,
        alertId: a.id,
        facts: { label: a.code, households: a.households, shockType: a.shock_type, status: a.status, date: a.validated_on },
      }));

      const assessmentEntries: NewAgendaEntry[] = assessments.map((s) => ({
        kind: 'assessment',
        localityId: s.locality_id,
        assessmentId: s.id,
        facts: { label: s.title, assessmentKind: s.kind, status: s.status, date: s.start_date, endDate: s.end_date, organisation: s.acronym },
      }));

      const actionEntries: NewAgendaEntry[] = actions.map((a) => ({
        kind: 'action_point',
        localityId: a.locality_id,
        sector: a.locality_id ? a.sector : null,
        alertId: a.alert_id,
        actionPointId: a.id,
        facts: {
          label: a.title,
          number: a.number,
          owner: [a.acronym, a.owner_user_name ?? a.owner_name].filter(Boolean).join(' — '),
          dueDate: a.due_date,
          meetingTitle: a.meeting_title,
          meetingDate: a.meeting_date,
        } satisfies AgendaFacts,
      }));

      return [
        { kind: 'upcoming_gaps', title: null, description: null, entries: [...upcomingEntries, ...coveredExits] },
        { kind: 'top_gaps', title: null, description: null, entries: top },
        { kind: 'alerts', title: null, description: null, entries: alertEntries },
        { kind: 'assessments', title: null, description: null, entries: assessmentEntries },
        { kind: 'action_points', title: null, description: null, entries: actionEntries },
        {
          kind: 'lists',
          title: null,
          description: null,
          entries: [
            { kind: 'count', facts: { label: 'lists_received', count: lists.listsReceived, households: lists.householdsReceived } },
            { kind: 'count', facts: { label: 'sharing_pending', count: lists.sharingPending } },
          ],
        },
      ];
    },
  };
}
export type AgendaBuilder = ReturnType<typeof agendaBuilder>;
