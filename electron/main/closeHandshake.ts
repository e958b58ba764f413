import type { BrowserWindow } from 'electron';

export const CLOSE_TIMEOUT_MS = 3_000;

type ClosableWindow = Pick<BrowserWindow, 'on' | 'close' | 'isDestroyed'>;

/**
 * Closing waits for the renderer to save. The first `close` is cancelled and the renderer is asked
 * (`app.closeRequested`); the window closes for real when it answers through `app.closeReady`, or
 * after a timeout so a hung page can never keep the window open.
 */
export class CloseHandshake {
  private state: 'open' | 'waiting' | 'closing' = 'open';
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly window: ClosableWindow,
    private readonly requestSave: () => void,
    private readonly timeoutMs = CLOSE_TIMEOUT_MS,
  ) {
    window.on('close', (event) => this.onClose(event));
    window.on('closed', () => this.clearTimer());
  }

  /** The renderer's `app.closeReady`. True when a close was waiting and now goes ahead. */
  confirm(): boolean {
    if (this.state !== 'waiting') return false;
    // Let the IPC reply reach the renderer before its window goes.
    setTimeout(() => this.closeNow(), 0);
    return true;
  }

  private onClose(event: { preventDefault(): void }): void {
    if (this.state === 'closing') return;
    event.preventDefault();
    if (this.state === 'waiting') return;
    this.state = 'waiting';
    this.timer = setTimeout(() => this.closeNow(), this.timeoutMs);
    this.requestSave();
  }

  private closeNow(): void {
    this.clearTimer();
    if (this.state === 'closing') return;
    this.state = 'closing';
    if (!this.window.isDestroyed()) this.window.close();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
