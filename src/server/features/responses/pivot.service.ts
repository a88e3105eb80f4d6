import type { Language } from '../../../shared/contracts/common.ts';
import type { PivotDimension, PivotHeader, PivotQuery, PivotResult } from '../../../shared/contracts/responses.ts';
import { seesOrganisationDetail } from '../../../shared/permissions.ts';
import { isSector, sectorLabels, sectors } from '../../../shared/sectors.ts';
import { AppError } from '../../errors.ts';
import { requireAccess } from '../../lib/access.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { type PivotRepository, pivotLevels, type PivotRow } from './pivot.repository.ts';
import type { PivotState } from './pivot-state.ts';

const notGiven: Record<Language, string> = { fr: 'Non renseigné', en: 'Not given' };

const figuresOf = ({ actors, records, householdsTargeted, householdsReached }: PivotRow) => ({ actors, records, householdsTargeted, householdsReached });
const emptyFigures = { actors: 0, records: 0, householdsTargeted: 0, householdsReached: 0 };

export function pivotService(deps: { pivot: PivotRepository; kept: PivotState }) {
  const { pivot, kept } = deps;

  async function headers(dimension: PivotDimension, keys: (string | null)[], language: Language): Promise<PivotHeader[]> {
    const present = keys.filter((k): k is string => k !== null);
    let labelled: PivotHeader[];
    if (dimension === 'organisation') {
      const acronyms = await pivot.organisationAcronyms(present);
      labelled = present.map((key) => ({ key, label: acronyms.get(key) ?? key })).sort((a, b) => a.label.localeCompare(b.label, 'fr'));
    } else if (dimension === 'sector') {
      labelled = present
        .map((key) => ({ key, label: isSector(key) ? sectorLabels[key][language] : key }))
        .sort((a, b) => sectors.indexOf(a.key as never) - sectors.indexOf(b.key as never));
    } else if (dimension === 'month') {
      labelled = present.sort().map((key) => ({ key, label: key }));
    } else {
      const names = await pivot.areaNames(present);
      labelled = present.sort().map((key) => ({ key, label: names.get(key) ?? key }));
    }
    return keys.includes(null) ? [...labelled, { key: null, label: notGiven[language] }] : labelled;
  }

  return {
    /** Aggregated figures only: anyone who may read dashboards may read the pivot. */
    async pivot(ctx: ServiceContext, query: PivotQuery, language: Language): Promise<PivotResult> {
      requireAccess(ctx.user, 'dashboard:read');
      const { rows, cols, ...filters } = query;
      if (rows === cols) throw new AppError('pivot_same_dimension', 400);
      // Aggregated by place, sector and month for everyone; by organisation only for those who read the records.
      if (!seesOrganisationDetail(ctx.user) && (rows === 'organisation' || cols === 'organisation' || filters.organisationId !== undefined)) {
        throw new AppError('pivot_organisation_detail', 403);
      }
      const figures = await kept.figures(rows, cols, filters);
      const at = (level: number) => figures.filter((f) => f.level === level);
      const rowTotals = at(pivotLevels.rowTotal);
      const colTotals = at(pivotLevels.colTotal);
      const total = at(pivotLevels.total)[0];
      return {
        rows,
        cols,
        rowHeaders: await headers(rows, rowTotals.map((f) => f.row), language),
        colHeaders: await headers(cols, colTotals.map((f) => f.col), language),
        cells: at(pivotLevels.cell).map((f) => ({ row: f.row, col: f.col, ...figuresOf(f) })),
        rowTotals: rowTotals.map((f) => ({ row: f.row, ...figuresOf(f) })),
        colTotals: colTotals.map((f) => ({ col: f.col, ...figuresOf(f) })),
        total: total ? figuresOf(total) : emptyFigures,
      };
    },
  };
}
export type PivotService = ReturnType<typeof pivotService>;
