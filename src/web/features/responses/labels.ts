import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type Modality, modalityLabels, type PopulationGroup, populationGroupLabels } from '../../../shared/contracts/alerts.ts';
import { type FundingStatus, fundingStatusLabels } from '../../../shared/contracts/capacities.ts';
import type { Language } from '../../../shared/contracts/common.ts';
import { type PivotDimension, pivotDimensionLabels, type ResponseStatus, responseStatusLabels, type SexAgeGroup, sexAgeLabels } from '../../../shared/contracts/responses.ts';
import { type Sector, sectorLabels } from '../../../shared/sectors.ts';
import { intlLocale } from '../../i18n/i18n.ts';

/** The domain's words in the UI language, from the shared contracts (the same the exports write). */
export function useResponseLabels() {
  const { i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'fr';
  return useMemo(() => {
    const month = new Intl.DateTimeFormat(intlLocale(language), { month: 'long', year: 'numeric', timeZone: 'UTC' });
    const day = new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'medium', timeZone: 'UTC' });
    return {
      language,
      sector: (value: Sector) => sectorLabels[value][language],
      status: (value: ResponseStatus) => responseStatusLabels[value][language],
      populationGroup: (value: PopulationGroup) => populationGroupLabels[value][language],
      modality: (value: Modality) => modalityLabels[value][language],
      sexAge: (value: SexAgeGroup) => sexAgeLabels[value][language],
      funding: (value: FundingStatus) => fundingStatusLabels[value][language],
      dimension: (value: PivotDimension) => pivotDimensionLabels[value][language],
      /** '2026-03' → "mars 2026". */
      month: (period: string) => month.format(new Date(`${period}-01T00:00:00Z`)),
      day: (iso: string) => day.format(new Date(`${iso}T00:00:00Z`)),
    };
  }, [language]);
}

/** The current month, 'YYYY-MM', in UTC as the server counts it. */
export function currentPeriod(): string {
  return new Date().toISOString().slice(0, 7);
}
