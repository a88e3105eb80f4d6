import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { defaultEdition, type GazetteerImportResult, gazetteerImportKinds } from '../../shared/contracts/gazetteer.ts';
import { gazetteerImporter, type ImportJob, ImportRefused } from '../../server/features/gazetteer/gazetteer.import.ts';
import { gazetteerRepository } from '../../server/features/gazetteer/gazetteer.repository.ts';
import { type CliCommand, parseOptions } from '../command.ts';
import { withDatabase } from '../with-database.ts';

const shownErrors = 50;

const optionsSchema = z.object({
  kind: z.enum(gazetteerImportKinds).optional(),
  file: z.string().optional(),
  dir: z.string().optional(),
  level: z.coerce.number().int().min(1).max(3).optional(),
  edition: z.string().trim().min(1).max(40).default(defaultEdition),
  'pcode-property': z.string().optional(),
  'name-property': z.string().optional(),
  'parent-property': z.string().optional(),
  'dry-run': z.literal(true).optional(),
  lang: z.enum(['fr', 'en']).default('fr'),
});
type Options = z.infer<typeof optionsSchema>;

/**
 * The files of an OCHA COD folder, in the order they depend on each other: regions, cercles,
 * (commune boundaries,) the commune list, then settlements.
 */
export function codFolderJobs(dir: string, edition: string): ImportJob[] {
  const files = fs.readdirSync(dir).sort();
  const find = (pattern: RegExp) => files.find((f) => pattern.test(f.toLowerCase()));
  const job = (file: string | undefined, rest: Omit<ImportJob, 'filePath' | 'fileName' | 'edition'>): ImportJob[] =>
    file ? [{ ...rest, filePath: path.join(dir, file), fileName: file, edition }] : [];
  return [
    ...job(find(/adm(in)?1.*\.(geo)?json$/), { kind: 'boundaries', level: 1 }),
    ...job(find(/adm(in)?2.*\.(geo)?json$/), { kind: 'boundaries', level: 2 }),
    ...job(find(/adm(in)?3.*\.csv$|commune.*\.csv$/), { kind: 'communes' }),
    ...job(find(/adm(in)?3.*\.(geo)?json$/), { kind: 'boundaries', level: 3 }),
    ...job(find(/(settlement|populated|ppl|localit).*\.csv$/), { kind: 'settlements' }),
  ];
}

function jobsOf(options: Options): ImportJob[] | string {
  if (options.dir) {
    if (!fs.existsSync(options.dir)) return `Folder not found: ${options.dir}`;
    const jobs = codFolderJobs(options.dir, options.edition);
    return jobs.length > 0 ? jobs : `No gazetteer file found in ${options.dir} (admN *.geojson, adm3/communes *.csv, settlements *.csv).`;
  }
  if (!options.kind || !options.file) return 'Give --kind and --file, or --dir.';
  if (!fs.existsSync(options.file)) return `File not found: ${options.file}`;
  if (options.kind === 'boundaries' && !options.level) return 'A boundaries file needs --level (1 region, 2 cercle, 3 commune).';
  return [
    {
      kind: options.kind,
      level: options.level,
      edition: options.edition,
      filePath: options.file,
      fileName: path.basename(options.file),
      properties: { pcodeProperty: options['pcode-property'], nameProperty: options['name-property'], parentProperty: options['parent-property'] },
    },
  ];
}

function describe(report: GazetteerImportResult): string {
  const what = report.kind === 'boundaries' ? `boundaries level ${report.level ?? ''}` : report.kind;
  const extra = [report.parentsCreated ? `${report.parentsCreated} parents created` : '', report.located ? `${report.located} localities placed from coordinates` : '']
    .filter(Boolean)
    .join(', ');
  return `${report.fileName} (${what}, ${report.edition}): ${report.rows} rows — ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged${extra ? `; ${extra}` : ''} [${(report.durationMs / 1000).toFixed(2)} s]`;
}

function printErrors(report: GazetteerImportResult) {
  console.error(`${report.fileName}: ${report.errorCount} error(s); nothing was imported.`);
  for (const error of report.errors.slice(0, shownErrors)) {
    const where = error.row === 0 ? 'file' : `row ${error.row}`;
    const column = error.column ? ` [${error.column}]` : '';
    const value = error.value ? ` « ${error.value} »` : '';
    console.error(`  ${where}${column}: ${error.message}${value}`);
  }
  if (report.errorCount > shownErrors) console.error(`  … and ${report.errorCount - shownErrors} more`);
}

export const importGazetteer: CliCommand = {
  summary: 'Import admin boundaries (GeoJSON), commune lists and settlements (CSV) into the gazetteer',
  usage:
    'relais import-gazetteer --kind boundaries --level 1 --file adm1.geojson [--edition "COD 2015"] [--pcode-property X --name-property Y --parent-property Z] [--dry-run]\n' +
    '                     relais import-gazetteer --kind communes|settlements --file list.csv [--dry-run]\n' +
    '                     relais import-gazetteer --dir reference-data/mali-cod-2015 [--dry-run]',
  async run(args, config) {
    const parsed = optionsSchema.safeParse(parseOptions(args).options);
    if (!parsed.success) {
      console.error(`${z.prettifyError(parsed.error)}\nUsage: ${this.usage}`);
      return 2;
    }
    const options = parsed.data;
    const jobs = jobsOf(options);
    if (typeof jobs === 'string') {
      console.error(`${jobs}\nUsage: ${this.usage}`);
      return 2;
    }
    const dryRun = options['dry-run'] === true;
    return withDatabase(config, async (database) => {
      const started = performance.now();
      const gazetteer = gazetteerRepository(database.db);
      const importer = gazetteerImporter({ db: database.db, gazetteer });
      try {
        const reports = await importer.run({ user: null, requestId: `cli-${crypto.randomUUID()}` }, jobs, { dryRun, language: options.lang });
        for (const report of reports) console.log(describe(report));
        const counts = await gazetteer.counts(database.db);
        console.log(
          `${dryRun ? 'Dry run: nothing was written. ' : ''}Gazetteer: ${counts.regions} regions, ${counts.cercles} cercles, ${counts.communes} communes, ${counts.localities} localities. ` +
            `Total time ${((performance.now() - started) / 1000).toFixed(2)} s.`,
        );
        return 0;
      } catch (error) {
        if (!(error instanceof ImportRefused)) throw error;
        for (const report of error.reports.slice(0, -1)) console.log(`${describe(report)} — rolled back`);
        printErrors(error.reports.at(-1)!);
        return 1;
      }
    });
  },
};
