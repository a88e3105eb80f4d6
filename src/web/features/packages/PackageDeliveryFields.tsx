import { TextField, SelectField } from '../../ui/fields.tsx';
import { usePackagesT } from './i18n.ts';
import { usePackageLabels } from './labels.tsx';
import { useEndorsedPackages } from './packages.api.ts';

interface Delivery {
  packageId: string;
  deliveredValueXof: string;
  deliveredDurationMonths: string;
  missingComponents: string[];
}

interface Props {
  sector: string;
  value: Delivery;
  errors: Partial<Record<string, string>>;
  set: (name: keyof Delivery, value: string | string[]) => void;
}

/**
 * In a 5W or RRM form: the endorsed package of the sector the response delivers and, when it gave
 * less, what it gave (the deviation the conformity view shows). Empty fields mean "as the package".
 */
export function PackageDeliveryFields({ sector, value, errors, set }: Props) {
  const pt = usePackagesT();
  const labels = usePackageLabels();
  const packages = useEndorsedPackages(sector);
  const items = packages.data?.items ?? [];
  const chosen = items.find((p) => p.id === value.packageId);
  if (sector === '' || (items.length === 0 && !value.packageId)) return null;
  return (
    <>
      <SelectField
        label={pt('delivery.package')}
        hint={pt('delivery.packageHint')}
        value={value.packageId}
        error={errors.packageId}
        onChange={(e) => set('packageId', e.target.value)}
        options={[
          { value: '', label: pt('delivery.none') },
          ...items.map((p) => ({
            value: p.id,
            label: `${p.name} (${labels.revision(p.revision)})${p.transferValueXof !== null ? ` — ${labels.value(p.transferValueXof, p.recurring)}` : ''}`,
          })),
        ]}
      />
      {chosen && (
        <>
          {chosen.transferValueXof !== null && (
            <TextField
              label={pt('delivery.value')}
              hint={pt('delivery.valueHint', { value: labels.value(chosen.transferValueXof, chosen.recurring) })}
              inputMode="numeric"
              value={value.deliveredValueXof}
              error={errors.deliveredValueXof}
              onChange={(e) => set('deliveredValueXof', e.target.value)}
            />
          )}
          {chosen.durationMonths !== null && (
            <TextField
              label={pt('delivery.duration')}
              hint={pt('delivery.durationHint', { count: chosen.durationMonths })}
              inputMode="numeric"
              value={value.deliveredDurationMonths}
              error={errors.deliveredDurationMonths}
              onChange={(e) => set('deliveredDurationMonths', e.target.value)}
            />
          )}
          {chosen.components.length > 1 && (
            <fieldset className="field">
              <legend>{pt('delivery.missing')}</legend>
              {chosen.components.map((c) => (
                <label key={c.item} className="checkbox-inline">
                  <input
                    type="checkbox"
                    checked={value.missingComponents.includes(c.item)}
                    onChange={(e) =>
                      set('missingComponents', e.target.checked ? [...value.missingComponents, c.item] : value.missingComponents.filter((m) => m !== c.item))
                    }
                  />
                  {c.item}
                </label>
              ))}
            </fieldset>
          )}
        </>
      )}
    </>
  );
}
