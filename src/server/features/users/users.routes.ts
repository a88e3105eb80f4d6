import { idParams } from '../../../shared/contracts/common.ts';
import { user, userInvite, userListQuery, userPage, userPatch, userWithTemporaryPassword } from '../../../shared/contracts/users.ts';
import { type App, contextOf } from '../../lib/http.ts';
import type { UsersService } from './users.service.ts';

export function usersRoutes(app: App, deps: { users: UsersService }) {
  const { users } = deps;

  app.get('/api/v1/users', { schema: { querystring: userListQuery, response: { 200: userPage } } }, (request) =>
    users.list(contextOf(request), request.query),
  );

  app.post('/api/v1/users', { schema: { body: userInvite, response: { 201: userWithTemporaryPassword } } }, async (request, reply) => {
    reply.code(201);
    return users.invite(contextOf(request), request.body);
  });

  app.get('/api/v1/users/:id', { schema: { params: idParams, response: { 200: user } } }, (request) =>
    users.get(contextOf(request), request.params.id),
  );

  app.patch('/api/v1/users/:id', { schema: { params: idParams, body: userPatch, response: { 200: user } } }, (request) =>
    users.update(contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/users/:id/reset-password',
    { schema: { params: idParams, response: { 200: userWithTemporaryPassword } } },
    (request) => users.resetPassword(contextOf(request), request.params.id),
  );
}
