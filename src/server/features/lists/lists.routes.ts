import { listsApi, protocolApi, sharingApi } from '../../../shared/contracts/lists.ts';
import { currentProtocol } from '../../../shared/list-protocol.ts';
import { requireAccess } from '../../lib/access.ts';
import { type App, contextOf, languageOf, sendDownload } from '../../lib/http.ts';
import { routes } from '../../lib/route.ts';
import { uploadOf, withSealedUpload, withUploadedFile } from '../../lib/upload.ts';
import type { EncodedListsService } from './lists.encoded.ts';
import type { ListsImporter } from './lists.import.ts';
import type { ListsService } from './lists.service.ts';
import { protocolPdf } from './protocol-pdf.ts';
import type { SharingService } from './sharing.service.ts';

export function listsRoutes(
  app: App,
  deps: { lists: ListsService; importer: ListsImporter; encoded: EncodedListsService; sharing: SharingService; organisationName: (id: string) => Promise<string | null> },
) {
  const { lists, importer, encoded, sharing, organisationName } = deps;

  routes(app, protocolApi, {
    get: (request) => lists.protocol(contextOf(request)),
    pdf: async (request, reply) => {
      const language = request.query.lang ?? languageOf(request);
      const organisation = request.user?.organisationId ? await organisationName(request.user.organisationId) : null;
      const body = await protocolPdf(currentProtocol, language, organisation);
      const name = language === 'fr' ? 'protocole-partage-listes' : 'list-sharing-protocol';
      return sendDownload(reply, { body, fileName: `${name}-${currentProtocol.version}.pdf`, contentType: 'application/pdf' });
    },
    accept: (request) => lists.acceptProtocol(contextOf(request), request.body),
  });

  routes(app, listsApi, {
    list: (request) => lists.list(contextOf(request), request.query),
    upload: (request) => {
      const ctx = contextOf(request);
      requireAccess(ctx.user, 'list:upload', { organisationId: ctx.user.organisationId });
      return withSealedUpload(() => uploadOf(request), (file, fileName) => importer.run(ctx, { sealed: file }, fileName, request.query, languageOf(request)));
    },
    uploadEncoded: (request) => {
      const ctx = contextOf(request);
      requireAccess(ctx.user, 'list:upload', { organisationId: ctx.user.organisationId });
      return withUploadedFile(() => uploadOf(request), (filePath, fileName) => encoded.upload(ctx, filePath, fileName, request.query));
    },
    resolvePlaces: (request) => encoded.resolvePlaces(contextOf(request), request.body, languageOf(request)),
    columnMappings: (request) => lists.mappings(contextOf(request)),
    saveColumnMappings: (request) => lists.saveMappings(contextOf(request), request.body),
    personSearch: (request) => lists.searchPersons(contextOf(request), request.body),
    get: (request) => lists.get(contextOf(request), request.params.id),
    setStatus: (request) => lists.setStatus(contextOf(request), request.params.id, request.body),
    households: (request) => lists.households(contextOf(request), request.params.id, request.query),
    eraseHousehold: async (request) => lists.eraseHousehold(contextOf(request), request.params.id, request.params.householdId, request.body.reason),
    purge: (request) => lists.purge(contextOf(request), request.params.id, request.body.reason),
  });

  routes(app, sharingApi, {
    list: (request) => sharing.list(contextOf(request), request.query),
    create: (request) => sharing.create(contextOf(request), request.body),
    decide: (request) => sharing.decide(contextOf(request), request.params.id, request.body),
    extract: async (request, reply) => sendDownload(reply, await sharing.extract(contextOf(request), request.params.id, request.query.format, request.query.lang ?? languageOf(request))),
  });
}
