import { PassThrough, type Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Language } from '../../../shared/contracts/common.ts';
import { addPeriods, periodOf, periodStart } from '../../../shared/contracts/periods.ts';
import type { ExportFormat, ResponseFilters, ResponseTemplateQuery } from '../../../shared/contracts/responses.ts';
import { searchKey } from '../../../shared/text.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { requireAccess } from '../../lib/access.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { Download } from '../../lib/http.ts';
import { tableContentTypes, tableExtensions, writeTable } from '../../lib/tabular/index.ts';
import { packageCellIndex, packageLabel } from '../packages/packages.module.ts';
import { responseColumns, type ResponseRow } from './responses.columns.ts';
import type { ResponseRecord, ResponsesRepository } from './responses.repository.ts';


/** The sheet row of a record: what exports write and the import reads back unchanged. */
export function rowOf(record: ResponseRecord): ResponseRow {
  const { locality, reachedBySexAge: by } = record;
  return {
    id: record.id,
    period: record.period,
    organisation: record.organisation.acronym,
    implementingPartner: record.implementingPartner,
    donor: record.donor,
    sector: record.sector,
    activity: record.activity,
    package: record.packageRef ? packageLabel(record.packageRef) : record.package,
    deliveredValueXof: record.deliveredValueXof,
    deliveredDurationMonths: record.deliveredDurationMonths,
    missingComponents: record.missingComponents.length > 0 ? record.missingComponents : null,
    adm1Name: locality.adm1Name,
    adm1Code: locality.adm1Pcode,
    adm2Name: locality.adm2Name,
    adm2Code: locality.adm2Pcode,
    adm3Name: locality.adm3Name,
    adm3Code: locality.adm3Pcode,
    localityName: locality.name,
    localityCode: locality.pcode,
    status: record.status,
    startDate: record.startDate,
    endDate: record.endDate,
    populationGroup: record.populationGroup,
    householdsTargeted: record.householdsTargeted,
    personsTargeted: record.personsTargeted,
    householdsReached: record.householdsReached,
    personsReached: record.personsReached,
    girls: by.girls,
    boys: by.boys,
    women: by.women,
    men: by.men,
    olderWomen: by.olderWomen,
    olderMen: by.olderMen,
    modality: record.modality,
    budget: record.budget,
    currency: record.currency,
    alerts: record.alerts.length > 0 ? record.alerts.map((a) => a.code) : null,
    comments: record.comments,
  };
}

async function* rowsOf(pages: AsyncIterable<ResponseRecord[]>): AsyncGenerator<ResponseRow> {
  for await (const page of pages) for (const record of page) yield rowOf(record);
}

/** Starts writing and hands the stream over at once: awaiting first would fill the buffer and stall. */
function streamTable(options: Parameters<typeof writeTable<typeof responseColumns>>[1]): Readable {
  const body = new PassThrough();
  writeTable(body, options).catch((error: unknown) => body.destroy(error as Error));
  return body;
}

const today = () => new Date().toISOString().slice(0, 10).replaceAll('-', '');

/** Still running in `period`: ending on or after its first day, or with no end and not completed. */
function continues(record: ResponseRecord, period: string): boolean {
  return record.endDate !== null ? record.endDate >= periodStart(period) : record.status !== 'completed';
}

const activityKey = (r: ResponseRecord) => [r.sector, searchKey(r.activity), r.locality.id, r.populationGroup].join('|');

export function responsesExporter(deps: { db: Kysely<DB>; responses: ResponsesRepository }) {
  const { db, responses } = deps;

  return {
    export(ctx: ServiceContext, filters: ResponseFilters, format: ExportFormat, language: Language): Download {
      requireAccess(ctx.user, 'response:read');
      return {
        fileName: `5W-${today()}${tableExtensions[format]}`,
        contentType: tableContentTypes[format],
        body: streamTable({ format, columns: responseColumns, rows: rowsOf(responses.stream(filters)), language, csvDelimiter: format === 'csv' && language === 'fr' ? ';' : ',' }),
      };
    },

    /**
     * The organisation's sheet for a month: its records of that month (with their ids, to
     * update), then those of the month before that still run (without ids: new records of
     * this month), so the partner only changes what changed.
     */
    async template(ctx: ServiceContext, query: ResponseTemplateQuery, language: Language): Promise<Download> {
      requireAccess(ctx.user, 'response:write');
      const period = query.period ?? periodOf(new Date().toISOString());
      const organisationId = ctx.user.role === 'partner' ? ctx.user.organisationId : (query.organisationId ?? ctx.user.organisationId);
      const organisations = await responses.activeOrganisations(db);
      const organisation = organisations.find((o) => o.id === organisationId);
      if (organisationId && !organisation) throw new AppError('unknown_organisation', 400);

      let rows: ResponseRow[] = [];
      let localities: string[];
      if (organisation) {
        const collect = async (p: string) => {
          const records: ResponseRecord[] = [];
          for await (const page of responses.stream({ organisationId: [organisation.id], period: p })) records.push(...page);
          return records;
        };
        const current = await collect(period);
        const reported = new Set(current.map(activityKey));
        const carried = (await collect(addPeriods(period, -1))).filter((r) => continues(r, period) && !reported.has(activityKey(r)));
        rows = [...current.map(rowOf), ...carried.map((r) => ({ ...rowOf(r), id: null, period }))];
        localities = await responses.localityNamesOf(db, organisation.id);
      } else {
        localities = [];
      }
      if (localities.length === 0) localities = await responses.localityNamesOf(db, null);
      return {
        fileName: `5W-${organisation?.acronym ?? 'modele'}-${period}.xlsx`,
        contentType: tableContentTypes.xlsx,
        body: streamTable({
          format: 'xlsx',
          columns: responseColumns,
          rows,
          language,
          sheetName: `5W ${period}`,
          lists: {
            organisation: organisation && ctx.user.role === 'partner' ? [organisation.acronym] : organisations.map((o) => o.acronym),
            localityName: localities,
            period: [period],
          },
          // The endorsed packages of the row's sector, once the sector is chosen.
          dependentLists: { package: { on: 'sector', groups: (await packageCellIndex(db)).bySector } },
        }),
      };
    },
  };
}
export type ResponsesExporter = ReturnType<typeof responsesExporter>;
