import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { type HandoverDossier, handoverStatusLabels, handoverTransitions } from '../../../shared/contracts/handovers.ts';
import type { HandoverStatus } from '../../../shared/handovers.ts';
import { handoverFormat } from '../../../shared/handover-text.ts';
import { can } from '../../../shared/permissions.ts';
import { sectorLabels } from '../../../shared/sectors.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { currentLanguage } from '../../i18n/i18n.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { handoverFiles, useDossier, useProgrammes, useUpdateHandover } from './handovers.api.ts';
import { useHandoversT } from './i18n.ts';

/** One handover: its dossier as the next actor will read it, its PDF, and the form recording each step. */
export default function HandoverPage() {
  const { id = '' } = useParams();
  const dossier = useDossier(id);
  if (dossier.error) return <ProblemNotice error={dossier.error} />;
  if (!dossier.data) return null;
  return <Dossier dossier={dossier.data} />;
}

function Dossier({ dossier }: { dossier: HandoverDossier }) {
  const ht = useHandoversT();
  const language = currentLanguage();
  const f = handoverFormat(language);
  const w = f.words;
  const h = dossier.handover;
  const user = useCurrentUser();
  const manages = can(user, 'handover:manage', { regionPcodes: h.locality.adm1Pcode ? [h.locality.adm1Pcode] : [] });
  const t = dossier.timeline;

  return (
    <>
      <PageHeader title={`${w.dossier} — ${h.locality.name}`} back={<Link to="/handovers">{ht('page.back')}</Link>}>
        <p className="lead">
          {f.place(h)} · {h.shock.code} · {w.at(f.date(dossier.at))}
        </p>
        <p>
          <a className="button button-secondary" href={handoverFiles.dossierPdf(h.id, 'fr')} download>
            {ht('page.pdfFr')}
          </a>{' '}
          <a className="button button-secondary" href={handoverFiles.dossierPdf(h.id, 'en')} download>
            {ht('page.pdfEn')}
          </a>{' '}
          <Link to={`/localities/${h.locality.id}`}>{ht('page.locality')}</Link>
        </p>
      </PageHeader>
      <section aria-labelledby="handover-status">
        <h2 id="handover-status">
          {w.status}
          {w.colon}
          <span className={`badge badge-handover-${h.status}`}>{f.status(h)}</span>
        </h2>
        {h.overdue && <Notice tone="warning" title={w.overdue} />}
        <dl className="facts">
          {h.month !== null && <Fact label={w.month(h.month)} value={`${w.resilienceFrom}${w.colon}${f.date(h.resilienceFrom)}`} />}
          {h.actors.length > 0 && <Fact label={w.actors} value={h.actors.map((a) => `${a.acronym} (${a.name})`).join(', ')} />}
          {h.meeting && <Fact label={w.meeting} value={`${h.meeting.title}, ${f.date(h.meeting.date)}`} />}
          {h.notTakenUpReason && <Fact label={w.reason} value={h.notTakenUpReason} />}
          {h.notes && <Fact label={w.notes} value={h.notes} />}
        </dl>
        {manages && <StepForm dossier={dossier} />}
      </section>
      <section aria-labelledby="handover-shock">
        <h2 id="handover-shock">{w.timeline}</h2>
        <dl className="facts">
          <Fact label={w.shockType} value={f.shockType(h.shock.shockType)} />
          <Fact label={w.displaced} value={`${w.households(f.number(h.shock.households))}, ${w.persons(f.number(h.shock.persons))}`} />
          <Fact label={w.shockDate} value={f.date(t.shockDate)} />
          {t.validatedOn && <Fact label={w.validatedOn} value={f.date(t.validatedOn)} />}
          <Fact label={w.rrmEndsOn} value={f.date(t.rrmEndsOn)} />
          <Fact label={w.postRrmEndsOn} value={f.date(t.postRrmEndsOn)} />
        </dl>
      </section>
      <section aria-labelledby="handover-done">
        <h2 id="handover-done">{w.done}</h2>
        {dossier.sectors.length === 0 ? (
          <p className="muted">{w.nothingDone}</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{w.sector}</th>
                <th scope="col" className="numeric">
                  {w.rrm}
                </th>
                <th scope="col" className="numeric">
                  {w.postRrm}
                </th>
                <th scope="col">{w.organisations}</th>
              </tr>
            </thead>
            <tbody>
              {dossier.sectors.map((s) => (
                <tr key={s.sector}>
                  <td>{sectorLabels[s.sector][language]}</td>
                  <td className="numeric">{f.number(s.rrmHouseholds)}</td>
                  <td className="numeric">{f.number(s.postRrmHouseholds)}</td>
                  <td>{s.organisations.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="handover-assessments">
        <h2 id="handover-assessments">{w.assessments}</h2>
        {dossier.assessments.length === 0 && <p className="muted">{w.noAssessments}</p>}
        {dossier.assessments.map((a, i) => (
          <div key={i}>
            <h3>
              {f.assessmentKind(a.kind)} — {f.period(a.startDate, a.endDate)} ({f.assessmentStatus(a.status)})
            </h3>
            <ul>
              {a.findings.map((finding) => (
                <li key={finding.sector}>
                  {[
                    sectorLabels[finding.sector][language],
                    finding.severity !== null ? w.severity(finding.severity) : null,
                    finding.householdsInNeed !== null ? w.inNeed(f.number(finding.householdsInNeed)) : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                  {finding.findings ? `${w.colon}${finding.findings}` : ''}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
      <section aria-labelledby="handover-gaps">
        <h2 id="handover-gaps">{w.gaps}</h2>
        {dossier.gaps.length === 0 ? (
          <p className="muted">{w.noGaps}</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{w.sector}</th>
                <th scope="col" className="numeric">
                  {w.need}
                </th>
                <th scope="col" className="numeric">
                  {w.covered}
                </th>
                <th scope="col" className="numeric">
                  {w.gap}
                </th>
              </tr>
            </thead>
            <tbody>
              {dossier.gaps.map((g) => (
                <tr key={g.sector}>
                  <td>{sectorLabels[g.sector][language]}</td>
                  <td className="numeric">{f.number(g.householdsInNeed)}</td>
                  <td className="numeric">{f.number(g.householdsCovered)}</td>
                  <td className="numeric">{f.number(g.gap)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="handover-programmes">
        <h2 id="handover-programmes">{w.programmes}</h2>
        {dossier.programmes.length === 0 ? (
          <p className="muted">{w.noProgrammes}</p>
        ) : (
          <ul>
            {dossier.programmes.map((p) => (
              <li key={p.id}>
                <strong>{p.organisation.acronym}</strong> — {p.name}
                {p.funding ? ` (${w.funding}${w.colon}${p.funding})` : ''} · {f.period(p.startDate, p.endDate)} ·{' '}
                {p.sectors.map((s) => sectorLabels[s][language]).join(', ')}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="handover-recommendations">
        <h2 id="handover-recommendations">{w.recommendations}</h2>
        {h.recommendedActions ? <p style={{ whiteSpace: 'pre-line' }}>{h.recommendedActions}</p> : <p className="muted">{w.noRecommendations}</p>}
      </section>
    </>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** Records the next step (or edits the current one): status, date, development actors, notes and recommendations. */
function StepForm({ dossier }: { dossier: HandoverDossier }) {
  const ht = useHandoversT();
  const language = currentLanguage();
  const h = dossier.handover;
  const update = useUpdateHandover(h.id);
  const programmes = useProgrammes({ pageSize: 500 });
  const [status, setStatus] = useState<HandoverStatus>(handoverTransitions[h.status][0] ?? h.status);
  const [on, setOn] = useState('');
  const [actorIds, setActorIds] = useState<string[]>(h.actors.map((a) => a.id));
  const [reason, setReason] = useState(h.notTakenUpReason ?? '');
  const [notes, setNotes] = useState(h.notes ?? '');
  const [recommended, setRecommended] = useState(h.recommendedActions ?? '');
  const [saved, setSaved] = useState(false);
  const actors = new Map([...h.actors, ...(programmes.data?.items ?? []).map((p) => p.organisation)].map((o) => [o.id, o]));

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    update.mutate(
      {
        version: h.version,
        status,
        on: on || undefined,
        actorIds,
        notTakenUpReason: reason,
        notes,
        recommendedActions: recommended,
        meetingId: h.meeting?.id ?? null,
      },
      { onSuccess: () => setSaved(true) },
    );
  }

  return (
    <form className="form-card" onSubmit={submit} aria-labelledby="handover-step">
      <h3 id="handover-step">{ht('page.record')}</h3>
      {saved && <Notice tone="success" title={ht('page.saved')} />}
      {update.error && <ProblemNotice error={update.error} />}
      <SelectField
        label={ht('page.status')}
        value={status}
        onChange={(event) => setStatus(event.target.value as HandoverStatus)}
        options={[h.status, ...handoverTransitions[h.status]].map((s) => ({ value: s, label: handoverStatusLabels[s][language] }))}
      />
      <TextField label={ht('page.on')} type="date" value={on} onChange={(event) => setOn(event.target.value)} />
      <fieldset>
        <legend>{ht('page.actors')}</legend>
        {[...actors.values()].map((o) => (
          <label key={o.id} className="checkbox" style={{ display: 'flex' }}>
            <input
              type="checkbox"
              checked={actorIds.includes(o.id)}
              onChange={(event) => setActorIds(event.target.checked ? [...actorIds, o.id] : actorIds.filter((a) => a !== o.id))}
            />
            <span>
              {o.acronym} — {o.name}
            </span>
          </label>
        ))}
      </fieldset>
      {status === 'not_taken_up' && <TextField label={ht('page.reason')} value={reason} onChange={(event) => setReason(event.target.value)} required />}
      <label className="field">
        <span className="field-label">{ht('page.notes')}</span>
        <textarea rows={3} value={notes} onChange={(event) => setNotes(event.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">{ht('page.recommended')}</span>
        <textarea rows={4} value={recommended} onChange={(event) => setRecommended(event.target.value)} />
      </label>
      <button className="button" type="submit" disabled={update.isPending}>
        {ht('page.save')}
      </button>
    </form>
  );
}
