#!/usr/bin/env node
// The `lectern` command. The CLI is TypeScript run through tsx's loader (a devDependency that
// ships with the source checkout IT staff and scripts use); a missing tsx gets a clear message.
let register;
try {
  ({ register } = await import('tsx/esm/api'));
} catch {
  process.stderr.write('lectern: the command-line tool needs the project\'s dependencies (npm install) to run.\n');
  process.exit(1);
}
register();
await import(new URL('./index.ts', import.meta.url).href);
