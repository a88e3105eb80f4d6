import { auditPage, auditQuery } from '../../../shared/contracts/audit.ts';
import { requireAccess } from '../../lib/access.ts';
import { type App, contextOf } from '../../lib/http.ts';
import type { AuditRepository } from './audit.repository.ts';

export function auditRoutes(app: App, deps: { audit: AuditRepository }) {
  app.get('/api/v1/audit', { schema: { querystring: auditQuery, response: { 200: auditPage } } }, (request) => {
    requireAccess(contextOf(request).user, 'audit:read');
    return deps.audit.list(request.query);
  });
}
