import { createHash } from 'node:crypto';
import { type AssessmentKind, type AssessmentResult, type AssessmentStatus, assessmentKindLabels } from '../../../shared/contracts/assessments.ts';
import { addDays, monthSinceShock, type PhaseSettings, phaseAt, shockCalendar, todayIso } from '../../../shared/phases.ts';
import { type Sector, sectors } from '../../../shared/sectors.ts';
import type { DemoStep } from '../../demo/demo.ts';
import { type Random, seededRandom } from '../../demo/random.ts';
import { assessmentsRepository } from './assessments.repository.ts';
import { minimalPdf } from './minimal-pdf.ts';
import { phaseSettingsRepository } from '../settings/settings.module.ts';

export interface DemoLocalityFacts {
  id: string;
  name: string;
  shocks: { shockDate: string; validatedOn: string | null; needs: { sector: Sector; households: number }[] }[];
}

export interface DemoAssessmentPlan {
  localityId: string;
  kind: AssessmentKind;
  status: AssessmentStatus;
  organisation: string;
  startDate: string;
  endDate: string | null;
  title: string;
  results: AssessmentResult[];
  report: boolean;
}

const monthNames = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const monthOf = (date: string) => `${monthNames[Number(date.slice(5, 7)) - 1]!} ${date.slice(0, 4)}`;

/**
 * Results of a completed assessment: the flagged sectors again (the assessment finds somewhat
 * more or fewer families than the first MSA did) and one or two sectors the MSA missed.
 */
function resultsFor(random: Random, needs: { sector: Sector; households: number }[]): AssessmentResult[] {
  const flagged = new Map<Sector, number>();
  for (const need of needs) flagged.set(need.sector, Math.max(flagged.get(need.sector) ?? 0, need.households));
  const missed = random.shuffle(sectors.filter((s) => !flagged.has(s))).slice(0, random.int(1, 2));
  const results: AssessmentResult[] = [];
  for (const [sector, households] of flagged) {
    const found = Math.max(10, Math.round((households * random.int(70, 135)) / 100));
    results.push({ sector, severity: random.int(3, 5), householdsInNeed: found, personsInNeed: found * random.int(5, 7), findings: null });
  }
  for (const sector of missed) {
    const found = random.int(20, 150);
    results.push({ sector, severity: random.int(2, 3), householdsInNeed: found, personsInNeed: found * 6, findings: null });
  }
  return results;
}

/**
 * REACH's sequence in the demo localities, where each locality's latest shock stands: during the
 * RRM the territorial assessment is planned or under way; early in post-RRM it is done and the
 * multisector one follows; later the multisector is done and the impact assessment planned; in
 * resilience all three are done. One post-RRM locality in four has nothing planned yet, so the
 * tracker has something to flag. Completed ones carry results by sector, and some a PDF report.
 */
