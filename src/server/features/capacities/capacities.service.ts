import type { Kysely } from 'kysely';
import {
  type Capacity,
  type CapacityInput,
  type CapacityListQuery,
  type CapacityPatch,
  type CapacitySummary,
  type CapacitySummaryQuery,
  fundingStatuses,
} from '../../../shared/contracts/capacities.ts';
import type { Page } from '../../../shared/contracts/common.ts';
import type { AccessTarget } from '../../../shared/permissions.ts';
import { sectors } from '../../../shared/sectors.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound, versionConflict } from '../../errors.ts';
import { requireAccess } from '../../lib/access.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { GazetteerRepository } from '../gazetteer/gazetteer.module.ts';
import type { OrganisationsRepository } from '../organisations/organisations.module.ts';
import type { PeriodGuard } from '../periods/periods.module.ts';
import type { CapacitiesRepository, CapacityValues, StoredCapacity } from './capacities.repository.ts';

export const capacityTarget = (v: Pick<CapacityValues, 'organisationId' | 'regionPcode'>): AccessTarget => ({ organisationId: v.organisationId, regionPcodes: [v.regionPcode] });

export function capacityValuesOf(input: Omit<CapacityInput, 'organisationId'> & { organisationId: string }): CapacityValues {
  return {
    period: input.period,
    organisationId: input.organisationId,
    sector: input.sector,
    regionPcode: input.regionPcode,
    households: input.households,
    fundingStatus: input.fundingStatus,
    stock: input.stock,
    staff: input.staff,
    contactName: input.contactName,
    contactPhone: input.contactPhone,
    contactEmail: input.contactEmail,
    remarks: input.remarks,
  };
}

const storedFields = (s: StoredCapacity): CapacityValues => {
  const { id: _id, version: _version, ...values } = s;
  return values;
};

export function capacitiesService(deps: {
  db: Kysely<DB>;
  capacities: CapacitiesRepository;
  organisations: OrganisationsRepository;
  gazetteer: GazetteerRepository;
  guard: PeriodGuard;
}) {
  const { db, capacities, organisations, gazetteer, guard } = deps;

  async function check(trx: Kysely<DB>, values: CapacityValues, exceptId?: string): Promise<void> {
    if (!(await organisations.isActive(trx, values.organisationId))) throw new AppError('unknown_organisation', 400);
    if (!(await gazetteer.regionsExist(trx, [values.regionPcode]))) throw new AppError('unknown_region', 400);
    if (await capacities.keyTaken(trx, values, exceptId)) throw new AppError('capacity_exists', 409);
  }

  async function found(trx: Kysely<DB>, id: string): Promise<Capacity> {
    return (await capacities.find(trx, id)) ?? Promise.reject(notFound());
  }

  return {
    list(ctx: ServiceContext, query: CapacityListQuery): Promise<Page<Capacity>> {
      requireAccess(ctx.user, 'response:read');
      return capacities.list(query);
    },

    get(ctx: ServiceContext, id: string): Promise<Capacity> {
      requireAccess(ctx.user, 'response:read');
      return found(db, id);
    },

    create(ctx: ServiceContext, input: CapacityInput): Promise<Capacity> {
      const organisationId = input.organisationId ?? ctx.user.organisationId;
      if (!organisationId) throw new AppError('organisation_required', 400);
      const values = capacityValuesOf({ ...input, organisationId });
      requireAccess(ctx.user, 'capacity:write', capacityTarget(values));
      return db.transaction().execute(async (trx) => {
        await check(trx, values);
        await guard.assertOpen(trx, ctx.user, [values.period]);
        const [id] = await capacities.insertMany(trx, [values], ctx.user.id);
        const created = await found(trx, id!);
        await recordAudit(trx, ctx, { action: 'create', entity: 'capacity', entityId: id!, after: created });
        return created;
      });
    },

    update(ctx: ServiceContext, id: string, patch: CapacityPatch): Promise<Capacity> {
      return db.transaction().execute(async (trx) => {
        const stored = await capacities.findStored(trx, id);
        if (!stored) throw notFound();
        requireAccess(ctx.user, 'capacity:write', capacityTarget(stored));
        const { version, ...changes } = patch;
        const values: CapacityValues = { ...storedFields(stored), ...changes };
        requireAccess(ctx.user, 'capacity:write', capacityTarget(values));
        await check(trx, values, id);
        await guard.assertOpen(trx, ctx.user, [stored.period, values.period]);
        const before = await found(trx, id);
        if (!(await capacities.updateIfVersion(trx, id, version, values, ctx.user.id))) throw versionConflict(before);
        const after = await found(trx, id);
        await recordAudit(trx, ctx, { action: 'update', entity: 'capacity', entityId: id, before, after });
        return after;
      });
    },

    remove(ctx: ServiceContext, id: string, version: number | undefined): Promise<void> {
      return db.transaction().execute(async (trx) => {
        const stored = await capacities.findStored(trx, id);
        if (!stored) throw notFound();
        requireAccess(ctx.user, 'capacity:write', capacityTarget(stored));
        await guard.assertOpen(trx, ctx.user, [stored.period]);
        const before = await found(trx, id);
        if (!(await capacities.delete(trx, id, version ?? stored.version))) throw versionConflict(before);
        await recordAudit(trx, ctx, { action: 'delete', entity: 'capacity', entityId: id, before });
      });
    },

    /** Aggregated: anyone who reads dashboards sees how much each region could still receive, by sector. */
    async summary(ctx: ServiceContext, query: CapacitySummaryQuery): Promise<CapacitySummary> {
      requireAccess(ctx.user, 'dashboard:read');
      const { byFunding, byOrganisation } = await capacities.summary(query.period, query.sector);
      type Cell = CapacitySummary['regions'][number]['sectors'][number];
      const regions = new Map<string, { pcode: string; name: string; sectors: Map<string, Cell> }>();
      for (const row of byFunding) {
        const region = regions.get(row.region_pcode) ?? { pcode: row.region_pcode, name: row.region_name, sectors: new Map<string, Cell>() };
        regions.set(row.region_pcode, region);
        const sector = row.sector as (typeof sectors)[number];
        const cell = region.sectors.get(sector) ?? {
          sector,
          organisations: 0,
          households: 0,
          byFunding: Object.fromEntries(fundingStatuses.map((f) => [f, 0])) as Record<(typeof fundingStatuses)[number], number>,
        };
        region.sectors.set(sector, cell);
        cell.households += Number(row.households);
        cell.byFunding[row.funding_status as (typeof fundingStatuses)[number]] += Number(row.households);
      }
      for (const row of byOrganisation) {
        const cell = regions.get(row.region_pcode)?.sectors.get(row.sector);
        if (cell) cell.organisations = Number(row.organisations);
      }
      return {
        period: query.period,
        regions: [...regions.values()]
          .sort((a, b) => a.pcode.localeCompare(b.pcode))
          .map((r) => ({ pcode: r.pcode, name: r.name, sectors: [...r.sectors.values()].sort((a, b) => sectors.indexOf(a.sector) - sectors.indexOf(b.sector)) })),
      };
    },
  };
}
export type CapacitiesService = ReturnType<typeof capacitiesService>;
