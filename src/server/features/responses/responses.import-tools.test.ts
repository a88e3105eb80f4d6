import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';
import { multipartFile } from '../../test/multipart.ts';
import { koboFoodDistribution, koboWorkbook } from '../../test/kobo-export.ts';

interface Report {
  canCommit: boolean;
  committed: boolean;
  rows: number;
  valid: number;
  invalid: number;
  columns: { key: string; header: string; letter: string }[];
  unknownColumns: { header: string | null }[];
  plan: { create: number; update: number; unchanged: number; refused: number };
  issues: { row: number | null; column: string | null; code: string; severity: string; message: string }[];
  outcomes: { row: number; action: string; id: string | null }[];
}

describe.each(databaseKinds)('5W import of KoBoToolbox and ActivityInfo exports on %s', (kind) => {
  let t: TestApp;
  let coordinator: Session;

  beforeAll(async () => {
    t = await createTestApp(kind);
    coordinator = await t.login('coordinator');
  });
  afterAll(() => t.close());

  const upload = async (query: string, fileName: string, content: Buffer | string, language = 'fr') => {
    const body = multipartFile(fileName, content);
    return t.request(coordinator, {
      method: 'POST',
      url: `/api/v1/responses/import?${query}`,
      payload: body.payload,
      headers: { ...body.headers, 'accept-language': language },
    });
  };
  const record = async (id: string) => (await t.request(coordinator, { method: 'GET', url: `/api/v1/responses/${id}` })).json();

  const food = koboFoodDistribution();

  it('maps a KoBoToolbox XLSX export onto the 5W, ignores its meta and option columns, refuses a row with two sectors, then commits', async () => {
    const water = {
      ...food,
      sectors: 'eha',
      activity: 'Réhabilitation de forages',
      status: 'planifie',
      admin: ['ML05', 'ML0507', 'ML050711'] as [string, string, string],
      village: 'Koro',
      start: '2026-04-10',
      end: '2026-06-30',
      targeted: 300,
      reached: 0,
      persons: 0,
      modality: 'service',
      comments: null,
    };
    const twoSectors = {
      ...food,
      org: 'acted',
      sectors: 'secal abris_ame',
      activity: 'Kits et vivres',
      admin: ['ML05', 'ML0503', 'ML050301'] as [string, string, string],
      village: 'Bankass',
    };
    const file = await koboWorkbook([food, water, twoSectors]);

    const preview = await upload('dryRun=true&period=2026-04', 'NRC_5W_Mopti_-_all_versions_-_False_-_2026-04-30-10-02-11.xlsx', file);
    expect(preview.statusCode, preview.body).toBe(200);
    const report = preview.json<Report>();
    expect(report).toMatchObject({ rows: 3, valid: 2, invalid: 1, canCommit: false, plan: { create: 2, update: 0, unchanged: 0, refused: 1 } });
    // Every question maps through its group path; the report names the columns as the file does.
    expect(Object.fromEntries(report.columns.map((c) => [c.key, c.header]))).toEqual({
      organisation: 'grp_qui/org',
      period: 'grp_qui/mois_rapport',
      sector: 'grp_quoi/secteur',
      activity: 'grp_quoi/activite',
      status: 'grp_quoi/statut',
      adm1Name: 'grp_ou/admin1',
      adm2Name: 'grp_ou/admin2',
      adm3Name: 'grp_ou/admin3',
      localityName: 'grp_ou/village',
      startDate: 'grp_quand/date_debut',
      endDate: 'grp_quand/date_fin',
      populationGroup: 'grp_benef/type_population',
      householdsTargeted: 'grp_benef/hh_targeted',
      householdsReached: 'grp_benef/hh_reached',
      personsReached: 'grp_benef/individus_atteints',
      modality: 'grp_benef/modalite',
      comments: 'commentaires',
    });
    // KoBo's meta columns and the 0/1 columns of each sector choice are neither fields nor "unknown".
    expect(report.unknownColumns).toEqual([]);
    expect(report.issues.filter((i) => i.code === 'column_unknown')).toEqual([]);
    // A 5W record has one sector: the row that ticked two is refused, by name, and nothing else is.
    const errors = report.issues.filter((i) => i.severity === 'error');
    expect(errors.map((i) => [i.row, i.column, i.code])).toEqual([[4, 'sector', 'enum_several']]);
    expect(errors[0]!.message).toBe(
      "« secal abris_ame » donne plusieurs valeurs (Sécurité alimentaire, Abris / AME) alors que « Secteur » n'en prend qu'une par ligne : faites une ligne par valeur.",
    );
    expect(report.issues.filter((i) => i.severity === 'warning')).toEqual([]);

    const english = (await upload('dryRun=true&period=2026-04', 'kobo.xlsx', file, 'en')).json<Report>();
    expect(english.issues.find((i) => i.code === 'enum_several')!.message).toBe(
      '"secal abris_ame" gives several values (Food security, Shelter / NFI) but "Sector" takes one per row: make one row per value.',
    );

    // The partner splits the submission in two rows (one per sector), as the message says.
    const fixed = await koboWorkbook([food, water, { ...twoSectors, sectors: 'secal' }, { ...twoSectors, sectors: 'abris_ame', activity: 'Kits AME' }]);
    const committed = await upload('dryRun=false&period=2026-04', 'kobo.xlsx', fixed);
    expect(committed.statusCode, committed.body).toBe(200);
    const done = committed.json<Report>();
    expect(done).toMatchObject({ committed: true, rows: 4, plan: { create: 4, update: 0, unchanged: 0, refused: 0 } });
    const [foodRecord, waterRecord, actedFood, actedKits] = await Promise.all(done.outcomes.map((o) => record(o.id!)));
    expect(foodRecord).toMatchObject({
      period: '2026-04',
      organisation: { acronym: 'NRC' },
      sector: 'secal',
      activity: 'Distribution de vivres',
      status: 'ongoing',
      locality: { name: 'Sévaré', adm1Pcode: 'ML05' },
      startDate: '2026-04-02',
      endDate: null,
      populationGroup: 'idp',
      householdsTargeted: 600,
      householdsReached: 450,
      personsReached: 2700,
      modality: 'in_kind',
      comments: 'Cycle 1 sur 3',
    });
    expect(waterRecord).toMatchObject({
      sector: 'eha',
      status: 'planned',
      locality: { name: 'Koro' },
      endDate: '2026-06-30',
      modality: 'service',
      comments: null,
    });
    expect(actedFood).toMatchObject({ organisation: { acronym: 'ACTED' }, sector: 'secal', locality: { name: 'Bankass' } });
    expect(actedKits).toMatchObject({ organisation: { acronym: 'ACTED' }, sector: 'abris_ame', activity: 'Kits AME' });

    // The same export downloaded again the next day changes nothing.
    const again = (await upload('dryRun=false&period=2026-04', 'kobo.xlsx', fixed)).json<Report>();
    expect(again.plan).toEqual({ create: 0, update: 0, unchanged: 4, refused: 0 });
  });

  it('maps an ActivityInfo CSV export (field labels as headers, multiple selections comma-separated) onto the 5W', async () => {
    /*
     * ActivityInfo exports a form's records with the field labels as column headers; reference
     * fields (the partner, the location) show the referenced record's label; dates are
     * YYYY-MM-DD, months YYYY-MM, quantities "1100.50" without thousands separators, and a
     * multiple selection lists the chosen labels separated by commas
     * (activityinfo.org/support/docs/working-with-data/preparing-the-records-for-import.html).
     */
    const csv = [
      'Partner,Reporting Month,Sector,Activity,Status,Admin 1,Admin 2,Admin 3,Location,Start Date,End Date,Population group,Households targeted,Households reached,Individuals reached,Comments',
      'IRC,2026-04,Health,Mobile clinic,Ongoing,Mopti,Mopti,Mopti Commune,Mopti,2026-04-01,,IDP,250,180,900,',
      'IRC,2026-04,"Health, Nutrition",Screening and referral,Ongoing,Mopti,Bandiagara,Bandiagara Commune,Bandiagara,2026-04-03,,IDP,120,90,450,',
      'NRC,2026-04,WASH,Water trucking,Completed,Mopti,Djenné,Djenné Commune,Djenné,2026-04-01,2026-04-20,Host community,80,80,480,"Done, handed over"',
    ].join('\r\n');
    const preview = (await upload('dryRun=true', 'activityinfo-5w-export.csv', csv, 'en')).json<Report>();
    expect(preview).toMatchObject({ rows: 3, valid: 2, invalid: 1, plan: { create: 2, refused: 1 } });
    expect(preview.unknownColumns).toEqual([]);
    expect(preview.issues.filter((i) => i.severity === 'error').map((i) => [i.row, i.column, i.code, i.message])).toEqual([
      [3, 'sector', 'enum_several', '"Health, Nutrition" gives several values (Health, Nutrition) but "Sector" takes one per row: make one row per value.'],
    ]);

    const fixed = csv.replace('"Health, Nutrition"', 'Nutrition');
    const committed = await upload('dryRun=false', 'activityinfo-5w-export.csv', fixed, 'en');
    expect(committed.statusCode, committed.body).toBe(200);
    const done = committed.json<Report>();
    expect(done.plan).toEqual({ create: 3, update: 0, unchanged: 0, refused: 0 });
    const [clinic, screening, water] = await Promise.all(done.outcomes.map((o) => record(o.id!)));
    expect(clinic).toMatchObject({
      organisation: { acronym: 'IRC' },
      period: '2026-04',
      sector: 'sante',
      locality: { name: 'Mopti' },
      status: 'ongoing',
      householdsReached: 180,
      personsReached: 900,
    });
    expect(screening).toMatchObject({ sector: 'nutrition', locality: { name: 'Bandiagara' }, startDate: '2026-04-03' });
    expect(water).toMatchObject({
      organisation: { acronym: 'NRC' },
      sector: 'eha',
      status: 'completed',
      endDate: '2026-04-20',
      populationGroup: 'host',
      comments: 'Done, handed over',
    });
  });
});
