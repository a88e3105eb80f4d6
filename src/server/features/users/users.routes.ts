import { usersApi } from '../../../shared/contracts/users.ts';
import { type App, contextOf } from '../../lib/http.ts';
import { routes } from '../../lib/route.ts';
import type { UsersService } from './users.service.ts';

export function usersRoutes(app: App, deps: { users: UsersService }) {
  const { users } = deps;
  routes(app, usersApi, {
    list: (request) => users.list(contextOf(request), request.query),
    invite: (request) => users.invite(contextOf(request), request.body),
    get: (request) => users.get(contextOf(request), request.params.id),
    update: (request) => users.update(contextOf(request), request.params.id, request.body),
    resetPassword: (request) => users.resetPassword(contextOf(request), request.params.id),
  });
}
