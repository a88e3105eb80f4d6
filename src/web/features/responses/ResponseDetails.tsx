import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Response, sexAgeGroups } from '../../../shared/contracts/responses.ts';
import { useFormat } from '../../i18n/format.ts';
import { usePackagesT } from '../packages/i18n.ts';
import { useResponseLabels } from './labels.ts';
import { figureText } from './response-draft.ts';
import { useFiveWT } from './i18n.ts';

/**
 * A 5W record in full, read-only: what a reader who may not change it (another organisation's
 * partner, a coordinator outside its region, the list custodian) sees instead of the form, with
 * the same sections and words.
 */
export function ResponseDetails({ record }: { record: Response }) {
  const { t } = useTranslation();
  const ft = useFiveWT();
  const pt = usePackagesT();
  const labels = useResponseLabels();
  const format = useFormat();
  const empty = t('common.empty');
  const figure = (value: number | null) => (value === null ? empty : format.number(value));
  const l = record.locality;
  const place = [l.adm3Name, l.adm2Name, l.adm1Name].filter(Boolean).join(' · ');
  const bySexAge = sexAgeGroups.filter((g) => record.reachedBySexAge[g] !== null);

  const fact = (label: string, value: ReactNode) => (
    <div>
      <dt>{label}</dt>
      <dd>{value === null || value === '' ? empty : value}</dd>
    </div>
  );
  const section = (legend: string, children: ReactNode) => (
    <section className="form-section response-details-section">
      <h3>{legend}</h3>
      <dl className="facts facts-columns">{children}</dl>
    </section>
  );

  return (
    <div className="response-details">
      {section(
        ft('responses.form.who'),
        <>
          {fact(ft('responses.fields.organisation'), `${record.organisation.acronym} — ${record.organisation.name}`)}
          {fact(ft('responses.fields.implementingPartner'), record.implementingPartner)}
          {fact(ft('responses.fields.donor'), record.donor)}
        </>,
      )}
      {section(
        ft('responses.form.what'),
        <>
          {fact(ft('responses.fields.sector'), labels.sector(record.sector))}
          {fact(ft('responses.fields.activity'), record.activity)}
          {fact(ft('responses.fields.package'), record.package)}
          {record.packageRef && (
            <>
              {fact(
                pt('delivery.package'),
                <Link to={`/packages/${record.packageRef.id}`}>{`${record.packageRef.name} (v${record.packageRef.revision})`}</Link>,
              )}
              {record.deliveredValueXof !== null && fact(pt('delivery.value'), format.number(record.deliveredValueXof))}
              {record.deliveredDurationMonths !== null && fact(pt('delivery.duration'), format.number(record.deliveredDurationMonths))}
              {record.missingComponents.length > 0 && fact(pt('delivery.missing'), format.list(record.missingComponents))}
            </>
          )}
          {fact(ft('responses.fields.modality'), record.modality && labels.modality(record.modality))}
        </>,
      )}
      {section(
        ft('responses.form.where'),
        <>
          {fact(
            ft('responses.fields.locality'),
            <>
              <Link to={`/localities/${l.id}`}>{l.name}</Link>
              {place && <span className="muted"> · {place}</span>}
              {l.pcode && <span className="muted"> · {l.pcode}</span>}
            </>,
          )}
          {fact(
            ft('responses.fields.alerts'),
            record.alerts.length === 0
              ? null
              : record.alerts.map((a, i) => (
                  <span key={a.id}>
                    {i > 0 && ', '}
                    <Link to={`/alerts/${a.id}`}>{a.code}</Link>
                  </span>
                )),
          )}
        </>,
      )}
      {section(
        ft('responses.form.when'),
        <>
          {fact(ft('responses.fields.period'), labels.month(record.period))}
          {fact(ft('responses.fields.status'), labels.status(record.status))}
          {fact(ft('responses.fields.startDate'), labels.day(record.startDate))}
          {fact(ft('responses.fields.endDate'), record.endDate && labels.day(record.endDate))}
        </>,
      )}
      {section(
        ft('responses.form.forWhom'),
        <>
          {fact(ft('responses.fields.populationGroup'), labels.populationGroup(record.populationGroup))}
          {fact(ft('responses.fields.householdsTargeted'), figure(record.householdsTargeted))}
          {fact(ft('responses.fields.householdsReached'), figure(record.householdsReached))}
          {fact(ft('responses.fields.personsTargeted'), figure(record.personsTargeted))}
          {fact(ft('responses.fields.personsReached'), figure(record.personsReached))}
          {bySexAge.length > 0 &&
            fact(
              ft('responses.form.bySexAge'),
              <ul className="plain-list">
                {bySexAge.map((g) => (
                  <li key={g}>
                    {labels.sexAge(g)} — {figure(record.reachedBySexAge[g])}
                  </li>
                ))}
              </ul>,
            )}
        </>,
      )}
      {section(
        ft('responses.form.budget'),
        <>
          {fact(ft('responses.fields.budget'), record.budget === null ? null : `${figureText(record.budget, labels.language)} ${record.currency}`)}
          {fact(ft('responses.fields.comments'), record.comments && <span className="prewrap">{record.comments}</span>)}
        </>,
      )}
    </div>
  );
}
