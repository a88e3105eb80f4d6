import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PivotDimension, ResponseFilters } from '../../../shared/contracts/responses.ts';
import { sectors } from '../../../shared/sectors.ts';
import type { Database } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { baseDemoSteps, seedDemoData } from '../../demo/demo.ts';
import { seededRandom } from '../../demo/random.ts';
import { changeReader } from '../../lib/change-reader.ts';
import { insertGapData } from '../../test/gap-data.ts';
import { databaseKinds, openTestDatabase } from '../../test/test-database.ts';
import { pivotRepository, type PivotRow } from './pivot.repository.ts';
import { pivotState } from './pivot-state.ts';

const order = (a: PivotRow, b: PivotRow) => a.level - b.level || String(a.row).localeCompare(String(b.row)) || String(a.col).localeCompare(String(b.col));
const sorted = (rows: readonly PivotRow[]) => [...rows].sort(order);

/**
 * The kept pivots (each locality's part kept, only changed localities read again) against the
 * pivot computed from every record, on random 5W data after random writes: records created,
 * edited, moved, deleted, imported by the hundred in one transaction, and a place renamed.
 */
describe.each(databaseKinds)('kept 5W pivots on %s', (kind) => {
  let database: Database;
  let db: Kysely<DB>;
  let localities: string[];
  let organisations: string[];

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    db = database.db;
    await seedDemoData(db, baseDemoSteps);
    localities = (await db.selectFrom('localities').select('id').where('adm1_pcode', 'in', ['ML04', 'ML05', 'ML06']).orderBy('id').execute()).map((l) => l.id);
    organisations = (await db.selectFrom('organisations').select('id').orderBy('id').execute()).map((o) => o.id);
    await insertGapData(db, {
      seed: 5,
      localityIds: localities,
      organisationIds: organisations,
      userId: null,
      alerts: 0,
      rrmResponses: 0,
      responses: 400,
      assessmentResults: 0,
      capacities: 0,
      from: '2025-06-01',
      to: '2026-06-30',
    });
  }, 120_000);

  afterAll(async () => {
    await database.close();
  });

  it('agrees with the pivot from every record after random writes', async () => {
    const repository = pivotRepository(db);
    const kept = pivotState({ changes: (apply) => changeReader(db, apply), partsByLocality: (...args) => repository.partsByLocality(...args) });
    const tight = pivotState({
      changes: (apply) => changeReader(db, apply),
      partsByLocality: (...args) => repository.partsByLocality(...args),
      maxLocalities: 1,
    });
    const pivots: [PivotDimension, PivotDimension, ResponseFilters][] = [
      ['sector', 'month', {}],
      ['month', 'sector', { periodFrom: '2025-10', periodTo: '2026-03' }],
      ['adm1', 'organisation', {}],
      ['organisation', 'adm2', { sector: ['secal', 'eha'] }],
      ['sector', 'adm1', { status: ['ongoing', 'completed'] }],
    ];
    const random = seededRandom(99);
    let compared = 0;
    const agree = async (label: string) => {
      for (const [rows, cols, filters] of pivots) {
        const reference = sorted(await repository.figures(rows, cols, filters));
        expect(reference.length, label).toBeGreaterThan(0);
        expect(sorted(await kept.figures(rows, cols, filters)), `${label}: ${rows} × ${cols}`).toEqual(reference);
        expect(sorted(await tight.figures(rows, cols, filters)), `${label}: ${rows} × ${cols} (recomputed whole)`).toEqual(reference);
        compared++;
      }
    };
    await agree('initial');
    const ids = async () => (await db.selectFrom('responses').select('id').orderBy('id').execute()).map((r) => r.id);
    const writes: [string, () => Promise<unknown>][] = [
      [
        'created',
        async () =>
          db
            .insertInto('responses')
            .values({
              period: '2026-02-01',
              organisation_id: random.pick(organisations),
              sector: random.pick(sectors),
              activity: 'Distribution',
              locality_id: random.pick(localities),
              status: 'ongoing',
              start_date: '2026-02-01',
              population_group: 'idp',
              households_targeted: random.int(1, 900),
            })
            .execute(),
      ],
      [
        'edited',
        async () =>
          db
            .updateTable('responses')
            .set({ households_targeted: random.int(0, 900), households_reached: random.int(0, 900) })
            .where('id', '=', random.pick(await ids()))
            .execute(),
      ],
      [
        'moved',
        async () =>
          db
            .updateTable('responses')
            .set({ locality_id: random.pick(localities) })
            .where('id', '=', random.pick(await ids()))
            .execute(),
      ],
      [
        'deleted',
        async () =>
          db
            .deleteFrom('responses')
            .where('id', 'in', random.shuffle(await ids()).slice(0, 3))
            .execute(),
      ],
      [
        'imported',
        async () =>
          db.transaction().execute((trx) =>
            insertGapData(trx, {
              seed: random.int(1, 1e6),
              localityIds: localities,
              organisationIds: organisations.slice(0, 3),
              userId: null,
              alerts: 0,
              rrmResponses: 0,
              responses: 30,
              assessmentResults: 0,
              capacities: 0,
              from: '2025-09-01',
              to: '2026-04-30',
            }),
          ),
      ],
      [
        'place renamed',
        async () =>
          db
            .updateTable('localities')
            .set({ name: sql`name || ' (r)'` as never })
            .where('id', '=', random.pick(localities))
            .execute(),
      ],
    ];
    for (let round = 0; round < 3; round++) {
      for (const [label, write] of random.shuffle(writes)) {
        await write();
        await agree(label);
      }
    }
    expect(compared).toBeGreaterThan(90);
  }, 600_000);
});
