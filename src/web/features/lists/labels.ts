import { listStatusLabels, type ListStatus } from '../../../shared/contracts/lists.ts';
import { legalBasisLabels, type LegalBasis, listPurposeLabels, type ListPurpose, type SensitivityClass, sensitivityLabels } from '../../../shared/list-protocol.ts';
import { type Sector, sectorLabels } from '../../../shared/sectors.ts';
import { useTranslation } from 'react-i18next';

/** Labels of the protocol's values in the reader's language. */
export function useListLabels() {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'fr';
  return {
    lang,
    status: (s: ListStatus) => listStatusLabels[s][lang],
    purpose: (p: ListPurpose) => listPurposeLabels[p][lang],
    legalBasis: (b: LegalBasis) => legalBasisLabels[b][lang],
    sensitivity: (s: SensitivityClass) => sensitivityLabels[s][lang],
    sector: (s: Sector) => sectorLabels[s][lang],
  } as const;
}
