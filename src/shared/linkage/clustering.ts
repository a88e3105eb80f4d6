/** A custodian's decision on two records (by their store keys): the same household or not. */
export interface Decision {
  a: string;
  b: string;
  same: boolean;
}

/** A pair the linkage reports: inside a cluster (`match`) or uncertain across clusters (`review`). */
export interface LinkedPair {
  a: number;
  b: number;
  probability: number;
  decision: 'match' | 'review';
}

/** Households larger than this are never built by joining groups: a chain of weak links, not a family. */
const maxClusterSize = 30;

export interface ClusteringInput {
  /** Store keys of the records, by index (decisions name records by key; cluster ids hash them). */
  keys: readonly string[];
  decisions?: readonly Decision[];
  /** Candidate pairs that may make a match, strongest first. */
  strong: Iterable<readonly [number, number]>;
  /** Whether this pair may not join its two groups whatever its weight (e.g. two generations apart, or one list twice under one-to-one). */
  refused: (i: number, j: number, groupI: readonly number[], groupJ: readonly number[]) => boolean;
  /** A pair across two groups being joined: its probability, and whether it could be a match on its own. */
  crossPair: (a: number, b: number) => { probability: number; supports: boolean };
}

export interface Clusters {
  clusterOf: Int32Array;
  /** Every cluster of two or more records, by its root. */
  groups: () => IterableIterator<number[]>;
  /** A cluster's stable id: a hash of its smallest member key, the same from one run to the next. */
  clusterId: (cluster: number) => string;
}

/**
 * Household clusters from scored pairs, shared by the plain and the encoded engines. Custodians'
 * decisions come first ("same" joins, "different" forbids); then the strongest pairs join their
 * records' groups, two single records at once, two groups only if their pairs hold on average
 * and most of them could be matches on their own (a weak link never chains two strong groups).
 */
export function clusterPairs(n: number, input: ClusteringInput): Clusters {
  const parent = new Int32Array(n);
  for (let r = 0; r < n; r++) parent[r] = r;
  const find = (r: number): number => {
    while (parent[r] !== r) {
      parent[r] = parent[parent[r]!]!;
      r = parent[r]!;
    }
    return r;
  };
  const membersOf = new Map<number, number[]>();
  const members = (root: number) => membersOf.get(root) ?? [root];
  const union = (ra: number, rb: number) => {
    const ma = members(ra);
    const mb = members(rb);
    const [big, small, bigMembers, smallMembers] = ma.length >= mb.length ? [ra, rb, ma, mb] : [rb, ra, mb, ma];
    parent[small] = big;
    for (const r of smallMembers) bigMembers.push(r);
    membersOf.set(big, bigMembers);
    membersOf.delete(small);
  };

  const decisions = input.decisions ?? [];
  const indexOfKey = new Map<string, number>();
  if (decisions.length > 0) input.keys.forEach((key, r) => indexOfKey.set(key, r));
  const cannot = new Set<number>();
  for (const decision of decisions) {
    const a = indexOfKey.get(decision.a);
    const b = indexOfKey.get(decision.b);
    if (a === undefined || b === undefined || a === b) continue;
    if (!decision.same) cannot.add(Math.min(a, b) * n + Math.max(a, b));
  }
  const forbidden = (ma: number[], mb: number[]) => {
    if (cannot.size === 0) return false;
    for (const a of ma) for (const b of mb) if (cannot.has(Math.min(a, b) * n + Math.max(a, b))) return true;
    return false;
  };
  for (const decision of decisions) {
    if (!decision.same) continue;
    const a = indexOfKey.get(decision.a);
    const b = indexOfKey.get(decision.b);
    if (a === undefined || b === undefined) continue;
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb && !forbidden(members(ra), members(rb))) union(ra, rb);
  }

  for (const [i, j] of input.strong) {
    const ri = find(i);
    const rj = find(j);
    if (ri === rj) continue;
    const mi = members(ri);
    const mj = members(rj);
    if (forbidden(mi, mj) || input.refused(i, j, mi, mj)) continue;
    if (mi.length === 1 && mj.length === 1) {
      union(ri, rj);
      continue;
    }
    if (mi.length + mj.length > maxClusterSize) continue;
    let sum = 0;
    let supported = 0;
    for (const a of mi) {
      for (const b of mj) {
        const cross = input.crossPair(a, b);
        if (cross.supports) supported++;
        sum += cross.probability;
      }
    }
    const crossPairs = mi.length * mj.length;
    if (sum / crossPairs >= 0.5 && supported * 2 >= crossPairs) union(ri, rj);
  }

  const clusterOf = new Int32Array(n);
  for (let r = 0; r < n; r++) clusterOf[r] = find(r);
  return {
    clusterOf,
    groups: function* () {
      for (const list of membersOf.values()) if (list.length >= 2) yield list;
    },
    clusterId: (cluster) => {
      let smallest = input.keys[cluster]!;
      for (const r of members(cluster)) if (input.keys[r]! < smallest) smallest = input.keys[r]!;
      return `H${hashKey(smallest)}`;
    },
  };
}

function hashKey(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 13);
  }
  return (h1 >>> 0).toString(36).padStart(7, '0') + (h2 >>> 0).toString(36).padStart(7, '0');
}
