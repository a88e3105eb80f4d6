import { useState } from 'react';
import type { LocalityRef } from '../../../shared/contracts/alerts.ts';
import type { Agenda, Concern } from '../../../shared/contracts/meetings.ts';
import { type Sector, sectors } from '../../../shared/sectors.ts';
import { SelectField } from '../../ui/fields.tsx';
import { type Place, PlacePicker } from '../gazetteer/PlacePicker.tsx';
import { useMeetingsT } from './i18n.ts';
import { useMeetingLabels } from './labels.ts';

export interface ConcernValue {
  localityId: string | null;
  sector: Sector | null;
  alertId: string | null;
}

export const noConcern: ConcernValue = { localityId: null, sector: null, alertId: null };

interface Choice {
  key: string;
  label: string;
  value: ConcernValue;
}

const keyOf = (v: ConcernValue) => [v.localityId ?? '', v.sector ?? '', v.alertId ?? ''].join('|');

/** What a decision or action point can be about: the gaps, alerts and localities on the agenda, or another locality. */
export function ConcernSelect({ agenda, value, onChange, initial }: { agenda: Agenda; value: ConcernValue; onChange: (value: ConcernValue) => void; initial?: Concern }) {
  const mt = useMeetingsT();
  const labels = useMeetingLabels();
  const place = (l: LocalityRef | null) => (l ? (l.adm1Name ? `${l.name} (${l.adm1Name})` : l.name) : '');
  const choices = new Map<string, Choice>();
  const add = (value: ConcernValue, label: string) => choices.set(keyOf(value), { key: keyOf(value), label, value });
  for (const entry of agenda.items.flatMap((i) => i.entries)) {
    if (entry.kind === 'alert' && entry.alertId) add({ localityId: null, sector: null, alertId: entry.alertId }, mt('concern.alert', { code: entry.facts.label ?? '', place: place(entry.locality) }));
    else if (entry.locality && entry.sector && (entry.kind === 'gap' || entry.kind === 'rrm_exit'))
      add({ localityId: entry.locality.id, sector: entry.sector, alertId: null }, mt('concern.gap', { place: `${place(entry.locality)} — ${labels.sector(entry.sector)}` }));
    else if (entry.locality) add({ localityId: entry.locality.id, sector: null, alertId: null }, mt('concern.locality', { place: place(entry.locality) }));
  }
  // The record's current subject stays choosable even when it is not on the agenda.
  if (initial && (initial.locality || initial.alert)) {
    const current = { localityId: initial.locality?.id ?? null, sector: initial.sector, alertId: initial.alert?.id ?? null };
    if (!choices.has(keyOf(current))) add(current, labels.concern(initial) ?? '');
  }
  const [other, setOther] = useState(false);
  const [picked, setPicked] = useState<Place | null>(null);
  const selected = other ? 'other' : keyOf(value) === keyOf(noConcern) ? '' : keyOf(value);

  return (
    <>
      <SelectField
        label={mt('decisions.concern')}
        value={selected}
        onChange={(event) => {
          const key = event.target.value;
          setOther(key === 'other');
          if (key === 'other') return onChange(noConcern);
          onChange(choices.get(key)?.value ?? noConcern);
        }}
        options={[{ value: '', label: mt('concern.none') }, ...[...choices.values()].map((c) => ({ value: c.key, label: c.label })), { value: 'other', label: mt('concern.other') }]}
      />
      {other && (
        <div className="form-grid">
          <PlacePicker
            kind="locality"
            label={mt('concern.locality_label')}
            value={picked}
            onChange={(next) => {
              setPicked(next);
              onChange({ localityId: next?.id ?? null, sector: next ? value.sector : null, alertId: null });
            }}
          />
          <SelectField
            label={mt('concern.sector')}
            value={value.sector ?? ''}
            disabled={!value.localityId}
            onChange={(event) => onChange({ ...value, sector: (event.target.value || null) as Sector | null })}
            options={[{ value: '', label: mt('concern.anySector') }, ...sectors.map((s) => ({ value: s, label: labels.sector(s) }))]}
          />
        </div>
      )}
    </>
  );
}
