// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { createRequire } from 'node:module';

// ESLint's own parser, from ESLint's own dependencies: typescript-eslint's parser (set for every
// file) accepts any syntax, and scripts/check-node.cjs must be held to ES2015.
const espree = createRequire(import.meta.resolve('eslint'))('espree');

/**
 * Layering (docs/ARCHITECTURE.md §1): imports only point down.
 *   renderer  -> electron/contract
 *   preload   -> electron/contract
 *   main      -> electron/core, electron/contract
 *   cli       -> electron/core, electron/contract (never 'electron', never better-sqlite3 directly)
 *   core      -> electron/contract (never 'electron', never renderer)
 *   contract  -> nothing of the app
 * A wrong import fails `npm run lint`, and so `npm test`.
 */
const layer = (group, message) => ({
  'no-restricted-imports': ['error', { paths: [], patterns: [{ group, message }] }],
});

const ELECTRON_MODULE = { name: 'electron', message: "Only electron/main and electron/preload may import 'electron'." };
const NATIVE = [
  { name: 'better-sqlite3', message: 'better-sqlite3 is used in electron/core only.' },
  { name: 'openai', message: 'The openai SDK is used in electron/core only.' },
];

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'bench/results/**', 'test/.tmp/**', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    // npm lifecycle helpers (package.json `scripts`): plain Node, no build step. The .cjs ones are
    // CommonJS by design (check-node.cjs must load on a Node too old for anything else).
    files: ['scripts/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Runs on the old Node it refuses, so it must parse there: ES2015 syntax at most.
    files: ['scripts/check-node.cjs'],
    languageOptions: { parser: espree, ecmaVersion: 2015 },
    // It has no types, and this rule needs typescript-eslint's parser.
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    files: ['electron/contract/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON_MODULE, ...NATIVE],
          patterns: [
            {
              group: ['**/core/**', '**/main/**', '**/preload/**', '**/renderer/**', 'node:*'],
              message: 'electron/contract imports nothing from the app and nothing from Node: it is shared by every layer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON_MODULE],
          patterns: [
            {
              group: ['**/main/**', '**/main', '**/preload/**', '**/renderer/**', 'react', 'react-dom', '@tiptap/*'],
              message: 'electron/core is plain Node: it may import electron/contract only (Bad layering).',
            },
          ],
        },
      ],
    },
  },
  {
    // Importers read untrusted HTML through the editor's own schema (ARCHITECTURE §3, §6), so TipTap's
    // headless packages (@tiptap/core, pm, extensions: no DOM, no React) are allowed here, and only here.
    files: ['electron/core/import/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON_MODULE],
          patterns: [
            {
              group: ['**/main/**', '**/main', '**/preload/**', '**/renderer/**', 'react', 'react-dom', '@tiptap/react', '@tiptap/extension-bubble-menu', '@tiptap/extension-floating-menu'],
              message: 'electron/core/import may import electron/contract and TipTap\'s headless packages only (Bad layering).',
            },
          ],
        },
      ],
    },
  },
  {
    // The command-line tool runs in plain Node beside (or instead of) the app: it drives core
    // through the same services and the contract, never Electron or the UI.
    files: ['electron/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: "electron/cli runs in plain Node: it may not import 'electron'." }, ...NATIVE],
          patterns: [
            {
              group: ['**/main/**', '**/main', '**/preload/**', '**/renderer/**', 'react', 'react-dom', '@tiptap/*'],
              message: 'electron/cli may import electron/core and electron/contract only (Bad layering).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**'],
    rules: layer(['**/preload/**', '**/renderer/**', 'react', '@tiptap/*'], 'electron/main may import electron/core and electron/contract only (Bad layering).'),
  },
  {
    files: ['electron/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NATIVE,
          patterns: [
            {
              group: ['**/core/**', '**/main/**', '**/renderer/**', 'node:*'],
              message: 'electron/preload may import electron/contract only (Bad layering).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [ELECTRON_MODULE, ...NATIVE],
          patterns: [
            {
              group: ['**/electron/core/**', '**/electron/main/**', '**/electron/preload/**', 'node:*'],
              message: 'The renderer talks to the app through window.lectern; it may import electron/contract only (Bad layering).',
            },
          ],
        },
      ],
    },
  },
);
