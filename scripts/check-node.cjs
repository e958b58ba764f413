// Stops `npm install`, `npm test` and `npm run dev` at once on a Node older than package.json's
// `engines.node`, with one readable line instead of npm's EBADENGINE warnings or a test run that
// segfaults in better-sqlite3. It runs on the old Node it refuses, so it keeps to syntax every
// Node since 6 can parse: no optional chaining, no `??`, no ES modules.
'use strict';

var fs = require('fs');
var path = require('path');

/** The minimum `major.minor` from an `engines.node` range written as `>=MAJOR.MINOR[.PATCH]`. */
function minimumFromRange(range) {
  var match = /^\s*>=\s*v?(\d+)\.(\d+)(?:\.\d+)?\s*$/.exec(String(range));
  if (!match) throw new Error('check-node: package.json engines.node must be ">=MAJOR.MINOR", not "' + range + '"');
  return { major: Number(match[1]), minor: Number(match[2]) };
}

function readMinimum(packageJsonPath) {
  var pkg = JSON.parse(fs.readFileSync(packageJsonPath, 'utf8'));
  return minimumFromRange(pkg.engines && pkg.engines.node);
}

/** undefined when `version` (e.g. "20.20.2" or "v24.1.0") is new enough, else the message to print. */
function problem(version, minimum) {
  var parts = String(version).replace(/^v/, '').split('.');
  var major = Number(parts[0]);
  var minor = Number(parts[1]);
  var ok = major > minimum.major || (major === minimum.major && minor >= minimum.minor);
  if (ok) return undefined;
  return 'Lectern needs Node ' + minimum.major + '.' + minimum.minor + ' or newer (this is ' +
    String(version).replace(/^v/, '') + ') — see README';
}

function main() {
  var message = problem(process.versions.node, readMinimum(path.join(__dirname, '..', 'package.json')));
  if (message) {
    process.stderr.write(message + '\n');
    process.exit(1);
  }
}

module.exports = { minimumFromRange: minimumFromRange, readMinimum: readMinimum, problem: problem };

if (require.main === module) main();
