import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../i18n/i18n.ts';
import { capacitiesEn, capacitiesFr, responsesEn, responsesFr } from './messages.ts';

/**
 * The 5W and capacity pages' strings live in their own i18next namespace: the app-wide key
 * union is already at the edge of what TypeScript can check (adding these keys to `fr.ts` made
 * `t` "excessively deep"), so this namespace gets its own, smaller key type below.
 */
const namespace = 'fiveW';
i18n.addResourceBundle('fr', namespace, { responses: responsesFr, capacities: capacitiesFr }, true, true);
i18n.addResourceBundle('en', namespace, { responses: responsesEn, capacities: capacitiesEn }, true, true);

type Plural = `${string}_${'one' | 'many' | 'other' | 'zero'}`;
type Keys<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string
    ? K extends Plural
      ? `${Prefix}${K extends `${infer Base}_${'one' | 'many' | 'other' | 'zero'}` ? Base : K}`
      : `${Prefix}${K}`
    : Keys<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type FiveWKey = Keys<{ responses: typeof responsesFr; capacities: typeof capacitiesFr }>;

/** `t` for this namespace, re-created when the language changes. */
type FiveWT = (key: FiveWKey, options?: Record<string, unknown>) => string;

export function useFiveWT(): FiveWT {
  const { i18n: instance } = useTranslation();
  return useMemo(() => {
    // The namespace is not part of the app-wide typed resources, on purpose (see above).
    const fixedT = instance.getFixedT.bind(instance) as unknown as (language: string, ns: string) => FiveWT;
    return fixedT(instance.language, namespace);
  }, [instance, instance.language]);
}
