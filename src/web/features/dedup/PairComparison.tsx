import type { ReactNode } from 'react';
import type { Contribution, DedupRecord, LinkageFieldKey } from '../../../shared/contracts/dedup.ts';
import { useFormat } from '../../i18n/format.ts';
import { useListLabels } from '../lists/labels.ts';
import { useDedupT } from './i18n.ts';

/** The rows of a comparison: each compared field, then the list and assistance (context, not compared). */
const rows: { field: LinkageFieldKey | 'list' | 'assistance'; compared: boolean }[] = [
  { field: 'list', compared: false },
  { field: 'name', compared: true },
  { field: 'sex', compared: true },
  { field: 'birth', compared: true },
  { field: 'phone', compared: true },
  { field: 'identity', compared: true },
  { field: 'place', compared: true },
  { field: 'spouse', compared: true },
  { field: 'size', compared: true },
  { field: 'address', compared: true },
  { field: 'assistance', compared: false },
];

/** A probability in per cent; near certainty keeps a decimal (99.7 %, not 100 %: the engine was not certain). */
export function percent(probability: number): number {
  const value = probability * 100;
  return value > 99 && value < 100 ? Math.floor(value * 10) / 10 : Math.round(value);
}

/** The strongest a field weighs (engine.ts caps each field at ±12 bits, ±6 more for a rare or common name). */
const fullScale = 12;

export function useRecordValue() {
  const dt = useDedupT();
  const labels = useListLabels();
  const format = useFormat();
  return (record: DedupRecord, field: (typeof rows)[number]['field']): ReactNode => {
    switch (field) {
      case 'list':
        return `${record.list.organisation.acronym} — ${record.list.code}, ${dt('cluster.row', { row: record.row })}`;
      case 'name':
        return record.headName;
      case 'sex':
        return record.sex ? dt(`sex.${record.sex}`) : null;
      case 'birth':
        return record.birthYear;
      case 'phone':
        return record.phones.join(', ');
      case 'identity':
        return record.nina;
      case 'place':
        return record.locality ? `${record.locality.name}${record.locality.pcode ? ` (${record.locality.pcode})` : ''}` : null;
      case 'spouse':
        return record.spouses.join(', ');
      case 'size':
        return record.householdSize;
      case 'address':
        return null;
      case 'assistance':
        return `${labels.sector(record.sector)}${record.assistance ? ` — ${record.assistance}` : ''}, ${format.date(record.assistanceDate)}`;
    }
  };
}

/** One field's weight in the decision, as a bar from the middle: right for the same household, left against. */
function Weight({ contribution }: { contribution: Contribution | undefined }) {
  const dt = useDedupT();
  const format = useFormat();
  if (!contribution) return <span className="muted">{dt('review.notCompared')}</span>;
  const share = Math.min(1, Math.abs(contribution.weight) / fullScale);
  const positive = contribution.weight >= 0;
  const value = `${positive ? '+' : '−'}${format.number(Math.round(Math.abs(contribution.weight) * 10) / 10)}`;
  return (
    <span className="weight" title={dt('review.levels', { level: contribution.level, max: contribution.levels - 1 })}>
      <span className="weight-track" aria-hidden="true">
        <span
          className={`weight-bar ${positive ? 'weight-for' : 'weight-against'}`}
          style={{ width: `${share * 50}%`, [positive ? 'left' : 'right']: '50%' }}
        />
      </span>
      <span className="weight-value">{value}</span>
      <span className="visually-hidden"> ({dt('review.levels', { level: contribution.level, max: contribution.levels - 1 })})</span>
    </span>
  );
}

/** Two records side by side, field by field, with each compared field's weight: the custodian's "why". */
export function PairComparison({ a, b, contributions, caption }: { a: DedupRecord; b: DedupRecord; contributions: Contribution[]; caption: string }) {
  const dt = useDedupT();
  const value = useRecordValue();
  const byField = new Map(contributions.map((c) => [c.field, c]));
  return (
    <div className="table-wrap">
      <table className="pair-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">{dt('review.field')}</span>
            </th>
            <th scope="col">{dt('review.recordA')}</th>
            <th scope="col">{dt('review.recordB')}</th>
            <th scope="col" title={dt('review.whyHint')}>
              {dt('review.why')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows
            .filter((row) => row.field !== 'address' || byField.has('address'))
            .map((row) => {
              const contribution = row.compared ? byField.get(row.field as LinkageFieldKey) : undefined;
              const tone = contribution ? (contribution.weight >= 0.5 ? 'agree' : contribution.weight <= -0.5 ? 'disagree' : '') : '';
              return (
                <tr key={row.field} className={tone ? `pair-${tone}` : undefined}>
                  <th scope="row">{dt(`fields.${row.field}`)}</th>
                  <td>{value(a, row.field)}</td>
                  <td>{value(b, row.field)}</td>
                  <td>{row.compared && <Weight contribution={contribution} />}</td>
                </tr>
              );
            })}
        </tbody>
      </table>
    </div>
  );
}
