import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';

interface PaginationProps {
  page: number;
  pageSize: number;
  total: number;
  onPageChange: (page: number) => void;
}

export function Pagination({ page, pageSize, total, onPageChange }: PaginationProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={t('list.pagination')}>
      <button type="button" className="button button-secondary" disabled={page <= 1} onClick={() => onPageChange(page - 1)}>
        <span aria-hidden="true">‹ </span>
        {t('list.previous')}
      </button>
      <span className="pagination-status" aria-current="page">
        {t('list.pageOf', { page: format.number(page), pages: format.number(pages) })}
      </span>
      <button type="button" className="button button-secondary" disabled={page >= pages} onClick={() => onPageChange(page + 1)}>
        {t('list.next')}
        <span aria-hidden="true"> ›</span>
      </button>
    </nav>
  );
}

/** "123 résultats", announced when filters change it. */
export function ResultCount({ total }: { total: number | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <p className="result-count" role="status">
      {total === undefined ? '\u00a0' : t('list.results', { count: total, formatted: format.number(total) })}
    </p>
  );
}
