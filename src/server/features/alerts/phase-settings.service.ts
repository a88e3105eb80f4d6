import type { Kysely } from 'kysely';
import type { PhaseSettingsState, PhaseSettingsUpdate } from '../../../shared/contracts/alerts.ts';
import type { DB } from '../../db/schema.ts';
import { versionConflict } from '../../errors.ts';
import { requireAccess } from '../../lib/access.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { PhaseSettingsRepository } from './phase-settings.repository.ts';

export function phaseSettingsService(deps: { db: Kysely<DB>; phaseSettings: PhaseSettingsRepository }) {
  const { db, phaseSettings } = deps;
  return {
    get(ctx: ServiceContext): Promise<PhaseSettingsState> {
      requireAccess(ctx.user, 'alert:read');
      return phaseSettings.get();
    },

    update(ctx: ServiceContext, input: PhaseSettingsUpdate): Promise<PhaseSettingsState> {
      requireAccess(ctx.user, 'settings:manage');
      return db.transaction().execute(async (trx) => {
        const before = await phaseSettings.getForUpdate(trx);
        if (before.version !== input.version) throw versionConflict(before);
        const { version, ...values } = input;
        await phaseSettings.save(trx, { ...values, version: version + 1 });
        const after = await phaseSettings.get(trx);
        await recordAudit(trx, ctx, { action: 'update', entity: 'settings', entityId: 'phases', before, after });
        return after;
      });
    },
  };
}
export type PhaseSettingsService = ReturnType<typeof phaseSettingsService>;
