import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const SCRIPT = join(ROOT, 'scripts/check-node.cjs');
const checkNode = createRequire(import.meta.url)(SCRIPT) as {
  minimumFromRange(range: string): { major: number; minor: number };
  readMinimum(packageJson: string): { major: number; minor: number };
  problem(version: string, minimum: { major: number; minor: number }): string | undefined;
};
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string }; scripts: Record<string, string> };

/** The machine's own Node, older than Lectern needs (Debian's Node 20 here); absent elsewhere. */
const SYSTEM_NODE = '/usr/bin/node';
function systemNodeVersion(): string | undefined {
  if (!existsSync(SYSTEM_NODE)) return undefined;
  const result = spawnSync(SYSTEM_NODE, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim().replace(/^v/, '') : undefined;
}
const oldNode = systemNodeVersion();
const oldNodeIsOld = oldNode !== undefined && checkNode.problem(oldNode, checkNode.readMinimum(join(ROOT, 'package.json'))) !== undefined;

describe('scripts/check-node.cjs: Lectern refuses a Node older than engines.node, in one line', () => {
  it('takes its minimum from package.json engines.node, which the README states too', () => {
    expect(pkg.engines.node).toBe('>=22.12');
    expect(checkNode.readMinimum(join(ROOT, 'package.json'))).toEqual({ major: 22, minor: 12 });
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('**Node.js 22.12 or newer**');
  });

  it.each([
    ['20.20.2', 'Lectern needs Node 22.12 or newer (this is 20.20.2) — see README'],
    ['v22.11.9', 'Lectern needs Node 22.12 or newer (this is 22.11.9) — see README'],
    ['16.20.0', 'Lectern needs Node 22.12 or newer (this is 16.20.0) — see README'],
  ])('Node %s is refused with the message', (version, message) => {
    expect(checkNode.problem(version, { major: 22, minor: 12 })).toBe(message);
  });

  it.each(['22.12.0', '22.20.1', '23.0.0', '24.22.3', 'v25.1.0'])('Node %s passes', (version) => {
    expect(checkNode.problem(version, { major: 22, minor: 12 })).toBeUndefined();
  });

  it('refuses a range it cannot read rather than letting every Node through', () => {
    expect(() => checkNode.minimumFromRange('^22.12.0')).toThrow(/engines\.node must be ">=MAJOR\.MINOR"/);
    expect(checkNode.minimumFromRange('>= 22.12.0')).toEqual({ major: 22, minor: 12 });
  });

  it.runIf(oldNodeIsOld)(`run by the machine's old Node (${SYSTEM_NODE} ${oldNode ?? 'absent'}), it exits 1 with the message`, () => {
    const result = spawnSync(SYSTEM_NODE, [SCRIPT], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`Lectern needs Node 22.12 or newer (this is ${oldNode}) — see README\n`);
  });

  it('run by this Node, it exits 0 and says nothing', () => {
    const result = spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8' });
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('guards npm install, npm test, each test half, npm run dev and npm start', () => {
    for (const script of ['preinstall', 'pretest', 'test:unit', 'test:e2e', 'predev', 'prestart']) {
      expect(pkg.scripts[script], script).toMatch(/^node scripts\/check-node\.cjs(?: && |$)/);
    }
  });

  it('is linted as ES2015, so it still parses on the old Node it refuses', async () => {
    const eslint = new ESLint({ cwd: ROOT });
    const [modern] = await eslint.lintText("'use strict';\nmodule.exports = process.versions?.node ?? '0';\n", { filePath: SCRIPT });
    expect(modern!.messages.map((m) => m.message)).toEqual([expect.stringMatching(/^Parsing error/)]);
    const [real] = await eslint.lintFiles([SCRIPT]);
    expect(real!.messages).toEqual([]);
  });
});
