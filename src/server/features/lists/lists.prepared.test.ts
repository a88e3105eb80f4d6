import { PassThrough } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentProtocol } from '../../../shared/list-protocol.ts';
import { addDays, todayIso } from '../../../shared/phases.ts';
import { seededRandom } from '../../demo/random.ts';
import { writeTable } from '../../lib/tabular/index.ts';
import { ImportStaging } from '../../lib/tabular/staging.ts';
import { countStaged } from '../../lib/tabular/staging.repository.ts';
import { multipartFile } from '../../test/multipart.ts';
import { createTestApp, type Session, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';
import { generateHousehold, partnerLayout, partnerRow } from './demo-households.ts';
import { preparedUploads } from './lists.prepared.ts';

const date = addDays(todayIso(), -20);

/** A list in a partner's own layout (CSV) of `rows` generated households, with the households generated; `badLast` names an unknown place in its last row. */
async function listFile(seed: number, rows: number, badLast = false) {
  const random = seededRandom(seed);
  const households = Array.from({ length: rows }, () => generateHousehold(random, ['Sévaré', 'Mopti', 'Bandiagara'], date));
  const written = households.map((h) => partnerRow(h.row));
  if (badLast) written[rows - 1] = { ...written[rows - 1], localityName: 'Nulle-Part-Du-Tout' };
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeTable(out, { format: 'csv', columns: partnerLayout, rows: written as never, language: 'fr' });
  return { file: Buffer.concat(chunks), households };
}

/**
 * A preview keeps its checked, encrypted and staged upload for the commit of the same file by the
 * same user with the same fields, so the commit neither reads nor encrypts the file again; what is
 * kept is ciphertext and keyed hashes, and it is deleted when not taken.
 */
describe.each(databaseKinds)('a list preview prepared for its commit on %s', (kind) => {
  let t: TestApp;
  let partner: Session;
  let irc: Session;
  let custodian: Session;

  beforeAll(async () => {
    t = await createTestApp(kind);
    partner = await t.login('partner');
    irc = await t.loginWith('partner.irc@demo.relais', 'relais-demo');
    custodian = await t.login('list_custodian');
    for (const session of [partner, irc]) {
      const accepted = await t.request(session, {
        method: 'POST',
        url: '/api/v1/protocol/acceptances',
        payload: { version: currentProtocol.version, signatoryName: 'Chef de mission' },
      });
      expect(accepted.statusCode).toBe(201);
    }
  });
  afterAll(() => t.close());

  const upload = (session: Session, title: string, file: Buffer, dryRun: boolean) => {
    const body = multipartFile('liste.csv', file);
    const query = `title=${encodeURIComponent(title)}&purpose=coverage&legalBasis=consent&sector=abris_ame&assistanceDate=${date}&dryRun=${dryRun}`;
    return t.request(session, { method: 'POST', url: `/api/v1/lists?${query}`, payload: body.payload, headers: body.headers });
  };
  const stagedText = async () =>
    (await sql<{ text: string }>`SELECT coalesce(string_agg(items::text, ''), '') AS text FROM import_staging`.execute(t.database.db)).rows[0]!.text;
  /** Makes any new staged batch fail: a commit that still goes through staged nothing. */
  async function withStagingRefused<T>(work: () => Promise<T>): Promise<T> {
    await sql`CREATE FUNCTION refuse_staging() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'staging refused'; END $$`.execute(t.database.db);
    await sql`CREATE TRIGGER refuse_staging BEFORE INSERT ON import_staging FOR EACH ROW EXECUTE FUNCTION refuse_staging()`.execute(t.database.db);
    try {
      return await work();
    } finally {
      await sql`DROP TRIGGER refuse_staging ON import_staging`.execute(t.database.db);
      await sql`DROP FUNCTION refuse_staging()`.execute(t.database.db);
    }
  }

  it('commits what the preview staged without staging again, every household readable by its owner and found by the custodian; the staging held no name or phone', async () => {
    const { file, households } = await listFile(21, 1200);
    const preview = await upload(partner, 'Liste préparée', file, true);
    expect(preview.statusCode, preview.body.slice(0, 300)).toBe(200);
    expect(preview.json()).toMatchObject({ dryRun: true, committed: false, canCommit: true, valid: 1200, plan: { create: 1200 } });
    expect(await countStaged(t.database.db)).toBeGreaterThan(0);
    const staged = await stagedText();
    for (const h of households.slice(0, 50)) {
      expect(staged).not.toContain(h.phone);
      expect(staged).not.toContain(h.row.fullName);
    }

    const committed = await withStagingRefused(() => upload(partner, 'Liste préparée', file, false));
    expect(committed.statusCode, committed.body.slice(0, 300)).toBe(200);
    const result = committed.json();
    expect(result).toMatchObject({ committed: true, plan: { create: 1200, refused: 0 }, list: { rowCount: 1200 } });
    expect(await countStaged(t.database.db)).toBe(0);

    const page = await t.request(partner, { method: 'GET', url: `/api/v1/lists/${result.list.id}/households?purpose=coverage&pageSize=100` });
    expect(page.statusCode).toBe(200);
    const shown = page.json().items as { row: number; headName: string | null; phones: string[] }[];
    expect(shown).toHaveLength(100);
    for (const h of shown) {
      const source = households[h.row - 2]!;
      expect(h.headName).not.toBeNull();
      expect(source.row.fullName?.toLowerCase()).toContain(h.headName!.split(' ').at(-1)!.toLowerCase());
      expect(source.phone.replace(/\D/g, '')).toContain(h.phones[0]);
    }

    // Past the first 1000 rows the households were sealed in a worker thread: readable, and found by the same keyed hashes.
    const last = await t.request(partner, { method: 'GET', url: `/api/v1/lists/${result.list.id}/households?purpose=coverage&pageSize=100&page=12` });
    const lastShown = last.json().items as { row: number; nina: string | null; phones: string[] }[];
    expect(lastShown.map((h) => h.row)).toEqual(Array.from({ length: 100 }, (_, i) => 1102 + i));
    for (const h of lastShown) expect(households[h.row - 2]!.phone.replace(/\D/g, '')).toContain(h.phones[0]);
    const person = households.slice(1100).find((h) => h.row.nina)!;
    const found = await t.request(custodian, {
      method: 'POST',
      url: '/api/v1/lists/person-search',
      payload: { purpose: 'access_request', nina: person.row.nina },
    });
    expect(found.statusCode).toBe(200);
    expect(found.json().matches.map((m: { row: number }) => m.row)).toContain(households.indexOf(person) + 2);

    const again = await upload(partner, 'Liste préparée', file, false);
    expect(again.json()).toMatchObject({ alreadyUploaded: true, committed: false, list: { id: result.list.id } });
  }, 120_000);

  it('does not take a preview made with other fields or by another user, and deletes what it does not take', async () => {
    const { file } = await listFile(22, 800);
    expect((await upload(partner, 'Titre de l’aperçu', file, true)).json()).toMatchObject({ canCommit: true });
    expect(await countStaged(t.database.db)).toBeGreaterThan(0);

    // Another organisation commits the same file: its own upload, the partner's preview left alone.
    const other = await withStagingRefused(() => upload(irc, 'Titre de l’aperçu', file, false));
    expect(other.statusCode).toBe(500);
    expect(other.body).not.toMatch(/staging refused/);
    expect(await countStaged(t.database.db)).toBeGreaterThan(0);

    // Another title: the preview is not the commit's; the commit reads the file itself and the preview's staging is deleted.
    const committed = await upload(partner, 'Un autre titre', file, false);
    expect(committed.statusCode, committed.body.slice(0, 300)).toBe(200);
    expect(committed.json()).toMatchObject({ committed: true, list: { title: 'Un autre titre', rowCount: 800 } });
    expect(await countStaged(t.database.db)).toBe(0);
  }, 120_000);

  it('keeps a preview with a refused row nowhere, and deletes a kept preview once its time is up', async () => {
    const { file: bad } = await listFile(23, 300, true);
    const refused = await upload(partner, 'Liste refusée', bad, true);
    expect(refused.json()).toMatchObject({ canCommit: false, invalid: 1 });
    expect(await countStaged(t.database.db)).toBe(0);

    const prepared = preparedUploads(30);
    const staging = new ImportStaging(t.database.db);
    await staging.stage('household', [{ id: 'x' }]);
    const key = Buffer.alloc(32, 7);
    await prepared.keep('user', { fingerprint: 'f', staging, dataKey: { key, wrapped: Buffer.alloc(60) }, result: null as never, outcomes: [] });
    expect(await countStaged(t.database.db, staging.id)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(prepared.size).toBe(0);
    expect(await countStaged(t.database.db, staging.id)).toBe(0);
    expect(key.equals(Buffer.alloc(32))).toBe(true);
    expect(await prepared.take('user', 'f')).toBeNull();
  }, 120_000);
});
