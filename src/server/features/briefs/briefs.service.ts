import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { BriefQuery, OutlineCollection } from '../../../shared/contracts/dashboard.ts';
import { sectorLabels } from '../../../shared/sectors.ts';
import { requireAccess } from '../../lib/access.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { maliOutline, type ResolvedScope, type SituationFigures } from '../dashboard/dashboard.module.ts';
import type { GapsService } from '../gaps/gaps.module.ts';
import { type BriefGap, renderBrief, shortSector } from './brief-pdf.ts';
import { briefText } from './brief-text.ts';
import type { ConformityReport } from '../../../shared/contracts/packages.ts';
import type { ConformityService } from '../packages/packages.module.ts';
import type { BriefQuality } from './brief-pdf.ts';

/** The brief's quality lines: the window's totals and the three sectors least following the packages. */
function qualityOf(report: ConformityReport): BriefQuality | null {
  const sum = (key: 'households' | 'withPackage' | 'following') => report.sectors.reduce((n, s) => n + s[key], 0);
  const households = sum('households');
  if (households === 0) return null;
  const weakest = report.sectors
    .filter((s) => s.households > 0)
    .map((s) => ({ sector: s.sector, share: s.withPackage / s.households }))
    .sort((a, b) => a.share - b.share)
    .slice(0, 3);
  return { from: report.from, to: report.to, households, withPackage: sum('withPackage'), following: sum('following'), weakest };
}

/** Gaps a one-page brief has room to explain. */
const topGapCount = 4;
const capacitiesPerGap = 4;

type BriefArea = { name: string | null; polygons: Position[][][] };

function areasOf(collection: OutlineCollection, named = true): BriefArea[] {
  return collection.features.map((f) => {
    const geometry = f.geometry as Polygon | MultiPolygon | null;
    const polygons = !geometry ? [] : geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
    return { name: named ? f.properties.name : null, polygons };
  });
}

/** One-page advocacy briefs for a region or a sector, in French or English, drawn on the server. */
export function briefsService(deps: { situation: SituationFigures; gaps: GapsService; conformity?: ConformityService }) {
  const { situation, gaps, conformity } = deps;

  /** The region's cercles, or the region alone, or every region; Mali's outline when no boundaries were imported. */
  async function shapesOf(scope: ResolvedScope): Promise<BriefArea[]> {
    if (scope.region) {
      const cercles = await situation.boundaries(2, scope.region.pcode);
      if (cercles) return areasOf(cercles);
      const region = (await situation.boundaries(1, null))?.features.filter((f) => f.id === scope.region!.pcode) ?? [];
      if (region.length) return areasOf({ type: 'FeatureCollection', features: region });
    } else {
      const regions = await situation.boundaries(1, null);
      if (regions) return areasOf(regions);
    }
    // Mali's outline alone: no name to write on it.
    return areasOf(maliOutline(), false);
  }

  return {
    async brief(ctx: ServiceContext, query: BriefQuery): Promise<{ pdf: Buffer; fileName: string }> {
      requireAccess(ctx.user, 'dashboard:read');
      const scope = await situation.resolve({ region: query.region, sector: query.sector, at: query.at });
      const text = briefText[query.lang];
      const [summary, map, rows] = [await situation.summary(scope), await situation.map(scope), await situation.gapRows(scope)];

      // The gap explanations speak the brief's language, whatever the reader's own.
      const explainCtx: ServiceContext = { ...ctx, user: { ...ctx.user, language: query.lang } };
      // A gap someone has taken up, or that coordinators accepted, is not one to plead for.
      const ranked = rows
        .filter((r) => ((r.gap ?? 0) > 0 || r.upcoming) && r.followUp?.status !== 'taken_up' && r.followUp?.status !== 'accepted')
        .sort((a, b) => (b.priority?.score ?? 0) - (a.priority?.score ?? 0))
        .slice(0, topGapCount);
      const topGaps: BriefGap[] = [];
      for (const row of ranked) {
        const explanation = await gaps.explain(explainCtx, row.locality.id, row.sector, { at: scope.at });
        topGaps.push({
          locality: row.locality.name,
          place: [row.locality.adm2Name, row.locality.adm1Name].filter(Boolean).join(', '),
          sector: row.sector,
          gap: Math.max(row.gap ?? 0, row.upcoming?.gap ?? 0),
          // The explanation closes on the capacity left in the region: the brief lists it in its own line below.
          sentences: explanation.sentences.slice(0, -1),
          capacities: explanation.matches.filter((m) => m.left > 0).slice(0, capacitiesPerGap).map((m) => ({ acronym: m.organisation.acronym, left: m.left })),
        });
      }

      const titleParts = [scope.region ? text.region(scope.region.name) : text.national, ...(scope.sector ? [text.sector(shortSector(sectorLabels[scope.sector][query.lang]))] : [])];
      const pdf = await renderBrief({
        language: query.lang,
        scopeTitle: titleParts.join(' · '),
        at: scope.at,
        figures: summary.figures,
        coverage: summary.coverageBySector,
        areas: await shapesOf(scope),
        localities: map.localities,
        view: map.bbox,
        topGaps,
        quality: conformity ? qualityOf(await conformity.compute({ region: scope.region?.pcode, sector: scope.sector ?? undefined, to: scope.at.slice(0, 7) })) : null,
        generatedAt: new Date(),
      });
      const name = [scope.region?.pcode, scope.sector, scope.at, query.lang].filter(Boolean).join('-');
      return { pdf, fileName: `relais-note-${name}.pdf` };
    },
  };
}
export type BriefsService = ReturnType<typeof briefsService>;
