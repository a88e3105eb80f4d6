import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { intlLocale } from './i18n.ts';

/** Dates and numbers written the way the reader's UI language writes them. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = intlLocale(i18n.language);
  return useMemo(() => {
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const number = new Intl.NumberFormat(locale);
    const list = new Intl.ListFormat(locale, { style: 'short', type: 'conjunction' });
    return {
      date: (iso: string) => date.format(new Date(iso)),
      dateTime: (iso: string) => dateTime.format(new Date(iso)),
      number: (value: number) => number.format(value),
      list: (items: string[]) => list.format(items),
    };
  }, [locale]);
}
