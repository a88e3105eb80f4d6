import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../test/test-database.ts';
import { databaseKinds } from '../test/test-database.ts';
import type { Database } from './database.ts';
import { dataStampOf, dataVersionOf } from './data-versions.repository.ts';

describe.each(databaseKinds)('data versions on %s', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database.close());

  const version = () => dataVersionOf(database.db, ['localities']);
  const place = (name: string) => ({ name, name_key: name.toLowerCase(), kind: 'village' });

  it('changes once per committed transaction that changed the table, whatever its size', async () => {
    const before = await version();
    await database.db.transaction().execute(async (trx) => {
      await trx.insertInto('localities').values([place('Konna'), place('Boré')]).execute();
      await trx.updateTable('localities').set({ kind: 'site' }).where('name', '=', 'Konna').execute();
    });
    const afterInsert = await version();
    expect(afterInsert).not.toBe(before);
    expect(afterInsert).toBe(`localities:${Number(before.split(':')[1]) + 1}`);
    await database.db.deleteFrom('localities').where('name', '=', 'Boré').execute();
    expect(await version()).toBe(`localities:${Number(before.split(':')[1]) + 2}`);
  });

  it('stays the same when a transaction rolls back, or when other tables change', async () => {
    const before = await version();
    await expect(
      database.db.transaction().execute(async (trx) => {
        await trx.insertInto('localities').values(place('Douentza')).execute();
        throw new Error('import refused');
      }),
    ).rejects.toThrow('import refused');
    await database.db.insertInto('settings').values({ key: 'test', value: JSON.stringify({ on: true }) }).execute();
    expect(await version()).toBe(before);
  });

  it('dates the last change of the newest of several tables (the HXL feeds’ Last-Modified)', async () => {
    const before = await dataStampOf(database.db, ['localities', 'organisations']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = new Date();
    await database.db.insertInto('organisations').values({ name: 'Organisation datée', acronym: 'DATEE', type: 'ingo', roles: [] }).execute();
    const after = await dataStampOf(database.db, ['localities', 'organisations']);
    expect(after.version).not.toBe(before.version);
    expect(after.version).toMatch(/^localities:\d+\|organisations:\d+$/);
    expect(after.changedAt.getTime()).toBeGreaterThanOrEqual(started.getTime() - 1000);
    expect(after.changedAt.getTime()).toBeGreaterThan(before.changedAt.getTime());
    // Another table's change leaves them be.
    await database.db.insertInto('settings').values({ key: 'dated', value: JSON.stringify({ on: true }) }).execute();
    expect(await dataStampOf(database.db, ['localities', 'organisations'])).toEqual(after);
  });

  it('changes on TRUNCATE', async () => {
    const before = await version();
    await sql`TRUNCATE localities CASCADE`.execute(database.db);
    expect(await version()).not.toBe(before);
  });

  it.runIf(kind === 'postgresql')('is not seen by other sessions before the change commits', async () => {
    const before = await version();
    await database.db.transaction().execute(async (trx) => {
      await trx.insertInto('localities').values(place('Sévaré')).execute();
      // Another connection of the pool: the deferred trigger has not run, the data is not visible either.
      expect(await version()).toBe(before);
    });
    expect(await version()).not.toBe(before);
  });
});
