import type { CliCommand } from '../command.ts';
import { withDatabase } from '../with-database.ts';

export const migrate: CliCommand = {
  summary: 'Apply pending database migrations',
  usage: 'relais migrate',
  async run(_args, config) {
    // withDatabase migrates on open; this command only reports it.
    await withDatabase(config, (database) => {
      console.log(`Database (${database.kind}) is up to date.`);
      return Promise.resolve();
    });
    return 0;
  },
};
