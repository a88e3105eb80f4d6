import { z } from 'zod';
import type { Modality, PopulationGroup } from '../../../shared/contracts/alerts.ts';
import type { Language } from '../../../shared/contracts/common.ts';
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
  /** The harmonised package delivered, and what was given when less (see features/packages). */
  packageId: string;
  deliveredValueXof: string;
  deliveredDurationMonths: string;
  missingComponents: string[];
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
    packageId: '',
    deliveredValueXof: '',
    deliveredDurationMonths: '',
    missingComponents: [],
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

/**
 * A stored figure as a person types it in the form's language: thousands spaced, the decimal
 * separator of the language, amounts with cents (4 500 000,50 in French, 4 500 000.50 in English),
 * so what was saved reads back as it was typed and `parseCount` reads it again unchanged.
 */
export function figureText(value: number | null, language: Language): string {
  if (value === null) return '';
  const fractional = !Number.isInteger(value);
  const parts = new Intl.NumberFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { minimumFractionDigits: fractional ? 2 : 0, maximumFractionDigits: 6 }).formatToParts(value);
  return parts.map((p) => (p.type === 'group' ? '\u202f' : p.value)).join('');
}

export function draftOf(r: Response, language: Language): ResponseDraft {
  const text = (value: number | null) => figureText(value, language);
  const l = r.locality;
  return {
    period: r.period,
    organisationId: r.organisation.id,
    implementingPartner: r.implementingPartner ?? '',
    donor: r.donor ?? '',
    sector: r.sector,
    activity: r.activity,
    package: r.package ?? '',
    packageId: r.packageRef?.id ?? '',
    deliveredValueXof: text(r.deliveredValueXof),
    deliveredDurationMonths: text(r.deliveredDurationMonths),
    missingComponents: r.missingComponents,
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

/**
 * "1 200", "1200" → 1200; "4 500 000,50" or "4,500,000.50" → 4500000.5; "" → null; anything else
 * stays text for the schema to refuse. Commas group thousands when a dot follows or when there
 * are several; one comma alone is the French decimal separator.
 */
export function parseCount(value: string): number | string | null {
  let compact = value.replace(/[\s\u00a0\u202f]/g, '');
  compact = /,.*[.,]/.test(compact) ? compact.replace(/,/g, '') : compact.replace(',', '.');
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
    packageId: d.packageId || null,
    deliveredValueXof: d.packageId ? parseCount(d.deliveredValueXof) : null,
    deliveredDurationMonths: d.packageId ? parseCount(d.deliveredDurationMonths) : null,
    missingComponents: d.packageId ? d.missingComponents : [],
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
