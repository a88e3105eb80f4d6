import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { AdminArea, AdminAreaQuery, Locality, LocalityKind, LocalityQuery } from '../../../shared/contracts/gazetteer.ts';
import { searchKey } from '../../../shared/text.ts';
import type { DB } from '../../db/schema.ts';
import { paginate } from '../../lib/pagination.ts';
import type { AdminChain, AreaIndex } from './area-index.ts';
import type { AreaGeometry } from './geometry.ts';
import type { AreaRecord } from './import/boundary-features.ts';
import type { LocalityRecord } from './import/settlement-rows.ts';
import { looksLikePcode } from './pcode.ts';
import { withLocalityNames } from '../../db/locality-names.ts';

type NameKeyColumn = 'a.name_key' | 'l.name_key';

/**
 * Name search on `searchKey` values: the text anywhere in the name, or close to it by trigrams
 * (pg_trgm `%` on the whole name, `<%` on its best-matching words), so "tombuctou" finds
 * Tombouctou. Under three letters trigrams mean nothing: the text must appear as is.
 */
function nameMatches(column: NameKeyColumn, key: string): RawBuilder<SqlBool> {
  const ref = sql.ref(column);
  if (key.length < 3) return sql<SqlBool>`${ref} LIKE ${`%${key}%`}`;
  return sql<SqlBool>`(${ref} LIKE ${`%${key}%`} OR ${ref} % ${key} OR ${key} <% ${ref})`;
}

/** Exact names first, then names starting with the text, then containing it, then the closest spellings. */
function nameRank(column: NameKeyColumn, key: string): RawBuilder<number> {
  const ref = sql.ref(column);
  return sql<number>`CASE WHEN ${ref} = ${key} THEN 0 WHEN ${ref} LIKE ${`${key}%`} THEN 1 WHEN ${ref} LIKE ${`%${key}%`} THEN 2 ELSE 3 END`;
}

function nameCloseness(column: NameKeyColumn, key: string): RawBuilder<number> {
  return sql<number>`word_similarity(${key}, ${sql.ref(column)})`;
}

/**
 * An import never strips accents: when the file spells a name as the gazetteer does but with
 * fewer accented letters ("Segou" for "Ségou"), the gazetteer keeps its spelling. Accented
 * letters take two bytes in UTF-8, hence the byte/character difference.
 */
function keptName(table: 'admin_areas' | 'localities'): RawBuilder<string> {
  const current = sql.ref(`${table}.name`);
  return sql<string>`CASE WHEN ${sql.ref(`${table}.name_key`)} = excluded.name_key
    AND octet_length(${current}) - char_length(${current}) > octet_length(excluded.name) - char_length(excluded.name)
    THEN ${current} ELSE excluded.name END`;
}

/** SET clause and "did anything change" test of an upsert, from one list of column expressions. */
function changeSet(table: 'admin_areas' | 'localities', columns: Record<string, RawBuilder<unknown>>) {
  const set = Object.fromEntries(Object.entries(columns).map(([column, value]) => [column, value]));
  const changed = sql.join(
    Object.entries(columns).map(([column, value]) => sql`(${value}) IS DISTINCT FROM ${sql.ref(`${table}.${column}`)}`),
    sql` OR `,
  );
  return { set, changed: sql<SqlBool>`(${changed})` };
}

const excluded = (column: string) => sql.ref(`excluded.${column}`);

function areaRow(record: AreaRecord, edition: string) {
  return {
    pcode: record.pcode,
    name: record.name,
    name_key: searchKey(record.name),
    level: record.level,
    parent_pcode: record.parentPcode,
    edition,
  };
}

function localityRow(record: LocalityRecord) {
  return {
    pcode: record.pcode,
    name: record.name,
    name_key: searchKey(record.name),
    kind: record.kind,
    adm1_pcode: record.adm1,
    adm2_pcode: record.adm2,
    adm3_pcode: record.adm3,
    lat: record.lat,
    lon: record.lon,
  };
}

function selectAreas(db: Kysely<DB>) {
  return db
    .selectFrom('admin_areas as a')
    .leftJoin('admin_areas as p', 'p.pcode', 'a.parent_pcode')
    .select([
      'a.pcode',
      'a.name',
      'a.level',
      'a.parent_pcode',
      'p.name as parent_name',
      'a.edition',
      sql<boolean>`a.geometry IS NOT NULL`.as('has_geometry'),
      'a.min_lon',
      'a.min_lat',
      'a.max_lon',
      'a.max_lat',
    ]);
}
type AreaSelectRow = Awaited<ReturnType<ReturnType<typeof selectAreas>['executeTakeFirstOrThrow']>>;

