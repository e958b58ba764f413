/**
 * Decides when a polite live region may change. A new kind of news (a new stage, a retry, the end)
 * is said at once; more of the same ("Writing… 120 words") at most every `everyMs`, so a screen
 * reader is not talked over by every token. Pure, with the time passed in.
 */
export class StatusThrottle {
  private shown: { text: string; kind: string; at: number } | undefined;

  constructor(private readonly everyMs = 5000) {}

  /** What the live region should say now, and when to ask again if `text` had to wait. */
  offer(text: string, kind: string, now: number): { text: string; retryInMs: number | null } {
    const shown = this.shown;
    if (shown && shown.kind === kind && shown.text === text) return { text, retryInMs: null };
    if (shown && shown.kind === kind && now - shown.at < this.everyMs) {
      return { text: shown.text, retryInMs: shown.at + this.everyMs - now };
    }
    this.shown = { text, kind, at: now };
    return { text, retryInMs: null };
  }
}
