import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from './i18n.ts';

type Plural = `${string}_${'one' | 'many' | 'other' | 'zero'}`;

/** The dotted keys of a message tree, plural forms under their base key (as `t` takes them). */
export type MessageKeys<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string
    ? K extends Plural
      ? `${Prefix}${K extends `${infer Base}_${'one' | 'many' | 'other' | 'zero'}` ? Base : K}`
      : `${Prefix}${K}`
    : MessageKeys<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/**
 * A feature's strings in their own i18next namespace, with a key type of their own: the
 * app-wide key union is already at the edge of what TypeScript can check (adding more keys to
 * `fr.ts` made `t` "excessively deep"). Returns the hook giving `t` for the namespace.
 */
export function messageNamespace<Fr extends object>(namespace: string, fr: Fr, en: Fr) {
  const register = () => {
    i18n.addResourceBundle('fr', namespace, fr, true, true);
    i18n.addResourceBundle('en', namespace, en, true, true);
  };
  // Shared components load with the app, before i18next is initialised: they register once it is.
  if (i18n.isInitialized) register();
  else i18n.on('initialized', register);
  type T = (key: MessageKeys<Fr>, options?: Record<string, unknown>) => string;
  /** `t` for this namespace, re-created when the language changes. */
  return function useNamespaceT(): T {
    const { i18n: instance } = useTranslation();
    // The instance stays the same when the language changes: the language is a dependency of its own.
    const language = instance.language;
    return useMemo(() => {
      // The namespace is not part of the app-wide typed resources, on purpose (see above).
      const fixedT = instance.getFixedT.bind(instance) as unknown as (language: string, ns: string) => T;
      return fixedT(language, namespace);
    }, [instance, language]);
  };
}
