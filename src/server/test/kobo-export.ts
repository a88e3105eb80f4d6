import ExcelJS from 'exceljs';

/*
 * A KoBoToolbox 5W form as partners build them (groups qui / quoi / où / quand / bénéficiaires),
 * exported as XLSX with "XML values and headers", the default group separator "/" and the
 * default "single and separate columns" for "select multiple" questions: the question's column
 * holds the choice names separated by spaces, then one 0/1 column per choice. The form's meta
 * questions (start, end, today, deviceid) come first, the submission's columns (_id, _uuid,
 * _submission_time, _validation_status, _notes, _status, _submitted_by, __version__, _tags,
 * _index) last. Admin areas are select_one lists whose choice names are the P-codes.
 */
const koboSectorChoices = ['secal', 'eha', 'sante', 'abris_ame'];
const koboHeader = [
  'start',
  'end',
  'today',
  'deviceid',
  'grp_qui/org',
  'grp_qui/mois_rapport',
  'grp_quoi/secteur',
  ...koboSectorChoices.map((c) => `grp_quoi/secteur/${c}`),
  'grp_quoi/activite',
  'grp_quoi/statut',
  'grp_ou/admin1',
  'grp_ou/admin2',
  'grp_ou/admin3',
  'grp_ou/village',
  'grp_quand/date_debut',
  'grp_quand/date_fin',
  'grp_benef/type_population',
  'grp_benef/hh_targeted',
  'grp_benef/hh_reached',
  'grp_benef/individus_atteints',
  'grp_benef/modalite',
  'commentaires',
  '_id',
  '_uuid',
  '_submission_time',
  '_validation_status',
  '_notes',
  '_status',
  '_submitted_by',
  '__version__',
  '_tags',
  '_index',
];

export interface KoboSubmission {
  org: string;
  sectors: string;
  activity: string;
  status: string;
  admin: [string, string, string];
  village: string;
  start: string;
  end: string | null;
  group: string;
  targeted: number;
  reached: number;
  persons: number;
  modality: string;
  comments: string | null;
}

function koboRow(s: KoboSubmission, index: number, month: string): ExcelJS.CellValue[] {
  const chosen = s.sectors.split(' ');
  return [
    `${month}-0${index}T08:12:31.000+00:00`,
    `${month}-0${index}T08:31:02.000+00:00`,
    `${month}-0${index}`,
    `collect:Xb7${index}Lq2`,
    s.org,
    month,
    s.sectors,
    ...koboSectorChoices.map((c) => (chosen.includes(c) ? 1 : 0)),
    s.activity,
    s.status,
    ...s.admin,
    s.village,
    s.start,
    s.end,
    s.group,
    s.targeted,
    s.reached,
    s.persons,
    s.modality,
    s.comments,
    2_418_300 + index,
    `6c1d8a1e-2f0b-4b8e-9c1a-${String(index).padStart(12, '0')}`,
    `${month}-0${index}T09:00:00`,
    'validation_status_approved',
    '',
    'submitted_via_web',
    'nrc_mopti',
    'vGk2mXw9sPqYtRrZ',
    '',
    index,
  ];
}

/** The export of a month's submissions (`month` as YYYY-MM: the report month and the submission times). */
export async function koboWorkbook(submissions: KoboSubmission[], month = '2026-04'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('5W Mopti NRC');
  sheet.addRow(koboHeader);
  submissions.forEach((s, i) => sheet.addRow(koboRow(s, i + 1, month)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** NRC's food distribution in Sévaré (Mopti), started on the 2nd of `month`: the submission tests vary. */
export function koboFoodDistribution(month = '2026-04'): KoboSubmission {
  return {
    org: 'nrc',
    sectors: 'secal',
    activity: 'Distribution de vivres',
    status: 'en_cours',
    admin: ['ML05', 'ML0501', 'ML050109'],
    village: 'Sevare',
    start: `${month}-02`,
    end: null,
    group: 'pdi',
    targeted: 600,
    reached: 450,
    persons: 2700,
    modality: 'nature',
    comments: 'Cycle 1 sur 3',
  };
}
