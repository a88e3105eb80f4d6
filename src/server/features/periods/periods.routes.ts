import { periodList, periodListQuery, periodLockInput, periodParams, reportingPeriod } from '../../../shared/contracts/periods.ts';
import { type App, contextOf } from '../../lib/http.ts';
import type { PeriodsService } from './periods.service.ts';

export function periodsRoutes(app: App, deps: { periods: PeriodsService }) {
  const { periods } = deps;

  app.get('/api/v1/periods', { schema: { querystring: periodListQuery, response: { 200: periodList } } }, async (request) => ({
    items: await periods.list(contextOf(request), request.query),
  }));

  app.patch('/api/v1/periods/:period', { schema: { params: periodParams, body: periodLockInput, response: { 200: reportingPeriod } } }, (request) =>
    periods.setLock(contextOf(request), request.params.period, request.body),
  );
}
