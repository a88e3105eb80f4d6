import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentProtocol } from '../../../shared/list-protocol.ts';
import { addDays, todayIso } from '../../../shared/phases.ts';
import { seededRandom } from '../../demo/random.ts';
import { type ColumnSpec, writeTable } from '../../lib/tabular/index.ts';
import { multipartFile } from '../../test/multipart.ts';
import { createTestApp, type Session, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';
import { generateHousehold, partnerLayout, partnerRow } from './demo-households.ts';
import { listsRepository } from './lists.repository.ts';

async function workbook(rows: Record<string, unknown>[], columns: readonly ColumnSpec[] = partnerLayout): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeTable(out, { format: 'xlsx', columns, rows: rows as never, language: 'fr', hxlRow: false, sheetName: 'Liste' });
  return Buffer.concat(chunks);
}

const date = addDays(todayIso(), -20);
const random = seededRandom(7);
const generated = Array.from({ length: 30 }, () => generateHousehold(random, ['Sévaré', 'Mopti', 'Bandiagara'], date));
const listQuery = (extra = '') =>
  `title=${encodeURIComponent('Distribution AME Sévaré')}&purpose=coverage&legalBasis=consent&sector=abris_ame&assistanceDate=${date}${extra}`;

describe.each(databaseKinds)('beneficiary lists on %s', (kind) => {
  let t: TestApp;
  let partner: Session;
  let irc: Session;
  let coordinator: Session;
  let regional: Session;
  let custodian: Session;
  let viewer: Session;
  let listId: string;
  let file: Buffer;

  beforeAll(async () => {
    t = await createTestApp(kind);
    [partner, coordinator, regional, custodian, viewer] = await Promise.all([t.login('partner'), t.login('coordinator'), t.login('regional_coordinator'), t.login('list_custodian'), t.login('viewer')]);
    irc = await t.loginWith('partner.irc@demo.relais', 'relais-demo');
    file = await workbook(generated.map((g) => partnerRow(g.row)));
  });
  afterAll(() => t.close());

  const upload = (session: Session, query: string, content: Buffer, name = 'liste-nrc.xlsx') => {
    const body = multipartFile(name, content);
    return t.request(session, { method: 'POST', url: `/api/v1/lists?${query}`, payload: body.payload, headers: body.headers });
  };
  const accept = (session: Session) => t.request(session, { method: 'POST', url: '/api/v1/protocol/acceptances', payload: { version: currentProtocol.version, signatoryName: 'Chef de mission' } });

  it('shows the protocol to everyone signed in, as a page and a PDF, and requires its acceptance before an upload', async () => {
    const protocol = (await t.request(viewer, { method: 'GET', url: '/api/v1/protocol' })).json();
    expect(protocol).toMatchObject({ version: currentProtocol.version, ownAcceptance: null, defaultRetentionMonths: 24 });
    expect(protocol.fields.find((f: { field: string }) => f.field === 'nina')).toMatchObject({ sensitivity: 'personal' });
    // The encoded mode is explained: what leaves the device, the key's custody, the risks that remain.
    const encodedMode = (protocol.encodedMode as { fr: string; en: string }[]).map((p) => p.en).join(' ');
    expect(encodedMode).toMatch(/No name, phone or NINA leaves the device/);
    expect(encodedMode).toMatch(/Key custody/);
    expect(encodedMode).toMatch(/Risks that remain/);
    const pdf = await t.request(partner, { method: 'GET', url: '/api/v1/protocol/pdf?lang=fr' });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const refused = await upload(partner, listQuery('&dryRun=true'), file);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('protocol_not_accepted');
    expect((await accept(coordinator)).statusCode).toBe(403);
    const accepted = await accept(partner);
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json()).toMatchObject({ organisation: { acronym: 'NRC' }, signatoryName: 'Chef de mission', version: currentProtocol.version });
    expect((await t.request(custodian, { method: 'GET', url: '/api/v1/protocol' })).json().acceptances.map((a: { organisation: { acronym: string } }) => a.organisation.acronym)).toEqual(['NRC']);
  });

  it('previews a partner’s own layout row by row, then commits it all encrypted; the same file again changes nothing', async () => {
    const preview = await upload(partner, listQuery('&dryRun=true'), file);
    expect(preview.statusCode).toBe(200);
    const report = preview.json();
    expect(report).toMatchObject({ dryRun: true, committed: false, canCommit: true, rows: 30, valid: 30, list: null, plan: { create: 30 } });
    expect(report.columns.map((c: { key: string }) => c.key)).toEqual(expect.arrayContaining(['fullName', 'sex', 'age', 'phone', 'nina', 'householdSize', 'status', 'localityName', 'assistanceDate']));
    expect(report.outcomes[0].label).toMatch(/— Abris/);
    expect(await t.database.db.selectFrom('list_households').select('id').execute()).toHaveLength(0);

    const committed = await upload(partner, listQuery('&dryRun=false'), file);
    expect(committed.statusCode).toBe(200);
    const result = committed.json();
    expect(result).toMatchObject({ committed: true, list: { organisation: { acronym: 'NRC' }, rowCount: 30, status: 'received', protocolVersion: currentProtocol.version } });
    listId = result.list.id;
    expect(result.list.householdCount).toBeLessThanOrEqual(30);
    expect(result.list.localities.map((l: { name: string }) => l.name).sort()).toEqual(expect.arrayContaining(['Sévaré']));

    const stored = await t.database.db.selectFrom('list_households').select(['payload', 'nina_index', 'household_key']).where('list_id', '=', listId).execute();
    expect(stored).toHaveLength(30);
    const bytes = Buffer.concat(stored.map((s) => s.payload!)).toString('latin1');
    // Whole values: a 3-letter surname ("Bah") turns up by chance in 10 KB of ciphertext read as text (it did, once).
    for (const g of generated) {
      expect(bytes).not.toContain(g.phone);
      expect(bytes).not.toContain(g.row.fullName!);
    }

    const again = await upload(partner, listQuery('&dryRun=false'), file);
    expect(again.json()).toMatchObject({ alreadyUploaded: true, committed: false, list: { id: listId }, plan: { unchanged: 30, create: 0 } });
    expect(await t.database.db.selectFrom('beneficiary_lists').select('id').execute()).toHaveLength(1);
  });

  it('refuses a file with bad rows whole, saying which row and column without echoing the value', async () => {
    const bad = [
      { ...partnerRow(generated[0]!.row), phone: '12 34' },
      { ...partnerRow(generated[1]!.row), localityName: 'Sevarre' },
      { ...partnerRow(generated[2]!.row), fullName: null },
    ];
    const response = await upload(partner, listQuery('&dryRun=false'), await workbook(bad), 'autre.xlsx');
    expect(response.statusCode).toBe(422);
    const report = response.json().report;
    expect(report.errors).toBe(3);
    const issues = report.issues.filter((i: { row: number | null }) => i.row !== null);
    expect(issues.map((i: { row: number; column: string; code: string }) => [i.row, i.column, i.code])).toEqual([
      [2, 'phone', 'phone_invalid'],
      [3, 'localityName', 'place_did_you_mean'],
      [4, 'fullName', 'household_name_missing'],
    ]);
    expect(issues[0].value).toBeNull();
    expect(issues[1].suggestions).toContain('Sévaré');
    expect(response.body).not.toContain('12 34');
    expect(await t.database.db.selectFrom('beneficiary_lists').select('id').execute()).toHaveLength(1);
  });

  it('remembers a column mapped once for the organisation’s next uploads', async () => {
    const odd = partnerLayout.map((c) => (c.key === 'fullName' ? { ...c, header: { fr: 'Responsable du foyer', en: 'Responsable du foyer' } } : c));
    const content = await workbook(generated.slice(0, 3).map((g) => partnerRow(g.row)), odd);
    const before = (await upload(partner, listQuery('&dryRun=true'), content, 'foyer.xlsx')).json();
    expect(before.unknownColumns.map((c: { header: string }) => c.header)).toContain('Responsable du foyer');
    expect(before.canCommit).toBe(false);
    const saved = await t.request(partner, { method: 'PUT', url: '/api/v1/lists/column-mappings', payload: { mappings: [{ header: 'Responsable du foyer', column: 'fullName' }] } });
    expect(saved.json().mappings).toEqual([{ header: 'Responsable du foyer', column: 'fullName' }]);
    const after = (await upload(partner, listQuery('&dryRun=true'), content, 'foyer.xlsx')).json();
    expect(after).toMatchObject({ canCommit: true, valid: 3 });
    expect((await t.request(irc, { method: 'GET', url: '/api/v1/lists/column-mappings' })).json().mappings).toEqual([]);
  });

  it('shows coordinators the registry and counts, never a name; households to the custodian and the owner only, for a stated, audited purpose', async () => {
    for (const session of [coordinator, regional, irc]) {
      const page = await t.request(session, { method: 'GET', url: '/api/v1/lists' });
      expect(page.json()).toMatchObject({ total: 1, items: [{ id: listId, rowCount: 30 }] });
      const detail = await t.request(session, { method: 'GET', url: `/api/v1/lists/${listId}` });
      expect(detail.json().coverage.length).toBeGreaterThan(0);
      for (const g of generated) expect(page.body + detail.body).not.toContain(g.row.fullName!.split(' ')[1]!);
      expect((await t.request(session, { method: 'GET', url: `/api/v1/lists/${listId}/households?purpose=coverage` })).statusCode).toBe(403);
    }
    expect((await t.request(viewer, { method: 'GET', url: '/api/v1/lists' })).statusCode).toBe(403);
    // Another partner knows the list exists and how big it is (to ask for it), never what it holds.
    const seen = await t.request(irc, { method: 'GET', url: `/api/v1/lists/${listId}` });
    expect(seen.json()).toMatchObject({ id: listId, rowCount: 30 });
    for (const g of generated) expect(seen.body).not.toContain(g.phone);
    expect((await t.request(irc, { method: 'GET', url: `/api/v1/lists/${listId}/households?purpose=coverage` })).statusCode).toBe(403);
    expect((await t.request(custodian, { method: 'GET', url: `/api/v1/lists/${listId}/households` })).statusCode).toBe(400);

    const households = await t.request(custodian, { method: 'GET', url: `/api/v1/lists/${listId}/households?purpose=deduplication&pageSize=100` });
    expect(households.statusCode).toBe(200);
    const first = households.json().items[0];
    const source = generated[0]!;
    expect(first.row).toBe(2);
    expect(first.phones).toEqual([source.phone]);
    expect(first.headName.toLowerCase()).toContain(source.row.fullName!.split(' ')[1]!.toLowerCase());
    expect(first.locality.name).toBe(source.row.localityName);
    expect((await t.request(partner, { method: 'GET', url: `/api/v1/lists/${listId}/households?purpose=follow_up` })).statusCode).toBe(200);

    const audit = await t.database.db.selectFrom('audit_events').select(['action', 'actor_id', 'after']).where('entity', '=', 'beneficiary_list').where('action', '=', 'read_personal').orderBy('id').execute();
    expect(audit.map((a) => [a.actor_id, (a.after as { purpose: string }).purpose])).toEqual([
      [custodian.userId, 'deduplication'],
      [partner.userId, 'follow_up'],
    ]);
    expect(JSON.stringify(audit)).not.toContain(source.phone);
  });

  it('finds one person across lists for a rights request, by NINA or by name and phone, for the custodian only', async () => {
    const withNina = generated.find((g) => g.row.nina)!;
    const byNina = await t.request(custodian, { method: 'POST', url: '/api/v1/lists/person-search', payload: { purpose: 'access_request', nina: withNina.nina } });
    expect(byNina.json().matches).toHaveLength(1);
    expect(byNina.json().matches[0]).toMatchObject({ nina: withNina.nina, list: { id: listId } });
    const spelledOtherwise = withNina.row.fullName!.split(' ').reverse().join(' ');
    const byName = await t.request(custodian, { method: 'POST', url: '/api/v1/lists/person-search', payload: { purpose: 'erasure_request', name: spelledOtherwise, phone: `+223 ${withNina.phone}` } });
    expect(byName.json().matches.map((m: { nina: string }) => m.nina)).toContain(withNina.nina);
    expect((await t.request(custodian, { method: 'POST', url: '/api/v1/lists/person-search', payload: { purpose: 'access_request', name: 'Moussa' } })).statusCode).toBe(400);
    expect((await t.request(partner, { method: 'POST', url: '/api/v1/lists/person-search', payload: { purpose: 'access_request', nina: withNina.nina } })).statusCode).toBe(403);
    expect((await t.request(coordinator, { method: 'POST', url: '/api/v1/lists/person-search', payload: { purpose: 'access_request', nina: withNina.nina } })).statusCode).toBe(403);
  });

  it('shares under an agreement: request, custodian decision, owner told, extract limited to the agreed fields until the end', async () => {
    const request = { listId, purpose: 'deduplication', justification: 'Éviter la double assistance à Sévaré', fields: ['headName', 'phones'], from: addDays(todayIso(), -1), to: addDays(todayIso(), 30) };
    expect((await t.request(partner, { method: 'POST', url: '/api/v1/sharing-requests', payload: request })).json().code).toBe('sharing_own_list');
    expect((await t.request(coordinator, { method: 'POST', url: '/api/v1/sharing-requests', payload: request })).statusCode).toBe(403);
    const created = await t.request(irc, { method: 'POST', url: '/api/v1/sharing-requests', payload: request });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ status: 'pending', active: false, requester: { acronym: 'IRC' }, list: { organisation: { acronym: 'NRC' } } });
    expect((await t.request(irc, { method: 'GET', url: `/api/v1/sharing-requests/${id}/extract?format=csv` })).statusCode).toBe(403);
    expect((await t.request(irc, { method: 'POST', url: `/api/v1/sharing-requests/${id}/decision`, payload: { decision: 'approved', reason: 'ok', version: 1 } })).statusCode).toBe(403);

    const decided = await t.request(custodian, { method: 'POST', url: `/api/v1/sharing-requests/${id}/decision`, payload: { decision: 'approved', reason: 'Finalité conforme au protocole', version: 1 } });
    expect(decided.json()).toMatchObject({ status: 'approved', active: true, decisionReason: 'Finalité conforme au protocole' });
    expect((await t.request(custodian, { method: 'POST', url: `/api/v1/sharing-requests/${id}/decision`, payload: { decision: 'refused', reason: 'non', version: 2 } })).json().code).toBe('sharing_already_decided');

    const owners = await t.database.db.selectFrom('notifications').innerJoin('users', 'users.id', 'notifications.user_id').select(['users.email', 'notifications.kind']).where('kind', 'like', 'sharing_%').execute();
    expect(owners).toEqual(expect.arrayContaining([{ email: 'custodian@demo.relais', kind: 'sharing_request' }, { email: 'partner@demo.relais', kind: 'sharing_decision' }, { email: 'partner.irc@demo.relais', kind: 'sharing_decision' }]));
    expect((await t.request(partner, { method: 'GET', url: '/api/v1/sharing-requests' })).json().total).toBe(1);

    const extract = await t.request(irc, { method: 'GET', url: `/api/v1/sharing-requests/${id}/extract?format=csv&lang=fr` });
    expect(extract.statusCode).toBe(200);
    expect(extract.headers['cache-control']).toBe('private, no-store');
    const lines = extract.body.replace(/^\ufeff/, '').trim().split(/\r\n/);
    expect(lines[0]).toBe("Accord de partage,Destinataire,Utilisable jusqu'au,Localité,Code P localité,Secteur,Nom complet du chef de ménage,Téléphone");
    expect(lines).toHaveLength(31);
    expect(lines[1]).toContain(created.json().code);
    expect(lines[1]).toContain('IRC');
    expect(extract.body).not.toContain(generated.find((g) => g.row.nina)!.nina);
    expect((await t.request(partner, { method: 'GET', url: `/api/v1/sharing-requests/${id}/extract` })).statusCode).toBe(404);
    const exported = await t.database.db.selectFrom('audit_events').select('after').where('action', '=', 'export_personal').execute();
    expect(exported).toHaveLength(1);

    // The agreement's end: no extract the day after.
    await t.database.db.updateTable('sharing_requests').set({ period_to: addDays(todayIso(), -1), period_from: addDays(todayIso(), -10) }).where('id', '=', id).execute();
    expect((await t.request(irc, { method: 'GET', url: `/api/v1/sharing-requests/${id}/extract?format=csv` })).json().code).toBe('sharing_not_active');
  });

  it('shares the households of a locality and sector, whichever list holds them, under the same agreement rules', async () => {
    const sevare = (await t.database.db.selectFrom('localities').select('id').where('name', '=', 'Sévaré').executeTakeFirstOrThrow()).id;
    const atSevare = generated.filter((g) => g.row.localityName === 'Sévaré').length;
    expect(atSevare).toBeGreaterThan(0);
    const base = { purpose: 'deduplication', justification: 'Éviter la double assistance à Sévaré', fields: ['headName'], from: addDays(todayIso(), -1), to: addDays(todayIso(), 30) };
    const noSector = await t.request(irc, { method: 'POST', url: '/api/v1/sharing-requests', payload: { ...base, localityId: sevare } });
    expect(noSector.statusCode).toBe(400);
    const created = await t.request(irc, { method: 'POST', url: '/api/v1/sharing-requests', payload: { ...base, localityId: sevare, sector: 'abris_ame' } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ list: null, locality: { id: sevare, name: 'Sévaré' }, sector: 'abris_ame', status: 'pending' });
    const id = created.json().id;
    const decided = await t.request(custodian, { method: 'POST', url: `/api/v1/sharing-requests/${id}/decision`, payload: { decision: 'approved', reason: 'Finalité conforme au protocole', version: 1 } });
    expect(decided.statusCode, decided.body).toBe(200);
    const extract = await t.request(irc, { method: 'GET', url: `/api/v1/sharing-requests/${id}/extract?format=csv&lang=fr` });
    expect(extract.statusCode).toBe(200);
    const lines = extract.body.replace(/^\ufeff/, '').trim().split(/\r\n/);
    expect(lines[0]).toBe("Accord de partage,Destinataire,Utilisable jusqu'au,Localité,Code P localité,Secteur,Nom complet du chef de ménage");
    expect(lines.slice(1).every((l) => l.includes('Sévaré'))).toBe(true);
    expect(lines).toHaveLength(atSevare + 1);
  });

  it('purges a list by destroying its key: counts stay, households are gone for good, the purge is audited', async () => {
    // The list is a coverage source of the gap engine: its distinct households show in the gap's explanation, before and after the purge.
    const sevare = (await t.database.db.selectFrom('localities').select('id').where('name', '=', 'Sévaré').executeTakeFirstOrThrow()).id;
    const atSevare = generated.filter((g) => g.row.localityName === 'Sévaré').length;
    const explain = async () => (await t.request(viewer, { method: 'GET', url: `/api/v1/gaps/${sevare}/abris_ame` })).json();
    const before = await explain();
    expect(before.listCoverage).toEqual([{ month: date.slice(0, 7), households: atSevare, lists: 1 }]);
    expect(before.sentences.join(' ')).toContain(`Listes de bénéficiaires : ${atSevare} ménages distincts assistés en`);
    expect((await t.request(coordinator, { method: 'DELETE', url: `/api/v1/lists/${listId}/personal-data`, payload: { reason: 'fin' } })).statusCode).toBe(403);
    expect((await t.request(partner, { method: 'DELETE', url: `/api/v1/lists/${listId}/personal-data`, payload: { reason: 'fin' } })).statusCode).toBe(403);
    const purged = await t.request(custodian, { method: 'DELETE', url: `/api/v1/lists/${listId}/personal-data`, payload: { reason: 'Demande du propriétaire' } });
    expect(purged.json()).toMatchObject({ status: 'purged', rowCount: 30 });
    expect(purged.json().purgedAt).not.toBeNull();
    expect((await t.request(custodian, { method: 'GET', url: `/api/v1/lists/${listId}/households?purpose=coverage` })).json().code).toBe('list_purged');
    expect((await t.database.db.selectFrom('beneficiary_lists').select(['wrapped_key', 'file_digest']).where('id', '=', listId).executeTakeFirstOrThrow())).toEqual({ wrapped_key: null, file_digest: null });
    expect(await t.database.db.selectFrom('list_households').select('id').where('list_id', '=', listId).execute()).toHaveLength(0);
    const detail = (await t.request(coordinator, { method: 'GET', url: `/api/v1/lists/${listId}` })).json();
    expect(detail.coverage.reduce((sum: number, c: { households: number }) => sum + c.households, 0)).toBe(detail.householdCount);
    expect((await t.database.db.selectFrom('audit_events').select('after').where('action', '=', 'purge').executeTakeFirstOrThrow()).after).toMatchObject({ status: 'purged', reason: 'Demande du propriétaire' });
    expect((await explain()).listCoverage).toEqual(before.listCoverage);
  });

  it('purges lists at their retention date', async () => {
    const other = await upload(irc, listQuery('&dryRun=false'), file, 'irc.xlsx');
    expect(other.json().code).toBe('protocol_not_accepted');
    await accept(irc);
    const uploaded = (await upload(irc, listQuery(`&dryRun=false&retentionUntil=${addDays(todayIso(), 10)}`), file, 'irc.xlsx')).json();
    expect(uploaded.list.retentionUntil).toBe(addDays(todayIso(), 10));
    const lists = listsRepository(t.database.db);
    expect(await lists.dueForPurge(addDays(todayIso(), 10))).toEqual([]);
    expect(await lists.dueForPurge(addDays(todayIso(), 11))).toEqual([uploaded.list.id]);
  });
});
