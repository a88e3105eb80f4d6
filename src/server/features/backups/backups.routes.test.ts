import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupFile, BackupStatus } from '../../../shared/contracts/backups.ts';
import { type Database, fromPglite, fromPostgres, pgliteExtensions } from '../../db/database.ts';
import { withDatabase } from '../../test/global-setup.ts';
import { createTestApp, type Session, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';

/** Rows per table of the application's schema. */
async function rowCounts(database: Pick<Database, 'db'>): Promise<Record<string, number>> {
  const tables = await sql<{
    name: string;
  }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`.execute(database.db);
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows)
    counts[name] = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(name)}`.execute(database.db)).rows[0]!.n;
  return counts;
}

describe.each(databaseKinds)('backups on %s', (kind) => {
  let t: TestApp;
  let admin: Session;
  const backupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-backups-'));

  beforeAll(async () => {
    t = await createTestApp(kind, { BACKUP_DIR: backupDir, BACKUP_KEEP: '2' });
    admin = await t.login('admin');
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(backupDir, { recursive: true, force: true });
  });

  it('is for administrators only', async () => {
    const coordinator = await t.login('coordinator');
    expect((await t.request(coordinator, { method: 'GET', url: '/api/v1/admin/backups' })).statusCode).toBe(403);
    expect((await t.request(coordinator, { method: 'POST', url: '/api/v1/admin/backups' })).statusCode).toBe(403);
  });

  if (kind === 'pglite') {
    // Three dumps of the whole store and a restore: a minute or more when the machine is busy.
    it('takes a consistent backup while the server writes, restores it, and keeps the newest ones', { timeout: 180_000 }, async () => {
      expect((await t.request(admin, { method: 'GET', url: '/api/v1/admin/backups' })).json()).toMatchObject({
        database: 'pglite',
        last: null,
        items: [],
        keep: 2,
      });

      // Organisations created while the backup is taken: each one is written with its audit event in one transaction.
      const creations = Array.from({ length: 12 }, (_, i) =>
        t.request(admin, {
          method: 'POST',
          url: '/api/v1/organisations',
          payload: { name: `Organisation de sauvegarde ${i}`, acronym: `SAUV${i}`, type: 'nngo', roles: ['post_rrm_actor'] },
        }),
      );
      const [taken, ...created] = await Promise.all([t.request(admin, { method: 'POST', url: '/api/v1/admin/backups' }), ...creations]);
      expect(taken.statusCode, taken.body).toBe(201);
      expect(created.every((r) => r.statusCode === 201)).toBe(true);
      const file: BackupFile = taken.json();
      expect(file.name).toMatch(/^relais-backup-.*\.tar\.gz$/);
      expect(fs.statSync(path.join(backupDir, file.name)).size).toBe(file.bytes);

      const restored = fromPglite(
        await PGlite.create({ loadDataDir: new Blob([fs.readFileSync(path.join(backupDir, file.name))]), extensions: pgliteExtensions }),
      );
      try {
        const inCopy = await restored.db.selectFrom('organisations').select('id').where('acronym', 'like', 'SAUV%').execute();
        const auditedInCopy = await restored.db
          .selectFrom('audit_events')
          .select('entity_id')
          .where('entity', '=', 'organisation')
          .where('action', '=', 'create')
          .execute();
        // A consistent copy: every organisation in it has its audit event, none is half-written.
        expect(inCopy.every((o) => auditedInCopy.some((a) => a.entity_id === o.id))).toBe(true);
        const live = await rowCounts(t.database);
        const copy = await rowCounts(restored);
        expect(Object.keys(copy)).toEqual(Object.keys(live));
        expect(copy.organisations).toBe(live.organisations! - (12 - inCopy.length));
      } finally {
        await restored.close();
      }

      const audit = await t.database.db.selectFrom('audit_events').select(['entity', 'entity_id']).where('entity', '=', 'backup').execute();
      expect(audit).toEqual([{ entity: 'backup', entity_id: file.name }]);

      for (let i = 0; i < 2; i++) expect((await t.request(admin, { method: 'POST', url: '/api/v1/admin/backups' })).statusCode).toBe(201);
      const status: BackupStatus = (await t.request(admin, { method: 'GET', url: '/api/v1/admin/backups' })).json();
      expect(status.items).toHaveLength(2);
      expect(status.items.map((f) => f.name)).not.toContain(file.name);
      expect(status.last).toEqual(status.items[0]);
    });
  } else {
    it('leaves PostgreSQL to pg_dump and pg_restore, which give back every row of every table', async () => {
      const refused = await t.request(admin, { method: 'POST', url: '/api/v1/admin/backups' });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe('backup_postgresql');

      const url = process.env.DATABASE_URL!;
      const source = (await sql<{ name: string }>`SELECT current_database() AS name`.execute(t.database.db)).rows[0]!.name;
      const dump = path.join(backupDir, 'relais.dump');
      execFileSync('pg_dump', ['-Fc', '-f', dump, withDatabase(url, source)]);
      const target = `${source}_restored`;
      const adminClient = new pg.Client({ connectionString: url });
      await adminClient.connect();
      await adminClient.query(`CREATE DATABASE ${target}`);
      try {
        execFileSync('pg_restore', ['--no-owner', '-d', withDatabase(url, target), dump]);
        const restored = fromPostgres(withDatabase(url, target));
        try {
          const copy = await rowCounts(restored);
          expect(Object.keys(copy).length).toBeGreaterThan(30);
          expect(copy).toEqual(await rowCounts(t.database));
          expect(copy.users).toBeGreaterThan(0);
        } finally {
          await restored.close();
        }
      } finally {
        await adminClient.query(`DROP DATABASE IF EXISTS ${target} WITH (FORCE)`);
        await adminClient.end();
      }
    });
  }
});
