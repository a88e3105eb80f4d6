import { ConfigError, loadConfig } from '../server/config.ts';
import { DataDirLockedError } from '../server/db/data-dir-lock.ts';
import { readVersion } from '../server/server.ts';
import { commands } from './commands/index.ts';

function help() {
  console.log('Usage: relais <command> [options]\n\nCommands:');
  for (const [name, command] of Object.entries(commands)) console.log(`  ${name.padEnd(18)} ${command.summary}\n  ${''.padEnd(18)} ${command.usage}`);
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    help();
    return name && name !== 'help' ? 2 : 0;
  }
  const config = loadConfig(process.env, readVersion());
  return command.run(args, config);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof DataDirLockedError ? error.message : error);
    process.exit(1);
  },
);
