import type { OverlapMatrix } from '../../../shared/contracts/dedup.ts';
import { useFormat } from '../../i18n/format.ts';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { TextField } from '../../ui/fields.tsx';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useListParams } from '../../ui/useListParams.ts';
import { ListsNav } from '../lists/ListsNav.tsx';
import { useOverlap } from './dedup.api.ts';
import { DedupFilters } from './DedupFilters.tsx';
import { useDedupT } from './i18n.ts';
import './dedup.css';

type Cell = OverlapMatrix['cells'][number];

/** Organisations against organisations: households on both one's and the other's lists, and possible double assistance. Counts only. */
export default function OverlapPage() {
  const dt = useDedupT();
  const format = useFormat();
  const list = useListParams({ filters: { region: '', sector: '', from: '', to: '', windowDays: '30' } });
  const { page: _page, pageSize: _pageSize, ...query } = list.query;
  const overlap = useOverlap(query);
  const data = overlap.data;
  const cellOf = (a: string, b: string): Cell | undefined => data?.cells.find((c) => (c.a === a && c.b === b) || (c.a === b && c.b === a));
  const acronym = (id: string) => data?.organisations.find((o) => o.id === id)?.acronym ?? '—';
  const doubles = (data?.cells ?? []).filter((c) => c.doubleAssistance > 0);
  const doubleColumns: Column<Cell>[] = [
    {
      key: 'organisations',
      header: dt('overlap.doubleColumns.organisations'),
      cell: (c) => (c.a === c.b ? acronym(c.a) : `${acronym(c.a)} — ${acronym(c.b)}`),
    },
    { key: 'households', header: dt('overlap.doubleColumns.households'), numeric: true, cell: (c) => <strong>{format.number(c.doubleAssistance)}</strong> },
    { key: 'shared', header: dt('overlap.doubleColumns.shared'), numeric: true, cell: (c) => (c.a === c.b ? '—' : format.number(c.shared)) },
  ];

  return (
    <>
      <PageHeader title={dt('overlap.title')}>
        <p className="lead">{dt('overlap.lead')}</p>
      </PageHeader>
      <ListsNav />
      <DedupFilters filters={list.filters} setFilter={list.setFilter} period="date">
        <TextField
          type="number"
          min={0}
          max={365}
          label={dt('filters.windowDays')}
          value={list.filters.windowDays}
          onChange={(e) => list.setFilter('windowDays', e.target.value || '30')}
        />
      </DedupFilters>
      {overlap.error && <ProblemNotice error={overlap.error} />}
      {data && (
        <>
          <Notice
            tone={data.deduplicated ? 'info' : 'warning'}
            title={data.deduplicated && data.lastRunAt ? dt('counts.deduplicated', { date: format.dateTime(data.lastRunAt) }) : dt('counts.notDeduplicated')}
          />
          {data.organisations.length === 0 ? (
            <EmptyState title={dt('overlap.empty')} />
          ) : (
            <>
              <p className="muted">{dt('overlap.legend')}</p>
              <div className="table-wrap overlap-wrap">
                <table className="overlap-matrix">
                  <caption className="visually-hidden">{dt('overlap.caption')}</caption>
                  <thead>
                    <tr>
                      <td />
                      {data.organisations.map((o) => (
                        <th key={o.id} scope="col">
                          <abbr title={o.name}>{o.acronym}</abbr>
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {data.organisations.map((row) => (
                      <tr key={row.id}>
                        <th scope="row">
                          <abbr title={row.name}>{row.acronym}</abbr>
                        </th>
                        {data.organisations.map((column) => {
                          const cell = cellOf(row.id, column.id);
                          if (row.id === column.id) {
                            return (
                              <td key={column.id} className="overlap-own" title={dt('overlap.own', { households: format.number(row.households) })}>
                                {format.number(row.households)}
                                {cell && cell.doubleAssistance > 0 && (
                                  <span className="overlap-double" title={dt('overlap.ownDouble', { count: format.number(cell.doubleAssistance) })}>
                                    {' '}
                                    ⚠ {format.number(cell.doubleAssistance)}
                                    <span className="visually-hidden"> {dt('overlap.ownDouble', { count: format.number(cell.doubleAssistance) })}</span>
                                  </span>
                                )}
                              </td>
                            );
                          }
                          if (!cell || cell.shared === 0)
                            return (
                              <td key={column.id} className="overlap-none" aria-label="0">
                                ·
                              </td>
                            );
                          return (
                            <td
                              key={column.id}
                              className={cell.doubleAssistance > 0 ? 'overlap-shared overlap-flag' : 'overlap-shared'}
                              title={dt('overlap.cell', { shared: format.number(cell.shared) })}
                            >
                              {format.number(cell.shared)}
                              {cell.doubleAssistance > 0 && (
                                <span className="overlap-double">
                                  {' '}
                                  ⚠ {format.number(cell.doubleAssistance)}
                                  <span className="visually-hidden"> {dt('overlap.cellDouble', { count: format.number(cell.doubleAssistance) })}</span>
                                </span>
                              )}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <section aria-labelledby="overlap-double">
                <h2 id="overlap-double">{dt('overlap.doubleTitle')}</h2>
                <p className="muted">{dt('overlap.doubleIntro', { days: format.number(data.windowDays) })}</p>
                {doubles.length === 0 ? (
                  <p>{dt('overlap.noDouble')}</p>
                ) : (
                  <DataTable
                    caption={dt('overlap.doubleCaption')}
                    columns={doubleColumns}
                    rows={doubles}
                    rowKey={(c) => `${c.a}|${c.b}`}
                    busy={overlap.isPlaceholderData}
                  />
                )}
              </section>
            </>
          )}
        </>
      )}
    </>
  );
}
