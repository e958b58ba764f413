// Sums vitest's JSON reports into the plain closing line CI reads: "N passed, N failed, N skipped".
// A stage whose report is missing did not run; npm test's own exit status decides the rest.
import { existsSync, readFileSync } from 'node:fs';

const [, , npmStatus = '0', ...files] = process.argv;
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of files) {
  if (!existsSync(file)) {
    console.log(`(no report at ${file}: that stage did not run)`);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  // A suite that fails to load has no failed tests of its own, so count it as one failure.
  const brokenSuites = (report.testResults ?? []).filter((s) => s.status === "failed" && (s.assertionResults ?? []).length === 0).length;
  failed += (report.numFailedTests ?? 0) + brokenSuites;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
// A failure outside any test (typecheck, lint, a suite that could not load) still fails the run.
if (npmStatus !== '0' && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
