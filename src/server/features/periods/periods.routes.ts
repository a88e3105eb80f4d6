import { periodsApi } from '../../../shared/contracts/periods.ts';
import { type App, contextOf } from '../../lib/http.ts';
import { routes } from '../../lib/route.ts';
import type { PeriodsService } from './periods.service.ts';

export function periodsRoutes(app: App, deps: { periods: PeriodsService }) {
  const { periods } = deps;
  routes(app, periodsApi, {
    list: async (request) => ({ items: await periods.list(contextOf(request), request.query) }),
    setLock: (request) => periods.setLock(contextOf(request), request.params.period, request.body),
  });
}
