import type { Language } from '../../../shared/contracts/common.ts';

/** A share as a whole percentage: "62 %" with a narrow no-break space in French, "62%" in English. */
export function percentText(share: number, language: Language, number: (value: number) => string): string {
  const value = number(Math.round(share * 100));
  return language === 'fr' ? `${value}\u202f%` : `${value}%`;
}
