import { type ConformityQuery, type ConformityReport, type ConformitySummary, deviationOf } from '../../../shared/contracts/packages.ts';
import { addPeriods, periodOf, periodStart } from '../../../shared/contracts/periods.ts';
import { type Sector, sectors } from '../../../shared/sectors.ts';
import { requireAccess } from '../../lib/access.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { ConformityRepository } from './conformity.repository.ts';

/**
 * How far the response follows the endorsed packages: per sector, region and month, the
 * households reached through a response naming an endorsed package (a version superseded since
 * still counts: it was the standard when the response was planned), those delivered in full, and
 * every response that fell short, by how much.
 */
export function conformityService(deps: { conformity: ConformityRepository }) {
  const { conformity } = deps;
  const service = {
    /** The dashboard's figure: the share per sector, aggregated, for anyone who reads the dashboard. */
    async summary(ctx: ServiceContext, query: ConformityQuery): Promise<ConformitySummary> {
      requireAccess(ctx.user, 'dashboard:read');
      const { from, to, sectors: bySector } = await service.compute(query);
      return { from, to, sectors: bySector };
    },

    report(ctx: ServiceContext, query: ConformityQuery): Promise<ConformityReport> {
      requireAccess(ctx.user, 'package:conformity');
      return service.compute(query);
    },

    async compute(query: ConformityQuery, today = new Date().toISOString().slice(0, 10)): Promise<ConformityReport> {
      const to = query.to ?? periodOf(today);
      const from = query.from ?? addPeriods(to, -5);
      const filters = { sector: query.sector, region: query.region, from: periodStart(from), to: periodStart(to) };
      const [totals, deliveries] = await Promise.all([conformity.totals(filters), conformity.deliveries(filters)]);

      const cellKey = (sector: string, region: string, period: string) => `${sector}|${region}|${period}`;
      const cells = new Map<string, ConformityReport['cells'][number]>();
      for (const t of totals) {
        cells.set(cellKey(t.sector, t.region_pcode, t.period), {
          sector: t.sector as Sector,
          regionPcode: t.region_pcode,
          regionName: t.region_name,
          period: t.period,
          households: Number(t.households),
          withPackage: 0,
          following: 0,
          responses: 0,
          deviating: 0,
        });
      }
      const deviating: ConformityReport['deviating'] = [];
      const usage = new Map<string, ConformityReport['usage'][number]>();
      for (const d of deliveries) {
        if (d.package_status !== 'endorsed' && d.package_status !== 'superseded') continue;
        const deviation = deviationOf(
          { transferValueXof: d.transfer_value_xof, durationMonths: d.duration_months, components: d.components as { item: string }[] },
          {
            deliveredValueXof: d.delivered_value_xof,
            deliveredDurationMonths: d.delivered_duration_months,
            missingComponents: d.missing_components,
          },
        );
        if (d.kind === '5w') {
          const cell = cells.get(cellKey(d.sector, d.region_pcode ?? '', d.period));
          if (cell) {
            cell.withPackage += d.households;
            cell.responses += 1;
            if (deviation.follows) cell.following += d.households;
            else cell.deviating += 1;
          }
        }
        const key = `${d.organisation}|${d.package_id}`;
        const use = usage.get(key) ?? {
          organisation: d.organisation,
          packageId: d.package_id,
          packageName: d.package_name,
          revision: d.revision,
          sector: d.sector as Sector,
          responses: 0,
          households: 0,
          deviating: 0,
        };
        usage.set(key, use);
        use.responses += 1;
        use.households += d.households;
        if (!deviation.follows) {
          use.deviating += 1;
          deviating.push({
            id: d.id,
            kind: d.kind,
            period: d.period,
            organisation: d.organisation,
            sector: d.sector as Sector,
            regionName: d.region_name,
            locality: d.locality,
            households: d.households,
            package: {
              id: d.package_id,
              name: d.package_name,
              revision: d.revision,
              transferValueXof: d.transfer_value_xof,
              durationMonths: d.duration_months,
            },
            deliveredValueXof: d.delivered_value_xof,
            deliveredDurationMonths: d.delivered_duration_months,
            deviation,
          });
        }
      }
      const order = (s: string) => sectors.indexOf(s as Sector);
      const cellList = [...cells.values()].sort(
        (a, b) => order(a.sector) - order(b.sector) || a.regionPcode.localeCompare(b.regionPcode) || a.period.localeCompare(b.period),
      );
      const bySector = sectors
        .map((sector) => {
          const mine = cellList.filter((c) => c.sector === sector);
          return {
            sector,
            households: mine.reduce((n, c) => n + c.households, 0),
            withPackage: mine.reduce((n, c) => n + c.withPackage, 0),
            following: mine.reduce((n, c) => n + c.following, 0),
            deviating: mine.reduce((n, c) => n + c.deviating, 0),
          };
        })
        .filter((s) => !query.sector || s.sector === query.sector);
      return {
        from,
        to,
        cells: cellList,
        sectors: bySector,
        deviating: deviating.sort((a, b) => b.deviation.valueShortfall - a.deviation.valueShortfall || b.households - a.households),
        usage: [...usage.values()].sort((a, b) => a.organisation.localeCompare(b.organisation) || order(a.sector) - order(b.sector)),
      };
    },
  };
  return service;
}
export type ConformityService = ReturnType<typeof conformityService>;
