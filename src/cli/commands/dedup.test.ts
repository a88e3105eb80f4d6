import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { dedup } from './dedup.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-dedup-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

async function runCli(args: string[]): Promise<{ code: number; stderr: string }> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'error').mockImplementation((line: unknown) => void lines.push(String(line)));
  try {
    const code = await dedup.run(args, loadConfig({}, 'test'));
    return { code, stderr: lines.join('\n') };
  } finally {
    spy.mockRestore();
  }
}

const families = ['Traoré', 'Coulibaly', 'Diallo', 'Maïga', 'Keïta', 'Cissé', 'Sangaré', 'Dembélé', 'Touré', 'Konaté', 'Tangara', 'Samaké', 'Guindo', 'Togo', 'Kassogué'];
const givens = ['Moussa', 'Fatoumata', 'Aminata', 'Oumar', 'Ibrahim', 'Hawa', 'Souleymane', 'Mariam', 'Boubacar', 'Kadiatou', 'Adama', 'Salif', 'Assétou', 'Drissa'];

describe('relais dedup', () => {
  // An NGO list (family and given names apart, ages, phones with +223) and a cluster's list
  // (one full-name column in capitals, birth years, other phone spellings), in French.
  const rows = Array.from({ length: 80 }, (_, k) => ({
    family: families[k % families.length]!,
    given: givens[(k * 5) % givens.length]!,
    age: 22 + ((k * 7) % 45),
    phone: `7${String(6_100_000 + k * 131).padStart(7, '0')}`,
    village: `Village ${k % 7}`,
  }));
  const listA = write(
    'ong-a.csv',
    'Nom;Prénom;Âge;Téléphone;Commune;Localité\n' + rows.map((r) => `${r.family};${r.given};${r.age} ans;+223 ${r.phone};Sévaré;${r.village}`).join('\n') + '\n',
  );
  const listB = write(
    'ong-b.csv',
    'N° ménage,Nom complet du chef de ménage,Année de naissance,Contact,Commune,Village\n' +
      rows
        .slice(0, 30)
        .map((r, k) => `MEN-${k + 1},${r.family.toUpperCase().normalize('NFD').replace(/\p{Diacritic}/gu, '')} ${r.given},${2025 - r.age},${r.phone},Sévaré,${r.village}`)
        .join('\n') +
      '\n',
  );

  it('writes every pair judged the same household, across files, with row numbers or the id column', async () => {
    const out = path.join(dir, 'pairs.csv');
    const { code, stderr } = await runCli(['--input', listA, '--input', listB, '--out', out, '--reference-date', '2025-06-01']);
    expect(code).toBe(0);
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('source_a,id_a,source_b,id_b,probability,decision');
    const matches = lines.slice(1).filter((l) => l.endsWith(',match'));
    // Row k of list B (1-based) is row k of list A.
    const right = matches.filter((l) => {
      const [sa, ia, sb, ib] = l.split(',');
      return sa === 'ong-a.csv' && sb === 'ong-b.csv' && ia === ib;
    });
    expect(right.length).toBeGreaterThanOrEqual(28);
    expect(matches.length - right.length).toBeLessThanOrEqual(1);
    for (const line of lines.slice(1)) expect(line).toMatch(/^ong-[ab]\.csv,\d+,ong-[ab]\.csv,\d+,(0|1)\.\d{4},(match|review)$/);
    expect(stderr).toContain('records in 2 file(s)');
    expect(stderr).toMatch(/"Nom" → familyName/);
  });

  it('uses the id column when named', async () => {
    const out = path.join(dir, 'pairs-id.csv');
    const { code } = await runCli(['--input', listB, '--input', listA, '--out', out, '--id-column', 'N° ménage', '--reference-date', '2025-06-01']);
    expect(code).toBe(0);
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
    expect(lines.slice(1).some((l) => /^ong-b\.csv,MEN-1,ong-a\.csv,,/.test(l) || /^ong-b\.csv,MEN-\d+,/.test(l))).toBe(true);
  });

  it('recognises FEBRL columns and finds duplicates within one file', async () => {
    const file = write(
      'febrl.csv',
      'rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, state, date_of_birth, soc_sec_id\n' +
        'rec-1-org, lachlan, berry, 69, giblin street, killarney, bittern, 4814, qld, 19990219, 7364009\n' +
        'rec-2-org, deakin, sondergeld, 48, goldfinch circuit, kooltuo, canterbury, 2776, vic, 19600210, 2635962\n' +
        'rec-1-dup-0, lachlan, berrey, 69, giblin street, killarney, bittern, 4814, qld, 19990219, 7364009\n' +
        'rec-3-org, kayla, harrington, , maltby circuit, coaling, coolaroo, 3465, nsw, 19150612, 9004242\n' +
        'rec-2-dup-0, deakin, sondergeld, 48, goldfinch crcuit, kooltuo, canterbury, 2776, vic, 19600120, 2635962\n',
    );
    const out = path.join(dir, 'febrl-pairs.csv');
    const { code } = await runCli(['--input', file, '--out', out, '--id-column', 'rec_id']);
    expect(code).toBe(0);
    const matches = fs
      .readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .filter((l) => l.endsWith(',match'))
      .map((l) => l.split(',').slice(0, 4).join(','));
    expect(matches.sort()).toEqual(['febrl.csv,rec-1-org,febrl.csv,rec-1-dup-0', 'febrl.csv,rec-2-org,febrl.csv,rec-2-dup-0']);
  });

  it('names the columns it could not recognise', async () => {
    const file = write('other.csv', 'Produit,Quantité,Prix\nRiz,10,5000\n');
    const { code, stderr } = await runCli(['--input', file, '--out', path.join(dir, 'x.csv')]);
    expect(code).toBe(1);
    expect(stderr).toContain('no household columns recognised');
    expect(stderr).toContain('"Produit", "Quantité", "Prix"');
    expect(fs.existsSync(path.join(dir, 'x.csv'))).toBe(false);
  });

  it('says in words why a file it cannot read is refused (a compressed file, here)', async () => {
    const file = path.join(dir, 'liste.csv.gz');
    fs.writeFileSync(file, gzipSync('Nom,Prénom\nTraoré,Moussa\n'));
    const { code, stderr } = await runCli(['--input', file, '--out', path.join(dir, 'y.csv')]);
    expect(code).toBe(1);
    expect(stderr).toContain('liste.csv.gz: Unsupported file format. Save it as Excel (.xlsx) or CSV.');
    expect(fs.existsSync(path.join(dir, 'y.csv'))).toBe(false);
  });

  it('refuses a call without input or output', async () => {
    expect((await runCli(['--out', 'x.csv'])).code).toBe(2);
    expect((await runCli(['--input', listA])).code).toBe(2);
  });
});
