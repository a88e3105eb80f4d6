import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStaged } from '../../lib/tabular/staging.repository.ts';
import { createTestApp, type Session, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';
import { multipartFile } from '../../test/multipart.ts';

/** A 5W CSV of `rows` health records in Sévaré, activities `${prefix} 1…n`. */
function csvOf(prefix: string, rows: number): string {
  const lines = ['Sector,Activity,Locality,Status,Start date,Households targeted'];
  for (let i = 1; i <= rows; i++) lines.push(`Health,${prefix} ${i},Sevare,Ongoing,2026-03-01,${100 + i}`);
  return `${lines.join('\n')}\n`;
}

/**
 * A commit right after its preview writes what the preview checked and staged, instead of reading
 * and checking the file again; whenever that work may no longer hold (another file, other
 * options, names resolved against changed references, records changed meanwhile) the file is
 * read again, as without a preview.
 */
describe.each(databaseKinds)('5W commit after its preview on %s', (kind) => {
  let t: TestApp;
  let partner: Session;

  beforeAll(async () => {
    t = await createTestApp(kind);
    partner = await t.login('partner');
  });
  afterAll(() => t.close());

  const upload = (csv: string, dryRun: boolean, period = '2026-03') => {
    const body = multipartFile('5w.csv', csv);
    return t.request(partner, {
      method: 'POST',
      url: `/api/v1/responses/import?dryRun=${dryRun}&period=${period}`,
      payload: body.payload,
      headers: { ...body.headers, 'accept-language': 'en' },
    });
  };
  const recordsOf = (prefix: string) =>
    t.database.db
      .selectFrom('response_records')
      .select(['id', 'activity', 'import_id', 'households_targeted', 'version'])
      .where('activity', 'like', `${prefix} %`)
      .execute();
  const stagedImports = async () => (await t.database.db.selectFrom('import_staging').select('import_id').distinct().execute()).map((r) => r.import_id);

  it('writes what its preview checked and staged: the same import, its new records’ ids shown only once written', async () => {
    const csv = csvOf('Kept', 120);
    const preview = await upload(csv, true);
    expect(preview.statusCode, preview.body.slice(0, 300)).toBe(200);
    expect(preview.json()).toMatchObject({ dryRun: true, committed: false, canCommit: true, plan: { create: 120 } });
    // Nothing is written, and no record id is shown before it exists.
    expect(preview.json().outcomes.filter((o: { id: string | null }) => o.id !== null)).toEqual([]);
    expect(await recordsOf('Kept')).toEqual([]);
    const [kept] = await stagedImports();
    expect(kept).toBeDefined();

    const commit = await upload(csv, false);
    expect(commit.statusCode, commit.body.slice(0, 300)).toBe(200);
    expect(commit.json()).toMatchObject({ committed: true, plan: { create: 120, update: 0, unchanged: 0 } });
    const records = await recordsOf('Kept');
    expect(records).toHaveLength(120);
    // Written from the preview's staging: the records carry the preview's import id.
    expect(new Set(records.map((r) => r.import_id))).toEqual(new Set([kept]));
    const ids = new Set(records.map((r) => r.id));
    expect(commit.json().outcomes.every((o: { id: string }) => ids.has(o.id))).toBe(true);
    expect(await countStaged(t.database.db)).toBe(0);
    // The import is audited once, by the commit's request.
    const audits = await t.database.db
      .selectFrom('audit_events')
      .select('request_id')
      .where('entity', '=', 'response_import')
      .where('after', '@>', { rows: 120 })
      .execute();
    expect(audits).toHaveLength(1);
  });

  it('reads the file again when the commit is not of the previewed file or options, and deletes the preview’s staging', async () => {
    const previewed = await upload(csvOf('Other', 30), true);
    expect(previewed.statusCode).toBe(200);
    const [kept] = await stagedImports();

    // Another file: its own rows, not the preview's.
    const commit = await upload(csvOf('Another', 20), false);
    expect(commit.statusCode, commit.body.slice(0, 300)).toBe(200);
    expect(commit.json()).toMatchObject({ committed: true, plan: { create: 20 } });
    expect(await recordsOf('Other')).toEqual([]);
    expect((await recordsOf('Another')).map((r) => r.import_id)).not.toContain(kept);
    expect(await countStaged(t.database.db)).toBe(0);

    // The same file for another month: checked again for that month.
    const csv = csvOf('Month', 10);
    expect((await upload(csv, true, '2026-03')).statusCode).toBe(200);
    const april = await upload(csv, false, '2026-04');
    expect(april.statusCode, april.body.slice(0, 300)).toBe(200);
    const periods = await t.database.db.selectFrom('responses').select('period').distinct().where('activity', 'like', 'Month %').execute();
    expect(periods.map((p) => String(p.period))).toEqual([expect.stringMatching(/2026-04/)]);
  });

  it('keeps nothing of a preview with a refused row', async () => {
    const bad = `${csvOf('Refused', 5)}Health,Refused 6,Nowhere-at-all,Ongoing,2026-03-01,10\n`;
    const preview = await upload(bad, true);
    expect(preview.json()).toMatchObject({ canCommit: false, invalid: 1 });
    expect(await countStaged(t.database.db)).toBe(0);
  });

  it('reads the file again when records under its keys changed since the preview, and writes what the file says of them now', async () => {
    const csv = csvOf('Changed', 40);
    expect((await upload(csv, true)).statusCode).toBe(200);
    const [kept] = await stagedImports();
    // Meanwhile the partner enters by hand the record the file's first row describes.
    const locality = await t.database.db.selectFrom('localities').select('id').where('name', '=', 'Sévaré').executeTakeFirstOrThrow();
    const created = await t.request(partner, {
      method: 'POST',
      url: '/api/v1/responses',
      payload: {
        period: '2026-03',
        sector: 'sante',
        activity: 'Changed 1',
        localityId: locality.id,
        status: 'ongoing',
        startDate: '2026-03-01',
        householdsTargeted: 5,
      },
    });
    expect(created.statusCode, created.body).toBe(201);

    const commit = await upload(csv, false);
    expect(commit.statusCode, commit.body.slice(0, 300)).toBe(200);
    // Checked again: the first row now updates that record instead of creating a second one.
    expect(commit.json()).toMatchObject({ committed: true, plan: { create: 39, update: 1 } });
    const records = await recordsOf('Changed');
    expect(records).toHaveLength(40);
    const first = records.find((r) => r.activity === 'Changed 1')!;
    expect(first).toMatchObject({ id: created.json().id, households_targeted: 101, version: 2 });
    expect(records.map((r) => r.import_id)).not.toContain(kept);
    expect(await countStaged(t.database.db)).toBe(0);
    expect(await t.database.db.selectFrom('pending_imports').selectAll().execute()).toEqual([]);
  });

  it('reads the file again when an organisation, place or alert changed since the preview', async () => {
    const csv = csvOf('Renamed', 15);
    expect((await upload(csv, true)).statusCode).toBe(200);
    const [kept] = await stagedImports();
    await t.database.db.updateTable('localities').set({ name: 'Sévaré' }).where('name', '=', 'Sévaré').execute();
    const commit = await upload(csv, false);
    expect(commit.statusCode, commit.body.slice(0, 300)).toBe(200);
    expect(commit.json()).toMatchObject({ committed: true, plan: { create: 15 } });
    expect((await recordsOf('Renamed')).map((r) => r.import_id)).not.toContain(kept);
    expect(await countStaged(t.database.db)).toBe(0);
  });
});
