/**
 * Runs every `bench/*.bench.ts` (or those named on the command line) one after another. Each bench
 * prints its figures and writes `bench/results/<name>.json`; nothing here asserts on time.
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = import.meta.dirname;
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.includes(basename(f, '.bench.ts')))
  .sort();

if (files.length === 0) {
  console.error(`No benchmarks matched ${wanted.join(', ') || '(none present)'}.`);
  process.exit(1);
}
for (const file of files) {
  console.log(`\n== ${basename(file, '.bench.ts')} ==`);
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { run?: () => Promise<unknown> };
  if (typeof mod.run !== 'function') throw new Error(`${file} must export an async run().`);
  await mod.run();
}
