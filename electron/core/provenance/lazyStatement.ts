import type { Database, Statement } from 'better-sqlite3';

/**
 * Prepares a statement on first use, then reuses it. Core can be opened read-only (the CLI) on a
 * library older than the AI tables; preparing eagerly would fail there for no reason.
 */
export function lazyStatement<P extends unknown[] | object = unknown[], R = unknown>(db: Database, sql: string): () => Statement<P, R> {
  let statement: Statement<P, R> | undefined;
  return () => (statement ??= db.prepare<P, R>(sql));
}
