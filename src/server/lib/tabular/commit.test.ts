import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { databaseKinds, openTestDatabase } from '../../test/test-database.ts';
import { commitInOneTransaction } from './commit.ts';
import { defineColumns } from '../../../shared/tabular/columns.ts';
import { runImport } from './import.ts';

const columns = defineColumns([
  { key: 'n', type: 'integer', hxl: '#meta+id', header: { fr: 'Numéro', en: 'Number' }, required: true, unique: true },
  { key: 'label', type: 'text', header: { fr: 'Libellé', en: 'Label' }, required: true },
]);

function csv(count: number, bad?: number): Buffer {
  const lines = ['Numéro,Libellé'];
  for (let n = 1; n <= count; n++) lines.push(`${n},${n === bad ? '' : `Ligne ${n}`}`);
  return Buffer.from(lines.join('\n'));
}

describe.each(databaseKinds)('commitInOneTransaction on %s', (kind) => {
  let database: Database;
  // The table exists only for this test; features write through their repositories.
  let db: Kysely<{ tabular_commit_test: { n: number; label: string } }>;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    db = database.db as unknown as typeof db;
    await sql`create table tabular_commit_test (n integer primary key, label text not null)`.execute(db);
  });
  afterAll(() => database.close());
  beforeEach(async () => {
    await db.deleteFrom('tabular_commit_test').execute();
  });

  const count = async () => Number((await db.selectFrom('tabular_commit_test').select(sql<number>`count(*)`.as('c')).executeTakeFirstOrThrow()).c);

  it('writes every batch in one transaction', async () => {
    const result = await runImport({ source: { buffer: csv(2500) }, columns, language: 'fr' });
    const transactions = new Set<string>();
    const batchSizes: number[] = [];
    const written = await commitInOneTransaction(database.db, result, async (trx, batch) => {
      batchSizes.push(batch.length);
      transactions.add(String((await sql<{ id: string }>`select txid_current()::text as id`.execute(trx)).rows[0]!.id));
      await (trx as unknown as typeof db).insertInto('tabular_commit_test').values(batch.map((r) => r.values)).execute();
    });
    await result.rows.dispose();
    expect(written).toBe(2500);
    expect(batchSizes).toEqual([1000, 1000, 500]);
    expect(transactions.size).toBe(1);
    expect(await count()).toBe(2500);
  });

  it('writes nothing when any batch fails', async () => {
    await db.insertInto('tabular_commit_test').values({ n: 2400, label: 'déjà là' }).execute();
    const result = await runImport({ source: { buffer: csv(2500) }, columns, language: 'fr' });
    const attempt = commitInOneTransaction(database.db, result, async (trx, batch) => {
      await (trx as unknown as typeof db).insertInto('tabular_commit_test').values(batch.map((r) => r.values)).execute();
    });
    await expect(attempt).rejects.toThrow(/duplicate key/);
    await result.rows.dispose();
    expect(await db.selectFrom('tabular_commit_test').select(['n', 'label']).execute()).toEqual([{ n: 2400, label: 'déjà là' }]);
  });

  it('refuses a file with a refused row before writing anything', async () => {
    const result = await runImport({ source: { buffer: csv(10, 7) }, columns, language: 'fr' });
    let calls = 0;
    const attempt = commitInOneTransaction(database.db, result, async () => {
      calls++;
    });
    await expect(attempt).rejects.toMatchObject({ code: 'import_invalid', status: 422, extra: { report: { valid: 9, invalid: 1 } } });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await result.rows.dispose();
    expect(calls).toBe(0);
    expect(await count()).toBe(0);
  });
});
