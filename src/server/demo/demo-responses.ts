import type { Modality, PopulationGroup } from '../../shared/contracts/alerts.ts';
import { type FundingStatus, fundingStatuses } from '../../shared/contracts/capacities.ts';
import { addPeriods, periodEnd, periodOf, periodRange, periodStart } from '../../shared/contracts/periods.ts';
import type { ResponseStatus } from '../../shared/contracts/responses.ts';
import { addDays, addMonths, todayIso } from '../../shared/phases.ts';
import type { Sector } from '../../shared/sectors.ts';
import { capacitiesRepository, type CapacityValues } from '../features/capacities/capacities.repository.ts';
import { responsesRepository, type ResponseValues } from '../features/responses/responses.repository.ts';
import type { DemoStep } from './demo.ts';
import { demoLocalities, type DemoLocality } from './mali-reference.ts';
import { type Random, seededRandom } from './random.ts';

/**
 * A year of monthly 5W reports: the post-RRM actors' running programmes across the demo
 * localities, and the post-RRM responses to the demo alerts (months 4 to 12 after the shock) for
 * some of the sectors their assessment flagged. The other flagged sectors, a few alerts and a few
 * localities get nothing, on purpose: the gap analysis has real gaps to find. Plus the actors'
 * capacities of the last three months, and the months older than three locked.
 */

export const postRrmActors = ['ACTED', 'NRC', 'IRC', 'SCI', 'PAM', 'UNICEF', 'HCR', 'OIM', 'CRM', 'AMSS', 'TASSAGHT'] as const;
const unAgencies = new Set(['PAM', 'UNICEF', 'HCR', 'OIM']);
const nationalPartners = ['AMSS', 'TASSAGHT', 'AMPRODE Sahel', 'ADR Mali', 'GAAS Mali'];
const donors = ['ECHO', 'BHA (USAID)', 'FCDO', 'SIDA', 'CERF', 'Fonds humanitaire pour le Mali', 'Coopération suisse', 'GFFO'];

/** What each actor does, as the Mali 5W shows it. */
const actorSectors: Record<(typeof postRrmActors)[number], readonly Sector[]> = {
  ACTED: ['abris_ame', 'eha', 'relevement', 'cash'],
  NRC: ['abris_ame', 'education', 'protection', 'eha'],
  IRC: ['sante', 'protection', 'eha', 'nutrition'],
  SCI: ['education', 'nutrition', 'protection'],
  PAM: ['secal', 'nutrition'],
  UNICEF: ['eha', 'nutrition', 'education'],
  HCR: ['protection', 'abris_ame'],
  OIM: ['abris_ame', 'cash'],
  CRM: ['sante', 'secal', 'abris_ame'],
  AMSS: ['secal', 'relevement', 'education'],
  TASSAGHT: ['eha', 'secal', 'sante'],
};

const activities: Record<Sector, { names: readonly string[]; modalities: readonly Modality[]; costPerHousehold: number }> = {
  secal: { names: ['Distribution de vivres', 'Transferts monétaires pour la soudure', 'Appui en semences et outils'], modalities: ['in_kind', 'cash', 'voucher'], costPerHousehold: 45_000 },
  nutrition: { names: ['Prise en charge de la malnutrition aiguë', 'Dépistage et référencement', 'Blanket feeding'], modalities: ['in_kind', 'service'], costPerHousehold: 20_000 },
  sante: { names: ['Clinique mobile', 'Appui au centre de santé communautaire', 'Soins de santé primaires gratuits'], modalities: ['service'], costPerHousehold: 15_000 },
  eha: { names: ["Réhabilitation de points d'eau", "Distribution de kits d'hygiène", 'Construction de latrines d’urgence'], modalities: ['in_kind', 'service', 'voucher'], costPerHousehold: 30_000 },
  abris_ame: { names: ['Distribution de kits AME', 'Abris transitionnels', 'Appui au loyer'], modalities: ['in_kind', 'cash'], costPerHousehold: 60_000 },
  protection: { names: ['Gestion de cas', 'Espaces amis des enfants', 'Appui psychosocial'], modalities: ['service'], costPerHousehold: 12_000 },
  education: { names: ["Espaces temporaires d'apprentissage", 'Kits scolaires', 'Formation des enseignants'], modalities: ['in_kind', 'service'], costPerHousehold: 18_000 },
  relevement: { names: ['Activités génératrices de revenus', 'Cash for work', 'Appui aux maraîchers'], modalities: ['cash', 'in_kind'], costPerHousehold: 80_000 },
  cash: { names: ['Transfert monétaire à usage multiple'], modalities: ['cash'], costPerHousehold: 75_000 },
};

