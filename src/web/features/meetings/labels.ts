import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/contracts/common.ts';
import {
  type ActionPointStatus,
  actionPointStatusLabels,
  type Concern,
  type MeetingLevel,
  meetingLevelLabels,
  type MeetingStatus,
  meetingStatusLabels,
} from '../../../shared/contracts/meetings.ts';
import { meetingFormat } from '../../../shared/meeting-text.ts';
import { type Sector, sectorLabels } from '../../../shared/sectors.ts';
import { intlLocale } from '../../i18n/i18n.ts';

/** Meetings' words in the UI language: the shared labels and the same agenda lines the minutes print. */
export function useMeetingLabels() {
  const { i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'fr';
  return useMemo(() => {
    const day = new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'medium', timeZone: 'UTC' });
    const longDay = new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'full', timeZone: 'UTC' });
    const number = new Intl.NumberFormat(intlLocale(language));
    const format = meetingFormat(language);
    return {
      language,
      format,
      level: (value: MeetingLevel) => meetingLevelLabels[value][language],
      status: (value: MeetingStatus) => meetingStatusLabels[value][language],
      actionStatus: (value: ActionPointStatus) => actionPointStatusLabels[value][language],
      sector: (value: Sector) => sectorLabels[value][language],
      /** A calendar date 'YYYY-MM-DD', never shifted by the reader's time zone. */
      day: (iso: string) => day.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)),
      longDay: (iso: string) => longDay.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)),
      number: (value: number) => number.format(value),
      concern: (concern: Concern) => format.concern(concern),
    };
  }, [language]);
}

/** Where a decision's or action point's subject lives in the app. */
export function concernLink(concern: Concern): string | null {
  if (concern.locality && concern.sector) return `/gaps/${concern.locality.id}/${concern.sector}`;
  if (concern.alert) return `/alerts/${concern.alert.id}`;
  if (concern.locality) return `/localities/${concern.locality.id}`;
  return null;
}
