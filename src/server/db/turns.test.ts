import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../test/test-database.ts';
import type { Database } from './database.ts';
import { importTurns } from './turns.ts';

/** The embedded store's single connection while an import runs among readers. */
describe('turns on the embedded store', () => {
  let database: Database;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
  });
  afterAll(() => database.close());

  it('gives an import every other turn, and the readers queued when its turn ends all go before its next', async () => {
    const { db } = database;
    const order: string[] = [];
    const query = (name: string) => sql`SELECT 1`.execute(db).then(() => order.push(name));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // A transaction holds the connection while everyone else queues: five readers first, then the import's three statements.
    const holding = db.transaction().execute(async (trx) => {
      await sql`SELECT 1`.execute(trx);
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const readers = Array.from({ length: 5 }, (_, i) => query(`reader ${i + 1}`));
    // A reader arriving after the import's turn ended waits for its next one: the import is not starved.
    let late: Promise<unknown> = Promise.resolve();
    void readers[0]!.then(() => (late = query('late reader')));
    const importing = importTurns(async () => {
      for (let i = 1; i <= 3; i++) await query(`import ${i}`);
    })();
    // The import's first statement is queued (after the readers'); its next ones queue as each ends.
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await Promise.all([holding, importing, ...readers]);
    await late;
    expect(order).toEqual(['import 1', 'reader 1', 'reader 2', 'reader 3', 'reader 4', 'reader 5', 'import 2', 'late reader', 'import 3']);
  });

  it('serves requests first come, first served when no import waits', async () => {
    const { db } = database;
    const order: number[] = [];
    await Promise.all(Array.from({ length: 6 }, (_, i) => sql`SELECT ${i}::int AS n`.execute(db).then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('lets the event loop turn between two statements, in a transaction too', async () => {
    const { db } = database;
    // PGlite settles each statement in a microtask: without a turn between statements, a timer set before 100 of them fired after all of them.
    const timerFiredAfter = async (run: (count: () => void) => Promise<void>) => {
      let statements = 0;
      let firedAfter: number | null = null;
      setTimeout(() => (firedAfter = statements), 0);
      await run(() => statements++);
      return firedAfter;
    };
    const outside = await timerFiredAfter(async (count) => {
      for (let i = 0; i < 100; i++) {
        await sql`SELECT pg_sleep(0.001)`.execute(db);
        count();
      }
    });
    const inside = await timerFiredAfter((count) =>
      db.transaction().execute(async (trx) => {
        for (let i = 0; i < 100; i++) {
          await sql`SELECT pg_sleep(0.001)`.execute(trx);
          count();
        }
      }),
    );
    expect(outside).not.toBeNull();
    expect(outside!).toBeLessThan(100);
    expect(inside).not.toBeNull();
    expect(inside!).toBeLessThan(100);
  });
});
