import { type Kysely, sql } from 'kysely';
import type { ListStatus } from '../../../shared/contracts/lists.ts';
import type { Page, PageQuery } from '../../../shared/contracts/common.ts';
import type { DB } from '../../db/schema.ts';
import { paginate } from '../../lib/pagination.ts';
import type { BatchRange } from '../../lib/tabular/staging.ts';

/**
 * SQL of beneficiary lists. Household rows come back as ciphertext: decrypting is the service's
 * business, after its permission check.
 */

export interface ListRecord {
  id: string;
  code: string;
  title: string;
  organisation: { id: string; acronym: string; name: string };
  status: ListStatus;
  purpose: string;
  legalBasis: string;
  legalBasisNote: string | null;
  sensitivity: string;
  protocolVersion: string;
  sectors: string[];
  assistanceFrom: string | null;
  assistanceTo: string | null;
  alertId: string | null;
  retentionUntil: string;
  rowCount: number;
  householdCount: number;
  localities: { id: string; name: string; pcode: string | null }[];
  createdAt: Date;
  purgedAt: Date | null;
  version: number;
  wrappedKey: Buffer | null;
  /** The encoding scheme of an encoded list, null for a list of names; the fingerprint of the key that made it. */
  encoding: string | null;
  keyFingerprint: string | null;
}

export interface NewList {
  title: string;
  organisationId: string;
  purpose: string;
  legalBasis: string;
  legalBasisNote: string | null;
  sensitivity: string;
  protocolVersion: string;
  sectors: string[];
  assistanceFrom: string | null;
  assistanceTo: string | null;
  alertId: string | null;
  retentionUntil: string;
  fileName: string;
  fileDigest: string;
  wrappedKey: Buffer;
  keyId: string;
  uploadedBy: string;
  encoding?: string;
  keyFingerprint?: string;
}

/** A household of an encoded list: its encoding encrypted under the list's data key, and the plain fields that came with it. */
export interface NewEncodedHousehold {
  id: string;
  rowNumber: number;
  localityId: string;
  sector: string;
  assistanceDate: string;
  householdSize: number | null;
  clk: Buffer;
}

/** An encoded household read for a deduplication run: ciphertext, its list's wrapped key and key fingerprint. */
export interface EncodedCipher {
  id: string;
  listId: string;
  householdSize: number | null;
  localityPcode: string | null;
  clk: Buffer;
  clusterId: string | null;
  wrappedKey: Buffer;
  keyFingerprint: string;
}

export interface NewHousehold {
  id: string;
  rowNumber: number;
  localityId: string;
  sector: string;
  assistanceDate: string;
  householdSize: number | null;
  payload: Buffer;
  householdKey: string | null;
  ninaIndex: string | null;
  namePhoneIndexes: string[];
  blockKeys: string[];
}

/** Items of this kind in an upload's staging are `StagedHousehold`s. */
export const stagedHouseholdKind = 'household';

/**
 * A household as an upload stages it (JSON) before the apply writes it: already encrypted and
 * hashed, so the staging never holds a readable personal value, and deleted by the apply.
 */
export interface StagedHousehold {
  id: string;
  row: number;
  locality: string;
  sector: string;
  date: string;
  size: number | null;
  /** The sealed household, base64. */
  payload: string;
  key: string | null;
  nina: string | null;
  phones: string[];
  blocks: string[];
}

export interface HouseholdCipher {
  id: string;
  listId: string;
  rowNumber: number;
  locality: { id: string; name: string; pcode: string | null };
  sector: string;
  assistanceDate: string;
  householdSize: number | null;
  payload: Buffer | null;
}

