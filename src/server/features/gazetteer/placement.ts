import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type AdminChain, chainOf, depthOf, refines } from './area-index.ts';
import type { GazetteerRepository } from './gazetteer.repository.ts';
import { type AreaGeometry, containsPoint } from './geometry.ts';

interface Candidate {
  level: number;
  chain: AdminChain;
  geometry: AreaGeometry;
}

/**
 * The deepest area whose geometry holds the point and that agrees with what is already known
 * of the place (a locality filed under a cercle is only placed in a commune of that cercle).
 * When only region and cercle boundaries exist, the cercle is the answer.
 */
export function deepestContaining(candidates: Candidate[], lon: number, lat: number, known: AdminChain): AdminChain | undefined {
  const ordered = [...candidates].sort((a, b) => b.level - a.level);
  for (const candidate of ordered) {
    if (candidate.level <= depthOf(known) || !refines(candidate.chain, known)) continue;
    if (containsPoint(candidate.geometry, lon, lat)) return candidate.chain;
  }
  return undefined;
}

/** Completes a place's admin areas from its coordinates: unchanged when no boundary says more. */
export async function placePoint(trx: Kysely<DB>, repository: GazetteerRepository, known: AdminChain, lon: number, lat: number): Promise<AdminChain> {
  if (depthOf(known) === 3) return known;
  const around = await repository.areasAround(trx, lon, lat, depthOf(known));
  return deepestContaining(around, lon, lat, known) ?? known;
}

/** Gives every locality with coordinates but no commune the deepest areas its point falls in; returns how many changed. */
export async function placeUnplacedLocalities(trx: Kysely<DB>, repository: GazetteerRepository): Promise<number> {
  const pairs = await repository.unplacedLocalityCandidates(trx);
  if (pairs.length === 0) return 0;
  const index = await repository.areaIndex(trx);
  const geometries = await repository.geometriesOf(trx, [...new Set(pairs.map((p) => p.area_pcode))]);
  // Node 20 has no Map.groupBy.
  const byLocality = new Map<string, typeof pairs>();
  for (const pair of pairs) {
    const group = byLocality.get(pair.id);
    if (group) group.push(pair);
    else byLocality.set(pair.id, [pair]);
  }
  const placements: ({ id: string } & AdminChain)[] = [];
  for (const [id, rows] of byLocality) {
    const { lon, lat, adm1_pcode, adm2_pcode } = rows[0]!;
    const known: AdminChain = { adm1: adm1_pcode, adm2: adm2_pcode, adm3: null };
    const candidates = rows.flatMap((r) => {
      const geometry = geometries.get(r.area_pcode);
      const area = index.get(r.area_pcode);
      return geometry && area ? [{ level: area.level, chain: chainOf(index, r.area_pcode), geometry }] : [];
    });
    const placed = deepestContaining(candidates, lon!, lat!, known);
    if (placed) placements.push({ id, ...placed });
  }
  await repository.placeLocalities(trx, placements);
  return placements.length;
}
