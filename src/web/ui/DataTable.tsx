import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Sort } from './useListParams.ts';
import { TableWrap } from './TableWrap.tsx';

export interface Column<T> {
  key: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** The server sort key; a sortable column's header becomes a button. */
  sortKey?: string;
  /** Numbers read best right-aligned. */
  numeric?: boolean;
}

interface DataTableProps<T> {
  /** Names the table for screen readers; shown only to them. */
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  sort?: Sort | null;
  onSort?: (key: string) => void;
  /** Dims the rows while the next page loads instead of blanking the table. */
  busy?: boolean;
}

/**
 * A plain accessible table. On a phone each row becomes a card whose cells carry their
 * column name (CSS reads `data-label`), so nothing scrolls sideways.
 */
export function DataTable<T>({ caption, columns, rows, rowKey, sort, onSort, busy }: DataTableProps<T>) {
  const { t } = useTranslation();
  return (
    <TableWrap label={caption}>
      <table className="data-table" aria-busy={busy || undefined}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const sortable = column.sortKey !== undefined && onSort !== undefined;
              const active = sortable && sort?.key === column.sortKey;
              const ariaSort = active ? (sort?.direction === 'desc' ? 'descending' : 'ascending') : sortable ? 'none' : undefined;
              return (
                <th key={column.key} scope="col" aria-sort={ariaSort} className={column.numeric ? 'numeric' : undefined}>
                  {sortable ? (
                    <button type="button" className="sort-button" onClick={() => onSort(column.sortKey!)} title={t('list.sortBy', { column: column.header })}>
                      {column.header}
                      <span className="sort-indicator" aria-hidden="true">
                        {active ? (sort?.direction === 'desc' ? '▼' : '▲') : '↕'}
                      </span>
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) => (
                <td key={column.key} data-label={column.header} className={column.numeric ? 'numeric' : undefined}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
