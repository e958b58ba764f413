/**
 * `npm run web -- --data-dir DIR [--port N] [--test-hooks] [--no-build]`
 * Builds the renderer when it is missing or stale, starts core on DIR, serves both on 127.0.0.1,
 * and prints `LECTERN_URL=...` as its first line on stdout.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { buildRenderer, rendererIsStale } from './buildRenderer';
import { startHarness } from './server';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string' },
    'test-hooks': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    'files-dir': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});

if (values.help || !values['data-dir']) {
  process.stderr.write('Usage: npm run web -- --data-dir DIR [--port N] [--files-dir DIR] [--test-hooks] [--no-build]\n');
  process.exit(values.help ? 0 : 2);
}
const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`--port must be a whole number from 0 to 65535, not ${JSON.stringify(values.port)}.\n`);
  process.exit(2);
}

if (!values['no-build'] && rendererIsStale()) {
  process.stderr.write('Building the renderer…\n');
  await buildRenderer();
}

const filesDir = values['files-dir'] ?? process.env.LECTERN_HARNESS_FILES_DIR;
const harness = await startHarness({
  dataDir: resolve(values['data-dir']),
  port,
  testHooks: values['test-hooks'],
  ...(filesDir ? { filesDir: resolve(filesDir) } : {}),
});
process.stdout.write(`LECTERN_URL=${harness.url}\n`);
process.stderr.write(`Lectern web harness on ${harness.origin} (data: ${resolve(values['data-dir'])}). Ctrl+C to stop.\n`);

let closing = false;
const shutdown = (signal: string) => {
  if (closing) return;
  closing = true;
  process.stderr.write(`${signal}: closing the library…\n`);
  harness.close().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`Could not close cleanly: ${String(error)}\n`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
