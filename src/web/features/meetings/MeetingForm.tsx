import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Meeting, type MeetingInput, meetingInput, meetingLevels, type ParticipantInput } from '../../../shared/contracts/meetings.ts';
import { addDays, todayIso } from '../../../shared/phases.ts';
import { type ApiError, isApiError } from '../../api/client.ts';
import type { CurrentUser } from '../../../shared/contracts/auth.ts';
import { CheckboxGroup, SelectField, TextField } from '../../ui/fields.tsx';
import { FormErrorSummary, ProblemNotice } from '../../ui/Notice.tsx';
import { type Draft, useZodForm } from '../../ui/useZodForm.ts';
import { VersionConflictNotice } from '../../ui/VersionConflictNotice.tsx';
import { RegionMultiSelect } from '../gazetteer/RegionMultiSelect.tsx';
import { useRegions } from '../gazetteer/gazetteer.api.ts';
import { useActiveOrganisations } from '../organisations/organisations.api.ts';
import { useMeetingsT } from './i18n.ts';
import { useMeetingLabels } from './labels.ts';
import { useOwners } from './meetings.api.ts';

type Person = { key: string; organisationId: string; userId: string; name: string; email: string; invited: boolean; present: boolean | null };

/** The values of a new meeting: a regional coordinator's next GIAC by default, next week. */
export function newMeetingValues(user: CurrentUser): Draft<MeetingInput> {
  const regional = user.role === 'regional_coordinator';
  return {
    level: regional ? 'regional' : 'national',
    title: '',
    regions: regional ? [...user.regions] : [],
    date: addDays(todayIso(), 7),
    startTime: '09:00',
    endTime: '12:00',
    place: '',
    callLink: '',
    chairOrganisationId: user.organisationId ?? null,
    chairName: user.name,
    participants: [],
  };
}

export function meetingValues(meeting: Meeting): Draft<MeetingInput> {
  return {
    level: meeting.level,
    title: meeting.title,
    regions: meeting.regions.map((r) => r.pcode),
    date: meeting.date,
    startTime: meeting.startTime,
    endTime: meeting.endTime,
    place: meeting.place ?? '',
    callLink: meeting.callLink ?? '',
    chairOrganisationId: meeting.chairOrganisation?.id ?? null,
    chairName: meeting.chairName ?? '',
    participants: meeting.participants.map((p) => ({
      organisationId: p.organisation?.id ?? null,
      userId: p.user?.id ?? null,
      name: p.name,
      email: p.user ? null : p.email,
      invited: p.invited,
      present: p.present,
    })),
  };
}

function PersonRow({ person, organisations, attendance, onChange, onRemove }: { person: Person; organisations: { value: string; label: string }[]; attendance: boolean; onChange: (p: Person) => void; onRemove: () => void }) {
  const mt = useMeetingsT();
  const accounts = useOwners(person.organisationId);
  return (
    <li className="person-row">
      <SelectField label={mt('form.personOrganisation')} value={person.organisationId} onChange={(event) => onChange({ ...person, organisationId: event.target.value, userId: '' })} options={[{ value: '', label: mt('form.none') }, ...organisations]} />
      <SelectField
        label={mt('form.personAccount')}
        value={person.userId}
        disabled={!person.organisationId}
        onChange={(event) => onChange({ ...person, userId: event.target.value })}
        options={[{ value: '', label: mt('form.none') }, ...(accounts.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))]}
      />
      <TextField label={mt('form.personName')} value={person.name} disabled={Boolean(person.userId)} maxLength={200} onChange={(event) => onChange({ ...person, name: event.target.value })} />
      <TextField label={mt('form.personEmail')} type="email" value={person.email} disabled={Boolean(person.userId)} maxLength={320} onChange={(event) => onChange({ ...person, email: event.target.value })} />
      {attendance && (
        <label className="checkbox">
          <input type="checkbox" checked={person.present === true} onChange={(event) => onChange({ ...person, present: event.target.checked })} />
          <span>{mt('form.present')}</span>
        </label>
      )}
      <button type="button" className="button button-secondary button-small" onClick={onRemove}>
        {mt('form.removePerson')}
      </button>
    </li>
  );
}

