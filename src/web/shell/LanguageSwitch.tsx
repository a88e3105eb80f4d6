import { useTranslation } from 'react-i18next';
import { useSwitchLanguage } from '../auth/session.ts';
import { ToggleGroup } from '../ui/fields.tsx';

// Not imported from the contracts, whose zod schemas would then load with the first page.
const languages = ['fr', 'en'] as const;

/** FR / EN; the choice is kept on this device and, when signed in, in the account. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const switchLanguage = useSwitchLanguage();
  return (
    <div className="language-switch">
      <ToggleGroup
        label={t('language.label')}
        value={i18n.language}
        options={languages.map((language) => ({ value: language, label: t(`language.${language}`), short: language.toUpperCase() }))}
        onChange={(language) => switchLanguage.mutate(language === 'en' ? 'en' : 'fr')}
        disabled={switchLanguage.isPending}
      />
      {switchLanguage.isError && (
        <p className="field-hint" role="status">
          {t('language.saveFailed')}
        </p>
      )}
    </div>
  );
}
