import type { Database } from 'better-sqlite3';
import { AppError } from '../errors';
import type { Migration } from './migrations';

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every migration newer than the database, each in its own transaction together with the
 * version bump, so a crash leaves the database at one version or the next, never between.
 */
export function migrate(db: Database, migrations: readonly Migration[]): { from: number; to: number } {
  const from = schemaVersion(db);
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (from > latest) {
    throw new AppError(
      'DATABASE_TOO_NEW',
      `This library was written by a newer version of Lectern (schema ${from}; this version knows up to ${latest}). Update Lectern to open it.`,
    );
  }
  const pending = [...migrations].filter((m) => m.version > from).sort((a, b) => a.version - b.version);
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return { from, to: schemaVersion(db) };
}