function toAdminArea(row: AreaSelectRow): AdminArea {
  const { min_lon, min_lat, max_lon, max_lat } = row;
  return {
    pcode: row.pcode,
    name: row.name,
    level: row.level,
    parentPcode: row.parent_pcode,
    parentName: row.parent_name,
    edition: row.edition,
    hasGeometry: row.has_geometry,
    bbox: min_lon !== null && min_lat !== null && max_lon !== null && max_lat !== null ? [min_lon, min_lat, max_lon, max_lat] : null,
  };
}

function selectLocalities(db: Kysely<DB>) {
  return db
    .selectFrom('localities as l')
    .$call(withLocalityNames)
    .select([
      'l.id',
      'l.name',
      'l.pcode',
      'l.kind',
      'l.adm1_pcode',
      'l.adm2_pcode',
      'l.adm3_pcode',
      'l.lat',
      'l.lon',
      'l.version',
    ]);
}
type LocalitySelectRow = Awaited<ReturnType<ReturnType<typeof selectLocalities>['executeTakeFirstOrThrow']>>;

function toLocality(row: LocalitySelectRow): Locality {
  return {
    id: row.id,
    name: row.name,
    pcode: row.pcode,
    kind: row.kind as LocalityKind,
    adm1Pcode: row.adm1_pcode,
    adm1Name: row.adm1_name,
    adm2Pcode: row.adm2_pcode,
    adm2Name: row.adm2_name,
    adm3Pcode: row.adm3_pcode,
    adm3Name: row.adm3_name,
    lat: row.lat,
    lon: row.lon,
    version: row.version,
  };
}

export interface UpsertCounts {
  created: number;
  updated: number;
}

/** An area around a point, with its ancestors, for placing that point. */
export interface AreaAround {
  pcode: string;
  level: number;
  chain: AdminChain;
  geometry: AreaGeometry;
}

export interface LocalityValues extends AdminChain {
  name: string;
  pcode: string | null;
  kind: LocalityKind;
  lat: number | null;
  lon: number | null;
}

