import { ConfigError, loadConfig } from './config.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import { demoAccounts, demoPassword } from './demo/demo-accounts.ts';
import { readVersion, startServer } from './server.ts';

async function main() {
  const started = performance.now();
  const config = loadConfig(process.env, readVersion());
  const { app, database, stop, seeded } = await startServer(config);
  await app.listen({ port: config.port, host: config.host });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping: finishing requests in flight');
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  const url = `http://localhost:${config.port}`;
  const lines = [
    '',
    `Relais ${config.version} is running at ${url}  (database: ${database.kind}, started in ${Math.round(performance.now() - started)} ms)`,
  ];
  if (config.demoData) {
    lines.push(seeded ? 'Demo data seeded.' : 'Demo data already present.');
    lines.push(`Demo accounts (password: ${demoPassword}):`);
    for (const account of demoAccounts) lines.push(`  ${account.email.padEnd(26)} ${account.description}`);
  }
  console.log(lines.join('\n') + '\n');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(error.message);
  } else {
    console.error('Relais could not start:', error);
  }
  process.exit(1);
});
