import type { AssessmentKind } from '../../../shared/contracts/assessments.ts';
import type { Need, NeedQuery } from '../../../shared/contracts/gaps.ts';
import { todayIso } from '../../../shared/phases.ts';
import type { Sector } from '../../../shared/sectors.ts';
import { requireAccess } from '../../lib/access.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { needSourceOf, type NeedsRepository } from './needs.repository.ts';
import { localityRefOf } from '../../db/locality-names.ts';
import type { PhaseSettingsRepository } from '../settings/settings.module.ts';

/** The need that counts per locality × sector at a date, with its source (src/shared/gaps.ts `needAt`). */
export function needsService(deps: { needs: NeedsRepository; phaseSettings: PhaseSettingsRepository }) {
  const { needs, phaseSettings } = deps;
  return {
    async list(ctx: ServiceContext, query: NeedQuery) {
      requireAccess(ctx.user, 'gap:read');
      const at = query.at ?? todayIso();
      const { postRrmUntilMonth } = await phaseSettings.get();
      const { rows, total } = await needs.list(at, postRrmUntilMonth, { ...query, sectors: query.sector, sources: query.source }, query);
      const items: Need[] = rows.map((row) => ({
        locality: localityRefOf(row),
        sector: row.sector as Sector,
        households: row.households,
        severity: row.severity,
        since: row.since,
        source: needSourceOf({ assessed: row.assessment_id !== null, shocks: row.shocks }),
        assessment:
          row.assessment_id === null
            ? null
            : { id: row.assessment_id, kind: row.assessment_kind as AssessmentKind, date: row.assessment_date!, households: row.assessment_households!, severity: row.assessment_severity },
        shocks: row.shocks,
        shockHouseholds: row.shock_households,
      }));
      return { items, total, page: query.page, pageSize: query.pageSize, at };
    },
  };
}
export type NeedsService = ReturnType<typeof needsService>;
