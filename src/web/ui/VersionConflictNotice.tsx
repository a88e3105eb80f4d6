import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client.ts';
import { Notice } from './Notice.tsx';

/**
 * Someone saved the record since this page loaded. The server's message says so; reloading
 * replaces the form with the saved record (the server sent it with the conflict).
 */
export function VersionConflictNotice({ error, onReload }: { error: ApiError; onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <Notice
      tone="warning"
      title={error.title}
      actions={
        <button type="button" className="button" onClick={onReload}>
          {t('common.reload')}
        </button>
      }
    />
  );
}
