import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanAbandonedStaging, ImportStaging } from '../../lib/tabular/staging.ts';
import { countStaged } from '../../lib/tabular/staging.repository.ts';
import { createTestApp, type Session, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';
import { multipartFile } from '../../test/multipart.ts';
import { matchFingerprint, responsesRepository } from './responses.repository.ts';

/** A 5W CSV of `rows` new records in Sévaré, March 2026, activities `${prefix} 1…n`. */
function csvOf(prefix: string, rows: number): string {
  const lines = ['Sector,Activity,Locality,Status,Start date'];
  for (let i = 1; i <= rows; i++) lines.push(`Health,${prefix} ${i},Sevare,Ongoing,2026-03-01`);
  return `${lines.join('\n')}\n`;
}

async function waitFor(condition: () => Promise<boolean>, what: string): Promise<void> {
  const until = Date.now() + 120_000;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`waited too long for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * A commit stages its rows in short statements while the file is read, then applies them in one
 * short transaction: other requests go on during the import (the embedded store has a single
 * connection), readers see none of it or all of it, and a failure leaves nothing behind.
 */
describe.each(databaseKinds)('5W import staged then applied on %s', (kind) => {
  let t: TestApp;
  let partner: Session;
  let auditor: Session;

  beforeAll(async () => {
    t = await createTestApp(kind);
    partner = await t.login('partner');
    auditor = await t.login('admin');
  });
  afterAll(() => t.close());

  const upload = (csv: string) => {
    const body = multipartFile('big.csv', csv);
    return t.request(partner, {
      method: 'POST',
      url: '/api/v1/responses/import?dryRun=false&period=2026-03',
      payload: body.payload,
      headers: { ...body.headers, 'accept-language': 'en' },
    });
  };
  /** Records of the activities `${prefix} …`, as readers see them, or stored (`response_records`: hidden ones too). */
  const countOf = async (prefix: string, from: 'responses' | 'response_records' = 'responses') =>
    Number(
      (
        await t.database.db
          .selectFrom(from)
          .select((eb) => eb.fn.countAll().as('n'))
          .where('activity', 'like', `${prefix} %`)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('answers other requests while a large import is being written, and they see none of it until all of it', async () => {
    const rows = 3000;
    const pivotRecords = async () => {
      const pivot = await t.request(partner, { method: 'GET', url: '/api/v1/responses/pivot?rows=sector&cols=month' });
      expect(pivot.statusCode).toBe(200);
      return pivot.json<{ total: { records: number } }>().total.records;
    };
    const recordsBefore = await pivotRecords();
    const events: string[] = [];
    const importing = upload(csvOf('Staged', rows)).finally(() => events.push('import'));
    // The import has checked and staged its first batches: it is writing, not finished.
    await waitFor(async () => (await countStaged(t.database.db)) > 0 || events.length > 0, 'the first staged batch');
    expect(events).toEqual([]);
    const read = await t.request(partner, { method: 'GET', url: '/api/v1/responses?pageSize=1&q=Staged' });
    events.push('read');
    expect(read.statusCode).toBe(200);
    expect(read.json().total).toBe(0);

    const seen: number[] = [];
    const auditSeen: number[] = [];
    // A pause between reads lets the import's file reading (I/O callbacks) go on, as between requests.
    while (events.length < 2) {
      seen.push(await countOf('Staged'));
      const trail = await t.request(auditor, { method: 'GET', url: '/api/v1/audit?entity=response&pageSize=1' });
      auditSeen.push(trail.json<{ total: number }>().total);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const answer = await importing;
    expect(answer.statusCode, answer.body.slice(0, 300)).toBe(200);
    expect(answer.json().plan).toMatchObject({ create: rows });
    expect(events).toEqual(['read', 'import']);
    // Every count read while the import ran is none or all of it.
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((n) => n !== 0 && n !== rows)).toEqual([]);
    // The audit trail too: none of the import's rows, or all of them.
    expect(new Set(auditSeen.filter((n) => n !== auditSeen[0])).size).toBeLessThanOrEqual(1);
    // The embedded store wrote the new records in several short transactions, other requests
    // answered in between, hidden until the last one showed them all; PostgreSQL in one.
    const writtenBy = await sql<{ n: number }>`SELECT count(DISTINCT xmin::text)::int AS n FROM response_records WHERE activity LIKE 'Staged %'`.execute(
      t.database.db,
    );
    expect(writtenBy.rows[0]!.n).toBe(kind === 'pglite' ? 2 : 1);
    expect(await t.database.db.selectFrom('pending_imports').selectAll().execute()).toEqual([]);
    expect(await countOf('Staged')).toBe(rows);
    expect(await countStaged(t.database.db)).toBe(0);
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('entity', '=', 'response')
      .where(sql<boolean>`after->>'activity' like 'Staged %'`)
      .executeTakeFirstOrThrow();
    expect(Number(audit.n)).toBe(rows);
    // Written in ranges with the row-by-row reference checks off, the pivot's kept totals (followed by triggers that must still fire) count the new records.
    expect(await pivotRecords()).toBe(recordsBefore + rows);
  }, 240_000);

  it('cuts the staged batches into consecutive ranges of about the items asked for', async () => {
    const staging = new ImportStaging(t.database.db);
    try {
      for (const size of [500, 500, 500, 1000, 300])
        await staging.stage(
          'create',
          Array.from({ length: size }, (_, i) => ({ i })),
        );
      expect(staging.batchRanges(1000)).toEqual([
        { first: 0, last: 1 },
        { first: 2, last: 3 },
        { first: 4, last: 4 },
      ]);
      expect(staging.batchRanges(100_000)).toEqual([{ first: 0, last: 4 }]);
      expect(new ImportStaging(t.database.db).batchRanges(1000)).toEqual([]);
    } finally {
      await staging.discard();
    }
  });

  it.runIf(kind === 'postgresql')('writes while staging for at most three imports at once; the others write everything when they finish', async () => {
    const { db } = t.database;
    const stagings = Array.from({ length: 4 }, () => new ImportStaging(db, { writeWhileStaging: true }));
    const written: string[] = [];
    const write = (name: string) => async () => {
      written.push(name);
    };
    try {
      for (const [i, staging] of stagings.entries()) {
        await staging.stage('create', [{ i }]);
        await staging.writeAsStaged(1, write(`import ${i} while staging`));
      }
      expect(written).toEqual(['import 0 while staging', 'import 1 while staging', 'import 2 while staging']);
      await stagings[0]!.finish(1, write('import 0 at the end'), async () => undefined);
      await stagings[3]!.finish(1, write('import 3 at the end'), async () => undefined);
      // Import 0 done, a place is free again.
      const fifth = new ImportStaging(db, { writeWhileStaging: true });
      stagings.push(fifth);
      await fifth.stage('create', [{ i: 4 }]);
      await fifth.writeAsStaged(1, write('import 4 while staging'));
      expect(written.slice(3)).toEqual(['import 3 at the end', 'import 4 while staging']);
    } finally {
      for (const staging of stagings) await staging.discard();
    }
  });

  it('fires every trigger of the tables its apply writes, even with the row-by-row reference checks skipped', async () => {
    // A trigger not marked ENABLE ALWAYS would be skipped silently by the apply on the embedded store.
    const { rows } = await sql<{ name: string; enabled: string }>`
      SELECT tgname AS name, tgenabled AS enabled FROM pg_trigger
      WHERE tgrelid IN ('response_records'::regclass, 'response_alerts'::regclass, 'audit_events'::regclass, 'list_households'::regclass) AND NOT tgisinternal
      ORDER BY tgname`.execute(t.database.db);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.enabled !== 'A')).toEqual([]);
    // And the references it checks set-based are all the foreign keys of those tables.
    const keys = await sql<{ key: string }>`
      SELECT conrelid::regclass::text || '.' || a.attname || ' -> ' || confrelid::regclass::text AS key
      FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      WHERE c.contype = 'f' AND c.conrelid IN ('response_records'::regclass, 'response_alerts'::regclass, 'audit_events'::regclass)
      ORDER BY 1`.execute(t.database.db);
    expect(keys.rows.map((r) => r.key)).toEqual([
      'audit_events.actor_id -> users',
      'audit_events.api_token_id -> api_tokens',
      'response_alerts.alert_id -> alerts',
      'response_alerts.response_id -> response_records',
      'response_records.created_by -> users',
      'response_records.locality_id -> localities',
      'response_records.organisation_id -> organisations',
      'response_records.package_id -> packages',
      'response_records.updated_by -> users',
    ]);
  });

  it('leaves nothing when the apply fails half-way: no record, no audit row, no staged batch', async () => {
    // The import's own audit row is the last thing the apply writes: make it fail there.
    await sql`
      CREATE FUNCTION fail_import_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit refused'; END $$`.execute(t.database.db);
    await sql`CREATE TRIGGER fail_import_audit BEFORE INSERT ON audit_events FOR EACH ROW WHEN (NEW.entity = 'response_import') EXECUTE FUNCTION fail_import_audit()`.execute(
      t.database.db,
    );
    try {
      const answer = await upload(csvOf('Doomed', 1200));
      expect(answer.statusCode).toBe(500);
    } finally {
      await sql`DROP TRIGGER fail_import_audit ON audit_events`.execute(t.database.db);
      await sql`DROP FUNCTION fail_import_audit()`.execute(t.database.db);
    }
    expect(await countOf('Doomed')).toBe(0);
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .where(sql<boolean>`after->>'activity' like 'Doomed %'`)
      .executeTakeFirstOrThrow();
    expect(Number(audit.n)).toBe(0);
    expect(await countStaged(t.database.db)).toBe(0);
    // The same file goes through once the fault is gone.
    expect((await upload(csvOf('Doomed', 1200))).statusCode).toBe(200);
    expect(await countOf('Doomed')).toBe(1200);
  }, 240_000);

  it('sees a record changed, or a matched key filled, between staging and apply', async () => {
    const { db } = t.database;
    const repo = responsesRepository(db);
    const created = await t.request(partner, {
      method: 'POST',
      url: '/api/v1/responses',
      payload: {
        period: '2026-04',
        sector: 'eha',
        activity: 'Forage',
        localityId: (await db.selectFrom('localities').select('id').where('name', '=', 'Sévaré').executeTakeFirstOrThrow()).id,
        status: 'ongoing',
        startDate: '2026-04-01',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const stored = (await repo.findStored(db, created.json().id))!;
    const key = {
      period: stored.period,
      organisationId: stored.organisationId,
      sector: stored.sector,
      localityId: stored.localityId,
      populationGroup: stored.populationGroup,
    };
    const changed = async (stage: (staging: ImportStaging) => Promise<void>) => {
      const staging = new ImportStaging(db);
      await stage(staging);
      try {
        return await db
          .transaction()
          .execute(async (trx) => (await repo.stagedRecordsChanged(trx, staging.id, { first: 0, last: 0 })) || (await repo.stagedKeysMoved(trx, staging.id)));
      } finally {
        await staging.discard();
      }
    };

    // An update planned against version 1, and a create whose key held just this record.
    const update = (version: number) => (s: ImportStaging) => s.stage('update', [{ id: stored.id, version, values: stored, matched: false, fp: null }]);
    const create = (fp: string | null) => (s: ImportStaging) =>
      s.stage('create', [{ id: crypto.randomUUID(), values: { ...key, activity: 'Autre forage' }, matched: true, fp }]);
    expect(await changed(update(stored.version))).toBe(false);
    expect(await changed(create(matchFingerprint([stored])))).toBe(false);

    const edited = await t.request(partner, {
      method: 'PATCH',
      url: `/api/v1/responses/${stored.id}`,
      payload: { version: stored.version, activity: 'Forage profond' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(await changed(update(stored.version))).toBe(true);
    expect(await changed(create(matchFingerprint([stored])))).toBe(true);
    expect(await changed(create(matchFingerprint([{ id: stored.id, version: stored.version + 1 }])))).toBe(false);
  });

  it('does not take its own writes for changes: a key it created under, a record it updated', async () => {
    const { db } = t.database;
    const repo = responsesRepository(db);
    const user = await db.selectFrom('users').select('id').where('email', '=', 'partner@demo.relais').executeTakeFirstOrThrow();
    const actor = { userId: user.id, requestId: 'test', apiTokenId: null };
    const stored = (await repo.findStored(db, (await db.selectFrom('responses').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow()).id))!;
    const others = await db
      .selectFrom('responses')
      .select(['id', 'version'])
      .where('organisation_id', '=', stored.organisationId)
      .where('period', '=', `${stored.period}-01`)
      .where('sector', '=', stored.sector)
      .where('locality_id', '=', stored.localityId)
      .where('population_group', '=', stored.populationGroup)
      .orderBy('id')
      .execute();
    const fp = matchFingerprint(others);
    const staging = new ImportStaging(db);
    // Batch 0 updates a record of the key and creates one under it; batch 1 creates another, planned against the key as it was.
    await staging.stage('update', [
      { id: stored.id, version: stored.version, before: stored, values: { ...stored, comments: 'Mis à jour' }, matched: true, fp },
    ]);
    await staging.stage('create', [{ id: crypto.randomUUID(), values: { ...stored, activity: 'Nouvelle activité A' }, matched: true, fp }]);
    await staging.stage('create', [{ id: crypto.randomUUID(), values: { ...stored, activity: 'Nouvelle activité B' }, matched: true, fp }]);
    // Written range after range in a transaction rolled back afterwards, then checked as the import's last step.
    const movedAfterWriting = () =>
      db
        .transaction()
        .execute(async (trx) => {
          for (const range of [
            { first: 0, last: 1 },
            { first: 2, last: 2 },
          ]) {
            expect(await repo.stagedRecordsChanged(trx, staging.id, range)).toBe(false);
            await repo.applyStagedImport(trx, staging.id, actor, range);
          }
          throw Object.assign(new Error('rolled back'), { moved: await repo.stagedKeysMoved(trx, staging.id) });
        })
        .catch((error: { moved?: boolean }) => {
          if (error.moved === undefined) throw error;
          return error.moved;
        });
    try {
      expect(await movedAfterWriting()).toBe(false);
      // Someone else's record stored under the key since the rows were planned is a change.
      const row = await db.selectFrom('responses').selectAll().where('id', '=', stored.id).executeTakeFirstOrThrow();
      const foreign = crypto.randomUUID();
      await db
        .insertInto('responses')
        .values({ ...row, id: foreign, activity: 'Ajout concurrent' })
        .execute();
      try {
        expect(await movedAfterWriting()).toBe(true);
      } finally {
        await db.deleteFrom('responses').where('id', '=', foreign).execute();
      }
    } finally {
      await staging.discard();
    }
  });

  it('leaves nothing when a row near the end of a large file is refused, after ranges were written (PostgreSQL writes them as the file is read)', async () => {
    const csv = `${csvOf('Late', 4500)}Health,Late bad,Sevare,Ongoing,2026-02-30\n`;
    const answer = await upload(csv);
    expect(answer.statusCode).toBe(422);
    expect(answer.json().report.issues.map((i: { row: number }) => i.row)).toContain(4502);
    expect(await countOf('Late')).toBe(0);
    expect(await countStaged(t.database.db)).toBe(0);
    if (kind === 'postgresql') {
      const open = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`.execute(t.database.db);
      expect(open.rows[0]!.n).toBe(0);
    }
    // The transaction was rolled back and its connection given back: the same rows, fixed, go through.
    expect((await upload(csvOf('Late', 4500))).statusCode).toBe(200);
    expect(await countOf('Late')).toBe(4500);
  }, 240_000);

  it.runIf(kind === 'pglite')(
    'refuses the import, leaving nothing, when a record is stored under a key it matched while its new records were written hidden',
    async () => {
      const { db } = t.database;
      // A record stored by the same rows' import: its key (organisation, month, sector, place, group) is the one the rows below match.
      expect((await upload(csvOf('Probe', 1))).statusCode).toBe(200);
      const probe = await db.selectFrom('responses').selectAll().where('activity', '=', 'Probe 1').executeTakeFirstOrThrow();
      const importing = upload(csvOf('Contested', 6000));
      // Once its new records are being written hidden (between two of its ranges), someone else
      // stores a record under the same key. Asked back to back, so that the question is queued
      // whenever one of the import's turns ends.
      while ((await db.selectFrom('pending_imports').select('id').execute()).length === 0) await new Promise((resolve) => setImmediate(resolve));
      await db
        .insertInto('responses')
        .values({ ...probe, id: crypto.randomUUID(), activity: 'Saisie concurrente', version: 1 })
        .execute();
      const answer = await importing;
      expect(answer.statusCode, answer.body.slice(0, 300)).toBe(409);
      expect(answer.json().code).toBe('import_changed');
      expect(await countOf('Contested')).toBe(0);
      expect(await countOf('Contested', 'response_records')).toBe(0);
      expect(await db.selectFrom('pending_imports').selectAll().execute()).toEqual([]);
      expect(await countStaged(db)).toBe(0);
      await db.deleteFrom('responses').where('activity', 'in', ['Saisie concurrente', 'Probe 1']).execute();
    },
    240_000,
  );

  it('tells a partner once, not twice, that a row of another organisation’s record is not theirs', async () => {
    const { db } = t.database;
    const partnerUser = await db.selectFrom('users').select('organisation_id').where('email', '=', 'partner@demo.relais').executeTakeFirstOrThrow();
    // The partner's record in Sévaré, then handed to another organisation.
    const sevare = await db.selectFrom('localities').select('id').where('name', '=', 'Sévaré').executeTakeFirstOrThrow();
    const created = await t.request(partner, {
      method: 'POST',
      url: '/api/v1/responses',
      payload: { period: '2026-03', sector: 'sante', activity: 'Clinique mobile', localityId: sevare.id, status: 'ongoing', startDate: '2026-03-01' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const otherOrganisation = await db
      .selectFrom('organisations')
      .select(['id', 'acronym'])
      .where('id', '!=', partnerUser.organisation_id!)
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    const other = { id: created.json<{ id: string }>().id };
    await db.updateTable('responses').set({ organisation_id: otherOrganisation.id }).where('id', '=', other.id).execute();
    // The row names that organisation too: both the record and the row are out of the partner's reach.
    const answer = await upload(
      `Record id,Organisation,Sector,Activity,Locality,Status,Start date\n${other.id},${otherOrganisation.acronym},Health,Autre,Sevare,Ongoing,2026-03-01\n`,
    );
    expect(answer.statusCode).toBe(422);
    const issues = answer.json().report.issues as { row: number; code: string }[];
    expect(issues.filter((i) => i.code === 'organisation_not_allowed')).toHaveLength(1);
  });

  it('refuses a file whose two rows would change the same record', async () => {
    const record = await t.database.db.selectFrom('responses').select(['id', 'activity']).orderBy('id').limit(1).executeTakeFirstOrThrow();
    const csv = `Record id,Sector,Activity,Locality,Status,Start date\n${record.id},Health,Once,Sevare,Ongoing,2026-03-01\n${record.id.toUpperCase()},Health,Twice,Sevare,Ongoing,2026-03-01\n`;
    const answer = await upload(csv);
    expect(answer.statusCode).toBe(422);
    expect(JSON.stringify(answer.json())).toMatch(/row 2|ligne 2/);
  });

  it('refuses an apply whose rows name a place, organisation, package or alert deleted since they were checked, or a user gone', async () => {
    const { db } = t.database;
    const repo = responsesRepository(db);
    const user = await db.selectFrom('users').select('id').where('email', '=', 'partner@demo.relais').executeTakeFirstOrThrow();
    const locality = await db.selectFrom('localities').select('id').where('name', '=', 'Sévaré').executeTakeFirstOrThrow();
    const organisation = await db.selectFrom('organisations').select('id').orderBy('name').limit(1).executeTakeFirstOrThrow();
    const actor = { userId: user.id, requestId: 'test', apiTokenId: null as string | null };
    const gone = async (values: Record<string, unknown>, who = actor) => {
      const staging = new ImportStaging(db);
      await staging.stage('create', [
        { id: crypto.randomUUID(), values: { organisationId: organisation.id, localityId: locality.id, alertIds: [], ...values } },
      ]);
      try {
        return await db.transaction().execute((trx) => repo.stagedReferencesGone(trx, staging.id, who, { first: 0, last: 0 }));
      } finally {
        await staging.discard();
      }
    };
    const missing = crypto.randomUUID();
    expect(await gone({})).toBe(false);
    expect(await gone({ localityId: missing })).toBe(true);
    expect(await gone({ organisationId: missing })).toBe(true);
    expect(await gone({ packageId: missing })).toBe(true);
    expect(await gone({ alertIds: [missing] })).toBe(true);
    expect(await gone({}, { ...actor, userId: missing })).toBe(true);
    expect(await gone({}, { ...actor, apiTokenId: missing })).toBe(true);
  });

  it('writes new records hidden, raising no data version and logging no change, until it shows them all; a restart deletes them', async () => {
    const { db } = t.database;
    const repo = responsesRepository(db);
    const user = await db.selectFrom('users').select('id').where('email', '=', 'partner@demo.relais').executeTakeFirstOrThrow();
    const actor = { userId: user.id, requestId: 'hidden-test', apiTokenId: null };
    const stored = (await repo.findStored(db, (await db.selectFrom('responses').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow()).id))!;
    const newRecords = (n: number, prefix: string) =>
      Array.from({ length: n }, (_, i) => ({ id: crypto.randomUUID(), values: { ...stored, activity: `${prefix} ${i}` }, matched: false, fp: null }));
    const write = (staging: ImportStaging) =>
      staging.writeHidden(2, (trx, range) =>
        staging.withoutRowByRowReferenceChecks(trx, () => repo.applyStagedImport(trx, staging.id, actor, range, ['create'])),
      );
    const visible = async (prefix: string) => ({ records: await countOf(prefix), stored: await countOf(prefix, 'response_records') });
    const logs = async () => {
      const version = await db.selectFrom('data_versions').select('version').where('name', '=', 'responses').executeTakeFirstOrThrow();
      const changes = await sql<{
        n: number;
      }>`SELECT (SELECT count(*) FROM gap_changes) + (SELECT count(*) FROM coverage_changes) + (SELECT count(*) FROM response_totals_changes) AS n`.execute(db);
      return { version: Number(version.version), changes: Number(changes.rows[0]!.n) };
    };
    const auditOf = async (importId: string) =>
      Number(
        (
          await db
            .selectFrom('audit_events')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('import_id', '=', importId)
            .executeTakeFirstOrThrow()
        ).n,
      );

    // Written in three ranges, three transactions: stored, not shown, nothing logged.
    const shown = new ImportStaging(db);
    for (const batch of [2, 2, 1]) await shown.stage('create', newRecords(batch, `Cachée ${batch}`));
    const before = await logs();
    await write(shown);
    expect(await visible('Cachée')).toEqual({ records: 0, stored: 5 });
    // Nor matched by another import's rows (the matching reads the table, with the view's rule).
    const matched = async () => (await repo.findStoredByNaturalKeys(db, [stored])).filter((r) => r.activity.startsWith('Cachée')).length;
    expect(await matched()).toBe(0);
    expect(await auditOf(shown.id)).toBe(5);
    expect(await logs()).toEqual(before);
    // Shown by the final transaction, with what the triggers did not log.
    await shown.finish(
      2,
      async () => undefined,
      (trx) => repo.logImportChanges(trx, shown.id),
    );
    expect(await visible('Cachée')).toEqual({ records: 5, stored: 5 });
    expect(await matched()).toBe(5);
    const after = await logs();
    expect(after.version).toBe(before.version + 1);
    expect(after.changes).toBeGreaterThan(before.changes);
    expect(await db.selectFrom('pending_imports').selectAll().execute()).toEqual([]);

    // Killed before it showed them: the next start deletes them, and a finish after that is refused.
    const killed = new ImportStaging(db);
    await killed.stage('create', newRecords(3, 'Abandonnée'));
    await write(killed);
    expect(await visible('Abandonnée')).toEqual({ records: 0, stored: 3 });
    await db
      .updateTable('pending_imports')
      .set({ started_at: new Date(Date.now() - 24 * 3600_000) })
      .where('id', '=', killed.id)
      .execute();
    await cleanAbandonedStaging(db, kind);
    expect(await visible('Abandonnée')).toEqual({ records: 0, stored: 0 });
    expect(await auditOf(killed.id)).toBe(0);
    await expect(
      killed.finish(
        2,
        async () => undefined,
        async () => undefined,
      ),
    ).rejects.toMatchObject({ code: 'import_interrupted' });
    // A discarded one leaves nothing either.
    const discarded = new ImportStaging(db);
    await discarded.stage('create', newRecords(3, 'Jetée'));
    await write(discarded);
    await discarded.discard();
    expect(await visible('Jetée')).toEqual({ records: 0, stored: 0 });
    expect(await db.selectFrom('pending_imports').selectAll().execute()).toEqual([]);
    await db.deleteFrom('responses').where('activity', 'like', 'Cachée %').execute();
  });

  it('tells an import undone by a deadlock or a serialization failure as changed meanwhile (409), not as a failure of the server', async () => {
    const { db } = t.database;
    const failing = async (errcode: string) => {
      const staging = new ImportStaging(db);
      await staging.stage('create', [{ id: crypto.randomUUID() }]);
      const applied = staging.apply((trx) =>
        sql`DO $$ BEGIN RAISE EXCEPTION 'raised by the test' USING ERRCODE = ${sql.raw(`'${errcode}'`)}; END $$`.execute(trx),
      );
      const error = await applied.then(
        () => null,
        (e: unknown) => e,
      );
      expect(await countStaged(db, staging.id)).toBe(0);
      return error;
    };
    expect(await failing('deadlock_detected')).toMatchObject({ code: 'import_changed', status: 409 });
    expect(await failing('serialization_failure')).toMatchObject({ code: 'import_changed', status: 409 });
    // Any other failure is not a conflict: it stays what it is.
    expect(await failing('check_violation')).toMatchObject({ code: '23514' });
  });

  it('removes at start the batches of an import killed before it finished', async () => {
    const { db } = t.database;
    const abandoned = new ImportStaging(db);
    await abandoned.stage('create', [{ id: crypto.randomUUID() }]);
    await db
      .updateTable('import_staging')
      .set({ created_at: new Date(Date.now() - 24 * 3600_000) })
      .where('import_id', '=', abandoned.id)
      .execute();
    const recent = new ImportStaging(db);
    await recent.stage('create', [{ id: crypto.randomUUID() }]);

    await cleanAbandonedStaging(db, kind);
    expect(await countStaged(db, abandoned.id)).toBe(0);
    // The embedded store belongs to this process alone: everything staged is abandoned. A
    // PostgreSQL database may serve another running server: its recent batches are kept.
    expect(await countStaged(db, recent.id)).toBe(kind === 'pglite' ? 0 : 1);
    await recent.discard();
  });
});
