import { Link } from 'react-router';
import { packagesApi } from '../../../shared/contracts/packages.ts';
import { can } from '../../../shared/permissions.ts';
import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client.ts';
import { useSession } from '../../auth/session.ts';
import { usePackagesT } from './i18n.ts';
import { usePackageLabels } from './labels.tsx';
import { packageKeys } from './packages.api.ts';
import './packages.css';

/**
 * The dashboard's quality figure: per sector, the share of households reached through an endorsed
 * package and the share that received it in full (aggregated: every dashboard reader sees it).
 */
export function PackageConformityFigure({ region, sector }: { region: string; sector: string }) {
  const pt = usePackagesT();
  const labels = usePackageLabels();
  const user = useSession().user;
  const query = { ...(region ? { region } : {}), ...(sector ? { sector } : {}) };
  const summary = useQuery({
    queryKey: packageKeys.conformity({ ...query, summary: true }),
    queryFn: ({ signal }) => call(packagesApi.conformitySummary, { query, signal }),
  });
  const rows = summary.data?.sectors.filter((s) => s.households > 0) ?? [];
  if (rows.length === 0) return null;
  const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);
  return (
    <section className="card package-figure" aria-labelledby="package-figure-title">
      <h2 id="package-figure-title">{pt('figure.title')}</h2>
      <p className="muted">{pt('figure.lead', { from: summary.data!.from, to: summary.data!.to })}</p>
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{pt('columns.sector')}</th>
              <th scope="col">{pt('conformity.share')}</th>
              <th scope="col">{pt('figure.full')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.sector}>
                <th scope="row">{labels.sector(s.sector)}</th>
                <td>
                  <span className="conformity-bar-track" aria-hidden="true">
                    <span className="conformity-bar" style={{ width: `${pct(s.withPackage, s.households)}%` }} />
                  </span>{' '}
                  {pct(s.withPackage, s.households)} %
                </td>
                <td>{pct(s.following, s.households)} %</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {user && can(user, 'package:conformity') && <Link to="/packages/conformity">{pt('figure.details')}</Link>}
    </section>
  );
}
