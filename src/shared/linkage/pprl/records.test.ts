import { describe, expect, it } from 'vitest';
import { toBase64 } from './bits.ts';
import { clkBytes } from './encoder.ts';
import { checkEncodedRecord, plainFieldChecks } from './records.ts';

const check = { allowed: plainFieldChecks };
/** Bytes as an encoding sets them: about a third of the bits, spread. */
const filter = Uint8Array.from({ length: clkBytes }, (_, k) => [0x91, 0x24, 0x0c, 0x42, 0x81, 0x18][k % 6]!);
const clk = toBase64(filter);

describe('checkEncodedRecord', () => {
  it('accepts an encoding with its plain fields', () => {
    const result = checkEncodedRecord({ clk, pcode: 'ML050101', householdSize: 6, assistanceDate: '2026-02-01' }, check);
    expect(result).toEqual({ ok: true, filter });
    expect(checkEncodedRecord({ clk, pcode: null, householdSize: null }, check).ok).toBe(true);
  });

  it('refuses names, phones or NINA put in the place of an encoding', () => {
    const text = (value: string) => toBase64(new TextEncoder().encode(value.padEnd(clkBytes, ' ')));
    expect(checkEncodedRecord({ clk: text('TRAORE Moussa;76123456;12345678901234A') }, check)).toMatchObject({
      ok: false,
      code: 'clk_looks_like_text',
      field: 'clk',
    });
    expect(checkEncodedRecord({ clk: 'TRAORE Moussa' }, check)).toMatchObject({ ok: false, code: 'clk_invalid' });
    expect(checkEncodedRecord({ clk: toBase64(filter.subarray(0, 64)) }, check)).toMatchObject({ ok: false, code: 'clk_invalid' });
    expect(checkEncodedRecord({ clk: toBase64(new Uint8Array(clkBytes)) }, check)).toMatchObject({ ok: false, code: 'clk_empty' });
  });

  it('refuses fields other than the plain ones, and plain fields that hold something else', () => {
    expect(checkEncodedRecord({ clk, name: 'Moussa Traoré' }, check)).toMatchObject({ ok: false, code: 'field_unexpected', field: 'name' });
    expect(checkEncodedRecord({ clk, phone: '76123456' }, check)).toMatchObject({ ok: false, code: 'field_unexpected', field: 'phone' });
    expect(checkEncodedRecord({ clk, pcode: 'Sévaré' }, check)).toMatchObject({ ok: false, code: 'field_invalid', field: 'pcode' });
    expect(checkEncodedRecord({ clk, householdSize: '6 personnes' }, check)).toMatchObject({ ok: false, code: 'field_invalid', field: 'householdSize' });
    expect(checkEncodedRecord({ clk, assistanceDate: 'Moussa' }, check)).toMatchObject({ ok: false, code: 'field_invalid', field: 'assistanceDate' });
    expect(checkEncodedRecord({ clk, toString: 'x' }, check)).toMatchObject({ ok: false, code: 'field_unexpected' });
    expect(checkEncodedRecord(['x'], check).ok).toBe(false);
  });
});
