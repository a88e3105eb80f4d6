import { createFirstAdmin } from '../../server/features/users/users.service.ts';
import { type CliCommand, parseOptions } from '../command.ts';
import { withDatabase } from '../with-database.ts';

export const createAdmin: CliCommand = {
  summary: 'Create an administrator account (first admin of a production install)',
  usage: 'relais create-admin --email admin@example.org --name "Prénom Nom"',
  async run(args, config) {
    const { options } = parseOptions(args);
    const email = typeof options.email === 'string' ? options.email : '';
    const name = typeof options.name === 'string' ? options.name : '';
    if (!email || !name) {
      console.error(`Usage: ${this.usage}`);
      return 2;
    }
    const result = await withDatabase(config, (database) => createFirstAdmin(database.db, { email, name }));
    if (!result.ok) {
      console.error(result.message);
      return 1;
    }
    console.log(`Administrator ${email} created.`);
    console.log(`Temporary password (shown once; it must be changed at first login): ${result.temporaryPassword}`);
    return 0;
  },
};
