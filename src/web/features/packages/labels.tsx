import { useTranslation } from 'react-i18next';
import {
  endorsingBodyLabels,
  methodTypeLabels,
  packageFrequencyLabels,
  packageModalityLabels,
  packagePhaseLabels,
  packageStatusLabels,
  type EndorsingBody,
  type MethodType,
  type PackageFrequency,
  type PackageModality,
  type PackagePhase,
  type PackageStatus,
} from '../../../shared/contracts/packages.ts';
import { type Sector, sectorLabels } from '../../../shared/sectors.ts';
import { useFormat } from '../../i18n/format.ts';
import { usePackagesT } from './i18n.ts';

/** The package vocabulary in the reader's language, and the figures written their way. */
export function usePackageLabels() {
  const { i18n } = useTranslation();
  const pt = usePackagesT();
  const format = useFormat();
  const lang = i18n.language === 'en' ? 'en' : 'fr';
  return {
    sector: (s: Sector) => sectorLabels[s][lang],
    status: (s: PackageStatus) => packageStatusLabels[s][lang],
    phase: (p: PackagePhase) => packagePhaseLabels[p][lang],
    modality: (m: PackageModality) => packageModalityLabels[m][lang],
    frequency: (f: PackageFrequency) => packageFrequencyLabels[f][lang],
    body: (b: EndorsingBody) => endorsingBodyLabels[b][lang],
    methodType: (m: MethodType) => methodTypeLabels[m][lang],
    value: (value: number | null, recurring = false) =>
      value === null ? pt('detail.none') : pt(recurring ? 'valuePerMonth' : 'value', { value: format.number(value) }),
    months: (count: number | null) => (count === null ? pt('detail.none') : pt('months', { count })),
    revision: (n: number) => pt('revision', { n }),
    date: format.date,
    number: format.number,
  };
}

const statusTone: Record<PackageStatus, string> = { draft: 'neutral', proposed: 'warning', endorsed: 'success', superseded: 'muted' };

export function PackageStatusBadge({ status }: { status: PackageStatus }) {
  const labels = usePackageLabels();
  return <span className={`package-status package-status-${statusTone[status]}`}>{labels.status(status)}</span>;
}
