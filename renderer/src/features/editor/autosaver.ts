/**
 * Saves a document shortly after typing stops, one save at a time, and never forgets a change:
 * a failed save keeps the latest content and retries with backoff until it succeeds.
 * Pure TypeScript with injected timers, so it is tested without a browser.
 */
export type SaveState =
  | { kind: 'saved' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'retrying'; error: unknown; attempt: number };

export interface AutosaverOptions<T> {
  save(content: T): Promise<void>;
  onState(state: SaveState): void;
  /** Called after each successful save with the content that was stored. */
  onSaved?(content: T): void;
  idleMs?: number;
  /** Backoff for retries: attempt 1, 2, 3… waits min(maxRetryMs, firstRetryMs * 2^(attempt-1)). */
  firstRetryMs?: number;
  maxRetryMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class Autosaver<T> {
  private latest: (() => T) | undefined;
  private dirty = false;
  private inFlight: Promise<void> | undefined;
  private timer: unknown;
  private attempt = 0;
  private disposed = false;
  private readonly idleMs: number;
  private readonly firstRetryMs: number;
  private readonly maxRetryMs: number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly options: AutosaverOptions<T>) {
    this.idleMs = options.idleMs ?? 800;
    this.firstRetryMs = options.firstRetryMs ?? 1000;
    this.maxRetryMs = options.maxRetryMs ?? 10_000;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  get hasUnsavedChanges(): boolean {
    return this.dirty;
  }

  /**
   * The editor changed: save once typing pauses. `read` is called only when a save starts, so a
   * keystroke never pays for serialising a large document.
   */
  change(read: () => T): void {
    this.latest = read;
    this.dirty = true;
    if (this.attempt === 0) {
      this.options.onState({ kind: 'pending' });
      this.schedule(this.idleMs);
    }
    // While retrying, the next retry picks up this newer content; the backoff is kept.
  }

  /** Save now (Ctrl+S, switching lesson, closing). Resolves true when everything is stored. */
  async flush(): Promise<boolean> {
    this.cancelTimer();
    while (this.dirty || this.inFlight) {
      if (this.inFlight) {
        await this.inFlight;
        continue;
      }
      const ok = await this.saveOnce();
      if (!ok) return false;
    }
    return true;
  }

  /** Stop timers. Unsaved content is the caller's to keep (see the draft journal). */
  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
  }

  private schedule(ms: number): void {
    this.cancelTimer();
    if (this.disposed) return;
    this.timer = this.setTimer(() => {
      this.timer = undefined;
      void this.saveOnce();
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = undefined;
  }

  private saveOnce(): Promise<boolean> {
    if (this.inFlight) return this.inFlight.then(() => !this.dirty);
    if (!this.dirty || this.latest === undefined) return Promise.resolve(true);
    const content = this.latest();
    this.dirty = false;
    this.options.onState({ kind: 'saving' });
    let succeeded = false;
    this.inFlight = this.options
      .save(content)
      .then(
        () => {
          succeeded = true;
          this.attempt = 0;
          this.options.onSaved?.(content);
        },
        (error: unknown) => {
          // Put the change back unless a newer one already replaced it.
          this.dirty = true;
          this.attempt += 1;
          this.options.onState({ kind: 'retrying', error, attempt: this.attempt });
          const wait = Math.min(this.maxRetryMs, this.firstRetryMs * 2 ** (this.attempt - 1));
          this.schedule(wait);
        },
      )
      .finally(() => {
        this.inFlight = undefined;
        if (!succeeded) return;
        if (this.dirty) {
          this.options.onState({ kind: 'pending' });
          this.schedule(this.idleMs);
        } else {
          this.options.onState({ kind: 'saved' });
        }
      });
    return this.inFlight.then(() => succeeded);
  }
}
