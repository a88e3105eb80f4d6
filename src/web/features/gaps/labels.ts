import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type AssessmentKind, type AssessmentStatus, assessmentKindLabels, assessmentStatusLabels, severityLabels } from '../../../shared/contracts/assessments.ts';
import type { Language } from '../../../shared/contracts/common.ts';
import { type FollowUpStatus, followUpStatusLabels, type NeedSource, needSourceLabels } from '../../../shared/contracts/gaps.ts';
import { type GapStatus, gapStatusLabels } from '../../../shared/gaps.ts';
import { type Phase, phaseLabels } from '../../../shared/phases.ts';
import { type Sector, sectorLabels } from '../../../shared/sectors.ts';
import { intlLocale } from '../../i18n/i18n.ts';

/** The domain's words in the UI language, from the shared contracts (the same the exports write). */
export function useGapLabels() {
  const { i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'fr';
  return useMemo(() => {
    const day = new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'medium', timeZone: 'UTC' });
    const number = new Intl.NumberFormat(intlLocale(language));
    const percent = new Intl.NumberFormat(intlLocale(language), { style: 'percent', maximumFractionDigits: 0 });
    return {
      language,
      sector: (value: Sector) => sectorLabels[value][language],
      /** For narrow columns: the cluster's usual abbreviation where its name is long. */
      sectorShort: (value: Sector) => (value === 'eha' ? (language === 'fr' ? 'EHA' : 'WASH') : sectorLabels[value][language]),
      status: (value: GapStatus) => gapStatusLabels[value][language],
      phase: (value: Phase | null) => (value ? phaseLabels[value][language] : '—'),
      needSource: (value: NeedSource | null) => (value ? needSourceLabels[value][language] : '—'),
      followUp: (value: FollowUpStatus) => followUpStatusLabels[value][language],
      kind: (value: AssessmentKind) => assessmentKindLabels[value][language],
      assessmentStatus: (value: AssessmentStatus) => assessmentStatusLabels[value][language],
      severity: (value: number | null) => (value === null ? '—' : (severityLabels[value]?.[language] ?? String(value))),
      /** A calendar date 'YYYY-MM-DD', never shifted by the reader's time zone. */
      day: (iso: string) => day.format(new Date(`${iso}T00:00:00Z`)),
      number: (value: number) => number.format(value),
      percent: (value: number) => percent.format(value),
    };
  }, [language]);
}
export type GapLabels = ReturnType<typeof useGapLabels>;
