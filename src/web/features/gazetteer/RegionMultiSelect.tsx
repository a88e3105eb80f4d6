import { useTranslation } from 'react-i18next';
import { CheckboxGroup } from '../../ui/fields.tsx';
import { useRegions } from './gazetteer.api.ts';

interface RegionMultiSelectProps {
  label: string;
  /** Region P-codes, e.g. `['ML05']`. */
  value: readonly string[];
  onChange: (pcodes: string[]) => void;
  error?: string;
  hint?: string;
  required?: boolean;
  disabled?: boolean;
}

/** Region checkboxes ("Mopti (ML05)") from the gazetteer; codes already chosen stay listed even if the gazetteer cannot be read. */
export function RegionMultiSelect({ label, value, onChange, error, hint, required, disabled }: RegionMultiSelectProps) {
  const { t } = useTranslation();
  const regions = useRegions();
  const known = (regions.data?.items ?? []).map((area) => ({ value: area.pcode, label: `${area.name} (${area.pcode})` }));
  const orphans = value.filter((pcode) => !known.some((o) => o.value === pcode)).map((pcode) => ({ value: pcode, label: pcode }));
  const status = regions.isError ? t('place.unavailable') : regions.isPending ? t('common.loading') : undefined;
  return (
    <CheckboxGroup
      label={label}
      hint={
        (hint || status) && (
          <>
            {hint}
            {status && <span className={regions.isError ? 'field-warning' : undefined}> {status}</span>}
          </>
        )
      }
      error={error}
      required={required}
      disabled={disabled}
      columns
      options={[...known, ...orphans]}
      value={value}
      onChange={onChange}
    />
  );
}
