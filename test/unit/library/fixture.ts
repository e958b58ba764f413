import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { ErrorInfo, InputOf, MethodName, OutputOf, TipTapDoc } from '../../../electron/contract';
import { createCore, type AppConfig, type LecternCore } from '../../../electron/core/app';
import { fakeClock } from '../../helpers/fakeClock';
import { tempDir } from '../../helpers/tempDir';

export type FakeClock = ReturnType<typeof fakeClock>;

export interface TestLibrary {
  dir: ReturnType<typeof tempDir>;
  clock: FakeClock;
  core: LecternCore;
  /** Calls a contract method the way the renderer does and returns its value, or throws its error. */
  call<N extends MethodName>(name: N, input: InputOf<N>): Promise<OutputOf<N>>;
  /** Calls a method that should fail, and returns its error. */
  fail<N extends MethodName>(name: N, input: InputOf<N>): Promise<ErrorInfo>;
  reopen(extra?: Partial<AppConfig>): void;
  dispose(): void;
}

/** A library in a fresh temp folder, with a fake clock and no background work. */
export function openTestLibrary(extra: Partial<AppConfig> = {}, dir = tempDir()): TestLibrary {
  const clock = fakeClock();
  const config = (more: Partial<AppConfig>): AppConfig => ({
    dataDir: dir.path,
    host: 'web-harness',
    version: 'test',
    clock,
    ...extra,
    ...more,
    library: { background: false, ...extra.library, ...more.library },
  });
  const lib: TestLibrary = {
    dir,
    clock,
    core: createCore(config({})),
    async call(name, input) {
      const result = await lib.core.dispatch(name, input);
      if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
      return result.value as never;
    },
    async fail(name, input) {
      const result = await lib.core.dispatch(name, input);
      if (result.ok) throw new Error(`${name} unexpectedly succeeded`);
      return result.error;
    },
    reopen(more = {}) {
      lib.core.close();
      lib.core = createCore(config(more));
    },
    dispose() {
      lib.core.close();
      dir.dispose();
    },
  };
  return lib;
}

/** A TipTap document of paragraphs. */
export function doc(...paragraphs: string[]): TipTapDoc {
  return {
    type: 'doc',
    content: paragraphs.map((text) => (text === '' ? { type: 'paragraph' } : { type: 'paragraph', content: [{ type: 'text', text }] })),
  };
}

/**
 * A hash of every row of every table (FTS5's shadow tables included), to prove that a failed
 * operation changed nothing at all.
 */
export function databaseChecksum(db: Database): string {
  const hash = createHash('sha256');
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")
    .all() as Array<{ name: string }>;
  for (const { name } of tables) {
    hash.update(`table ${name}\n`);
    for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY 1`).iterate()) hash.update(JSON.stringify(row) + '\n');
  }
  hash.update(String(db.pragma('user_version', { simple: true })));
  return hash.digest('hex');
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
