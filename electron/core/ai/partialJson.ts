interface Frame {
  kind: 'object' | 'array';
  /** What the next significant character should be. */
  expect: 'key' | 'colon' | 'value' | 'comma';
}

/**
 * Reads a JSON answer as it streams in and can, at any moment, give the best-effort value so far:
 * the text up to the last complete value with its containers closed, plus a string value still
 * being written. Each pushed character is scanned once (state is kept between pushes); only
 * `snapshot()` parses, and the job calls it on a timer, not per token.
 */
export class PartialJsonScanner {
  private text = '';
  private readonly stack: Frame[] = [];
  private started = false;
  private complete = false;
  private offset = 0;
  private inString = false;
  private stringIsKey = false;
  private escape = false;
  private escapeStart = -1;
  private unicodeLeft = 0;
  private inLiteral = false;
  private safeLen = 0;
  private safeClosers = '';

  push(chunk: string): void {
    const base = this.text.length;
    this.text += chunk;
    for (let j = 0; j < chunk.length; j++) this.step(chunk[j]!, base + j);
  }

  get done(): boolean {
    return this.complete;
  }

  private step(c: string, i: number): void {
    if (this.complete) return;
    if (!this.started) {
      // Models sometimes wrap JSON in prose or a code fence: everything before the first brace is skipped.
      if (c !== '{' && c !== '[') return;
      this.started = true;
      this.offset = i;
    }
    if (this.inString) {
      if (this.unicodeLeft > 0) {
        this.unicodeLeft--;
        if (this.unicodeLeft === 0) this.escapeStart = -1;
      } else if (this.escape) {
        this.escape = false;
        if (c === 'u') this.unicodeLeft = 4;
        else this.escapeStart = -1;
      } else if (c === '\\') {
        this.escape = true;
        this.escapeStart = i;
      } else if (c === '"') {
        this.inString = false;
        if (this.stringIsKey) this.top()!.expect = 'colon';
        else this.valueDone(i + 1);
      }
      return;
    }
    if (this.inLiteral) {
      if (/[0-9A-Za-z.+-]/.test(c)) return;
      this.inLiteral = false;
      this.valueDone(i);
    }
    switch (c) {
      case ' ':
      case '\n':
      case '\r':
      case '\t':
        return;
      case '{':
        this.stack.push({ kind: 'object', expect: 'key' });
        this.markSafe(i + 1);
        return;
      case '[':
        this.stack.push({ kind: 'array', expect: 'value' });
        this.markSafe(i + 1);
        return;
      case '}':
      case ']':
        this.stack.pop();
        this.valueDone(i + 1);
        return;
      case ':':
        if (this.top()) this.top()!.expect = 'value';
        return;
      case ',': {
        const top = this.top();
        if (top) top.expect = top.kind === 'object' ? 'key' : 'value';
        return;
      }
      case '"': {
        const top = this.top();
        this.inString = true;
        this.stringIsKey = top?.kind === 'object' && top.expect === 'key';
        return;
      }
      default:
        this.inLiteral = true;
    }
  }

  private top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  private valueDone(end: number): void {
    const top = this.top();
    if (!top) {
      this.complete = true;
      this.markSafe(end);
      return;
    }
    top.expect = 'comma';
    this.markSafe(end);
  }

  private markSafe(end: number): void {
    this.safeLen = end;
    let closers = '';
    for (let k = this.stack.length - 1; k >= 0; k--) closers += this.stack[k]!.kind === 'object' ? '}' : ']';
    this.safeClosers = closers;
  }

  private closers(): string {
    let closers = '';
    for (let k = this.stack.length - 1; k >= 0; k--) closers += this.stack[k]!.kind === 'object' ? '}' : ']';
    return closers;
  }

  /** The value so far, or undefined before anything usable has arrived. */
  snapshot(): unknown {
    if (!this.started) return undefined;
    let repaired: string;
    if (this.inString && !this.stringIsKey) {
      const cut = this.escapeStart >= 0 ? this.escapeStart : this.text.length;
      repaired = this.text.slice(this.offset, cut) + '"' + this.closers();
    } else {
      repaired = this.text.slice(this.offset, this.safeLen) + this.safeClosers;
    }
    try {
      return JSON.parse(repaired);
    } catch {
      return undefined;
    }
  }
}

/** The first JSON value in an answer, tolerating a code fence or a sentence around it. */
export function extractJson(text: string): string {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  const body = fenced ? fenced[1]! : text;
  const start = body.search(/[{[]/);
  const end = Math.max(body.lastIndexOf('}'), body.lastIndexOf(']'));
  return start === -1 || end < start ? body.trim() : body.slice(start, end + 1);
}
