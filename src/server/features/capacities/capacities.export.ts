import { PassThrough } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Capacity, CapacityFilters } from '../../../shared/contracts/capacities.ts';
import type { Language } from '../../../shared/contracts/common.ts';
import { addPeriods, periodOf } from '../../../shared/contracts/periods.ts';
import type { ExportFormat } from '../../../shared/contracts/responses.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { requireAccess } from '../../lib/access.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { tableContentTypes, tableExtensions, writeTable, type WriteTableOptions } from '../../lib/tabular/index.ts';
import type { Download } from '../../lib/http.ts';
import type { ResponsesRepository } from '../responses/responses.module.ts';
import { capacityColumns, type CapacityRow } from './capacities.columns.ts';
import type { CapacitiesRepository } from './capacities.repository.ts';

export function capacityRowOf(c: Capacity): CapacityRow {
  return {
    id: c.id,
    period: c.period,
    organisation: c.organisation.acronym,
    sector: c.sector,
    regionName: c.region.name,
    regionCode: c.region.pcode,
    households: c.households,
    fundingStatus: c.fundingStatus,
    stock: c.stock,
    staff: c.staff,
    contactName: c.contactName,
    contactPhone: c.contactPhone,
    contactEmail: c.contactEmail,
    remarks: c.remarks,
  };
}

function streamTable(options: WriteTableOptions<typeof capacityColumns>) {
  const body = new PassThrough();
  writeTable(body, options).catch((error: unknown) => body.destroy(error as Error));
  return body;
}

export function capacitiesExporter(deps: { db: Kysely<DB>; capacities: CapacitiesRepository; responses: ResponsesRepository }) {
  const { db, capacities, responses } = deps;

  return {
    /** The capacities matching the filters as sheet rows (for the HXL feed). */
    async rows(ctx: ServiceContext, filters: CapacityFilters): Promise<CapacityRow[]> {
      requireAccess(ctx.user, 'response:read');
      return (await capacities.all(filters)).map(capacityRowOf);
    },

    async export(ctx: ServiceContext, filters: CapacityFilters, format: ExportFormat, language: Language): Promise<Download> {
      requireAccess(ctx.user, 'response:read');
      const rows = (await capacities.all(filters)).map(capacityRowOf);
      return {
        fileName: `capacites-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}${tableExtensions[format]}`,
        contentType: tableContentTypes[format],
        body: streamTable({ format, columns: capacityColumns, rows, language, csvDelimiter: format === 'csv' && language === 'fr' ? ';' : ',' }),
      };
    },

    /** The organisation's capacities of the month, or else last month's to update, without ids. */
    async template(ctx: ServiceContext, query: { period?: string; organisationId?: string }, language: Language): Promise<Download> {
      requireAccess(ctx.user, 'capacity:write');
      const period = query.period ?? periodOf(new Date().toISOString());
      const organisationId = ctx.user.role === 'partner' ? ctx.user.organisationId : (query.organisationId ?? ctx.user.organisationId);
      const organisations = await responses.activeOrganisations(db);
      const organisation = organisations.find((o) => o.id === organisationId);
      if (organisationId && !organisation) throw new AppError('unknown_organisation', 400);
      let rows: CapacityRow[] = [];
      if (organisation) {
        const current = await capacities.all({ organisationId: organisation.id, period });
        const previous = current.length > 0 ? [] : await capacities.all({ organisationId: organisation.id, period: addPeriods(period, -1) });
        rows = [...current.map(capacityRowOf), ...previous.map((c) => ({ ...capacityRowOf(c), id: null, period }))];
      }
      const regions = await capacities.regions(db);
      return {
        fileName: `capacites-${organisation?.acronym ?? 'modele'}-${period}.xlsx`,
        contentType: tableContentTypes.xlsx,
        body: streamTable({
          format: 'xlsx',
          columns: capacityColumns,
          rows,
          language,
          sheetName: language === 'fr' ? `Capacités ${period}` : `Capacities ${period}`,
          lists: {
            organisation: organisation && ctx.user.role === 'partner' ? [organisation.acronym] : organisations.map((o) => o.acronym),
            regionName: regions.map((r) => r.name),
            period: [period],
          },
        }),
      };
    },
  };
}
export type CapacitiesExporter = ReturnType<typeof capacitiesExporter>;
