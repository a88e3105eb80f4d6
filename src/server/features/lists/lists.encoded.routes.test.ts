import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentProtocol } from '../../../shared/list-protocol.ts';
import { readHousehold, type HouseholdFields } from '../../../shared/linkage/household.ts';
import { toBase64 } from '../../../shared/linkage/pprl/bits.ts';
import { ClkEncoder, clkBytes, clkScheme } from '../../../shared/linkage/pprl/encoder.ts';
import { addDays, todayIso } from '../../../shared/phases.ts';
import { multipartFile } from '../../test/multipart.ts';
import { createTestApp, type Session, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';

const key = 'clé de l’exercice de dédoublonnage de Mopti — test';
const date = addDays(todayIso(), -30);
const families = ['Traoré', 'Coulibaly', 'Diallo', 'Maïga', 'Keïta', 'Cissé', 'Sangaré', 'Dembélé', 'Touré', 'Konaté', 'Guindo', 'Togo'];
const givens = ['Moussa', 'Fatoumata', 'Aminata', 'Oumar', 'Ibrahim', 'Hawa', 'Souleymane', 'Mariam', 'Boubacar', 'Kadiatou', 'Adama'];

/** 60 households of NRC's list; IRC's list writes the first 20 again its own way, and 20 of its own. */
const households = Array.from({ length: 80 }, (_, k) => ({
  family: families[k % families.length]!,
  given: givens[(k * 7) % givens.length]!,
  age: 20 + ((k * 13) % 55),
  phone: `7${String(6_200_000 + k * 7919).padStart(7, '0')}`,
  size: 1 + ((k * 5) % 9),
}));
const nrcRows: HouseholdFields[] = households
  .slice(0, 60)
  .map((h) => ({ familyName: h.family, givenNames: h.given, age: `${h.age} ans`, phone: `+223 ${h.phone}`, householdSize: h.size }));
const ircRows: HouseholdFields[] = [...households.slice(0, 20), ...households.slice(60)].map((h) => ({
  fullName: `${h.family.toUpperCase()} ${h.given}`,
  birthDate: String(Number(date.slice(0, 4)) - h.age),
  phone: h.phone,
  householdSize: h.size,
}));

async function encodedFile(rows: HouseholdFields[], pcodes: string[], extra: (record: Record<string, unknown>, k: number) => void = () => {}) {
  const encoder = await ClkEncoder.create(key);
  const filters = await encoder.encode(rows.map((fields) => readHousehold(fields, date).record));
  const records = filters.map((filter, k) => {
    const record: Record<string, unknown> = {
      id: String(k + 1),
      clk: toBase64(filter),
      pcode: pcodes[k % pcodes.length],
      householdSize: rows[k]!.householdSize,
      sector: 'abris_ame',
    };
    extra(record, k);
    return record;
  });
  return Buffer.from(JSON.stringify({ format: 'relais-clk', scheme: clkScheme, keyFingerprint: encoder.keyFingerprint, records }));
}

const listQuery = `title=${encodeURIComponent('Distribution AME encodée')}&purpose=deduplication&legalBasis=consent&sector=abris_ame&assistanceDate=${date}`;

describe.each(databaseKinds)('encoded lists on %s', (kind) => {
  let t: TestApp;
  let nrc: Session;
  let irc: Session;
  let coordinator: Session;
  let custodian: Session;
  let admin: Session;
  let pcodes: string[];
  let nrcFile: Buffer;

  const upload = (session: Session, content: Buffer, query = listQuery, name = 'liste.clk.json') => {
    const body = multipartFile(name, content);
    return t.request(session, { method: 'POST', url: `/api/v1/lists/encoded?${query}`, payload: body.payload, headers: body.headers });
  };
  const accept = (session: Session) =>
    t.request(session, {
      method: 'POST',
      url: '/api/v1/protocol/acceptances',
      payload: { version: currentProtocol.version, signatoryName: 'Cheffe de mission' },
    });
  const householdRows = () => t.database.db.selectFrom('list_households').select(['id', 'payload', 'clk', 'household_key', 'cluster_id', 'list_id']).execute();

  beforeAll(async () => {
    t = await createTestApp(kind);
    [nrc, coordinator, custodian, admin] = await Promise.all([t.login('partner'), t.login('coordinator'), t.login('list_custodian'), t.login('admin')]);
    irc = await t.loginWith('partner.irc@demo.relais', 'relais-demo');
    const found = await t.database.db.selectFrom('localities').select('pcode').where('pcode', 'is not', null).orderBy('pcode').limit(3).execute();
    pcodes = found.map((l) => l.pcode!);
    expect(pcodes.length).toBeGreaterThan(0);
    nrcFile = await encodedFile(nrcRows, pcodes);
  });
  afterAll(() => t.close());

  it('resolves the places a list names, for the browser to send P-codes only', async () => {
    const locality = await t.database.db.selectFrom('localities').select(['name', 'pcode']).where('pcode', '=', pcodes[0]!).executeTakeFirstOrThrow();
    const answer = await t.request(nrc, {
      method: 'POST',
      url: '/api/v1/lists/places',
      payload: { places: [{ localityName: locality.name }, { localityCode: pcodes[0] }, { localityName: 'Nullepart-sur-Niger' }] },
    });
    expect(answer.statusCode).toBe(200);
    const places = answer.json().places;
    expect(places[0]).toMatchObject({ pcode: locality.pcode, name: locality.name, problem: null });
    expect(places[1]).toMatchObject({ pcode: locality.pcode });
    expect(places[2]).toMatchObject({ pcode: null, problem: { code: expect.stringMatching(/^place_/) } });
    // Only places: a name, a phone or anything else is refused by the contract.
    expect(
      (await t.request(nrc, { method: 'POST', url: '/api/v1/lists/places', payload: { places: [{ localityName: 'Sévaré', fullName: 'Moussa Traoré' }] } }))
        .statusCode,
    ).toBe(400);
    expect((await t.request(coordinator, { method: 'POST', url: '/api/v1/lists/places', payload: { places: [{ localityName: 'Sévaré' }] } })).statusCode).toBe(
      403,
    );
  });

  it('requires the protocol, and the right to upload lists', async () => {
    const refused = await upload(nrc, nrcFile);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('protocol_not_accepted');
    expect((await upload(coordinator, nrcFile)).statusCode).toBe(403);
    expect((await accept(nrc)).statusCode).toBe(201);
    expect((await accept(irc)).statusCode).toBe(201);
  });

  it('refuses anything that looks like plain personal data, and writes nothing', async () => {
    const refusals: [Buffer, number, string, string?][] = [
      [await encodedFile(nrcRows, pcodes, (r, k) => k === 4 && (r.name = 'Moussa Traoré')), 422, 'encoded_looks_personal', 'records.5.name'],
      [await encodedFile(nrcRows, pcodes, (r, k) => k === 2 && (r.phone = '76123456')), 422, 'encoded_looks_personal', 'records.3.phone'],
      [
        await encodedFile(
          nrcRows,
          pcodes,
          (r, k) => k === 0 && (r.clk = toBase64(new TextEncoder().encode('TRAORE Moussa 76123456 NINA 12345678901234A'.padEnd(clkBytes, ' ')))),
        ),
        422,
        'encoded_looks_personal',
        'records.1.clk',
      ],
      [await encodedFile(nrcRows, pcodes, (r, k) => k === 1 && (r.clk = 'TRAORE Moussa')), 422, 'encoded_looks_personal', 'records.2.clk'],
      [await encodedFile(nrcRows, pcodes, (r, k) => k === 7 && (r.pcode = 'Sévaré, chez Moussa')), 422, 'encoded_looks_personal', 'records.8.pcode'],
      [await encodedFile(nrcRows, pcodes, (r, k) => k === 9 && (r.id = '12345678901234A')), 422, 'encoded_looks_personal', 'records.10.id'],
      [await encodedFile(nrcRows, pcodes, (r, k) => k === 3 && (r.pcode = 'ML9999999')), 422, 'encoded_locality_unknown', 'records.4.pcode'],
      [Buffer.from('Nom;Prénom;Téléphone\nTraoré;Moussa;76123456\n'), 400, 'encoded_file_invalid'],
      [
        Buffer.from(JSON.stringify({ format: 'relais-clk', scheme: 'autre-v9', keyFingerprint: '0123456789abcdef', records: [] })),
        400,
        'encoded_scheme_unknown',
      ],
    ];
    for (const [content, status, code, path] of refusals) {
      const answer = await upload(nrc, content);
      expect(answer.statusCode, code).toBe(status);
      expect(answer.json().code).toBe(code);
      if (path) expect(answer.json().errors[0].path).toBe(path);
      // The refusal names the record and the field, never the value.
      expect(answer.body).not.toContain('Moussa');
      expect(answer.body).not.toContain('76123456');
    }
    const withKeyInFile = JSON.parse(nrcFile.toString());
    withKeyInFile.key = key;
    expect((await upload(nrc, Buffer.from(JSON.stringify(withKeyInFile)))).json()).toMatchObject({ code: 'encoded_looks_personal', errors: [{ path: 'key' }] });
    expect(await t.database.db.selectFrom('beneficiary_lists').select('id').execute()).toHaveLength(0);
    expect(await householdRows()).toHaveLength(0);
  });

  it('registers the encoded list like a list, keeps each encoding encrypted, and shows no household', async () => {
    const answer = await upload(nrc, nrcFile);
    expect(answer.statusCode).toBe(201);
    const { list, households: count, alreadyUploaded } = answer.json();
    expect(count).toBe(60);
    expect(alreadyUploaded).toBe(false);
    expect(list).toMatchObject({
      encoded: true,
      organisation: { acronym: 'NRC' },
      purpose: 'deduplication',
      rowCount: 60,
      householdCount: 60,
      sectors: ['abris_ame'],
      status: 'received',
    });
    expect(list.retentionUntil > date).toBe(true);

    const rows = await householdRows();
    expect(rows).toHaveLength(60);
    const sent = JSON.parse(nrcFile.toString()).records.map((r: { clk: string }) => r.clk);
    for (const row of rows) {
      expect(row.payload).toBeNull();
      expect(row.household_key).toBeNull();
      // Encrypted under the list's data key: the encoding sent is not what is stored.
      expect(row.clk!.length).toBeGreaterThan(172);
      expect(sent.some((clk: string) => row.clk!.toString('latin1').includes(clk.slice(0, 24)))).toBe(false);
    }
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(['action', 'after'])
      .where('entity', '=', 'beneficiary_list')
      .where('entity_id', '=', list.id)
      .execute();
    expect(audit[0]).toMatchObject({ action: 'import', after: expect.objectContaining({ encoded: clkScheme, rows: 60 }) });

    const registry = (await t.request(coordinator, { method: 'GET', url: '/api/v1/lists' })).json();
    expect(registry.items.find((l: { id: string }) => l.id === list.id)).toMatchObject({ encoded: true, householdCount: 60 });
    const households = await t.request(custodian, { method: 'GET', url: `/api/v1/lists/${list.id}/households?purpose=deduplication` });
    expect(households.statusCode).toBe(409);
    expect(households.json().code).toBe('list_encoded');

    const again = await upload(nrc, nrcFile);
    expect(again.json()).toMatchObject({ alreadyUploaded: true, list: { id: list.id } });
    expect(await householdRows()).toHaveLength(60);
  });

  it('joins deduplication runs: encoded households of two organisations counted once, their overlap shown', async () => {
    const uploaded = await upload(irc, await encodedFile(ircRows, pcodes), listQuery, 'irc.clk.json');
    expect(uploaded.statusCode).toBe(201);
    const started = await t.request(custodian, { method: 'POST', url: '/api/v1/dedup/runs' });
    expect(started.statusCode).toBe(201);
    let run = started.json();
    for (let i = 0; i < 600 && run.status === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      run = (await t.request(admin, { method: 'GET', url: `/api/v1/dedup/runs/${run.id}` })).json();
    }
    expect(run).toMatchObject({ status: 'completed', lists: 2, records: 100 });
    // 60 + 40 records, 20 of them the same households: 80 households.
    expect(run.households).toBeGreaterThanOrEqual(78);
    expect(run.households).toBeLessThanOrEqual(82);

    const overlap = (await t.request(coordinator, { method: 'GET', url: '/api/v1/dedup/overlap' })).json();
    const shared = overlap.cells.find((c: { shared: number }) => c.shared > 0);
    expect(shared.shared).toBeGreaterThanOrEqual(18);
    expect(shared.shared).toBeLessThanOrEqual(21);
    const counts = (await t.request(coordinator, { method: 'GET', url: '/api/v1/dedup/households' })).json();
    expect(counts.totals.records).toBe(100);
    expect(counts.totals.households).toBe(run.households);
  });

  it('is purged like a list: its encodings go with its key, its counts stay', async () => {
    const [list] = (await t.request(custodian, { method: 'GET', url: '/api/v1/lists?pageSize=10' }))
      .json()
      .items.filter((l: { organisation: { acronym: string } }) => l.organisation.acronym === 'NRC');
    expect(
      (await t.request(nrc, { method: 'DELETE', url: `/api/v1/lists/${list.id}/personal-data`, payload: { reason: 'Fin de conservation' } })).statusCode,
    ).toBe(403);
    const purged = await t.request(custodian, { method: 'DELETE', url: `/api/v1/lists/${list.id}/personal-data`, payload: { reason: 'Fin de conservation' } });
    expect(purged.statusCode).toBe(200);
    expect(purged.json()).toMatchObject({ status: 'purged', encoded: true, householdCount: list.householdCount });
    expect((await householdRows()).filter((r) => r.list_id === list.id)).toHaveLength(0);
    const stored = await t.database.db
      .selectFrom('beneficiary_lists')
      .select(['wrapped_key', 'key_fingerprint'])
      .where('id', '=', list.id)
      .executeTakeFirstOrThrow();
    expect(stored.wrapped_key).toBeNull();
  });
});
