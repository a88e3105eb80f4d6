import { PassThrough } from 'node:stream';
import { developmentProgrammesApi, type Handover, handoversApi } from '../../../shared/contracts/handovers.ts';
import { type App, contextOf, languageOf, sendDownload } from '../../lib/http.ts';
import { routes } from '../../lib/route.ts';
import { tableContentTypes, tableExtensions, writeTable } from '../../lib/tabular/index.ts';
import { uploadOf } from '../../lib/upload.ts';
import { handoverColumns, type HandoverFileRow } from './handovers.columns.ts';
import type { HandoversService } from './handovers.service.ts';
import type { DossierPdf } from './dossier-pdf.ts';
import type { ProgrammesService } from './programmes.service.ts';

const fileRowOf = (h: Handover): HandoverFileRow => ({
  id: h.id,
  alert: h.shock.code,
  shockDate: h.shock.shockDate,
  locality: h.locality.name,
  commune: h.locality.adm3Name,
  cercle: h.locality.adm2Name,
  region: h.locality.adm1Name,
  month: h.month,
  resilienceFrom: h.resilienceFrom,
  status: h.status,
  overdue: h.overdue,
  dialogueOpenedOn: h.dialogueOpenedOn,
  planAgreedOn: h.planAgreedOn,
  handedOverOn: h.handedOverOn,
  notTakenUpReason: h.notTakenUpReason,
  actors: h.actors.map((a) => a.acronym),
  meeting: h.meeting ? `${h.meeting.date} — ${h.meeting.title}` : null,
  notes: h.notes,
  recommendedActions: h.recommendedActions,
});

export function handoversRoutes(app: App, deps: { handovers: HandoversService; programmes: ProgrammesService; pdf: DossierPdf }) {
  const { handovers, programmes, pdf } = deps;
  routes(app, handoversApi, {
    list: (request) => handovers.list(contextOf(request), request.query),
    outlook: (request) => handovers.outlook(contextOf(request), request.query),
    export: async (request, reply) => {
      const language = request.query.lang ?? languageOf(request);
      const { at, items } = await handovers.all(contextOf(request), request.query);
      const body = new PassThrough();
      const format = request.query.format;
      void writeTable(body, { format, columns: handoverColumns, rows: items.map(fileRowOf), language, csvDelimiter: format === 'csv' && language === 'fr' ? ';' : ',' }).catch((error: unknown) =>
        body.destroy(error as Error),
      );
      return sendDownload(reply, { fileName: `passations-${at}${tableExtensions[format]}`, contentType: tableContentTypes[format], body });
    },
    get: (request) => handovers.get(contextOf(request), request.params.id, request.query.at),
    create: (request) => handovers.create(contextOf(request), request.body),
    update: (request) => handovers.update(contextOf(request), request.params.id, request.body),
    dossier: (request) => handovers.dossier(contextOf(request), request.params.id, request.query.at),
    dossierPdf: async (request, reply) => {
      const language = request.query.lang ?? languageOf(request);
      const dossier = await handovers.dossier(contextOf(request), request.params.id, request.query.at);
      return sendDownload(reply, await pdf.render(dossier, language));
    },
  });
  routes(app, developmentProgrammesApi, {
    list: (request) => programmes.list(contextOf(request), request.query),
    export: async (request, reply) =>
      sendDownload(reply, await programmes.exportTable(contextOf(request), request.query, request.query.format, request.query.lang ?? languageOf(request))),
    import: (request) => programmes.upload(contextOf(request), () => uploadOf(request), { dryRun: request.query.dryRun, language: languageOf(request) }),
    create: (request) => programmes.create(contextOf(request), request.body),
    get: (request) => programmes.get(contextOf(request), request.params.id),
    update: (request) => programmes.update(contextOf(request), request.params.id, request.body),
    delete: (request) => programmes.remove(contextOf(request), request.params.id, request.query.version),
  });
}
