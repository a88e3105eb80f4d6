import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { BriefQuery, OutlineCollection } from '../../../shared/contracts/dashboard.ts';
import { sectorLabels } from '../../../shared/sectors.ts';
import { requireAccess } from '../../lib/access.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { maliOutline } from '../dashboard/mali-outline.ts';
import type { ResolvedScope, SituationFigures } from '../dashboard/situation.ts';
import type { GapsService } from '../gaps/gaps.service.ts';
import { type BriefGap, renderBrief, shortSector } from './brief-pdf.ts';
import { briefText } from './brief-text.ts';

/** Gaps a one-page brief has room to explain. */
const topGapCount = 4;
const capacitiesPerGap = 4;

function polygonsOf(collection: OutlineCollection): Position[][][] {
  return collection.features.flatMap((f) => {
    const geometry = f.geometry as Polygon | MultiPolygon | null;
    if (!geometry) return [];
    return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  });
}

/** One-page advocacy briefs for a region or a sector, in French or English, drawn on the server. */
export function briefsService(deps: { situation: SituationFigures; gaps: GapsService }) {
  const { situation, gaps } = deps;

  /** The region's cercles, or the region alone, or every region; Mali's outline when no boundaries were imported. */
  async function shapesOf(scope: ResolvedScope): Promise<Position[][][]> {
    if (scope.region) {
      const cercles = await situation.boundaries(2, scope.region.pcode);
      if (cercles) return polygonsOf(cercles);
      const region = (await situation.boundaries(1, null))?.features.filter((f) => f.id === scope.region!.pcode) ?? [];
      if (region.length) return polygonsOf({ type: 'FeatureCollection', features: region });
    } else {
      const regions = await situation.boundaries(1, null);
      if (regions) return polygonsOf(regions);
    }
    return polygonsOf(maliOutline());
  }

  return {
    async brief(ctx: ServiceContext, query: BriefQuery): Promise<{ pdf: Buffer; fileName: string }> {
      requireAccess(ctx.user, 'dashboard:read');
      const scope = await situation.resolve({ region: query.region, sector: query.sector, at: query.at });
      const text = briefText[query.lang];
      const [summary, map, rows] = [await situation.summary(scope), await situation.map(scope), await situation.gapRows(scope)];

      // The gap explanations speak the brief's language, whatever the reader's own.
      const explainCtx: ServiceContext = { ...ctx, user: { ...ctx.user, language: query.lang } };
      const ranked = rows
        .filter((r) => (r.gap ?? 0) > 0 || r.upcoming)
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
        shapes: await shapesOf(scope),
        localities: map.localities,
        view: map.bbox,
        topGaps,
        generatedAt: new Date(),
      });
      const name = [scope.region?.pcode, scope.sector, scope.at, query.lang].filter(Boolean).join('-');
      return { pdf, fileName: `relais-note-${name}.pdf` };
    },
  };
}
export type BriefsService = ReturnType<typeof briefsService>;
