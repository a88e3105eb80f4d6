import type { AlertStatus, Modality, ShockType } from '../../shared/contracts/alerts.ts';
import { addDays, todayIso } from '../../shared/phases.ts';
import type { Sector } from '../../shared/sectors.ts';
import { alertsRepository } from '../features/alerts/alerts.repository.ts';
import { rrmResponsesRepository } from '../features/alerts/rrm-responses.repository.ts';
import type { DemoStep } from './demo.ts';
import { demoLocalities, maliCercles } from './mali-reference.ts';
import { type Random, seededRandom } from './random.ts';

/**
 * About 60 alerts over the last 18 months, so that the share of IDP households by time since
 * displacement per zone resembles the post-RRM coordination's figures (REACH): 0–3 months /
 * 3–12 months / over a year. Dates are relative to the day the demo is seeded; everything else
 * comes from a fixed seed.
 */
export const displacementShares = {
  north: { regions: ['ML06', 'ML07'], shares: [9, 61, 29], alerts: [5, 13, 8], households: 6400 },
  centre: { regions: ['ML05', 'ML04'], shares: [10, 21, 68], alerts: [6, 8, 16], households: 8800 },
} as const;
export type Zone = keyof typeof displacementShares;

/** Days before the seeding day for each bucket, kept clear of the 3- and 12-month boundaries. */
const bucketDaysAgo: readonly (readonly [number, number])[] = [
  [4, 80],
  [100, 350],
  [380, 540],
];

export const rrmPartners = ['ACTED', 'NRC', 'IRC', 'SI'] as const;
const alertSources = ['OCHA', 'DNDS', 'ACTED', 'NRC', 'IRC', 'SI', 'CRM', 'OIM'] as const;

const packages: Partial<Record<Sector, { name: string; modalities: readonly Modality[] }>> = {
  abris_ame: { name: 'Kit AME standard RRM (bâches, nattes, couvertures, ustensiles)', modalities: ['in_kind'] },
  secal: { name: "Assistance alimentaire d'urgence (un mois)", modalities: ['cash', 'voucher', 'in_kind'] },
  eha: { name: "Kit d'hygiène et accès à l'eau (water trucking)", modalities: ['in_kind', 'voucher'] },
  sante: { name: 'Clinique mobile', modalities: ['service'] },
  protection: { name: 'Référencement et premiers secours psychologiques', modalities: ['service'] },
  cash: { name: 'Transfert monétaire à usage multiple (un mois)', modalities: ['cash'] },
};
const responseSectors = Object.keys(packages) as Sector[];
const assessedSectors: readonly Sector[] = ['secal', 'abris_ame', 'eha', 'sante', 'protection', 'nutrition', 'education'];

const shockTypesByZone: Record<Zone, readonly ShockType[]> = {
  north: ['armed_conflict', 'armed_conflict', 'intercommunal_violence', 'flood', 'drought', 'other'],
  centre: ['intercommunal_violence', 'intercommunal_violence', 'armed_conflict', 'flood', 'fire', 'epidemic'],
};

export interface DemoRrmResponsePlan {
  organisation: string;
  sector: Sector;
  package: string;
  startDate: string;
  endDate: string;
  householdsReached: number;
  personsReached: number;
  modality: Modality;
}

export interface DemoAlertPlan {
  zone: Zone;
  localityPcode: string;
  shockType: ShockType;
  shockDate: string;
  alertDate: string;
  households: number;
  persons: number;
  populationGroup: 'idp' | 'returnee';
  originPcodes: string[];
  originText: string | null;
  source: string;
  status: AlertStatus;
  verifiedOn: string | null;
  assessedOn: string | null;
  validatedOn: string | null;
  respondedOn: string | null;
  closedOn: string | null;
  rejectedOn: string | null;
  rejectionReason: string | null;
  msaFindings: { sector: Sector; need: boolean; householdsInNeed: number | null; severity: number | null; remarks: string | null }[];
  responses: DemoRrmResponsePlan[];
}

/** Statuses cycled through per bucket, so every status and every phase appears. */
const statusCycle: readonly (readonly AlertStatus[])[] = [
  ['reported', 'validated', 'verified', 'responded', 'assessed', 'validated'],
  ['closed', 'responded', 'closed', 'validated', 'responded', 'closed'],
  ['closed', 'closed', 'responded', 'closed'],
];

