import { closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { LineReader, type LineResult } from '../../../electron/core/library/lineReader';
import { tempDir } from '../../helpers/tempDir';

const dir = tempDir('lectern-lines-');
afterAll(() => dir.dispose());

function readAll(bytes: Buffer, chunkBytes: number, limits: { maxTotalBytes?: number; maxLineBytes?: number } = {}) {
  const file = join(dir.path, 'lines');
  writeFileSync(file, bytes);
  const fd = openSync(file, 'r');
  try {
    const reader = new LineReader(
      fd,
      {
        maxTotalBytes: limits.maxTotalBytes ?? Number.MAX_SAFE_INTEGER,
        maxLineBytes: limits.maxLineBytes ?? Number.MAX_SAFE_INTEGER,
        onLineTooLong: () => new Error('line too long'),
        onFileTooLarge: () => new Error('file too large'),
      },
      chunkBytes,
    );
    const lines: Buffer[] = [];
    let result: LineResult;
    while ('line' in (result = reader.next())) lines.push(Buffer.from(result.line));
    return { lines, tail: result.tail, bytesRead: reader.bytesRead };
  } finally {
    closeSync(fd);
  }
}

describe('reading a file a line at a time', () => {
  it('gives back exactly the lines and the unterminated tail, whatever the chunk size', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b.filter((x) => x !== 0x0a))), { maxLength: 12 }),
        fc.uint8Array({ maxLength: 10 }).map((b) => Buffer.from(b.filter((x) => x !== 0x0a))),
        fc.integer({ min: 1, max: 64 }),
        (lines, tail, chunk) => {
          const bytes = Buffer.concat([...lines.flatMap((l) => [l, Buffer.from('\n')]), tail]);
          const read = readAll(bytes, chunk);
          expect(read.lines.map((l) => l.toString('hex'))).toEqual(lines.map((l) => l.toString('hex')));
          expect(read.tail?.toString('hex') ?? '').toBe(tail.toString('hex'));
          expect(read.bytesRead).toBe(bytes.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stops at the line cap and at the file cap, before reading further', () => {
    const long = Buffer.concat([Buffer.from('short\n'), Buffer.alloc(10_000, 0x61), Buffer.from('\nend\n')]);
    expect(() => readAll(long, 16, { maxLineBytes: 1000 })).toThrow('line too long');
    expect(readAll(long, 16, { maxLineBytes: 10_000 }).lines).toHaveLength(3);
    expect(() => readAll(long, 16, { maxTotalBytes: 5000 })).toThrow('file too large');
  });
});
