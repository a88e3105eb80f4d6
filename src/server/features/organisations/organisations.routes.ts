import { organisationsApi } from '../../../shared/contracts/organisations.ts';
import { type App, contextOf } from '../../lib/http.ts';
import { routes } from '../../lib/route.ts';
import type { OrganisationsService } from './organisations.service.ts';

export function organisationsRoutes(app: App, deps: { organisations: OrganisationsService }) {
  const { organisations } = deps;
  routes(app, organisationsApi, {
    list: (request) => organisations.list(contextOf(request), request.query),
    create: (request) => organisations.create(contextOf(request), request.body),
    get: (request) => organisations.get(contextOf(request), request.params.id),
    update: (request) => organisations.update(contextOf(request), request.params.id, request.body),
  });
}
