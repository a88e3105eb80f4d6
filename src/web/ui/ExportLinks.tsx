import { useTranslation } from 'react-i18next';
import { type ExportFormat, exportFormats } from '../../shared/contracts/responses.ts';

/** The current list view as download links, one per format the API writes (filters kept in each link). */
export function ExportLinks({ urlOf }: { urlOf: (format: ExportFormat) => string }) {
  const { t } = useTranslation();
  return (
    <div className="export-links" role="group" aria-label={t('list.export.label')}>
      <span aria-hidden="true">{t('list.export.label')}</span>
      {exportFormats.map((format) => (
        <a key={format} className="button button-secondary button-small" href={urlOf(format)} download>
          {t(`list.export.${format}`)}
        </a>
      ))}
    </div>
  );
}
