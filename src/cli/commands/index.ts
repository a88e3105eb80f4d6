import type { CliCommand } from '../command.ts';
import { backup, restore } from './backup.ts';
import { createAdmin } from './create-admin.ts';
import { dedup } from './dedup.ts';
import { encode } from './encode.ts';
import { importGazetteer } from './import-gazetteer.ts';
import { migrate } from './migrate.ts';
import { migrationNew } from './migration-new.ts';
import { seed } from './seed.ts';

/** Every CLI command by name; features add theirs here. */
export const commands: Record<string, CliCommand> = {
  migrate,
  seed,
  'create-admin': createAdmin,
  backup,
  restore,
  'migration:new': migrationNew,
  'import-gazetteer': importGazetteer,
  dedup,
  encode,
};
