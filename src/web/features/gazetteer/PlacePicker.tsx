import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminArea, Locality } from '../../../shared/contracts/gazetteer.ts';
import { Combobox } from '../../ui/Combobox.tsx';
import { useAdminAreas, useLocalities } from './gazetteer.api.ts';

/** A chosen place: a locality (village, site…) or an administrative area, with what the form needs of it. */
export type Place =
  | { kind: 'locality'; id: string; name: string; pcode: string | null; locality: Locality }
  | { kind: 'admin-area'; id: string; name: string; pcode: string; area: AdminArea };

export function localityPlace(locality: Locality): Place {
  return { kind: 'locality', id: locality.id, name: locality.name, pcode: locality.pcode, locality };
}

export function adminAreaPlace(area: AdminArea): Place {
  return { kind: 'admin-area', id: area.pcode, name: area.name, pcode: area.pcode, area };
}

type PlacePickerProps = {
  label: string;
  value: Place | null;
  onChange: (place: Place | null) => void;
  hint?: string;
  error?: string;
  required?: boolean;
  /** P-code of an area to search inside (a region, cercle or commune). */
  within?: string;
} & ({ kind: 'locality' } | { kind: 'admin-area'; level?: 1 | 2 | 3 });

const minLength = 2;
const debounceMs = 300;

/** Finds a locality or an admin area by name or P-code, accents and case ignored by the server. */
export function PlacePicker(props: PlacePickerProps) {
  const { label, value, onChange, hint, error, required, within } = props;
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');

  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), debounceMs);
    return () => clearTimeout(timer);
  }, [typed]);

  const searching = q.length >= minLength;
  const localities = useLocalities({ q, adm: within, pageSize: 10 }, searching && props.kind === 'locality');
  const areas = useAdminAreas({ q, parent: within, level: props.kind === 'admin-area' ? props.level : undefined, pageSize: 10 }, searching && props.kind === 'admin-area');
  const query = props.kind === 'locality' ? localities : areas;
  const items: Place[] = !searching
    ? []
    : props.kind === 'locality'
      ? (localities.data?.items ?? []).map(localityPlace)
      : (areas.data?.items ?? []).map(adminAreaPlace);

  const status = !searching
    ? t('place.searchHint')
    : query.isError
      ? t('place.unavailable')
      : query.isFetching
        ? t('place.searching')
        : items.length === 0
          ? t('place.noMatch')
          : t('list.results', { count: items.length, formatted: String(items.length) });

  return (
    <Combobox
      label={label}
      hint={hint}
      error={error}
      required={required}
      items={items}
      itemKey={(place) => place.id}
      itemText={(place) => place.name}
      renderItem={(place) => <PlaceOption place={place} />}
      value={value}
      onChange={onChange}
      onSearch={setTyped}
      status={status}
    />
  );
}

function PlaceOption({ place }: { place: Place }) {
  const { t } = useTranslation();
  const context =
    place.kind === 'locality'
      ? [t(`place.kinds.${place.locality.kind}`), place.locality.adm3Name, place.locality.adm2Name, place.locality.adm1Name]
      : [t(place.area.level === 1 ? 'place.levels.region' : place.area.level === 2 ? 'place.levels.cercle' : 'place.levels.commune'), place.area.parentName];
  return (
    <>
      <span className="option-name">{place.name}</span>{' '}
      <span className="option-context">
        {[...context, place.pcode].filter(Boolean).join(' · ')}
      </span>
    </>
  );
}