/** Localities no programme reaches, even after an alert: uncovered on purpose. */
const forgottenLocalities = new Set(['ML050705004', 'ML070404007', 'ML060102003']);

export interface DemoAlertFacts {
  id: string;
  shockDate: string;
  localityPcode: string;
  validated: boolean;
  /** Sectors the MSA flagged, with the households in need. */
  needs: { sector: Sector; households: number }[];
}

/** A record to insert, by P-codes and acronyms (the step turns them into ids). */
export interface DemoRecordPlan {
  period: string;
  organisation: string;
  implementingPartner: string | null;
  donor: string;
  sector: Sector;
  activity: string;
  localityPcode: string;
  status: ResponseStatus;
  startDate: string;
  endDate: string | null;
  populationGroup: PopulationGroup;
  householdsTargeted: number;
  householdsReached: number | null;
  personsTargeted: number;
  personsReached: number | null;
  bySexAge: [number, number, number, number, number, number] | null;
  modality: Modality;
  budget: number;
  alertId: string | null;
}

interface Programme {
  organisation: string;
  sector: Sector;
  activity: string;
  locality: DemoLocality;
  start: string;
  end: string;
  openEnded: boolean;
  targeted: number;
  group: PopulationGroup;
  modality: Modality;
  donor: string;
  implementingPartner: string | null;
  alertId: string | null;
}

function sexAgeSplit(random: Random, persons: number): [number, number, number, number, number, number] {
  const shares = [0.27, 0.26, 0.21, 0.17, 0.05, 0.04].map((s) => s * (0.85 + random.next() * 0.3));
  const sum = shares.reduce((a, b) => a + b, 0);
  const parts = shares.map((s) => Math.floor((persons * s) / sum));
  parts[0]! += persons - parts.reduce((a, b) => a + b, 0);
  return parts as [number, number, number, number, number, number];
}

function monthlyRecords(random: Random, p: Programme, months: readonly string[], current: string, today: string): DemoRecordPlan[] {
  const records: DemoRecordPlan[] = [];
  const suspendedMonth = random.next() < 0.04 ? random.int(1, 4) : -1;
  let index = 0;
  for (const period of months) {
    const announced = period === current && p.start > today;
    if ((periodEnd(period) < p.start && !announced) || periodStart(period) > p.end) continue;
    index++;
    const last = p.end <= periodEnd(period) && !p.openEnded;
    const status: ResponseStatus = announced ? 'planned' : index === suspendedMonth ? 'suspended' : last ? 'completed' : 'ongoing';
    const reached = status === 'planned' ? null : status === 'suspended' ? Math.round(p.targeted * 0.2) : Math.round(p.targeted * (0.55 + random.next() * 0.45));
    const size = 5.2 + random.next() * 1.8;
    const personsReached = reached === null ? null : Math.round(reached * size);
    records.push({
      period,
      organisation: p.organisation,
      implementingPartner: p.implementingPartner,
      donor: p.donor,
      sector: p.sector,
      activity: p.activity,
      localityPcode: p.locality.pcode,
      status,
      startDate: p.start,
      endDate: p.openEnded ? null : p.end,
      populationGroup: p.group,
      householdsTargeted: p.targeted,
      householdsReached: reached,
      personsTargeted: Math.round(p.targeted * size),
      personsReached,
      bySexAge: personsReached !== null && random.next() < 0.7 ? sexAgeSplit(random, personsReached) : null,
      modality: p.modality,
      budget: Math.round((p.targeted * activities[p.sector].costPerHousehold) / 1000) * 1000,
      alertId: p.alertId,
    });
  }
  return records;
}

function programme(random: Random, organisation: string, sector: Sector, locality: DemoLocality, start: string, end: string, targeted: number, alertId: string | null): Programme {
  const spec = activities[sector];
  return {
    organisation,
    sector,
    activity: random.pick(spec.names),
    locality,
    start,
    end,
    openEnded: alertId === null && random.next() < 0.1,
    targeted,
    group: alertId ? 'idp' : random.pick<PopulationGroup>(['idp', 'idp', 'idp', 'host', 'returnee']),
    modality: random.pick(spec.modalities),
    donor: random.pick(donors),
    implementingPartner: unAgencies.has(organisation) ? random.pick(nationalPartners) : null,
    alertId,
  };
}

