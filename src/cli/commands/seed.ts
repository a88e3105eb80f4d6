import { demoStepsWithLists, seedDemoData } from '../../server/demo/demo.ts';
import { listKeyringFor } from '../../server/lib/list-keys.ts';
import type { CliCommand } from '../command.ts';
import { withDatabase } from '../with-database.ts';

export const seed: CliCommand = {
  summary: 'Seed the demo data (refused in production)',
  usage: 'relais seed',
  async run(_args, config) {
    if (config.env === 'production') {
      console.error('Demo data is never seeded in production (NODE_ENV=production).');
      return 1;
    }
    const ran = await withDatabase(config, (database) => seedDemoData(database.db, demoStepsWithLists(listKeyringFor(config))));
    console.log(ran ? 'Demo data seeded.' : 'Demo data already present: nothing to do.');
    return 0;
  },
};
