import { z } from 'zod';
import {
  type Alert,
  alertInput,
  alertViolations,
  type PopulationGroup,
  type ShockType,
} from '../../../shared/contracts/alerts.ts';
import type { ErrorCode } from '../../../shared/errors.ts';
import { isIsoDate } from '../../../shared/phases.ts';
import { type Sector, sectors } from '../../../shared/sectors.ts';
import type { Place } from '../gazetteer/PlacePicker.tsx';

/** One sector's line of the MSA table as typed: numbers stay text until checked. */
export interface FindingDraft {
  /** '' not assessed, 'yes' a need found, 'no' the MSA found none (a known need of zero). */
  need: '' | 'yes' | 'no';
  householdsInNeed: string;
  severity: string;
  remarks: string;
}

/** The alert form's state; `alertForm` turns it into the shared `alertInput` and validates it. */
export interface AlertDraft {
  shockType: ShockType | '';
  shockDate: string;
  alertDate: string;
  hostLocality: Place | null;
  origins: { pcode: string; name: string | null }[];
  originText: string;
  households: string;
  persons: string;
  populationGroup: PopulationGroup;
  sourceOrganisationId: string;
  description: string;
  findings: Record<Sector, FindingDraft>;
}

const blankFinding: FindingDraft = { need: '', householdsInNeed: '', severity: '', remarks: '' };

export function emptyAlertDraft(): AlertDraft {
  return {
    shockType: '',
    shockDate: '',
    alertDate: '',
    hostLocality: null,
    origins: [],
    originText: '',
    households: '',
    persons: '',
    populationGroup: 'idp',
    sourceOrganisationId: '',
    description: '',
    findings: Object.fromEntries(sectors.map((s) => [s, blankFinding])) as Record<Sector, FindingDraft>,
  };
}

export function draftOf(alert: Alert): AlertDraft {
  const findings = emptyAlertDraft().findings;
  for (const f of alert.msaFindings) {
    findings[f.sector] = {
      need: f.need ? 'yes' : 'no',
      householdsInNeed: f.householdsInNeed === null ? '' : String(f.householdsInNeed),
      severity: f.severity === null ? '' : String(f.severity),
      remarks: f.remarks ?? '',
    };
  }
  const l = alert.hostLocality;
  return {
    shockType: alert.shockType,
    shockDate: alert.shockDate,
    alertDate: alert.alertDate,
    // The picker shows the name; the form only sends the id.
    hostLocality: { kind: 'locality', id: l.id, name: l.name, pcode: l.pcode, locality: { ...l, kind: 'other', lat: null, lon: null, version: 0 } },
    origins: alert.origins,
    originText: alert.originText ?? '',
    households: String(alert.households),
    persons: String(alert.persons),
    populationGroup: alert.populationGroup,
    sourceOrganisationId: alert.sourceOrganisation?.id ?? '',
    description: alert.description ?? '',
    findings,
  };
}

/** '' → undefined (required), '12' → 12, anything else → NaN (refused as not a number). */
export function parseCount(text: string): number | undefined {
  const trimmed = text.trim().replace(/[\s\u202f\u00a0]/g, '');
  if (trimmed === '') return undefined;
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

const textOrNull = (text: string) => (text.trim() === '' ? null : text.trim());

/** A sector's line goes to the server once anything is said about it. */
export function findingEntered(f: FindingDraft): boolean {
  return f.need !== '' || f.householdsInNeed.trim() !== '' || f.severity !== '' || f.remarks.trim() !== '';
}

export function toAlertInput(draft: AlertDraft): z.input<typeof alertInput> {
  return {
    shockType: draft.shockType as ShockType,
    shockDate: draft.shockDate,
    alertDate: draft.alertDate,
    hostLocalityId: draft.hostLocality?.id ?? '',
    originPcodes: draft.origins.map((o) => o.pcode),
    originText: textOrNull(draft.originText),
    households: parseCount(draft.households) as number,
    persons: parseCount(draft.persons) as number,
    populationGroup: draft.populationGroup,
    sourceOrganisationId: draft.sourceOrganisationId || null,
    description: textOrNull(draft.description),
    msaFindings: sectors
      .filter((sector) => findingEntered(draft.findings[sector]))
      .map((sector) => {
        const f = draft.findings[sector];
        return {
          sector,
          need: f.need === 'yes',
          householdsInNeed: parseCount(f.householdsInNeed) ?? null,
          severity: f.severity === '' ? null : Number(f.severity),
          remarks: textOrNull(f.remarks),
        };
      }),
  };
}

/** The form validated by the server's own schema: the draft is only reshaped, never checked twice. */
export const alertForm = z.custom<AlertDraft>().transform(toAlertInput).pipe(alertInput);

/**
 * Rules across fields the schema cannot hold (shock after alert, persons below households, a
 * future alert), checked as the server checks them; only once both dates are real dates.
 */
export function draftViolations(draft: Pick<AlertDraft, 'shockDate' | 'alertDate' | 'households' | 'persons'>, today: string): { path: keyof AlertDraft; code: ErrorCode }[] {
  if (!isIsoDate(draft.shockDate) || !isIsoDate(draft.alertDate)) return [];
  const households = parseCount(draft.households);
  const persons = parseCount(draft.persons);
  return alertViolations(
    { shockDate: draft.shockDate, alertDate: draft.alertDate, households: households ?? Number.NaN, persons: persons ?? Number.NaN },
    today,
  );
}
