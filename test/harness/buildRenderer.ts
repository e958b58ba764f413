import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
export const RENDERER_OUT = join(ROOT, 'out/renderer');
const SOURCES = [join(ROOT, 'renderer'), join(ROOT, 'electron/contract'), join(ROOT, 'electron.vite.config.ts')];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when out/renderer is missing or older than any renderer or contract source. */
export function rendererIsStale(): boolean {
  const index = join(RENDERER_OUT, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return SOURCES.some((source) => existsSync(source) && newestMtime(source) > built);
}

/** Builds the renderer with the app's own Vite config. Logs go to stderr, never stdout. */
export async function buildRenderer(): Promise<void> {
  const [{ build, createLogger }, { rendererConfig }] = await Promise.all([
    import('vite'),
    import('../../electron.vite.config'),
  ]);
  const logger = createLogger('warn');
  logger.info = (msg) => process.stderr.write(msg + '\n');
  // Always the production bundle teachers run: vitest sets NODE_ENV=test, and Vite would honour it
  // and ship React's development build into the tests.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ ...rendererConfig, mode: 'production', configFile: false, logLevel: 'warn', customLogger: logger });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}
