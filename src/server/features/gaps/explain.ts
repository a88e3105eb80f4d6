import { type AssessmentKind, assessmentKindLabels } from '../../../shared/contracts/assessments.ts';
import type { Language } from '../../../shared/contracts/common.ts';
import type { CapacityMatch, ExplainedResponse, GapExplanation, GapRow } from '../../../shared/contracts/gaps.ts';
import { handoverStatusLabels } from '../../../shared/contracts/handovers.ts';
import { gapStatusLabels } from '../../../shared/gaps.ts';
import { sectorLabels } from '../../../shared/sectors.ts';
import { gapText } from './gap-text.ts';

export interface ExplanationFacts {
  at: string;
  row: GapRow;
  assessment: { kind: AssessmentKind; date: string; households: number; severity: number | null; organisation: string } | null;
  countedShocks: { code: string; shockDate: string; households: number; fromMsa: boolean; noNeed: boolean }[];
  responses: readonly ExplainedResponse[];
  rrmEndsOn: string | null;
  matches: readonly CapacityMatch[];
  horizonDays: number;
  /** For a reader who sees aggregated figures only: no organisation named. */
  aggregated: boolean;
  /** Distinct households assisted per month from beneficiary lists, up to the date. */
  listCoverage: readonly { month: string; households: number; lists: number }[];
  /** In the resilience phase: the handover to development actors of the shock that set it. */
  handover: GapExplanation['handover'];
}

