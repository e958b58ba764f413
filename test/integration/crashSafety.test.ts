import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TipTapDoc } from '../../electron/contract';
import { createCore, LIBRARY_FILE } from '../../electron/core/app';
import { checkNow } from '../../electron/core/library/integrity';
import { tempDir } from '../helpers/tempDir';
import { crashText, sequenceOf } from './fixtures/crashText';

const KILLS = 200;
/** Two lanes, each with its own library, share the kills: the machine has two cores. */
const LANES = 2;
const FIXTURE = join(import.meta.dirname, 'fixtures', 'saveLoop.ts');

interface Run {
  lastAcknowledged: number;
  saves: number;
}

/** Starts the save loop, kills it with SIGKILL 2–50 ms after it is ready, and reports what it acknowledged. */
function runAndKill(dataDir: string, documentId: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, dataDir, documentId], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let killed = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (!killed && out.startsWith('ready\n')) {
        killed = true;
        setTimeout(() => child.kill('SIGKILL'), 2 + Math.random() * 48);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    // 'close' comes after the process is reaped, so the next run sees its pid as gone.
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`save loop ended by itself (code ${code}): ${err}`));
      const numbers = out.split('\n').slice(1).filter((l) => /^\d+$/.test(l)).map(Number);
      resolve({ lastAcknowledged: numbers.at(-1) ?? -1, saves: numbers.length });
    });
    child.on('error', reject);
  });
}

/** What a reader finds after the crash: the integrity check, then the document as stored. */
function inspect(dataDir: string, documentId: string): { ok: boolean; problems: string[]; content: TipTapDoc } {
  const file = join(dataDir, LIBRARY_FILE);
  const report = checkNow(file, 'full');
  const db = new Sqlite(file, { readonly: true });
  try {
    const row = db.prepare('SELECT content FROM documents WHERE id = ?').get(documentId) as { content: string };
    return { ok: report.ok, problems: report.problems, content: JSON.parse(row.content) as TipTapDoc };
  } finally {
    db.close();
  }
}

describe('crash safety', () => {
  const lanes: Array<{ dir: ReturnType<typeof tempDir>; documentId: string }> = [];
  beforeAll(() => {
    for (let i = 0; i < LANES; i++) {
      const dir = tempDir('lectern-crash-');
      const core = createCore({ dataDir: dir.path, host: 'web-harness', version: 'test', library: { background: false } });
      const { id } = core.documents.create({ title: 'Crash test', kind: 'note', content: crashText(0) });
      core.close();
      lanes.push({ dir, documentId: id });
    }
  });
  afterAll(() => lanes.forEach((l) => l.dir.dispose()));

  it(`keeps a sound database and a whole, never older text across ${KILLS} SIGKILLs mid-save`, { timeout: 120_000 }, async () => {
    const started = performance.now();
    const totals = { saves: 0, inFlightLost: 0, inFlightKept: 0 };
    await Promise.all(
      lanes.map(async ({ dir, documentId }) => {
        let previous = 0;
        for (let i = 0; i < KILLS / LANES; i++) {
          const run = await runAndKill(dir.path, documentId);
          totals.saves += run.saves;
          const found = inspect(dir.path, documentId);
          expect(found.problems, `integrity after kill ${i}`).toEqual([]);
          const seq = sequenceOf(found.content);
          // One of the complete texts, never a mix of two.
          expect(found.content, `text after kill ${i}`).toEqual(crashText(seq));
          // Never older than what was acknowledged, nor than before; at most the one save in flight more.
          expect(seq).toBeGreaterThanOrEqual(Math.max(previous, run.lastAcknowledged));
          if (run.lastAcknowledged >= 0) expect(seq).toBeLessThanOrEqual(run.lastAcknowledged + 1);
          if (run.lastAcknowledged >= 0) totals[seq > run.lastAcknowledged ? 'inFlightKept' : 'inFlightLost']++;
          previous = seq;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(`crash safety: ${KILLS} kills, ${totals.saves} acknowledged saves, in-flight save kept ${totals.inFlightKept}× / lost ${totals.inFlightLost}×, ${seconds.toFixed(1)} s`);
    expect(totals.saves).toBeGreaterThan(KILLS);
  });
});
