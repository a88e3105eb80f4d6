import type { Kysely } from 'kysely';
import { assessmentKinds } from '../../shared/contracts/assessments.ts';
import { addDays, addMonths } from '../../shared/phases.ts';
import { sectors } from '../../shared/sectors.ts';
import type { DB } from '../db/schema.ts';
import { seededRandom } from '../demo/random.ts';

export interface GapDataOptions {
  seed: number;
  localityIds: readonly string[];
  organisationIds: readonly string[];
  /** Creator of the rows (a user id), for the columns that record it. */
  userId: string | null;
  alerts: number;
  rrmResponses: number;
  /** 5W records: activities reported over one to six consecutive months. */
  responses: number;
  /** Assessment results (each assessment has one to nine). */
  assessmentResults: number;
  capacities: number;
  /** Dates fall within this span. */
  from: string;
  to: string;
}

export interface GapDataCounts {
  alerts: number;
  findings: number;
  rrmResponses: number;
  responses: number;
  assessments: number;
  assessmentResults: number;
  capacities: number;
}

const batchSize = 1000;

async function insertBatches<T extends keyof DB>(db: Kysely<DB>, table: T, rows: readonly Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += batchSize) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + batchSize) as never)
      .execute();
  }
}

function monthOf(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/**
 * A random but coherent data set for the gap engine: alerts with MSA findings (some rejected,
 * some validated), RRM responses to validated ones, 5W activities reported month after month
 * (some open-ended, some suspended), assessments at every step with results, and capacities.
 * Used by the engine tests (SQL against the shared arithmetic) and by bench/gaps.ts.
 */
export async function insertGapData(db: Kysely<DB>, options: GapDataOptions): Promise<GapDataCounts> {
  const random = seededRandom(options.seed);
  const chance = (p: number) => random.next() < p;
  const span = Math.max(1, Math.round((Date.parse(options.to) - Date.parse(options.from)) / 86_400_000));
  const dateIn = (from = options.from, days = span) => addDays(from, random.int(0, days));
  const uuid = () => crypto.randomUUID();
  const year = Number(options.from.slice(0, 4));

  const alerts: Record<string, unknown>[] = [];
  const findings: Record<string, unknown>[] = [];
  const validated: { id: string; localityId: string; shockDate: string }[] = [];
  for (let i = 0; i < options.alerts; i++) {
    const id = uuid();
    const localityId = random.pick(options.localityIds);
    const shockDate = dateIn();
    const alertDate = addDays(shockDate, random.int(0, 10));
    const households = random.int(20, 900);
    const rejected = chance(0.05);
    const isValidated = !rejected && chance(0.85);
    alerts.push({
      id,
      code: `GAP-${year}-${String(options.seed).padStart(3, '0')}-${String(i + 1).padStart(6, '0')}`,
      shock_type: random.pick(['armed_conflict', 'intercommunal_violence', 'flood']),
      shock_date: shockDate,
      alert_date: alertDate,
      host_locality_id: localityId,
      households,
      persons: households * random.int(4, 8),
      population_group: 'idp',
      status: rejected ? 'rejected' : isValidated ? 'responded' : random.pick(['reported', 'verified', 'assessed']),
      rejection_reason: rejected ? 'Doublon' : null,
      validated_at: isValidated ? new Date(`${addDays(alertDate, random.int(0, 12))}T10:00:00Z`) : null,
    });
    for (const sector of sectors) {
      if (!chance(0.5)) continue;
      findings.push({
        alert_id: id,
        sector,
        need: chance(0.8),
        households_in_need: chance(0.6) ? random.int(10, households) : null,
        severity: chance(0.8) ? random.int(1, 5) : null,
      });
    }
    if (isValidated) validated.push({ id, localityId, shockDate });
  }
  await insertBatches(db, 'alerts', alerts);
  await insertBatches(db, 'alert_msa_findings', findings);

  const rrm: Record<string, unknown>[] = [];
  for (let i = 0; i < options.rrmResponses && validated.length > 0; i++) {
    const alert = random.pick(validated);
    const start = addDays(alert.shockDate, random.int(3, 40));
    rrm.push({
      alert_id: alert.id,
      organisation_id: random.pick(options.organisationIds),
      sector: random.pick(sectors),
      start_date: start,
      end_date: chance(0.7) ? addDays(addMonths(alert.shockDate, 3), -1) : addDays(start, random.int(10, 120)),
      households_reached: random.int(10, 600),
      persons_reached: random.int(600, 3600),
      modality: random.pick(['in_kind', 'cash', 'voucher']),
    });
  }
  await insertBatches(db, 'rrm_responses', rrm);

  const responses: Record<string, unknown>[] = [];
  while (responses.length < options.responses) {
    const localityId = random.pick(options.localityIds);
    const organisationId = random.pick(options.organisationIds);
    const sector = random.pick(sectors);
    const start = dateIn();
    const end = chance(0.15) ? null : addDays(start, random.int(20, 240));
    const months = Math.min(random.int(1, 6), options.responses - responses.length);
    let month = monthOf(start);
    for (let m = 0; m < months; m++) {
      const status = chance(0.05) ? 'suspended' : end !== null && end < month ? 'completed' : random.pick(['planned', 'ongoing', 'ongoing']);
      const targeted = chance(0.9) ? random.int(10, 500) : null;
      responses.push({
        period: month,
        organisation_id: organisationId,
        sector,
        activity: `Activité ${sector}`,
        locality_id: localityId,
        status,
        start_date: start,
        end_date: end,
        population_group: 'idp',
        households_targeted: targeted,
        households_reached: chance(0.7) ? random.int(0, 500) : null,
        currency: 'XOF',
      });
      // Some months go unreported: the previous report carries them.
      month = addMonths(month, chance(0.2) ? 2 : 1);
    }
  }
  await insertBatches(db, 'responses', responses);

  const assessments: Record<string, unknown>[] = [];
  const results: Record<string, unknown>[] = [];
  while (results.length < options.assessmentResults) {
    const id = uuid();
    const start = dateIn();
    const status = chance(0.75) ? 'done' : random.pick(['planned', 'ongoing', 'cancelled']);
    assessments.push({
      id,
      locality_id: random.pick(options.localityIds),
      kind: random.pick(assessmentKinds),
      status,
      organisation_id: random.pick(options.organisationIds),
      start_date: start,
      end_date: status === 'done' || chance(0.3) ? addDays(start, random.int(0, 20)) : null,
      created_by: options.userId,
    });
    if (status === 'planned') continue;
    for (const sector of sectors) {
      if (results.length >= options.assessmentResults || !chance(0.6)) continue;
      results.push({
        assessment_id: id,
        sector,
        severity: chance(0.9) ? random.int(1, 5) : null,
        households_in_need: chance(0.85) ? random.int(0, 800) : null,
      });
    }
  }
  await insertBatches(db, 'assessments', assessments);
  await insertBatches(db, 'assessment_results', results);

  const regions = (await db.selectFrom('localities').select('adm1_pcode').distinct().where('id', 'in', options.localityIds.slice(0, 1000)).execute())
    .map((r) => r.adm1_pcode)
    .filter((p): p is string => p !== null);
  const capacityKeys = new Set<string>();
  const capacities: Record<string, unknown>[] = [];
  for (let i = 0; i < options.capacities * 3 && capacities.length < options.capacities && regions.length > 0; i++) {
    const row = {
      period: monthOf(dateIn()),
      organisation_id: random.pick(options.organisationIds),
      sector: random.pick(sectors),
      region_pcode: random.pick(regions),
      households: random.int(50, 3000),
      funding_status: random.pick(['funded', 'partially_funded', 'pipeline']),
    };
    const key = `${row.period}|${row.organisation_id}|${row.sector}|${row.region_pcode}`;
    if (capacityKeys.has(key)) continue;
    capacityKeys.add(key);
    capacities.push(row);
  }
  await insertBatches(db, 'capacities', capacities);

  return {
    alerts: alerts.length,
    findings: findings.length,
    rrmResponses: rrm.length,
    responses: responses.length,
    assessments: assessments.length,
    assessmentResults: results.length,
    capacities: capacities.length,
  };
}