/** Why a gap is what it is, one sentence per fact, in the user's language. */
export function explanationSentences(facts: ExplanationFacts, lang: Language): string[] {
  const { date, number: n, households: hh } = gapText(lang);
  const { row } = facts;
  const fr = lang === 'fr';
  const sentences: string[] = [];

  if (row.need === null) {
    sentences.push(
      fr
        ? `Besoin inconnu en ${sectorLabels[row.sector].fr} : aucune évaluation réalisée et aucune alerte dont l'ESM signale ce secteur.`
        : `Need unknown in ${sectorLabels[row.sector].en}: no completed assessment and no alert whose MSA flags this sector.`,
    );
  } else {
    if (facts.assessment) {
      const a = facts.assessment;
      const severity = a.severity !== null ? (fr ? `, sévérité ${a.severity}` : `, severity ${a.severity}`) : '';
      sentences.push(
        fr
          ? `Besoin : ${hh(a.households)} selon l'${assessmentKindLabels[a.kind].fr.toLowerCase()} de ${a.organisation} terminée le ${date(a.date)}${severity}.`
          : `Need: ${hh(a.households)} according to the ${assessmentKindLabels[a.kind].en.toLowerCase()} by ${a.organisation} completed on ${date(a.date)}${severity}.`,
      );
    } else {
      sentences.push(fr ? "Aucune évaluation réalisée : le besoin vient de l'évaluation multisectorielle (ESM) des alertes." : 'No completed assessment: the need comes from the alerts’ multisector assessment (MSA).');
    }
    for (const s of facts.countedShocks) {
      if (s.noNeed) {
        sentences.push(
          fr
            ? `L'ESM du choc ${s.code} du ${date(s.shockDate)} ne relève aucun besoin en ${sectorLabels[row.sector].fr} : besoin connu de 0 ménage.`
            : `The MSA of shock ${s.code} of ${date(s.shockDate)} found no need in ${sectorLabels[row.sector].en}: a known need of 0 households.`,
        );
        continue;
      }
      const origin = s.fromMsa ? (fr ? "selon l'ESM" : 'according to the MSA') : fr ? "ménages déplacés selon l'alerte" : 'displaced households according to the alert';
      sentences.push(fr ? `+ ${hh(s.households)} (${origin}) du choc ${s.code} du ${date(s.shockDate)}.` : `+ ${hh(s.households)} (${origin}) from shock ${s.code} of ${date(s.shockDate)}.`);
    }
    if (facts.assessment && facts.countedShocks.length > 0) sentences.push(fr ? `Besoin total : ${hh(row.need)}.` : `Total need: ${hh(row.need)}.`);
  }

  const active = facts.responses.filter((r) => r.active);
  const organisations = facts.aggregated ? '' : ` (${[...new Set(active.map((r) => r.organisation.acronym))].join(', ')})`;
  if (active.length === 0) {
    sentences.push(fr ? `Au ${date(facts.at)}, aucune réponse ne couvre ce secteur.` : `On ${date(facts.at)}, no response covers this sector.`);
  } else {
    const share = row.ratio !== null ? ` (${Math.round(row.ratio * 100)} %)` : '';
    sentences.push(
      fr
        ? `Au ${date(facts.at)}, ${active.length} réponse${active.length > 1 ? 's' : ''}${organisations} couvre${active.length > 1 ? 'nt' : ''} ${hh(row.coverage)}${share}.`
        : `On ${date(facts.at)}, ${active.length} response${active.length > 1 ? 's' : ''}${organisations} cover${active.length > 1 ? '' : 's'} ${hh(row.coverage)}${share}.`,
    );
    if (row.need !== null && row.coverage > row.need) {
      sentences.push(fr ? `La couverture dépasse le besoin : elle est comptée jusqu'au besoin (${hh(row.need)}).` : `Coverage exceeds the need: it counts up to the need (${hh(row.need)}).`);
    }
  }

  const fromLists = facts.listCoverage.at(-1);
  if (fromLists) {
    const month = new Intl.DateTimeFormat(fr ? 'fr-FR' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${fromLists.month}-01T00:00:00Z`));
    const lists = fromLists.lists > 1 ? (fr ? `${n(fromLists.lists)} listes` : `${n(fromLists.lists)} lists`) : fr ? '1 liste' : '1 list';
    sentences.push(
      fr
        ? `Listes de bénéficiaires : ${hh(fromLists.households)} distincts assistés en ${month} (${lists}), pour recouper la couverture déclarée.`
        : `Beneficiary lists: ${n(fromLists.households)} distinct household${fromLists.households === 1 ? '' : 's'} assisted in ${month} (${lists}), to cross-check the coverage reported.`,
    );
  }

  if (facts.rrmEndsOn) {
    const past = facts.rrmEndsOn < facts.at;
    sentences.push(
      fr
        ? `La dernière réponse RRM ${past ? "s'est terminée" : 'se termine'} le ${date(facts.rrmEndsOn)}.`
        : `The last RRM response ${past ? 'ended' : 'ends'} on ${date(facts.rrmEndsOn)}.`,
    );
  }

  if (row.gap !== null && row.status !== 'covered') {
    const since = row.openSince ? (fr ? `, ouvert depuis le ${date(row.openSince)} (${n(row.daysUncovered ?? 0)} j)` : `, open since ${date(row.openSince)} (${n(row.daysUncovered ?? 0)} days)`) : '';
    sentences.push(fr ? `Gap : ${hh(row.gap)} — ${gapStatusLabels[row.status].fr.toLowerCase()}${since}.` : `Gap: ${hh(row.gap)} — ${gapStatusLabels[row.status].en.toLowerCase()}${since}.`);
  } else if (row.status === 'covered') {
    sentences.push(fr ? 'Le besoin est couvert à ce jour.' : 'The need is covered today.');
  }

  if (row.upcoming) {
    const u = row.upcoming;
    const ending = facts.responses.filter((r) => r.endsWithinHorizon && r.countsUntil !== null && r.countsUntil < u.on).map((r) => r.organisation.acronym);
    const who = ending.length && !facts.aggregated ? ` (${[...new Set(ending)].join(', ')})` : '';
    sentences.push(
      fr
        ? `Gap à venir le ${date(u.on)}, dans ${n(u.daysUntil)} j : des réponses s'arrêtent${who} et rien ne prend le relais, la couverture tombe à ${hh(u.coverage)} (gap de ${hh(u.gap)}).`
        : `Upcoming gap on ${date(u.on)}, in ${n(u.daysUntil)} days: responses end${who} and nothing takes over; coverage falls to ${hh(u.coverage)} (gap of ${hh(u.gap)}).`,
    );
  } else if (row.need !== null) {
    sentences.push(fr ? `Aucune nouvelle baisse de couverture prévue dans les ${n(facts.horizonDays)} prochains jours.` : `No further drop in coverage expected in the next ${n(facts.horizonDays)} days.`);
  }

  if (row.priority && row.priority.score > 0) {
    const p = row.priority;
    const severity = p.severityAssumed ? (fr ? `sévérité ${p.severity} (supposée)` : `severity ${p.severity} (assumed)`) : fr ? `sévérité ${p.severity}` : `severity ${p.severity}`;
    sentences.push(
      fr
        ? `Priorité ${n(p.score)}/100 : gap de ${hh(p.gapHouseholds)}, ${severity}, ${n(p.days)} j sans couverture suffisante.`
        : `Priority ${n(p.score)}/100: gap of ${hh(p.gapHouseholds)}, ${severity}, ${n(p.days)} days without enough coverage.`,
    );
  }

  if (facts.handover) sentences.push(handoverSentence(facts.handover, lang));

  const available = facts.matches.filter((m) => m.left > 0);
  if (row.gap !== null && ((row.gap ?? 0) > 0 || row.upcoming)) {
    if (available.length === 0) {
      sentences.push(fr ? "Aucune organisation n'a déclaré de capacité disponible dans ce secteur et cette région." : 'No organisation has declared capacity left in this sector and region.');
    } else if (facts.aggregated) {
      const left = available.reduce((sum, m) => sum + m.left, 0);
      sentences.push(
        fr
          ? `Capacité disponible dans la région : ${n(available.length)} organisation${available.length > 1 ? 's' : ''}, ${hh(left)} au total.`
          : `Capacity left in the region: ${n(available.length)} organisation${available.length > 1 ? 's' : ''}, ${hh(left)} in all.`,
      );
    } else {
      const list = available.map((m) => `${m.organisation.acronym} (${hh(m.left)})`).join(', ');
      sentences.push(fr ? `Capacité disponible dans la région : ${list}.` : `Capacity left in the region: ${list}.`);
    }
  }
  return sentences;
}

