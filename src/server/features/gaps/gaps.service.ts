import { PassThrough } from 'node:stream';
import type { Kysely } from 'kysely';
import { type AssessmentKind, assessmentStep } from '../../../shared/contracts/assessments.ts';
import type { Language } from '../../../shared/contracts/common.ts';
import type {
  CapacityMatch,
  ExplainedResponse,
  FollowUpInput,
  FollowUpRecord,
  GapExplanation,
  GapExportQuery,
  GapFilters,
  GapListQuery,
  GapMatrix,
  GapPage,
  GapRow,
} from '../../../shared/contracts/gaps.ts';
import { type CoverageStep, countedResponses, coverageSteps, evaluateGap, type GapSettings, gapFromRecords, type ReportedResponse, stepsFromChanges } from '../../../shared/gaps.ts';
import { addDays, type Phase, type PhaseSettings, phaseAt, shockCalendar, todayIso } from '../../../shared/phases.ts';
import { type Sector, sectors } from '../../../shared/sectors.ts';
import { handoverOverdue } from '../../../shared/handovers.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { seesOrganisationDetail } from '../../../shared/permissions.ts';
import { requireAccess } from '../../lib/access.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { Download } from '../../lib/http.ts';
import { tableContentTypes, tableExtensions, writeTable } from '../../lib/tabular/index.ts';
import type { HandoversRepository } from '../handovers/handovers.module.ts';
import { needPartsOf, needSourceOf, type PairScope } from '../needs/needs.module.ts';
import { localityRefOf } from '../../db/locality-names.ts';
import { explanationSentences } from './explain.ts';
import { matchesFilters, sortRows, summarise, toGapRow } from './gap-list.ts';
import { type GapFileRow, gapColumns } from './gaps.columns.ts';
import type { CapacityLeftRow, GapsRepository } from './gaps.repository.ts';
import type { GapSettingsRepository, PhaseSettingsRepository } from '../settings/settings.module.ts';
import { gapState } from './gap-state.ts';
import { changeReader } from '../../lib/change-reader.ts';

/** Organisations with capacity left, per region and sector. */
function capacityIndex(rows: readonly CapacityLeftRow[]): Map<string, CapacityLeftRow[]> {
  const index = new Map<string, CapacityLeftRow[]>();
  for (const row of rows) {
    const key = `${row.region_pcode}|${row.sector}`;
    const list = index.get(key);
    if (list) list.push(row);
    else index.set(key, [row]);
  }
  return index;
}

/** Capacity rows of one region and sector as matches for a gap of `gap` households. */
function matchesOf(index: Map<string, CapacityLeftRow[]>, region: string | null, sector: string, gap: number): CapacityMatch[] {
  return (index.get(`${String(region)}|${sector}`) ?? [])
    .map((r) => {
      const left = Math.max(r.declared - r.committed, 0);
      return {
        organisation: { id: r.organisation_id, acronym: r.acronym, name: r.name },
        period: r.period,
        declared: r.declared,
        committed: r.committed,
        left,
        fundingStatus: r.funding_status,
        contactName: r.contact_name,
        contactPhone: r.contact_phone,
        contactEmail: r.contact_email,
        coversGap: gap > 0 && left >= gap,
      };
    })
    .sort((a, b) => b.left - a.left || a.organisation.acronym.localeCompare(b.organisation.acronym));
}

/** Phase of each locality's latest shock at `at`. */
function phasesByLocality(shocks: { localityId: string; shockDate: string; validatedOn: string | null }[], at: string, settings: PhaseSettings): Map<string, Phase | null> {
  const latest = new Map<string, { shockDate: string; validatedOn: string | null }>();
  for (const shock of shocks) latest.set(shock.localityId, shock);
  return new Map([...latest].map(([id, shock]) => [id, phaseAt(shock, at, settings)]));
}

function toFollowUp(row: Awaited<ReturnType<GapsRepository['followUps']>>[number]): FollowUpRecord {
  return {
    id: row.id,
    status: row.status as FollowUpRecord['status'],
    comment: row.comment,
    organisation: row.organisation_id ? { id: row.organisation_id, acronym: row.acronym!, name: row.organisation_name! } : null,
    by: row.by_name,
    at: row.created_at.toISOString(),
    decision:
      row.decision_id && row.decision_number !== null && row.meeting_id
        ? { id: row.decision_id, number: row.decision_number, meeting: { id: row.meeting_id, title: row.meeting_title!, date: row.meeting_date! } }
        : null,
  };
}

