import init from './001_init';
import library from './002_library';
import ai from './003_ai';
import provenance from './004_provenance';
import assets from './005_assets';
import review from './006_review';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Numbered, append-only. A migration is never edited once released: add the next number instead.
 * They are TypeScript modules holding SQL (not .sql files) so that the bundled main process and
 * the CLI find them without reading files out of the installer's archive.
 */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'init', sql: init },
  { version: 2, name: 'library', sql: library },
  { version: 3, name: 'ai', sql: ai },
  { version: 4, name: 'provenance', sql: provenance },
  { version: 5, name: 'assets', sql: assets },
  { version: 6, name: 'review', sql: review },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);
