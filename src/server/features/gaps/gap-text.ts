import type { Language } from '../../../shared/contracts/common.ts';

const dateFormats: Record<Language, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};
const numberFormats: Record<Language, Intl.NumberFormat> = { fr: new Intl.NumberFormat('fr-FR'), en: new Intl.NumberFormat('en-GB') };
const pluralRules: Record<Language, Intl.PluralRules> = { fr: new Intl.PluralRules('fr-FR'), en: new Intl.PluralRules('en-GB') };

/** How gap texts (explanations, alerts, digests) write dates, numbers and households in each language. */
export function gapText(lang: Language) {
  const number = (value: number) => numberFormats[lang].format(value);
  return {
    // French writes the first day of a month "1er".
    date: (iso: string) => dateFormats[lang].format(new Date(`${iso}T00:00:00Z`)).replace(/^1 /, lang === 'fr' ? '1er ' : '1 '),
    number,
    households: (value: number) => (lang === 'fr' ? `${number(value)} ménage${value > 1 ? 's' : ''}` : `${number(value)} household${value === 1 ? '' : 's'}`),
    days: (value: number) => (lang === 'fr' ? `${number(value)} jour${value > 1 ? 's' : ''}` : `${number(value)} day${value === 1 ? '' : 's'}`),
    /** "1 gap ouvert", "2 gaps ouverts": the words the number calls for in the language (0 is singular in French). */
    count: (value: number, one: string, other: string) => `${number(value)} ${pluralRules[lang].select(value) === 'one' ? one : other}`,
  };
}
