/** What imports and placement need to know of every admin area: its level and parent. */
export interface KnownArea {
  level: number;
  parent: string | null;
}
export type AreaIndex = Map<string, KnownArea>;

export interface AdminChain {
  adm1: string | null;
  adm2: string | null;
  adm3: string | null;
}
export const noChain: AdminChain = { adm1: null, adm2: null, adm3: null };

/** The area and its ancestors, by level. */
export function chainOf(index: AreaIndex, pcode: string): AdminChain {
  const chain: AdminChain = { ...noChain };
  let current: string | null = pcode;
  for (let guard = 0; current && guard < 3; guard++) {
    const area = index.get(current);
    if (!area) break;
    if (area.level === 1) chain.adm1 = current;
    else if (area.level === 2) chain.adm2 = current;
    else if (area.level === 3) chain.adm3 = current;
    current = area.parent;
  }
  return chain;
}

/** 0 when nothing is known, else the level of the deepest area. */
export function depthOf(chain: AdminChain): number {
  return chain.adm3 ? 3 : chain.adm2 ? 2 : chain.adm1 ? 1 : 0;
}

export function deepestOf(chain: AdminChain): string | null {
  return chain.adm3 ?? chain.adm2 ?? chain.adm1;
}

/** Whether `inner` refines `outer`: every level `outer` knows, `inner` knows the same way. */
export function refines(inner: AdminChain, outer: AdminChain): boolean {
  return (!outer.adm1 || outer.adm1 === inner.adm1) && (!outer.adm2 || outer.adm2 === inner.adm2) && (!outer.adm3 || outer.adm3 === inner.adm3);
}