/** Coverage steps from the engine's changes, 'date=households' joined by commas in no order. */
function stepsOf(list: string | null): CoverageStep[] {
  if (!list) return [];
  return stepsFromChanges(
    list.split(',').map((change) => {
      const at = change.indexOf('=');
      return [change.slice(0, at), Number(change.slice(at + 1))] as const;
    }),
  );
}

/** Each organisation once, in alphabetical order, from the engine's list. */
function acronymsOf(list: string | null): string[] {
  if (!list) return [];
  const acronyms = list.split(',');
  return acronyms.length === 1 ? acronyms : [...new Set(acronyms)].sort((a, b) => a.localeCompare(b));
}

function toFileRow(row: GapRow): GapFileRow {
  return {
    adm1Name: row.locality.adm1Name,
    adm1Code: row.locality.adm1Pcode,
    adm2Name: row.locality.adm2Name,
    adm2Code: row.locality.adm2Pcode,
    adm3Name: row.locality.adm3Name,
    adm3Code: row.locality.adm3Pcode,
    localityName: row.locality.name,
    localityCode: row.locality.pcode,
    sector: row.sector,
    phase: row.phase,
    need: row.need,
    needSource: row.needSource,
    severity: row.severity,
    coverage: row.coverage,
    gap: row.gap,
    ratio: row.ratio === null ? null : Math.round(row.ratio * 1000) / 1000,
    status: row.status,
    openSince: row.openSince,
    daysUncovered: row.daysUncovered,
    upcomingOn: row.upcoming?.on ?? null,
    upcomingGap: row.upcoming?.gap ?? null,
    priority: row.priority?.score ?? null,
    organisations: row.organisations,
    capacityOrganisations: row.capacityOrganisations,
    followUp: row.followUp?.status ?? null,
    followUpComment: row.followUp?.comment ?? null,
  };
}

export interface GapComputation {
  at: string;
  horizonDays: number;
  settings: GapSettings;
  rows: GapRow[];
}

/** A gap row as a reader of aggregated figures sees it: no organisation named, no follow-up note. */
function aggregatedRow(row: GapRow): GapRow {
  return { ...row, organisations: [], followUp: null };
}

/** The rows a user may see: organisation-level detail only for those who read the 5W. */
function rowsFor(user: ServiceContext['user'], rows: GapRow[]): GapRow[] {
  return seesOrganisationDetail(user) ? rows : rows.map(aggregatedRow);
}

