import { readSync } from 'node:fs';

const CHUNK_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;

export type LineResult = { line: Buffer } | { end: true; tail: Buffer | null };

/**
 * Reads an open file a line at a time with synchronous reads of 1 MiB, so a file of any size is
 * never held in memory: only the line being read (up to `maxLineBytes`) and one chunk.
 * `maxTotalBytes` bounds what is read at all, even from a file that grows while it is read.
 * Lines are split on the byte 0x0A, which never occurs inside a multi-byte UTF-8 sequence, so
 * each line can be decoded on its own. The Buffer returned is valid until the next call.
 */
export class LineReader {
  private readonly chunk: Buffer;
  private start = 0;
  private end = 0;
  private eof = false;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes read from the file so far. */
  bytesRead = 0;

  constructor(
    private readonly fd: number,
    private readonly limits: {
      maxTotalBytes: number;
      /** May be changed between calls (a header is allowed less than a record). */
      maxLineBytes: number;
      onLineTooLong: () => Error;
      onFileTooLarge: () => Error;
    },
    /** Bytes per read (tests use small ones to cross chunk boundaries often). */
    chunkBytes = CHUNK_BYTES,
  ) {
    this.chunk = Buffer.allocUnsafe(chunkBytes);
  }

  set maxLineBytes(bytes: number) {
    this.limits.maxLineBytes = bytes;
  }

  next(): LineResult {
    for (;;) {
      const found = this.chunk.subarray(this.start, this.end).indexOf(NEWLINE);
      if (found !== -1) {
        const at = this.start + found;
        if (this.pendingBytes + (at - this.start) > this.limits.maxLineBytes) throw this.limits.onLineTooLong();
        const piece = this.chunk.subarray(this.start, at);
        this.start = at + 1;
        if (this.pending.length === 0) return { line: piece };
        const line = Buffer.concat([...this.pending, piece]);
        this.pending = [];
        this.pendingBytes = 0;
        return { line };
      }
      if (this.end > this.start) {
        this.pendingBytes += this.end - this.start;
        if (this.pendingBytes > this.limits.maxLineBytes) throw this.limits.onLineTooLong();
        this.pending.push(Buffer.from(this.chunk.subarray(this.start, this.end)));
      }
      this.start = 0;
      this.end = 0;
      if (this.eof) {
        const tail = this.pending.length === 0 ? null : Buffer.concat(this.pending);
        this.pending = [];
        this.pendingBytes = 0;
        return { end: true, tail };
      }
      const n = readSync(this.fd, this.chunk, 0, this.chunk.length, null);
      this.bytesRead += n;
      if (this.bytesRead > this.limits.maxTotalBytes) throw this.limits.onFileTooLarge();
      if (n === 0) this.eof = true;
      this.end = n;
    }
  }
}
