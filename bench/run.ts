/**
 * Runs every benchmark in bench/ (each file exports `run()` and prints its own figures), or the
 * ones named: `npm run bench -- gaps pivot`. Benchmarks print numbers; they do not pass or fail on time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = import.meta.dirname;
const wanted = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.d.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

for (const file of files) {
  const module = (await import(pathToFileURL(path.join(dir, file)).href)) as { run?: () => Promise<void> };
  if (typeof module.run !== 'function') continue;
  console.log(`\n=== ${file} ===`);
  await module.run();
}
