import { gapAlertsApi, notificationsApi } from '../../../shared/contracts/gaps.ts';
import { type App, contextOf } from '../../lib/http.ts';
import { routes } from '../../lib/route.ts';
import type { GapAlertsService } from './gap-alerts.service.ts';

export function gapAlertsRoutes(app: App, deps: { gapAlerts: GapAlertsService }) {
  const { gapAlerts } = deps;
  routes(app, notificationsApi, {
    list: (request) => gapAlerts.notifications(contextOf(request), request.query),
    readAll: (request) => gapAlerts.markRead(contextOf(request)),
    read: (request) => gapAlerts.markRead(contextOf(request), request.params.id),
  });
  routes(app, gapAlertsApi, {
    run: (request) => gapAlerts.runNow(contextOf(request), request.query.at),
    digest: (request) => gapAlerts.digestNow(contextOf(request), request.query.at),
    focalPoints: (request) => gapAlerts.focalPoints(contextOf(request)),
    setFocalPoint: (request) => gapAlerts.setFocalPoint(contextOf(request), request.params.userId, request.body.sectors),
  });
}