/** Where the handover to development actors stands, for a gap in the resilience phase. */
function handoverSentence(handover: NonNullable<GapExplanation['handover']>, lang: Language): string {
  const { date } = gapText(lang);
  const fr = lang === 'fr';
  const phase = fr
    ? `Phase de résilience depuis le ${date(handover.resilienceFrom)} (choc ${handover.shock.code})`
    : `Resilience phase since ${date(handover.resilienceFrom)} (shock ${handover.shock.code})`;
  const h = handover.state;
  if (!h) return fr ? `${phase} : aucune passation aux acteurs de développement n'est ouverte.` : `${phase}: no handover to development actors is opened.`;
  const steps = (
    [
      ['dialogue_opened', h.dialogueOpenedOn],
      ['plan_agreed', h.planAgreedOn],
      ['handed_over', h.handedOverOn],
      ['not_taken_up', h.notTakenUpOn],
    ] as const
  )
    .flatMap(([status, on]) => (on ? [{ status, on }] : []))
    .sort((a, b) => a.on.localeCompare(b.on))
    .map((s) => (fr ? `${handoverStatusLabels[s.status].fr.toLowerCase()} le ${date(s.on)}` : `${handoverStatusLabels[s.status].en.toLowerCase()} on ${date(s.on)}`));
  const status = handoverStatusLabels[h.status][lang].toLowerCase();
  const late = h.overdue ? (fr ? ', en retard (aucun plan convenu)' : ', overdue (no plan agreed)') : '';
  const dates = steps.length ? ` (${steps.join(', ')})` : '';
  const actors = h.actors.length ? (fr ? ` ; acteurs : ${h.actors.map((a) => a.acronym).join(', ')}` : `; actors: ${h.actors.map((a) => a.acronym).join(', ')}`) : '';
  return fr ? `${phase} : passation aux acteurs de développement ${status}${late}${dates}${actors}.` : `${phase}: handover to development actors ${status}${late}${dates}${actors}.`;
}
