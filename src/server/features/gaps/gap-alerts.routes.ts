import { z } from 'zod';
import { idParams } from '../../../shared/contracts/common.ts';
import { focalPointInput, focalPointList, focalPointParams, gapAlertRunQuery, gapAlertRunResult, notificationPage, notificationQuery } from '../../../shared/contracts/gaps.ts';
import { type App, contextOf } from '../../lib/http.ts';
import type { GapAlertsService } from './gap-alerts.service.ts';

const unreadCount = z.object({ unread: z.number().int() });

export function gapAlertsRoutes(app: App, deps: { gapAlerts: GapAlertsService }) {
  const { gapAlerts } = deps;

  app.get('/api/v1/notifications', { schema: { querystring: notificationQuery, response: { 200: notificationPage } } }, (request) =>
    gapAlerts.notifications(contextOf(request), request.query),
  );

  app.post('/api/v1/notifications/read-all', { schema: { response: { 200: unreadCount } } }, (request) => gapAlerts.markRead(contextOf(request)));

  app.post('/api/v1/notifications/:id/read', { schema: { params: idParams, response: { 200: unreadCount } } }, (request) =>
    gapAlerts.markRead(contextOf(request), request.params.id),
  );

  app.post('/api/v1/gap-alerts/run', { schema: { querystring: gapAlertRunQuery, response: { 200: gapAlertRunResult } } }, (request) =>
    gapAlerts.runNow(contextOf(request), request.query.at),
  );

  app.post('/api/v1/gap-alerts/digest', { schema: { querystring: gapAlertRunQuery, response: { 200: gapAlertRunResult } } }, (request) =>
    gapAlerts.digestNow(contextOf(request), request.query.at),
  );

  app.get('/api/v1/sector-focal-points', { schema: { response: { 200: focalPointList } } }, (request) => gapAlerts.focalPoints(contextOf(request)));

  app.put('/api/v1/sector-focal-points/:userId', { schema: { params: focalPointParams, body: focalPointInput, response: { 200: focalPointInput } } }, (request) =>
    gapAlerts.setFocalPoint(contextOf(request), request.params.userId, request.body.sectors),
  );
}
