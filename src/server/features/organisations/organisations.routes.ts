import { idParams } from '../../../shared/contracts/common.ts';
import { organisation, organisationInput, organisationListQuery, organisationPage, organisationPatch } from '../../../shared/contracts/organisations.ts';
import { type App, contextOf } from '../../lib/http.ts';
import type { OrganisationsService } from './organisations.service.ts';

export function organisationsRoutes(app: App, deps: { organisations: OrganisationsService }) {
  const { organisations } = deps;

  app.get('/api/v1/organisations', { schema: { querystring: organisationListQuery, response: { 200: organisationPage } } }, (request) =>
    organisations.list(contextOf(request), request.query),
  );

  app.post('/api/v1/organisations', { schema: { body: organisationInput, response: { 201: organisation } } }, async (request, reply) => {
    reply.code(201);
    return organisations.create(contextOf(request), request.body);
  });

  app.get('/api/v1/organisations/:id', { schema: { params: idParams, response: { 200: organisation } } }, (request) =>
    organisations.get(contextOf(request), request.params.id),
  );

  app.patch('/api/v1/organisations/:id', { schema: { params: idParams, body: organisationPatch, response: { 200: organisation } } }, (request) =>
    organisations.update(contextOf(request), request.params.id, request.body),
  );
}
