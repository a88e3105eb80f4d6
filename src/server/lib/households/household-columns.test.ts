import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { readHousehold } from '../../../shared/linkage/household.ts';
import { type ImportResult, type ParsedRow, runImport } from '../tabular/index.ts';
import { householdColumns, householdFieldsOf, type HouseholdRow } from '../../../shared/linkage/household-columns.ts';
import { checkHouseholdRow } from './household-columns.ts';

const opened: ImportResult<unknown>[] = [];
afterEach(async () => {
  for (const result of opened.splice(0)) await result.rows.dispose();
});

async function importHouseholds(buffer: Buffer, referenceDate = '2025-03-01') {
  const result = await runImport({
    source: { buffer },
    columns: householdColumns,
    language: 'fr',
    validateRow: (row, check) => {
      checkHouseholdRow(householdFieldsOf(row), check, referenceDate);
    },
  });
  opened.push(result);
  const rows: ParsedRow<HouseholdRow>[] = [];
  for await (const batch of result.rows.batches()) rows.push(...batch);
  return { report: result.report, rows };
}

async function workbook(rows: (string | number | Date | null)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Liste');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const boundKeys = (report: { columns: { key: string; header: string | null }[] }) => Object.fromEntries(report.columns.map((c) => [c.header, c.key]));

describe('household columns', () => {
  it('recognise an NGO workbook with a full-name column, ages in years and a title row', async () => {
    const buffer = await workbook([
      ['LISTE DES BÉNÉFICIAIRES — DISTRIBUTION AME, SÉVARÉ, MARS 2025'],
      [],
      ['N°', 'Nom complet du chef de ménage', 'Sexe', 'Âge', 'Contact', 'N° NINA', 'Taille ménage', 'Statut de déplacement', 'Commune', 'Village', "Nom de l'épouse"],
      [1, 'COULIBALY Moussa', 'H', '34 ANS', '+223 76 12 34 56', '1 23 45 678 901 23 K', 7, 'PDI', 'Socoura', 'Sévaré', 'Aminata Traoré'],
      [2, 'Fatoumata DIALLO', 'F', 52, '00223 66001122 / 76 00 11 22', null, 4, 'Hôte', 'Socoura', 'Mopti', null],
      [3, 'MAIGA Hamadoun', 'Masculin', 'vieux', '76 55 44 33', null, 9, 'Retourné', 'Socoura', 'Sévaré', null],
    ]);
    const { report, rows } = await importHouseholds(buffer);
    expect(boundKeys(report)).toEqual({
      'Nom complet du chef de ménage': 'fullName',
      Sexe: 'sex',
      Âge: 'age',
      Contact: 'phone',
      'N° NINA': 'nina',
      'Taille ménage': 'householdSize',
      'Statut de déplacement': 'status',
      Commune: 'adm3Name',
      Village: 'localityName',
      "Nom de l'épouse": 'spouseName',
    });
    expect(report.unknownColumns.map((c) => c.header)).toEqual(['N°']);
    expect(rows.map((r) => r.row)).toEqual([4, 5]);
    expect(report.issues.filter((i) => i.severity === 'error')).toMatchObject([{ row: 6, column: 'age', code: 'age_invalid', value: 'vieux', severity: 'error' }]);

    const first = readHousehold(householdFieldsOf(rows[0]!.values), '2025-03-01').record;
    expect(first).toMatchObject({
      head: { family: 'COULIBALY', given: 'Moussa' },
      sex: 'm',
      birthYear: { year: 1991, fromAge: true },
      phones: ['76123456'],
      nina: '1234567890123K',
      householdSize: 7,
      status: 'idp',
      spouses: [{ full: 'Aminata Traoré' }],
    });
    expect(readHousehold(householdFieldsOf(rows[1]!.values), '2025-03-01').record.phones).toEqual(['66001122', '76001122']);
  });

  it('recognise a Windows-1252 semicolon CSV with family and given names apart, in capitals, without accents', async () => {
    const text = [
      'NOM;PRENOM(S);GENRE;ANNEE DE NAISSANCE;TELEPHONE;NB PERSONNES;STATUT;REGION;CERCLE;COMMUNE;LOCALITE',
      'Traoré;Mariam;Féminin;vers 1980;76123456;5;Déplacé;Mopti;Mopti;Socoura;Sévaré',
      'Ag Alhassane;Mohamed;M;00/00/1975;;8;PDI;Tombouctou;Goundam;Tonka;Tonka',
    ].join('\r\n');
    const { report, rows } = await importHouseholds(Buffer.from(text, 'latin1'));
    expect(report.encoding).toBe('windows-1252');
    expect(report.columns.map((c) => c.key)).toEqual(['familyName', 'givenNames', 'sex', 'birthDate', 'phone', 'householdSize', 'status', 'adm1Name', 'adm2Name', 'adm3Name', 'localityName']);
    expect(report.issues).toEqual([]);
    expect(rows.map((r) => readHousehold(householdFieldsOf(r.values), '2025-03-01').record)).toMatchObject([
      { head: { full: 'Mariam Traoré', family: 'Traoré' }, sex: 'f', birthYear: { year: 1980, fromAge: false }, status: 'idp', locality: { name: 'Sévaré' } },
      { head: { family: 'Ag Alhassane', given: 'Mohamed' }, sex: 'm', birthYear: { year: 1975 }, phones: [] },
    ]);
  });

  it('recognise HXL hashtags under English headers', async () => {
    const text = [
      'Household,Family,Given,Gender,DOB,Mobile,Spouse',
      '#meta+id,#beneficiary+name+family,#beneficiary+name+given,#beneficiary+sex,#beneficiary+birth,#contact+phone,#beneficiary+spouse+name',
      'HH-001,Cissé,Aïssata,female,1990-05-02,+22376543210,Sidibé Oumar',
    ].join('\n');
    const { report, rows } = await importHouseholds(Buffer.from(text, 'utf8'));
    expect(report.columns.map((c) => c.key)).toEqual(['id', 'familyName', 'givenNames', 'sex', 'birthDate', 'phone', 'spouseName']);
    expect(rows[0]!.values).toMatchObject({ id: 'HH-001', familyName: 'Cissé', givenNames: 'Aïssata', sex: 'f', phone: '+22376543210' });
  });

  it('refuse a row whose head of household has no name', async () => {
    const { report, rows } = await importHouseholds(Buffer.from('Nom;Prénom;Âge\nNéant;;40\nDembélé;Awa;38\n', 'utf8'));
    expect(rows).toHaveLength(1);
    expect(report.issues).toMatchObject([{ row: 2, code: 'household_name_missing' }]);
  });
});
