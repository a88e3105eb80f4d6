import { type SelectQueryBuilder, sql } from 'kysely';
import type { LocalityRef } from '../../shared/contracts/alerts.ts';
import type { DB } from './schema.ts';

/*
 * The one way raw-SQL repositories name a locality: its columns and its three admin areas'
 * names, selected as `l_*` (the Kysely repositories use `withLocalityNames` in the same spirit).
 */

/** Locality columns of a LocalityRef, selected as `l_*` from `localities l` and its admin areas. */
export const localityColumns = sql`l.id AS l_id, l.name AS l_name, l.pcode AS l_pcode, l.adm1_pcode AS l_adm1_pcode, r.name AS l_adm1_name,
  l.adm2_pcode AS l_adm2_pcode, c.name AS l_adm2_name, l.adm3_pcode AS l_adm3_pcode, m.name AS l_adm3_name`;
export function localityJoinsOn(column: string) {
  return sql`JOIN localities l ON l.id = ${sql.ref(column)}
  LEFT JOIN admin_areas r ON r.pcode = l.adm1_pcode
  LEFT JOIN admin_areas c ON c.pcode = l.adm2_pcode
  LEFT JOIN admin_areas m ON m.pcode = l.adm3_pcode`;
}
export const localityJoins = localityJoinsOn('p.locality_id');

export interface LocalityColumns {
  l_id: string;
  l_name: string;
  l_pcode: string | null;
  l_adm1_pcode: string | null;
  l_adm1_name: string | null;
  l_adm2_pcode: string | null;
  l_adm2_name: string | null;
  l_adm3_pcode: string | null;
  l_adm3_name: string | null;
}

export function localityRefOf(row: LocalityColumns): LocalityRef {
  return {
    id: row.l_id,
    name: row.l_name,
    pcode: row.l_pcode,
    adm1Pcode: row.l_adm1_pcode,
    adm1Name: row.l_adm1_name,
    adm2Pcode: row.l_adm2_pcode,
    adm2Name: row.l_adm2_name,
    adm3Pcode: row.l_adm3_pcode,
    adm3Name: row.l_adm3_name,
  };
}

type AreaTables = { adm1: DB['admin_areas']; adm2: DB['admin_areas']; adm3: DB['admin_areas'] };
type AreaNames = { adm1_name: string | null; adm2_name: string | null; adm3_name: string | null };

/**
 * The Kysely way to name admin areas: on a query with a table aliased `alias` that has
 * `adm1_pcode`, `adm2_pcode` and `adm3_pcode` (a locality, or a record that keeps its own, like a
 * 5W response), joins its region, cercle and commune (as `adm1`, `adm2`, `adm3`, for filters,
 * grouping and ordering) and selects their names as `adm1_name`, `adm2_name`, `adm3_name`.
 * Use with `.$call(withAreaNamesOf('r'))`.
 */
export function withAreaNamesOf<A extends string>(alias: A) {
  const pcodeOf = (level: 1 | 2 | 3) => sql.ref(`${alias}.adm${level}_pcode`);
  return <D extends DB & Record<A, object>, TB extends keyof D & string, O>(qb: SelectQueryBuilder<D, TB, O>) => {
    // Kysely cannot follow string table references through generic parameters: the joins are
    // typed on the concrete shape, then the caller's own tables and selection are given back.
    const query = qb as unknown as SelectQueryBuilder<DB, never, O>;
    return query
      .leftJoin('admin_areas as adm1', (join) => join.on(sql<boolean>`adm1.pcode = ${pcodeOf(1)}`))
      .leftJoin('admin_areas as adm2', (join) => join.on(sql<boolean>`adm2.pcode = ${pcodeOf(2)}`))
      .leftJoin('admin_areas as adm3', (join) => join.on(sql<boolean>`adm3.pcode = ${pcodeOf(3)}`))
      .select(['adm1.name as adm1_name', 'adm2.name as adm2_name', 'adm3.name as adm3_name']) as unknown as SelectQueryBuilder<
      D & AreaTables,
      TB | keyof AreaTables,
      O & AreaNames
    >;
  };
}

/** A locality's admin area names, on a query that has `localities as l`: `.$call(withLocalityNames)`. */
export const withLocalityNames = withAreaNamesOf('l');
