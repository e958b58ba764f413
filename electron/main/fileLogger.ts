import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../core/log';

export const LOG_FILE = 'main.log';

type Fields = Record<string, string | number | boolean>;

/**
 * A plain-text log in the app's data folder for IT staff. Callers pass short messages and scalar
 * fields only (core's Logger contract): never a request payload, lesson text or key. One previous
 * file is kept, so the log cannot grow without limit on a shared school machine.
 */
export function createFileLogger(dir: string, maxBytes = 2_000_000, now: () => Date = () => new Date()): Logger {
  const file = join(dir, LOG_FILE);
  let ready = false;
  const write = (level: string, message: string, fields?: Fields) => {
    const line = `${now().toISOString()} ${level} ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}\n`;
    try {
      if (!ready) {
        mkdirSync(dir, { recursive: true });
        ready = true;
      }
      rotateIfLarge(file, maxBytes);
      appendFileSync(file, line, 'utf8');
    } catch (error) {
      // Logging must never take the app down; stderr is the only place left to say so.
      process.stderr.write(`lectern: could not write the log (${String(error)}): ${line}`);
    }
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

function rotateIfLarge(file: string, maxBytes: number): void {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return;
    throw error;
  }
  if (size >= maxBytes) renameSync(file, `${file}.1`);
}
