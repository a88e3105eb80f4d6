import { createHash } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import { alertFilters } from '../../../shared/contracts/alerts.ts';
import type { Language } from '../../../shared/contracts/common.ts';
import type { FeedName, FeedQuery } from '../../../shared/contracts/feeds.ts';
import { periodEnd, periodOf, periodStart } from '../../../shared/contracts/periods.ts';
import { todayIso } from '../../../shared/phases.ts';
import type { VersionedTable } from '../../db/data-versions.repository.ts';
import { AppError } from '../../errors.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { type ColumnSpec, type RowOf, writeTable } from '../../lib/tabular/index.ts';
import type { registerAlerts } from '../alerts/alerts.module.ts';
import type { registerCapacities } from '../capacities/capacities.module.ts';
import type { registerDashboard } from '../dashboard/dashboard.module.ts';
import type { registerGaps } from '../gaps/gaps.module.ts';
import { alertsFeedColumns, capacitiesFeedColumns, fiveWFeedColumns, gapsFeedColumns, publicFeedColumns } from './feeds.columns.ts';
import type { FeedsRepository } from './feeds.repository.ts';

/** What the feeds read from the features that own the figures (each checks its own permission). */
export interface FeedSources {
  gaps: Pick<ReturnType<typeof registerGaps>['gaps'], 'aggregatedFileRows'>;
  alertFiles: Pick<ReturnType<typeof registerAlerts>['alertFiles'], 'tableRows'>;
  capacities: Pick<ReturnType<typeof registerCapacities>['exporter'], 'rows'>;
  publicPage: Pick<ReturnType<typeof registerDashboard>['publicPage'], 'status' | 'coverageByRegion'>;
}

const gapTables: VersionedTable[] = [
  'admin_areas',
  'alert_msa_findings',
  'alerts',
  'assessment_results',
  'assessments',
  'capacities',
  'localities',
  'responses',
  'rrm_responses',
  'settings',
];

/** The tables each feed is computed from: a change to any of them changes the feed's ETag. */
const sourceTables: Record<FeedName, VersionedTable[]> = {
  '5w': ['admin_areas', 'organisations', 'responses'],
  gaps: gapTables,
  capacities: ['admin_areas', 'capacities', 'organisations'],
  alerts: ['admin_areas', 'alert_msa_findings', 'alerts', 'localities', 'organisations', 'rrm_responses', 'settings'],
  public: gapTables,
};

/** Gaps and public figures are the situation on a day: the month's last, or today for the month under way. */
function situationDay(month: string | undefined, today: string): string {
  if (!month) return today;
  const last = periodEnd(month);
  return last < today ? last : today;
}

/** Whether a feed's content also changes with the date alone (a gap's days uncovered, an alert's phase). */
function changesDaily(feed: FeedName, query: FeedQuery, today: string): boolean {
  if (feed === 'alerts') return true;
  return (feed === 'gaps' || feed === 'public') && situationDay(query.month, today) === today;
}

type FeedRow = Partial<RowOf<readonly ColumnSpec[]>>;
interface Table {
  columns: readonly ColumnSpec[];
  rows: Iterable<FeedRow> | AsyncIterable<FeedRow>;
}

/**
 * The HXL feeds: a validator computed from the data's version alone (cheap, so a 304 costs one
 * small query), and the table itself written as HXL CSV while it is sent.
 */