function listQuery(db: Kysely<DB>) {
  return db
    .selectFrom('beneficiary_lists as l')
    .innerJoin('organisations as o', 'o.id', 'l.organisation_id')
    .select([
      'l.id',
      'l.code',
      'l.title',
      'l.status',
      'l.purpose',
      'l.legal_basis',
      'l.legal_basis_note',
      'l.sensitivity',
      'l.protocol_version',
      'l.sectors',
      'l.assistance_from',
      'l.assistance_to',
      'l.alert_id',
      'l.retention_until',
      'l.row_count',
      'l.household_count',
      'l.created_at',
      'l.purged_at',
      'l.version',
      'l.wrapped_key',
      'l.encoding',
      'l.key_fingerprint',
      'o.id as organisation_id',
      'o.acronym as organisation_acronym',
      'o.name as organisation_name',
      sql<{ id: string; name: string; pcode: string | null }[]>`coalesce((
        SELECT json_agg(json_build_object('id', loc.id, 'name', loc.name, 'pcode', loc.pcode) ORDER BY loc.name)
        FROM localities loc WHERE loc.id IN (SELECT c.locality_id FROM list_coverage c WHERE c.list_id = l.id)
      ), '[]'::json)`.as('localities'),
    ]);
}
type ListRow = Awaited<ReturnType<ReturnType<typeof listQuery>['executeTakeFirstOrThrow']>>;

function toRecord(row: ListRow): ListRecord {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    organisation: { id: row.organisation_id, acronym: row.organisation_acronym, name: row.organisation_name },
    status: row.status as ListStatus,
    purpose: row.purpose,
    legalBasis: row.legal_basis,
    legalBasisNote: row.legal_basis_note,
    sensitivity: row.sensitivity,
    protocolVersion: row.protocol_version,
    sectors: row.sectors,
    assistanceFrom: row.assistance_from,
    assistanceTo: row.assistance_to,
    alertId: row.alert_id,
    retentionUntil: row.retention_until,
    rowCount: row.row_count,
    householdCount: row.household_count,
    localities: row.localities,
    createdAt: row.created_at,
    purgedAt: row.purged_at,
    version: row.version,
    wrappedKey: row.wrapped_key,
    encoding: row.encoding,
    keyFingerprint: row.key_fingerprint,
  };
}