export function gazetteerRepository(db: Kysely<DB>) {
  return {
    async regionsExist(trx: Kysely<DB>, pcodes: string[]): Promise<boolean> {
      const unique = [...new Set(pcodes)];
      if (unique.length === 0) return true;
      const rows = await trx.selectFrom('admin_areas').select('pcode').where('level', '=', 1).where('pcode', 'in', unique).execute();
      return rows.length === unique.length;
    },

    listAreas(query: AdminAreaQuery) {
      let q = selectAreas(db);
      if (query.level) q = q.where('a.level', '=', query.level);
      if (query.parent) q = q.where('a.parent_pcode', '=', query.parent);
      const text = query.q ?? '';
      const key = searchKey(text);
      if (looksLikePcode(text)) {
        const prefix = text.trim().toUpperCase();
        q = q.where('a.pcode', 'like', `${prefix}%`);
        return paginate(q, query, (p) => p.orderBy('a.pcode'), toAdminArea);
      }
      if (key) {
        q = q.where(nameMatches('a.name_key', key));
        return paginate(
          q,
          query,
          (p) => p.orderBy(nameRank('a.name_key', key)).orderBy(nameCloseness('a.name_key', key), 'desc').orderBy('a.level').orderBy('a.name_key').orderBy('a.pcode'),
          toAdminArea,
        );
      }
      return paginate(q, query, (p) => p.orderBy('a.level').orderBy('a.pcode'), toAdminArea);
    },

    async findArea(trx: Kysely<DB>, pcode: string): Promise<AdminArea | undefined> {
      const row = await selectAreas(trx).where('a.pcode', '=', pcode).executeTakeFirst();
      return row && toAdminArea(row);
    },

    /** The area's chain of ancestors, or undefined when the P-code is unknown. */
    async chainOf(trx: Kysely<DB>, pcode: string): Promise<(AdminChain & { level: number }) | undefined> {
      const row = await trx
        .selectFrom('admin_areas as a')
        .leftJoin('admin_areas as p', 'p.pcode', 'a.parent_pcode')
        .select(['a.pcode', 'a.level', 'a.parent_pcode', 'p.parent_pcode as grandparent_pcode'])
        .where('a.pcode', '=', pcode)
        .executeTakeFirst();
      return row && { level: row.level, ...chainFromRow(row) };
    },

    /** The areas with a geometry of that level, for maps; the ETag changes whenever one does. */
    async areaFeatures(level: number) {
      return db
        .selectFrom('admin_areas')
        .select(['pcode', 'name', 'level', 'parent_pcode', 'geometry'])
        .where('level', '=', level)
        .where('geometry', 'is not', null)
        .orderBy('pcode')
        .execute();
    },

    async areaFeaturesTag(level: number): Promise<string> {
      const row = await db
        .selectFrom('admin_areas')
        .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max('updated_at').as('latest')])
        .where('level', '=', level)
        .where('geometry', 'is not', null)
        .executeTakeFirstOrThrow();
      const latest = row.latest ? new Date(row.latest).getTime() : 0;
      return `W/"areas-${level}-${row.count}-${latest}"`;
    },

    async areaIndex(trx: Kysely<DB>): Promise<AreaIndex> {
      const rows = await trx.selectFrom('admin_areas').select(['pcode', 'level', 'parent_pcode']).execute();
      return new Map(rows.map((r) => [r.pcode, { level: r.level, parent: r.parent_pcode }]));
    },

    /** Inserts new areas and updates those that changed, in one statement; geometry is left alone unless given. */
    async upsertAreas(trx: Kysely<DB>, records: AreaRecord[], edition: string, withGeometry: boolean): Promise<UpsertCounts> {
      if (records.length === 0) return { created: 0, updated: 0 };
      const existing = await existingPcodes(trx, 'admin_areas', records);
      const rows = records.map((r) => ({
        ...areaRow(r, edition),
        ...(withGeometry && r.geometry && r.bbox
          ? { geometry: JSON.stringify(r.geometry), min_lon: r.bbox[0], min_lat: r.bbox[1], max_lon: r.bbox[2], max_lat: r.bbox[3] }
          : {}),
      }));
      const { set, changed } = changeSet('admin_areas', {
        name: keptName('admin_areas'),
        name_key: sql`${excluded('name_key')}`,
        level: sql`${excluded('level')}`,
        parent_pcode: sql`${excluded('parent_pcode')}`,
        edition: sql`${excluded('edition')}`,
        ...(withGeometry
          ? Object.fromEntries(['geometry', 'min_lon', 'min_lat', 'max_lon', 'max_lat'].map((c) => [c, sql`${excluded(c)}`]))
          : {}),
      });
      const written = await trx
        .insertInto('admin_areas')
        .values(rows)
        .onConflict((oc) =>
          oc
            .column('pcode')
            .doUpdateSet({ ...set, updated_at: sql`now()` })
            .where(changed),
        )
        .returning('pcode')
        .execute();
      return countWritten(written, existing);
    },

    /** Regions and cercles a commune list names but the gazetteer lacks; existing ones are left as they are. */
    async insertMissingAreas(trx: Kysely<DB>, records: AreaRecord[], edition: string): Promise<number> {
      if (records.length === 0) return 0;
      const inserted = await trx
        .insertInto('admin_areas')
        .values(records.map((r) => areaRow(r, edition)))
        .onConflict((oc) => oc.column('pcode').doNothing())
        .returning('pcode')
        .execute();
      return inserted.length;
    },

    /**
     * Inserts or updates settlements by P-code. A row without admin P-codes keeps the locality's
     * admin areas (placement may fill them); without coordinates, it keeps its coordinates.
     * Kinds other than town/village were set by a person and stay.
     */
    async upsertLocalities(trx: Kysely<DB>, records: LocalityRecord[], options: { withKind: boolean }): Promise<UpsertCounts> {
      if (records.length === 0) return { created: 0, updated: 0 };
      const existing = await existingPcodes(trx, 'localities', records);
      const current = (column: string) => sql.ref(`localities.${column}`);
      const { set, changed } = changeSet('localities', {
        name: keptName('localities'),
        name_key: sql`${excluded('name_key')}`,
        kind: options.withKind
          ? sql`CASE WHEN ${current('kind')} IN ('town', 'village') THEN ${excluded('kind')} ELSE ${current('kind')} END`
          : sql`${current('kind')}`,
        adm1_pcode: sql`COALESCE(${excluded('adm1_pcode')}, ${current('adm1_pcode')})`,
        adm2_pcode: sql`CASE WHEN ${excluded('adm1_pcode')} IS NULL THEN ${current('adm2_pcode')} ELSE ${excluded('adm2_pcode')} END`,
        adm3_pcode: sql`CASE WHEN ${excluded('adm1_pcode')} IS NULL THEN ${current('adm3_pcode')} ELSE ${excluded('adm3_pcode')} END`,
        lat: sql`COALESCE(${excluded('lat')}, ${current('lat')})`,
        lon: sql`COALESCE(${excluded('lon')}, ${current('lon')})`,
      });
      const written = await trx
        .insertInto('localities')
        .values(records.map(localityRow))
        .onConflict((oc) =>
          oc
            .column('pcode')
            .doUpdateSet({ ...set, version: sql`${current('version')} + 1`, updated_at: sql`now()` })
            .where(changed),
        )
        .returning('pcode')
        .execute();
      return countWritten(
        written.map((w) => ({ pcode: w.pcode! })),
        existing,
      );
    },

    /**
     * Localities with coordinates but no commune, each with the areas (with a geometry, deeper
     * than what the locality has) whose bounding box holds its point: the exact test runs in JS.
     */
    async unplacedLocalityCandidates(trx: Kysely<DB>) {
      return trx
        .selectFrom('localities as l')
        .innerJoin('admin_areas as a', (join) =>
          join
            .on('a.geometry', 'is not', null)
            .on(sql<SqlBool>`l.lon BETWEEN a.min_lon AND a.max_lon AND l.lat BETWEEN a.min_lat AND a.max_lat`)
            .on(sql<SqlBool>`a.level > CASE WHEN l.adm2_pcode IS NOT NULL THEN 2 WHEN l.adm1_pcode IS NOT NULL THEN 1 ELSE 0 END`),
        )
        .select(['l.id', 'l.lon', 'l.lat', 'l.adm1_pcode', 'l.adm2_pcode', 'a.pcode as area_pcode'])
        .where('l.adm3_pcode', 'is', null)
        .where('l.lat', 'is not', null)
        .where('l.lon', 'is not', null)
        .execute();
    },

    async geometriesOf(trx: Kysely<DB>, pcodes: string[]): Promise<Map<string, AreaGeometry>> {
      if (pcodes.length === 0) return new Map();
      const rows = await trx.selectFrom('admin_areas').select(['pcode', 'geometry']).where('pcode', 'in', pcodes).execute();
      return new Map(rows.filter((r) => r.geometry).map((r) => [r.pcode, r.geometry as AreaGeometry]));
    },

    /** Sets the admin areas of many localities in one statement. */
    async placeLocalities(trx: Kysely<DB>, placements: ({ id: string } & AdminChain)[]): Promise<void> {
      for (let i = 0; i < placements.length; i += 1000) {
        const values = sql.join(
          placements.slice(i, i + 1000).map((p) => sql`(${p.id}::uuid, ${p.adm1}::text, ${p.adm2}::text, ${p.adm3}::text)`),
        );
        await sql`
          UPDATE localities AS l
          SET adm1_pcode = v.adm1, adm2_pcode = v.adm2, adm3_pcode = v.adm3, version = l.version + 1, updated_at = now()
          FROM (VALUES ${values}) AS v(id, adm1, adm2, adm3)
          WHERE l.id = v.id`.execute(trx);
      }
    },

    /** Areas with a geometry whose bounding box holds the point, deeper than `minLevel`, with their ancestors. */
    async areasAround(trx: Kysely<DB>, lon: number, lat: number, minLevel: number): Promise<AreaAround[]> {
      const rows = await trx
        .selectFrom('admin_areas as a')
        .leftJoin('admin_areas as p', 'p.pcode', 'a.parent_pcode')
        .select(['a.pcode', 'a.level', 'a.parent_pcode', 'p.parent_pcode as grandparent_pcode', 'a.geometry'])
        .where('a.geometry', 'is not', null)
        .where('a.level', '>', minLevel)
        .where('a.min_lon', '<=', lon)
        .where('a.max_lon', '>=', lon)
        .where('a.min_lat', '<=', lat)
        .where('a.max_lat', '>=', lat)
        .execute();
      return rows.map((r) => ({ pcode: r.pcode, level: r.level, chain: chainFromRow(r), geometry: r.geometry as AreaGeometry }));
    },

    listLocalities(query: LocalityQuery) {
      let q = selectLocalities(db);
      if (query.adm) {
        const adm = query.adm;
        q = q.where((eb) => eb.or([eb('l.adm1_pcode', '=', adm), eb('l.adm2_pcode', '=', adm), eb('l.adm3_pcode', '=', adm)]));
      }
      const text = query.q ?? '';
      const key = searchKey(text);
      if (looksLikePcode(text)) {
        q = q.where('l.pcode', 'like', `${text.trim().toUpperCase()}%`);
        return paginate(q, query, (p) => p.orderBy('l.pcode'), toLocality);
      }
      if (key) {
        q = q.where(nameMatches('l.name_key', key));
        return paginate(
          q,
          query,
          (p) => p.orderBy(nameRank('l.name_key', key)).orderBy(nameCloseness('l.name_key', key), 'desc').orderBy('l.name_key').orderBy('l.id'),
          toLocality,
        );
      }
      return paginate(q, query, (p) => p.orderBy('l.name_key').orderBy('l.id'), toLocality);
    },

    async findLocality(trx: Kysely<DB>, id: string): Promise<Locality | undefined> {
      const row = await selectLocalities(trx).where('l.id', '=', id).executeTakeFirst();
      return row && toLocality(row);
    },

    async localityPcodeTaken(trx: Kysely<DB>, pcode: string, exceptId?: string): Promise<boolean> {
      let q = trx.selectFrom('localities').select('id').where('pcode', '=', pcode);
      if (exceptId) q = q.where('id', '!=', exceptId);
      return (await q.executeTakeFirst()) !== undefined;
    },

    async insertLocality(trx: Kysely<DB>, values: LocalityValues): Promise<string> {
      const row = await trx
        .insertInto('localities')
        .values(localityValues(values))
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    /** Undefined when the version is stale. */
    async updateLocalityIfVersion(trx: Kysely<DB>, id: string, version: number, values: LocalityValues): Promise<boolean> {
      const row = await trx
        .updateTable('localities')
        .set((eb) => ({ ...localityValues(values), version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', id)
        .where('version', '=', version)
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },

    /**
     * After a bulk import. GIN indexes queue new entries in a pending list that every search
     * scans linearly until a vacuum merges it, and planner statistics come from ANALYZE: PGlite
     * runs no autovacuum, so without this a name search took 150–700 ms (whole list scanned)
     * instead of a few ms. Merging once is faster than indexing each row (fastupdate off).
     */
    async refreshSearchIndexes(): Promise<void> {
      await sql`SELECT gin_clean_pending_list('localities_name_trgm'::regclass), gin_clean_pending_list('admin_areas_name_trgm'::regclass)`.execute(db);
      await sql`ANALYZE admin_areas, localities`.execute(db);
    },

    /** How many regions, cercles, communes and localities the gazetteer holds. */
    async counts(trx: Kysely<DB>): Promise<{ regions: number; cercles: number; communes: number; localities: number }> {
      const levels = await trx
        .selectFrom('admin_areas')
        .select((eb) => ['level', eb.fn.countAll<number>().as('count')])
        .groupBy('level')
        .execute();
      const of = (level: number) => Number(levels.find((l) => l.level === level)?.count ?? 0);
      const { count } = await trx.selectFrom('localities').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
      return { regions: of(1), cercles: of(2), communes: of(3), localities: Number(count) };
    },
  };
}
export type GazetteerRepository = ReturnType<typeof gazetteerRepository>;

function localityValues(values: LocalityValues) {
  return {
    name: values.name,
    name_key: searchKey(values.name),
    pcode: values.pcode,
    kind: values.kind,
    adm1_pcode: values.adm1,
    adm2_pcode: values.adm2,
    adm3_pcode: values.adm3,
    lat: values.lat,
    lon: values.lon,
  };
}

function chainFromRow(row: { pcode: string; level: number; parent_pcode: string | null; grandparent_pcode: string | null }): AdminChain {
  if (row.level === 3) return { adm1: row.grandparent_pcode, adm2: row.parent_pcode, adm3: row.pcode };
  if (row.level === 2) return { adm1: row.parent_pcode, adm2: row.pcode, adm3: null };
  return { adm1: row.pcode, adm2: null, adm3: null };
}

async function existingPcodes(trx: Kysely<DB>, table: 'admin_areas' | 'localities', records: { pcode: string }[]): Promise<Set<string>> {
  const rows = await trx
    .selectFrom(table)
    .select('pcode')
    .where('pcode', 'in', records.map((r) => r.pcode))
    .execute();
  return new Set(rows.map((r) => r.pcode!));
}

function countWritten(written: { pcode: string }[], existing: Set<string>): UpsertCounts {
  let updated = 0;
  for (const { pcode } of written) if (existing.has(pcode)) updated++;
  return { created: written.length - updated, updated };
}

