import { useTranslation } from 'react-i18next';
import type { DisplacementTable as Table } from '../../../shared/contracts/dashboard.ts';
import { displacementBuckets, zoneLabels } from '../../../shared/dashboard.ts';
import { percentText } from './percent.ts';
import { useLanguage } from './useLanguage.ts';
import { useFormat } from '../../i18n/format.ts';

/**
 * The share of IDP households by time since displacement per zone, laid out as in the
 * coordination's presentation: zones as columns, time since the shock as rows; each cell
 * shaded by its share so the pattern reads at a glance.
 */
export function DisplacementTable({ table }: { table: Table }) {
  const { t } = useTranslation();
  const format = useFormat();
  const language = useLanguage();
  const bucketLabel = {
    rrm: t('dashboard.displacement.rrm', { months: table.rrmMonths }),
    post_rrm: t('dashboard.displacement.postRrm', { from: table.rrmMonths, to: table.postRrmUntilMonth }),
    beyond: t('dashboard.displacement.beyond', { months: table.postRrmUntilMonth }),
  };
  return (
    <figure className="chart displacement">
      <figcaption>
        <span>{t('dashboard.displacement.title')}</span>
      </figcaption>
      <div className="table-wrap">
        <table className="matrix-table displacement-table">
          <thead>
            <tr>
              <th scope="col">{t('dashboard.displacement.since')}</th>
              {table.zones.map((z) => (
                <th scope="col" key={z.zone} className="numeric">
                  {zoneLabels[z.zone][language]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {displacementBuckets.map((bucket, i) => (
              <tr key={bucket}>
                <th scope="row">{bucketLabel[bucket]}</th>
                {table.zones.map((z) => {
                  const share = z.shares?.[i] ?? null;
                  return (
                    <td
                      key={z.zone}
                      className="numeric share-cell"
                      style={share === null ? undefined : { background: `rgba(178, 24, 43, ${(0.08 + share * 0.6).toFixed(2)})` }}
                      title={share === null ? undefined : t('dashboard.displacement.households', { value: format.number(z.byBucket[i]!) })}
                    >
                      {share === null ? t('common.empty') : percentText(share, language, format.number)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('dashboard.displacement.total')}</th>
              {table.zones.map((z) => (
                <td key={z.zone} className="numeric">
                  {format.number(z.households)}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="muted figure-note">{t('dashboard.displacement.note')}</p>
    </figure>
  );
}