export function listsRepository(db: Kysely<DB>) {
  return {
    // ---- protocol ----
    async acceptance(organisationId: string, version: string) {
      return db
        .selectFrom('list_protocol_acceptances as a')
        .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
        .innerJoin('users as u', 'u.id', 'a.accepted_by')
        .select(['o.id', 'o.acronym', 'o.name', 'a.version', 'a.signatory_name', 'a.accepted_at', 'u.name as accepted_by'])
        .where('a.organisation_id', '=', organisationId)
        .where('a.version', '=', version)
        .executeTakeFirst();
    },
    async acceptances(version: string, organisationId?: string) {
      let q = db
        .selectFrom('list_protocol_acceptances as a')
        .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
        .innerJoin('users as u', 'u.id', 'a.accepted_by')
        .select(['o.id', 'o.acronym', 'o.name', 'a.version', 'a.signatory_name', 'a.accepted_at', 'u.name as accepted_by'])
        .where('a.version', '=', version);
      if (organisationId) q = q.where('a.organisation_id', '=', organisationId);
      return q.orderBy('o.acronym').execute();
    },
    async insertAcceptance(trx: Kysely<DB>, values: { organisationId: string; version: string; signatoryName: string; userId: string }) {
      await trx
        .insertInto('list_protocol_acceptances')
        .values({ organisation_id: values.organisationId, version: values.version, signatory_name: values.signatoryName, accepted_by: values.userId })
        .onConflict((oc) => oc.columns(['organisation_id', 'version']).doNothing())
        .execute();
    },

    // ---- column mappings ----
    mappings(organisationId: string) {
      return db.selectFrom('list_column_mappings').select(['header', 'column_key as column']).where('organisation_id', '=', organisationId).orderBy('header').execute();
    },
    async replaceMappings(trx: Kysely<DB>, organisationId: string, mappings: { header: string; headerKey: string; column: string }[], userId: string) {
      await trx.deleteFrom('list_column_mappings').where('organisation_id', '=', organisationId).execute();
      if (mappings.length === 0) return;
      await trx
        .insertInto('list_column_mappings')
        .values(mappings.map((m) => ({ organisation_id: organisationId, header_key: m.headerKey, header: m.header, column_key: m.column, updated_by: userId })))
        .execute();
    },

    // ---- registry ----
    async page(query: PageQuery & { organisationId?: string; status?: ListStatus }): Promise<Page<ListRecord>> {
      let q = listQuery(db);
      if (query.organisationId) q = q.where('l.organisation_id', '=', query.organisationId);
      if (query.status) q = q.where('l.status', '=', query.status);
      return paginate(q, query, (x) => x.orderBy('l.created_at', 'desc').orderBy('l.id'), toRecord);
    },
    async get(trx: Kysely<DB>, id: string): Promise<ListRecord | undefined> {
      const row = await listQuery(trx).where('l.id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },
    async findByDigest(organisationId: string, digest: string): Promise<ListRecord | undefined> {
      const row = await listQuery(db).where('l.organisation_id', '=', organisationId).where('l.file_digest', '=', digest).executeTakeFirst();
      return row && toRecord(row);
    },
    async coverage(listId: string) {
      return db
        .selectFrom('list_coverage as c')
        .innerJoin('localities as loc', 'loc.id', 'c.locality_id')
        .select(['loc.id', 'loc.name', 'loc.pcode', 'c.sector', 'c.month', 'c.households'])
        .where('c.list_id', '=', listId)
        .orderBy('c.month')
        .orderBy('loc.name')
        .orderBy('c.sector')
        .execute();
    },
    async insertList(trx: Kysely<DB>, list: NewList, year: number): Promise<{ id: string; code: string }> {
      const { n } = await sql<{ n: number }>`SELECT nextval('beneficiary_list_code_seq')::int AS n`.execute(trx).then((r) => r.rows[0]!);
      const code = `LST-${year}-${String(n).padStart(4, '0')}`;
      const { id } = await trx
        .insertInto('beneficiary_lists')
        .values({
          code,
          title: list.title,
          organisation_id: list.organisationId,
          purpose: list.purpose,
          legal_basis: list.legalBasis,
          legal_basis_note: list.legalBasisNote,
          sensitivity: list.sensitivity,
          protocol_version: list.protocolVersion,
          sectors: list.sectors,
          assistance_from: list.assistanceFrom,
          assistance_to: list.assistanceTo,
          alert_id: list.alertId,
          retention_until: list.retentionUntil,
          row_count: 0,
          household_count: 0,
          file_name: list.fileName,
          file_digest: list.fileDigest,
          wrapped_key: list.wrappedKey,
          key_id: list.keyId,
          uploaded_by: list.uploadedBy,
          encoding: list.encoding ?? null,
          key_fingerprint: list.keyFingerprint ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id, code };
    },
    async insertHouseholds(trx: Kysely<DB>, listId: string, rows: readonly NewHousehold[]): Promise<void> {
      if (rows.length === 0) return;
      await trx
        .insertInto('list_households')
        .values(
          rows.map((r) => ({
            id: r.id,
            list_id: listId,
            row_number: r.rowNumber,
            locality_id: r.localityId,
            sector: r.sector,
            assistance_date: r.assistanceDate,
            household_size: r.householdSize,
            payload: r.payload,
            household_key: r.householdKey,
            nina_index: r.ninaIndex,
            name_phone_indexes: r.namePhoneIndexes,
            block_keys: r.blockKeys,
          })),
        )
        .execute();
    },
    /** True when a household staged under `importId` names a place deleted since its row was checked (what the foreign key would refuse row by row). */
    async stagedHouseholdPlacesGone(trx: Kysely<DB>, importId: string): Promise<boolean> {
      const { rows } = await sql<{ gone: boolean }>`
        SELECT EXISTS (
          SELECT 1 FROM import_staging s
          CROSS JOIN LATERAL jsonb_to_recordset(s.items) AS h(locality uuid)
          WHERE s.import_id = ${importId} AND s.kind = ${stagedHouseholdKind}
            AND NOT EXISTS (SELECT 1 FROM localities l WHERE l.id = h.locality)) AS gone`.execute(trx);
      return rows[0]?.gone ?? true;
    },
    /**
     * Moves the households an upload staged under `importId` in batches `range.first`..`range.last`
     * (src/server/lib/tabular/staging.ts, items of kind `household`, each a `StagedHousehold`) into
     * the list, set-based, in the apply's transaction. Returns the number of rows written.
     */
    async applyStagedHouseholds(trx: Kysely<DB>, importId: string, listId: string, range: BatchRange): Promise<number> {
      const result = await sql`
        INSERT INTO list_households (id, list_id, row_number, locality_id, sector, assistance_date, household_size, payload, household_key, nina_index, name_phone_indexes, block_keys)
        SELECT h.id, ${listId}::uuid, h.row, h.locality, h.sector, h.date, h.size, decode(h.payload, 'base64'), h.key, h.nina, h.phones, h.blocks
        FROM import_staging s
        CROSS JOIN LATERAL jsonb_to_recordset(s.items) AS h(id uuid, row integer, locality uuid, sector text, date date, size integer, payload text, key text, nina text, phones text[], blocks text[])
        WHERE s.import_id = ${importId} AND s.kind = ${stagedHouseholdKind} AND s.batch BETWEEN ${range.first} AND ${range.last}`.execute(trx);
      return Number(result.numAffectedRows ?? 0);
    },
    async insertEncodedHouseholds(trx: Kysely<DB>, listId: string, rows: readonly NewEncodedHousehold[]): Promise<void> {
      for (let i = 0; i < rows.length; i += 1000) {
        await trx
          .insertInto('list_households')
          .values(
            rows.slice(i, i + 1000).map((r) => ({
              id: r.id,
              list_id: listId,
              row_number: r.rowNumber,
              locality_id: r.localityId,
              sector: r.sector,
              assistance_date: r.assistanceDate,
              household_size: r.householdSize,
              clk: r.clk,
            })),
          )
          .execute();
      }
    },
    /** Localities of the gazetteer by P-code (upper case), for the P-codes an encoded upload gives. */
    async localitiesByPcode(pcodes: readonly string[]): Promise<Map<string, string>> {
      const found = new Map<string, string>();
      for (let i = 0; i < pcodes.length; i += 1000) {
        const rows = await db
          .selectFrom('localities')
          .select(['id', 'pcode'])
          .where(sql<string>`upper(pcode)`, 'in', pcodes.slice(i, i + 1000))
          .execute();
        for (const row of rows) if (row.pcode) found.set(row.pcode.toUpperCase(), row.id);
      }
      return found;
    },
    /** Live households of encoded lists after `afterId`, by id: a deduplication run reads them page by page. */
    async liveEncodedAfter(afterId: string | null, limit: number): Promise<EncodedCipher[]> {
      let q = db
        .selectFrom('list_households as h')
        .innerJoin('beneficiary_lists as l', 'l.id', 'h.list_id')
        .innerJoin('localities as loc', 'loc.id', 'h.locality_id')
        .select(['h.id', 'h.list_id', 'h.household_size', 'h.clk', 'h.cluster_id', 'loc.pcode', 'l.wrapped_key', 'l.key_fingerprint'])
        .where('h.erased_at', 'is', null)
        .where('h.clk', 'is not', null)
        .where('l.wrapped_key', 'is not', null)
        .where('l.encoding', 'is not', null);
      if (afterId) q = q.where('h.id', '>', afterId);
      const rows = await q.orderBy('h.id').limit(limit).execute();
      return rows.map((r) => ({
        id: r.id,
        listId: r.list_id,
        householdSize: r.household_size,
        localityPcode: r.pcode,
        clk: r.clk!,
        clusterId: r.cluster_id,
        wrappedKey: r.wrapped_key!,
        keyFingerprint: r.key_fingerprint!,
      }));
    },
    /**
     * Once every row is in: the list's figures and its distinct households per locality × sector ×
     * month (rows of one household counted once; a row without a household key is its own household).
     */
    async finishList(trx: Kysely<DB>, listId: string): Promise<void> {
      await sql`
        INSERT INTO list_coverage (list_id, locality_id, sector, month, households)
        SELECT list_id, locality_id, sector, date_trunc('month', assistance_date)::date, count(DISTINCT coalesce(household_key, id::text))::int
        FROM list_households WHERE list_id = ${listId}
        GROUP BY list_id, locality_id, sector, date_trunc('month', assistance_date)`.execute(trx);
      await sql`
        UPDATE beneficiary_lists l SET
          row_count = s.rows, household_count = s.households,
          assistance_from = s.first_date, assistance_to = s.last_date, sectors = s.sectors
        FROM (
          SELECT count(*)::int AS rows, count(DISTINCT coalesce(household_key, id::text))::int AS households,
            min(assistance_date) AS first_date, max(assistance_date) AS last_date, array_agg(DISTINCT sector ORDER BY sector) AS sectors
          FROM list_households WHERE list_id = ${listId}
        ) s
        WHERE l.id = ${listId}`.execute(trx);
    },
    async setStatus(trx: Kysely<DB>, id: string, version: number, status: ListStatus): Promise<boolean> {
      const result = await trx
        .updateTable('beneficiary_lists')
        .set({ status, version: sql`version + 1`, updated_at: new Date() })
        .where('id', '=', id)
        .where('version', '=', version)
        .where('status', '<>', 'purged')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Crypto-shredding: the wrapped key goes, so every ciphertext of the list is noise; then the rows and keyed hashes go too. Counts stay. */
    async purge(trx: Kysely<DB>, id: string, userId: string | null): Promise<void> {
      await trx
        .updateTable('beneficiary_lists')
        .set({ wrapped_key: null, key_id: null, file_digest: null, status: 'purged', purged_at: new Date(), purged_by: userId, version: sql`version + 1`, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
      await trx.deleteFrom('list_households').where('list_id', '=', id).execute();
    },
    async dueForPurge(today: string): Promise<string[]> {
      const rows = await db.selectFrom('beneficiary_lists').select('id').where('status', '<>', 'purged').where('retention_until', '<', today).execute();
      return rows.map((r) => r.id);
    },

    // ---- households (ciphertext) ----
    householdPage(listId: string, page: PageQuery): Promise<Page<HouseholdCipher>> {
      const q = db
        .selectFrom('list_households as h')
        .innerJoin('localities as loc', 'loc.id', 'h.locality_id')
        .select(['h.id', 'h.list_id', 'h.row_number', 'h.sector', 'h.assistance_date', 'h.household_size', 'h.payload', 'loc.id as locality_id', 'loc.name as locality_name', 'loc.pcode as locality_pcode'])
        .where('h.list_id', '=', listId)
        .where('h.erased_at', 'is', null);
      return paginate(q, page, (x) => x.orderBy('h.row_number'), toCipher);
    },
    async *householdsOf(filter: { listId?: string; localityId?: string; sector?: string; from?: string; to?: string }): AsyncGenerator<HouseholdCipher & { wrappedKey: Buffer }> {
      let q = db
        .selectFrom('list_households as h')
        .innerJoin('beneficiary_lists as l', 'l.id', 'h.list_id')
        .innerJoin('localities as loc', 'loc.id', 'h.locality_id')
        .select(['h.id', 'h.list_id', 'h.row_number', 'h.sector', 'h.assistance_date', 'h.household_size', 'h.payload', 'loc.id as locality_id', 'loc.name as locality_name', 'loc.pcode as locality_pcode', 'l.wrapped_key'])
        .where('h.erased_at', 'is', null)
        .where('l.wrapped_key', 'is not', null);
      if (filter.listId) q = q.where('h.list_id', '=', filter.listId);
      if (filter.localityId) q = q.where('h.locality_id', '=', filter.localityId);
      if (filter.sector) q = q.where('h.sector', '=', filter.sector);
      if (filter.from) q = q.where('h.assistance_date', '>=', filter.from);
      if (filter.to) q = q.where('h.assistance_date', '<=', filter.to);
      let after: { listId: string; row: number } | null = null;
      for (;;) {
        const from: { listId: string; row: number } | null = after;
        const page: typeof q = from ? q.where((eb) => eb.or([eb('h.list_id', '>', from.listId), eb.and([eb('h.list_id', '=', from.listId), eb('h.row_number', '>', from.row)])])) : q;
        const rows: Awaited<ReturnType<typeof q.execute>> = await page
          .orderBy('h.list_id')
          .orderBy('h.row_number')
          .limit(1000)
          .execute();
        for (const row of rows) yield { ...toCipher(row), wrappedKey: row.wrapped_key! };
        if (rows.length < 1000) return;
        const last: (typeof rows)[number] = rows.at(-1)!;
        after = { listId: last.list_id, row: last.row_number };
      }
    },
    async findPersons(ninaIndex: string | null, namePhoneIndexes: string[]) {
      let q = db
        .selectFrom('list_households as h')
        .innerJoin('beneficiary_lists as l', 'l.id', 'h.list_id')
        .innerJoin('organisations as o', 'o.id', 'l.organisation_id')
        .innerJoin('localities as loc', 'loc.id', 'h.locality_id')
        .select([
          'h.id',
          'h.list_id',
          'h.row_number',
          'h.sector',
          'h.assistance_date',
          'h.household_size',
          'h.payload',
          'loc.id as locality_id',
          'loc.name as locality_name',
          'loc.pcode as locality_pcode',
          'l.wrapped_key',
          'l.code',
          'l.title',
          'o.id as organisation_id',
          'o.acronym as organisation_acronym',
          'o.name as organisation_name',
        ])
        .where('h.erased_at', 'is', null)
        .where('l.wrapped_key', 'is not', null);
      q = q.where((eb) =>
        eb.or([
          ...(ninaIndex ? [eb('h.nina_index', '=', ninaIndex)] : []),
          ...(namePhoneIndexes.length > 0 ? [eb(sql`h.name_phone_indexes`, '&&', sql`${sql.val(namePhoneIndexes)}::text[]`)] : []),
        ]),
      );
      const rows = await q.orderBy('l.created_at').orderBy('h.row_number').limit(200).execute();
      return rows.map((row) => ({
        ...toCipher(row),
        wrappedKey: row.wrapped_key!,
        list: { id: row.list_id, code: row.code, title: row.title, organisation: { id: row.organisation_id, acronym: row.organisation_acronym, name: row.organisation_name } },
      }));
    },
    async household(id: string, listId: string) {
      return db.selectFrom('list_households').select(['id', 'erased_at']).where('id', '=', id).where('list_id', '=', listId).executeTakeFirst();
    },
    /** One person's record erased on request: its ciphertext and keyed hashes go, its count stays. */
    async eraseHousehold(trx: Kysely<DB>, id: string): Promise<void> {
      await trx
        .updateTable('list_households')
        .set({ payload: null, nina_index: null, name_phone_indexes: [], block_keys: [], erased_at: new Date() })
        .where('id', '=', id)
        .execute();
    },

    // ---- coverage for the gap engine ----
    /**
     * Distinct households assisted per month at one locality in one sector, from every list:
     * live rows counted once per household — by `cluster_id` once deduplication has grouped the
     * records of one household across lists and organisations (a row uploaded since the last run
     * by the cluster of a row with the same household key), else by the household key (the same
     * NINA, or the same name with the same phone, in two lists is one household) — plus the
     * counts kept of purged lists, which can no longer be compared.
     */
    async coverageByMonth(localityId: string, sector: string): Promise<{ month: string; households: number; lists: number }[]> {
      const result = await sql<{ month: string; households: number; lists: number }>`
        SELECT month::text AS month, sum(households)::int AS households, sum(lists)::int AS lists FROM (
          SELECT date_trunc('month', h.assistance_date)::date AS month,
            count(DISTINCT coalesce(h.cluster_id::text,
              (SELECT k.cluster_id::text FROM list_households k WHERE k.household_key = h.household_key AND k.cluster_id IS NOT NULL LIMIT 1),
              h.household_key, h.id::text))::int AS households,
            count(DISTINCT h.list_id)::int AS lists
          FROM list_households h JOIN beneficiary_lists l ON l.id = h.list_id
          WHERE h.locality_id = ${localityId} AND h.sector = ${sector} AND l.status <> 'purged'
          GROUP BY 1
          UNION ALL
          SELECT c.month, sum(c.households)::int, count(*)::int
          FROM list_coverage c JOIN beneficiary_lists l ON l.id = c.list_id
          WHERE c.locality_id = ${localityId} AND c.sector = ${sector} AND l.status = 'purged'
          GROUP BY 1
        ) parts GROUP BY month ORDER BY month`.execute(db);
      return result.rows.map((r) => ({ month: r.month.slice(0, 7), households: r.households, lists: r.lists }));
    },
  };
}
export type ListsRepository = ReturnType<typeof listsRepository>;

/** A stored household row (with its locality) as the cipher the list keys decrypt; shared with deduplication runs. */
export function toCipher(row: {
  id: string;
  list_id: string;
  row_number: number;
  sector: string;
  assistance_date: string;
  household_size: number | null;
  payload: Buffer | null;
  locality_id: string;
  locality_name: string;
  locality_pcode: string | null;
}): HouseholdCipher {
  return {
    id: row.id,
    listId: row.list_id,
    rowNumber: row.row_number,
    locality: { id: row.locality_id, name: row.locality_name, pcode: row.locality_pcode },
    sector: row.sector,
    assistanceDate: row.assistance_date,
    householdSize: row.household_size,
    payload: row.payload,
  };
}
