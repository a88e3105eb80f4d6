import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../demo/demo.ts';
import { createTestApp, type Session, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';
import { demoListHouseholds, demoListsStep } from '../lists/lists.demo.ts';

interface Pair {
  id: string;
  probability: number;
  contributions: { field: string; level: number; levels: number; weight: number }[];
  a: { id: string; headName: string; clusterId: string; list: { organisation: { acronym: string } } };
  b: { id: string; headName: string; clusterId: string; list: { organisation: { acronym: string } } };
}

const names = (pair: Pair) => `${pair.a.headName} / ${pair.b.headName}`.toLowerCase();

/**
 * Deduplication over the demo lists (NRC, IRC, ACTED, SI — with households shared between NRC and
 * IRC and between NRC and SI, one registered twice in NRC's list and a few uncertain pairs), on
 * each database: the run, the custodian's review, clusters, what the coordination sees, and an
 * organisation's own duplicates — each with who may and who may not.
 */
describe.each(databaseKinds)('household deduplication on %s', (kind) => {
  let t: TestApp;
  const s: Record<'admin' | 'coordinator' | 'partner' | 'irc' | 'viewer' | 'custodian', Session> = {} as never;
  const records = [...demoListHouseholds().values()].reduce((n, rows) => n + rows.length, 0);

  const get = (session: Session, url: string) => t.request(session, { method: 'GET', url });
  const post = (session: Session, url: string, payload?: object) => t.request(session, { method: 'POST', url, ...(payload ? { payload } : {}) });
  async function finished(runId: string) {
    for (let i = 0; i < 600; i++) {
      const run = (await get(s.admin, `/api/v1/dedup/runs/${runId}`)).json();
      if (run.status !== 'running') return run;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the run did not finish');
  }
  const clusterIds = async () =>
    new Map((await t.database.db.selectFrom('list_households').select(['id', 'cluster_id']).execute()).map((r) => [r.id, r.cluster_id]));
  const pending = async () => (await get(s.custodian, '/api/v1/dedup/pairs?pageSize=50')).json();

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seedDemoData(t.database.db, [demoListsStep(t.keyring)]);
    [s.admin, s.coordinator, s.partner, s.viewer, s.custodian] = await Promise.all([
      t.login('admin'),
      t.login('coordinator'),
      t.login('partner'),
      t.login('viewer'),
      t.login('list_custodian'),
    ]);
    s.irc = await t.loginWith('partner.irc@demo.relais', 'relais-demo');
  });
  afterAll(() => t.close());

  it('runs over every live list in the background, one run at a time, its progress readable while it runs', async () => {
    for (const who of [s.coordinator, s.partner, s.viewer]) expect((await post(who, '/api/v1/dedup/runs')).statusCode).toBe(403);
    expect((await get(s.coordinator, '/api/v1/dedup/runs')).statusCode).toBe(403);

    const started = await post(s.custodian, '/api/v1/dedup/runs');
    expect(started.statusCode).toBe(201);
    expect(started.json()).toMatchObject({ status: 'running', startedBy: 'Oumar Sangaré', finishedAt: null });
    const second = await post(s.admin, '/api/v1/dedup/runs');
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'dedup_run_running', title: 'Un dédoublonnage est déjà en cours : attendez qu’il se termine.' });
    // The server answers other requests while the run goes on.
    expect((await get(s.coordinator, '/api/v1/lists')).statusCode).toBe(200);

    const run = await finished(started.json().id);
    expect(run).toMatchObject({
      status: 'completed',
      stage: 'done',
      lists: 4,
      records,
      processed: records,
      total: records,
      error: null,
      clustersKept: 0,
      decisionsApplied: 0,
    });
    // 12 NRC households on IRC's list, 6 on SI's, one entered twice by NRC, one woman written two ways.
    expect(records - run.households).toBeGreaterThanOrEqual(19);
    expect(run.matchPairs).toBeGreaterThanOrEqual(19);
    expect(run.reviewPairs).toBeGreaterThanOrEqual(2);
    expect(run.candidatePairs).toBeGreaterThan(run.matchPairs);

    const ids = await clusterIds();
    expect([...ids.values()].every((id) => id !== null)).toBe(true);
    expect(new Set(ids.values()).size).toBe(run.households);
    const lists = await t.database.db.selectFrom('beneficiary_lists').select(['status', 'household_count', 'row_count']).execute();
    expect(lists.every((l) => l.status === 'deduplicated')).toBe(true);
    expect(lists.find((l) => l.household_count < l.row_count)).toBeDefined();
    const audit = await t.database.db.selectFrom('audit_events').select(['action', 'after']).where('entity', '=', 'dedup_run').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit[1]!.after).toMatchObject({ status: 'completed', records, households: run.households });
    expect((await get(s.admin, '/api/v1/dedup/runs')).json().items[0]).toMatchObject({ id: run.id, status: 'completed' });
  });

  it('shows the custodian alone the uncertain pairs side by side with each field’s contribution; decisions are audited and kept for later runs, household ids stay', async () => {
    for (const who of [s.admin, s.coordinator, s.partner, s.viewer]) expect((await get(who, '/api/v1/dedup/pairs')).statusCode).toBe(403);
    const queue = await pending();
    expect(queue.total).toBeGreaterThanOrEqual(2);
    const pairs = queue.items as Pair[];
    for (const pair of pairs) {
      expect(pair.probability).toBeGreaterThanOrEqual(0.5);
      expect(pair.contributions.map((c) => c.field)).toContain('name');
      expect(pair.a.clusterId).not.toBe(pair.b.clusterId);
    }
    // Maïga / Mahiga (ages a year apart, other phones) and a father and son of one name sharing a phone.
    const maiga = pairs.find((p) => names(p).includes('mahiga'))!;
    const guindo = pairs.find((p) => names(p).includes('guindo'))!;
    expect(maiga).toBeDefined();
    expect(guindo).toBeDefined();
    expect(guindo.contributions.find((c) => c.field === 'phone')).toMatchObject({ level: 1, levels: 2 });
    expect(guindo.contributions.find((c) => c.field === 'birth')!.weight).toBeLessThan(0);
    expect(await t.database.db.selectFrom('audit_events').select('after').where('entity', '=', 'dedup_pairs').executeTakeFirstOrThrow()).toMatchObject({
      after: { purpose: 'deduplication', status: 'pending' },
    });

    expect((await post(s.admin, `/api/v1/dedup/pairs/${maiga.id}/decision`, { decision: 'same' })).statusCode).toBe(403);
    expect((await post(s.custodian, `/api/v1/dedup/pairs/${maiga.id}/decision`, { decision: 'maybe' })).statusCode).toBe(400);
    const same = await post(s.custodian, `/api/v1/dedup/pairs/${maiga.id}/decision`, { decision: 'same' });
    expect(same.json()).toMatchObject({ status: 'same', merged: true });
    const different = await post(s.custodian, `/api/v1/dedup/pairs/${guindo.id}/decision`, { decision: 'different' });
    expect(different.json()).toMatchObject({ status: 'different', merged: false });
    const before = await clusterIds();
    expect(before.get(maiga.a.id)).toBe(before.get(maiga.b.id));
    expect((await pending()).total).toBe(queue.total - 2);
    expect((await get(s.custodian, '/api/v1/dedup/pairs?status=same')).json().items.map((p: Pair) => p.id)).toEqual([maiga.id]);
    const decisions = await t.database.db.selectFrom('audit_events').select(['entity_id', 'after']).where('entity', '=', 'dedup_pair').execute();
    expect(decisions).toHaveLength(2);
    expect(decisions.find((d) => d.entity_id === guindo.id)!.after).toMatchObject({ status: 'different' });

    // A second run applies both decisions, keeps every household's id and asks nothing twice.
    const run = await finished((await post(s.admin, '/api/v1/dedup/runs')).json().id);
    expect(run).toMatchObject({ status: 'completed', decisionsApplied: 2, clustersKept: run.households });
    const after = await clusterIds();
    expect([...after].filter(([id, cluster]) => before.get(id) !== cluster)).toEqual([]);
    expect(after.get(guindo.a.id)).not.toBe(after.get(guindo.b.id));
    const again = (await pending()).items as Pair[];
    expect(again.find((p) => names(p).includes('guindo') || names(p).includes('mahiga'))).toBeUndefined();
    expect(again).toHaveLength(queue.total - 2);
  });

  it('shows the custodian a household’s records from every list and why they were joined', async () => {
    for (const who of [s.admin, s.coordinator, s.partner]) expect((await get(who, '/api/v1/dedup/clusters')).statusCode).toBe(403);
    const page = (await get(s.custodian, '/api/v1/dedup/clusters?pageSize=100')).json();
    expect(page.total).toBeGreaterThanOrEqual(15);
    const shared = page.items.filter((c: { organisations: string[] }) => c.organisations.join() === 'IRC,NRC');
    expect(shared.length).toBeGreaterThanOrEqual(10);
    expect(shared[0]).toMatchObject({ records: 2, lists: 2 });
    // Among them a household both wrote with its NINA: the identity number agrees in full.
    let withNina = null;
    for (const { id } of shared) {
      const cluster = (await get(s.custodian, `/api/v1/dedup/clusters/${id}`)).json();
      expect(cluster.records).toHaveLength(2);
      // One pair per two records: the engine's match, or the pair the custodian decided (Maïga / Mahiga).
      expect(cluster.pairs).toHaveLength(1);
      expect(cluster.pairs[0].a).toBe(cluster.records[0].id < cluster.records[1].id ? cluster.records[0].id : cluster.records[1].id);
      expect(cluster.pairs[0].kind === 'match' || cluster.pairs[0].status === 'same').toBe(true);
      if (cluster.records.every((r: { nina: string | null }) => r.nina)) withNina ??= cluster;
    }
    expect(withNina.pairs[0].contributions.find((c: { field: string }) => c.field === 'identity')).toMatchObject({ level: 2, levels: 3 });
    expect(withNina.pairs[0].probability).toBeGreaterThan(0.9);
    expect((await get(s.custodian, '/api/v1/dedup/clusters/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    // The first cluster opened is the first audited (rows in insertion order: PostgreSQL returns them in any order otherwise).
    expect(await t.database.db.selectFrom('audit_events').select('entity_id').where('entity', '=', 'dedup_cluster').orderBy('id').executeTakeFirst()).toEqual({
      entity_id: shared[0].id,
    });
  });

  it('gives the coordination distinct households and the overlap between organisations: counts, no name', async () => {
    const counts = (await get(s.coordinator, '/api/v1/dedup/households?region=ML05&sector=abris_ame&pageSize=100')).json();
    expect(counts).toMatchObject({ deduplicated: true });
    // NRC and SI gave six of the same households AME kits; Koné was written twice by NRC.
    expect(counts.totals.sharedHouseholds).toBe(6);
    expect(counts.totals.records - counts.totals.households).toBeGreaterThanOrEqual(7);
    expect(counts.items.reduce((n: number, c: { records: number }) => n + c.records, 0)).toBe(counts.totals.records);
    const sevare = counts.items.filter((c: { locality: { name: string } }) => c.locality.name === 'Sévaré');
    expect(sevare.length).toBeGreaterThan(0);

    // The gap engine's coverage from lists counts the same households.
    const sevareId = sevare[0].locality.id;
    const explanation = (await get(s.viewer, `/api/v1/gaps/${sevareId}/abris_ame`)).json();
    for (const cell of sevare) expect(explanation.listCoverage.find((m: { month: string }) => m.month === cell.month)?.households).toBe(cell.households);

    const viewerCounts = await get(s.viewer, '/api/v1/dedup/households');
    expect(viewerCounts.statusCode).toBe(200);
    expect((await get(s.viewer, '/api/v1/dedup/overlap')).statusCode).toBe(403);
    expect((await get(s.coordinator, '/api/v1/dedup/households?region=Mopti')).statusCode).toBe(400);

    const overlap = (await get(s.coordinator, '/api/v1/dedup/overlap')).json();
    const id = (acronym: string) => overlap.organisations.find((o: { acronym: string }) => o.acronym === acronym).id as string;
    expect(overlap.organisations.map((o: { acronym: string }) => o.acronym)).toEqual(['ACTED', 'IRC', 'NRC', 'SI']);
    const cell = (a: string, b: string) =>
      overlap.cells.find((c: { a: string; b: string }) => (c.a === id(a) && c.b === id(b)) || (c.a === id(b) && c.b === id(a)));
    // Twelve written by both, Aïssata / Assa Touré with her phone, and Maïga / Mahiga whom the custodian said were the same.
    expect(cell('NRC', 'IRC')).toMatchObject({ shared: 14, doubleAssistance: 0 });
    expect(cell('NRC', 'SI')).toMatchObject({ shared: 6, doubleAssistance: 6 });
    expect(cell('NRC', 'NRC')).toMatchObject({ shared: 0, doubleAssistance: 1 });
    expect(cell('ACTED', 'NRC')).toBeUndefined();
    const narrow = (await get(s.coordinator, '/api/v1/dedup/overlap?windowDays=5')).json();
    expect(narrow.cells.find((c: { a: string; b: string }) => [c.a, c.b].sort().join() === [id('NRC'), id('SI')].sort().join())).toMatchObject({
      shared: 6,
      doubleAssistance: 0,
    });
    const gao = (await get(s.coordinator, '/api/v1/dedup/overlap?sector=secal')).json();
    expect(gao.organisations.map((o: { acronym: string }) => o.acronym)).toEqual(['ACTED']);

    const bodies = [JSON.stringify(counts), viewerCounts.body, JSON.stringify(overlap)].join('\n').toLowerCase();
    for (const rows of demoListHouseholds().values()) for (const row of rows) expect(bodies).not.toContain(row.fullName!.toLowerCase());
  });

  it('gives an organisation the duplicates within its own lists, for a stated purpose, and no one else’s', async () => {
    const summary = (await get(s.partner, '/api/v1/dedup/duplicates')).json();
    expect(summary.lists.map((l: { list: { organisation: { acronym: string } } }) => l.list.organisation.acronym)).toEqual(['NRC']);
    const nrc = summary.lists[0];
    expect(nrc).toMatchObject({ duplicateGroups: 1, duplicateRecords: 2 });
    // On IRC's list (14) or SI's (6, some of them on IRC's too).
    expect(nrc.alsoElsewhere).toBeGreaterThanOrEqual(16);
    expect((await get(s.custodian, '/api/v1/dedup/duplicates')).json().lists).toHaveLength(4);
    for (const who of [s.coordinator, s.viewer, s.admin]) expect((await get(who, '/api/v1/dedup/duplicates')).statusCode).toBe(403);

    const url = `/api/v1/lists/${nrc.list.id}/duplicates?purpose=deduplication`;
    const groups = (await get(s.partner, url)).json();
    expect(groups.total).toBe(1);
    expect(groups.items[0].records.map((r: { headName: string }) => r.headName.toLowerCase())).toEqual(['koné seydou', 'seydou koné']);
    expect((await get(s.irc, url)).statusCode).toBe(403);
    expect((await get(s.coordinator, url)).statusCode).toBe(403);
    expect((await get(s.partner, `/api/v1/lists/${nrc.list.id}/duplicates`)).statusCode).toBe(400);
    expect((await get(s.custodian, url)).json().total).toBe(1);
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select('after')
      .where('entity', '=', 'beneficiary_list')
      .where('action', '=', 'read_personal')
      .execute();
    expect(audit.map((a) => a.after)).toContainEqual({ purpose: 'deduplication', view: 'duplicates', page: 1, groups: 1 });
  });
});

describe.each(databaseKinds)('a deduplication run stopped by a server stop on %s', (kind) => {
  it('is recorded as interrupted, with nothing else written', async () => {
    const t = await createTestApp(kind);
    try {
      await seedDemoData(t.database.db, [demoListsStep(t.keyring)]);
      const custodian = await t.login('list_custodian');
      const started = await t.request(custodian, { method: 'POST', url: '/api/v1/dedup/runs' });
      expect(started.statusCode).toBe(201);
      await t.app.close();
      const run = await t.database.db.selectFrom('dedup_runs').select(['status', 'error']).executeTakeFirstOrThrow();
      expect(run).toEqual({ status: 'failed', error: 'dedup_run_interrupted' });
      expect(await t.database.db.selectFrom('list_households').select('id').where('cluster_id', 'is not', null).execute()).toHaveLength(0);
      expect(await t.database.db.selectFrom('dedup_pairs').select('id').execute()).toHaveLength(0);
    } finally {
      await t.database.close();
    }
  });
});
