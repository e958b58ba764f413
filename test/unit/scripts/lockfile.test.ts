import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
type Manifest = Record<string, unknown> & { scripts?: Record<string, string> };
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  name: string;
  version: string;
  lockfileVersion: number;
  packages: Record<string, Manifest & { hasInstallScript?: boolean }>;
};

/**
 * What npm writes into the lock's root entry from package.json (arborist's rules): a fresh
 * `npm install` rewrites the lock whenever these disagree, and the README says it does not.
 */
function expectedRootEntry(manifest: Manifest): Record<string, unknown> {
  const scripts = manifest.scripts ?? {};
  const entry: Record<string, unknown> = { name: manifest['name'], version: manifest['version'] };
  if (scripts['preinstall'] || scripts['install'] || scripts['postinstall']) entry['hasInstallScript'] = true;
  for (const field of ['license', 'dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies', 'bin', 'engines']) {
    if (manifest[field] !== undefined) entry[field] = manifest[field];
  }
  return entry;
}

describe('package-lock.json agrees with package.json, so a fresh npm install leaves it unchanged', () => {
  it('has the same name and version at the top', () => {
    expect({ name: lock.name, version: lock.version, lockfileVersion: lock.lockfileVersion }).toEqual({
      name: pkg['name'],
      version: pkg['version'],
      lockfileVersion: 3,
    });
  });

  it("has a root entry with package.json's name, version, bin, engines, install script flag and dependency ranges", () => {
    expect(lock.packages['']).toEqual(expectedRootEntry(pkg));
  });

  it('marks the root as having an install script, since postinstall fetches Electron and preinstall checks Node', () => {
    expect(pkg.scripts?.['postinstall']).toBeDefined();
    expect(lock.packages['']?.hasInstallScript).toBe(true);
  });

  it('locks every direct dependency', () => {
    const ranges = { ...(pkg['dependencies'] as Record<string, string>), ...(pkg['devDependencies'] as Record<string, string>) };
    const missing = Object.keys(ranges).filter((name) => !lock.packages[`node_modules/${name}`]);
    expect(missing).toEqual([]);
  });

  it('flags every installed package that has an install script (npm adds the flag otherwise)', () => {
    const wrong: string[] = [];
    for (const [location, entry] of Object.entries(lock.packages)) {
      const manifestPath = join(ROOT, location, 'package.json');
      if (location === '' || !existsSync(manifestPath)) continue;
      const installed = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
      if (installed['version'] !== entry['version']) continue;
      const scripts = installed.scripts ?? {};
      // npm treats a binding.gyp as `install: node-gyp rebuild` when no install script is given.
      const has = Boolean(scripts['preinstall'] || scripts['install'] || scripts['postinstall'] || existsSync(join(ROOT, location, 'binding.gyp')));
      if (has !== (entry.hasInstallScript === true)) wrong.push(`${location}: hasInstallScript should be ${has}`);
    }
    expect(wrong).toEqual([]);
  });
});
