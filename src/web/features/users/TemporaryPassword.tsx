import { useId } from 'react';
import { useCopyText } from '../../ui/useCopyText.ts';
import { useTranslation } from 'react-i18next';

/**
 * The one time an administrator sees a temporary password. Copying falls back to selecting
 * the text where the Clipboard API is refused (plain HTTP on a local network).
 */
export function TemporaryPassword({ password, name }: { password: string; name: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const { ref: codeRef, copied, copy } = useCopyText(password);

  return (
    <section className="panel temporary-password" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('users.temporaryPasswordTitle')}</h2>
      <p>{t('users.temporaryPasswordOnce', { name })}</p>
      <div className="secret">
        <code ref={codeRef}>{password}</code>
        <button type="button" className="button" onClick={() => void copy()}>
          {t('users.copyPassword')}
        </button>
      </div>
      <p className="copy-status" role="status">
        {copied ? t('common.copied') : ''}
      </p>
    </section>
  );
}
