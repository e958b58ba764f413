// Electron's binary, for `npm run dev` and `npm start`.
//
// Electron 45's npm package has no install script: it downloads its binary the first time
// something calls `require('electron')`. electron-vite never does; it reads
// node_modules/electron/path.txt itself and, finding none, stops with "Electron uninstall". So
// Lectern runs Electron's own installer (node_modules/electron/install.js) from its postinstall
// (a failed download warns: tests need no binary) and again before `dev` and `start` (a failed
// download stops them with a paragraph that says what to do).
//
// Honoured, as Electron's own installer honours them: ELECTRON_SKIP_BINARY_DOWNLOAD (or
// `electron_skip_binary_download` in .npmrc), ELECTRON_MIRROR and its .npmrc form, and the
// download cache (electron_config_cache, its .npmrc form, or ELECTRON_CACHE).
//
// What happened at install is written to node_modules/.cache/lectern/electron-install.json, so
// that the Electron smoke test can say why it was skipped (skipReason below).
//
//   node scripts/electron-binary.mjs install   # postinstall: always exits 0
//   node scripts/electron-binary.mjs ensure    # predev, prestart: exits 1 when there is no binary
//   node scripts/electron-binary.mjs status    # prints where the binary is, or why there is none
// Options, for tests: --electron-dir DIR (default: where `electron` resolves), --record FILE.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIAGNOSTICS = join(ROOT, 'scripts', 'electron-download-diagnostics.cjs');
const DIAGNOSTIC_PREFIX = 'LECTERN_DOWNLOAD_ERROR ';
const OFFICIAL_MIRROR = 'https://github.com/electron/electron/releases/download/';

/** @typedef {Record<string, string | undefined>} Env */
/**
 * What one run of the installer did; `during` is the command that ran it ('npm install', 'npm run dev', 'npm start').
 * @typedef {{ state: 'installed', at: string, during: string, electronVersion: string }
 *   | { state: 'skipped', at: string, during: string, electronVersion: string, variable: string, value: string }
 *   | { state: 'failed', at: string, during: string, electronVersion: string, error: string, url: string | undefined }} InstallRecord
 */
/** @typedef {{ status: number | null, stdout: string, stderr: string, error?: Error | undefined }} InstallerResult */
/** @typedef {(installerPath: string, env: Env) => InstallerResult} RunInstaller */
/**
 * @typedef {{ installed: true, path: string }
 *   | { installed: false, problem: 'no-path-txt' | 'missing-file' | 'override-missing', path: string | undefined }} BinaryStatus
 */

/** The folder of the `electron` package, found without loading it (loading it downloads). */
export function defaultElectronDir() {
  return dirname(createRequire(join(ROOT, 'package.json')).resolve('electron/package.json'));
}

