/**
 * Hostile files against the built server (issue 20): each file is uploaded, as a dry run, to
 * every import that takes a spreadsheet (alerts, 5W, capacities, assessments, development
 * programmes, beneficiary lists), signed in as the national coordinator, on the embedded store.
 * For each upload it prints the answer (status and code), its time and the server's resident
 * memory at its peak during the upload (/proc/<pid>/status, sampled every 20 ms), then checks the
 * server is still up and that nothing was written (the lists of each module counted before
 * and after). Bombs are generated as streams: the files are small, what they unpack to is not.
 *   npm run build && npx tsx bench/hostile-files.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sectors } from '../src/shared/sectors.ts';
import { giantCell, manySharedStrings, repeated, sharedStringsBomb, workbookParts, writeZip } from '../src/server/test/hostile-xlsx.ts';
import { startServer } from './built-server.ts';
import { type HttpSession, signIn } from './http-session.ts';

const megabyte = 1024 * 1024;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-hostile-files-'));

interface HostileFile {
  name: string;
  file: string;
  /** What it unpacks or expands to, in words. */
  expands: string;
}

const once = (value: string) => () => [Buffer.from(value)];
/** The 5W template's required columns and a few more, so the 5W import reads past the header; the other imports refuse at it. */
const fiveWHeader = ['Mois de rapportage', 'Organisation', 'Secteur', 'Activité', 'Localité', 'Statut', 'Date de début', 'Ménages atteints', 'Commentaires'];
const inline = (column: number, row: number, text: string) => `<c r="${String.fromCharCode(65 + column)}${row}" t="inlineStr"><is><t>${text}</t></is></c>`;
const sheetHead = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${fiveWHeader.map((h, i) => inline(i, 1, h)).join('')}</row>`;
const fiveWCells = (row: number, comment: string) =>
  ['2025-03', 'NRC', 'eha', 'Kits', 'Sévaré', 'En cours', '2025-03-01', '12', comment].map((v, i) => inline(i, row, v)).join('');
/** A sheet of `rows` complete 5W rows that unpacks to ~250 bytes each (every row says it is row 2, as a bomb repeats one piece). */
const fiveWSheetBomb = (rows: number) => repeated(sheetHead, `<row r="2">${fiveWCells(2, 'x')}</row>`, rows, '</sheetData></worksheet>');
const entityBomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>`;
const externalEntity = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&xxe;</t></si></sst>`;

async function workbook(name: string, expands: string, parts: Parameters<typeof workbookParts>[0]): Promise<HostileFile> {
  const file = path.join(dir, `${name}.xlsx`);
  await writeZip(file, workbookParts(parts));
  return { name, file, expands };
}

async function written(name: string, extension: string, expands: string, write: (out: fs.WriteStream) => void): Promise<HostileFile> {
  const file = path.join(dir, `${name}.${extension}`);
  const out = fs.createWriteStream(file);
  write(out);
  out.end();
  await new Promise<void>((resolve) => out.once('close', () => resolve()));
  return { name, file, expands };
}

/** A 5W-like CSV of `rows` rows, each `comment` long: over the upload limit when large enough. */
function csvRows(rows: number, comment: (i: number) => string, encoding: BufferEncoding = 'utf8') {
  return (out: fs.WriteStream) => {
    out.write(Buffer.from(`${fiveWHeader.join(';')}\n`, encoding));
    for (let i = 0; i < rows; i++)
      out.write(Buffer.from(`2025-03;NRC;${sectors[i % sectors.length]!};Kits ${i};Sévaré;En cours;2025-03-01;${i % 500};${comment(i)}\n`, encoding));
  };
}

async function hostileFiles(): Promise<HostileFile[]> {
  return [
    await workbook('shared-strings-bomb-3-GB', '3.1 GB of shared strings', { sharedStrings: sharedStringsBomb(3100) }),
    await workbook('many-shared-strings', '3,000,000 shared strings', { sharedStrings: manySharedStrings(3_000_000) }),
    await workbook('sheet-bomb', 'a sheet of 5,000,000 5W rows (2.3 GB)', { sheet: fiveWSheetBomb(5_000_000) }),
    await workbook('sheet-over-row-limit', '150,000 5W rows (over the 100,000 limit)', { sheet: fiveWSheetBomb(150_000) }),
    await workbook('giant-cell', 'one cell of 50,000,000 characters', { sheet: giantCell(50_000_000) }),
    await workbook('billion-laughs', 'XML entities expanding to 3 GB', { sharedStrings: once(entityBomb) }),
    await workbook('external-entity', 'an entity naming /etc/passwd', { sharedStrings: once(externalEntity) }),
    await written('html-named-xlsx', 'xlsx', 'an HTML page behind .xlsx', (out) => out.write('<!doctype html><html><script>alert(1)</script></html>')),
    await written('truncated-zip', 'xlsx', 'a zip cut in its middle', (out) => out.write(fs.readFileSync(path.join(dir, 'giant-cell.xlsx')).subarray(0, 2000))),
    await written(
      'csv-over-limit',
      'csv',
      'a 61 MB CSV (over the 50 MB limit)',
      csvRows(50_000, (i) => `${'Commentaire long '.repeat(70)}${i}`),
    ),
    await written(
      'csv-too-many-rows',
      'csv',
      '150,000 rows (over the 100,000 limit)',
      csvRows(150_000, () => ''),
    ),
    await written(
      'csv-nul-bytes',
      'csv',
      'NUL characters in cells',
      csvRows(100, (i) => `a\u0000b${i}`),
    ),
    await written('csv-giant-field', 'csv', 'one field of 20,000,000 characters', (out) => {
      csvRows(1, () => 'x'.repeat(20_000_000))(out);
    }),
    await written(
      'csv-late-windows-1252',
      'csv',
      'Windows-1252, first accent after byte 70,000',
      csvRows(2000, (i) => (i === 1900 ? 'Ségou' : 'ok'), 'latin1'),
    ),
    await written(
      'csv-bidi-and-zero-width',
      'csv',
      'right-to-left overrides and zero-width text',
      csvRows(50, (i) => (i % 2 ? '\u202Eexe.fdp' : '\u200B\u200B')),
    ),
  ];
}

const imports: { module: string; address: string; count: string | null; as?: string }[] = [
  { module: '5W', address: '/api/v1/responses/import?dryRun=true', count: '/api/v1/responses?pageSize=1' },
  { module: 'alerts', address: '/api/v1/alerts/import?dryRun=true', count: '/api/v1/alerts?pageSize=1' },
  { module: 'capacities', address: '/api/v1/capacities/import?dryRun=true', count: '/api/v1/capacities?pageSize=1' },
  { module: 'assessments', address: '/api/v1/assessments/import?dryRun=true', count: null },
  { module: 'programmes', address: '/api/v1/development-programmes/import?dryRun=true', count: null },
  {
    module: 'lists',
    // Lists are uploaded by the organisation that holds them.
    as: 'partner@demo.relais',
    address: `/api/v1/lists?dryRun=true&title=Essai&purpose=targeting&legalBasis=consent&sector=${sectors[0]}&assistanceDate=2025-03-01`,
    count: '/api/v1/lists?pageSize=1',
  },
];

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

async function totals(url: string, session: HttpSession): Promise<string> {
  const counted = await Promise.all(
    imports.flatMap((i) =>
      i.count
        ? [fetch(`${url}${i.count}`, { headers: { cookie: session.cookie } }).then(async (r) => `${i.module} ${((await r.json()) as { total: number }).total}`)]
        : [],
    ),
  );
  return counted.join(', ');
}

async function upload(url: string, session: HttpSession, address: string, file: HostileFile) {
  const form = new FormData();
  form.append('file', await fs.openAsBlob(file.file), path.basename(file.file));
  const response = await fetch(`${url}${address}`, {
    method: 'POST',
    body: form,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
    signal: AbortSignal.timeout(300_000),
  });
  const body = (await response.json().catch(() => null)) as {
    error?: { code?: string };
    issues?: { row: number | null; code: string; severity: string }[];
    canCommit?: boolean;
  } | null;
  const fileIssue = body?.issues?.find((issue) => issue.severity === 'error');
  return {
    status: response.status,
    code: body?.error?.code ?? (fileIssue ? `${fileIssue.code}${fileIssue.row === null ? '' : ' (row)'}` : body?.canCommit ? 'accepted' : ''),
  };
}

export async function run(): Promise<void> {
  const started = performance.now();
  const files = await hostileFiles();
  console.log(
    `${files.length} files generated in ${((performance.now() - started) / 1000).toFixed(0)} s (${os.cpus().length} CPU, Node ${process.version}, load ${os.loadavg()[0]!.toFixed(1)}).`,
  );
  const server = await startServer();
  try {
    const session = await signIn(server.url, 'coordinator@demo.relais');
    const partner = await signIn(server.url, 'partner@demo.relais');
    const before = await totals(server.url, session);
    const idleMb = rssMb(server.pid);
    const rows = [];
    for (const file of files) {
      for (const target of imports) {
        let peak = rssMb(server.pid);
        const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.pid))), 20);
        const t0 = performance.now();
        const answer = await upload(server.url, target.as ? partner : session, target.address, file).finally(() => clearInterval(sampler));
        rows.push({
          file: file.name,
          size: `${(fs.statSync(file.file).size / megabyte).toFixed(1)} MB`,
          expands: file.expands,
          import: target.module,
          answer: `${answer.status} ${answer.code}`,
          seconds: ((performance.now() - t0) / 1000).toFixed(1),
          'peak RSS': `${Math.round(peak)} MB`,
        });
      }
    }
    console.table(rows);
    const health = await fetch(`${server.url}/api/health`);
    const after = await totals(server.url, session);
    const peaks = rows.map((r) => Number.parseInt(r['peak RSS'], 10));
    console.log(
      `${files.length} files × ${imports.length} imports = ${rows.length} uploads; server RSS idle ${Math.round(idleMb)} MB, highest peak ${Math.max(...peaks)} MB, after ${Math.round(rssMb(server.pid))} MB; ` +
        `health after: ${health.status}; 5xx answers: ${rows.filter((r) => r.answer.startsWith('5')).length}; records before: ${before}; after: ${after} (${before === after ? 'nothing written' : 'CHANGED'}).`,
    );
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) await run();
