import {
  personsReachedOf,
  type Response,
  type ResponseFacts,
  type ResponseInput,
  type ResponseWarning,
  responseRuleIssues,
  type SexAgeFigures,
} from '../../../shared/contracts/responses.ts';
import type { AccessTarget } from '../../../shared/permissions.ts';
import type { ResponseValues, StoredResponse } from './responses.repository.ts';

/** The fields a user gives, the organisation resolved: what the form, the API and the import produce. */
export type ResponseFields = Omit<ResponseInput, 'organisationId'> & { organisationId: string };

export interface PlacedLocality {
  id: string;
  adm1Pcode: string | null;
  adm2Pcode: string | null;
  adm3Pcode: string | null;
}

/** The stored values of a record: admin P-codes from its locality, persons from the age breakdown when only that is given. */
export function valuesOf(fields: ResponseFields, locality: PlacedLocality): ResponseValues {
  const bySexAge = fields.reachedBySexAge;
  return {
    period: fields.period,
    organisationId: fields.organisationId,
    implementingPartner: fields.implementingPartner,
    donor: fields.donor,
    sector: fields.sector,
    activity: fields.activity,
    package: fields.package,
    packageId: fields.packageId,
    // What was delivered is measured against a package: without one there is nothing to record.
    deliveredValueXof: fields.packageId ? fields.deliveredValueXof : null,
    deliveredDurationMonths: fields.packageId ? fields.deliveredDurationMonths : null,
    missingComponents: fields.packageId ? [...fields.missingComponents].sort() : [],
    localityId: locality.id,
    adm1Pcode: locality.adm1Pcode,
    adm2Pcode: locality.adm2Pcode,
    adm3Pcode: locality.adm3Pcode,
    status: fields.status,
    startDate: fields.startDate,
    endDate: fields.endDate,
    populationGroup: fields.populationGroup,
    householdsTargeted: fields.householdsTargeted,
    householdsReached: fields.householdsReached,
    personsTargeted: fields.personsTargeted,
    personsReached: personsReachedOf(fields.personsReached, bySexAge),
    girlsReached: bySexAge.girls ?? null,
    boysReached: bySexAge.boys ?? null,
    womenReached: bySexAge.women ?? null,
    menReached: bySexAge.men ?? null,
    olderWomenReached: bySexAge.olderWomen ?? null,
    olderMenReached: bySexAge.olderMen ?? null,
    modality: fields.modality,
    budget: fields.budget,
    currency: fields.currency,
    comments: fields.comments,
    alertIds: [...new Set(fields.alertIds)].sort(),
  };
}

export function sexAgeOf(values: ResponseValues): SexAgeFigures {
  return {
    girls: values.girlsReached,
    boys: values.boysReached,
    women: values.womenReached,
    men: values.menReached,
    olderWomen: values.olderWomenReached,
    olderMen: values.olderMenReached,
  };
}

/** The fields of a stored record, to apply a patch to. */
export function fieldsOf(stored: StoredResponse): ResponseFields {
  return {
    period: stored.period,
    organisationId: stored.organisationId,
    implementingPartner: stored.implementingPartner,
    donor: stored.donor,
    sector: stored.sector as ResponseFields['sector'],
    activity: stored.activity,
    package: stored.package,
    packageId: stored.packageId,
    deliveredValueXof: stored.deliveredValueXof,
    deliveredDurationMonths: stored.deliveredDurationMonths,
    missingComponents: stored.missingComponents,
    localityId: stored.localityId,
    status: stored.status as ResponseFields['status'],
    startDate: stored.startDate,
    endDate: stored.endDate,
    populationGroup: stored.populationGroup as ResponseFields['populationGroup'],
    householdsTargeted: stored.householdsTargeted,
    householdsReached: stored.householdsReached,
    personsTargeted: stored.personsTargeted,
    personsReached: stored.personsReached,
    reachedBySexAge: sexAgeOf(stored),
    modality: stored.modality as ResponseFields['modality'],
    budget: stored.budget,
    currency: stored.currency as ResponseFields['currency'],
    comments: stored.comments,
    alertIds: stored.alertIds,
  };
}

export function factsOf(values: ResponseValues): ResponseFacts {
  return {
    period: values.period,
    status: values.status,
    startDate: values.startDate,
    endDate: values.endDate,
    householdsTargeted: values.householdsTargeted,
    householdsReached: values.householdsReached,
    personsTargeted: values.personsTargeted,
    personsReached: values.personsReached,
    reachedBySexAge: sexAgeOf(values),
  };
}

export function warningsOf(record: Omit<Response, 'warnings'>): ResponseWarning[] {
  return responseRuleIssues(record)
    .filter((issue) => issue.severity === 'warning')
    .map(({ field, code, params }) => ({ field, code, params }));
}

/** Whom a record belongs to, for the permission check: its organisation and region. */
export function accessTargetOf(values: Pick<ResponseValues, 'organisationId' | 'adm1Pcode'>): AccessTarget {
  return { organisationId: values.organisationId, regionPcodes: values.adm1Pcode ? [values.adm1Pcode] : [] };
}

const comparedKeys = Object.keys({
  period: 0,
  organisationId: 0,
  implementingPartner: 0,
  donor: 0,
  sector: 0,
  activity: 0,
  package: 0,
  packageId: 0,
  deliveredValueXof: 0,
  deliveredDurationMonths: 0,
  missingComponents: 0,
  localityId: 0,
  adm1Pcode: 0,
  adm2Pcode: 0,
  adm3Pcode: 0,
  status: 0,
  startDate: 0,
  endDate: 0,
  populationGroup: 0,
  householdsTargeted: 0,
  householdsReached: 0,
  personsTargeted: 0,
  personsReached: 0,
  girlsReached: 0,
  boysReached: 0,
  womenReached: 0,
  menReached: 0,
  olderWomenReached: 0,
  olderMenReached: 0,
  modality: 0,
  budget: 0,
  currency: 0,
  comments: 0,
  alertIds: 0,
} satisfies Record<keyof ResponseValues, 0>) as (keyof ResponseValues)[];

/** Whether writing `next` over `current` would change anything (an import of the same file twice changes nothing). */
export function sameValues(current: ResponseValues, next: ResponseValues): boolean {
  return comparedKeys.every((key) => {
    const a = current[key];
    const b = next[key];
    if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
    return a === b;
  });
}