export function feedsService(deps: { feeds: FeedsRepository; sources: FeedSources }) {
  const { feeds, sources } = deps;

  async function tableOf(feed: FeedName, ctx: ServiceContext | null, query: FeedQuery, language: Language): Promise<Table> {
    const today = todayIso();
    const sectorsAsked = query.sector?.length ? new Set<string>(query.sector) : null;
    switch (feed) {
      case '5w': {
        const rows = await feeds.fiveW({ region: query.region, sector: query.sector, month: query.month });
        return {
          columns: fiveWFeedColumns,
          rows: rows.map((r) => ({
            month: r.month,
            adm1Name: r.adm1_name,
            adm1Code: r.adm1_pcode,
            adm2Name: r.adm2_name,
            adm2Code: r.adm2_pcode,
            adm3Name: r.adm3_name,
            adm3Code: r.adm3_pcode,
            organisation: r.organisation,
            sector: r.sector,
            activities: r.activities,
            localities: r.localities,
            householdsTargeted: r.households_targeted,
            householdsReached: r.households_reached,
            personsTargeted: r.persons_targeted,
            personsReached: r.persons_reached,
          })),
        };
      }
      case 'gaps': {
        const { at, rows } = await sources.gaps.aggregatedFileRows(ctx!, { at: situationDay(query.month, today), region: query.region, sector: query.sector });
        return { columns: gapsFeedColumns, rows: rows.map((row) => ({ at, ...row })) };
      }
      case 'capacities':
        return {
          columns: capacitiesFeedColumns,
          rows: await sources.capacities.rows(ctx!, { region: query.region, sector: query.sector, period: query.month }),
        };
      case 'alerts': {
        const filters = alertFilters.parse({
          region: query.region,
          from: query.month ? periodStart(query.month) : undefined,
          to: query.month ? periodEnd(query.month) : undefined,
          sort: 'alertDate',
        });
        const all = sources.alertFiles.tableRows(ctx!, filters, language);
        async function* rows() {
          for await (const row of all) if (!sectorsAsked || (row.needSectors ?? []).some((s) => sectorsAsked.has(s))) yield row;
        }
        return { columns: alertsFeedColumns, rows: rows() };
      }
      case 'public': {
        const { at, rows } = await sources.publicPage.coverageByRegion({ at: situationDay(query.month, today), region: query.region });
        return {
          columns: publicFeedColumns,
          rows: rows
            .filter((r) => !sectorsAsked || sectorsAsked.has(r.sector))
            .map((r) => ({
              at,
              regionName: r.regionName,
              regionCode: r.regionCode,
              sector: r.sector,
              localities: r.pairs,
              need: r.need,
              covered: r.covered,
              gap: r.gap,
              ratio: r.ratio === null ? null : Math.round(r.ratio * 1000) / 1000,
              openGaps: r.open,
              upcomingGaps: r.upcoming,
            })),
        };
      }
    }
  }

  return {
    /**
     * The feed's validators: a weak ETag from its source tables' versions, the question asked and
     * the language (and today's date when the figures move with it); Last-Modified from the
     * tables' last change (or the start of today). The public feed answers only while the
     * public page is enabled.
     */
    async validator(feed: FeedName, query: FeedQuery, language: Language): Promise<{ etag: string; lastModified: Date }> {
      if (feed === 'public' && !(await sources.publicPage.status()).enabled) throw new AppError('public_page_disabled', 404);
      const today = todayIso();
      if (query.month && query.month > periodOf(today) && (feed === 'gaps' || feed === 'public')) throw new AppError('feed_month_future', 400);
      const daily = changesDaily(feed, query, today);
      const { version, changedAt } = await feeds.stamp(sourceTables[feed]);
      const question = [feed, version, query.region ?? '', [...(query.sector ?? [])].sort().join(','), query.month ?? '', language, daily ? today : ''];
      const etag = `W/"${createHash('sha256').update(JSON.stringify(question)).digest('base64url').slice(0, 27)}"`;
      const startOfToday = new Date(`${today}T00:00:00Z`);
      return { etag, lastModified: daily && startOfToday > changedAt ? startOfToday : changedAt };
    },

    /** The feed as HXL CSV, streamed while it is written. `ctx` is null for the public feed only. */
    async table(feed: FeedName, ctx: ServiceContext | null, query: FeedQuery, language: Language): Promise<Readable> {
      const { columns, rows } = await tableOf(feed, ctx, query, language);
      const body = new PassThrough();
      // Not awaited: the reply reads the stream while it is written.
      writeTable(body, { format: 'hxl', columns, rows, language }).catch((error: unknown) => body.destroy(error as Error));
      return body;
    },
  };
}
export type FeedsService = ReturnType<typeof feedsService>;
