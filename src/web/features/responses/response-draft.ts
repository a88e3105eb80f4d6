import { z } from 'zod';
import type { Modality, PopulationGroup } from '../../../shared/contracts/alerts.ts';
import { type Currency, type Response, type ResponseInput, responseInput, type ResponseStatus, sexAgeGroups } from '../../../shared/contracts/responses.ts';
import type { Sector } from '../../../shared/sectors.ts';
import type { Place } from '../gazetteer/PlacePicker.tsx';

/** The 5W form's state: numbers stay text until checked, so "1 200" or "" can be typed. */
export interface ResponseDraft {
  period: string;
  organisationId: string;
  implementingPartner: string;
  donor: string;
  sector: Sector | '';
  activity: string;
  package: string;
  locality: Place | null;
  status: ResponseStatus | '';
  startDate: string;
  endDate: string;
  populationGroup: PopulationGroup;
  householdsTargeted: string;
  householdsReached: string;
  personsTargeted: string;
  personsReached: string;
  girls: string;
  boys: string;
  women: string;
  men: string;
  olderWomen: string;
  olderMen: string;
  modality: Modality | '';
  budget: string;
  currency: Currency;
  comments: string;
  alertIds: string[];
}

export function emptyResponseDraft(period: string, organisationId: string): ResponseDraft {
  return {
    period,
    organisationId,
    implementingPartner: '',
    donor: '',
    sector: '',
    activity: '',
    package: '',
    locality: null,
    status: '',
    startDate: '',
    endDate: '',
    populationGroup: 'idp',
    householdsTargeted: '',
    householdsReached: '',
    personsTargeted: '',
    personsReached: '',
    girls: '',
    boys: '',
    women: '',
    men: '',
    olderWomen: '',
    olderMen: '',
    modality: '',
    budget: '',
    currency: 'XOF',
    comments: '',
    alertIds: [],
  };
}

const text = (value: number | null) => (value === null ? '' : String(value));

export function draftOf(r: Response): ResponseDraft {
  const l = r.locality;
  return {
    period: r.period,
    organisationId: r.organisation.id,
    implementingPartner: r.implementingPartner ?? '',
    donor: r.donor ?? '',
    sector: r.sector,
    activity: r.activity,
    package: r.package ?? '',
    locality: { kind: 'locality', id: l.id, name: l.name, pcode: l.pcode, locality: { ...l, kind: 'other', lat: null, lon: null, version: 0 } },
    status: r.status,
    startDate: r.startDate,
    endDate: r.endDate ?? '',
    populationGroup: r.populationGroup,
    householdsTargeted: text(r.householdsTargeted),
    householdsReached: text(r.householdsReached),
    personsTargeted: text(r.personsTargeted),
    personsReached: text(r.personsReached),
    girls: text(r.reachedBySexAge.girls),
    boys: text(r.reachedBySexAge.boys),
    women: text(r.reachedBySexAge.women),
    men: text(r.reachedBySexAge.men),
    olderWomen: text(r.reachedBySexAge.olderWomen),
    olderMen: text(r.reachedBySexAge.olderMen),
    modality: r.modality ?? '',
    budget: text(r.budget),
    currency: r.currency,
    comments: r.comments ?? '',
    alertIds: r.alerts.map((a) => a.id),
  };
}

/** "1 200", "1200" → 1200; "" → null; anything else stays text for the schema to refuse. */
export function parseCount(value: string): number | string | null {
  const compact = value.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (compact === '') return null;
  const number = Number(compact);
  return Number.isFinite(number) ? number : value;
}

const blankToNull = (value: string) => (value.trim() === '' ? null : value);

function inputOf(d: ResponseDraft) {
  return {
    period: d.period,
    organisationId: d.organisationId || undefined,
    implementingPartner: blankToNull(d.implementingPartner),
    donor: blankToNull(d.donor),
    sector: d.sector,
    activity: d.activity,
    package: blankToNull(d.package),
    localityId: d.locality?.id ?? '',
    status: d.status,
    startDate: d.startDate,
    endDate: blankToNull(d.endDate),
    populationGroup: d.populationGroup,
    householdsTargeted: parseCount(d.householdsTargeted),
    householdsReached: parseCount(d.householdsReached),
    personsTargeted: parseCount(d.personsTargeted),
    personsReached: parseCount(d.personsReached),
    reachedBySexAge: Object.fromEntries(sexAgeGroups.map((g) => [g, parseCount(d[g])])),
    modality: d.modality || null,
    budget: parseCount(d.budget),
    currency: d.currency,
    comments: blankToNull(d.comments),
    alertIds: d.alertIds,
  };
}

/** Turns the draft into the shared `responseInput` and validates it with the server's own schema. */
export const responseForm: z.ZodType<ResponseInput, ResponseDraft> = z
  .custom<ResponseDraft>()
  .transform(inputOf)
  .pipe(responseInput as unknown as z.ZodType<ResponseInput, ReturnType<typeof inputOf>>);
