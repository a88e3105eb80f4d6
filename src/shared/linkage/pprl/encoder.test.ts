import { describe, expect, it } from 'vitest';
import { readHousehold, type HouseholdFields } from '../household.ts';
import { diceOfBytes, fromBase64, toBase64 } from './bits.ts';
import { ClkEncoder, ClkKeyError, clkBytes, keyBytes, newKeyText } from './encoder.ts';

const keyA = 'clé partagée de l’exercice de Mopti, 2026 — A';
const keyB = 'clé partagée de l’exercice de Mopti, 2026 — B';

const record = (fields: HouseholdFields) => readHousehold(fields, '2025-06-01').record;

const moussa = record({
  familyName: 'Traoré',
  givenNames: 'Moussa',
  sex: 'M',
  age: '42 ans',
  phone: '+223 76 12 34 56',
  adm3Code: 'ML050101',
  localityName: 'Sévaré',
});
/** The same household as another organisation writes it: one column in capitals, birth year, phone without +223. */
const moussaElsewhere = record({ fullName: 'TRAORE Moussa', sex: 'H', birthDate: '1983', phone: '76123456', adm3Code: 'ML050101', localityName: 'Sevare' });
const fatoumata = record({ familyName: 'Maïga', givenNames: 'Fatoumata', sex: 'F', age: 30, phone: '66 98 76 54', adm3Code: 'ML070101', localityName: 'Gao' });

describe('ClkEncoder', () => {
  it('is deterministic: the same key gives the same filter, in any batch', async () => {
    const one = await ClkEncoder.create(keyA);
    const two = await ClkEncoder.create(`  ${keyA}\n`);
    const [alone] = await one.encode([moussa]);
    const [, inBatch] = await two.encode([fatoumata, moussa]);
    expect(alone).toHaveLength(clkBytes);
    expect(toBase64(alone!)).toBe(toBase64(inBatch!));
    expect(one.keyFingerprint).toBe(two.keyFingerprint);
  });

  it('gives unrelated filters with another key', async () => {
    const [a] = await (await ClkEncoder.create(keyA)).encode([moussa]);
    const [b] = await (await ClkEncoder.create(keyB)).encode([moussa]);
    const [other] = await (await ClkEncoder.create(keyA)).encode([fatoumata]);
    // The same household under two keys is no closer than two different households under one.
    expect(diceOfBytes(a!, b!)).toBeLessThan(0.5);
    expect(Math.abs(diceOfBytes(a!, b!) - diceOfBytes(a!, other!))).toBeLessThan(0.2);
    expect((await ClkEncoder.create(keyA)).keyFingerprint).not.toBe((await ClkEncoder.create(keyB)).keyFingerprint);
  });

  it('keeps similar households close and different ones apart', async () => {
    const encoder = await ClkEncoder.create(keyA);
    const [a, b, c, d] = await encoder.encode([
      moussa,
      moussaElsewhere,
      fatoumata,
      record({ familyName: 'Mahiga', givenNames: 'Fatouma', sex: 'F', age: 31, adm3Code: 'ML070101', localityName: 'Gao' }),
    ]);
    expect(diceOfBytes(a!, b!)).toBeGreaterThan(0.8);
    expect(diceOfBytes(c!, d!)).toBeGreaterThan(0.6);
    expect(diceOfBytes(a!, c!)).toBeLessThan(0.35);
  });

  it('sees given-name variants and transliterations as the engine does', async () => {
    const encoder = await ClkEncoder.create(keyA);
    const [mohamed, mamadou, ibrahim] = await encoder.encode([
      record({ fullName: 'Mohamed Cissé' }),
      record({ fullName: 'SISSE Mamadou' }),
      record({ fullName: 'Ibrahim Cissé' }),
    ]);
    expect(diceOfBytes(mohamed!, mamadou!)).toBe(1);
    expect(diceOfBytes(mohamed!, ibrahim!)).toBeLessThan(0.8);
  });

  it('refuses a short key', async () => {
    await expect(ClkEncoder.create('trop courte')).rejects.toBeInstanceOf(ClkKeyError);
    expect(() => keyBytes(' '.repeat(40))).toThrow(ClkKeyError);
    expect(newKeyText()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newKeyText()).not.toBe(newKeyText());
  });
});

describe('base64 filters', () => {
  it('round-trips and refuses anything else than a filter of the expected length', () => {
    const bytes = Uint8Array.from({ length: clkBytes }, (_, k) => (k * 37) & 255);
    const text = toBase64(bytes);
    expect(fromBase64(text, clkBytes)).toEqual(bytes);
    expect(fromBase64(text, clkBytes - 1)).toBeNull();
    expect(fromBase64(`${text.slice(0, -4)}!!!=`, clkBytes)).toBeNull();
    expect(fromBase64(text.replace(/=$/, 'A'), clkBytes)).toBeNull();
    expect(toBase64(Uint8Array.of(1, 2))).toBe('AQI=');
  });
});
