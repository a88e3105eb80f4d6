import { PassThrough } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIso } from '../../../shared/phases.ts';
import { demoAccounts } from '../../demo/demo-accounts.ts';
import { seedDemoData } from '../../demo/demo.ts';
import { endpointsOf } from '../../lib/route.ts';
import { writeTable } from '../../lib/tabular/index.ts';
import { multipartFile } from '../../test/multipart.ts';
import { createTestApp, type Session, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';
import { readPhones } from '../../../shared/linkage/values.ts';
import { demoListHouseholds, demoListsStep } from './lists.demo.ts';
import { partnerLayout, partnerRow } from './demo-households.ts';

/** GET routes not (yet) declared as contracts, and the public pages: every one is read and scanned. */
const otherPages = [
  '/api/v1/admin-areas', '/api/v1/assessments', '/api/v1/assessments/export', '/api/v1/assessments/tracker', '/api/v1/briefs', '/api/v1/capacities',
  '/api/v1/capacities/export', '/api/v1/capacities/summary', '/api/v1/dashboard', '/api/v1/dashboard/map', '/api/v1/dashboard/trends', '/api/v1/gaps',
  '/api/v1/gaps/export', '/api/v1/gaps/matrix', '/api/v1/localities', '/api/v1/needs', '/api/v1/notifications', '/api/v1/periods', '/api/v1/responses',
  '/api/v1/responses/export', '/api/v1/responses/pivot', '/api/v1/sector-focal-points', '/api/public/status', '/api/public/dashboard',
  '/api/public/dashboard/trends', '/api/public/dashboard/map', '/api/v1/audit?pageSize=500', '/api/v1/lists?pageSize=100', '/api/v1/sharing-requests',
];

/**
 * The demo lists' names, phone numbers and NINAs must appear nowhere in plain text: not in the
 * database (every table, ciphertext included, read byte for byte), not in the logs, not in any
 * page another module serves, not in the registry, the audit trail, notifications or errors,
 * not in deduplication's runs, pairs, decisions and counts. Only the households and duplicates
 * pages of the custodian and the owner, and the custodian's review, show them.
 */
describe.each(databaseKinds)('no personal data of the demo lists leaks on %s', (kind) => {
  let t: TestApp;
  const logs: string[] = [];
  const secrets: string[] = [];
  const sessions: Record<string, Session> = {};

  beforeAll(async () => {
    t = await createTestApp(kind, { LOG_LEVEL: 'debug' }, { logStream: { write: (line) => void logs.push(line) } });
    await seedDemoData(t.database.db, [demoListsStep(t.keyring)]);
    const accountNames = new Set(demoAccounts.map((a) => a.name.toLowerCase()));
    for (const rows of demoListHouseholds().values()) {
      for (const row of rows) {
        const phones = readPhones(row.phone);
        if (phones.ok) secrets.push(...(phones.value ?? []));
        if (row.nina) secrets.push(row.nina);
        for (const name of [row.fullName, row.spouseName]) {
          if (!name) continue;
          const words = name.split(' ');
          // Both orders as lists and views write them; a generated name equal to a demo account's is not a leak.
          for (const written of [name, `${words.slice(1).join(' ')} ${words[0]!}`]) if (!accountNames.has(written.toLowerCase())) secrets.push(written);
        }
      }
    }
    for (const role of ['admin', 'coordinator', 'regional_coordinator', 'partner', 'viewer', 'list_custodian'] as const) sessions[role] = await t.login(role);
    // Deduplicated, with a decision taken: its pairs, clusters, decisions and counts are scanned too.
    const run = (await t.request(sessions.list_custodian!, { method: 'POST', url: '/api/v1/dedup/runs' })).json();
    for (let i = 0; i < 600 && (await t.request(sessions.admin!, { method: 'GET', url: `/api/v1/dedup/runs/${run.id}` })).json().status === 'running'; i++) await new Promise((r) => setTimeout(r, 100));
    const pair = (await t.request(sessions.list_custodian!, { method: 'GET', url: '/api/v1/dedup/pairs' })).json().items[0];
    await t.request(sessions.list_custodian!, { method: 'POST', url: `/api/v1/dedup/pairs/${pair.id}/decision`, payload: { decision: 'different' } });
  }, 120_000);
  afterAll(() => t.close());

  const leaksIn = (text: string) => {
    const lower = text.toLowerCase();
    return secrets.filter((s) => lower.includes(s.toLowerCase()));
  };

  it('has generated enough distinct names and numbers to look for', () => {
    expect(secrets.length).toBeGreaterThan(300);
  });

  it('keeps the database free of them, byte for byte, in every table', async () => {
    const tables = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(t.database.db);
    expect(tables.rows.map((r) => r.table_name)).toContain('list_households');
    let dump = '';
    for (const { table_name } of tables.rows) {
      const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table_name)}`.execute(t.database.db);
      for (const row of rows.rows) {
        for (const value of Object.values(row)) dump += `${Buffer.isBuffer(value) ? value.toString('latin1') : Array.isArray(value) || (typeof value === 'object' && value !== null && !(value instanceof Date)) ? JSON.stringify(value) : String(value)}\u0000`;
      }
    }
    expect(dump.length).toBeGreaterThan(10_000);
    expect(leaksIn(dump)).toEqual([]);
  });

  it('keeps them out of every other page, export, error and the logs, whoever asks', { timeout: 180_000 }, async () => {
    // An upload refused row by row: a shifted column put the name in the age cell, which the report must not echo.
    const nrc = demoListHouseholds().get('NRC')!;
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeTable(out, { format: 'xlsx', columns: partnerLayout, rows: nrc.slice(0, 5).map((r, i) => ({ ...partnerRow(r), age: i === 0 ? r.fullName : r.age })) as never, language: 'fr', hxlRow: false });
    const body = multipartFile('liste.xlsx', Buffer.concat(chunks));
    const responses: string[] = [];
    const query = `title=Test&purpose=coverage&legalBasis=consent&sector=abris_ame&assistanceDate=${todayIso()}&dryRun=false`;
    const refused = await t.request(sessions.partner!, { method: 'POST', url: `/api/v1/lists?${query}`, payload: body.payload, headers: body.headers });
    expect(refused.statusCode).toBe(422);
    responses.push(refused.body);

    const paths = new Set([...endpointsOf(t.app).filter((e) => e.method === 'GET' && !e.path.includes(':')).map((e) => e.path), ...otherPages]);
    paths.delete('/api/v1/lists/column-mappings');
    const listIds = (await t.database.db.selectFrom('beneficiary_lists').select('id').execute()).map((l) => l.id);
    for (const id of listIds) paths.add(`/api/v1/lists/${id}`);
    const runs = (await t.database.db.selectFrom('dedup_runs').select('id').execute()).map((r) => r.id);
    for (const id of runs) paths.add(`/api/v1/dedup/runs/${id}`);
    for (const filter of ['?region=ML05&sector=abris_ame', '?sector=cash']) {
      paths.add(`/api/v1/dedup/households${filter}`);
      paths.add(`/api/v1/dedup/overlap${filter}`);
    }
    const cluster = (await t.database.db.selectFrom('dedup_pairs').innerJoin('list_households', 'list_households.id', 'dedup_pairs.record_a').select('cluster_id').where('kind', '=', 'match').executeTakeFirstOrThrow()).cluster_id!;
    // The custodian's review queue is a personal view (read below); everyone else is refused it.
    const custodianViews = new Set(['/api/v1/dedup/pairs']);
    let read = 0;
    for (const [role, session] of Object.entries(sessions)) {
      for (const url of paths) {
        if (role === 'list_custodian' && custodianViews.has(url)) continue;
        const response = await t.request(session, { method: 'GET', url });
        if (response.statusCode === 200) read++;
        responses.push(`${url}\n${response.body}`);
      }
      // The households and duplicates pages and a household's records refuse everyone but the custodian and the owner, saying nothing of their content.
      for (const url of [...listIds.flatMap((id) => [`/api/v1/lists/${id}/households?purpose=coverage`, `/api/v1/lists/${id}/duplicates?purpose=coverage`]), `/api/v1/dedup/clusters/${cluster}`]) {
        const refused = await t.request(session, { method: 'GET', url });
        if (refused.statusCode !== 200) responses.push(refused.body);
      }
    }
    expect(read).toBeGreaterThan(100);
    const leaked = responses.filter((r) => leaksIn(r).length > 0).map((r) => `${r.slice(0, 80)} → ${leaksIn(r).slice(0, 3).join(', ')}`);
    expect(leaked).toEqual([]);

    // The custodian does see them (the test would pass vacuously otherwise), and that view is logged without them.
    const shown = await t.request(sessions.list_custodian!, { method: 'GET', url: `/api/v1/lists/${listIds[0]!}/households?purpose=deduplication&pageSize=100` });
    expect(leaksIn(shown.body).length).toBeGreaterThan(10);
    const reviewed = await t.request(sessions.list_custodian!, { method: 'GET', url: '/api/v1/dedup/pairs?status=different' });
    expect(leaksIn(reviewed.body).length).toBeGreaterThan(1);
    expect(logs.join('\n')).toContain('deduplication run completed');
    expect(logs.length).toBeGreaterThan(100);
    expect(leaksIn(logs.join('\n'))).toEqual([]);
  });
});
