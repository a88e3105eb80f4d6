import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type AlertStatus,
  alertStatusLabels,
  type Modality,
  modalityLabels,
  type PopulationGroup,
  populationGroupLabels,
  type ShockType,
  shockTypeLabels,
} from '../../../shared/contracts/alerts.ts';
import type { Language } from '../../../shared/contracts/common.ts';
import { type Phase, phaseLabels } from '../../../shared/phases.ts';
import { type Sector, sectorLabels } from '../../../shared/sectors.ts';
import { intlLocale } from '../../i18n/i18n.ts';

/**
 * The domain's own words (shock types, statuses, phases, sectors…) come with the shared
 * contracts in both languages, so the server's exports and the web say the same thing.
 * Days are calendar dates without a time: they are written in UTC so no time zone moves them.
 */
export function useAlertLabels() {
  const { i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'fr';
  return useMemo(() => {
    const day = new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'medium', timeZone: 'UTC' });
    const month = new Intl.DateTimeFormat(intlLocale(language), { month: 'short', year: '2-digit', timeZone: 'UTC' });
    return {
      language,
      shockType: (value: ShockType) => shockTypeLabels[value][language],
      status: (value: AlertStatus) => alertStatusLabels[value][language],
      phase: (value: Phase) => phaseLabels[value][language],
      sector: (value: Sector) => sectorLabels[value][language],
      populationGroup: (value: PopulationGroup) => populationGroupLabels[value][language],
      modality: (value: Modality) => modalityLabels[value][language],
      /** '2026-03-05' → "5 mars 2026". */
      day: (iso: string) => day.format(new Date(`${iso}T00:00:00Z`)),
      /** '2026-03-05' → "mars 26", for timeline ticks. */
      month: (iso: string) => month.format(new Date(`${iso}T00:00:00Z`)),
    };
  }, [language]);
}

export type AlertLabels = ReturnType<typeof useAlertLabels>;
