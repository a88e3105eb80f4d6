import fs from 'node:fs';
import path from 'node:path';
import type { CliCommand } from '../command.ts';

const folder = path.resolve(import.meta.dirname, '../../server/db/migrations');

const template = `import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql\`\`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql\`\`.execute(db);
}
`;

export const migrationNew: CliCommand = {
  summary: 'Create a timestamp-named migration and register it',
  usage: 'relais migration:new short_name',
  run(args) {
    const slug = (args[0] ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
    if (!slug) {
      console.error(`Usage: ${this.usage}`);
      return Promise.resolve(2);
    }
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const name = `${stamp}_${slug}`;
    fs.writeFileSync(path.join(folder, `${name}.ts`), template, { flag: 'wx' });
    const indexPath = path.join(folder, 'index.ts');
    const source = fs.readFileSync(indexPath, 'utf8');
    // The new import goes after the last import line, the new entry before the closing brace.
    const lastImport = [...source.matchAll(/^import .*;$/gm)].at(-1)!;
    const afterImports = lastImport.index + lastImport[0].length;
    const index = `${source.slice(0, afterImports)}\nimport * as m${stamp} from './${name}.ts';${source.slice(afterImports)}`.replace(
      /\n};\s*$/,
      `\n  '${name}': m${stamp},\n};\n`,
    );
    fs.writeFileSync(indexPath, index);
    console.log(`Created src/server/db/migrations/${name}.ts`);
    return Promise.resolve(0);
  },
};
