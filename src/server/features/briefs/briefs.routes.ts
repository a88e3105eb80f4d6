import { briefsApi } from '../../../shared/contracts/dashboard.ts';
import { type App, contextOf, sendDownload } from '../../lib/http.ts';
import { routes } from '../../lib/route.ts';
import type { BriefsService } from './briefs.service.ts';

export function briefsRoutes(app: App, deps: { briefs: BriefsService }) {
  const { briefs } = deps;
  routes(app, briefsApi, {
    download: async (request, reply) => {
      const { pdf, fileName } = await briefs.brief(contextOf(request), request.query);
      return sendDownload(reply, { body: pdf, fileName, contentType: 'application/pdf' });
    },
  });
}
