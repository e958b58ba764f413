import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import os from 'node:os';

/** Writes `bench/results/<name>.json` with the machine it ran on, and prints where. */
export function writeResults(name: string, figures: Record<string, unknown>): string {
  const dir = join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  const body = {
    name,
    measuredAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    figures,
  };
  writeFileSync(file, JSON.stringify(body, null, 2) + '\n');
  console.log(`wrote ${file}`);
  return file;
}
