import { auditApi } from '../../../shared/contracts/audit.ts';
import type { App } from '../../lib/http.ts';
import { routes } from '../../lib/route.ts';
import type { AuditRepository } from './audit.repository.ts';

/** Reading the trail is one repository call: the route's permission (`audit:read`) is its only rule. */
export function auditRoutes(app: App, deps: { audit: AuditRepository }) {
  routes(app, auditApi, { list: (request) => deps.audit.list(request.query) });
}
