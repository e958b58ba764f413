/**
 * What "never lose a library quietly" costs (issue 7 §3), on a 10,000-document library:
 * counting the documents in each backup for pruning (cold: first prune in a process; warm:
 * remembered), taking the library lock (machine id, boot time, start ticks), and closing a library
 * while its integrity check runs (the worker is terminated, not waited for).
 */
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, LIBRARY_FILE } from '../electron/core/app';
import { acquireLibraryLock } from '../electron/core/db/lock';
import { runningIntegrityWorkers } from '../electron/core/library/integrity';
import { tempDir } from '../test/helpers/tempDir';
import { buildLibrary } from './storage.bench';
import { writeResults } from './writeResults';

const round = (ms: number) => Math.round(ms * 100) / 100;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function run(): Promise<void> {
  const dir = tempDir();
  const figures: Record<string, unknown> = {};
  try {
    const dataDir = join(dir.path, 'library');
    const count = 10_000;
    buildLibrary(dataDir, count);
    figures.library_documents = count;
    figures.library_file_mb = round(statSync(join(dataDir, LIBRARY_FILE)).size / 1e6);

    // Seven backups of the whole library, as `keep: 7` holds.
    const core = createCore({ dataDir, host: 'web-harness', version: 'bench', library: { background: false } });
    const first = await core.library.backups.backupNow();
    mkdirSync(core.library.backups.dir, { recursive: true });
    for (let i = 1; i < 7; i++) {
      copyFileSync(join(core.library.backups.dir, first.file), join(core.library.backups.dir, first.file.replace('.sqlite', `-${i + 1}.sqlite`)));
    }
    const backups = core.library.backups.list();
    let t = performance.now();
    const counts = backups.map((b) => core.library.backups.documentsIn(b));
    figures.count_7_backups_cold_ms = round(performance.now() - t);
    figures.backup_documents = counts[0];
    t = performance.now();
    core.library.backups.prune();
    figures.prune_7_backups_warm_ms = round(performance.now() - t);
    core.close();

    // The lock, as createCore takes it at every start.
    const lockDir = join(dir.path, 'lock');
    mkdirSync(lockDir);
    const lockMs: number[] = [];
    for (let i = 0; i < 50; i++) {
      t = performance.now();
      acquireLibraryLock(lockDir, 'bench').release();
      lockMs.push(performance.now() - t);
    }
    figures.lock_acquire_release_p50_ms = round(percentile(lockMs, 50));
    figures.lock_acquire_release_p95_ms = round(percentile(lockMs, 95));

    // Closing while the start-up check reads all 200 MB: close() returns, the worker is gone soon after.
    const checking = createCore({ dataDir, host: 'web-harness', version: 'bench', library: { background: true } });
    const checked = checking.library.integrityChecked;
    // 300 ms in: the worker is inside the integrity_check pragma (about 0.5 s here), which a terminate cannot cut short.
    await new Promise((resolve) => setTimeout(resolve, 300));
    t = performance.now();
    checking.close();
    figures.close_during_check_ms = round(performance.now() - t);
    await checked;
    figures.close_during_check_until_worker_gone_ms = round(performance.now() - t);
    figures.workers_left = runningIntegrityWorkers();

    for (const [name, value] of Object.entries(figures)) console.log(`${name.padEnd(44)} ${String(value)}`);
    writeResults('backup', figures);
  } finally {
    dir.dispose();
  }
}
