import { describe, expect, it } from 'vitest';
import { readHousehold, type HouseholdFields } from '../household.ts';
import { ClkEncoder } from './encoder.ts';
import { EncodedStore, linkEncoded } from './match.ts';

const families = [
  'Traoré',
  'Coulibaly',
  'Diallo',
  'Maïga',
  'Keïta',
  'Cissé',
  'Sangaré',
  'Dembélé',
  'Touré',
  'Konaté',
  'Tangara',
  'Samaké',
  'Guindo',
  'Togo',
  'Kassogué',
  'Dicko',
];
const givens = [
  'Moussa',
  'Fatoumata',
  'Aminata',
  'Oumar',
  'Ibrahim',
  'Hawa',
  'Souleymane',
  'Mariam',
  'Boubacar',
  'Kadiatou',
  'Adama',
  'Salif',
  'Assétou',
  'Drissa',
  'Bintou',
];
const villages = ['Sévaré', 'Fatoma', 'Socoura', 'Konna', 'Mopti', 'Bandiagara'];

/** 240 households on list A; the first 120 again on list B, written as another organisation would. */
function lists() {
  const rows = Array.from({ length: 240 }, (_, k) => ({
    family: families[k % families.length]!,
    given: givens[(k * 7) % givens.length]!,
    age: 20 + ((k * 13) % 55),
    phone: `7${String(6_100_000 + k * 7919).padStart(7, '0')}`,
    size: 1 + ((k * 5) % 9),
    village: villages[k % villages.length]!,
  }));
  const a: HouseholdFields[] = rows.map((r) => ({
    familyName: r.family,
    givenNames: r.given,
    age: `${r.age} ans`,
    phone: `+223 ${r.phone}`,
    householdSize: r.size,
    localityName: r.village,
  }));
  const b: HouseholdFields[] = rows.slice(0, 120).map((r, k) => ({
    fullName: `${r.family.toUpperCase()} ${k % 5 === 0 ? r.given.slice(0, -1) : r.given}`,
    birthDate: String(2025 - r.age + (k % 3 === 0 ? 1 : 0)),
    phone: k % 4 === 0 ? null : r.phone,
    householdSize: r.size + (k % 6 === 0 ? 1 : 0),
    localityName: r.village.normalize('NFD').replace(/\p{Diacritic}/gu, ''),
  }));
  return { a, b };
}

async function store(oneToOne = false) {
  const encoder = await ClkEncoder.create('une clé commune aux deux organisations, pour le test');
  const { a, b } = lists();
  const result = new EncodedStore();
  for (const [source, list] of [a, b].entries()) {
    const records = list.map((fields) => readHousehold(fields, '2025-06-01').record);
    const filters = await encoder.encode(records);
    filters.forEach((filter, k) => result.add(`${source}:${k + 1}`, source, filter, { householdSize: records[k]!.householdSize, pcode: null }));
  }
  return { store: result, linked: linkEncoded(result, { oneToOne }) };
}

describe('linkEncoded', () => {
  it('finds the households of one list on the other from their encodings alone', async () => {
    const { store: s, linked } = await store();
    const matches = linked.pairs.filter((p) => p.decision === 'match').map((p) => [s.keys[p.a], s.keys[p.b]]);
    const right = matches.filter(([x, y]) => x!.startsWith('0:') && y!.startsWith('1:') && x!.slice(2) === y!.slice(2));
    expect(right.length).toBeGreaterThanOrEqual(115);
    expect(matches.length - right.length).toBeLessThanOrEqual(3);
    for (const pair of linked.pairs) expect(pair.probability).toBeGreaterThanOrEqual(0);
    // One household, one cluster id, stable from one run to the next.
    const again = await store();
    expect(linked.clusterId(linked.clusterOf[0]!)).toBe(again.linked.clusterId(again.linked.clusterOf[0]!));
    expect(linked.clusterOf[0]).toBe(linked.clusterOf[240]);
  });

  it('keeps a household once per list when asked (one-to-one)', async () => {
    const { store: s, linked } = await store(true);
    const perCluster = new Map<number, number[]>();
    for (let r = 0; r < s.size; r++) perCluster.set(linked.clusterOf[r]!, [...(perCluster.get(linked.clusterOf[r]!) ?? []), s.source.data[r]!]);
    for (const sources of perCluster.values()) expect(new Set(sources).size).toBe(sources.length);
    expect(linked.pairs.every((p) => s.source.data[p.a] !== s.source.data[p.b])).toBe(true);
  });

  it('applies the custodian’s decisions', async () => {
    const { store: s } = await store();
    const linked = linkEncoded(s, {
      decisions: [
        { a: '0:1', b: '1:1', same: false },
        { a: '0:200', b: '1:7', same: true },
      ],
    });
    expect(linked.clusterOf[s.keys.indexOf('0:1')]).not.toBe(linked.clusterOf[s.keys.indexOf('1:1')]);
    expect(linked.clusterOf[s.keys.indexOf('0:200')]).toBe(linked.clusterOf[s.keys.indexOf('1:7')]);
  });
});
