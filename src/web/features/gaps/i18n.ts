import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../i18n/i18n.ts';
import { assessmentsEn, assessmentsFr, gapsEn, gapsFr, notificationsEn, notificationsFr } from './messages.ts';

/**
 * The gap, assessment and notification pages' strings, in their own i18next namespace (like the
 * 5W pages): the app-wide key union is already at the edge of what TypeScript can check.
 */
const namespace = 'gaps';
i18n.addResourceBundle('fr', namespace, { gaps: gapsFr, assessments: assessmentsFr, notifications: notificationsFr }, true, true);
i18n.addResourceBundle('en', namespace, { gaps: gapsEn, assessments: assessmentsEn, notifications: notificationsEn }, true, true);

type Plural = `${string}_${'one' | 'many' | 'other' | 'zero'}`;
type Keys<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string
    ? K extends Plural
      ? `${Prefix}${K extends `${infer Base}_${'one' | 'many' | 'other' | 'zero'}` ? Base : K}`
      : `${Prefix}${K}`
    : Keys<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type GapsKey = Keys<{ gaps: typeof gapsFr; assessments: typeof assessmentsFr; notifications: typeof notificationsFr }>;
type GapsT = (key: GapsKey, options?: Record<string, unknown>) => string;

/** `t` for this namespace, re-created when the language changes. */
export function useGapsT(): GapsT {
  const { i18n: instance } = useTranslation();
  return useMemo(() => {
    // The namespace is not part of the app-wide typed resources, on purpose (see above).
    const fixedT = instance.getFixedT.bind(instance) as unknown as (language: string, ns: string) => GapsT;
    return fixedT(instance.language, namespace);
  }, [instance, instance.language]);
}