interface MeetingFormProps {
  initial: Draft<MeetingInput>;
  /** Attendance is taken when editing a meeting on or after its day. */
  attendance: boolean;
  submitLabel: string;
  busy: boolean;
  error: ApiError | null;
  onSubmit: (values: MeetingInput) => void;
  onCancel: () => void;
  onReload?: () => void;
}

/** A meeting's details and who is invited (organisations and people) — and, afterwards, who came. */
export function MeetingForm({ initial, attendance, submitLabel, busy, error, onSubmit, onCancel, onReload }: MeetingFormProps) {
  const { t } = useTranslation();
  const mt = useMeetingsT();
  const labels = useMeetingLabels();
  const form = useZodForm(meetingInput, initial, { codeFields: { unknown_region: 'regions', unknown_organisation: 'participants', unknown_user: 'participants' } });
  const { values, set, errors } = form;
  const organisations = useActiveOrganisations();
  const regions = useRegions();
  const organisationOptions = (organisations.data?.items ?? []).map((o) => ({ value: o.id, label: o.acronym }));
  const rows = (values.participants ?? []);
  // An organisation invited as a whole: a row with nothing but its organisation.
  const orgRows = rows.filter((p) => p.organisationId && !p.userId && !p.name && !p.email);
  const [people, setPeople] = useState<Person[]>(() =>
    rows
      .filter((p) => !orgRows.includes(p))
      .map((p, i) => ({ key: `p${i}`, organisationId: p.organisationId ?? '', userId: p.userId ?? '', name: p.name ?? '', email: p.email ?? '', invited: p.invited ?? true, present: p.present ?? null })),
  );
  const [titleTouched, setTitleTouched] = useState(Boolean(initial.title));
  const invitedOrganisations = orgRows.map((p) => p.organisationId!);
  const presentOrganisations = orgRows.filter((p) => p.present).map((p) => p.organisationId!);

  /** A title from the level, regions and date until the reader writes their own. */
  function suggestedTitle(next: Partial<Draft<MeetingInput>>): string {
    const merged = { ...values, ...next };
    const date = merged.date ? labels.format.date(merged.date) : '';
    if (merged.level === 'national') return mt('form.defaultNational', { date });
    const names = (merged.regions ?? []).map((pcode) => regions.data?.items.find((r) => r.pcode === pcode)?.name ?? pcode);
    return mt('form.defaultRegional', { regions: names.join(', '), date });
  }
  // The suggestion needs the regions' names, which arrive after the first render.
  useEffect(() => {
    if (!titleTouched) set('title', suggestedTitle({}));
  }, [regions.data, labels.language]);

  function setAndSuggest<K extends 'level' | 'regions' | 'date'>(name: K, value: Draft<MeetingInput>[K]) {
    set(name, value);
    if (!titleTouched) set('title', suggestedTitle({ [name]: value }));
  }
  function organisationRows(invited: string[], present: string[]): ParticipantInput[] {
    return invited.map((organisationId) => ({ organisationId, userId: null, name: null, email: null, invited: true, present: attendance ? present.includes(organisationId) : null }));
  }
  function personRows(list: Person[]): ParticipantInput[] {
    return list.map((p) => ({ organisationId: p.organisationId || null, userId: p.userId || null, name: p.userId ? null : p.name || null, email: p.userId ? null : p.email || null, invited: p.invited, present: attendance ? p.present === true : p.present }));
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = form.submit();
    if (parsed) onSubmit(parsed);
  }
  const updatePeople = (next: Person[]) => {
    setPeople(next);
    set('participants', [...organisationRows(invitedOrganisations, presentOrganisations), ...personRows(next)]);
  };

  return (
    <form className="form meeting-form" onSubmit={submit} noValidate ref={form.formRef}>
      <FormErrorSummary show={form.hasErrors} />
      {isApiError(error, 'version_conflict') && onReload ? <VersionConflictNotice error={error} onReload={onReload} /> : error && <ProblemNotice error={error} />}
      <div className="form-grid">
        <SelectField
          label={mt('form.level')}
          required
          value={values.level}
          error={errors.level}
          onChange={(event) => {
            const level = event.target.value as Draft<MeetingInput>['level'];
            setAndSuggest('level', level);
            if (level === 'national') set('regions', []);
          }}
          options={meetingLevels.map((l) => ({ value: l, label: labels.level(l) }))}
        />
        <TextField
          label={mt('form.title')}
          hint={mt('form.titleHint')}
          required
          maxLength={200}
          value={values.title}
          error={errors.title}
          onChange={(event) => {
            setTitleTouched(true);
            set('title', event.target.value);
          }}
        />
      </div>
      {values.level === 'regional' && (
        <RegionMultiSelect label={mt('form.regions')} hint={mt('form.regionsHint')} required value={values.regions ?? []} error={errors.regions} onChange={(pcodes) => setAndSuggest('regions', pcodes)} />
      )}
      <div className="form-grid">
        <TextField type="date" label={mt('form.date')} required value={values.date} error={errors.date} onChange={(event) => setAndSuggest('date', event.target.value)} />
        <TextField type="time" label={mt('form.startTime')} required value={values.startTime} error={errors.startTime} onChange={(event) => set('startTime', event.target.value)} />
        <TextField type="time" label={mt('form.endTime')} required value={values.endTime} error={errors.endTime} onChange={(event) => set('endTime', event.target.value)} />
        <p className="field-hint time-hint">{mt('form.timeHint')}</p>
        <TextField label={mt('form.place')} maxLength={300} value={values.place ?? ''} error={errors.place} onChange={(event) => set('place', event.target.value)} />
        <TextField type="url" label={mt('form.callLink')} maxLength={1000} value={values.callLink ?? ''} error={errors.callLink} onChange={(event) => set('callLink', event.target.value)} />
        <SelectField
          label={mt('form.chairOrganisation')}
          value={values.chairOrganisationId ?? ''}
          error={errors.chairOrganisationId}
          onChange={(event) => set('chairOrganisationId', event.target.value || null)}
          options={[{ value: '', label: mt('form.none') }, ...organisationOptions]}
        />
        <TextField label={mt('form.chairName')} maxLength={200} value={values.chairName ?? ''} error={errors.chairName} onChange={(event) => set('chairName', event.target.value)} />
      </div>
      <CheckboxGroup
        label={mt('form.organisations')}
        hint={mt('form.organisationsHint')}
        columns
        options={organisationOptions}
        value={invitedOrganisations}
        error={errors.participants}
        onChange={(invited) => set('participants', [...organisationRows(invited, presentOrganisations), ...personRows(people)])}
      />
      {attendance && invitedOrganisations.length > 0 && (
        <CheckboxGroup
          label={mt('form.attendance')}
          hint={mt('form.attendanceHint')}
          columns
          options={organisationOptions.filter((o) => invitedOrganisations.includes(o.value))}
          value={presentOrganisations}
          onChange={(present) => set('participants', [...organisationRows(invitedOrganisations, present), ...personRows(people)])}
        />
      )}
      <fieldset className="fieldset">
        <legend>{mt('form.people')}</legend>
        <p className="field-hint">{mt('form.peopleHint')}</p>
        <ul className="person-list">
          {people.map((person, index) => (
            <PersonRow
              key={person.key}
              person={person}
              organisations={organisationOptions}
              attendance={attendance}
              onChange={(next) => updatePeople(people.map((p, i) => (i === index ? next : p)))}
              onRemove={() => updatePeople(people.filter((_, i) => i !== index))}
            />
          ))}
        </ul>
        <button type="button" className="button button-secondary button-small" onClick={() => updatePeople([...people, { key: `p${Date.now()}`, organisationId: '', userId: '', name: '', email: '', invited: true, present: null }])}>
          {mt('form.addPerson')}
        </button>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {submitLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
