import type { Alert } from '../../../shared/contracts/alerts.ts';
import type { Language } from '../../../shared/contracts/common.ts';
import { phaseLabels } from '../../../shared/phases.ts';
import type { AlertRow } from './alerts.columns.ts';

/** An alert as a row of the alert matrix (the same shape the import reads back). */
export function toAlertRow(alert: Alert, language: Language): AlertRow {
  const place = alert.hostLocality;
  return {
    code: alert.code,
    shockType: alert.shockType,
    shockDate: alert.shockDate,
    alertDate: alert.alertDate,
    adm1Name: place.adm1Name,
    adm1Code: place.adm1Pcode,
    adm2Name: place.adm2Name,
    adm2Code: place.adm2Pcode,
    adm3Name: place.adm3Name,
    adm3Code: place.adm3Pcode,
    localityName: place.name,
    localityCode: place.pcode,
    originCodes: alert.origins.length ? alert.origins.map((o) => o.pcode) : null,
    originText: alert.originText,
    households: alert.households,
    persons: alert.persons,
    populationGroup: alert.populationGroup,
    source: alert.sourceOrganisation?.acronym ?? null,
    status: alert.status,
    validatedOn: alert.validatedAt ? alert.validatedAt.slice(0, 10) : null,
    rejectionReason: alert.rejectionReason,
    needSectors: alert.msaFindings.some((f) => f.need) ? alert.msaFindings.filter((f) => f.need).map((f) => f.sector) : null,
    description: alert.description,
    phase: alert.continuum.phase ? phaseLabels[alert.continuum.phase][language] : null,
    rrmEndsOn: alert.continuum.rrmEndsOn,
    rrmResponses: String(alert.rrmResponseCount),
  };
}