export function planDemoAssessments(localities: readonly DemoLocalityFacts[], today: string, settings: PhaseSettings, seed = 5_2026): DemoAssessmentPlan[] {
  const random = seededRandom(seed);
  const plans: DemoAssessmentPlan[] = [];
  let postRrmSeen = 0;
  for (const locality of localities) {
    const happened = locality.shocks.filter((s) => s.shockDate <= today);
    const latest = happened.at(-1);
    if (!latest) continue;
    const phase = phaseAt(latest, today, settings);
    if (phase === null) continue;
    const calendar = shockCalendar(latest.shockDate, settings);
    const needs = happened.flatMap((s) => s.needs);
    const title = (kind: AssessmentKind, start: string) => `${assessmentKindLabels[kind].fr} — ${locality.name} — ${monthOf(start)}`;
    const done = (kind: AssessmentKind, start: string, organisation: string): DemoAssessmentPlan => {
      const end = addDays(start, random.int(6, 14));
      return { localityId: locality.id, kind, status: 'done', organisation, startDate: start, endDate: end > today ? today : end, title: title(kind, start), results: resultsFor(random, needs), report: random.next() < 0.5 };
    };
    const upcoming = (kind: AssessmentKind, organisation: string): DemoAssessmentPlan => {
      const ongoing = random.next() < 0.4;
      const start = ongoing ? addDays(today, -random.int(2, 8)) : addDays(today, random.int(5, 25));
      return { localityId: locality.id, kind, status: ongoing ? 'ongoing' : 'planned', organisation, startDate: start, endDate: null, title: title(kind, start), results: [], report: false };
    };
    const month = monthSinceShock(latest.shockDate, today)!;

    if (phase === 'alerte' || phase === 'rrm') {
      plans.push(upcoming('territorial', 'REACH'));
    } else if (phase === 'post_rrm') {
      postRrmSeen += 1;
      if (postRrmSeen % 4 === 0) continue;
      const territorialStart = addDays(calendar.postRrmFrom, random.int(-20, 5));
      if (month <= 6) {
        plans.push(done('territorial', territorialStart > addDays(today, -20) ? addDays(today, -20) : territorialStart, 'REACH'));
        plans.push(upcoming('multisector', random.next() < 0.5 ? 'REACH' : 'ACTED'));
      } else {
        plans.push(done('territorial', territorialStart, 'REACH'));
        plans.push(done('multisector', addDays(territorialStart, random.int(45, 75)), random.next() < 0.5 ? 'REACH' : 'ACTED'));
        plans.push(upcoming('impact', 'REACH'));
      }
    } else {
      plans.push(done('territorial', addDays(calendar.postRrmFrom, random.int(0, 20)), 'REACH'));
      plans.push(done('multisector', addDays(calendar.postRrmFrom, random.int(60, 100)), 'ACTED'));
      plans.push(done('impact', addDays(calendar.resilienceFrom, random.int(-40, -15)), 'REACH'));
    }
  }
  return plans;
}

export const demoAssessmentsStep: DemoStep = {
  name: 'assessments',
  async run(trx) {
    const today = todayIso();
    const settings = await phaseSettingsRepository(trx).get(trx);
    const rows = await trx
      .selectFrom('alerts as a')
      .innerJoin('localities as l', 'l.id', 'a.host_locality_id')
      .select(['a.id', 'a.shock_date', 'a.validated_at', 'l.id as locality_id', 'l.name'])
      .where('a.status', '!=', 'rejected')
      .orderBy('l.name_key')
      .orderBy('a.shock_date')
      .execute();
    const findings = await trx.selectFrom('alert_msa_findings').select(['alert_id', 'sector', 'households_in_need']).where('need', '=', true).execute();
    const households = new Map((await trx.selectFrom('alerts').select(['id', 'households']).execute()).map((a) => [a.id, a.households]));
    const localities = new Map<string, DemoLocalityFacts>();
    for (const row of rows) {
      const locality = localities.get(row.locality_id) ?? { id: row.locality_id, name: row.name, shocks: [] };
      locality.shocks.push({
        shockDate: row.shock_date,
        validatedOn: row.validated_at ? row.validated_at.toISOString().slice(0, 10) : null,
        needs: findings.filter((f) => f.alert_id === row.id).map((f) => ({ sector: f.sector as Sector, households: f.households_in_need ?? households.get(row.id)! })),
      });
      localities.set(row.locality_id, locality);
    }
    const organisations = new Map((await trx.selectFrom('organisations').select(['id', 'acronym']).execute()).map((o) => [o.acronym, o.id]));
    const assessments = assessmentsRepository(trx);
    for (const plan of planDemoAssessments([...localities.values()], today, settings)) {
      const id = await assessments.insert(
        trx,
        { localityId: plan.localityId, kind: plan.kind, status: plan.status, organisationId: organisations.get(plan.organisation)!, startDate: plan.startDate, endDate: plan.endDate, title: plan.title, notes: null },
        null,
      );
      await assessments.replaceResults(trx, id, plan.results);
      if (plan.report) {
        const content = minimalPdf([plan.title, 'Rapport de démonstration — données fictives.']);
        const fileName = `${plan.title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '')}.pdf`;
        await assessments.saveReport(trx, id, { fileName, content, sha256: createHash('sha256').update(content).digest('hex') }, null);
      }
    }
  },
};
