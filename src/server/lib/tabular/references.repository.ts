import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { PlaceCandidate } from './places.ts';

/** Every locality with its admin names: what imports match place names and P-codes against. */
export function placeCandidates(db: Kysely<DB>): Promise<PlaceCandidate[]> {
  return db
    .selectFrom('localities as l')
    .leftJoin('admin_areas as a1', 'a1.pcode', 'l.adm1_pcode')
    .leftJoin('admin_areas as a2', 'a2.pcode', 'l.adm2_pcode')
    .leftJoin('admin_areas as a3', 'a3.pcode', 'l.adm3_pcode')
    .select([
      'l.id',
      'l.name',
      'l.pcode',
      'l.adm1_pcode as adm1Pcode',
      'a1.name as adm1Name',
      'l.adm2_pcode as adm2Pcode',
      'a2.name as adm2Name',
      'l.adm3_pcode as adm3Pcode',
      'a3.name as adm3Name',
    ])
    .execute();
}

/** Active organisations, by acronym: what imports match the acronyms and names files give, and templates list. */
export function activeOrganisations(db: Kysely<DB>): Promise<{ id: string; acronym: string; name: string }[]> {
  return db.selectFrom('organisations').select(['id', 'acronym', 'name']).where('active', '=', true).orderBy('acronym').execute();
}
