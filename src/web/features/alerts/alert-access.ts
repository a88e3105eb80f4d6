import type { Alert } from '../../../shared/contracts/alerts.ts';
import { type Actor, can } from '../../../shared/permissions.ts';

/** The region of the alert's host locality: regional coordinators act on alerts of their regions only. */
export function alertRegions(alert: Pick<Alert, 'hostLocality'>): string[] {
  return alert.hostLocality.adm1Pcode ? [alert.hostLocality.adm1Pcode] : [];
}

export function canManageAlert(user: Actor, alert: Pick<Alert, 'hostLocality'>): boolean {
  return can(user, 'alert:manage', { regionPcodes: alertRegions(alert) });
}

/** Partners write their own organisation's RRM responses; regional coordinators those in their regions. */
export function canWriteRrmResponse(user: Actor, alert: Pick<Alert, 'hostLocality'>, organisationId: string | null): boolean {
  return can(user, 'rrm_response:write', { organisationId, regionPcodes: alertRegions(alert) });
}