/**
 * The plan for a seeding day: the same day, alerts and seed always give the same records.
 * Months run from eleven months before the seeding day's month to that month.
 */
export function planDemoResponses(alerts: readonly DemoAlertFacts[], today: string = todayIso(), seed = 20_240_501): DemoRecordPlan[] {
  const random = seededRandom(seed);
  const current = periodOf(today);
  const months = periodRange(addPeriods(current, -11), current);
  const first = periodStart(months[0]!);
  const programmes: Programme[] = [];

  const reachable = demoLocalities.filter((l) => !forgottenLocalities.has(l.pcode));
  for (const organisation of postRrmActors) {
    const count = unAgencies.has(organisation) ? random.int(50, 65) : random.int(32, 45);
    for (let i = 0; i < count; i++) {
      const sector = random.pick(actorSectors[organisation]);
      // A few start after the seeding day: reported this month as planned.
      const start = random.next() < 0.06 ? addDays(today, random.int(1, 40)) : addDays(first, random.int(-60, 358));
      const end = addMonths(start, random.int(3, 9));
      programmes.push(programme(random, organisation, sector, random.pick(reachable), start, end, random.int(80, 900), null));
    }
  }

  // Post-RRM: months 4–12 after the shock. Some flagged sectors are covered, some on time, some late, some never.
  for (const alert of alerts) {
    if (!alert.validated || random.next() < 0.2) continue;
    const locality = reachable.find((l) => l.pcode === alert.localityPcode);
    if (!locality) continue;
    const postRrmFrom = addMonths(alert.shockDate, 3);
    const postRrmUntil = addDays(addMonths(alert.shockDate, 12), -1);
    for (const need of alert.needs) {
      if (random.next() < 0.4) continue;
      const actors = postRrmActors.filter((a) => actorSectors[a].includes(need.sector));
      if (actors.length === 0) continue;
      const start = addDays(postRrmFrom, random.next() < 0.6 ? random.int(-10, 5) : random.int(20, 75));
      const end = random.next() < 0.7 ? postRrmUntil : addMonths(start, random.int(2, 4));
      const share = 0.5 + random.next() * 0.45;
      programmes.push(programme(random, random.pick(actors), need.sector, locality, start, end, Math.max(20, Math.round(need.households * share)), alert.id));
    }
  }

  const records: DemoRecordPlan[] = [];
  const seen = new Set<string>();
  for (const p of programmes) {
    for (const record of monthlyRecords(random, p, months, current, today)) {
      const key = [record.period, record.organisation, record.sector, record.activity, record.localityPcode, record.populationGroup].join('|');
      if (seen.has(key)) continue;
      seen.add(key);
      records.push(record);
    }
  }
  return records;
}

export interface DemoCapacityPlan {
  period: string;
  organisation: string;
  sector: Sector;
  region: string;
  households: number;
  fundingStatus: FundingStatus;
  stock: string | null;
  staff: number;
}

/** Each actor's spare capacity in the regions it works in, for the last three months. */
export function planDemoCapacities(records: readonly DemoRecordPlan[], today: string = todayIso(), seed = 20_240_502): DemoCapacityPlan[] {
  const random = seededRandom(seed);
  const current = periodOf(today);
  const regionsOf = new Map<string, Set<string>>();
  for (const r of records) {
    const region = demoLocalities.find((l) => l.pcode === r.localityPcode)!.adm1;
    regionsOf.set(r.organisation, (regionsOf.get(r.organisation) ?? new Set()).add(region));
  }
  const plans: DemoCapacityPlan[] = [];
  for (const organisation of postRrmActors) {
    for (const region of [...(regionsOf.get(organisation) ?? [])].sort()) {
      for (const sector of actorSectors[organisation].slice(0, random.int(1, 3))) {
        const base = random.int(50, 600);
        for (const period of periodRange(addPeriods(current, -2), current)) {
          plans.push({
            period,
            organisation,
            sector,
            region,
            households: Math.max(0, base + random.int(-40, 40)),
            fundingStatus: random.pick(fundingStatuses),
            stock: random.next() < 0.5 ? `${random.int(50, 400)} kits en stock à ${random.pick(demoLocalities.filter((l) => l.adm1 === region)).name}` : null,
            staff: random.int(2, 35),
          });
        }
      }
    }
  }
  return plans;
}