/** Splits `total` into `count` positive parts with random weights, summing exactly to `total`. */
function split(random: Random, total: number, count: number): number[] {
  const weights = Array.from({ length: count }, () => 0.5 + random.next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.max(15, Math.round((total * w) / sum)));
  parts[count - 1] = Math.max(15, total - parts.slice(0, -1).reduce((a, b) => a + b, 0));
  return parts;
}

function planOne(random: Random, today: string, zone: Zone, bucket: number, status: AlertStatus, localityPcode: string, households: number): DemoAlertPlan {
  const locality = demoLocalities.find((l) => l.pcode === localityPcode)!;
  const [minAgo, maxAgo] = bucketDaysAgo[bucket]!;
  const shockDate = addDays(today, -random.int(minAgo, maxAgo));
  const alertDate = addDays(shockDate, random.int(0, 3));
  const originCercles = maliCercles.filter(([pcode, , region]) => region === locality.adm1 && pcode !== locality.adm2);
  const withPcode = random.next() < 0.75;
  const plan: DemoAlertPlan = {
    zone,
    localityPcode,
    shockType: random.pick(shockTypesByZone[zone]),
    shockDate,
    alertDate,
    households,
    persons: Math.round(households * (5.2 + random.next() * 1.6)),
    populationGroup: 'idp',
    originPcodes: withPcode ? [random.pick(originCercles)[0]] : [],
    originText: withPcode ? null : 'Hameaux des environs (sans code P)',
    source: random.pick(alertSources),
    status: 'reported',
    verifiedOn: null,
    assessedOn: null,
    validatedOn: null,
    respondedOn: null,
    closedOn: null,
    rejectedOn: null,
    rejectionReason: null,
    msaFindings: [],
    responses: [],
  };

  const rank = (s: AlertStatus) => ['reported', 'verified', 'assessed', 'validated', 'responded', 'closed'].indexOf(s);
  if (rank(status) >= rank('assessed')) {
    plan.status = 'assessed';
    plan.msaFindings = random
      .shuffle(assessedSectors)
      .slice(0, random.int(3, 5))
      .map((sector) => {
        const need = random.next() < 0.8;
        return { sector, need, householdsInNeed: need ? Math.round(households * (0.5 + random.next() / 2)) : null, severity: need ? random.int(2, 4) : null, remarks: null };
      });
  } else {
    plan.status = status;
  }
  const validatedOn = addDays(alertDate, random.int(1, 6));
  // Verified the day the alert came; assessed the day before validation (both known without drawing, so the other figures stay as they were).
  if (rank(plan.status) >= rank('verified')) plan.verifiedOn = alertDate <= today ? alertDate : today;
  if (rank(plan.status) >= rank('assessed')) {
    const assessedOn = addDays(validatedOn, -1) > alertDate ? addDays(validatedOn, -1) : alertDate;
    plan.assessedOn = assessedOn <= today ? assessedOn : today;
  }
  if (rank(status) >= rank('validated') && validatedOn <= today) {
    plan.status = 'validated';
    plan.validatedOn = validatedOn;
  }
  const firstStart = addDays(validatedOn, random.int(3, 20));
  if (rank(status) >= rank('responded') && plan.validatedOn && firstStart <= today) {
    plan.status = 'responded';
    plan.respondedOn = firstStart;
    plan.responses = random
      .shuffle(responseSectors)
      .slice(0, random.int(1, 3))
      .map((sector, i) => {
        const startDate = i === 0 ? firstStart : addDays(firstStart, random.int(0, 10));
        const reached = Math.round(households * (0.6 + random.next() * 0.4));
        const pkg = packages[sector]!;
        return {
          organisation: random.pick(rrmPartners),
          sector,
          package: pkg.name,
          startDate: startDate <= today ? startDate : today,
          endDate: addDays(startDate <= today ? startDate : today, random.int(1, 25)),
          householdsReached: reached,
          personsReached: Math.round(reached * (plan.persons / households)),
          modality: random.pick(pkg.modalities),
        };
      });
  }
  const closedOn = addDays(firstStart, random.int(60, 110));
  if (status === 'closed' && plan.respondedOn && closedOn <= today) {
    plan.status = 'closed';
    plan.closedOn = closedOn;
  }
  return plan;
}

