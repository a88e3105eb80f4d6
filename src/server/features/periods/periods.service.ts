import type { Kysely } from 'kysely';
import { addPeriods, type PeriodLockInput, type ReportingPeriod, periodOf, periodRange } from '../../../shared/contracts/periods.ts';
import { can, seesOrganisationDetail } from '../../../shared/permissions.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound, versionConflict } from '../../errors.ts';
import { requireAccess } from '../../lib/access.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ServiceContext, SessionUser } from '../../lib/context.ts';
import type { PeriodsRepository } from './periods.repository.ts';

const maxListedMonths = 120;

/**
 * Refuses a change to records of a locked month, unless the user may override locks (admins).
 * Called by the 5W and capacity services inside their transaction, before writing.
 */
export function periodGuard(periods: PeriodsRepository) {
  return {
    async assertOpen(trx: Kysely<DB>, user: SessionUser, months: Iterable<string>): Promise<void> {
      if (can(user, 'period:override_lock')) return;
      const locked = await periods.lockedAmong(trx, [...new Set(months)]);
      if (locked.length > 0) throw new AppError('period_locked', 423, { detail: locked.join(', ') });
    },
    /** The locked months among these for this user (none for admins), to report row by row. */
    async lockedFor(trx: Kysely<DB>, user: SessionUser, months: Iterable<string>): Promise<Set<string>> {
      if (can(user, 'period:override_lock')) return new Set();
      return new Set(await periods.lockedAmong(trx, [...new Set(months)]));
    },
  };
}
export type PeriodGuard = ReturnType<typeof periodGuard>;

export function periodsService(deps: { db: Kysely<DB>; periods: PeriodsRepository }) {
  const { db, periods } = deps;

  return {
    async list(ctx: ServiceContext, query: { from?: string; to?: string }): Promise<ReportingPeriod[]> {
      requireAccess(ctx.user, 'dashboard:read');
      const current = periodOf(new Date().toISOString());
      const to = query.to ?? addPeriods(current, 1);
      let from = query.from ?? addPeriods(to, -12);
      if (from > to) from = to;
      if (periodRange(from, to).length > maxListedMonths) from = addPeriods(to, -(maxListedMonths - 1));
      const months = await periods.list(db, `${from}-01`, `${to}-01`);
      // Donors see whether a month is locked, not which staff member locked it.
      return seesOrganisationDetail(ctx.user) ? months : months.map((m) => ({ ...m, lockedBy: null }));
    },

    /** Locks or unlocks a month; the version of a month never locked is 0. */
    setLock(ctx: ServiceContext, month: string, input: PeriodLockInput): Promise<ReportingPeriod> {
      requireAccess(ctx.user, 'period:lock');
      return db.transaction().execute(async (trx) => {
        const row = await periods.findForUpdate(trx, month);
        const [before] = await periods.list(trx, `${month}-01`, `${month}-01`);
        if (!before) throw notFound();
        if (!row) {
          if (input.version !== 0 || !(await periods.insert(trx, month, input.locked, ctx.user.id))) throw versionConflict(before);
        } else if (!(await periods.updateIfVersion(trx, month, input.version, input.locked, ctx.user.id))) {
          throw versionConflict(before);
        }
        const after = (await periods.list(trx, `${month}-01`, `${month}-01`))[0]!;
        await recordAudit(trx, ctx, { action: 'update', entity: 'reporting_period', entityId: month, before, after });
        return after;
      });
    },
  };
}
export type PeriodsService = ReturnType<typeof periodsService>;
