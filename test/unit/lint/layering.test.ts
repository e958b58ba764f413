import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { ESLint } from 'eslint';

const root = resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering is enforced by lint (ARCHITECTURE.md §1)', () => {
  it.each([
    ['electron/core/bad.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['electron/core/bad.ts', "import { x } from '../main/window';\nexport const y = x;\n"],
    ['electron/contract/bad.ts', "import { createCore } from '../core/app';\nexport const y = createCore;\n"],
    ['electron/contract/bad.ts', "import { readFileSync } from 'node:fs';\nexport const y = readFileSync;\n"],
    ['electron/preload/bad.ts', "import { createCore } from '../core/app';\nexport const y = createCore;\n"],
    ['electron/main/bad.ts', "import { App } from '../../renderer/src/App';\nexport const y = App;\n"],
    ['renderer/src/bad.ts', "import { createCore } from '../../electron/core/app';\nexport const y = createCore;\n"],
    ['renderer/src/bad.ts', "import { ipcRenderer } from 'electron';\nexport const y = ipcRenderer;\n"],
    ['renderer/src/bad.ts', "import Database from 'better-sqlite3';\nexport const y = Database;\n"],
    ['renderer/src/bad.ts', "import { readFileSync } from 'node:fs';\nexport const y = readFileSync;\n"],
  ])('%s: %s is refused', async (file, code) => {
    expect(await layeringErrors(file, code)).not.toEqual([]);
  });

  it.each([
    ['renderer/src/ok.ts', "import { contract } from '../../electron/contract';\nexport const y = contract;\n"],
    ['electron/main/ok.ts', "import { createCore } from '../core/app';\nexport const y = createCore;\n"],
    ['electron/core/ok.ts', "import { contract } from '../contract';\nexport const y = contract;\n"],
  ])('%s: allowed imports pass', async (file, code) => {
    expect(await layeringErrors(file, code)).toEqual([]);
  });
});
