import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GapRow } from '../../../shared/contracts/gaps.ts';
import { sectors } from '../../../shared/sectors.ts';
import type { Database } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { baseDemoSteps, seedDemoData } from '../../demo/demo.ts';
import { seededRandom } from '../../demo/random.ts';
import { insertGapData } from '../../test/gap-data.ts';
import { databaseKinds, openTestDatabase } from '../../test/test-database.ts';
import { handoversRepository } from '../handovers/handovers.module.ts';
import { gapSettingsRepository, phaseSettingsRepository } from '../settings/settings.module.ts';
import { gapsRepository } from './gaps.repository.ts';
import { gapsService } from './gaps.service.ts';

const serviceOn = (db: Kysely<DB>, maxChangedLocalities?: number) =>
  gapsService({
    db,
    gaps: gapsRepository(db),
    gapSettings: gapSettingsRepository(db),
    phaseSettings: phaseSettingsRepository(db),
    handovers: handoversRepository(db),
    listCoverage: () => Promise.resolve([]),
    maxChangedLocalities,
  });

const byPair = (a: GapRow, b: GapRow) =>
  a.locality.id < b.locality.id ? -1 : a.locality.id > b.locality.id ? 1 : a.sector < b.sector ? -1 : a.sector > b.sector ? 1 : 0;
const sorted = (rows: readonly GapRow[]) => [...rows].sort(byPair);

/**
 * The kept rows (recomputed only where records changed) against the full computation from every
 * record, on random data, after random writes of every kind the engine reads: 5W records created,
 * edited and deleted one by one and imported by the thousand in one transaction, alerts rejected
 * and moved, MSA findings and RRM responses changed, assessments and results edited or deleted,
 * capacities, follow-ups, and a place renamed (which recomputes everything).
 */
