import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import type { CliCommand } from '../command.ts';
import { dedup } from './dedup.ts';
import { encode } from './encode.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-encode-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

async function runCli(command: CliCommand, args: string[]): Promise<{ code: number; stderr: string }> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'error').mockImplementation((line: unknown) => void lines.push(String(line)));
  try {
    return { code: await command.run(args, loadConfig({}, 'test')), stderr: lines.join('\n') };
  } finally {
    spy.mockRestore();
  }
}

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
];
const rows = Array.from({ length: 120 }, (_, k) => ({
  family: families[k % families.length]!,
  given: givens[(k * 5) % givens.length]!,
  age: 22 + ((k * 7) % 45),
  phone: `7${String(6_100_000 + k * 131).padStart(7, '0')}`,
  nina: `${String(10_000_000_000 + k * 7_777).padStart(13, '0')}A`,
  size: 1 + (k % 9),
}));
const listA = write(
  'ong-a.csv',
  'Nom;Prénom;Âge;Téléphone;NINA;Taille ménage;Code P commune;Localité\n' +
    rows
      .map((r, k) => `${r.family};${r.given};${r.age} ans;+223 ${r.phone};${r.nina};${r.size};ML0501${String(1 + (k % 3)).padStart(2, '0')};Village ${k % 7}`)
      .join('\n') +
    '\n',
);
const listB = write(
  'ong-b.csv',
  'N° ménage,Nom complet du chef de ménage,Année de naissance,Contact,Nb personnes,Village\n' +
    rows
      .slice(0, 40)
      .map(
        (r, k) =>
          `MEN-${k + 1},${r.family
            .toUpperCase()
            .normalize('NFD')
            .replace(/\p{Diacritic}/gu, '')} ${r.given},${2025 - r.age},${r.phone},${r.size},Village ${k % 7}`,
      )
      .join('\n') +
    '\n',
);

describe('relais encode and relais dedup --encoded', () => {
  const key = path.join(dir, 'exercice.key');

  it('makes a key once, and never overwrites it', async () => {
    expect((await runCli(encode, ['--new-key', key])).code).toBe(0);
    const text = fs.readFileSync(key, 'utf8');
    expect(text.trim()).toHaveLength(43);
    const again = await runCli(encode, ['--new-key', key]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('existe déjà');
    expect(fs.readFileSync(key, 'utf8')).toBe(text);
  });

  it('writes encodings without any name, phone, NINA or the key, and links them with the pairs file of dedup', async () => {
    const outA = path.join(dir, 'ong-a.clk.json');
    const outB = path.join(dir, 'ong-b.clk.json');
    expect((await runCli(encode, ['--key-file', key, '--input', listA, '--out', outA, '--reference-date', '2025-06-01'])).code).toBe(0);
    const encodedB = await runCli(encode, ['--key-file', key, '--input', listB, '--out', outB, '--id-column', 'N° ménage', '--reference-date', '2025-06-01']);
    expect(encodedB.code).toBe(0);
    expect(encodedB.stderr).toContain('40 households encoded');

    const keyText = fs.readFileSync(key, 'utf8').trim();
    for (const file of [outA, outB]) {
      const text = fs.readFileSync(file, 'utf8');
      expect(text).not.toContain(keyText);
      for (const r of rows) {
        for (const secret of [r.family, r.family.toUpperCase(), r.given, r.phone, r.nina]) expect(text).not.toContain(secret);
      }
      const parsed = JSON.parse(text);
      expect(Object.keys(parsed)).toEqual(['format', 'scheme', 'keyFingerprint', 'records']);
      for (const record of parsed.records) expect(Object.keys(record).sort()).toEqual(['clk', 'householdSize', 'id', 'pcode']);
    }
    expect(JSON.parse(fs.readFileSync(outA, 'utf8')).records[0]).toMatchObject({ id: '1', householdSize: 1, pcode: 'ML050101' });

    const pairs = path.join(dir, 'pairs.csv');
    const { code, stderr } = await runCli(dedup, ['--encoded', '--input', outA, '--input', outB, '--out', pairs]);
    expect(code).toBe(0);
    expect(stderr).toContain('encoded records in 2 file(s)');
    const lines = fs.readFileSync(pairs, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('source_a,id_a,source_b,id_b,probability,decision');
    const matches = lines.slice(1).filter((l) => l.endsWith(',match'));
    // Row k of list A is household MEN-k of list B.
    const right = matches.filter((l) => /^ong-a\.clk\.json,(\d+),ong-b\.clk\.json,MEN-\1,/.test(l));
    expect(right.length).toBeGreaterThanOrEqual(36);
    expect(matches.length - right.length).toBeLessThanOrEqual(2);
    for (const line of lines.slice(1))
      expect(line).toMatch(/^ong-[ab]\.clk\.json,(\d+|MEN-\d+),ong-[ab]\.clk\.json,(\d+|MEN-\d+),(0|1)\.\d{4},(match|review)$/);
  });

  it('refuses files encoded with different keys, and tampered files, in French and English', async () => {
    const otherKey = write('autre.key', 'une autre clé, pour un autre exercice de déduplication');
    const outC = path.join(dir, 'ong-c.clk.json');
    expect((await runCli(encode, ['--key-file', otherKey, '--input', listB, '--out', outC])).code).toBe(0);
    const mixed = await runCli(dedup, ['--encoded', '--input', path.join(dir, 'ong-a.clk.json'), '--input', outC, '--out', path.join(dir, 'mixed.csv')]);
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toContain('encodé avec une autre clé');
    expect(mixed.stderr).toContain('encoded with another key');
    expect(fs.existsSync(path.join(dir, 'mixed.csv'))).toBe(false);

    const tampered = JSON.parse(fs.readFileSync(outC, 'utf8'));
    tampered.records[3].name = 'Moussa Traoré';
    const tamperedFile = write('tampered.clk.json', JSON.stringify(tampered));
    const refused = await runCli(dedup, ['--encoded', '--input', tamperedFile, '--out', path.join(dir, 't.csv')]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('enregistrement 4, « name » : champ inattendu');
    expect(refused.stderr).toContain('record 4, "name": unexpected field');
  });

  it('explains a missing or short key and a file it cannot read', async () => {
    const missing = await runCli(encode, ['--key-file', path.join(dir, 'nope.key'), '--input', listA, '--out', path.join(dir, 'x.clk.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Fichier de clé introuvable');
    const short = await runCli(encode, ['--key-file', write('short.key', 'abc'), '--input', listA, '--out', path.join(dir, 'x.clk.json')]);
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('Key too short');
    const notHouseholds = await runCli(encode, [
      '--key-file',
      key,
      '--input',
      write('other.csv', 'Produit,Prix\nRiz,5000\n'),
      '--out',
      path.join(dir, 'x.clk.json'),
    ]);
    expect(notHouseholds.code).toBe(1);
    expect(notHouseholds.stderr).toContain('no household columns recognised');
    expect(fs.existsSync(path.join(dir, 'x.clk.json'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'x.clk.json.part'))).toBe(false);
    const notEncoded = await runCli(dedup, ['--encoded', '--input', listA, '--out', path.join(dir, 'y.csv')]);
    expect(notEncoded.code).toBe(1);
    expect(notEncoded.stderr).toContain('is not a JSON file of encodings');
    expect((await runCli(dedup, ['--one-to-one', '--input', listA, '--out', path.join(dir, 'y.csv')])).code).toBe(2);
  });
});