export const demoResponsesStep: DemoStep = {
  name: 'responses',
  async run(trx) {
    const today = todayIso();
    const localities = new Map((await trx.selectFrom('localities').select(['id', 'pcode', 'adm1_pcode', 'adm2_pcode', 'adm3_pcode']).execute()).map((l) => [l.pcode, l]));
    const organisations = new Map((await trx.selectFrom('organisations').select(['id', 'acronym']).execute()).map((o) => [o.acronym, o.id]));
    const alertRows = await trx
      .selectFrom('alerts as a')
      .innerJoin('localities as l', 'l.id', 'a.host_locality_id')
      .select(['a.id', 'a.shock_date', 'a.validated_at', 'l.pcode'])
      .where('a.status', '!=', 'rejected')
      .orderBy('a.code')
      .execute();
    const findings = await trx.selectFrom('alert_msa_findings').select(['alert_id', 'sector', 'households_in_need']).where('need', '=', true).execute();
    const alerts: DemoAlertFacts[] = alertRows.map((a) => ({
      id: a.id,
      shockDate: a.shock_date,
      localityPcode: a.pcode ?? '',
      validated: a.validated_at !== null,
      needs: findings.filter((f) => f.alert_id === a.id && f.households_in_need !== null).map((f) => ({ sector: f.sector as Sector, households: f.households_in_need! })),
    }));

    const records = planDemoResponses(alerts, today);
    const values: ResponseValues[] = records.map((r) => {
      const locality = localities.get(r.localityPcode)!;
      const [girls, boys, women, men, olderWomen, olderMen] = r.bySexAge ?? [null, null, null, null, null, null];
      return {
        period: r.period,
        organisationId: organisations.get(r.organisation)!,
        implementingPartner: r.implementingPartner,
        donor: r.donor,
        sector: r.sector,
        activity: r.activity,
        package: null,
        packageId: null,
        deliveredValueXof: null,
        deliveredDurationMonths: null,
        missingComponents: [],
        localityId: locality.id,
        adm1Pcode: locality.adm1_pcode,
        adm2Pcode: locality.adm2_pcode,
        adm3Pcode: locality.adm3_pcode,
        status: r.status,
        startDate: r.startDate,
        endDate: r.endDate,
        populationGroup: r.populationGroup,
        householdsTargeted: r.householdsTargeted,
        householdsReached: r.householdsReached,
        personsTargeted: r.personsTargeted,
        personsReached: r.personsReached,
        girlsReached: girls,
        boysReached: boys,
        womenReached: women,
        menReached: men,
        olderWomenReached: olderWomen,
        olderMenReached: olderMen,
        modality: r.modality,
        budget: r.budget,
        currency: 'XOF',
        comments: null,
        alertIds: r.alertId ? [r.alertId] : [],
      };
    });
    const responses = responsesRepository(trx);
    for (let i = 0; i < values.length; i += 1000) await responses.insertMany(trx, values.slice(i, i + 1000), null);

    const capacities: CapacityValues[] = planDemoCapacities(records, today).map((c) => ({
      period: c.period,
      organisationId: organisations.get(c.organisation)!,
      sector: c.sector,
      regionPcode: c.region,
      households: c.households,
      fundingStatus: c.fundingStatus,
      stock: c.stock,
      staff: c.staff,
      contactName: null,
      contactPhone: null,
      contactEmail: null,
      remarks: null,
    }));
    await capacitiesRepository(trx).insertMany(trx, capacities, null);

    // Months older than three are validated and locked by the coordination.
    const coordinator = await trx.selectFrom('users').select('id').where('role', '=', 'coordinator').orderBy('created_at').executeTakeFirst();
    const current = periodOf(today);
    const locked = periodRange(addPeriods(current, -11), addPeriods(current, -4));
    await trx
      .insertInto('reporting_periods')
      .values(locked.map((p) => ({ month: periodStart(p), locked: true, locked_at: new Date(), locked_by: coordinator?.id ?? null })))
      .onConflict((oc) => oc.column('month').doNothing())
      .execute();
  },
};
