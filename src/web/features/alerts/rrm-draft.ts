import { z } from 'zod';
import { type Modality, type RrmResponse, rrmResponseInput, rrmResponseViolations } from '../../../shared/contracts/alerts.ts';
import type { ErrorCode } from '../../../shared/errors.ts';
import { isIsoDate } from '../../../shared/phases.ts';
import type { Sector } from '../../../shared/sectors.ts';
import { parseCount } from './alert-draft.ts';

export interface RrmDraft {
  organisationId: string;
  sector: Sector | '';
  package: string;
  startDate: string;
  endDate: string;
  householdsReached: string;
  personsReached: string;
  modality: Modality | '';
  /** The harmonised package it delivers and, when it gave less, what it gave (empty: as the package). */
  packageId: string;
  deliveredValueXof: string;
  deliveredDurationMonths: string;
  missingComponents: string[];
}

export function emptyRrmDraft(organisationId: string | null): RrmDraft {
  return {
    organisationId: organisationId ?? '',
    sector: '',
    package: '',
    startDate: '',
    endDate: '',
    householdsReached: '',
    personsReached: '',
    modality: '',
    packageId: '',
    deliveredValueXof: '',
    deliveredDurationMonths: '',
    missingComponents: [],
  };
}

export function rrmDraftOf(response: RrmResponse): RrmDraft {
  return {
    organisationId: response.organisation.id,
    sector: response.sector,
    package: response.package ?? '',
    startDate: response.startDate,
    endDate: response.endDate,
    householdsReached: String(response.householdsReached),
    personsReached: String(response.personsReached),
    modality: response.modality,
    packageId: response.packageRef?.id ?? '',
    deliveredValueXof: response.deliveredValueXof === null ? '' : String(response.deliveredValueXof),
    deliveredDurationMonths: response.deliveredDurationMonths === null ? '' : String(response.deliveredDurationMonths),
    missingComponents: response.missingComponents,
  };
}

function toRrmInput(draft: RrmDraft): z.input<typeof rrmResponseInput> {
  return {
    organisationId: draft.organisationId,
    sector: draft.sector as Sector,
    package: draft.package.trim() === '' ? null : draft.package.trim(),
    startDate: draft.startDate,
    endDate: draft.endDate,
    householdsReached: parseCount(draft.householdsReached) as number,
    personsReached: parseCount(draft.personsReached) as number,
    modality: draft.modality as Modality,
    // Without a package there is nothing to fall short of.
    packageId: draft.packageId || null,
    deliveredValueXof: draft.packageId ? (parseCount(draft.deliveredValueXof) ?? null) : null,
    deliveredDurationMonths: draft.packageId ? (parseCount(draft.deliveredDurationMonths) ?? null) : null,
    missingComponents: draft.packageId ? draft.missingComponents : [],
  };
}

/** The RRM response form checked by the server's schema. */
export const rrmForm = z.custom<RrmDraft>().transform(toRrmInput).pipe(rrmResponseInput);

/** End before start, start before the shock, persons below households: as the server checks them. */
export function rrmDraftViolations(draft: RrmDraft, shockDate: string): { path: keyof RrmDraft; code: ErrorCode }[] {
  if (!isIsoDate(draft.startDate) || !isIsoDate(draft.endDate)) return [];
  return rrmResponseViolations(
    {
      startDate: draft.startDate,
      endDate: draft.endDate,
      householdsReached: parseCount(draft.householdsReached) ?? Number.NaN,
      personsReached: parseCount(draft.personsReached) ?? Number.NaN,
    },
    shockDate,
  );
}