/**
 * The demo alerts for a given seeding day; the same day and seed always give the same plan.
 * Each alert draws from its own stream, so whether one alert's dates fall before the seeding day
 * never shifts the numbers of the others.
 */
export function planDemoAlerts(today: string = todayIso(), seed = 20_231_115): DemoAlertPlan[] {
  const random = seededRandom(seed);
  const plans: DemoAlertPlan[] = [];
  for (const zone of Object.keys(displacementShares) as Zone[]) {
    const { regions, shares, alerts, households } = displacementShares[zone];
    const localities = random.shuffle(demoLocalities.filter((l) => (regions as readonly string[]).includes(l.adm1)).map((l) => l.pcode));
    const shareSum = shares.reduce((a: number, b: number) => a + b, 0);
    let next = 0;
    alerts.forEach((count, bucket) => {
      const parts = split(random, Math.round((households * shares[bucket]!) / shareSum), count);
      for (let i = 0; i < count; i++) {
        const status = statusCycle[bucket]![i % statusCycle[bucket]!.length]!;
        plans.push(planOne(seededRandom(seed + plans.length * 7919), today, zone, bucket, status, localities[next++ % localities.length]!, parts[i]!));
      }
    });
  }
  // Alerts outside the IDP figures: two rejected (false or duplicate alerts) and one of returnees.
  const rejectedReasons = ["Doublon d'une alerte déjà enregistrée", 'Mouvement saisonnier, pas de déplacement forcé'];
  for (const [i, reason] of rejectedReasons.entries()) {
    const plan = planOne(seededRandom(seed + plans.length * 7919), today, i === 0 ? 'north' : 'centre', 0, 'reported', i === 0 ? 'ML070201001' : 'ML050301001', random.int(30, 120));
    plan.status = 'rejected';
    plan.rejectedOn = addDays(plan.alertDate, 2) <= today ? addDays(plan.alertDate, 2) : today;
    plan.rejectionReason = reason;
    plans.push(plan);
  }
  const returnees = planOne(seededRandom(seed + plans.length * 7919), today, 'centre', 1, 'closed', 'ML040500000', 140);
  returnees.populationGroup = 'returnee';
  plans.push(returnees);
  return plans.sort((a, b) => (a.alertDate < b.alertDate ? -1 : a.alertDate > b.alertDate ? 1 : 0));
}

const at = (date: string | null, hour: number) => (date ? new Date(`${date}T${String(hour).padStart(2, '0')}:00:00Z`) : undefined);

export const demoAlertsStep: DemoStep = {
  name: 'alerts',
  async run(trx) {
    const alerts = alertsRepository(trx);
    const rrmResponses = rrmResponsesRepository();
    const localities = new Map((await trx.selectFrom('localities').select(['id', 'pcode']).execute()).map((l) => [l.pcode, l.id]));
    const organisations = new Map((await trx.selectFrom('organisations').select(['id', 'acronym']).execute()).map((o) => [o.acronym, o.id]));
    for (const plan of planDemoAlerts()) {
      const code = await alerts.nextCode(trx, Number(plan.alertDate.slice(0, 4)));
      const id = await alerts.insert(
        trx,
        code,
        {
          shockType: plan.shockType,
          shockDate: plan.shockDate,
          alertDate: plan.alertDate,
          hostLocalityId: localities.get(plan.localityPcode)!,
          originPcodes: plan.originPcodes,
          originText: plan.originText,
          households: plan.households,
          persons: plan.persons,
          populationGroup: plan.populationGroup,
          sourceOrganisationId: organisations.get(plan.source) ?? null,
          description: null,
        },
        {
          status: plan.status,
          rejectionReason: plan.rejectionReason ?? undefined,
          verifiedAt: at(plan.verifiedOn, 9),
          assessedAt: at(plan.assessedOn, 9),
          validatedAt: at(plan.validatedOn, 10),
          respondedAt: at(plan.respondedOn, 12),
          closedAt: at(plan.closedOn, 15),
          rejectedAt: at(plan.rejectedOn, 11),
        },
        null,
      );
      await alerts.replaceFindings(trx, id, plan.msaFindings);
      for (const response of plan.responses) {
        await rrmResponses.insert(trx, id, { ...response, organisationId: organisations.get(response.organisation)!, packageId: null, deliveredValueXof: null, deliveredDurationMonths: null, missingComponents: [] }, null);
      }
    }
  },
};
