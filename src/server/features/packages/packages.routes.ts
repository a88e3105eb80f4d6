import { methodsApi, packagesApi } from '../../../shared/contracts/packages.ts';
import { type App, contextOf, languageOf, sendDownload } from '../../lib/http.ts';
import { routes } from '../../lib/route.ts';
import { uploadOf } from '../../lib/upload.ts';
import type { ConformityService } from './conformity.service.ts';
import type { MethodAttachmentsService } from './method-attachments.service.ts';
import { methodsDownload, packagesDownload } from './packages.export.ts';
import { type MethodsService, type PackagesService, writableOfMethod, writableOfPackage } from './packages.service.ts';

export function packagesRoutes(
  app: App,
  deps: { packages: PackagesService; methods: MethodsService; methodAttachments: MethodAttachmentsService; conformity: ConformityService },
) {
  const { packages, methods, methodAttachments, conformity } = deps;
  routes(app, packagesApi, {
    list: (request) => packages.list(contextOf(request), request.query),
    export: async (request, reply) => {
      const { format, sector, status } = request.query;
      return sendDownload(reply, packagesDownload(await packages.all(contextOf(request), { sector, status }), format, languageOf(request)));
    },
    endorsementDecisions: (request) => packages.endorsementDecisions(contextOf(request)),
    conformity: (request) => conformity.report(contextOf(request), request.query),
    conformitySummary: (request) => conformity.summary(contextOf(request), request.query),
    create: (request) => packages.create(contextOf(request), writableOfPackage(request.body)),
    get: (request) => packages.get(contextOf(request), request.params.id),
    versions: (request) => packages.versions(contextOf(request), request.params.id),
    update: (request) => {
      const { version, ...values } = request.body;
      return packages.update(contextOf(request), request.params.id, version, writableOfPackage(values));
    },
    remove: (request) => packages.remove(contextOf(request), request.params.id, request.query.version),
    propose: (request) => packages.propose(contextOf(request), request.params.id, request.body.version),
    withdraw: (request) => packages.withdraw(contextOf(request), request.params.id, request.body.version),
    endorse: (request) => packages.endorse(contextOf(request), request.params.id, request.body),
    revise: (request) => packages.revise(contextOf(request), request.params.id, request.body.version),
  });
  routes(app, methodsApi, {
    list: (request) => methods.list(contextOf(request), request.query),
    export: async (request, reply) => {
      const { format, sector, status } = request.query;
      return sendDownload(reply, methodsDownload(await methods.all(contextOf(request), { sector, status }), format, languageOf(request)));
    },
    create: (request) => methods.create(contextOf(request), writableOfMethod(request.body)),
    get: (request) => methods.get(contextOf(request), request.params.id),
    versions: (request) => methods.versions(contextOf(request), request.params.id),
    update: (request) => {
      const { version, ...values } = request.body;
      return methods.update(contextOf(request), request.params.id, version, writableOfMethod(values));
    },
    remove: (request) => methods.remove(contextOf(request), request.params.id, request.query.version),
    propose: (request) => methods.propose(contextOf(request), request.params.id, request.body.version),
    withdraw: (request) => methods.withdraw(contextOf(request), request.params.id, request.body.version),
    endorse: (request) => methods.endorse(contextOf(request), request.params.id, request.body),
    revise: (request) => methods.revise(contextOf(request), request.params.id, request.body.version),
    attachments: (request) => methodAttachments.list(contextOf(request), request.params.id),
    attach: (request) => methodAttachments.attach(contextOf(request), request.params.id, () => uploadOf(request)),
    downloadAttachment: async (request, reply) => {
      const file = await methodAttachments.download(contextOf(request), request.params.id, request.params.attachmentId);
      return sendDownload(reply, { body: file.content, fileName: file.fileName, contentType: 'application/pdf' });
    },
    removeAttachment: (request) => methodAttachments.remove(contextOf(request), request.params.id, request.params.attachmentId),
  });
}
