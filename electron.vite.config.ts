import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { UserConfig } from 'vite';

const root = import.meta.dirname;

/**
 * The renderer's build, shared with the web harness (test/harness) so that tests exercise exactly
 * the bundle the app ships. Served from app:// in the app and from the Vite dev server in `npm run dev`.
 */
export const rendererConfig = {
  root: resolve(root, 'renderer'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: resolve(root, 'out/renderer'),
    emptyOutDir: true,
    rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
  },
} satisfies UserConfig;

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(root, 'electron/main/index.ts') } },
    },
  },
  // The preload runs sandboxed, so it must be a single CommonJS file with its dependencies bundled.
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig,
});