export function gapsService(deps: {
  db: Kysely<DB>;
  gaps: GapsRepository;
  gapSettings: GapSettingsRepository;
  phaseSettings: PhaseSettingsRepository;
  /** The handovers of a locality's shocks to development actors, shown in resilience-phase explanations. */
  handovers: Pick<HandoversRepository, 'atLocality'>;
  /** Households assisted per month from beneficiary lists: a coverage source shown in explanations. */
  listCoverage: (localityId: string, sector: Sector) => Promise<{ month: string; households: number; lists: number }[]>;
  /** Above this many changed localities, the kept rows are recomputed whole (see gap-state.ts). */
  maxChangedLocalities?: number;
}) {
  const { db, gaps, gapSettings, phaseSettings, handovers, listCoverage } = deps;

  /**
   * Every locality × sector in scope at `at`: the SQL engine's figures, evaluated by
   * src/shared/gaps.ts, and each region × sector's count of organisations with capacity left
   * (national when the scope is a list of localities: the kept state spreads it to every row).
   */
  /** Each region × sector's count of organisations with capacity left at `at`, in one region or all. */
  async function capacityCounts(at: string, scope: { region?: string; sectors?: readonly string[] }): Promise<Map<string, number>> {
    const capacity = capacityIndex(await gaps.capacityLeft(at, scope));
    return new Map<string, number>([...capacity].map(([key, rows]) => [key, rows.filter((r) => r.declared > r.committed).length]));
  }

  async function evaluateRows(scope: PairScope, at: string, horizonDays: number, settings: GapSettings, phases: PhaseSettings, withCapacity = true): Promise<GapRow[]> {
    // Once here, so the parallel reads below do not each wait to bring the 5W coverage up to date.
    await gaps.refreshCoverage();
    // Independent reads: on PostgreSQL they run side by side on the pool (PGlite runs them in turn).
    const [engineRows, localities, shocks, capacityCount, followUpRows] = await Promise.all([
      gaps.computeAt(at, horizonDays, phases.postRrmUntilMonth, scope),
      gaps.localities(scope),
      gaps.shocksAt(at, scope),
      withCapacity ? capacityCounts(at, { region: scope.region, sectors: scope.sectors }) : new Map<string, number>(),
      gaps.latestFollowUps(scope),
    ]);
    // Lookups per row by locality first: one hash of each row's id, then short keys (27,000 rows nationally).
    const followUps = new Map<string, Map<string, FollowUpRecord>>();
    for (const f of followUpRows) followUps.set(f.locality_id, (followUps.get(f.locality_id) ?? new Map<string, FollowUpRecord>()).set(f.sector, toFollowUp(f)));
    const phaseOf = phasesByLocality(shocks, at, phases);
    const places = new Map([...localities].map(([id, columns]) => [id, { ref: localityRefOf(columns), phase: phaseOf.get(id) ?? null }]));
    return engineRows.map((row) => {
      const need = row.households === null ? null : { households: row.households, severity: row.severity, since: row.since!, parts: needPartsOf(row.parts ?? '') };
      const evaluation = evaluateGap({ need, steps: stepsOf(row.changes) }, at, horizonDays, settings);
      const place = places.get(row.locality_id)!;
      const followUp = followUps.size === 0 ? undefined : followUps.get(row.locality_id)?.get(row.sector);
      return toGapRow({
        locality: place.ref,
        sector: row.sector as Sector,
        phase: place.phase,
        needSource: need ? needSourceOf({ assessed: row.assessed === true, shocks: row.shocks ?? 0 }) : null,
        evaluation,
        activeResponses: row.active_responses,
        organisations: acronymsOf(row.organisations),
        capacityOrganisations: capacityCount.size === 0 ? 0 : (capacityCount.get(`${String(place.ref.adm1Pcode)}|${row.sector}`) ?? 0),
        followUp: followUp ? { status: followUp.status, comment: followUp.comment, organisation: followUp.organisation, by: followUp.by, at: followUp.at } : null,
      });
    });
  }

  /** National rows kept per date and horizon, recomputed only where records changed (see gap-state.ts). */
  const kept = gapState({
    changes: (apply) => changeReader(db, apply),
    evaluate: async (key, localityIds) => {
      const [settings, phases] = await Promise.all([gapSettings.get(), phaseSettings.get()]);
      // A few localities: their capacity counts are recounted by region when a reader needs them.
      return evaluateRows(localityIds ? { localityIds } : {}, key.at, key.horizonDays, settings, phases, localityIds === null);
    },
    capacityCount: async (key, regions) => {
      if (regions === null) return capacityCounts(key.at, {});
      const counts = await Promise.all(regions.map((region) => capacityCounts(key.at, { region })));
      return new Map(counts.flatMap((count) => [...count]));
    },
    maxLocalities: deps.maxChangedLocalities,
  });

  type ComputeFilters = Pick<GapFilters, 'at' | 'horizonDays' | 'region' | 'cercle' | 'localityId' | 'sector'>;

  /** The full computation for the scope, from every record: the reference the kept rows must agree with. */
  async function computeFull(filters: ComputeFilters): Promise<GapComputation> {
    const at = filters.at ?? todayIso();
    const [settings, phases] = await Promise.all([gapSettings.get(), phaseSettings.get()]);
    const horizonDays = filters.horizonDays ?? settings.horizonDays;
    const scope: PairScope = { region: filters.region, cercle: filters.cercle, localityId: filters.localityId, sectors: filters.sector };
    return { at, horizonDays, settings, rows: await evaluateRows(scope, at, horizonDays, settings, phases) };
  }

  /**
   * Every locality × sector in scope at `at`, with every change committed before the call: the
   * kept national rows, filtered to the scope (one locality alone is cheaper computed in full).
   * Without `capacity`, the rows' counts of organisations with capacity left may lag behind the
   * last writes (for figures that do not use them: recounting them costs more than the rest).
   */
  async function compute(filters: ComputeFilters, options: { capacity: boolean } = { capacity: true }): Promise<GapComputation> {
    if (filters.localityId) return computeFull(filters);
    const at = filters.at ?? todayIso();
    const settings = await gapSettings.get();
    const horizonDays = filters.horizonDays ?? settings.horizonDays;
    const national = await kept.rows({ at, horizonDays }, options);
    const sectorsWanted = filters.sector?.length ? new Set<string>(filters.sector) : null;
    const rows =
      filters.region || filters.cercle || sectorsWanted
        ? national.filter(
            (row) =>
              (!filters.region || row.locality.adm1Pcode === filters.region) &&
              (!filters.cercle || row.locality.adm2Pcode === filters.cercle) &&
              (!sectorsWanted || sectorsWanted.has(row.sector)),
          )
        : national;
    return { at, horizonDays, settings, rows };
  }

  return {
    compute,
    computeFull,
    keptStats: kept.stats,

    async list(ctx: ServiceContext, query: GapListQuery): Promise<GapPage> {
      requireAccess(ctx.user, 'gap:read');
      const { at, horizonDays, rows } = await compute(query);
      const listed = sortRows(rowsFor(ctx.user, rows).filter((row) => matchesFilters(row, query)), query.sort);
      const start = (query.page - 1) * query.pageSize;
      return { items: listed.slice(start, start + query.pageSize), total: listed.length, page: query.page, pageSize: query.pageSize, at, horizonDays, summary: summarise(listed) };
    },

    /** Every row matching the filters, sorted (for exports). */
    async listAll(ctx: ServiceContext, filters: GapFilters): Promise<GapComputation> {
      requireAccess(ctx.user, 'gap:read');
      const computation = await compute(filters);
      return { ...computation, rows: sortRows(rowsFor(ctx.user, computation.rows).filter((row) => matchesFilters(row, filters)), filters.sort) };
    },

    async matrix(ctx: ServiceContext, filters: GapFilters): Promise<GapMatrix> {
      requireAccess(ctx.user, 'gap:read');
      const { at, horizonDays, rows } = await compute(filters);
      const listed = sortRows(
        rows.filter((row) => matchesFilters(row, { ...filters, status: undefined, upcoming: undefined, open: undefined, followUp: undefined })),
        'locality',
      );
      const localities: GapMatrix['localities'] = [];
      for (const row of listed) {
        let entry = localities.at(-1);
        if (!entry || entry.locality.id !== row.locality.id) {
          entry = { locality: row.locality, phase: row.phase, cells: [] };
          localities.push(entry);
        }
        entry.cells.push({ sector: row.sector, status: row.status, need: row.need, gap: row.gap, ratio: row.ratio, upcoming: row.upcoming, priority: row.priority?.score ?? null });
      }
      return { at, horizonDays, sectors: filters.sector?.length ? sectors.filter((s) => filters.sector!.includes(s)) : [...sectors], localities };
    },

    /**
     * Every locality × sector at `at` as file rows, in the order of places, without organisation
     * detail whoever asks (the HXL feed: the same columns for every reader).
     */
    async aggregatedFileRows(ctx: ServiceContext, filters: Pick<GapFilters, 'at' | 'region' | 'sector'>): Promise<{ at: string; rows: GapFileRow[] }> {
      requireAccess(ctx.user, 'gap:read');
      const computation = await compute(filters);
      return { at: computation.at, rows: sortRows(computation.rows.map(aggregatedRow), 'locality').map(toFileRow) };
    },

    /** The gap list as XLSX, CSV or HXL CSV, with the list's filters and order. */
    async exportTable(ctx: ServiceContext, query: GapExportQuery, language: Language): Promise<Download> {
      requireAccess(ctx.user, 'gap:read');
      const computation = await compute(query);
      const rows = sortRows(rowsFor(ctx.user, computation.rows).filter((row) => matchesFilters(row, query)), query.sort).map(toFileRow);
      const stream = new PassThrough();
      // Not awaited: the reply reads the stream while it is written.
      void writeTable(stream, { format: query.format, columns: gapColumns, rows, language }).catch((error: Error) => stream.destroy(error));
      return { body: stream, fileName: `gaps-${computation.at}${query.format === 'hxl' ? '-hxl' : ''}${tableExtensions[query.format]}`, contentType: tableContentTypes[query.format] };
    },

    /** A coordinator records that a gap is being advocated, taken up by an organisation, or accepted. */
    async addFollowUp(ctx: ServiceContext, localityId: string, sector: Sector, input: FollowUpInput): Promise<FollowUpRecord> {
      requireAccess(ctx.user, 'gap:manage');
      const locality = await gaps.locality(localityId);
      if (!locality) throw notFound();
      requireAccess(ctx.user, 'gap:manage', { regionPcodes: locality.l_adm1_pcode ? [locality.l_adm1_pcode] : [] });
      if (input.status === 'taken_up' && !input.organisationId) throw new AppError('organisation_required', 400);
      return db.transaction().execute(async (trx) => {
        if (input.organisationId && !(await gaps.organisationIsActive(trx, input.organisationId))) throw new AppError('unknown_organisation', 400);
        if (input.decisionId && !(await gaps.decisionIsAbout(trx, input.decisionId, localityId))) throw new AppError('decision_not_about_locality', 400);
        const id = await gaps.insertFollowUp(trx, { localityId, sector, ...input }, ctx.user.id);
        const created = (await gaps.followUps(trx, localityId, sector)).map(toFollowUp).find((f) => f.id === id)!;
        await recordAudit(trx, ctx, { action: 'create', entity: 'gap_follow_up', entityId: `${localityId}/${sector}`, after: { ...created, localityId, sector } });
        return created;
      });
    },

    async followUps(ctx: ServiceContext, localityId: string, sector: Sector): Promise<{ items: FollowUpRecord[] }> {
      // Follow-up notes are internal and signed: not for readers of aggregated figures.
      requireAccess(ctx.user, 'response:read');
      return { items: (await gaps.followUps(db, localityId, sector)).map(toFollowUp) };
    },

    /** One gap from its records, with every source and the reasons in words. */
    async explain(ctx: ServiceContext, localityId: string, sector: Sector, query: { at?: string; horizonDays?: number }): Promise<GapExplanation> {
      requireAccess(ctx.user, 'gap:read');
      const localityRow = await gaps.locality(localityId);
      if (!localityRow) throw notFound();
      const locality = localityRefOf(localityRow);
      const at = query.at ?? todayIso();
      const [settings, phases] = await Promise.all([gapSettings.get(), phaseSettings.get()]);
      const horizonDays = query.horizonDays ?? settings.horizonDays;
      const records = await gaps.pairRecords(localityId, sector);

      const assessments = records.assessments.map((a) => ({
        assessmentId: a.id,
        step: assessmentStep[a.kind as AssessmentKind],
        date: a.end_date!,
        households: a.households_in_need!,
        severity: a.severity,
      }));
      const msaHouseholds = (s: (typeof records.shocks)[number]) => (s.need ? (s.households_in_need ?? s.households) : 0);
      const shocks = records.shocks.map((s) => ({ alertId: s.id, code: s.code, shockDate: s.shock_date, households: msaHouseholds(s), severity: s.severity }));
      const reported: (ReportedResponse & { kind: 'rrm' | 'post_rrm'; source: ExplainedResponse })[] = [
        ...records.rrm.map((r) => ({
          id: r.id,
          organisationId: r.organisation_id,
          period: null,
          start: r.start_date,
          end: r.end_date,
          households: r.households_reached,
          kind: 'rrm' as const,
          source: { kind: 'rrm' as const, id: r.id, organisation: { id: r.organisation_id, acronym: r.acronym, name: r.organisation_name }, period: null, status: 'rrm', activity: r.package },
        })),
        ...records.reports.map((r) => ({
          id: r.id,
          organisationId: r.organisation_id,
          period: r.period,
          start: r.start_date,
          end: r.end_date,
          households: r.households,
          kind: 'post_rrm' as const,
          source: { kind: 'post_rrm' as const, id: r.id, organisation: { id: r.organisation_id, acronym: r.acronym, name: r.organisation_name }, period: r.period, status: r.status, activity: r.activity },
        })),
      ].map((r) => ({ ...r, source: { ...r.source, start: r.start, end: r.end, countsFrom: null, countsUntil: null, households: r.households, active: false, endsWithinHorizon: false } }));

      const { need, evaluation } = gapFromRecords({ assessments, shocks, responses: reported }, at, horizonDays, settings, phases);
      const counted = countedResponses(reported);
      const until = addDays(at, horizonDays);
      const countedById = new Map(counted.map((c) => [c.response.id, c]));
      const responses: ExplainedResponse[] = reported.map((r) => {
        const c = countedById.get(r.id);
        return {
          ...r.source,
          countsFrom: c?.start ?? null,
          countsUntil: c?.end ?? null,
          active: c !== undefined && c.start <= at && (c.end === null || c.end >= at),
          endsWithinHorizon: c !== undefined && c.end !== null && c.end >= at && c.end < until,
        };
      });
      const active = responses.filter((r) => r.active);
      const [capacity, followUps, shocksAtLocality, fromLists] = [
        await gaps.capacityLeft(at, { region: locality.adm1Pcode ?? undefined, sectors: [sector] }),
        (await gaps.followUps(db, localityId, sector)).map(toFollowUp),
        await gaps.shocksAt(at, { localityId }),
        (await listCoverage(localityId, sector)).filter((m) => m.month <= at.slice(0, 7)),
      ];
      const matches = matchesOf(capacityIndex(capacity), locality.adm1Pcode, sector, Math.max(evaluation.gap ?? 0, evaluation.upcoming?.gap ?? 0));
      const row = toGapRow({
        locality,
        sector,
        phase: phasesByLocality(shocksAtLocality, at, phases).get(localityId) ?? null,
        needSource: need ? (need.assessment ? (need.shocks.length ? 'assessment_and_alerts' : 'assessment') : 'alert') : null,
        evaluation,
        activeResponses: active.length,
        organisations: [...new Set(active.map((r) => r.organisation.acronym))].sort(),
        capacityOrganisations: matches.filter((m) => m.left > 0).length,
        followUp: followUps[0] ? { status: followUps[0].status, comment: followUps[0].comment, organisation: followUps[0].organisation, by: followUps[0].by, at: followUps[0].at } : null,
      });

      const detail = seesOrganisationDetail(ctx.user);
      // In resilience, the needs left are for development actors: the handover of the shock that set the phase.
      const latestShock = shocksAtLocality.at(-1);
      let handover: GapExplanation['handover'] = null;
      if (row.phase === 'resilience' && latestShock) {
        const resilienceFrom = shockCalendar(latestShock.shockDate, phases).resilienceFrom;
        const found = (await handovers.atLocality(localityId, at)).find((h) => h.alertId === latestShock.alertId);
        handover = {
          shock: { alertId: latestShock.alertId, code: latestShock.code, shockDate: latestShock.shockDate },
          resilienceFrom,
          state: found
            ? {
                id: found.id,
                status: found.status,
                overdue: handoverOverdue(found.status, at, resilienceFrom),
                dialogueOpenedOn: found.dialogueOpenedOn,
                planAgreedOn: found.planAgreedOn,
                handedOverOn: found.handedOverOn,
                notTakenUpOn: found.notTakenUpOn,
                actors: found.actors,
                // Notes are internal working notes: not for readers of aggregated figures.
                notes: detail ? found.notes : null,
              }
            : null,
        };
      }
      const countedShockIds = new Set(need?.shocks.map((s) => s.alertId) ?? []);
      const assessmentRecord = need?.assessment ? records.assessments.find((a) => a.id === need.assessment!.assessmentId)! : null;
      const rrmEnds = records.rrm.map((r) => r.end_date).sort();
      const explanation: Omit<GapExplanation, 'sentences' | 'organisationDetail'> = {
        at,
        horizonDays,
        row,
        settings,
        need: {
          assessment: assessmentRecord
            ? {
                id: assessmentRecord.id,
                kind: assessmentRecord.kind as AssessmentKind,
                date: assessmentRecord.end_date!,
                households: assessmentRecord.households_in_need!,
                severity: assessmentRecord.severity,
                title: assessmentRecord.title,
                organisation: { id: assessmentRecord.organisation_id, acronym: assessmentRecord.acronym, name: assessmentRecord.organisation_name },
              }
            : null,
          shocks: records.shocks.map((s) => ({
            alertId: s.id,
            code: s.code,
            shockDate: s.shock_date,
            households: msaHouseholds(s),
            fromMsa: !s.need || s.households_in_need !== null,
            noNeed: !s.need,
            severity: s.severity,
            phase: phaseAt({ shockDate: s.shock_date, validatedOn: s.validated_on }, at, phases),
            rrmEndsOn: shockCalendar(s.shock_date, phases).rrmEndsOn,
            counted: countedShockIds.has(s.id),
          })),
        },
        responses,
        steps: coverageSteps(counted),
        rrmEndsOn: rrmEnds.at(-1) ?? null,
        matches,
        followUps,
        listCoverage: fromLists,
        handover,
      };
      const sentences = explanationSentences(
        {
          at,
          row,
          assessment: explanation.need.assessment && { ...explanation.need.assessment, organisation: explanation.need.assessment.organisation.acronym },
          countedShocks: explanation.need.shocks.filter((s) => s.counted),
          responses,
          rrmEndsOn: explanation.rrmEndsOn,
          matches,
          horizonDays,
          aggregated: !detail,
          listCoverage: fromLists,
          handover,
        },
        ctx.user.language,
      );
      if (detail) return { ...explanation, organisationDetail: true, sentences };
      return { ...explanation, row: aggregatedRow(row), responses: [], matches: [], followUps: [], organisationDetail: false, sentences };
    },
  };
}
export type GapsService = ReturnType<typeof gapsService>;
