import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOG_FILE, createFileLogger } from '../../../electron/main/fileLogger';
import { tempDir } from '../../helpers/tempDir';

describe('the main-process log', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.dispose());

  it('creates its folder and writes one line per entry', () => {
    const logs = join(dir.path, 'logs');
    const log = createFileLogger(logs, 1_000_000, () => new Date(Date.UTC(2026, 8, 1, 9)));
    log.info('starting', { version: '0.1.0' });
    log.warn('blocked navigation', { to: 'https://evil.example' });
    expect(readFileSync(join(logs, LOG_FILE), 'utf8')).toBe(
      '2026-09-01T09:00:00.000Z info starting {"version":"0.1.0"}\n2026-09-01T09:00:00.000Z warn blocked navigation {"to":"https://evil.example"}\n',
    );
  });

  it('keeps one previous file when the log grows too large', () => {
    const log = createFileLogger(dir.path, 200);
    for (let i = 0; i < 10; i++) log.info(`line ${i}`, { padding: 'x'.repeat(40) });
    expect(existsSync(join(dir.path, `${LOG_FILE}.1`))).toBe(true);
    expect(readFileSync(join(dir.path, LOG_FILE), 'utf8').length).toBeLessThan(400);
  });
});
