import { PassThrough } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentProtocol } from '../../../shared/list-protocol.ts';
import { addDays, todayIso } from '../../../shared/phases.ts';
import { seededRandom } from '../../demo/random.ts';
import { writeTable } from '../../lib/tabular/index.ts';
import { ImportStaging } from '../../lib/tabular/staging.ts';
import { countStaged } from '../../lib/tabular/staging.repository.ts';
import { listsRepository, stagedHouseholdKind } from './lists.repository.ts';
import { multipartFile } from '../../test/multipart.ts';
import { createTestApp, type Session, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';
import { generateHousehold, partnerLayout, partnerRow } from './demo-households.ts';

const date = addDays(todayIso(), -20);

/** A list in a partner's own layout (CSV), `rows` households, generated from `seed`; `badLast` names an unknown place in its last row. */
async function listFile(seed: number, rows: number, badLast = false): Promise<Buffer> {
  const random = seededRandom(seed);
  const households = Array.from({ length: rows }, () => partnerRow(generateHousehold(random, ['Sévaré', 'Mopti', 'Bandiagara'], date).row));
  if (badLast) households[rows - 1] = { ...households[rows - 1], localityName: 'Nulle-Part-Du-Tout' };
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeTable(out, { format: 'csv', columns: partnerLayout, rows: households as never, language: 'fr' });
  return Buffer.concat(chunks);
}

async function waitFor(condition: () => Promise<boolean>, what: string): Promise<void> {
  const until = Date.now() + 120_000;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`waited too long for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * A list's commit stages its households (encrypted, hashed) in short statements while the file is
 * read, then applies them in one short transaction: other requests go on during the upload (the
 * embedded store has a single connection), readers see none of the list or all of it, and a
 * failure leaves nothing behind, not even in the staging.
 */
describe.each(databaseKinds)('beneficiary list upload staged then applied on %s', (kind) => {
  let t: TestApp;
  let partner: Session;

  beforeAll(async () => {
    t = await createTestApp(kind);
    partner = await t.login('partner');
    const accepted = await t.request(partner, {
      method: 'POST',
      url: '/api/v1/protocol/acceptances',
      payload: { version: currentProtocol.version, signatoryName: 'Chef de mission' },
    });
    expect(accepted.statusCode).toBe(201);
  });
  afterAll(() => t.close());

  const upload = (title: string, file: Buffer) => {
    const body = multipartFile('liste.csv', file);
    const query = `title=${encodeURIComponent(title)}&purpose=coverage&legalBasis=consent&sector=abris_ame&assistanceDate=${date}&dryRun=false`;
    return t.request(partner, { method: 'POST', url: `/api/v1/lists?${query}`, payload: body.payload, headers: { ...body.headers, 'accept-language': 'fr' } });
  };
  const households = async (title: string) =>
    Number(
      (
        await t.database.db
          .selectFrom('list_households as h')
          .innerJoin('beneficiary_lists as l', 'l.id', 'h.list_id')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('l.title', '=', title)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const listsTitled = async (title: string) =>
    Number(
      (
        await t.database.db
          .selectFrom('beneficiary_lists')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('title', '=', title)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const importAudits = async (title: string) =>
    Number(
      (
        await t.database.db
          .selectFrom('audit_events')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('entity', '=', 'beneficiary_list')
          .where('action', '=', 'import')
          .where(sql<boolean>`after->>'title' = ${title}`)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('answers other requests while a large list is being written, and they see none of it until all of it', async () => {
    const rows = 4000;
    const file = await listFile(11, rows);
    const events: string[] = [];
    const uploading = upload('Grande liste', file).finally(() => events.push('upload'));
    // The upload has checked, sealed and staged its first households: it is writing, not finished.
    await waitFor(async () => (await countStaged(t.database.db)) > 0 || events.length > 0, 'the first staged batch');
    expect(events).toEqual([]);
    const read = await t.request(partner, { method: 'GET', url: '/api/v1/lists?pageSize=5' });
    events.push('read');
    expect(read.statusCode).toBe(200);
    expect(read.json().items.map((l: { title: string }) => l.title)).not.toContain('Grande liste');

    const seen: number[] = [];
    // A pause between reads lets the upload's file reading (I/O callbacks) go on, as between requests.
    while (events.length < 2) {
      seen.push(await households('Grande liste'));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const answer = await uploading;
    expect(answer.statusCode, answer.body.slice(0, 300)).toBe(200);
    expect(answer.json()).toMatchObject({ committed: true, plan: { create: rows, refused: 0 }, list: { rowCount: rows } });
    expect(answer.json().outcomes).toHaveLength(1000);
    expect(events).toEqual(['read', 'upload']);
    // Every count read while the upload ran is none or all of it.
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((n) => n !== 0 && n !== rows)).toEqual([]);
    expect(await households('Grande liste')).toBe(rows);
    expect(await importAudits('Grande liste')).toBe(1);
    expect(await countStaged(t.database.db)).toBe(0);
  }, 240_000);

  it('checks the places of the staged households set-based before writing them without row-by-row reference checks', async () => {
    const { db } = t.database;
    const locality = await db.selectFrom('localities').select('id').where('name', '=', 'Sévaré').executeTakeFirstOrThrow();
    const gone = async (localityId: string) => {
      const staging = new ImportStaging(db);
      await staging.stage(stagedHouseholdKind, [{ id: crypto.randomUUID(), row: 2, locality: localityId }]);
      try {
        return await db.transaction().execute((trx) => listsRepository(db).stagedHouseholdPlacesGone(trx, staging.id));
      } finally {
        await staging.discard();
      }
    };
    expect(await gone(locality.id)).toBe(false);
    expect(await gone(crypto.randomUUID())).toBe(true);
  });

  it('leaves nothing when the apply fails: no list, no household, no audit row, no staged batch; the same file then goes through', async () => {
    const file = await listFile(12, 1500);
    // The list's own audit row is the last thing the apply writes: make it fail there.
    await sql`
      CREATE FUNCTION fail_list_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit refused'; END $$`.execute(t.database.db);
    await sql`CREATE TRIGGER fail_list_audit BEFORE INSERT ON audit_events FOR EACH ROW WHEN (NEW.entity = 'beneficiary_list' AND NEW.action = 'import') EXECUTE FUNCTION fail_list_audit()`.execute(
      t.database.db,
    );
    try {
      const answer = await upload('Liste en échec', file);
      expect(answer.statusCode).toBe(500);
      expect(answer.body).not.toMatch(/audit refused/);
    } finally {
      await sql`DROP TRIGGER fail_list_audit ON audit_events`.execute(t.database.db);
      await sql`DROP FUNCTION fail_list_audit()`.execute(t.database.db);
    }
    expect(await listsTitled('Liste en échec')).toBe(0);
    expect(await households('Liste en échec')).toBe(0);
    expect(await importAudits('Liste en échec')).toBe(0);
    expect(await countStaged(t.database.db)).toBe(0);

    // The same file goes through once the fault is gone: it was not recorded as uploaded.
    const again = await upload('Liste en échec', file);
    expect(again.statusCode, again.body.slice(0, 300)).toBe(200);
    expect(again.json()).toMatchObject({ committed: true, alreadyUploaded: false, plan: { create: 1500 } });
    expect(await households('Liste en échec')).toBe(1500);
    expect(await countStaged(t.database.db)).toBe(0);
  }, 240_000);

  it('stages nothing that stays when a row is refused: the file is refused whole, row by row', async () => {
    const answer = await upload('Liste refusée', await listFile(13, 2500, true));
    expect(answer.statusCode).toBe(422);
    const report = answer.json().report;
    expect(report).toMatchObject({ committed: false, valid: 2499, invalid: 1, plan: { create: 2499, refused: 1 }, outcomesTruncated: true });
    expect(report.outcomes).toHaveLength(1000);
    expect(report.issues.filter((i: { severity: string }) => i.severity === 'error').map((i: { row: number; column: string }) => [i.row, i.column])).toEqual([
      [2501, 'localityName'],
    ]);
    expect(await listsTitled('Liste refusée')).toBe(0);
    expect(await countStaged(t.database.db)).toBe(0);
  }, 240_000);
});
