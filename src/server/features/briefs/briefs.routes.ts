import { briefQuery } from '../../../shared/contracts/dashboard.ts';
import { type App, contextOf } from '../../lib/http.ts';
import type { BriefsService } from './briefs.service.ts';

export function briefsRoutes(app: App, deps: { briefs: BriefsService }) {
  const { briefs } = deps;

  app.get('/api/v1/briefs', { schema: { querystring: briefQuery } }, async (request, reply) => {
    const { pdf, fileName } = await briefs.brief(contextOf(request), request.query);
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${fileName}"`).header('cache-control', 'private, no-store').send(pdf);
  });
}
