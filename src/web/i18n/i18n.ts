import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/contracts/common.ts';
import { configureClient } from '../api/client.ts';
import { fr } from './fr.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof fr };
  }
}

export const languageStorageKey = 'relais.language';

export const i18n = i18next.createInstance();

// French ships with the app; English is fetched only by those who switch to it.
const bundles: Record<Language, () => Promise<object>> = {
  fr: () => Promise.resolve(fr),
  en: async () => (await import('./en.ts')).en,
};

export function storedLanguage(): Language | null {
  try {
    const value = localStorage.getItem(languageStorageKey);
    return value === 'fr' || value === 'en' ? value : null;
  } catch {
    return null;
  }
}

export function rememberLanguage(language: Language) {
  try {
    localStorage.setItem(languageStorageKey, language);
  } catch {
    // Private browsing can refuse storage: the choice then lasts for this visit only.
  }
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'fr';
}

/** The Intl locale of a UI language: British English writes dates day-first, as French does. */
export function intlLocale(language: string): string {
  return language === 'en' ? 'en-GB' : 'fr-FR';
}

export async function applyLanguage(language: Language) {
  if (!i18n.hasResourceBundle(language, 'translation')) {
    i18n.addResourceBundle(language, 'translation', await bundles[language]());
  }
  await i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

export async function initI18n(language: Language = storedLanguage() ?? 'fr') {
  if (!i18n.isInitialized) {
    await i18n.use(initReactI18next).init({
      lng: 'fr',
      fallbackLng: 'fr',
      supportedLngs: ['fr', 'en'],
      resources: { fr: { translation: fr } },
      interpolation: { escapeValue: false },
    });
    configureClient({
      language: currentLanguage,
      fallbackTitle: (kind) => i18n.t(kind === 'network' ? 'common.networkError' : 'common.unexpectedError'),
    });
  }
  await applyLanguage(language);
}