/** defaultElectronDir, or undefined when the `electron` package is not installed. */
function installedElectronDir() {
  try {
    return defaultElectronDir();
  } catch (error) {
    if (/** @type {{ code?: string }} */ (error).code === 'MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}

export function defaultRecordFile() {
  return join(ROOT, 'node_modules', '.cache', 'lectern', 'electron-install.json');
}

/** @param {string} electronDir */
export function electronVersion(electronDir) {
  return /** @type {{ version: string }} */ (JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'))).version;
}

/** @param {string | undefined} value */
function isSet(value) {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/**
 * The variable that asks for no download, or undefined.
 * @param {Env} env
 */
export function skipVariable(env) {
  for (const name of ['ELECTRON_SKIP_BINARY_DOWNLOAD', 'npm_config_electron_skip_binary_download']) {
    if (isSet(env[name])) return name;
  }
  return undefined;
}

/**
 * The download cache the installer is told to use, when one is named (else @electron/get's default).
 * @param {Env} env
 */
export function configuredCache(env) {
  return env['electron_config_cache'] || env['npm_config_electron_config_cache'] || env['ELECTRON_CACHE'] || undefined;
}

/**
 * The environment for Electron's installer. It reads the cache only from `electron_config_cache`,
 * so the other spellings are passed on under that name.
 * @param {Env} env
 * @returns {Env}
 */
export function installerEnv(env) {
  const cache = configuredCache(env);
  return cache ? { ...env, electron_config_cache: cache } : { ...env };
}

/**
 * A download setting as @electron/get reads it (its `mirrorVar`, in the same order): .npmrc, then
 * package.json `config`, then the ELECTRON_* variable.
 * @param {Env} env
 * @param {'mirror' | 'customDir' | 'customFilename'} name
 */
function downloadSetting(env, name) {
  const snake = name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  return env[`npm_config_electron_${name.toLowerCase()}`] || env[`NPM_CONFIG_ELECTRON_${snake.toUpperCase()}`]
    || env[`npm_config_electron_${snake}`] || env[`npm_package_config_electron_${name}`]
    || env[`npm_package_config_electron_${snake}`] || env[`ELECTRON_${snake.toUpperCase()}`] || undefined;
}

/**
 * The mirror Electron's installer downloads from.
 * @param {Env} env
 */
export function mirror(env) {
  return downloadSetting(env, 'mirror') || OFFICIAL_MIRROR;
}

/**
 * @param {Env} env
 * @param {string} platform
 */
function installPlatform(env, platform) {
  return env['ELECTRON_INSTALL_PLATFORM'] || env['npm_config_platform'] || platform;
}

/**
 * The zip Electron's installer fetches and the URL it fetches it from.
 * @param {{ version: string, env: Env, platform?: string, arch?: string }} options
 */
export function artifact({ version, env, platform = process.platform, arch = process.arch }) {
  const targetArch = env['ELECTRON_INSTALL_ARCH'] || env['npm_config_arch'] || arch;
  const tag = `v${version.replace(/^v/, '')}`;
  const fileName = `electron-${tag}-${installPlatform(env, platform)}-${targetArch}.zip`;
  const dir = (downloadSetting(env, 'customDir') || tag).replace('{{ version }}', tag.slice(1));
  return { fileName, url: `${mirror(env)}${dir}/${downloadSetting(env, 'customFilename') || fileName}` };
}

/**
 * @electron/get's default cache root (env-paths('electron', { suffix: '' }).cache).
 * @param {Env} env
 * @param {string} platform
 */
function defaultCacheRoot(env, platform) {
  const home = env['HOME'] || env['USERPROFILE'] || homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'electron');
  if (platform === 'win32') return join(env['LOCALAPPDATA'] || join(home, 'AppData', 'Local'), 'electron', 'Cache');
  return join(env['XDG_CACHE_HOME'] || join(home, '.cache'), 'electron');
}

/**
 * Where @electron/get looks for the zip before downloading it: the cache root, then a folder named
 * by the SHA-256 of the URL's directory (its Cache.getCacheDirectory). A zip copied there from
 * another machine installs offline.
 * @param {{ version: string, env: Env, platform?: string, arch?: string }} options
 */
export function cachedZipPath({ version, env, platform = process.platform, arch = process.arch }) {
  const { url, fileName } = artifact({ version, env, platform, arch });
  const parsed = new URL(url);
  parsed.hash = '';
  parsed.search = '';
  parsed.pathname = posix.dirname(parsed.pathname);
  const folder = createHash('sha256').update(parsed.toString()).digest('hex');
  return join(configuredCache(env) || defaultCacheRoot(env, platform), folder, fileName);
}

/**
 * Where the `electron` package finds its binary (its index.js): ELECTRON_OVERRIDE_DIST_PATH, else
 * dist/ + the name in path.txt. electron-vite reads the same path.txt.
 * @param {{ electronDir: string, env: Env }} options
 * @returns {BinaryStatus}
 */
export function binaryStatus({ electronDir, env }) {
  const pathFile = join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) {
    const path = join(override, relative || 'electron');
    return existsSync(path) ? { installed: true, path } : { installed: false, problem: 'override-missing', path };
  }
  if (!relative) return { installed: false, problem: 'no-path-txt', path: undefined };
  const path = join(electronDir, 'dist', relative);
  return existsSync(path) ? { installed: true, path } : { installed: false, problem: 'missing-file', path };
}

/**
 * Electron's installer, in a child process, with a preload that reports why a fetch failed.
 * @type {RunInstaller}
 */
export function runElectronInstaller(installerPath, env) {
  const result = spawnSync(process.execPath, ['--require', DIAGNOSTICS, installerPath], {
    env: /** @type {NodeJS.ProcessEnv} */ (env),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 16 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', error: result.error };
}

/**
 * What went wrong, in one line: the fetch failure the preload reported, else the installer's first
 * line of error (its stack trace is left out).
 * @param {InstallerResult} result
 * @returns {{ error: string, url: string | undefined }}
 */
export function describeFailure(result) {
  if (result.error) return { error: result.error.message, url: undefined };
  const lines = result.stderr.split(/\r?\n/);
  const reports = lines.filter((line) => line.startsWith(DIAGNOSTIC_PREFIX));
  const last = reports[reports.length - 1];
  if (last) {
    const report = /** @type {{ url: string, message: string }} */ (JSON.parse(last.slice(DIAGNOSTIC_PREFIX.length)));
    return { error: report.message, url: report.url };
  }
  const first = lines.find((line) => line.trim() !== '' && !/^\s+at\s/.test(line));
  if (first) return { error: first.trim().replace(/^Error:\s*/, ''), url: undefined };
  return { error: `Electron's installer exited with ${result.status === null ? 'a signal' : `code ${result.status}`} and said nothing`, url: undefined };
}

/**
 * Runs Electron's installer unless a download is switched off, and records what happened.
 * @param {{ electronDir: string, env: Env, recordFile: string, during?: string, runInstaller?: RunInstaller, now?: () => Date }} options
 * @returns {InstallRecord}
 */
export function install({ electronDir, env, recordFile, during = 'npm install', runInstaller = runElectronInstaller, now = () => new Date() }) {
  const version = electronVersion(electronDir);
  const at = now().toISOString();
  const variable = skipVariable(env);
  /** @type {InstallRecord} */
  let record;
  if (variable) {
    record = { state: 'skipped', at, during, electronVersion: version, variable, value: env[variable] ?? '' };
  } else {
    const result = runInstaller(join(electronDir, 'install.js'), installerEnv(env));
    const status = binaryStatus({ electronDir, env });
    if (result.status === 0 && !result.error && status.installed) {
      record = { state: 'installed', at, during, electronVersion: version };
    } else if (result.status === 0 && !result.error) {
      record = { state: 'failed', at, during, electronVersion: version, error: `Electron's installer finished but ${status.path ?? join(electronDir, 'path.txt')} does not exist`, url: undefined };
    } else {
      record = { state: 'failed', at, during, electronVersion: version, ...describeFailure(result) };
    }
  }
  mkdirSync(dirname(recordFile), { recursive: true });
  writeFileSync(recordFile, `${JSON.stringify(record, null, 2)}\n`);
  return record;
}

/**
 * The record of the last install, when it is for this Electron (a record for another version says
 * nothing about this one).
 * @param {string} recordFile
 * @param {string} version
 * @returns {InstallRecord | undefined}
 */
export function readRecord(recordFile, version) {
  if (!existsSync(recordFile)) return undefined;
  const record = /** @type {InstallRecord} */ (JSON.parse(readFileSync(recordFile, 'utf8')));
  return record.electronVersion === version ? record : undefined;
}

/**
 * The one paragraph printed when there is no binary: what failed, and the ways on.
 * @param {{ record: Extract<InstallRecord, { state: 'failed' }>, env: Env, forCommand: string | undefined, platform?: string, arch?: string }} options
 */
export function failureParagraph({ record, env, forCommand, platform = process.platform, arch = process.arch }) {
  const version = record.electronVersion;
  const { url, fileName } = artifact({ version, env, platform, arch });
  const zip = cachedZipPath({ version, env, platform, arch });
  const usingMirror = mirror(env) !== OFFICIAL_MIRROR;
  const consequence = forCommand
    ? `\`${forCommand}\` needs it, so it stops here.`
    : 'Everything else is installed and `npm test` runs without it, but `npm run dev` and `npm start` need it.';
  return [
    `Electron ${version}'s binary could not be downloaded (${record.error}, fetching ${record.url ?? url}).`,
    consequence,
    `To get it: ${usingMirror ? 'check that the mirror in ELECTRON_MIRROR is reachable and has this version' : 'set ELECTRON_MIRROR to a reachable mirror of Electron\'s releases (for example your school\'s, or https://npmmirror.com/mirrors/electron/)'},`,
    `or, offline, copy ${fileName} from a machine that has downloaded it into ${dirname(zip)}`,
    '(or point ELECTRON_CACHE at a copy of such a machine\'s Electron cache folder),',
    'then run `node scripts/electron-binary.mjs install` or the command again.',
    'To install for tests only, without the binary, set ELECTRON_SKIP_BINARY_DOWNLOAD=1.',
  ].join(' ');
}

/**
 * Why the Electron smoke test cannot run, or undefined when it can (the binary exists). The reason
 * is what happened at install, when that was recorded.
 * @param {{ electronDir: string, env: Env, recordFile: string }} options
 */
export function skipReason({ electronDir, env, recordFile }) {
  const status = binaryStatus({ electronDir, env });
  if (status.installed) return undefined;
  if (status.problem === 'override-missing') return `ELECTRON_OVERRIDE_DIST_PATH is set but ${status.path} does not exist`;
  const record = readRecord(recordFile, electronVersion(electronDir));
  const when = record && (!record.during || record.during === 'npm install' ? 'at install' : `during \`${record.during}\``);
  if (record?.state === 'skipped') return `Electron binary not downloaded: ${record.variable}=${record.value} was set ${when} (${record.at})`;
  if (record?.state === 'failed') return `Electron binary download failed ${when} (${record.at}): ${record.error}${record.url ? ` (${record.url})` : ''}`;
  if (record?.state === 'installed') return `Electron binary was installed ${when} (${record.at}) but ${status.path ?? join(electronDir, 'path.txt')} no longer exists`;
  if (status.problem === 'missing-file') return `Electron binary not installed: path.txt names ${status.path}, which does not exist`;
  return 'Electron binary not installed: node_modules/electron/path.txt is absent and Lectern\'s install step has not run (installed with --ignore-scripts?); run `node scripts/electron-binary.mjs install`';
}

/**
 * @param {string[]} argv
 * @param {{ env: Env, log: (line: string) => void, warn: (line: string) => void, runInstaller?: RunInstaller }} io
 * @returns {number} the exit code
 */
export function main(argv, { env, log, warn, runInstaller }) {
  const [command, ...rest] = argv;
  /** @param {string} name */
  const option = (name) => {
    const at = rest.indexOf(name);
    return at >= 0 ? rest[at + 1] : undefined;
  };
  const electronDir = option('--electron-dir') ?? installedElectronDir();
  if (!electronDir) {
    // `npm install --omit=dev` leaves Electron (a devDependency) out: nothing to install it into.
    const line = 'The electron package is not installed (were devDependencies omitted?), so there is no Electron binary to install.';
    if (command === 'install') log(line);
    else warn(`${line} Run \`npm install\` first.`);
    return command === 'install' ? 0 : 1;
  }
  const recordFile = option('--record') ?? defaultRecordFile();
  const version = electronVersion(electronDir);

  if (command === 'status') {
    const status = binaryStatus({ electronDir, env });
    log(status.installed ? `Electron ${version}: ${status.path}` : `Electron ${version}: ${skipReason({ electronDir, env, recordFile })}`);
    return status.installed ? 0 : 1;
  }

  if (command === 'install') {
    const record = install({ electronDir, env, recordFile, runInstaller });
    if (record.state === 'installed') log(`Electron ${version}'s binary is installed.`);
    if (record.state === 'skipped') {
      log(`Electron ${version}'s binary was not downloaded (${record.variable} is set): the tests run without it; \`npm run dev\` downloads it once that variable is unset.`);
    }
    if (record.state === 'failed') warn(failureParagraph({ record, env, forCommand: undefined }));
    return 0;
  }

  if (command === 'ensure') {
    const execPath = env['ELECTRON_EXEC_PATH'];
    if (execPath) {
      if (existsSync(execPath)) return 0;
      warn(`ELECTRON_EXEC_PATH is set to ${execPath}, which does not exist: unset it, or point it at an Electron ${version} executable.`);
      return 1;
    }
    const forCommand = env['npm_lifecycle_event'] === 'prestart' ? 'npm start' : 'npm run dev';
    const before = binaryStatus({ electronDir, env });
    if (before.installed) return 0;
    if (before.problem === 'override-missing') {
      warn(`ELECTRON_OVERRIDE_DIST_PATH is set but ${before.path} does not exist: unset it, or point it at a folder holding Electron ${version}.`);
      return 1;
    }
    const variable = skipVariable(env);
    if (variable) {
      warn(`\`${forCommand}\` needs Electron ${version}'s binary, which is not installed, and ${variable} is set here, so it is not downloaded. Unset ${variable} and run \`${forCommand}\` again (with ELECTRON_MIRROR if GitHub is out of reach).`);
      return 1;
    }
    log(`Installing Electron ${version}'s binary, from the Electron cache or else about 100 MB from ${new URL(artifact({ version, env }).url).host}…`);
    const record = install({ electronDir, env, recordFile, during: forCommand, runInstaller });
    if (record.state === 'installed') return 0;
    if (record.state === 'failed') warn(failureParagraph({ record, env, forCommand }));
    return 1;
  }

  warn('usage: node scripts/electron-binary.mjs install | ensure | status [--electron-dir DIR] [--record FILE]');
  return 2;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2), {
    env: process.env,
    log: (line) => console.log(line),
    warn: (line) => console.error(line),
  });
}
