import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../shared/permissions.ts';
import { countStaged } from './lib/tabular/staging.repository.ts';
import { multipartFile } from './test/multipart.ts';
import { createTestApp, type TestApp } from './test/test-app.ts';
import { databaseKinds } from './test/test-database.ts';

/**
 * One import of each kind written as the 5W one is (responses.import-staged.test.ts): staged in
 * short statements, then applied in one short transaction. Each file creates `rows` records
 * marked `${prefix} i` in a text column, so they can be counted; `variant` keeps the keys of two
 * files apart (place or region).
 */
interface StagedImportCase {
  name: string;
  url: string;
  role: Role;
  /** Where a reader looks meanwhile. */
  readUrl: string;
  table: 'alerts' | 'assessments' | 'capacities';
  marked: 'description' | 'title' | 'remarks';
  /** The audit entity of each record: the apply writes these rows last. */
  entity: string;
  csv(prefix: string, rows: number, variant: 0 | 1): string;
}

const isoDay = (from: string, days: number) => new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const capacitySectors = ['Sécurité alimentaire', 'Nutrition', 'Santé', 'Abris / AME', 'Protection', 'Éducation', 'Relèvement précoce', 'Cash multisectoriel'];

const cases: StagedImportCase[] = [
  {
    name: 'alerts',
    url: '/api/v1/alerts/import?dryRun=false',
    role: 'coordinator',
    readUrl: '/api/v1/alerts?pageSize=1',
    table: 'alerts',
    marked: 'description',
    entity: 'alert',
    csv: (prefix, rows, variant) => {
      const place = variant === 0 ? 'SEVARE;Mopti' : 'Gao;';
      const lines = ["Type de choc;Date du choc;Date de l'alerte;Localité d'accueil;Cercle;Ménages déplacés;Personnes déplacées;Commentaires"];
      for (let i = 1; i <= rows; i++) lines.push(`Conflit armé;02/05/2026;04/05/2026;${place};10;50;${prefix} ${i}`);
      return lines.join('\r\n');
    },
  },
  {
    name: 'assessments',
    url: '/api/v1/assessments/import?dryRun=false',
    role: 'coordinator',
    readUrl: '/api/v1/assessments?pageSize=1',
    table: 'assessments',
    marked: 'title',
    entity: 'assessment',
    csv: (prefix, rows, variant) => {
      // One assessment a row: a start date of its own.
      const place = variant === 0 ? 'ML050000000;Mopti' : 'ML060000000;Tombouctou';
      const lines = [
        "Type d'évaluation;Statut;Organisation;Début de collecte;Fin de collecte;Code P localité;Localité;Secteur;Sévérité (1-5);Ménages dans le besoin;Personnes dans le besoin;Titre",
      ];
      for (let i = 1; i <= rows; i++) {
        const day = isoDay('2015-01-01', i);
        lines.push(`ESM;Réalisée;ACTED;${day};${day};${place};Santé;3;120;700;${prefix} ${i}`);
      }
      return lines.join('\r\n');
    },
  },
  {
    name: 'capacities',
    url: '/api/v1/capacities/import?dryRun=false',
    role: 'coordinator',
    readUrl: '/api/v1/capacities?pageSize=1',
    table: 'capacities',
    marked: 'remarks',
    entity: 'capacity',
    csv: (prefix, rows, variant) => {
      // One capacity a row: organisation, sector, region and month differ.
      const region = variant === 0 ? 'Mopti' : 'Gao';
      const lines = ['Mois;Organisation;Secteur;Région;Ménages pouvant encore être couverts;Financement;Remarques'];
      for (let i = 1; i <= rows; i++) {
        const month = isoDay('2000-01-01', Math.floor((i - 1) / capacitySectors.length) * 31).slice(0, 7);
        lines.push(`${month};ACTED;${capacitySectors[(i - 1) % capacitySectors.length]!};${region};90;Non financé;${prefix} ${i}`);
      }
      return lines.join('\r\n');
    },
  },
];

async function waitFor(condition: () => Promise<boolean>, what: string): Promise<void> {
  const until = Date.now() + 120_000;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`waited too long for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe.each(databaseKinds)('alert, assessment and capacity imports staged then applied on %s', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  describe.each(cases)('$name', (c) => {
    const upload = async (csv: string) => {
      const body = multipartFile('big.csv', csv);
      return t.request(await t.login(c.role), { method: 'POST', url: c.url, payload: body.payload, headers: { ...body.headers, 'accept-language': 'en' } });
    };
    const countOf = async (prefix: string) => {
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(c.table)} WHERE ${sql.ref(c.marked)} LIKE ${`${prefix} %`}`.execute(
        t.database.db,
      );
      return rows[0]!.n;
    };

    it('answers a reader while the import is written, and readers see none of it until all of it', async () => {
      const rows = 2000;
      const events: string[] = [];
      const importing = upload(c.csv('Staged', rows, 0)).finally(() => events.push('import'));
      await waitFor(async () => (await countStaged(t.database.db)) > 0 || events.length > 0, 'the first staged batch');
      expect(events).toEqual([]);
      const read = await t.request(await t.login(c.role), { method: 'GET', url: c.readUrl });
      events.push('read');
      expect(read.statusCode, read.body.slice(0, 300)).toBe(200);

      const seen: number[] = [];
      while (events.length < 2) {
        seen.push(await countOf('Staged'));
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      const answer = await importing;
      expect(answer.statusCode, answer.body.slice(0, 300)).toBe(200);
      expect(answer.json().plan).toMatchObject({ create: rows });
      expect(events).toEqual(['read', 'import']);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.filter((n) => n !== 0 && n !== rows)).toEqual([]);
      expect(await countOf('Staged')).toBe(rows);
      expect(await countStaged(t.database.db)).toBe(0);
    }, 240_000);

    it('leaves nothing when the apply fails, and the same file then goes through', async () => {
      const file = c.csv('Doomed', 600, 1);
      const audited = async () =>
        (
          await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events WHERE entity = ${c.entity} AND after->>${c.marked} LIKE 'Doomed %'`.execute(
            t.database.db,
          )
        ).rows[0]!.n;
      // The audit rows are the last thing the apply writes: make it fail there.
      await sql`CREATE FUNCTION fail_import_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$`.execute(
        t.database.db,
      );
      await sql`CREATE TRIGGER fail_import_audit BEFORE INSERT ON audit_events FOR EACH ROW WHEN (NEW.entity = ${sql.lit(c.entity)}) EXECUTE FUNCTION fail_import_audit()`.execute(
        t.database.db,
      );
      try {
        expect((await upload(file)).statusCode).toBe(500);
      } finally {
        await sql`DROP TRIGGER fail_import_audit ON audit_events`.execute(t.database.db);
        await sql`DROP FUNCTION fail_import_audit()`.execute(t.database.db);
      }
      expect(await countOf('Doomed')).toBe(0);
      expect(await audited()).toBe(0);
      expect(await countStaged(t.database.db)).toBe(0);

      const answer = await upload(file);
      expect(answer.statusCode, answer.body.slice(0, 300)).toBe(200);
      expect(await countOf('Doomed')).toBe(600);
      expect(await audited()).toBe(600);
    }, 240_000);
  });
});
