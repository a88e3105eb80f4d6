/**
 * Household ids that outlive a run. A run numbers its clusters afresh; the ids stored beside the
 * records must not change each time, or every count, link and decision keyed on them would move.
 * Each new cluster keeps the previous id that most of its records carried, one cluster per id:
 *   - the same records again → the same id;
 *   - a household split in two → the larger part keeps the id, the other gets a new one;
 *   - two households merged → the id of the part with more records survives;
 *   - a new household → a new id.
 * Ties go the same way every time (more records first, then the smaller id, then the lower
 * cluster number), so a run over the same data gives the same ids.
 */
export interface StableClusters {
  /** The id of each record's cluster. */
  ids: string[];
  /** Clusters that kept a previous id. */
  kept: number;
  /** Distinct clusters (households). */
  clusters: number;
}

export function stableClusterIds(clusterOf: ArrayLike<number>, previous: ArrayLike<string | null>, newId: () => string): StableClusters {
  const n = clusterOf.length;
  if (previous.length !== n) throw new Error('stableClusterIds: one previous id per record');
  // Records of each (new cluster, previous id) pair.
  const overlap = new Map<number, Map<string, number>>();
  for (let r = 0; r < n; r++) {
    const before = previous[r];
    if (before === null || before === undefined) continue;
    const cluster = clusterOf[r]!;
    let counts = overlap.get(cluster);
    if (!counts) overlap.set(cluster, (counts = new Map<string, number>()));
    counts.set(before, (counts.get(before) ?? 0) + 1);
  }
  const candidates: { cluster: number; id: string; records: number }[] = [];
  for (const [cluster, counts] of overlap) for (const [id, records] of counts) candidates.push({ cluster, id, records });
  candidates.sort((x, y) => y.records - x.records || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0) || x.cluster - y.cluster);

  const idOf = new Map<number, string>();
  const taken = new Set<string>();
  for (const c of candidates) {
    if (idOf.has(c.cluster) || taken.has(c.id)) continue;
    idOf.set(c.cluster, c.id);
    taken.add(c.id);
  }
  const kept = idOf.size;
  const ids = new Array<string>(n);
  for (let r = 0; r < n; r++) {
    const cluster = clusterOf[r]!;
    let id = idOf.get(cluster);
    if (id === undefined) {
      id = newId();
      idOf.set(cluster, id);
    }
    ids[r] = id;
  }
  return { ids, kept, clusters: idOf.size };
}
