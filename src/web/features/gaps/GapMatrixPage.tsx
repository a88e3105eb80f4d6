import { Fragment } from 'react';
import { Link } from 'react-router';
import type { GapMatrix } from '../../../shared/contracts/gaps.ts';
import { gapStatuses } from '../../../shared/gaps.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useListParams } from '../../ui/useListParams.ts';
import { GapFilters, gapFilterDefaults } from './GapFilters.tsx';
import { gapLink } from './GapListPage.tsx';
import { GapStatusBadge } from './GapStatusBadge.tsx';
import { GapsNav } from './GapsNav.tsx';
import { useGapMatrix } from './gaps.api.ts';
import { useGapsT } from './i18n.ts';
import { useGapLabels } from './labels.ts';
import './gaps.css';
import { TableWrap } from '../../ui/TableWrap.tsx';

type MatrixLocality = GapMatrix['localities'][number];

/** Localities grouped by region, then cercle, in the order the server sent them. */
function groups(localities: readonly MatrixLocality[]) {
  const regions: { name: string; cercles: { name: string; localities: MatrixLocality[] }[] }[] = [];
  for (const entry of localities) {
    const regionName = entry.locality.adm1Name ?? '—';
    const cercleName = entry.locality.adm2Name ?? '—';
    let region = regions.at(-1);
    if (!region || region.name !== regionName) regions.push((region = { name: regionName, cercles: [] }));
    let cercle = region.cercles.at(-1);
    if (!cercle || cercle.name !== cercleName) region.cercles.push((cercle = { name: cercleName, localities: [] }));
    cercle.localities.push(entry);
  }
  return regions;
}

/** The heat map: every locality against every sector, coloured and worded by status. */
export default function GapMatrixPage() {
  const gt = useGapsT();
  const labels = useGapLabels();
  const list = useListParams({ filters: gapFilterDefaults, pageSize: 500 });
  const { at, horizonDays, region, sector, phase, q, localityId } = list.filters;
  const matrix = useGapMatrix({ at, horizonDays, region, sector, phase, q, localityId });
  const data = matrix.data;

  return (
    <>
      <PageHeader title={gt('gaps.matrixView')}>
        <p className="lead">{gt('gaps.lead')}</p>
      </PageHeader>
      <GapsNav />
      <GapFilters filters={list.filters} setFilters={list.setFilters} compact />
      <ul className="gap-legend" aria-label={gt('gaps.matrix.legend')}>
        {gapStatuses.map((status) => (
          <li key={status}>
            <GapStatusBadge status={status} />
          </li>
        ))}
        <li>{gt('gaps.matrix.upcomingMark')}</li>
      </ul>
      {matrix.error ? (
        <ProblemNotice error={matrix.error} />
      ) : data && data.localities.length === 0 ? (
        <EmptyState title={gt('gaps.empty')}>{gt('gaps.emptyHint')}</EmptyState>
      ) : (
        data && (
          <TableWrap label={gt('gaps.matrix.caption')} className="sticky-first">
            <table className="gap-matrix" aria-busy={matrix.isFetching || undefined}>
              <caption className="visually-hidden">{gt('gaps.matrix.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{gt('gaps.columns.locality')}</th>
                  {data.sectors.map((s) => (
                    <th key={s} scope="col">
                      <abbr title={labels.sector(s)}>{labels.sectorShort(s)}</abbr>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {groups(data.localities).map((regionGroup) => (
                  <Fragment key={regionGroup.name}>
                    <tr className="group-row">
                      <th scope="rowgroup" colSpan={data.sectors.length + 1}>
                        {regionGroup.name}
                      </th>
                    </tr>
                    {regionGroup.cercles.map((cercle) => (
                      <Fragment key={`${regionGroup.name}/${cercle.name}`}>
                        <tr className="subgroup-row">
                          <th scope="rowgroup" colSpan={data.sectors.length + 1}>
                            {cercle.name}
                          </th>
                        </tr>
                        {cercle.localities.map((entry) => (
                          <tr key={entry.locality.id}>
                            <th scope="row">
                              <Link to={`/localities/${entry.locality.id}`}>{entry.locality.name}</Link>
                              <span className="gap-secondary">{labels.phase(entry.phase)}</span>
                            </th>
                            {data.sectors.map((s) => {
                              const cell = entry.cells.find((c) => c.sector === s);
                              if (!cell) return <td key={s} aria-label={gt('gaps.matrix.noRow')} />;
                              const status = labels.status(cell.status);
                              return (
                                <td key={s} className={`gap-${cell.status}`}>
                                  <Link
                                    to={gapLink({ locality: entry.locality, sector: s }, data.at, horizonDays)}
                                    title={gt('gaps.matrix.cell', { sector: labels.sector(s), locality: entry.locality.name, status })}
                                  >
                                    <span className="visually-hidden">{status} </span>
                                    {cell.gap !== null && cell.gap > 0 ? `−${labels.number(cell.gap)}` : cell.status === 'unknown' ? '?' : '✓'}
                                    {cell.upcoming && <span aria-label={gt('gaps.matrix.upcomingMark')}> ⚠</span>}
                                  </Link>
                                </td>
                              );
                            })}
                          </tr>
                        ))}
                      </Fragment>
                    ))}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )
      )}
    </>
  );
}