describe.each(databaseKinds)('kept gap rows on %s', (kind) => {
  let database: Database;
  let db: Kysely<DB>;
  let localities: { id: string; adm1_pcode: string | null }[];
  let organisations: string[];
  const dates = ['2025-11-30', '2026-02-28', '2026-04-10'];
  const horizonDays = 45;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    db = database.db;
    await seedDemoData(db, baseDemoSteps);
    localities = await db.selectFrom('localities').select(['id', 'adm1_pcode']).where('adm1_pcode', 'in', ['ML04', 'ML06']).orderBy('id').execute();
    organisations = (await db.selectFrom('organisations').select('id').orderBy('id').execute()).map((o) => o.id);
    await insertGapData(db, {
      seed: 11,
      localityIds: localities.map((l) => l.id),
      organisationIds: organisations,
      userId: null,
      alerts: 40,
      rrmResponses: 60,
      responses: 300,
      assessmentResults: 120,
      capacities: 30,
      from: '2025-06-01',
      to: '2026-06-30',
    });
  }, 120_000);

  afterAll(async () => {
    await database.close();
  });

  it('agrees with the full computation after random writes of every kind, recomputing only the localities changed', async () => {
    const kept = serviceOn(db);
    // A tiny threshold: every write of more than two localities takes the fallback (full) path.
    const tight = serviceOn(db, 2);
    const reference = serviceOn(db);
    const random = seededRandom(2026);
    let comparisons = 0;

    const agree = async (label: string) => {
      for (const at of dates) {
        const full = sorted((await reference.computeFull({ at, horizonDays })).rows);
        expect(full.length).toBeGreaterThan(0);
        for (const service of [kept, tight]) {
          expect(sorted((await service.compute({ at, horizonDays })).rows), `${label} at ${at}`).toEqual(full);
        }
        const region = sorted((await kept.compute({ at, horizonDays, region: 'ML04', sector: ['secal', 'eha'] })).rows);
        expect(region, `${label}, ML04 food and WASH at ${at}`).toEqual(
          sorted((await reference.computeFull({ at, horizonDays, region: 'ML04', sector: ['secal', 'eha'] })).rows),
        );
        comparisons++;
      }
    };
    await agree('initial');
    const builds = kept.keptStats().builds;
    expect(builds).toBe(dates.length);

    const responseIds = async () => (await db.selectFrom('responses').select('id').orderBy('id').execute()).map((r) => r.id);
    const alertIds = async () => (await db.selectFrom('alerts').select('id').orderBy('id').execute()).map((r) => r.id);
    const assessmentIds = async () => (await db.selectFrom('assessments').select('id').orderBy('id').execute()).map((r) => r.id);
    const locality = () => random.pick(localities).id;

    const writes: [string, () => Promise<unknown>][] = [
      [
        'a 5W record created',
        async () =>
          db
            .insertInto('responses')
            .values({
              period: '2026-02-01',
              organisation_id: random.pick(organisations),
              sector: random.pick(sectors),
              activity: 'Distribution',
              locality_id: locality(),
              status: 'ongoing',
              start_date: '2026-01-20',
              end_date: '2026-04-30',
              households_targeted: random.int(10, 400),
              population_group: 'idp',
            })
            .execute(),
      ],
      [
        'a 5W record edited',
        async () =>
          db
            .updateTable('responses')
            .set({ households_targeted: random.int(1, 500), status: 'ongoing' })
            .where('id', '=', random.pick(await responseIds()))
            .execute(),
      ],
      [
        'a 5W record moved to another place',
        async () =>
          db
            .updateTable('responses')
            .set({ locality_id: locality() })
            .where('id', '=', random.pick(await responseIds()))
            .execute(),
      ],
      [
        'a 5W record deleted',
        async () =>
          db
            .deleteFrom('responses')
            .where('id', '=', random.pick(await responseIds()))
            .execute(),
      ],
      [
        'an import of 5W records in one transaction',
        async () =>
          db.transaction().execute(async (trx) => {
            await insertGapData(trx, {
              seed: random.int(1, 1e6),
              localityIds: localities.map((l) => l.id),
              organisationIds: organisations.slice(0, 4),
              userId: null,
              alerts: 0,
              rrmResponses: 0,
              responses: 40,
              assessmentResults: 0,
              capacities: 0,
              from: '2025-10-01',
              to: '2026-05-31',
            });
          }),
      ],
      [
        'an alert rejected or reopened',
        async () =>
          db
            .updateTable('alerts')
            .set(random.next() < 0.5 ? { status: 'rejected', rejection_reason: 'Doublon' } : { status: 'verified', rejection_reason: null })
            .where('id', '=', random.pick(await alertIds()))
            .execute(),
      ],
      [
        'an alert moved to another place',
        async () =>
          db
            .updateTable('alerts')
            .set({ host_locality_id: locality() })
            .where('id', '=', random.pick(await alertIds()))
            .execute(),
      ],
      [
        'MSA findings changed',
        async () =>
          db
            .updateTable('alert_msa_findings')
            .set({ households_in_need: random.int(0, 300) })
            .where('alert_id', '=', random.pick(await alertIds()))
            .execute(),
      ],
      [
        'RRM responses of an alert changed',
        async () =>
          db
            .updateTable('rrm_responses')
            .set({ households_reached: random.int(0, 300) })
            .where('alert_id', 'in', (await alertIds()).slice(0, 10))
            .execute(),
      ],
      [
        'an assessment result edited',
        async () =>
          db
            .updateTable('assessment_results')
            .set({ households_in_need: random.int(0, 900) })
            .where('assessment_id', '=', random.pick(await assessmentIds()))
            .execute(),
      ],
      [
        'an assessment deleted',
        async () =>
          db
            .deleteFrom('assessments')
            .where('id', '=', random.pick(await assessmentIds()))
            .execute(),
      ],
      [
        'capacities changed',
        async () =>
          db
            .updateTable('capacities')
            .set({ households: random.int(0, 2000) })
            .where('region_pcode', '=', 'ML04')
            .execute(),
      ],
      [
        'a follow-up recorded',
        async () =>
          db
            .insertInto('gap_follow_ups')
            .values({ locality_id: locality(), sector: random.pick(sectors), status: 'advocated', comment: 'Plaidoyer' })
            .execute(),
      ],
      [
        'a place renamed',
        async () =>
          db
            .updateTable('localities')
            .set({ name: sql`name || ' (r)'` as never })
            .where('id', '=', locality())
            .execute(),
      ],
    ];

    for (let round = 0; round < 2; round++) {
      for (const [label, write] of random.shuffle(writes)) {
        await write();
        await agree(label);
      }
    }
    // Two writes between reads, and reads that only happen after several writes.
    await writes[0]![1]();
    await writes[3]![1]();
    await agree('two writes');
    expect(comparisons).toBeGreaterThan(50);
    const stats = kept.keptStats();
    // Everything was recomputed only at the start and after the renames (4); the rest were patches.
    expect(stats.builds).toBe(builds + 2 * dates.length);
    expect(stats.patches).toBeGreaterThan(20 * dates.length);
    expect(tight.keptStats().builds).toBeGreaterThan(stats.builds);
  }, 600_000);

  it.runIf(kind === 'postgresql')(
    'sees a change committed after a later one was read (logged with a smaller number)',
    async () => {
      const kept = serviceOn(db);
      const at = dates[1]!;
      await kept.compute({ at, horizonDays });
      const [first, second] = [localities[0]!.id, localities[1]!.id];
      const insert = (trx: Kysely<DB>, localityId: string) =>
        trx
          .insertInto('responses')
          .values({
            period: '2026-02-01',
            organisation_id: organisations[0]!,
            sector: 'eha',
            activity: 'Latrines',
            locality_id: localityId,
            status: 'ongoing',
            start_date: '2026-02-01',
            end_date: null,
            households_targeted: 777,
            population_group: 'idp',
          })
          .execute();
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let logged!: () => void;
      const written = new Promise<void>((resolve) => (logged = resolve));
      const slow = db.transaction().execute(async (trx) => {
        await insert(trx, first);
        logged();
        await held;
      });
      await written;
      await insert(db, second);
      const whileRunning = (await kept.compute({ at, horizonDays })).rows;
      expect(whileRunning.some((r) => r.locality.id === second && r.sector === 'eha' && r.coverage >= 777)).toBe(true);
      release();
      await slow;
      const after = sorted((await kept.compute({ at, horizonDays })).rows);
      expect(after.some((r) => r.locality.id === first && r.sector === 'eha' && r.coverage >= 777)).toBe(true);
      expect(after).toEqual(sorted((await serviceOn(db).computeFull({ at, horizonDays })).rows));
    },
    120_000,
  );
});
