import { tokensApi } from '../../../shared/contracts/tokens.ts';
import { type App, contextOf } from '../../lib/http.ts';
import { routes } from '../../lib/route.ts';
import type { TokensService } from './tokens.service.ts';

export function tokensRoutes(app: App, deps: { tokens: TokensService }) {
  const { tokens } = deps;
  routes(app, tokensApi, {
    listOwn: (request) => tokens.listOwn(contextOf(request)),
    create: (request) => tokens.create(contextOf(request), request.body),
    revokeOwn: (request) => tokens.revokeOwn(contextOf(request), request.params.id),
    listAll: (request) => tokens.listAll(contextOf(request), request.query),
    revoke: (request) => tokens.revokeAny(contextOf(request), request.params.id),
  });
}
